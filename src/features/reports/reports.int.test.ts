/**
 * The annual report (issue 13, decision 034) of a small published partnership, on a real
 * database: the printable page and the PDF, for the partnership and for an organisation, read
 * from the published snapshot only. The PDF's text is read back with pdftotext and its structure
 * with pdfinfo (poppler-utils): the headings, a figure as the page shows it, page numbers, the
 * revision on every page, and never a people-count that disclosure control hid.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openQuarter,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';

const ACTOR = { userId: null, label: 'test' };

let t: TestApp;
let p: Partnership;
let trust: Organisation;
let council: Organisation;
let anonymous: TestClient;
let dir: string;

/** Runs one of poppler-utils' programs on the PDF, and returns what it prints. */
function poppler(program: 'pdftotext' | 'pdfinfo' | 'pdffonts', pdf: Buffer, ...args: string[]) {
  const file = path.join(dir, `report-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(program, [...args, file, ...(program === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${program} is needed for this test: apt-get install poppler-utils`);
    throw error;
  }
}

/** A PDF's text as pdftotext lays it out, page by page (split at form feeds). */
const pdfText = (pdf: Buffer) =>
  poppler('pdftotext', pdf, '-layout')
    .split('\f')
    .filter((page) => page.trim() !== '');

async function getPdf(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  return {
    status: res.statusCode,
    type: String(res.headers['content-type']),
    body: res.rawPayload,
  };
}

