/**
 * i. Importing a spend file through the browser. The data contributor of Mersey Valley Hospitals
 * (Procurement) uploads a real published "over £25,000" spend file, with a few lines added at the
 * end as a finance team's extract would have them (a £ sign, a credit note in brackets, a date that
 * does not exist, an amount that is not one); checks the detected columns and the preview; imports
 * it, following the progress page to the result; checks the reconciliation and downloads the
 * rejected rows; then imports the same file again and sees that nothing was added.
 *
 * In the journey's own partnership; each run (JavaScript on and off) imports a different file.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  heading,
  pathOf,
  signInAndExpectManage,
  summaryValue,
  visit,
} from '../helpers/pages.js';
import { MVH } from '../helpers/returns.js';
import { importFinished, uploadFile } from '../helpers/imports.js';
import type { Suite } from '../helpers/suite.js';

const FIXTURES = new URL('../../test/fixtures/spend/', import.meta.url);

/** The published file each run starts from: both have the same eight columns. */
const SOURCE = {
  js: {
    file: 'chwe-2020-04.csv',
    encoding: 'Windows-1252',
    upload: 'mvh-spend-2020-04.csv',
    month: '04',
  },
  nojs: {
    file: 'impc-2020-09-first60-bom.csv',
    encoding: 'UTF-8',
    upload: 'mvh-spend-2020-09.csv',
    month: '09',
  },
} as const;

/** Lines added at the end, in the file's eight columns and its month. */
function addedLines(month: string) {
  const line = (day: string, supplier: string, ref: string, amount: string) =>
    `Department of Health,Mersey Valley Hospitals,${day}/${month}/2020,Catering,Main Site,${supplier},MVH-${month}${ref},${amount}`;
  return [
    // Accepted: a £ sign and a thousands separator; a credit note in brackets.
    {
      line: line('28', 'Wirral Food Co-operative Ltd', '01', '"£3,400.50"'),
      pence: 340050,
      ok: true,
    },
    {
      line: line('29', 'Wirral Food Co-operative Ltd', '02', '"(2,500.00)"'),
      pence: -250000,
      ok: true,
    },
    // Rejected: a day that does not exist, and an amount still to be confirmed.
    {
      line: line('32', 'Mersey Builders Ltd', '03', '"1,250.00"'),
      pence: 125000,
      ok: false,
    },
    { line: line('30', 'Mersey Builders Ltd', '04', 'TBC'), pence: 0, ok: false },
  ];
}

/** Splits one CSV line into fields (quoted fields may hold commas). */
function fieldsOf(line: string): string[] {
  const out: string[] = [];
  const re = /("([^"]*(?:""[^"]*)*)"|[^,]*)(,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) && m[0] !== '') {
    out.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[1] ?? ''));
    if (m[3] === '') break;
  }
  return out;
}

