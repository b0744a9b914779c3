/**
 * The payroll kind of the import engine: a payroll or HR extract (CSV or XLSX, one row per person
 * or post) for one organisation and financial year, reduced at the door (decision 026).
 *
 * Each row is reduced as it is read (core/workforce/reduce.ts): employment type, pay only as "at
 * or above the Real Living Wage that applied on the pay date" and a band, start in the year,
 * apprentice and priority-group flags, and the home postcode in standard form. The postcodes are
 * held in memory only until the merge places them (district and both editions' IMD deciles) and
 * are then dropped; what is stored is counts per organisation and year (payroll_aggregates),
 * replacing the extract before for the same year. No name, staff number, date of birth, postcode or
 * pay figure is stored or logged, a rejected row keeps only its line and reason (which names the
 * column, never the value), and the uploaded file is deleted when the import ends.
 */
import {
  aggregatePayroll,
  payrollFigures,
  type PayrollCounts,
} from '../../core/workforce/aggregate.js';
import {
  PAYROLL_IMPORT_FIELDS,
  payrollMappingProblems,
  type PayrollField,
} from '../../core/workforce/fields.js';
import {
  countHomes,
  withHomes,
  type HomeCell,
  type HomePlace,
} from '../../core/workforce/homes.js';
import { LIVING_WAGE_RULE } from '../../core/workforce/living-wage.js';
import { reducePayrollRow, type ReducedRecord } from '../../core/workforce/reduce.js';
import { fyLabel, periodDates } from '../../core/periods.js';
import type { XlsxLimits } from '../../core/file-limits.js';
import { EXCEL_CELL_CHARS } from '../../core/file-limits.js';
import { DistrictRanges, placePostcodes, type Placement } from '../../reference/geography.js';
import { recordAudit } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import type { CollectedKind } from '../imports/collected.js';
import { ImportError } from '../imports/files.js';
import { livingWageContext } from './pay-context.js';

/**
 * A payroll extract: an NHS trust has up to about 20,000 staff and a large council a little
 * fewer; the limits leave many times that.
 */
export const PAYROLL_FILE_LIMITS: XlsxLimits = {
  rows: 500_000,
  columns: 200,
  cellChars: EXCEL_CELL_CHARS,
  headerChars: 200,
  inflatedBytes: 500 * 1024 * 1024,
  sharedStringsBytes: 64 * 1024 * 1024,
  sharedStrings: 1_000_000,
};

/** What is stored of an extract: counts per organisation and year, and where staff live as counts. */
export interface StoredPayroll {
  readonly counts: PayrollCounts;
  readonly homes: readonly HomeCell[];
}

/** What the import reports (and its batch keeps): counts and figures, nothing about any one person. */
export interface PayrollSummary {
  readonly year: string;
  readonly rate: PayrollRate;
  readonly staff: { readonly direct: number; readonly contracted: number };
  readonly figures: ReturnType<typeof payrollFigures>;
  /** Rows kept with something set aside (a postcode that could not be read, a pay date with no rate). */
  readonly notes: number;
}

/** The Real Living Wage pay was measured against, as shown beside the figures. */
export interface PayrollRate {
  readonly area: 'UK' | 'London';
  /** The rates' year ("2024/25") of the rows measured, and their hourly rate in pence. */
  readonly years: readonly { readonly year: string; readonly pence: number }[];
  readonly rule: string;
}

type Row = { record: ReducedRecord; notes: number };

