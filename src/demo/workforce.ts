/**
 * The demonstration partnership's workforce figures: for the trust, the council and the university,
 * a payroll extract for each of three financial years (2023/24 to 2025/26), made up here (no real
 * person is in it) and imported through the import engine as an organisation lead's file would be,
 * so that W1, W2 and W4–W6 show with the rate used beside them. Each year a few more people are
 * paid at least the Real Living Wage and a few more starters live locally. The files are written
 * to a temporary folder and deleted once imported, as an uploaded extract is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Partnership } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { importCollected } from '../features/imports/collected.js';
import { PAYROLL_KIND } from '../features/workforce/payroll-import.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';

/** Real postcodes of the shipped postcode sample: Cheshire and Merseyside first, then beyond. */
const LOCAL = [
  'L1 5HE',
  'L3 2AY',
  'L18 8DH',
  'L20 9AZ',
  'L27 1XS',
  'L32 8TN',
  'L36 2PH',
  'CH41 9HA',
  'CH42 9QR',
  'CH44 6QE',
  'CH1 1EB',
  'CH66 1NB',
  'WA7 5WA',
  'WA8 9LR',
  'WA9 1PN',
  'WA11 0UF',
  'WA12 8TF',
  'WA2 8XP',
  'L62 6AD',
  'CW8 2JB',
  'SK10 4BN',
  'SK11 6PX',
];
const ELSEWHERE = [
  'M11 1BR',
  'M18 7GP',
  'M23 1FJ',
  'M9 8ZE',
  'OL9 6PX',
  'BL4 7FG',
  'WN1 2WA',
  'PR9 0HB',
];

const ORGANISATIONS = [
  { code: 'DEMO-MVH', staff: 80, contracted: 20, local: 0.78 },
  { code: 'DEMO-RBC', staff: 60, contracted: 15, local: 0.7 },
  { code: 'DEMO-UME', staff: 50, contracted: 12, local: 0.55 },
] as const;

const YEARS = [2023, 2024, 2025] as const;

/** The same numbers on every run: a small linear congruential generator. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A made-up extract: no names, staff numbers or dates of birth, which the import would drop. */
function extract(org: (typeof ORGANISATIONS)[number], year: number, index: number): string {
  const next = random(index * 7919 + year);
  const improvement = (year - 2023) * 0.04;
  const lines = [
    'Employment Type,Hourly Rate,Annual Salary,Contracted Hours,Home Postcode,Start Date,Apprentice,Care Leaver,Veteran,Disabled,Long-term Unemployed',
  ];
  const person = (employment: 'Direct' | 'Contracted-out', i: number) => {
    const local = next() < org.local + improvement;
    const pool = local ? LOCAL : ELSEWHERE;
    const postcode = next() < 0.04 ? '' : (pool[Math.floor(next() * pool.length)] ?? '');
    // Pay: most above the Real Living Wage of the year; the lowest paid fewer each year.
    const low = next() < 0.22 - improvement;
    const rate = low ? 10.4 + next() * 1.4 : 12.7 + next() * 14;
    const salaried = employment === 'Direct' && i % 3 === 0;
    const hours = [37.5, 30, 22.5][i % 3] ?? 37.5;
    const starter = next() < 0.15;
    const startYear = starter ? year : year - 1 - Math.floor(next() * 12);
    const start = `${String(1 + Math.floor(next() * 28)).padStart(2, '0')}/${String(starter ? 4 + Math.floor(next() * 9) : 1 + Math.floor(next() * 12)).padStart(2, '0')}/${startYear}`;
    const flag = (p: number) => (starter && next() < p ? 'Yes' : '');
    return [
      employment,
      salaried ? '' : rate.toFixed(2),
      salaried ? (rate * hours * 52.143).toFixed(2) : '',
      salaried ? String(hours) : '',
      postcode,
      start,
      flag(0.2),
      flag(0.05),
      flag(0.05),
      flag(0.08),
      flag(0.08),
    ].join(',');
  };
  for (let i = 0; i < org.staff; i++) lines.push(person('Direct', i));
  for (let i = 0; i < org.contracted; i++) lines.push(person('Contracted-out', i));
  return `${lines.join('\n')}\n`;
}

export async function seedDemoWorkforce(
  deps: Deps,
  partnership: Partnership,
  actor: AuditActor,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-demo-payroll-'));
  try {
    for (const [index, org] of ORGANISATIONS.entries()) {
      const organisation = await findOrganisationByCode(deps.database.db, partnership.id, org.code);
      if (!organisation) continue;
      for (const year of YEARS) {
        const fileName = `payroll-${org.code.toLowerCase()}-${year}-${String(year + 1).slice(2)}.csv`;
        const filePath = path.join(dir, fileName);
        fs.writeFileSync(filePath, extract(org, year, index + 1));
        try {
          await importCollected(PAYROLL_KIND, {
            database: deps.database,
            partnership,
            organisation,
            fyStartYear: year,
            filePath,
            fileName,
            actor,
          });
        } finally {
          fs.rmSync(filePath, { force: true });
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
