import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { EICAR } from '../evidence/scanner.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  openYear,
  signedIn,
  signedInAs,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let period: ReportingPeriod;
let lead: TestClient;
let orgLead: TestClient;
let contributor: TestClient;
let reviewer: TestClient;
let path: string;

/** Figures for every section of an annual return, valid and complete. */
const FIGURES: Record<string, Record<string, string>> = {
  workforce: {
    staff_paid_rlw: '4,100',
    staff_headcount: '5200',
    contracted_staff_paid_rlw: '300',
    contracted_staff_headcount: '420',
    accredited_living_wage_employer: 'yes',
    staff_living_local: '3900',
    staff_living_deprived: '1700',
    new_starters_local: '410',
    new_starters: '600',
  },
  procurement: { sv_commitments_delivered: '30', sv_commitments_due: '40' },
  infrastructure: {
    homes_enabled: '12',
    capital_spend_local_contractors_gbp: '2500000',
    capital_spend_total_gbp: '9000000',
  },
  environment: {
    scope1_tco2e: '9000',
    scope2_tco2e: '6000',
    scope12_tco2e: '15000',
    electricity_renewable_kwh: '10000000',
    electricity_total_kwh: '25000000',
    waste_recycled_tonnes: '800',
    waste_total_tonnes: '2600',
    anaesthetic_gases_tco2e: '700',
    scope3_tco2e: '120000',
  },
  partners: { joint_initiatives: '4', money_pooled_gbp: '250000', vcse_initiatives: '3' },
  community: { vcse_grants_gbp: '75000' },
};

async function multipart(client: TestClient, url: string, filename: string, content: Buffer) {
  return client.upload(url, filename, content);
}

async function auditActions() {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('partnership_id', '=', p.id)
    .where('entity', '=', 'return')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, 'org-lead': orgLead, reviewer },
  } = await startWithMember(['partnership-lead', 'org-lead', 'reviewer'], {
    app: { config: { UPLOAD_MAX_MB: '0.05' } },
  }));
  contributor = (
    await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: org,
      pillars: ['workforce'],
    })
  ).client;
});
afterAll(() => t.close());

describe('reporting periods', () => {
  it('are opened by the lead with a due date after the period ends', async () => {
    const early = await lead.post(`/manage/${p.slug}/periods/new`, {
      kind: 'year',
      fyStartYear: '2025',
      'dueOn-day': '1',
      'dueOn-month': '1',
      'dueOn-year': '2026',
    });
    expect(early.status).toBe(400);
    expect(textOf(early.body)).toContain('The due date must be on or after the end of the period');
    const ok = await lead.post(`/manage/${p.slug}/periods/new`, {
      kind: 'year',
      fyStartYear: '2025',
      'dueOn-day': '30',
      'dueOn-month': '6',
      'dueOn-year': '2026',
    });
    expect(ok.status).toBe(303);
    period = await t.database.db
      .selectFrom('reporting_periods')
      .selectAll()
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(period).toMatchObject({
      label: '2025/26',
      starts_on: '2025-04-01',
      ends_on: '2026-03-31',
      due_on: '2026-06-30',
    });
    path = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
    const again = await lead.post(`/manage/${p.slug}/periods/new`, {
      kind: 'year',
      fyStartYear: '2025',
      'dueOn-day': '30',
      'dueOn-month': '6',
      'dueOn-year': '2026',
    });
    expect(textOf(again.body)).toContain('2025/26 is already open');
  });
});

