/**
 * Change between two periods, like for like. A partnership figure moves when organisations join
 * or drop out of it as well as when the figures move: W1 "rose" to 96.2% only because a large
 * university at about 90% did not report that year. So a change is worked out over the
 * organisations that reported in both periods, with the partnership value recomputed over that
 * common set (adding parts, or values, as the total does); where no organisation reported in
 * both, it says plainly that coverage changed and does not call it a rise or a fall.
 *
 * Rise, fall or no change is decided on the figures as they are shown (so 96.18% and 96.2% are
 * no change), and a figure too little of whose data is known is not compared at all. Pure.
 */
import type { IndicatorResult } from '../framework/compute.js';
import { formatValue, roundAsShown } from '../framework/format.js';
import { rollUp, rollUpMethod, totalUnit } from '../framework/rollup.js';
import type { IndicatorDefinition } from '../framework/types.js';
import { addDataCoverage, isKnownEnough, type DataCoverage } from './coverage.js';

/** The rule as the methodology page states it. */
export const CHANGE_RULE =
  'A change from one period to the next compares like with like: it is worked out over the ' +
  'organisations that reported in both periods, with the partnership figure for each period ' +
  'worked out again over just those organisations, and says so when others reported in only ' +
  'one of them. Where no organisation reported in both, we say that coverage changed (for ' +
  'example “coverage changed: 5 organisations in 2024/25, 4 in 2025/26”) and do not call it a ' +
  'rise or a fall. Figures that read the same as shown are no change; a share that is not known ' +
  'in either period is not compared.';

/** One organisation's figure in a period; null when it did not report. */
export interface ReportedFigure {
  readonly organisationId: string;
  readonly figure: (IndicatorResult & { readonly coverage: DataCoverage | null }) | null;
}

export interface PeriodReported {
  /** "2024/25", "Q1 2025/26". */
  readonly label: string;
  readonly figures: readonly ReportedFigure[];
}

export type Change =
  | {
      readonly kind: 'change';
      /** The partnership value over the organisations in both periods, rounded as shown. */
      readonly from: number;
      readonly to: number;
      readonly direction: 'rise' | 'fall' | 'same';
      /** How many organisations reported in both periods (the set compared). */
      readonly organisations: number;
      /** Whether the set compared is every organisation that reported in either period. */
      readonly sameOrganisations: boolean;
      readonly before: { readonly label: string; readonly organisations: number };
      readonly after: { readonly label: string; readonly organisations: number };
      readonly text: string;
    }
  | {
      /** No organisation reported in both periods: not a rise or a fall. */
      readonly kind: 'coverage-changed';
      readonly before: { readonly label: string; readonly organisations: number };
      readonly after: { readonly label: string; readonly organisations: number };
      readonly text: string;
    }
  | {
      /** Nothing to compare: no figure in one of the periods, or too little of it known. */
      readonly kind: 'none';
      readonly text: string;
    };

type Indicator = Pick<IndicatorDefinition, 'unit' | 'computation'>;

const reported = (p: PeriodReported) =>
  new Set(p.figures.filter((f) => f.figure !== null).map((f) => f.organisationId));

const count = (n: number) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? 'organisation' : 'organisations'}`;

/** "coverage changed: 5 organisations in 2024/25, 4 in 2025/26". */
export function coverageChangedText(
  before: { label: string; organisations: number },
  after: { label: string; organisations: number },
): string {
  return `coverage changed: ${count(before.organisations)} in ${before.label}, ${after.organisations.toLocaleString('en-GB')} in ${after.label}`;
}

/** The partnership value over a set of organisations, as the total works it out, and whether it is known. */
function valueOver(indicator: Indicator, period: PeriodReported, ids: ReadonlySet<string>) {
  const figures = period.figures.filter((f) => ids.has(f.organisationId));
  const total = rollUp(
    indicator,
    figures.map((f) => ({ organisationId: f.organisationId, result: f.figure })),
  );
  const known = isKnownEnough(addDataCoverage(figures.map((f) => f.figure?.coverage)));
  return { value: total.value, known };
}

/**
 * The change from `before` to `after` over the organisations that reported in both. The indicator
 * gives the unit (for the precision shown) and how organisations' figures add up.
 */
export function changeBetween(
  indicator: Indicator,
  before: PeriodReported,
  after: PeriodReported,
  /** A change in the partnership's total, said in the total's unit (a count, for yes/no). */
  options: { readonly total?: boolean } = {},
): Change {
  const inBefore = reported(before);
  const inAfter = reported(after);
  const b = { label: before.label, organisations: inBefore.size };
  const a = { label: after.label, organisations: inAfter.size };
  if (inBefore.size === 0 || inAfter.size === 0) {
    return { kind: 'none', text: `No figure to compare with ${before.label}` };
  }
  const common = new Set([...inAfter].filter((id) => inBefore.has(id)));
  if (common.size === 0)
    return {
      kind: 'coverage-changed',
      before: b,
      after: a,
      text: capital(coverageChangedText(b, a)),
    };
  const results = [...before.figures, ...after.figures].map((f) => ({
    organisationId: f.organisationId,
    result: f.figure,
  }));
  if (rollUpMethod(indicator, results) === 'not-additive') {
    return {
      kind: 'none',
      text: 'Figures that do not add up across organisations are not compared',
    };
  }
  const x = valueOver(indicator, before, common);
  const y = valueOver(indicator, after, common);
  if (!x.known || !y.known) {
    return {
      kind: 'none',
      text: `Change not known: too little of the data is known in ${!x.known ? before.label : after.label}`,
    };
  }
  if (
    x.value === null ||
    y.value === null ||
    !Number.isFinite(x.value) ||
    !Number.isFinite(y.value)
  ) {
    return { kind: 'none', text: `No figure to compare with ${before.label}` };
  }
  const unit = options.total ? totalUnit(indicator.unit) : indicator.unit;
  const from = roundAsShown(x.value, unit);
  const to = roundAsShown(y.value, unit);
  const direction = to > from ? 'rise' : to < from ? 'fall' : 'same';
  const sameOrganisations = common.size === inBefore.size && common.size === inAfter.size;
  const moved =
    direction === 'same'
      ? `No change from ${before.label} (${formatValue(from, unit)})`
      : `${direction === 'rise' ? 'Up' : 'Down'} from ${formatValue(from, unit)} in ${before.label} to ${formatValue(to, unit)} in ${after.label}`;
  const text = sameOrganisations
    ? moved
    : `${moved}, for the ${count(common.size)} that reported in both (${coverageChangedText(b, a)})`;
  return {
    kind: 'change',
    from,
    to,
    direction,
    organisations: common.size,
    sameOrganisations,
    before: b,
    after: a,
    text,
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
