/**
 * Publishing a year's figures through the pages, on a real database: the lead previews and
 * publishes; the public page reads the stored snapshot (a later change to the data does not move
 * it); a correction needs a reason, is refused when nothing changed, adds a revision and leaves the
 * old one reachable and marked corrected; a publication can never be changed or removed; an
 * organisation's choice not to show its own figure holds from the next publication; counts of
 * people are published through disclosure control; nothing unpublished or unpublic is shown.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openQuarter,
  openYear,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { charterTargets } from '../../../test/helpers/route-targets.js';

let t: TestApp;
let p: Partnership;
let trust: Organisation;
let council: Organisation;
let year: ReportingPeriod;
let q1: ReportingPeriod;
let lead: TestClient;
let anonymous: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps, { isPublic: true });
  trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
  council = await makeOrganisation(t.deps, p, { name: 'Kirkby Council' });
  year = await openYear(t.deps, p, 2025);
  q1 = await openQuarter(t.deps, p, 2025, 1, '2025-08-31');
  // W1: 962 of 1,000 and 181 of 200 paid the Real Living Wage.
  await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
  await approvedReturn(t, p, council, year, { staff_paid_rlw: 181, staff_headcount: 200 });
  // W7, quarterly: 4 and 43 apprenticeship starts in the first quarter.
  await approvedReturn(t, p, trust, q1, { apprenticeship_starts: 4 });
  await approvedReturn(t, p, council, q1, { apprenticeship_starts: 43 });
  lead = await signedInAs(t, 'partnership-lead', p);
  anonymous = t.client();
});

afterAll(async () => {
  await t?.close();
});

const publicPath = () => `/p/${p.slug}/figures/2025-26`;
const managePath = () => `/manage/${p.slug}/publishing/2025-26`;

describe('publishing a year', () => {
  it('shows nothing in public before the year is published', async () => {
    expect((await anonymous.get(publicPath())).status).toBe(404);
    expect(textOf((await anonymous.get(`/p/${p.slug}/figures`)).body)).toContain(
      'The partnership has not published any figures yet.',
    );
    expect(textOf((await lead.get(`/manage/${p.slug}/publishing`)).body)).toContain(
      'Not published',
    );
  });

  it('previews, then publishes, what the public sees: people counted through disclosure control', async () => {
    const preview = textOf((await lead.get(managePath())).body);
    expect(preview).toContain('Publish the figures for 2025/26');
    expect(preview).toContain('W7 Apprenticeship starts');

    const res = await lead.post(managePath(), {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(publicPath());
    const page = textOf((await anonymous.get(publicPath())).body);
    expect(page).toContain('Figures for 2025/26');
    expect(page).toContain('Revision 1, published on');
    // The partnership's page heads with each pillar's indicators by status.
    const home = textOf((await anonymous.get(`/p/${p.slug}`)).body);
    expect(home).toContain('Indicators by status, as published for 2025/26');
    expect(home).toMatch(
      /Workforce: \d+ (on track|at risk|off track|without a target|without data)/,
    );
    expect(home).toContain('The partnership has not adopted a charter yet.');
    // W1 from counts rounded to 5: 960 + 180 of 1,200 = 95.4%; the trust's 960 of 1,000 = 96.0%.
    expect(page).toContain('95.4%');
    expect(page).toContain('96.0%');
    // W7: 4 is fewer than 10, so 43 is hidden too; the total, 47, is published as 45.
    expect(page).toContain('Fewer than 10');
    expect(page).toContain('Hidden to protect another figure');
    expect(page).not.toMatch(/\b(47|43)\b/);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('partnership_id', '=', p.id)
      .where('action', '=', 'figures.published')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('asks for a reason to correct, and refuses a correction that changes nothing', async () => {
    const noReason = await lead.post(managePath(), { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why the published figures are being corrected');
    const nothing = await lead.post(managePath(), { reason: 'Checking' });
    expect(nothing.status).toBe(409);
    expect(textOf(nothing.body)).toContain('there is nothing to correct');
  });

  it('reads the public page from the snapshot: a later change to the data does not move it', async () => {
    const before = textOf((await anonymous.get(publicPath())).body);
    const other = await openYear(t.deps, p, 2024);
    await approvedReturn(t, p, trust, other, { staff_paid_rlw: 10, staff_headcount: 1000 });
    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Walton Hospitals' })
      .where('id', '=', trust.id)
      .execute();
    expect(textOf((await anonymous.get(publicPath())).body)).toBe(before);
    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Walton Trust' })
      .where('id', '=', trust.id)
      .execute();
  });

  it('never lets a publication be changed or removed', async () => {
    await expect(
      sql`UPDATE publications SET revision = 9 WHERE partnership_id = ${p.id}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/cannot be changed or removed/);
    await expect(
      sql`DELETE FROM publications WHERE partnership_id = ${p.id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed or removed/);
  });

  it('holds an organisation’s choice to show only the total from the next publication, published as a correction with its reason', async () => {
    const orgLead = await signedInAs(t, 'org-lead', p, council);
    const choices = `/manage/${p.slug}/organisations/${council.id}/publishing`;
    expect(textOf((await orgLead.get(choices)).body)).toContain('W1 Directly employed staff');
    // Every box ticked but W1's.
    const page = (await orgLead.get(choices)).body;
    const shown = [...page.matchAll(/name="shown" type="checkbox" value="([A-Z0-9]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((c) => c !== 'W1');
    expect(shown.length).toBeGreaterThan(3);
    expect((await orgLead.post(choices, { shown })).status).toBe(303);

    // Published figures do not move until the partnership publishes again.
    const council1 = tableRow((await anonymous.get(publicPath())).body, 'W1', 'Kirkby Council');
    expect(council1).toEqual(['Kirkby Council', '90.0%']);

    const reason = 'Kirkby Council asked for only the partnership total to be shown for W1.';
    const corrected = await lead.post(managePath(), { reason });
    expect(corrected.status).toBe(303);
    const latest = (await anonymous.get(publicPath())).body;
    expect(textOf(latest)).toContain(`Corrected on`);
    expect(textOf(latest)).toContain(reason);
    expect(tableRow(latest, 'W1', 'Kirkby Council')).toBeUndefined();
    // The table says who is not in it, so it is not read as everyone.
    expect(textOf(latest)).toContain(
      'Not in this table: Kirkby Council, which chose to publish only the partnership total for this indicator. Its figure counts in the total.',
    );
    expect(tableRow(latest, 'W1', 'Walton Trust')).toEqual(['Walton Trust', '96.0%']);

    // The first revision stays, marked as corrected, with a link to the latest.
    const first = await anonymous.get(`${publicPath()}/revisions/1`);
    expect(first.status).toBe(200);
    expect(textOf(first.body)).toContain('These figures have been corrected');
    expect(textOf(first.body)).toContain(reason);
    expect(tableRow(first.body, 'W1', 'Kirkby Council')).toEqual(['Kirkby Council', '90.0%']);
    expect((await anonymous.get(`${publicPath()}/revisions/3`)).status).toBe(404);
  });

  it('downloads every figure of the page as CSV and JSON, with the licence and a dictionary, cells safe in a spreadsheet', async () => {
    await t.database.db
      .updateTable('organisations')
      .set({ name: '=HYPERLINK("http://x.example")' })
      .where('id', '=', trust.id)
      .execute();
    expect((await lead.post(managePath(), { reason: 'The trust’s name was wrong.' })).status).toBe(
      303,
    );
    const json = await anonymous.get(`${publicPath()}/figures.json`);
    expect(json.status).toBe(200);
    const doc = JSON.parse(json.body) as {
      revision: number;
      licence: { name: string };
      rows: { indicator_code: string; level: string; value_text: string; value: number | null }[];
    };
    expect(doc.revision).toBe(3);
    expect(doc.licence.name).toBe('Open Government Licence v3.0');
    const w1 = doc.rows.find((r) => r.indicator_code === 'W1' && r.level === 'partnership');
    expect(w1?.value_text).toBe('95.4%');
    expect(textOf((await anonymous.get(publicPath())).body)).toContain(w1?.value_text);
    // Every figure shown on the page is in the download, and hidden ones are hidden there too.
    const w7 = doc.rows.filter((r) => r.indicator_code === 'W7' && r.level === 'organisation');
    expect(w7.map((r) => r.value)).toEqual([null, null]);

    const csv = await anonymous.get(`${publicPath()}/figures.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.example"")"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv.body.split('\r\n')[0]).toBe(
      '\ufeffindicator_code,indicator_name,pillar,unit,period,period_start,period_end,level,organisation_id,organisation_name,value,value_text,hidden,note,change,status,revision,published,licence',
    );
    // Every row says the licence it is published under, so a saved file keeps it.
    const lines = csv.body.trimEnd().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/,Open Government Licence v3\.0$/);
    // Each revision keeps its own download.
    const first = await anonymous.get(`${publicPath()}/revisions/1/figures.csv`);
    expect(first.body).toContain('Walton Trust');
    expect(textOf((await anonymous.get(`/p/${p.slug}/figures/data-dictionary`)).body)).toContain(
      'Open Government Licence v3.0',
    );
  });

  it('explains in public how every published indicator is worked out, and the rules and tables used', async () => {
    const page = textOf((await anonymous.get(`/p/${p.slug}/methodology`)).body);
    expect(page).toContain('How the figures are worked out');
    expect(page).toContain('Indicators as described in the figures published for 2025/26.');
    expect(page).toContain('W1 Directly employed staff paid at least the Real Living Wage');
    expect(page).toContain('We draw a straight line from the baseline to the target');
    expect(page).toContain('we never publish a count of fewer than 10 people');
    expect(page).toContain('English Indices of Deprivation');
    expect(page).toContain('Real Living Wage rates');
  });

  it('has a public page for each pillar and each organisation, from the latest publication', async () => {
    const pillar = await anonymous.get(`/p/${p.slug}/pillars/workforce`);
    expect(pillar.status).toBe(200);
    expect(textOf(pillar.body)).toContain(
      'W1 Directly employed staff paid at least the Real Living Wage',
    );
    expect(textOf(pillar.body)).not.toContain('P1 Spend with suppliers in the local area');
    expect((await anonymous.get(`/p/${p.slug}/pillars/nonsense`)).status).toBe(404);

    const org = textOf((await anonymous.get(`/p/${p.slug}/organisations/${council.id}`)).body);
    expect(org).toContain('Kirkby Council');
    // Kirkby Council chose to show only the total for W1; W2 has its own figure line.
    expect(org).not.toContain('W1 Directly employed staff');
    expect(org).toContain('W2 Contracted-out staff');
    expect(org).toMatch(/For \d+ other indicators?, only the partnership total is published/);
    for (const bad of ['00000000-0000-0000-0000-000000000000', 'x', trust.id + 'x'])
      expect((await anonymous.get(`/p/${p.slug}/organisations/${bad}`)).status).toBe(404);
  });

  it('judges pledges in public only on what is published, never on figures approved since', async () => {
    await charterTargets(t.database, p, council);
    await t.database.db
      .insertInto('charter_pledges')
      .values({
        partnership_id: p.id,
        organisation_id: council.id,
        commitment_key: 'C1',
        pledge: 'Start 40 apprenticeships a year',
        target_text: '40 a year',
        indicator_code: 'W7',
        target_value: '40',
        due_on: '2027-03-31',
      })
      .execute();
    const q2 = await openQuarter(t.deps, p, 2025, 2, '2025-11-30');
    await approvedReturn(t, p, council, q2, { apprenticeship_starts: 77 });
    // Kirkby Council's published W7 is hidden to protect the trust's 4, so there is no figure to
    // judge by; the 43 + 77 approved since would have met the pledge.
    const charter = textOf((await anonymous.get(`/p/${p.slug}/charter`)).body);
    expect(charter).toContain('Start 40 apprenticeships a year');
    expect(charter).toContain('No figure yet');
    // Whole numbers only: the partnership's random name may hold the digits ("2f5b776b").
    for (const unpublished of [/Q2 2025\/26/, /\b77\b/, /\b120\b/, /Target met/])
      expect(charter).not.toMatch(unpublished);
    // Staff see how it is going on the figures approved so far.
    const orgLead = await signedInAs(t, 'org-lead', p, council);
    const own = textOf(
      (await orgLead.get(`/manage/${p.slug}/organisations/${council.id}/charter`)).body,
    );
    expect(own).toContain('120 in 2025/26 so far (Q1, Q2)');
    expect(own).toContain('Target met');
  });

  it('keeps the counts each revision was protected with, and hides the total of a hidden figure a correction changes', async () => {
    // Every revision published so far has its counts.
    const kept = await t.database.db
      .selectFrom('publications')
      .leftJoin('publication_counts', 'publication_counts.publication_id', 'publications.id')
      .select(['publications.revision', 'publication_counts.counts'])
      .where('publications.partnership_id', '=', p.id)
      .orderBy('publications.revision')
      .execute();
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.filter((k) => k.counts === null)).toEqual([]);
    const w7 = (k: (typeof kept)[number] | undefined) =>
      (k?.counts as Record<string, Record<string, Record<string, { value: number }>>>).W7;
    expect(w7(kept[0])?.[trust.id]).toEqual({ 'Q1 2025/26': { value: 4 } });
    expect(w7(kept[0])?.[council.id]).toEqual({ 'Q1 2025/26': { value: 43 } });
    // Never changed, never published.
    await expect(
      sql`UPDATE publication_counts SET counts = '{}'`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed or removed/);
    const json = (await anonymous.get(`${publicPath()}/figures.json`)).body;
    expect(json).not.toMatch(/\b43\b/);

    // The trust's return for Q1 is corrected: 4 apprenticeship starts become 6. Both are hidden,
    // but the Q1 totals, 47 and 49, would both be published as 45 and 50: the total is hidden.
    await approvedReturn(t, p, trust, q1, { apprenticeship_starts: 6 });
    const reason = 'Walton Trust corrected its apprenticeship starts for Q1.';
    expect((await lead.post(managePath(), { reason })).status).toBe(303);
    const latest = (await anonymous.get(publicPath())).body;
    // W7 by quarter: the Q1 total (the trust's figure, renamed above, stays "Fewer than 10").
    expect(textOf(latest)).toContain(
      'Period Q1 2025/26 Partnership Hidden because a figure in it was corrected',
    );
    expect(textOf(latest)).toMatch(/Q1 2025\/26 Fewer than 10 Q2 2025\/26 Not reported/);
    expect(textOf(latest)).not.toMatch(/\b(49|50)\b/);
  });

  it('answers 404 for a year that is not one, and for a partnership that is not public', async () => {
    for (const bad of ['2025', '2025-27', '../x', '2025-26%00'])
      expect((await anonymous.get(`/p/${p.slug}/figures/${bad}`)).status).toBe(404);
    expect((await anonymous.get(`${publicPath()}/revisions/0`)).status).toBe(404);
    const hidden = await makePartnership(t.deps, { isPublic: false });
    expect((await anonymous.get(`/p/${hidden.slug}/figures`)).status).toBe(404);
  });
});

describe('public pages kept for anonymous visitors', () => {
  it('change as soon as the partnership, an organisation or a publication changes', async () => {
    const pages = [
      `/p/${p.slug}`,
      `/p/${p.slug}/figures`,
      publicPath(),
      `/p/${p.slug}/pillars/workforce`,
      `/p/${p.slug}/organisations/${council.id}`,
    ];
    const before = await Promise.all(pages.map((path) => anonymous.get(path)));
    for (const res of before) expect(res.status).toBe(200);
    // The same page again is the same (so it can be kept and answered 304).
    const again = await Promise.all(pages.map((path) => anonymous.get(path)));
    expect(again.map((r) => r.headers.etag)).toEqual(before.map((r) => r.headers.etag));

    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Kirkby Borough Council' })
      .where('id', '=', council.id)
      .execute();
    await t.database.db
      .updateTable('partnerships')
      .set({ name: `${p.name} Renamed` })
      .where('id', '=', p.id)
      .execute();
    try {
      // Pages that name the partnership as it is now (a year's and a pillar's name it as published).
      const text = async (path: string) => textOf((await anonymous.get(path)).body);
      for (const path of [pages[0]!, pages[1]!, pages[4]!])
        expect(await text(path), path).toContain(`${p.name} Renamed`);
      expect(await text(`/p/${p.slug}`)).toContain('Kirkby Borough Council');
      // A published snapshot keeps the name the organisation had when it was published.
      expect(textOf((await anonymous.get(publicPath())).body)).toContain('Kirkby Council');
    } finally {
      await t.database.db
        .updateTable('organisations')
        .set({ name: council.name })
        .where('id', '=', council.id)
        .execute();
      await t.database.db
        .updateTable('partnerships')
        .set({ name: p.name })
        .where('id', '=', p.id)
        .execute();
    }
  });
});

/** The cells of the row naming `first` in the "CODE by organisation" table, or undefined. */
function tableRow(html: string, code: string, first: string): string[] | undefined {
  const caption = html.indexOf(`${code} by organisation`);
  if (caption < 0) return undefined;
  const table = html.slice(caption, html.indexOf('</table>', caption));
  for (const row of table.split('<tr').slice(1)) {
    const cells = [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
      textOf(m[1] ?? '')
        .replace(/^(Organisation|\d{4}\/\d{2})\s*/, '')
        .trim(),
    );
    if (cells[0] === first) return cells;
  }
  return undefined;
}
