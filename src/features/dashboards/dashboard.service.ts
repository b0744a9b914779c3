/**
 * Dashboards: every enabled indicator, for each period, for each organisation and for the
 * partnership (roll-ups of approved figures only), with status against baselines and targets.
 * Loading is here; the arithmetic is in the pure core (compute, rollup, status).
 */
import { sql, type Kysely } from 'kysely';
import {
  evaluate,
  itemsOf,
  type IndicatorResult,
  type ItemValues,
} from '../../core/framework/compute.js';
import { rollUp, type RollUp } from '../../core/framework/rollup.js';
import { statusOf, type Dated, type Status } from '../../core/framework/status.js';
import { frequencyOf } from '../../core/periods.js';
import type { DB, Organisation, ReportingPeriod } from '../../db/schema.js';
import {
  listIndicators,
  listTargets,
  type Indicator,
  type TargetRow,
} from '../framework/framework.repo.js';

export interface PeriodFigures {
  readonly period: ReportingPeriod;
  readonly byOrganisation: ReadonlyMap<string, IndicatorResult | null>;
  readonly total: RollUp;
}

export interface IndicatorFigures {
  readonly indicator: Indicator;
  /** Oldest first: the periods of the indicator's frequency. */
  readonly periods: readonly PeriodFigures[];
}

export interface StatusView {
  readonly status: Status;
  readonly expected: number | null;
  readonly reason: string;
  readonly target: Dated | undefined;
}

export interface PartnershipFigures {
  readonly organisations: readonly Organisation[];
  readonly indicators: readonly IndicatorFigures[];
  readonly targets: readonly TargetRow[];
}

interface ApprovedValue {
  organisation_id: string;
  period_id: string;
  item_id: string;
  value: string | null;
}

export class DashboardService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  async figures(partnershipId: string): Promise<PartnershipFigures> {
    const db = this.#db;
    const [indicators, organisations, periods, approved, calculated, targets] = await Promise.all([
      listIndicators(db, partnershipId, { enabledOnly: true }),
      db
        .selectFrom('organisations')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('reporting_periods')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('starts_on')
        .execute(),
      this.#approvedValues(partnershipId),
      db
        .selectFrom('calculator_results')
        .select(['organisation_id', 'period_id', 'calculator', 'value', 'numerator', 'denominator'])
        .where('partnership_id', '=', partnershipId)
        .execute(),
      listTargets(db, partnershipId),
    ]);
    const builtIn = await this.#builtInResults(partnershipId, periods, organisations);
    const values = new Map<string, Record<string, number | null>>();
    for (const v of approved) {
      const key = `${v.organisation_id}:${v.period_id}`;
      const record = values.get(key) ?? {};
      record[v.item_id] = v.value === null ? null : Number(v.value);
      values.set(key, record);
    }
    const calc = new Map<
      string,
      { value: number | null; numerator?: number; denominator?: number }
    >();
    for (const c of calculated) {
      calc.set(`${c.organisation_id}:${c.period_id}:${c.calculator}`, {
        value: c.value === null ? null : Number(c.value),
        ...(c.numerator !== null ? { numerator: Number(c.numerator) } : {}),
        ...(c.denominator !== null ? { denominator: Number(c.denominator) } : {}),
      });
    }
    for (const [k, v] of builtIn) calc.set(k, v);

    const baselineOf = (organisationId: string, code: string) =>
      targets.find(
        (t) =>
          t.kind === 'baseline' &&
          t.organisation_id === organisationId &&
          t.indicator_code === code,
      );