/** "67,132.60" as pence. */
function pence(amount: string): number {
  const m = /^(-?)([\d,]+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`Not a plain amount: ${amount}`);
  const value = Number((m[2] ?? '').replace(/,/g, '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** Pounds as the import pages show them ("£1,234.50", "−£25.00"). */
function pounds(p: number): string {
  const abs = Math.abs(p);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${p < 0 ? '−' : ''}£${whole}.${String(abs % 100).padStart(2, '0')}`;
}

function spendFile(js: boolean) {
  const source = SOURCE[js ? 'js' : 'nojs'];
  const bytes = fs.readFileSync(fileURLToPath(new URL(source.file, FIXTURES)));
  // Only ASCII is read here (dates and amounts), so latin1 is enough whatever the encoding.
  const lines = bytes
    .toString('latin1')
    .split(/\r\n|\n/)
    .filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (!header) throw new Error(`${source.file} is empty`);
  const published = rows.map((r) => pence(fieldsOf(r)[7] ?? ''));
  const extra = addedLines(source.month);
  // In the file's own encoding (a Windows-1252 file has £ as one byte).
  const addedBytes = Buffer.from(
    extra.map((a) => `${a.line}\r\n`).join(''),
    source.encoding === 'UTF-8' ? 'utf8' : 'latin1',
  );
  const body = Buffer.concat([
    bytes,
    bytes.at(-1) === 0x0a ? Buffer.alloc(0) : Buffer.from('\r\n'),
    addedBytes,
  ]);
  const firstRow = fieldsOf(rows[0] ?? '');
  return {
    ...source,
    headers: fieldsOf(header.replace(/^\u00ef\u00bb\u00bf/, '')),
    firstRow,
    body,
    rows: rows.length + extra.length,
    accepted: published.length + extra.filter((a) => a.ok).length,
    rejected: extra.filter((a) => !a.ok).length,
    added: extra,
    acceptedPence:
      published.reduce((a, b) => a + b, 0) +
      extra.filter((a) => a.ok).reduce((a, b) => a + b.pence, 0),
    /** Line numbers of the rejected lines (the header is line 1). */
    rejectedLines: extra
      .map((a, i) => ({ ...a, no: rows.length + 2 + i }))
      .filter((a) => !a.ok)
      .map((a) => a.no),
  };
}

export function spendJourney(suite: Suite, js: boolean) {
  describe('i. importing spend', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Spend Anchor Network' });
    });

    it('the contributor imports a spend file, checks the columns, reconciles it and imports it again', async () => {
      const file = spendFile(js);
      const { page } = await suite.person(js);
      const contributor = own.account('contributor');
      await signInAndExpectManage(page, contributor.email, contributor.password);
      await visit(page, `/manage/${own.slug}`);
      await clickAndWait(page, page.locator('main').getByRole('link', { name: MVH, exact: true }));
      await clickAndWait(page, page.getByRole('link', { name: 'Spend with suppliers' }));
      expect(await heading(page)).toBe('Spend with suppliers');
      const spendPath = pathOf(page);

      // Upload.
      await clickAndWait(page, page.getByRole('button', { name: 'Import a spend file' }));
      expect(await heading(page)).toBe('Import a spend file');
      await expectAccessible(page, 'i-import');
      await uploadFile(page, file.upload, file.body);

      // The columns found, one under another, each with its first values as they are in the file.
      expect(await heading(page)).toBe('Check the columns');
      expect(await page.locator('main').innerText()).toContain(`(${file.encoding})`);
      const columns = page.locator('main .app-columns .nhsuk-summary-list__row');
      const names = await columns.locator('.nhsuk-summary-list__key').allInnerTexts();
      expect(names.map((h) => h.trim())).toEqual(file.headers.map((h) => h.trim()));
      const values = await columns.locator('.nhsuk-summary-list__value').allInnerTexts();
      file.firstRow.forEach((cell, i) => {
        // A long value is shortened (at a space, with "…"): the start is as in the file.
        const shown = values[i]?.split('\n')[0]?.trim().replace(/…$/, '') ?? '';
        if (cell.trim()) expect(cell.trim().startsWith(shown) && shown.length > 0).toBe(true);
      });
      expect(await selected(page, 'Payment date')).toBe(file.headers[2]);
      expect(await selected(page, 'Supplier name')).toBe(file.headers[5]);
      expect(await selected(page, 'Amount (£)')).toBe(file.headers[7]);
      expect(await selected(page, 'Expense type (optional)')).toBe(file.headers[3]);
      expect(await selected(page, 'Transaction reference (optional)')).toBe(file.headers[6]);
      await expectAccessible(page, 'i-columns');

      // Imported; the progress page follows it to the result.
      await clickAndWait(page, page.getByRole('button', { name: 'Import the file' }));
      expect(pathOf(page)).toMatch(/\/spend\/jobs\/[0-9a-f-]{36}$/);
      await importFinished(page);
      expect((await page.locator('main .nhsuk-panel').innerText()).trim()).toContain(
        'Import finished',
      );
      const result = await resultCounts(page);
      expect(result).toEqual({
        rows: file.rows,
        accepted: file.accepted,
        duplicates: 0,
        rejected: file.rejected,
      });
      expect(result.accepted + result.duplicates + result.rejected).toBe(result.rows);
      expect(await summaryValue(page, 'Added')).toContain(`rows, ${pounds(file.acceptedPence)}`);
      await expectAccessible(page, 'i-import-finished');

      // The reconciliation: every row accounted for, the amounts add up.
      await clickAndWait(
        page,
        page.getByRole('link', { name: 'See the reconciliation and the rejected rows' }),
      );
      expect(await heading(page)).toBe(`Import of ${file.upload}`);
      const amount = async (key: string) => {
        // "5 rows, £260.00", and for rejected rows "… where the amount could be read".
        const m = /(−?)£([\d,]+\.\d{2})(?: where the amount could be read)?$/.exec(
          await summaryValue(page, key),
        );
        if (!m) throw new Error(`No amount for ${key}`);
        return (m[1] ? -1 : 1) * pence(m[2] ?? '');
      };
      const total = await amount('Rows in the file');
      expect(await summaryValue(page, 'Rows in the file')).toMatch(
        new RegExp(`^${file.rows} rows, £`),
      );
      expect(await amount('Added')).toBe(file.acceptedPence);
      expect(await amount('Already loaded from another file')).toBe(0);
      expect((await amount('Added')) + (await amount('Rejected'))).toBe(total);
      expect(await summaryValue(page, 'Rejected')).toMatch(/where the amount could be read$/);
      expect(await amount('Rejected')).toBe(
        file.added.filter((a) => !a.ok).reduce((a, b) => a + b.pence, 0),
      );
      const rejectedTable = page.locator('main table', { hasText: 'rejected rows' });
      const lines = await rejectedTable.locator('tbody tr td:first-child').allInnerTexts();
      expect(lines.map((l) => Number(l.replace(/\D/g, '')))).toEqual(file.rejectedLines);
      await expectAccessible(page, 'i-batch');

      // The rejected rows as CSV: the original columns, the line number and the reason.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the rejected rows (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^rejected-rows-.*\.csv$/);
      const csv = fs
        .readFileSync(await download.path())
        .toString('utf8')
        .replace(/^\ufeff/, '');
      const csvLines = csv.split('\r\n').filter(Boolean);
      expect(fieldsOf(csvLines[0] ?? '').slice(0, 2)).toEqual(['line', 'reason']);
      expect(csvLines).toHaveLength(1 + file.rejected);
      for (const [i, no] of file.rejectedLines.entries()) {
        const fields = fieldsOf(csvLines[i + 1] ?? '');
        expect(fields[0]).toBe(String(no));
        expect(fields.slice(2)).toEqual(fieldsOf(file.added.filter((a) => !a.ok)[i]?.line ?? ''));
      }

      // The spend page lists the import and counts the spend.
      await clickAndWait(page, page.getByRole('link', { name: `Back to ${MVH}’s spend` }));
      expect(pathOf(page)).toBe(spendPath);
      const imports = page.locator('main table', { hasText: 'Files imported' });
      expect(await imports.innerText()).toContain(file.upload);
      const spendBefore = await summaryValue(page, 'Spend with suppliers');

      // The same file again adds nothing.
      await clickAndWait(page, page.getByRole('button', { name: 'Import a spend file' }));
      await uploadFile(page, file.upload, file.body);
      expect(await heading(page)).toBe('Check the columns');
      expect(await selected(page, 'Amount (£)')).toBe(file.headers[7]);
      await clickAndWait(page, page.getByRole('button', { name: 'Import the file' }));
      await importFinished(page);
      expect((await page.locator('main .nhsuk-panel').innerText()).trim()).toContain(
        'Already imported',
      );
      expect(await page.locator('main').innerText()).toContain(
        'This file had been imported before, so nothing was added.',
      );
      expect((await resultCounts(page)).accepted).toBe(0);
      await visit(page, spendPath);
      expect(await summaryValue(page, 'Spend with suppliers')).toBe(spendBefore);
      await expectAccessible(page, 'i-spend-after');
    });
  });
}

/** The column chosen for a field on the columns page. */
async function selected(page: Page, label: string): Promise<string> {
  const select = page.getByLabel(label, { exact: true });
  return (await select.locator('option:checked').innerText()).trim();
}

async function resultCounts(page: Page) {
  const count = async (key: string) =>
    Number((/^([\d,]+)/.exec(await summaryValue(page, key))?.[1] ?? 'NaN').replace(/,/g, ''));
  return {
    rows: await count('Rows in the file'),
    accepted: await count('Added'),
    duplicates: await count('Already loaded from another file'),
    rejected: await count('Rejected'),
  };
}
