/**
 * The read model of figures: every enabled indicator, for each reporting period of its frequency,
 * each organisation's figure and the partnership total, with coverage (organisations reporting
 * out of those expected and, for calculator figures, how much of the underlying data is known).
 * Dashboards read it today; published snapshots, public pages, open data, the API and the annual
 * report read it later, so that a figure has one definition everywhere. A return reads one
 * organisation's period alone (readOrganisation): the same figures, worked out by the same code
 * (organisationFigure) from that organisation's and period's facts, without totals or changes.
 *
 * It is built from stored facts only: approved return values, the stored calculator results
 * (written by recalculate, in the transaction of each change) and, for A1, when returns were
 * first submitted against their due dates, counted as of the day it is read. Nothing is written
 * here. The arithmetic is in the pure core (compute, rollup, coverage, status).
 */
import { sql, type Kysely } from 'kysely';
import type { SuggestionState } from '../../core/charter/consultation.js';
import { prioritiesAnswered } from '../../core/charter/priorities.js';
import { onTimeShare } from '../../core/figures/accountability.js';
import { changeBetween, type Change, type PeriodReported } from '../../core/figures/change.js';
import {
  addDataCoverage,
  dataCoverage,
  dataCoverageText,
  isKnownEnough,
  NOT_KNOWN,
  type Coverage,
  type CoverageMeaning,
  type DataCoverage,
} from '../../core/figures/coverage.js';
import {
  CALCULATORS,
  isCalculatorId,
  isPartnershipWide,
  type AtReadCalculatorId,
} from '../../core/figures/registry.js';
import {
  evaluate,
  itemsOf,
  type CalculatorResult,
  type IndicatorResult,
  type ItemValues,
} from '../../core/framework/compute.js';
import { rollUp, rollUpMethod, totalUnit, type RollUp } from '../../core/framework/rollup.js';
import { statusInputs, statusOf, type Dated, type Status } from '../../core/framework/status.js';
import { frequencyOf } from '../../core/periods.js';
import type { DB, Organisation, ReportingPeriod } from '../../db/schema.js';
import {
  listIndicators,
  listTargets,
  type Indicator,
  type TargetRow,
} from '../framework/framework.repo.js';

/**
 * One organisation's figure for a period, with the coverage of its data where known. When too
 * little of its data is known (isKnownEnough), `known` is false and `value` is null: the page
 * says "Not known" with the coverage, never a percentage. Its parts stay, for the total.
 */
export interface OrganisationFigure extends IndicatorResult {
  readonly coverage: DataCoverage | null;
  readonly known: boolean;
}

/**
 * The partnership total of a period: a roll-up of the organisations' figures, with coverage, and
 * null with `known` false when too little of the data of the organisations in it is known.
 */
export interface TotalFigure extends RollUp {
  readonly coverage: Coverage;
  readonly known: boolean;
}

/**
 * The id under which a partnership-wide figure (isPartnershipWide: C3) is kept among the
 * organisations' results: it belongs to no organisation.
 */
const PARTNERSHIP_WIDE = 'partnership';

export interface PeriodFigures {
  readonly period: ReportingPeriod;
  /** Every organisation of the partnership: null when it has no figure for the period. */
  readonly byOrganisation: ReadonlyMap<string, OrganisationFigure | null>;
  readonly total: TotalFigure;
  /**
   * The partnership's change since the period before (null for the first), like for like: over
   * the organisations that reported in both, or "coverage changed" (core/figures/change.ts).
   */
  readonly change: Change | null;
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
  /** The day the figures were read as of (A1 counts returns due by then). */
  readonly asOf: string;
}

/** One organisation's figures for one period, for the indicators asked for (readOrganisation). */
export interface OrganisationPeriodFigures {
  readonly organisation: Organisation;
  readonly period: ReportingPeriod;
  /** In the framework's order; `figure` null when the organisation has none for the period. */
  readonly figures: readonly {
    readonly indicator: Indicator;
    readonly figure: OrganisationFigure | null;
  }[];
  readonly asOf: string;
}

/** What a read covers: the whole partnership, or one organisation's period and some indicators. */
interface ReadScope {
  readonly organisationId?: string;
  readonly periodId?: string;
  readonly indicators?: (indicator: Indicator) => boolean;
}

/** The stored facts figures are worked out from, within a scope. */
interface Loaded {
  readonly indicators: readonly Indicator[];
  readonly organisations: readonly Organisation[];
  readonly periods: readonly ReportingPeriod[];
  readonly targets: readonly TargetRow[];
  /** Approved values by organisation and period ("org:period"). */
  readonly values: ReadonlyMap<string, ItemValues>;
  /** Calculator results by key(organisation, period, calculator). */
  readonly calc: ReadonlyMap<string, StoredResult>;
}