    const result: IndicatorFigures[] = indicators.map((indicator) => {
      const frequency = indicator.frequency;
      const relevant = periods.filter((p) => frequencyOf(p.kind) === frequency);
      const c = indicator.computation;
      return {
        indicator,
        periods: relevant.map((period) => {
          const byOrganisation = new Map<string, IndicatorResult | null>();
          for (const org of organisations) {
            const itemValues: ItemValues = values.get(`${org.id}:${period.id}`) ?? {};
            const calculator =
              c.kind === 'calculator'
                ? (calc.get(`${org.id}:${period.id}:${c.calculator}`) ?? null)
                : null;
            const baselineRow =
              c.kind === 'change_since_baseline' ? baselineOf(org.id, indicator.id) : undefined;
            const reported =
              calculator !== null ||
              itemsOf(c).some((id) => itemValues[id] !== undefined && itemValues[id] !== null);
            if (!reported) {
              byOrganisation.set(org.id, null);
              continue;
            }
            const r = evaluate(c, itemValues, {
              calculator,
              ...(baselineRow && c.kind === 'change_since_baseline'
                ? { baseline: { [c.item]: Number(baselineRow.value) } }
                : {}),
            });
            byOrganisation.set(org.id, r.value === null && r.numerator === undefined ? null : r);
          }
          const total = rollUp(
            indicator,
            organisations.map((o) => ({
              organisationId: o.id,
              result: byOrganisation.get(o.id) ?? null,
            })),
            organisations.length,
          );
          return { period, byOrganisation, total };
        }),
      };
    });
    return { organisations, indicators: result, targets };
  }

  /** Status of one series against the baseline and targets set for it (organisation, or partnership when null). */
  static status(
    figures: IndicatorFigures,
    targets: readonly TargetRow[],
    organisationId: string | null,
  ): StatusView {
    const mine = targets.filter(
      (t) => t.indicator_code === figures.indicator.id && t.organisation_id === organisationId,
    );
    const baselineRow = mine.find((t) => t.kind === 'baseline');
    const targetRows = mine
      .filter((t) => t.kind === 'target')
      .map((t) => ({ value: Number(t.value), date: t.on_date }));
    let latest: Dated | undefined;
    for (const p of figures.periods) {
      const v =
        organisationId === null
          ? p.total.value
          : (p.byOrganisation.get(organisationId)?.value ?? null);
      if (v !== null && v !== undefined) latest = { value: v, date: p.period.ends_on };
    }
    const isChange = figures.indicator.computation.kind === 'change_since_baseline';
    const baseline = baselineRow
      ? { value: isChange ? 0 : Number(baselineRow.value), date: baselineRow.on_date }
      : undefined;
    const s = statusOf({
      direction: figures.indicator.direction,
      ...(baseline ? { baseline } : {}),
      targets: targetRows,
      ...(latest ? { latest } : {}),
    });
    const target = latest
      ? (targetRows
          .filter((t) => t.date >= latest.date)
          .sort((a, b) => a.date.localeCompare(b.date))[0] ?? targetRows[targetRows.length - 1])
      : targetRows[targetRows.length - 1];
    return { ...s, target };
  }

  async #approvedValues(partnershipId: string): Promise<ApprovedValue[]> {
    const rows = await sql<ApprovedValue>`
      SELECT t.organisation_id, t.period_id, v.item_id, v.value
      FROM returns t
      JOIN LATERAL (
        SELECT r.id FROM return_revisions r
        WHERE r.return_id = t.id AND r.status = 'approved'
        ORDER BY r.number DESC LIMIT 1
      ) approved ON true
      JOIN return_values v ON v.revision_id = approved.id
      WHERE t.partnership_id = ${partnershipId}`.execute(this.#db);
    return rows.rows;
  }

  /**
   * The calculators the returns themselves feed, per organisation and financial year:
   * A1 returns submitted by their due date, A2 approved figures with evidence, A3 maturity level.
   */
  async #builtInResults(
    partnershipId: string,
    periods: readonly ReportingPeriod[],
    organisations: readonly Organisation[],
  ): Promise<Map<string, { value: number | null; numerator?: number; denominator?: number }>> {
    const out = new Map<
      string,
      { value: number | null; numerator?: number; denominator?: number }
    >();
    const years = periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return out;
    const today = new Date().toISOString().slice(0, 10);
    const submissions = await sql<{
      organisation_id: string;
      period_id: string;
      first_submitted: Date | null;
    }>`
      SELECT t.organisation_id, t.period_id, min(r.submitted_at) AS first_submitted
      FROM returns t JOIN return_revisions r ON r.return_id = t.id
      WHERE t.partnership_id = ${partnershipId}
      GROUP BY t.organisation_id, t.period_id`.execute(this.#db);
    const evidence = await sql<{
      organisation_id: string;
      period_id: string;
      figures: number;
      evidenced: number;
    }>`
      SELECT t.organisation_id, t.period_id,
        count(*) FILTER (WHERE v.value IS NOT NULL) AS figures,
        count(*) FILTER (WHERE v.value IS NOT NULL AND (coalesce(v.note, '') <> '' OR cardinality(v.links) > 0
          OR EXISTS (SELECT 1 FROM evidence_files f WHERE f.revision_id = v.revision_id AND f.item_id = v.item_id))) AS evidenced
      FROM returns t
      JOIN LATERAL (SELECT r.id FROM return_revisions r WHERE r.return_id = t.id AND r.status = 'approved' ORDER BY r.number DESC LIMIT 1) a ON true
      JOIN return_values v ON v.revision_id = a.id
      WHERE t.partnership_id = ${partnershipId}
      GROUP BY t.organisation_id, t.period_id`.execute(this.#db);
    const maturity = await this.#db
      .selectFrom('maturity_assessments')
      .select(['organisation_id', 'fy_start_year', 'level'])
      .where('partnership_id', '=', partnershipId)
      .execute();
    for (const year of years) {
      const inYear = periods.filter(
        (p) => p.fy_start_year === year.fy_start_year && p.due_on <= today,
      );
      for (const org of organisations) {
        const key = (calculator: string) => `${org.id}:${year.id}:${calculator}`;
        if (inYear.length) {
          const onTime = inYear.filter((p) => {
            const s = submissions.rows.find(
              (r) => r.organisation_id === org.id && r.period_id === p.id,
            );
            return (
              s?.first_submitted &&
              new Date(s.first_submitted).toISOString().slice(0, 10) <= p.due_on
            );
          }).length;
          out.set(key('returns.on-time'), {
            value: (onTime / inYear.length) * 100,
            numerator: onTime,
            denominator: inYear.length,
          });
        }
        const ev = evidence.rows.filter(
          (r) =>
            r.organisation_id === org.id &&
            periods.some((p) => p.id === r.period_id && p.fy_start_year === year.fy_start_year),
        );
        const figures = ev.reduce((s, r) => s + Number(r.figures), 0);
        const evidenced = ev.reduce((s, r) => s + Number(r.evidenced), 0);
        if (figures > 0)
          out.set(key('returns.evidenced'), {
            value: (evidenced / figures) * 100,
            numerator: evidenced,
            denominator: figures,
          });
        const levels = maturity
          .filter((m) => m.organisation_id === org.id && m.fy_start_year === year.fy_start_year)
          .map((m) => m.level)
          .sort((a, b) => a - b);
        if (levels.length)
          out.set(key('maturity.level'), {
            value: levels[Math.floor((levels.length - 1) / 2)] ?? null,
          });
      }
    }
    return out;
  }
}
