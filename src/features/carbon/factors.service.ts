/**
 * Conversion-factor sets: loading a government flat file or the NHS series (the command line and,
 * at start, the files that ship in data/reference/carbon), and small sets a platform
 * administrator enters by hand. A set is never edited: each load or entry is a new set (a new
 * version), and a file already loaded (same SHA-256) is not loaded again. A new set can change
 * every partnership's emissions, so their figures are worked out again in the same transaction.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely, Transaction } from 'kysely';
import { ACTIVITIES, activityByCode } from '../../core/carbon/activities.js';
import type { FactorRow, ParsedFactorFile } from '../../core/carbon/factors.js';
import { parseFactorFile } from '../../core/carbon/factors.js';
import { readCsv } from '../../core/spend/csv.js';
import type { DB } from '../../db/schema.js';
import { REFERENCE_DIR } from '../../reference/paths.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import {
  findFactorSetBySha,
  insertFactorSet,
  listFactorSets,
  partnershipIds,
  type FactorSetRow,
} from './carbon.repo.js';

export interface FactorFileLoad {
  readonly file: string;
  /** The factor year (a flat file's year; for the NHS series, its latest financial year's first year). */
  readonly year: number;
  readonly years: readonly number[];
  /** The file's factor rows held (loaded now, or by the earlier load of the same file). */
  readonly factors: number;
  /** The set already holding this file, when it was loaded before. */
  readonly alreadyLoaded: FactorSetRow | null;
  readonly setId: string;
}

/** The files that ship (data/reference/carbon), loaded at start when not yet loaded. */
export const SHIPPED_FACTOR_FILES = [
  'sdu_carbon_factors_2007-08_to_2020-21.csv.gz',
  'ghg-conversion-factors-2022-flat-format.csv.gz',
  'ghg-conversion-factors-2025-flat-format_scope3_and_outside_scopes_only.csv.gz',
] as const;

export const SYSTEM_ACTOR: AuditActor = {
  userId: null,
  label: 'Anchorage (shipped reference data)',
};

function parseText(text: string): ParsedFactorFile {
  const records = readCsv(text.replace(/^\uFEFF/, '')).map((r) => r.fields);
  const [header, ...rows] = records;
  return parseFactorFile(header ?? [], rows);
}

function setName(parsed: ParsedFactorFile, fileName: string): string {
  const years = parsed.years;
  if (parsed.format === 'nhs-sdu-series')
    return `NHS Sustainable Development Unit factor series ${years[0]}-${String((years[0] ?? 0) + 1).slice(2)} to ${years[years.length - 1]}-${String((years[years.length - 1] ?? 0) + 1).slice(2)}`;
  return `UK Government GHG conversion factors ${years[0]}${/scope3/i.test(fileName) ? ' (scope 3 and outside scopes)' : ''}`;
}

async function recalculateEverywhere(trx: Transaction<DB>): Promise<void> {
  for (const id of await partnershipIds(trx))
    await recalculate(trx, id, { input: 'energy-and-fuel' });
}

export class FactorSetsService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  list(): Promise<FactorSetRow[]> {
    return listFactorSets(this.deps.db);
  }

  /** Loads one file's bytes (CSV, UTF-8) as a new set, unless the same file is already loaded. */
  async loadFile(fileName: string, bytes: Buffer, actor: AuditActor): Promise<FactorFileLoad> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await findFactorSetBySha(this.deps.db, sha256);
    if (existing)
      return {
        file: fileName,
        year: Math.max(...existing.years),
        years: existing.years,
        factors: existing.factor_count,
        alreadyLoaded: existing,
        setId: existing.id,
      };
    const parsed = parseText(bytes.toString('utf8'));
    const year = Math.max(...parsed.years);
    const setId = await this.deps.db.transaction().execute(async (trx) => {
      const again = await findFactorSetBySha(trx, sha256);
      if (again) return again.id;
      const id = await insertFactorSet(
        trx,
        {
          name: setName(parsed, fileName),
          source: parsed.format,
          fileName,
          sha256,
          years: parsed.years,
          note: null,
          createdBy: actor.userId,
        },
        parsed.factors,
      );
      await recalculateEverywhere(trx);
      await recordAudit(trx, {
        actor,
        partnershipId: null,
        entity: 'carbon_factor_set',
        entityId: id,
        action: 'carbon.factors.loaded',
        after: { file: fileName, sha256, years: parsed.years, factors: parsed.factors.length },
      });
      return id;
    });
    return {
      file: fileName,
      year,
      years: parsed.years,
      factors: parsed.factors.length,
      alreadyLoaded: null,
      setId,
    };
  }

  /** At start: the shipped files not loaded yet. Returns how many sets were added. */
  async ensureShipped(dir = path.join(REFERENCE_DIR, 'carbon')): Promise<number> {
    let added = 0;
    for (const file of SHIPPED_FACTOR_FILES) {
      const bytes = gunzipSync(fs.readFileSync(path.join(dir, file)));
      const r = await this.loadFile(file.replace(/\.gz$/, ''), bytes, SYSTEM_ACTOR);
      if (!r.alreadyLoaded) added += 1;
    }
    return added;
  }

  /**
   * A small set entered by hand for one year: a factor (kg CO2e per the activity's unit) for any
   * of the catalogue's activities, stored as the row the activity looks up first. A new set.
   */
  async enterByHand(
    input: {
      year: number;
      name: string;
      note: string | null;
      /** activity code → part index → canonical decimal */
      factors: readonly { activity: string; part: number; kgCO2ePerUnit: string }[];
    },
    actor: AuditActor,
  ): Promise<string> {
    const rows: FactorRow[] = input.factors.map((f) => {
      const activity = activityByCode(f.activity);
      const match = activity?.parts[f.part]?.factor[0];
      if (!activity || !match) throw new Error(`No catalogue factor for ${f.activity}/${f.part}`);
      return {
        id: null,
        year: input.year,
        scope: match.scope,
        level1: match.level1,
        level2: match.level2 ?? '',
        level3: match.level3 ?? '',
        level4: match.level4 ?? '',
        columnText: match.columnText ?? '',
        uom: match.uom,
        ghgUnit: 'kg CO2e',
        kgCO2ePerUnit: f.kgCO2ePerUnit,
      };
    });
    return this.deps.db.transaction().execute(async (trx) => {
      const id = await insertFactorSet(
        trx,
        {
          name: input.name,
          source: 'manual',
          fileName: null,
          sha256: null,
          years: [input.year],
          note: input.note,
          createdBy: actor.userId,
        },
        rows,
      );
      await recalculateEverywhere(trx);
      await recordAudit(trx, {
        actor,
        partnershipId: null,
        entity: 'carbon_factor_set',
        entityId: id,
        action: 'carbon.factors.entered',
        after: { year: input.year, name: input.name, factors: input.factors },
      });
      return id;
    });
  }
}

/** The factors a platform administrator can enter by hand: one per catalogue activity part. */
export const HAND_ENTERED_FACTORS = ACTIVITIES.flatMap((a) =>
  a.parts.map((p, part) => ({
    key: `${a.code}.${part}`,
    activity: a.code,
    part,
    label: `${a.label}${a.parts.length > 1 ? ` (${p.label})` : ''}`,
    scope: p.scope,
    unit: a.unit,
  })),
);