interface StoredResult extends CalculatorResult {
  readonly coverage: DataCoverage | null;
}

interface ApprovedValue {
  organisation_id: string;
  period_id: string;
  item_id: string;
  value: string | null;
}

interface Facts {
  readonly periods: readonly ReportingPeriod[];
  readonly organisations: readonly Organisation[];
  readonly partnershipId: string;
  readonly asOf: string;
}

type AtRead = (
  db: Kysely<DB>,
  facts: Facts,
) => Promise<Map<string, { organisationId: string; periodId: string; result: CalculatorResult }>>;

/** Calculators counted when read: the compiler insists on one for each, and no more. */
const AT_READ: { readonly [K in AtReadCalculatorId]: AtRead } = {
  'returns.on-time': onTimeAtRead,
  'priorities.answered': prioritiesAtRead,
};

const key = (organisationId: string, periodId: string, calculator: string) =>
  `${organisationId}:${periodId}:${calculator}`;

export class FiguresService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every enabled indicator's figures for the partnership, as of a day (today by default). */
  async read(partnershipId: string, options: { asOf?: string } = {}): Promise<PartnershipFigures> {
    const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
    const loaded = await this.#load(partnershipId, asOf, {});
    const { indicators, organisations, periods, targets } = loaded;

    const result: IndicatorFigures[] = indicators.map((indicator) => {
      const relevant = periods.filter((p) => frequencyOf(p.kind) === indicator.frequency);
      // A partnership-wide figure is compared as the one figure it is.
      const reported = (p: Omit<PeriodFigures, 'change'>): PeriodReported => ({
        label: p.period.label,
        figures: isPartnershipWide(indicator)
          ? [
              {
                organisationId: PARTNERSHIP_WIDE,
                figure: p.total.value === null ? null : totalAsFigure(p.total),
              },
            ]
          : organisations.map((o) => ({
              organisationId: o.id,
              figure: p.byOrganisation.get(o.id) ?? null,
            })),
      });
      const withChange = (list: readonly Omit<PeriodFigures, 'change'>[]): PeriodFigures[] =>
        list.map((p, i) => {
          const before = i > 0 ? list[i - 1] : undefined;
          return {
            ...p,
            change: before
              ? changeBetween(indicator, reported(before), reported(p), { total: true })
              : null,
          };
        });
      return {
        indicator,
        periods: withChange(
          relevant.map((period) => {
            const byOrganisation = new Map<string, OrganisationFigure | null>();
            if (isPartnershipWide(indicator)) {
              for (const org of organisations) byOrganisation.set(org.id, null);
              return {
                period,
                byOrganisation,
                total: partnershipWideTotal(loaded, indicator, period.id),
              };
            }
            for (const org of organisations)
              byOrganisation.set(org.id, organisationFigure(loaded, indicator, org.id, period.id));
            const total = rollUp(
              indicator,
              organisations.map((o) => ({
                organisationId: o.id,
                result: byOrganisation.get(o.id) ?? null,
              })),
              organisations.length,
            );
            const data = addDataCoverage([...byOrganisation.values()].map((f) => f?.coverage));
            const known = isKnownEnough(data);
            return {
              period,
              byOrganisation,
              total: {
                ...total,
                value: known ? total.value : null,
                known,
                coverage: {
                  organisations: { reporting: total.reported, expected: total.expected },
                  data,
                },
              },
            };
          }),
        ),
      };
    });
    return { organisations, indicators: result, targets, asOf };
  }

  /**
   * One organisation's figures for one period, for the enabled indicators `indicators` picks
   * (all by default): the same figures, coverage and "Not known" as `read` gives for that
   * organisation and period, worked out by the same code from that organisation's and period's
   * stored facts only. Undefined when the organisation or the period is not the partnership's.
   * For a return, which shows one organisation's period; dashboards read the whole partnership.
   */
  async readOrganisation(
    partnershipId: string,
    scope: {
      organisationId: string;
      periodId: string;
      indicators?: (indicator: Indicator) => boolean;
      asOf?: string;
    },
  ): Promise<OrganisationPeriodFigures | undefined> {
    const asOf = scope.asOf ?? new Date().toISOString().slice(0, 10);
    const loaded = await this.#load(partnershipId, asOf, scope);
    const organisation = loaded.organisations[0];
    const period = loaded.periods.find((p) => p.id === scope.periodId);
    if (!organisation || !period) return undefined;
    return {
      organisation,
      period,
      figures: loaded.indicators
        .filter((i) => i.frequency === frequencyOf(period.kind) && !isPartnershipWide(i))
        .map((indicator) => ({
          indicator,
          figure: organisationFigure(loaded, indicator, organisation.id, period.id),
        })),
      asOf,
    };
  }

  /**
   * The stored facts within a scope: the indicators it picks, its organisation (or every one)
   * with their approved values and calculator results for its period (or every period), the
   * targets, and the calculators counted when read that those indicators use.
   */
  async #load(partnershipId: string, asOf: string, scope: ReadScope): Promise<Loaded> {
    const db = this.#db;
    const { organisationId, periodId } = scope;
    let organisationsQuery = db
      .selectFrom('organisations')
      .selectAll()
      .where('partnership_id', '=', partnershipId);
    if (organisationId !== undefined)
      organisationsQuery = organisationsQuery.where('id', '=', organisationId);
    let storedQuery = db
      .selectFrom('calculator_results')
      .select([
        'organisation_id',
        'period_id',
        'calculator',
        'value',
        'numerator',
        'denominator',
        'coverage_known',
        'coverage_total',
        // Only a count of shared things (joint initiatives) names what it counts.
        sql<unknown>`detail -> 'counted'`.as('counted'),
      ])
      .where('partnership_id', '=', partnershipId);
    if (organisationId !== undefined)
      storedQuery = storedQuery.where('organisation_id', '=', organisationId);
    if (periodId !== undefined) storedQuery = storedQuery.where('period_id', '=', periodId);
    const [all, organisations, periods, approved, stored, targets] = await Promise.all([
      listIndicators(db, partnershipId, { enabledOnly: true }),
      organisationsQuery.orderBy('name').execute(),
      db
        .selectFrom('reporting_periods')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('starts_on')
        .execute(),
      approvedValues(db, partnershipId, scope),
      storedQuery.execute(),
      listTargets(db, partnershipId),
    ]);
    const indicators = scope.indicators ? all.filter(scope.indicators) : all;

    const values = new Map<string, Record<string, number | null>>();
    for (const v of approved) {
      const k = `${v.organisation_id}:${v.period_id}`;
      const record = values.get(k) ?? {};
      record[v.item_id] = v.value === null ? null : Number(v.value);
      values.set(k, record);
    }
    const calc = new Map<string, StoredResult>();
    for (const c of stored) {
      const describes = isCalculatorId(c.calculator)
        ? (CALCULATORS[c.calculator] as { coverage?: CoverageMeaning }).coverage
        : undefined;
      calc.set(key(c.organisation_id, c.period_id, c.calculator), {
        value: c.value === null ? null : Number(c.value),
        ...(c.numerator !== null ? { numerator: Number(c.numerator) } : {}),
        ...(c.denominator !== null ? { denominator: Number(c.denominator) } : {}),
        ...(Array.isArray(c.counted) ? { counted: c.counted.map(String) } : {}),
        coverage:
          describes && c.coverage_known !== null && c.coverage_total !== null
            ? dataCoverage(Number(c.coverage_known), Number(c.coverage_total), describes)
            : null,
      });
    }
    const facts: Facts = { periods, organisations, partnershipId, asOf };
    for (const [calculator, count] of Object.entries(AT_READ) as [AtReadCalculatorId, AtRead][]) {
      if (!indicators.some((i) => usesCalculator(i, calculator))) continue;
      for (const r of (await count(db, facts)).values())
        calc.set(key(r.organisationId, r.periodId, calculator), { ...r.result, coverage: null });
    }
    return { indicators, organisations, periods, targets, values, calc };
  }

  /**
   * The change into the period at `index` from the one before, for the partnership (null: the
   * total's like-for-like change) or for one organisation (its own figures only).
   */
  static change(
    figures: IndicatorFigures,
    index: number,
    organisationId: string | null,
  ): Change | null {
    const after = figures.periods[index];
    const before = index > 0 ? figures.periods[index - 1] : undefined;
    if (!after || !before) return null;
    if (organisationId === null) return after.change;
    const one = (p: PeriodFigures): PeriodReported => ({
      label: p.period.label,
      figures: [{ organisationId, figure: p.byOrganisation.get(organisationId) ?? null }],
    });
    return changeBetween(figures.indicator, one(before), one(after));
  }

  /** The baseline and targets an indicator's status is worked out against (core/framework/status). */
  static statusInputs(
    indicator: Indicator,
    targets: readonly TargetRow[],
    organisationId: string | null,
  ): { baseline?: Dated; targets: Dated[] } {
    return statusInputs(indicator, targets, organisationId);
  }

  /** Status of one series against the baseline and targets set for it (organisation, or partnership when null). */
  static status(
    figures: IndicatorFigures,
    targets: readonly TargetRow[],
    organisationId: string | null,
  ): StatusView {
    const inputs = FiguresService.statusInputs(figures.indicator, targets, organisationId);
    const targetRows = inputs.targets;
    let latest: Dated | undefined;
    let notKnown: DataCoverage | null = null;
    for (const p of figures.periods) {
      const f = organisationId === null ? p.total : (p.byOrganisation.get(organisationId) ?? null);
      if (f && !f.known)
        notKnown =
          organisationId === null
            ? p.total.coverage.data
            : (p.byOrganisation.get(organisationId)?.coverage ?? null);
      else if (f?.value !== null && f?.value !== undefined) {
        latest = { value: f.value, date: p.period.ends_on };
        notKnown = null;
      }
    }
    // The latest figure is not known: its status is not worked out from an older one.
    if (notKnown) {
      const known = dataCoverageText(notKnown);
      return {
        status: 'no-data',
        expected: null,
        reason: known
          ? `${NOT_KNOWN}: ${known.charAt(0).toLowerCase()}${known.slice(1)}`
          : NOT_KNOWN,
        target: undefined,
      };
    }
    const s = statusOf({
      direction: figures.indicator.direction,
      unit: organisationId === null ? totalUnit(figures.indicator.unit) : figures.indicator.unit,
      ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
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
}

/**
 * One organisation's figure for one indicator and period, from the stored facts: null when it
 * reported nothing for it; otherwise evaluated by the core, with its data coverage, and with no
 * value (`known` false) when too little of its data is known. `read` and `readOrganisation` both
 * work every organisation's figure out here.
 */
function organisationFigure(
  loaded: Loaded,
  indicator: Indicator,
  organisationId: string,
  periodId: string,
): OrganisationFigure | null {
  const c = indicator.computation;
  const itemValues: ItemValues = loaded.values.get(`${organisationId}:${periodId}`) ?? {};
  const calculator =
    c.kind === 'calculator'
      ? (loaded.calc.get(key(organisationId, periodId, c.calculator)) ?? null)
      : null;
  const baselineRow =
    c.kind === 'change_since_baseline'
      ? loaded.targets.find(
          (t) =>
            t.kind === 'baseline' &&
            t.organisation_id === organisationId &&
            t.indicator_code === indicator.id,
        )
      : undefined;
  const reported =
    calculator !== null ||
    itemsOf(c).some((id) => itemValues[id] !== undefined && itemValues[id] !== null);
  if (!reported) return null;
  const r = evaluate(c, itemValues, {
    calculator,
    ...(baselineRow && c.kind === 'change_since_baseline'
      ? { baseline: { [c.item]: Number(baselineRow.value) } }
      : {}),
  });
  const coverage = r.source === 'calculator' ? (calculator?.coverage ?? null) : null;
  const known = isKnownEnough(coverage);
  return r.value === null && r.numerator === undefined
    ? null
    : { ...r, value: known ? r.value : null, coverage, known };
}

/**
 * The total of a partnership-wide indicator: its own figure for the period, counted when read
 * (no organisations report it, so none are expected).
 */
function partnershipWideTotal(loaded: Loaded, indicator: Indicator, periodId: string): TotalFigure {
  const c = indicator.computation;
  const r =
    c.kind === 'calculator'
      ? loaded.calc.get(key(PARTNERSHIP_WIDE, periodId, c.calculator))
      : undefined;
  return {
    value: r?.value ?? null,
    ...(r?.numerator !== undefined ? { numerator: r.numerator } : {}),
    ...(r?.denominator !== undefined ? { denominator: r.denominator } : {}),
    reported: 0,
    expected: 0,
    complete: true,
    method: rollUpMethod(indicator),
    known: true,
    coverage: { organisations: { reporting: 0, expected: 0 }, data: null, partnershipWide: true },
  };
}

function totalAsFigure(total: TotalFigure): OrganisationFigure {
  return {
    value: total.value,
    ...(total.numerator !== undefined ? { numerator: total.numerator } : {}),
    ...(total.denominator !== undefined ? { denominator: total.denominator } : {}),
    missing: [],
    source: 'calculator',
    coverage: null,
    known: true,
  };
}

function usesCalculator(indicator: Indicator, calculator: string): boolean {
  return (
    indicator.computation.kind === 'calculator' && indicator.computation.calculator === calculator
  );
}

/** The latest approved revision's values of the partnership's returns (of one organisation or period when given). */
async function approvedValues(
  db: Kysely<DB>,
  partnershipId: string,
  scope: { readonly organisationId?: string; readonly periodId?: string },
): Promise<ApprovedValue[]> {
  const rows = await sql<ApprovedValue>`
    SELECT t.organisation_id, t.period_id, v.item_id, v.value
    FROM returns t
    JOIN LATERAL (
      SELECT r.id FROM return_revisions r
      WHERE r.return_id = t.id AND r.status = 'approved'
      ORDER BY r.number DESC LIMIT 1
    ) approved ON true
    JOIN return_values v ON v.revision_id = approved.id
    WHERE t.partnership_id = ${partnershipId}
      ${scope.organisationId !== undefined ? sql`AND t.organisation_id = ${scope.organisationId}` : sql``}
      ${scope.periodId !== undefined ? sql`AND t.period_id = ${scope.periodId}` : sql``}`.execute(
    db,
  );
  return rows.rows;
}

/**
 * A1 (returns.on-time), per organisation and annual period, as of the day read: of the returns of
 * the financial year (quarterly and annual) that had fallen due, those first submitted by their
 * due date. Counted here rather than stored because a due date passing moves it with no change to
 * any data.
 */
async function onTimeAtRead(db: Kysely<DB>, facts: Facts) {
  const out = new Map<
    string,
    { organisationId: string; periodId: string; result: CalculatorResult }
  >();
  const years = facts.periods.filter((p) => p.kind === 'year');
  if (years.length === 0) return out;
  const submissions = await sql<{
    organisation_id: string;
    period_id: string;
    first_submitted: Date | null;
  }>`
    SELECT t.organisation_id, t.period_id, min(r.submitted_at) AS first_submitted
    FROM returns t JOIN return_revisions r ON r.return_id = t.id
    WHERE t.partnership_id = ${facts.partnershipId}
      AND t.organisation_id = ANY (${facts.organisations.map((o) => o.id)}::uuid[])
    GROUP BY t.organisation_id, t.period_id`.execute(db);
  const firstSubmitted = new Map(
    submissions.rows.map((s) => [
      `${s.organisation_id}:${s.period_id}`,
      s.first_submitted ? new Date(s.first_submitted).toISOString().slice(0, 10) : null,
    ]),
  );
  for (const year of years) {
    const inYear = facts.periods.filter((p) => p.fy_start_year === year.fy_start_year);
    for (const org of facts.organisations) {
      const result = onTimeShare(
        inYear.map((p) => ({
          dueOn: p.due_on,
          firstSubmittedOn: firstSubmitted.get(`${org.id}:${p.id}`) ?? null,
        })),
        facts.asOf,
      );
      if (result)
        out.set(`${org.id}:${year.id}`, { organisationId: org.id, periodId: year.id, result });
    }
  }
  return out;
}

/**
 * C3 (priorities.answered), for the partnership as a whole and each annual period: of the
 * priorities published by the end of the year, the share with a public answer, answered by the
 * day read (core/charter/priorities.ts prioritiesAnswered). Counted here rather than stored: an
 * answer moves the figure of every year the priority was published by.
 */
async function prioritiesAtRead(db: Kysely<DB>, facts: Facts) {
  const out = new Map<
    string,
    { organisationId: string; periodId: string; result: CalculatorResult }
  >();
  const years = facts.periods.filter((p) => p.kind === 'year');
  if (years.length === 0) return out;
  const priorities = await sql<{ state: string; created_on: string; answered: boolean }>`
    SELECT p.state, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created_on,
      EXISTS (SELECT 1 FROM public_answers a WHERE a.priority_id = p.id
        AND a.answered_at < ((${facts.asOf}::date + 1)::timestamp AT TIME ZONE 'UTC')) AS answered
    FROM local_priorities p
    WHERE p.partnership_id = ${facts.partnershipId}`.execute(db);
  const list = priorities.rows.map((p) => ({
    state: p.state as SuggestionState,
    createdOn: p.created_on,
    answered: p.answered,
  }));
  for (const year of years) {
    if (year.starts_on > facts.asOf) continue;
    const c3 = prioritiesAnswered(list, year.ends_on < facts.asOf ? year.ends_on : facts.asOf);
    if (c3.value === null) continue;
    out.set(`${PARTNERSHIP_WIDE}:${year.id}`, {
      organisationId: PARTNERSHIP_WIDE,
      periodId: year.id,
      result: { value: c3.value, numerator: c3.numerator, denominator: c3.denominator },
    });
  }
  return out;
}