describe('a return, from draft to approval', () => {
  it('shows a contributor limited to a pillar only that section', async () => {
    const page = await contributor.get(path);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Workforce');
    // Other pillars' figures are not shown (the submission checklist only names the sections).
    expect(text).not.toContain('Capital spend');
    expect(page.body).not.toContain('/sections/infrastructure');
    expect((await contributor.get(`${path}/sections/procurement`)).status).toBe(403);
    expect(
      (
        await contributor.post(
          `${path}/sections/procurement`,
          { complete: 'no' },
          { csrf: contributor.csrfToken ?? null },
        )
      ).status,
    ).toBe(403);
  });

  it('checks figures on the server, shows every error, and keeps what was typed', async () => {
    const page = await contributor.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      staff_headcount: 'lots',
      staff_living_local: '9999',
      new_starters: '12.5',
      complete: 'yes',
    });
    expect(page.status).toBe(400);
    const text = textOf(page.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Number of directly employed staff (headcount) must be a number');
    expect(text).toContain('New starters in the period must be a whole number');
    expect(page.body).toContain('href="#staff_headcount"');
    expect(page.body).toContain('value="lots"');
    const ratio = await contributor.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      staff_living_local: '9999',
      complete: 'no',
    });
    expect(textOf(ratio.body)).toContain('cannot be more than number of directly employed staff');
    const rows = await t.database.db
      .selectFrom('return_values')
      .select('item_id')
      .where('partnership_id', '=', p.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('saves part-done work, then completes the section', async () => {
    const part = await contributor.post(`${path}/sections/workforce`, {
      staff_headcount: '5200',
      complete: 'no',
    });
    expect(part.status).toBe(303);
    expect(textOf((await contributor.get(path)).body)).toContain('In progress');
    const incomplete = await contributor.post(`${path}/sections/workforce`, {
      staff_headcount: '5200',
      complete: 'yes',
    });
    expect(incomplete.status).toBe(400);
    expect(textOf(incomplete.body)).toContain(
      'Enter directly employed staff paid at least the Real Living Wage',
    );
    const done = await contributor.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      complete: 'yes',
    });
    expect(done.status).toBe(303);
    const value = await t.database.db
      .selectFrom('return_values')
      .select('value')
      .where('partnership_id', '=', p.id)
      .where('item_id', '=', 'staff_paid_rlw')
      .executeTakeFirstOrThrow();
    expect(Number(value.value)).toBe(4100);
    // Reopened, the completed section still answers "Yes, I’ve finished this section", so saving
    // a change does not quietly mark it unfinished.
    const reopened = await contributor.get(`${path}/sections/workforce`);
    expect(reopened.body).toMatch(/<input[^>]*id="complete"[^>]*value="yes"[^>]*checked/);
    expect(reopened.body).not.toMatch(/<input[^>]*id="complete-2"[^>]*value="no"[^>]*checked/);
  });

  it('takes evidence: a note, a confidence grade, links and files checked by content', async () => {
    const item = `${path}/items/staff_paid_rlw`;
    const bad = await contributor.post(item, {
      note: 'From payroll',
      confidence: 'high',
      links: 'not a link',
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Each link must be a full web address');
    const ok = await contributor.post(item, {
      note: 'From payroll at 31 March',
      confidence: 'high',
      links: 'https://example.org/report.pdf',
    });
    expect(ok.status).toBe(303);

    const pdf = await multipart(
      contributor,
      `${item}/files`,
      'payroll summary.pdf',
      Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    );
    expect(pdf.status).toBe(303);
    const exe = await multipart(
      contributor,
      `${item}/files`,
      'summary.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
    );
    expect(exe.status).toBe(400);
    expect(textOf(exe.body)).toMatch(/EXE file, which cannot be uploaded|not a PDF/);
    const png = await multipart(
      contributor,
      `${item}/files`,
      'renamed.pdf',
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
        'hex',
      ),
    );
    expect(png.status).toBe(400);
    expect(textOf(png.body)).toContain('but its name ends .pdf');
    const virus = await multipart(contributor, `${item}/files`, 'figures.csv', Buffer.from(EICAR));
    expect(virus.status).toBe(400);
    expect(textOf(virus.body)).toContain('contains a virus (EICAR-Test-File)');
    const big = await multipart(contributor, `${item}/files`, 'big.csv', Buffer.alloc(60_000, 'a'));
    expect(big.status).toBe(413);
    expect(textOf(big.body)).toContain('The file must be smaller than');
    const files = await t.database.db
      .selectFrom('evidence_files')
      .select(['original_name', 'content_type'])
      .where('partnership_id', '=', p.id)
      .execute();
    expect(files).toEqual([
      { original_name: 'payroll summary.pdf', content_type: 'application/pdf' },
    ]);
  });

  it('lets only people who can see the figure download its file', async () => {
    const file = await t.database.db
      .selectFrom('evidence_files')
      .select('id')
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    const res = await reviewer.get(`/manage/${p.slug}/evidence/${file.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const otherOrg = await makeOrganisation(t.deps, p);
    const stranger = (await signedIn(t, { role: 'viewer', partnership: p, organisation: otherOrg }))
      .client;
    expect((await stranger.get(`/manage/${p.slug}/evidence/${file.id}`)).status).toBe(404);
  });

  it('cannot be submitted until every section is complete', async () => {
    const res = await orgLead.post(`${path}/submit`, {}, { from: path });
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain('Procurement is not marked as complete');
  });

  it('is submitted when complete, and then cannot be changed', async () => {
    for (const [pillar, figures] of Object.entries(FIGURES)) {
      if (pillar === 'workforce') continue;
      const res = await orgLead.post(`${path}/sections/${pillar}`, { ...figures, complete: 'yes' });
      expect(res.status, pillar).toBe(303);
    }
    const submitted = await contributor.post(`${path}/submit`, {}, { from: path });
    expect(submitted.status).toBe(303);
    const locked = await contributor.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      complete: 'yes',
    });
    expect(locked.status).toBe(409);
    expect(textOf(locked.body)).toContain('submitted for review');
  });

  it('appears in the reviewer’s queue and is returned with a query on a figure', async () => {
    const queue = await reviewer.get(`/manage/${p.slug}/returns`);
    expect(textOf(queue.body)).toContain(org.name);
    const empty = await reviewer.post(`${path}/review`, { decision: 'return' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.body)).toContain('Write at least one query');
    const returned = await reviewer.post(`${path}/review`, {
      decision: 'return',
      'query-staff_living_deprived': 'This looks high: which IMD edition did you use?',
    });
    expect(returned.status).toBe(303);
    const page = textOf((await contributor.get(path)).body);
    expect(page).toContain('Returned with queries');
    expect(page).toContain('which IMD edition did you use?');
  });

  it('is answered and corrected by the organisation, resubmitted and approved, then locked', async () => {
    const answer = await contributor.post(
      `${path}/answer`,
      { itemId: 'staff_living_deprived', body: 'IMD 2019; corrected to IMD 2025.' },
      { from: `${path}/items/staff_living_deprived` },
    );
    expect(answer.status).toBe(303);
    const fix = await contributor.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      staff_living_deprived: '1500',
      complete: 'yes',
    });
    expect(fix.status).toBe(303);
    expect((await contributor.post(`${path}/submit`, {}, { from: path })).status).toBe(303);
    const approve = await reviewer.post(`${path}/review`, { decision: 'approve' });
    expect(approve.status).toBe(303);
    const revision = await t.database.db
      .selectFrom('return_revisions')
      .selectAll()
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(revision.status).toBe('approved');
    await expect(
      sql`UPDATE return_values SET value = 1 WHERE revision_id = ${revision.id}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/approved and cannot be changed/);
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'return.section.saved',
        'return.section.completed',
        'return.evidence.saved',
        'return.evidence.file.added',
        'return.submitted',
        'return.returned',
        'return.query.answered',
        'return.approved',
      ]),
    );
    const order = await auditActions();
    expect(order.indexOf('return.returned')).toBeLessThan(order.indexOf('return.approved'));
  });

  it('is corrected through a new revision, reviewed again, with every revision kept', async () => {
    expect((await contributor.get(`${path}/correct`)).status).toBe(403);
    const noReason = await orgLead.post(`${path}/correct`, { reason: '' });
    expect(noReason.status).toBe(400);
    const started = await orgLead.post(`${path}/correct`, {
      reason: 'Apprentices were left out of the headcount',
    });
    expect(started.status).toBe(303);
    const revisions = await t.database.db
      .selectFrom('return_revisions')
      .select(['number', 'status'])
      .where('partnership_id', '=', p.id)
      .orderBy('number')
      .execute();
    expect(revisions).toEqual([
      { number: 1, status: 'approved' },
      { number: 2, status: 'draft' },
    ]);
    const copied = await t.database.db
      .selectFrom('return_values as v')
      .innerJoin('return_revisions as r', 'r.id', 'v.revision_id')
      .select(['r.number', 'v.value'])
      .where('v.partnership_id', '=', p.id)
      .where('v.item_id', '=', 'staff_living_deprived')
      .orderBy('r.number')
      .execute();
    expect(copied.map((c) => [c.number, Number(c.value)])).toEqual([
      [1, 1500],
      [2, 1500],
    ]);
    const v1 = await orgLead.get(`${path}/revisions/1`);
    expect(textOf(v1.body)).toContain('Revision 1');
    // The dashboard still uses revision 1 until revision 2 is approved.
    await orgLead.post(`${path}/sections/workforce`, {
      ...FIGURES.workforce,
      staff_headcount: '5300',
      complete: 'yes',
    });
    const figures = await t.deps.figures.read(p.id);
    const w1 = figures.indicators.find((i) => i.indicator.id === 'W1')!;
    const latest = w1.periods.find((x) => x.period.id === period.id)!;
    expect(latest.byOrganisation.get(org.id)?.denominator).toBe(5200);
  });
});

