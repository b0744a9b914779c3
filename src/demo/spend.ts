/**
 * Demonstration spend: two years of payments by the demo trust and council to fictional
 * suppliers, imported through the real importer from generated CSV files, then supplier
 * details (postcodes drawn from the real postcode sample shipped with the service, and types)
 * uploaded through the real supplier upload. A fixed seed makes every demo the same. Some
 * suppliers are left without a postcode or type, so the register has work to show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Partnership } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { normaliseSupplierName } from '../core/spend/suppliers.js';
import { importSpendFile } from '../features/spend/spend-import.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';
import { rng } from './returns.js';

const PLACES = [
  'Mersey',
  'Wirral',
  'Dee',
  'Weaver',
  'Pennine',
  'Albion',
  'Kestrel',
  'Harbour',
  'Beacon',
  'Sandstone',
  'Riverside',
  'Northern',
  'Heritage',
  'Estuary',
  'Lakeland',
];
const TRADES = [
  'Catering',
  'Facilities',
  'Medical Supplies',
  'Laundry',
  'Construction',
  'Cleaning',
  'IT Services',
  'Print',
  'Transport',
  'Waste Services',
  'Security',
  'Training',
  'Engineering',
  'Agency Staffing',
  'Energy',
];
const ENDINGS = ['Ltd', 'Limited', 'plc', 'CIC', 'Co-operative', 'Ltd', 'Ltd'];
const EXPENSES = [
  'Clinical supplies',
  'Estates maintenance',
  'Catering',
  'IT',
  'Agency staff',
  'Utilities',
  'Professional services',
  'Transport',
];

interface DemoSupplier {
  name: string;
  type: string;
  postcode: string;
  /** Typical payment, £. */
  size: number;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function seedDemoSpend(deps: Deps, partnership: Partnership, actor: AuditActor) {
  const db = deps.database.db;
  const random = rng(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Real postcodes from the shipped sample: in the partnership's area, and elsewhere.
  const local = await sql<{ postcode: string }>`
    SELECT postcode FROM ref_postcodes
    WHERE lad = ANY (${partnership.local_area}) AND (lsoa11 IS NOT NULL OR lsoa21 IS NOT NULL)
    ORDER BY md5(postcode) LIMIT 400`.execute(db);
  const elsewhere = await sql<{ postcode: string }>`
    SELECT postcode FROM ref_postcodes
    WHERE NOT (lad = ANY (${partnership.local_area})) AND lsoa11 IS NOT NULL AND lad LIKE 'E%'
    ORDER BY md5(postcode) LIMIT 400`.execute(db);
  const spaced = (c: string) => `${c.slice(0, -3)} ${c.slice(-3)}`;

  const suppliers: DemoSupplier[] = [];
  const names = new Set<string>();
  while (suppliers.length < 70) {
    const trade = pick(TRADES);
    const ending =
      trade === 'Training' || trade === 'Catering' ? pick(['CIC', 'Ltd']) : pick(ENDINGS);
    const name = `${pick(PLACES)} ${trade} ${ending}`;
    // Distinct after normalising: "Ltd" and "Limited" are the same supplier.
    if (names.has(normaliseSupplierName(name))) continue;
    names.add(normaliseSupplierName(name));
    const r = random();
    const isLocal = r < 0.45;
    const pool = isLocal ? local.rows : elsewhere.rows;
    const i = suppliers.length;
    suppliers.push({
      name,
      // About one in eight has no postcode yet, and one in ten no type: work for the register.
      postcode: i % 8 === 7 || pool.length === 0 ? '' : spaced(pick(pool).postcode),
      type:
        i % 10 === 9
          ? ''
          : /CIC|Co-operative/.test(ending)
            ? 'vcse'
            : ending === 'plc' || random() < 0.3
              ? 'large'
              : 'sme',
      size: Math.round(800 + random() * random() * 60000),
    });
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-demo-spend-'));
  try {
    for (const code of ['DEMO-MVH', 'DEMO-RBC']) {
      const organisation = await findOrganisationByCode(db, partnership.id, code);
      if (!organisation) continue;
      const mine = suppliers.filter((_, i) => (code === 'DEMO-MVH' ? i % 3 !== 2 : i % 3 !== 0));
      for (const fy of [2024, 2025]) {
        const lines = ['Date Paid,Supplier Name,Expense Type,Transaction Reference,Amount'];
        let ref = fy * 10000 + (code === 'DEMO-MVH' ? 1000 : 5000);
        for (let m = 0; m < 12; m++) {
          const year = fy + (m >= 9 ? 1 : 0);
          const month = ((m + 3) % 12) + 1;
          for (let n = 0; n < 28; n++) {
            const s = pick(mine);
            const day = 1 + Math.floor(random() * 28);
            const pence = Math.round(s.size * (0.4 + random() * 1.2) * 100);
            const credit = random() < 0.02;
            const amount = (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 });
            // Trust ledgers put codes before names, and shout: the register still matches them.
            const ledgerName =
              code === 'DEMO-MVH' && random() < 0.3
                ? `NHS0000RJ7${n % 10}0 : ${s.name.toUpperCase()}`
                : s.name;
            lines.push(
              [
                `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
                ledgerName,
                pick(EXPENSES),
                String(ref++),
                credit ? `(${amount})` : amount,
              ]
                .map(csvCell)
                .join(','),
            );
          }
        }
        const file = path.join(dir, `${code}-${fy}.csv`);
        fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
        await importSpendFile({
          database: deps.database,
          partnership,
          organisation,
          filePath: file,
          fileName: `${code.replace('DEMO-', '').toLowerCase()}-spend-${fy}-${String(fy + 1).slice(2)}.csv`,
          actor,
        });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const details = [
    'supplier,postcode,type',
    ...suppliers
      .filter((s) => s.postcode || s.type)
      .map((s) => [s.name, s.postcode, s.type].map(csvCell).join(',')),
  ].join('\r\n');
  const result = await deps.suppliers.upload(partnership.id, Buffer.from(details), actor);
  if (result.problems.length)
    throw new Error(`Demo supplier details: ${JSON.stringify(result.problems.slice(0, 3))}`);

  // The LM3 survey for 2025/26: the ten largest local suppliers asked, six of them answered.
  const local2025 = await deps.lm3.localSuppliers(partnership, 2025);
  const asked = local2025.slice(0, 10);
  const links = await deps.lm3.createLinks(
    partnership,
    2025,
    asked.map((s) => ({ supplierId: s.id, email: null })),
    actor,
  );
  for (const link of links.slice(0, 6)) {
    const token = link.url.split('/').pop() ?? '';
    await deps.lm3.answer(token, {
      staffCostPct: Math.round(30 + random() * 40),
      staffLocalPct: Math.round(40 + random() * 50),
      suppliersLocalPct: Math.round(10 + random() * 40),
    });
  }
}
