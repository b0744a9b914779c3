/**
 * The rejected rows download is for correcting and importing again: a refund (a negative
 * amount) in it must come back as the number it was, not as text a spreadsheet guard made of it.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEND_TEXT_CHARS } from '../../core/file-limits.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(() => t?.close());

describe('a value longer than a spend file’s text allows', () => {
  it('rejects its row naming the column, but not a short value padded with spaces', async () => {
    const partnership = await makePartnership(t.deps);
    const organisation = await makeOrganisation(t.deps, partnership);
    const long = 'A'.repeat(SPEND_TEXT_CHARS + 1);
    const padded = `${' '.repeat(SPEND_TEXT_CHARS)}Acme Ltd${' '.repeat(SPEND_TEXT_CHARS)}`;
    const result = await importSpendCsv(
      t,
      partnership,
      organisation,
      `Date,Supplier,Amount\r\n01/04/2025,${long},100.00\r\n02/04/2025,${padded},5.00\r\n`,
      { fileName: 'long.csv' },
    );
    expect(result).toMatchObject({ rows: 2, accepted: 1, rejected: 1, amountAcceptedPence: 500 });
    const { client } = await signedIn(t, { role: 'org-lead', partnership, organisation });
    const page = await client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    const rows: string[][] = parse(page.body, { bom: true });
    expect(rows.length).toBe(2);
    expect(rows[1]![1]).toBe(
      `Column “Supplier”: the supplier name is longer than ${SPEND_TEXT_CHARS} characters`,
    );
  });
});

describe('the rejected rows download', () => {
  it('keeps a refund as a number, so the corrected file imports it', async () => {
    const partnership = await makePartnership(t.deps);
    const organisation = await makeOrganisation(t.deps, partnership);
    const result = await importSpendCsv(
      t,
      partnership,
      organisation,
      'Date,Supplier,Amount\r\n01/04/2025,Acme Ltd,100.00\r\n31/04/2025,Acme Ltd,-50.00\r\n02/04/2025,=HYPERLINK("x"),5.00\r\n',
      { fileName: 'ledger.csv' },
    );
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });

    const { client } = await signedIn(t, { role: 'org-lead', partnership, organisation });
    const page = await client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    expect(page.status).toBe(200);
    const rows: string[][] = parse(page.body, { bom: true });
    const [header, row, ...rest] = rows;
    expect(rest).toEqual([]);
    expect(header).toEqual(['line', 'reason', 'Date', 'Supplier', 'Amount']);
    expect(row!.slice(2)).toEqual(['31/04/2025', 'Acme Ltd', '-50.00']);

    // Corrected as the page suggests, and imported again: the refund is added.
    const again = await importSpendCsv(
      t,
      partnership,
      organisation,
      stringify([header!, [row![0]!, row![1]!, '30/04/2025', 'Acme Ltd', row![4]!]]),
      { fileName: 'corrected.csv' },
    );
    expect(again).toMatchObject({ accepted: 1, rejected: 0, amountAcceptedPence: -5000 });
  });

  it('still writes text that a spreadsheet would run as a formula as plain text', async () => {
    const partnership = await makePartnership(t.deps);
    const organisation = await makeOrganisation(t.deps, partnership);
    const result = await importSpendCsv(
      t,
      partnership,
      organisation,
      'Date,Supplier,Amount\r\nnot a date,-2+3+cmd|x,5.00\r\n',
      { fileName: 'formula.csv' },
    );
    const { client } = await signedIn(t, { role: 'org-lead', partnership, organisation });
    const page = await client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    const rows: string[][] = parse(page.body, { bom: true });
    const row = rows[1];
    expect(row!.slice(2)).toEqual(['not a date', "'-2+3+cmd|x", '5.00']);
  });
});
