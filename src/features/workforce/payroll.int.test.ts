/**
 * Payroll extracts through the pages, as an organisation lead imports one: the figures they give
 * (W1, W4, W5 with the rate and coverage beside them), and personal data reduced at the door:
 * after the import, nothing of any person's postcode, name, staff number, date of birth, start
 * date or pay is anywhere in the database, the upload folder or the server's log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../core/spend/csv.js';
import { giveUpWaitingUploads } from '../imports/queue.js';
import { PERSONAL_JOB_KINDS } from './payroll-import.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  openYear,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { PAYROLL_FIXTURE } from '../../../test/helpers/payroll.js';
import { waitForJob } from '../../../test/helpers/spend.js';

/** Cheshire and Merseyside's nine districts: the fixture's "local area" (its README). */
const CHESHIRE_AND_MERSEYSIDE = [
  'E06000049',
  'E06000050',
  'E06000006',
  'E06000007',
  'E08000011',
  'E08000012',
  'E08000013',
  'E08000014',
  'E08000015',
];

let t: TestApp;
let p: Partnership;
let org: Organisation;
let lead: TestClient;
const log: string[] = [];
let uploadDir: string;

beforeAll(async () => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-payroll-uploads-'));
  t = await startTestApp({
    reference: true,
    config: { UPLOAD_DIR: uploadDir },
    log: { write: (line: string) => void log.push(line) },
  });
  p = await makePartnership(t.deps);
  await t.database.db
    .updateTable('partnerships')
    .set({ local_area: CHESHIRE_AND_MERSEYSIDE, imd_edition: 2019 })
    .where('id', '=', p.id)
    .execute();
  p = { ...p, local_area: CHESHIRE_AND_MERSEYSIDE, imd_edition: 2019 };
  org = await makeOrganisation(t.deps, p);
  await openYear(t.deps, p, 2025, { actor: { userId: null, label: 'test' } });
  lead = await signedInAs(t, 'org-lead', p, org);
});

afterAll(async () => {
  await t.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

const base = () => `/manage/${p.slug}/organisations/${org.id}/workforce`;

/** A bad row at the end: its values must not survive in the rejected row or its reason. */
const BAD_ROW =
  'E99999,Zebedee-Quill,Ottoline,17/08/1966,Direct,twelve pounds,,,WA14 2EH,02/02/2022,,,,,,31/03/2026';

async function importThroughThePages(name: string, content: string, year = '2025') {
  const page = await lead.get(`${base()}/import`);
  expect(page.status).toBe(200);
  expect(page.body).toContain('What we keep and what we drop');
  expect(page.body).toContain('The uploaded file is deleted as soon as the import ends');
  const uploaded = await lead.upload(`${base()}/import`, name, content, 'text/csv');
  expect(uploaded.status).toBe(303);
  const columns = await lead.get(uploaded.location!);
  expect(columns.status).toBe(200);
  // The columns page names the columns but shows none of the file's values.
  expect(columns.body).toContain('Home Postcode');
  expect(columns.body).not.toContain('Ashworth');
  expect(columns.body).not.toContain('CH1 1EB');
  // Without a year, the page asks for one.
  const noYear = await lead.post(uploaded.location!, { ...detected(columns.body) });
  expect(noYear.status).toBe(400);
  expect(noYear.body).toContain('Choose the financial year the file is for');
  const confirmed = await lead.post(uploaded.location!, { ...detected(columns.body), year });
  expect(confirmed.status).toBe(303);
  return waitForJob(t, /jobs\/([^/]+)$/.exec(confirmed.location ?? '')?.[1] ?? '');
}

/** The columns the page chose (selected options), as the form would send them back. */
function detected(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<select[^>]*name="(field-[a-zA-Z]+)"[\s\S]*?<\/select>/g)) {
    const selected = /<option value="(\d+)" selected/.exec(m[0]);
    if (selected) out[m[1]!] = selected[1]!;
  }
  return out;
}