describe('the whole return as a template', () => {
  let q: Partnership;
  let qOrg: Organisation;
  let qPath: string;
  let qLead: TestClient;

  beforeAll(async () => {
    q = await makePartnership(t.deps);
    qOrg = await makeOrganisation(t.deps, q);
    qLead = await signedInAs(t, 'org-lead', q, qOrg);
    const qPeriod = await openYear(t.deps, q, 2025, { actor: { userId: null, label: 'test' } });
    qPath = `/manage/${q.slug}/organisations/${qOrg.id}/returns/${qPeriod.id}`;
  });

  it('downloads as CSV, comes back filled in, is previewed, and is saved only on confirmation', async () => {
    const csv = await qLead.get(`${qPath}/template.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('pillar,indicators,item_id,figure,unit,guidance,value,note,confidence');
    expect(lines.length).toBeGreaterThan(20);
    const filled = lines
      .map((line, i) => {
        if (i === 0) return line;
        if (line.includes(',staff_headcount,'))
          return line.replace(/,,,$/, ',"5,200",From payroll,high');
        if (line.includes(',staff_paid_rlw,')) return line.replace(/,,,$/, ',4100,,');
        return line;
      })
      .join('\r\n');
    const preview = await multipart(qLead, `${qPath}/upload`, 'filled.csv', Buffer.from(filled));
    expect(preview.status).toBe(200);
    expect(textOf(preview.body)).toContain('Check the figures before saving');
    expect(
      await t.database.db
        .selectFrom('return_values')
        .select('item_id')
        .where('partnership_id', '=', q.id)
        .execute(),
    ).toEqual([]);
    const fields: Record<string, string[]> = {};
    for (const m of preview.body.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
    )) {
      if (m[1] === '_csrf') continue;
      (fields[m[1]!] ??= []).push(m[2]!);
    }
    const confirm = await qLead.post(
      `${qPath}/upload/confirm`,
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length === 1 ? v[0]! : v])),
      { csrf: qLead.csrfToken ?? null },
    );
    expect(confirm.status).toBe(303);
    const saved = await t.database.db
      .selectFrom('return_values')
      .select(['item_id', 'value', 'note', 'confidence'])
      .where('partnership_id', '=', q.id)
      .orderBy('item_id')
      .execute();
    expect(saved.map((s) => [s.item_id, Number(s.value), s.note, s.confidence])).toEqual([
      ['staff_headcount', 5200, 'From payroll', 'high'],
      ['staff_paid_rlw', 4100, null, null],
    ]);
    const again = await qLead.get(`${qPath}/template.csv`);
    expect(again.body).toContain(',staff_headcount,');
    expect(again.body).toMatch(/,staff_headcount,[^\r\n]*,5200,From payroll,high/);
  });

  it('round-trips through XLSX', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${qPath}/template.xlsx`,
      headers: { cookie: [...qLead.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(3).value === 'staff_living_local') {
        row.getCell(7).value = 3900;
        found = true;
      }
    });
    expect(found).toBe(true);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await multipart(qLead, `${qPath}/upload`, 'filled.xlsx', buffer);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('name="value-staff_living_local" value="3900"');
    expect(preview.body).toContain('name="value-staff_headcount" value="5200"');
  });

  it('reports every problem with its line and column, and saves nothing', async () => {
    const before = await t.database.db
      .selectFrom('return_values')
      .select(['item_id', 'value'])
      .where('partnership_id', '=', q.id)
      .execute();
    const bad = [
      'item_id,value,confidence',
      'staff_headcount,12x,high',
      'no_such_item,5,',
      'staff_living_local,100,certain',
      'staff_headcount,200,',
      'staff_paid_rlw,999999,',
    ].join('\n');
    const res = await multipart(qLead, `${qPath}/upload`, 'bad.csv', Buffer.from(bad));
    expect(res.status).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain(
      'Line 2 Column value Problem Number of directly employed staff (headcount) must be a number',
    );
    expect(text).toContain(
      'Line 3 Column item_id Problem “no_such_item” is not a figure in this return',
    );
    expect(text).toContain(
      'Line 4 Column confidence Problem Confidence must be low, medium, high or empty',
    );
    expect(text).toContain(
      'Line 5 Column item_id Problem staff_headcount appears twice (also on line 2)',
    );
    const missingHeader = await multipart(
      qLead,
      `${qPath}/upload`,
      'bad.csv',
      Buffer.from('figure,amount\nx,1\n'),
    );
    expect(textOf(missingHeader.body)).toContain('The header row has no item_id column');
    const after = await t.database.db
      .selectFrom('return_values')
      .select(['item_id', 'value'])
      .where('partnership_id', '=', q.id)
      .execute();
    expect(after).toEqual(before);
  });

  it('writes cells that a spreadsheet would run as formulas as plain text', async () => {
    await t.deps.framework.addCustom(
      q.id,
      {
        name: 'Formula test',
        description: 'x',
        methodology: 'x',
        pillar: 'community',
        direction: 'higher',
        frequency: 'annual',
        kind: 'value',
        itemLabels: ['=HYPERLINK("http://evil.example","click")'],
        itemUnit: 'count',
        publishOrganisationLevel: true,
      },
      { userId: null, label: 'test' },
    );
    const csv = await qLead.get(`${qPath}/template.csv`);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.body).not.toMatch(/,=HYPERLINK/);
  });
});
