// What adding a million lines costs inside PGlite, apart from the rest of an import.
//
//   node bench/pglite-insert.mjs <PGlite data folder>/pgdata
//
// Run it on a copy of a folder the bench (or `anchorage import spend`) has imported the million
// lines into: it builds a table shaped like the import's staging table from the stored lines, and
// one of their supplier names, then times joining them and inserting the lines (into a copy of
// spend_lines with its index, without it, unlogged, and from a table with no join), twice each.
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node bench/pglite-insert.mjs <folder>/pgdata');
const pg = new PGlite(folder);
await pg.waitReady;
const time = async (label, sql) => {
  const started = performance.now();
  await pg.exec(sql);
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
};
await time(
  'staging built from the stored lines',
  `CREATE UNLOGGED TABLE bench_staged AS
     SELECT l.partnership_id, l.organisation_id, l.line_no, l.payment_date, l.amount_pence, l.supplier_raw,
       s.name_norm AS supplier_norm, l.expense_type, l.expense_area, l.transaction_ref, l.line_key
     FROM spend_lines l JOIN suppliers s ON s.id = l.supplier_id;
   CREATE UNLOGGED TABLE bench_names AS SELECT DISTINCT name_norm AS supplier_norm, id AS supplier_id FROM suppliers;
   ANALYZE bench_staged; ANALYZE bench_names; CHECKPOINT;`,
);
const lines = `SELECT s.partnership_id, s.organisation_id, '00000000-0000-4000-8000-000000000000'::uuid,
    s.line_no, s.payment_date, s.amount_pence, n.supplier_id, s.supplier_raw, s.expense_type,
    s.expense_area, s.transaction_ref, s.line_key
  FROM bench_staged s JOIN bench_names n ON n.supplier_norm = s.supplier_norm`;
const columns = `(partnership_id, organisation_id, batch_id, line_no, payment_date, amount_pence,
  supplier_id, supplier_raw, expense_type, expense_area, transaction_ref, line_key)`;
const into = (table, kind, like) =>
  `CREATE ${kind} bench_${table} (LIKE spend_lines${like}); BEGIN;
   INSERT INTO bench_${table} ${columns} ${lines}; COMMIT;`;
for (let run = 1; run <= 2; run++) {
  console.log(`run ${run}`);
  await time('  the join alone', `SELECT count(*) FROM (${lines}) k`);
  await time('  insert, with the BRIN index', into('a', 'TABLE', ' INCLUDING ALL'));
  await time('  insert, no index', into('b', 'TABLE', ''));
  await time('  insert, unlogged, no index', into('c', 'UNLOGGED TABLE', ''));
  await time(
    '  insert, no join, no index',
    'CREATE TABLE bench_d (LIKE spend_lines); BEGIN; INSERT INTO bench_d SELECT * FROM bench_a; COMMIT;',
  );
  await pg.exec('DROP TABLE bench_a, bench_b, bench_c, bench_d; CHECKPOINT;');
}
await pg.exec('DROP TABLE bench_staged, bench_names;');
await pg.close();