const base = () => `/p/${p.slug}/reports/2025-26`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-report-'));
  t = await startTestApp();
  p = await makePartnership(t.deps, { isPublic: true, name: 'Walton Anchor Partnership' });
  trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
  council = await makeOrganisation(t.deps, p, { name: 'Kirkby Council' });
  const before = await openYear(t.deps, p, 2024);
  const year = await openYear(t.deps, p, 2025);
  const q1 = await openQuarter(t.deps, p, 2025, 1, '2025-08-31');
  // W1 in 2024/25: 880 of 1,000 and 170 of 200 (87.5% together).
  await approvedReturn(t, p, trust, before, { staff_paid_rlw: 880, staff_headcount: 1000 });
  await approvedReturn(t, p, council, before, { staff_paid_rlw: 170, staff_headcount: 200 });
  // W1 in 2025/26: 962 of 1,000 and 181 of 200; from counts rounded to 5, 95.4% together.
  await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
  await approvedReturn(t, p, council, year, { staff_paid_rlw: 181, staff_headcount: 200 });
  // W7: 4 and 43 apprenticeship starts; 4 is fewer than 10, so 43 is hidden too, and the total
  // (47) is published as 45.
  await approvedReturn(t, p, trust, q1, { apprenticeship_starts: 4 });
  await approvedReturn(t, p, council, q1, { apprenticeship_starts: 43 });
  await t.deps.initiatives.add(
    p.id,
    {
      title: 'Kirkby jobs pathway',
      outcomes: 'Residents into entry-level jobs',
      status: 'active',
      startsOn: '2025-05-01',
      endsOn: null,
      pillars: ['workforce'],
      vcsePartner: null,
      partners: [{ organisationId: trust.id, pooledPence: 100_000 }],
      milestones: [{ title: 'First cohort starts', dueOn: '2025-09-30', done: true }],
      evidenceLink: null,
      evidenceNote: '',
    },
    ACTOR,
  );
  // Kirkby Council shows only the partnership total for W1.
  await t.deps.publishing.choose(p.id, council.id, new Set(), ['W1'], ACTOR);
  anonymous = t.client();
});

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the annual report', () => {
  it('is not there before the year is published', async () => {
    expect((await anonymous.get(base())).status).toBe(404);
    expect((await getPdf(`${base()}/report.pdf`)).status).toBe(404);
    await t.deps.publishing.publish(p.id, 2024, ACTOR, null);
    await t.deps.publishing.publish(p.id, 2025, ACTOR, null);
  });

  it('is a printable page with the year’s figures, the PDF link and each organisation’s report', async () => {
    const res = await anonymous.get(base());
    expect(res.status).toBe(200);
    const page = textOf(res.body);
    expect(page).toContain('Walton Anchor Partnership: annual report 2025/26');
    expect(page).toContain('Download this report as a PDF');
    expect(page).toContain('95.4%');
    expect(page).toContain('W1 Directly employed staff paid at least the Real Living Wage');
    expect(page).toContain('Kirkby jobs pathway');
    expect(page).toContain('We draw a straight line from the baseline to the target');
    expect(page).not.toMatch(/\b(43|47)\b/);
    expect(res.body).toContain(`href="${base()}/report.pdf"`);
    expect(res.body).toContain(`href="${base()}/organisations/${trust.id}"`);
    expect(res.body).toContain('media="print"');
    expect((await anonymous.get('/reports/print.css')).body).toContain('@media print');
  });

  it('keeps the joint initiatives as the register recorded them when the year was published', async () => {
    const rename = (title: string) =>
      t.database.db
        .updateTable('joint_initiatives')
        .set({ title })
        .where('partnership_id', '=', p.id)
        .execute();
    await rename('Renamed since publication');
    const page = textOf((await anonymous.get(base())).body);
    expect(page).toContain('Kirkby jobs pathway');
    expect(page).not.toContain('Renamed since publication');
    expect(page).toContain(
      'as the partnership’s register recorded them when these figures were published',
    );
    await rename('Kirkby jobs pathway');
  });

  it('is a tagged PDF: headings, a figure as the page shows it, page numbers and the revision on every page', async () => {
    const res = await getPdf(`${base()}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const pages = pdfText(res.body);
    const all = pages.join('\n');
    for (const heading of [
      'Walton Anchor Partnership: annual report 2025/26',
      'Summary',
      'Workforce',
      'W1 Directly employed staff paid at least the Real Living Wage',
      'Pledges',
      'Joint initiatives',
      'Kirkby jobs pathway',
      'You said, we did',
      'How the figures are worked out',
      'Whether an indicator is on track',
    ])
      expect(all).toContain(heading);
    expect(all).toContain('95.4%');
    // The chart over both published years, with its summary sentence.
    expect(all).toContain('Rose from 87.5% in 2024/25 to 95.4% in 2025/26.');
    expect(all).toContain('Fewer than 10');
    // A people-count that disclosure control hid never appears, nor the true total.
    expect(all).not.toMatch(/\b(43|47)\b/);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toMatch(/Revision 1, published on \d{1,2} \w+ \d{4}/);
      expect(page).toContain('Walton Anchor Partnership: annual report 2025/26');
    });

    const info = poppler('pdfinfo', res.body);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Walton Anchor Partnership: annual report 2025\/26$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    const structure = poppler('pdfinfo', res.body, '-struct');
    for (const element of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'Table', 'TH', 'TD', 'Figure'])
      expect(structure).toMatch(new RegExp(`^\\s*${element}\\b`, 'm'));
    // The language and the fonts, embedded from the repository.
    expect(res.body.toString('latin1')).toContain('/Lang (en-GB)');
    const fonts = poppler('pdffonts', res.body);
    expect(fonts).toMatch(/LiberationSans\s/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('gives an organisation its own figures where the snapshot publishes them, and otherwise the total, saying so', async () => {
    const own = await getPdf(`${base()}/organisations/${trust.id}/report.pdf`);
    expect(own.status).toBe(200);
    const trustText = pdfText(own.body).join('\n');
    expect(trustText).toContain('Walton Trust: annual report 2025/26');
    // The trust's W1, 960 of 1,000 (rounded to 5): 96.0%; and the partnership's beside it.
    expect(trustText).toContain('96.0%');
    expect(trustText).toContain('The partnership’s figure: 95.4%.');
    expect(trustText).not.toMatch(/\b(43|47)\b/);

    const totalOnly = await getPdf(`${base()}/organisations/${council.id}/report.pdf`);
    const councilText = pdfText(totalOnly.body).join('\n');
    expect(councilText).toContain('Kirkby Council: annual report 2025/26');
    expect(councilText).toMatch(/Only the partnership total is published for this\s+indicator/);
    // The council's own W1 (180 of 200) is not published.
    expect(councilText).not.toContain('90.0%');
    expect(councilText).not.toMatch(/\b(43|47)\b/);
    expect(textOf((await anonymous.get(`${base()}/organisations/${council.id}`)).body)).toContain(
      'The partnership’s annual report',
    );
  });

  it('answers 404 for a year not published, an address that is not a year, an organisation not in the publication, and a partnership that is not public', async () => {
    expect((await anonymous.get(`/p/${p.slug}/reports/2023-24`)).status).toBe(404);
    for (const bad of ['2025', '2025-27', '2025-26x', '2025-26%00'])
      expect((await anonymous.get(`/p/${p.slug}/reports/${bad}`)).status).toBe(404);
    const other = await makePartnership(t.deps, { isPublic: true });
    const stranger = await makeOrganisation(t.deps, other);
    for (const id of [stranger.id, 'x', '00000000-0000-0000-0000-000000000000']) {
      expect((await anonymous.get(`${base()}/organisations/${id}`)).status).toBe(404);
      expect((await getPdf(`${base()}/organisations/${id}/report.pdf`)).status).toBe(404);
    }
    const hidden = await makePartnership(t.deps, { isPublic: false });
    await openYear(t.deps, hidden, 2025);
    await t.deps.publishing.publish(hidden.id, 2025, ACTOR, null);
    expect((await anonymous.get(`/p/${hidden.slug}/reports/2025-26`)).status).toBe(404);
    expect((await getPdf(`/p/${hidden.slug}/reports/2025-26/report.pdf`)).status).toBe(404);
  });

  it('follows a correction: the latest revision, its reason, on every page', async () => {
    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Walton Hospitals Trust' })
      .where('id', '=', trust.id)
      .execute();
    const reason = 'The trust’s name was wrong.';
    await t.deps.publishing.publish(p.id, 2025, ACTOR, reason);
    const pages = pdfText((await getPdf(`${base()}/report.pdf`)).body);
    expect(pages.join('\n')).toContain(
      `This revision corrects the one before it because: ${reason}`,
    );
    expect(pages.join('\n')).toContain('Walton Hospitals Trust');
    for (const page of pages) expect(page).toMatch(/Revision 2, published on/);
  });
});