describe('a payroll extract through the pages', () => {
  it('gives W1, W4 and W5 with the rate and what each rests on, and deletes the file', async () => {
    const content = fs.readFileSync(PAYROLL_FIXTURE, 'utf8');
    const job = await importThroughThePages('payroll-2025-26.csv', content);
    expect(job.status, job.message ?? '').toBe('done');
    const page = await lead.get(base());
    expect(page.status).toBe(200);
    // Worked out by hand in test/fixtures/payroll/README.md.
    expect(page.body).toContain('UK rate £12.60 an hour (2024/25)');
    expect(page.body).toMatch(
      /82\.8%[\s\S]*?24 of 29[\s\S]*?Pay known for 96\.7% of directly employed staff/,
    );
    expect(page.body).toMatch(/75\.0%[\s\S]*?21 of 28/);
    expect(page.body).toMatch(/60\.7%[\s\S]*?17 of 28/);
    const w1 = await t.database.db
      .selectFrom('calculator_results')
      .select(['value', 'numerator', 'denominator', 'coverage_known', 'coverage_total'])
      .where('organisation_id', '=', org.id)
      .where('calculator', '=', 'payroll.rlw-direct')
      .executeTakeFirstOrThrow();
    expect(
      [w1.numerator, w1.denominator, w1.coverage_known, w1.coverage_total].map(Number),
    ).toEqual([24, 29, 29, 30]);
    expect(fs.readdirSync(path.join(t.deps.config.uploadDir, 'imports'))).toEqual([]);
    // The same file again adds nothing.
    const again = await importThroughThePages('renamed.csv', content);
    expect(again.status).toBe('done');
    expect(again.message).toContain('already been imported');
  });

  it('keeps a rejected row’s line and reason only', async () => {
    const content = `${fs.readFileSync(PAYROLL_FIXTURE, 'utf8').trimEnd()}\n${BAD_ROW}\n`;
    const job = await importThroughThePages('payroll-with-a-bad-row.csv', content);
    expect(job.status).toBe('done');
    const rows = await t.database.db
      .selectFrom('import_rejected_rows')
      .select(['line_no', 'reason', 'columns'])
      .where('batch_id', '=', job.batch_id!)
      .execute();
    expect(rows).toEqual([
      { line_no: 42, reason: 'Column “Hourly Rate”: not a number', columns: [] },
    ]);
    const csv = await lead.get(`${base()}/imports/${job.batch_id}/rejected.csv`);
    expect(csv.status).toBe(200);
    expect(csv.body).not.toContain('Zebedee');
  });

  it('deletes an upload left waiting for its columns when it is given up', async () => {
    const uploaded = await lead.upload(
      `${base()}/import`,
      'left-waiting.csv',
      fs.readFileSync(PAYROLL_FIXTURE, 'utf8'),
      'text/csv',
    );
    expect(uploaded.status).toBe(303);
    const jobId = /jobs\/([^/]+)\/columns$/.exec(uploaded.location ?? '')?.[1] ?? '';
    const waiting = await t.database.db
      .selectFrom('jobs')
      .select(['file_path', 'inspection'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(fs.existsSync(waiting.file_path!)).toBe(true);
    // What the upload found keeps the headings only.
    expect((waiting.inspection as { preview: unknown[] }).preview).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    // Within its hour, the running service keeps it; after it, the upload is given up.
    expect(await giveUpWaitingUploads(t.database.db, PERSONAL_JOB_KINDS)).toBe(0);
    expect(fs.existsSync(waiting.file_path!)).toBe(true);
    await t.database.db
      .updateTable('jobs')
      .set({ updated_at: new Date(Date.now() - 61 * 60_000) })
      .where('id', '=', jobId)
      .execute();
    // Not a spend upload: those may wait a day.
    expect(await giveUpWaitingUploads(t.database.db, [], { ordinary: 24 * 60, personal: 60 })).toBe(
      0,
    );
    expect(await giveUpWaitingUploads(t.database.db, PERSONAL_JOB_KINDS)).toBe(1);
    const after = await t.database.db
      .selectFrom('jobs')
      .select(['status', 'file_path', 'message'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'interrupted', file_path: null });
    expect(after.message).toContain('upload the file again');
    expect(fs.existsSync(waiting.file_path!)).toBe(false);
  });

  it('leaves no postcode, name, identifier, date or pay figure in the database, uploads or log', async () => {
    const [header, ...people] = readCsv(
      `${fs.readFileSync(PAYROLL_FIXTURE, 'utf8').trimEnd()}\n${BAD_ROW}\n`,
    );
    const column = (name: string) => header!.fields.indexOf(name);
    const secrets = new Set<string>();
    for (const { fields } of people) {
      const cell = (name: string) => (fields[column(name)] ?? '').trim();
      for (const name of ['Staff Number', 'Surname', 'Forename'])
        if (cell(name)) secrets.add(cell(name));
      for (const name of ['Date of Birth', 'Start Date']) {
        const d = cell(name);
        if (!d) continue;
        secrets.add(d);
        const [dd, mm, yyyy] = d.split('/');
        secrets.add(`${yyyy}-${mm}-${dd}`);
      }
      const postcode = cell('Home Postcode');
      if (postcode) {
        secrets.add(postcode);
        secrets.add(postcode.replace(/\s+/g, ''));
      }
      for (const name of ['Hourly Rate', 'Annual Salary']) {
        const pay = cell(name);
        if (!pay || !/\d/.test(pay)) continue;
        secrets.add(pay);
        secrets.add(pay.replace(/\.00$/, ''));
      }
    }
    expect(secrets.size).toBeGreaterThan(150);

    // Every row of every table, as text: all but the public reference data (the postcode
    // directory holds every postcode in the country, and nothing the service writes).
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT LIKE 'ref\_%'`.execute(t.database.db);
    expect(tables.rows.length).toBeGreaterThan(30);
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`
        SELECT row_to_json(x)::text AS row FROM ${sql.table(table_name)} x`.execute(t.database.db);
      dump += rows.rows.map((r) => r.row).join('\n') + '\n';
    }
    // The time of day of every timestamp the service records (when a row was made, a migration
    // applied) is left out: "11:53:11.75" would otherwise read as a pay of 11.75. Dates stay.
    dump = dump.replace(/T\d{2}:\d{2}:\d{2}(\.\d+)?(?=[+-]\d{2}:\d{2}|Z)/g, 'T(time)');
    expect(dump).toContain('payroll-2025-26.csv');
    const uploads: string[] = [];
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else uploads.push(fs.readFileSync(f, 'latin1'));
      }
    };
    walk(t.deps.config.uploadDir);
    const logText = log.join('');
    expect(logText.length).toBeGreaterThan(0);
    const found: string[] = [];
    // A value counts as found only as a whole: not as part of a longer number or word.
    const whole = (s: string) =>
      new RegExp(
        `(?<![A-Za-z0-9.])${s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9]|\\.\\d)`,
      );
    // Where a value was found, with what is around it, to tell a leak from a coincidence.
    const around = (text: string, re: RegExp) => {
      const at = re.exec(text)?.index ?? 0;
      return text.slice(Math.max(0, at - 80), at + 40);
    };
    for (const secret of secrets) {
      const re = whole(secret);
      if (re.test(dump)) found.push(`database: ${secret} in …${around(dump, re)}…`);
      if (uploads.some((u) => re.test(u))) found.push(`uploads: ${secret}`);
      if (re.test(logText)) found.push(`log: ${secret}`);
    }
    expect(found).toEqual([]);
  });
});