export const PAYROLL_KIND: CollectedKind<PayrollField, Row, PayrollSummary> = {
  id: 'payroll',
  jobKind: 'payroll-import',
  noun: 'payroll extract',
  auditAction: 'payroll.imported',
  fields: PAYROLL_IMPORT_FIELDS,
  limits: PAYROLL_FILE_LIMITS,
  textChars: 500,
  // A payroll row holds personal data: a rejected row keeps its line and reason, no cell.
  keep: () => [],
  mappingProblems: (mapping) => payrollMappingProblems(mapping),
  async prepare({ db, target, headers, mapping }) {
    if (target.fyStartYear === null)
      throw new ImportError('Choose the financial year the extract is for');
    const dates = periodDates(
      { kind: 'year', fyStartYear: target.fyStartYear },
      target.partnership.fy_start_month,
    );
    const wage = await livingWageContext(db, target.organisation.id);
    const ctx = {
      mapping,
      headers,
      rates: wage.rates,
      paysLondonWeighting: wage.paysLondonWeighting,
      period: { startsOn: dates.startsOn, endsOn: dates.endsOn },
      // An extract without pay dates is as it stood at the end of the year.
      defaultPayDate: dates.endsOn,
    };
    return {
      parse(row, reasons) {
        const r = reducePayrollRow(row.fields, ctx);
        if (!r.ok) {
          reasons.push(...r.reasons);
          return null;
        }
        return { record: r.record, notes: r.notes.length };
      },
      async store({ trx, partnership, organisation, fyStartYear, batchId, actor }, rows) {
        const year = fyStartYear as number;
        // Place each distinct home postcode once; the postcodes go no further than this function.
        const postcodes = [
          ...new Set(
            rows.flatMap((r) => (r.record.postcodeForPlacing ? [r.record.postcodeForPlacing] : [])),
          ),
        ];
        const placed = postcodes.length
          ? await placePostcodes(trx, DistrictRanges.shared(), postcodes)
          : new Map<string, Placement>();
        const lsoas11 = new Set<string>();
        const lsoas21 = new Set<string>();
        for (const p of placed.values()) {
          if (p.lsoa11) lsoas11.add(p.lsoa11);
          if (p.lsoa21) lsoas21.add(p.lsoa21);
        }
        const deciles = new Map<string, number>();
        for (const [edition, lsoas] of [
          [2019, lsoas11],
          [2025, lsoas21],
        ] as const) {
          const list = [...lsoas];
          for (let i = 0; i < list.length; i += 5000) {
            const found = await trx
              .selectFrom('ref_imd')
              .select(['lsoa', 'decile'])
              .where('edition', '=', edition)
              .where('lsoa', 'in', list.slice(i, i + 5000))
              .execute();
            for (const f of found) deciles.set(`${edition}:${f.lsoa}`, f.decile);
          }
        }
        const placeOf = (postcode: string | null): HomePlace | null => {
          const p = postcode ? placed.get(postcode) : undefined;
          if (!p?.lad) return null;
          return {
            district: p.lad,
            decile2019: p.lsoa11 ? (deciles.get(`2019:${p.lsoa11}`) ?? null) : null,
            decile2025: p.lsoa21 ? (deciles.get(`2025:${p.lsoa21}`) ?? null) : null,
          };
        };
        const homes = countHomes(
          rows
            .filter((r) => r.record.employment === 'direct')
            .map((r) => ({
              place: placeOf(r.record.postcodeForPlacing),
              starter: r.record.startedInPeriod === true,
            })),
        );
        const counts = aggregatePayroll(rows.map((r) => ({ record: r.record, placement: null })));
        const figures = payrollFigures(
          withHomes(counts, homes, partnership.local_area, partnership.imd_edition as 2019 | 2025),
        );
        const years = new Map<string, number>();
        for (const r of rows) {
          if (r.record.rlwYear) {
            const rate = wage.rates.find((x) => x.yearLabel === r.record.rlwYear);
            if (rate)
              years.set(rate.yearLabel, wage.paysLondonWeighting ? rate.londonPence : rate.ukPence);
          }
        }
        const rate: PayrollRate = {
          area: wage.paysLondonWeighting ? 'London' : 'UK',
          years: [...years]
            .map(([y, pence]) => ({ year: y, pence }))
            .sort((a, b) => (a.year < b.year ? -1 : 1)),
          rule: LIVING_WAGE_RULE,
        };
        const stored: StoredPayroll = { counts, homes };
        const before = await trx
          .selectFrom('payroll_aggregates')
          .select(['counts', 'batch_id'])
          .where('organisation_id', '=', organisation.id)
          .where('fy_start_year', '=', year)
          .executeTakeFirst();
        await trx
          .insertInto('payroll_aggregates')
          .values({
            partnership_id: partnership.id,
            organisation_id: organisation.id,
            fy_start_year: year,
            batch_id: batchId,
            rate: JSON.stringify(rate),
            counts: JSON.stringify(stored),
          })
          .onConflict((oc) =>
            oc.columns(['organisation_id', 'fy_start_year']).doUpdateSet({
              batch_id: batchId,
              rate: JSON.stringify(rate),
              counts: JSON.stringify(stored),
              recorded_at: new Date(),
            }),
          )
          .execute();
        const label = fyLabel(year, partnership.fy_start_month);
        await recordAudit(trx, {
          actor,
          partnershipId: partnership.id,
          entity: 'payroll',
          entityId: `${organisation.code} ${label}`,
          action: before ? 'payroll.replaced' : 'payroll.recorded',
          before: before
            ? { batch: before.batch_id, counts: (before.counts as StoredPayroll).counts }
            : undefined,
          after: { batch: batchId, counts },
        });
        const dates = periodDates({ kind: 'year', fyStartYear: year }, partnership.fy_start_month);
        await recalculate(trx, partnership.id, {
          input: 'payroll',
          organisationIds: [organisation.id],
          dates: { from: dates.startsOn, to: dates.endsOn },
        });
        return {
          summary: {
            year: label,
            rate,
            staff: { direct: counts.direct.staff, contracted: counts.contracted.staff },
            figures,
            notes: rows.filter((r) => r.notes > 0).length,
          },
        };
      },
    };
  },
};

/**
 * The import jobs whose uploads hold personal data (payroll extracts alone): an upload of theirs
 * left waiting for its columns is deleted after an hour, not a day (giveUpWaitingUploads).
 */
export const PERSONAL_JOB_KINDS: readonly string[] = [PAYROLL_KIND.jobKind];
