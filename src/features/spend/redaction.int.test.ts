/**
 * A withheld payee ("Redacted", "Personal data", "Individual", "Private individual") is one rule
 * (REDACTED_NAME_PATTERN in core/spend/suppliers.ts), read the same way by every path that adds a
 * supplier: the spend import (in PostgreSQL) and the supplier register upload (in JavaScript).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isRedactedName,
  normaliseSupplierName,
  REDACTED_NAME_PATTERN,
} from '../../core/spend/suppliers.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  makeOrganisation,
  makePartnership,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';

const WITHHELD = [
  'Individual',
  'Private individual',
  'PRIVATE INDIVIDUAL',
  'Redacted',
  'REDACTED PERSONAL DATA',
  'Personal Data',
  'Withheld',
];
const NAMED = ['Reed Ltd', 'Individual Solutions Ltd', 'Redacted Print Co', 'The Individual Trust'];

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(() => t?.close());

async function typesOf(partnershipId: string): Promise<Record<string, string>> {
  const rows = await t.database.db
    .selectFrom('suppliers')
    .select(['name_norm', 'type'])
    .where('partnership_id', '=', partnershipId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.name_norm, r.type]));
}

const expected = (names: readonly string[]) =>
  Object.fromEntries(
    names.map((n) => [
      normaliseSupplierName(n),
      WITHHELD.includes(n) ? 'redacted' : 'unclassified',
    ]),
  );

describe('withheld payees', () => {
  it('are the same names for PostgreSQL and for JavaScript', async () => {
    const names = [...WITHHELD, ...NAMED].map(normaliseSupplierName);
    const rows = await sql<{ name: string; redacted: boolean }>`
      SELECT name, name ~ ${REDACTED_NAME_PATTERN} AS redacted
      FROM unnest(${names}::text[]) AS name`.execute(t.database.db);
    expect(Object.fromEntries(rows.rows.map((r) => [r.name, r.redacted]))).toEqual(
      Object.fromEntries(names.map((n) => [n, isRedactedName(n)])),
    );
    expect(names.filter(isRedactedName)).toHaveLength(WITHHELD.length);
  });

  it('are marked redacted by the spend import, "Individual" and "Private individual" included', async () => {
    const partnership = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, partnership);
    const names = [...WITHHELD, ...NAMED];
    const result = await importSpendCsv(
      t,
      partnership,
      org,
      [
        'Date Paid,Supplier Name,Amount',
        ...names.map((n, i) => `0${(i % 9) + 1}/05/2025,${n},${100 + i}.00`),
        '',
      ].join('\r\n'),
      { fileName: 'withheld.csv' },
    );
    expect(result.accepted).toBe(names.length);
    expect(await typesOf(partnership.id)).toEqual(expected(names));
  });

  it('are marked redacted by the supplier register upload when no type is given', async () => {
    const partnership = await makePartnership(t.deps);
    const names = [...WITHHELD.filter((n) => n !== 'PRIVATE INDIVIDUAL'), ...NAMED];
    const result = await t.deps.suppliers.upload(
      partnership.id,
      Buffer.from(['supplier,postcode', ...names.map((n) => `${n},`), ''].join('\r\n')),
      SYSTEM_ACTOR,
    );
    expect(result).toMatchObject({ problems: [], added: names.length });
    expect(await typesOf(partnership.id)).toEqual(expected(names));
  });
});
