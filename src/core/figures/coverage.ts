/**
 * How much a figure covers: how many organisations are in it out of those expected, and, for a
 * calculator that reports it, how much of the underlying data is known (for P1, spend with a known
 * supplier location over all spend). Partnership totals add the known and total parts of the
 * organisations counted in the figure, never average their percentages.
 *
 * Unknown is not zero: a share whose underlying data is known for less than KNOWN_THRESHOLD_PERCENT
 * of its whole is "Not known" (with its coverage), not a percentage. Pure.
 */
import { formatValue, roundAsShown } from '../framework/format.js';
import { formatPounds } from '../spend/amounts.js';

/**
 * Below this share of its whole known (spend with a known supplier location, type or
 * neighbourhood), a share is not shown as a figure but as "Not known", with its coverage. Decided
 * on the coverage as shown (one decimal place), so "50.0%" known is never "Not known".
 */
export const KNOWN_THRESHOLD_PERCENT = 50;

/** What a figure says instead of a number when too little of its data is known. */
export const NOT_KNOWN = 'Not known';

/** The threshold as the methodology page states it. */
export const KNOWN_THRESHOLD_RULE =
  `A share worked out from spend files (local, deprived-area, SME and VCSE spend, and LM3) is ` +
  `shown only when what it depends on is known for at least ${KNOWN_THRESHOLD_PERCENT}% of the ` +
  `spend: the supplier’s location for local spend, its neighbourhood for deprived-area spend, ` +
  `its type for SME and VCSE spend. Below that it says “${NOT_KNOWN}”, with how much is known, ` +
  `because spend whose supplier is not known is not spend elsewhere or spend with large firms: ` +
  `counting it as such would understate the share. The same holds for the partnership total, ` +
  `which adds the known and total spend of the organisations in it. Shares worked out from ` +
  `payroll extracts follow the same rule: the share paid at least the Real Living Wage is shown ` +
  `only when pay is known for at least ${KNOWN_THRESHOLD_PERCENT}% of the staff it is about, and ` +
  `the shares living locally or in deprived areas only when home postcodes are. ` +
  `Beside every figure we say ` +
  `how many organisations it covers of those expected to report, and for these shares how much ` +
  `of the spend is known.`;

/** What the known part of a calculator's data is, of what whole: "supplier location" of "spend". */
export interface CoverageMeaning {
  readonly known: string;
  readonly of: string;
  /** The unit the known part and the whole are counted in, when they are money (pence). */
  readonly unit?: 'pence';
}

export interface DataCoverage {
  /** The known part, in the calculator's unit (pence for spend). */
  readonly known: number;
  /** The whole the figure is about, in the same unit. */
  readonly total: number;
  /** known ÷ total × 100; null when the total is 0 or not finite. */
  readonly percent: number | null;
  /** What the known part is, in words ("spend with a known supplier location"). */
  readonly describes: string;
  /** The same in parts, for "Supplier location known for 62.0% of spend". */
  readonly meaning: CoverageMeaning;
  /** For a total: how many organisations' data it adds up (those whose figure was worked out). */
  readonly organisations?: number;
}

export interface Coverage {
  /** Organisations whose figure is in this one, and how many were expected to report. */
  readonly organisations: { readonly reporting: number; readonly expected: number };
  /** For calculator figures that report it; null otherwise. */
  readonly data: DataCoverage | null;
  /** A figure of the partnership as a whole, which no organisation reports (C3). */
  readonly partnershipWide?: boolean;
}

export function dataCoverage(known: number, total: number, meaning: CoverageMeaning): DataCoverage {
  const percent = total > 0 && Number.isFinite(known / total) ? (known / total) * 100 : null;
  return {
    known,
    total,
    percent,
    describes: `${meaning.of} with a known ${meaning.known}`,
    meaning,
  };
}

/** The organisations' data coverage added up (known parts and totals); null when none has any. */
export function addDataCoverage(
  parts: readonly (DataCoverage | null | undefined)[],
): DataCoverage | null {
  const present = parts.filter((p): p is DataCoverage => p !== null && p !== undefined);
  const first = present[0];
  if (!first) return null;
  let known = 0;
  let total = 0;
  for (const p of present) {
    known += p.known;
    total += p.total;
  }
  return { ...dataCoverage(known, total, first.meaning), organisations: present.length };
}

/**
 * Whether enough of a figure's data is known to show it: no data coverage (a figure entered by
 * hand, or P5, which is itself about what is known) is known; otherwise the known share, as shown
 * to one decimal place, must reach KNOWN_THRESHOLD_PERCENT. Nothing to cover is not known.
 */
export function isKnownEnough(data: DataCoverage | null | undefined): boolean {
  if (data === null || data === undefined) return true;
  if (data.percent === null || data.known <= 0) return false;
  return roundAsShown(data.percent, '%') >= KNOWN_THRESHOLD_PERCENT;
}

/** What a total covers: "4 of 6 organisations", or the partnership as a whole. */
export function totalCoverageText(c: Coverage): string {
  return c.partnershipWide ? PARTNERSHIP_WIDE_TEXT : organisationsText(c.organisations);
}

/**
 * What a total covers and how much of its data is known, in one line: "6 of 6 organisations;
 * supplier location known for 87.6% of spend". When only some of the organisations' figures were
 * worked out from data (the others typed into returns), the known share is said to be theirs:
 * "…; supplier location known for 87.6% of spend, for the 2 of them whose figure the service
 * worked out".
 */
export function totalNoteText(c: Coverage): string {
  const data = dataCoverageText(c.data);
  if (!data) return totalCoverageText(c);
  const worked = c.data?.organisations;
  const some =
    worked !== undefined && worked < c.organisations.reporting
      ? `, for the ${worked.toLocaleString('en-GB')} of them whose figure the service worked out`
      : '';
  return `${totalCoverageText(c)}; ${data.charAt(0).toLowerCase()}${data.slice(1)}${some}`;
}

export const PARTNERSHIP_WIDE_TEXT = 'The partnership as a whole (no organisation reports this)';

/** "4 of 6 organisations", "1 of 1 organisation". */
export function organisationsText(o: Coverage['organisations']): string {
  return `${o.reporting.toLocaleString('en-GB')} of ${o.expected.toLocaleString('en-GB')} ${o.expected === 1 ? 'organisation' : 'organisations'}`;
}

/**
 * "Supplier location known for 62.0% of spend"; with `amounts`, and when the parts are money,
 * followed by them: "… of spend (£620.00 of £1,000.00)". Undefined when there is nothing to cover.
 */
export function dataCoverageText(
  data: DataCoverage | null | undefined,
  options: { readonly amounts?: boolean } = {},
): string | undefined {
  if (!data || data.percent === null) return undefined;
  const known = data.meaning.known;
  const text = `${known.charAt(0).toUpperCase()}${known.slice(1)} known for ${formatValue(data.percent, '%')} of ${data.meaning.of}`;
  return options.amounts && data.meaning.unit === 'pence'
    ? `${text} (${formatPounds(data.known)} of ${formatPounds(data.total)})`
    : text;
}

/** A figure as people read it: its value, or "Not known" when too little of its data is known. */
export function figureText(
  figure: { readonly value: number | null; readonly known: boolean } | null | undefined,
  unit: Parameters<typeof formatValue>[1],
): string {
  if (figure && !figure.known) return NOT_KNOWN;
  return formatValue(figure?.value ?? null, unit);
}

/** Where a figure typed into a return comes from, said where its coverage would be. */
export const FROM_RETURN = 'From the approved return';

/** A figure the service works out that reports no data coverage (P5, A1). */
export const WORKED_OUT = 'Worked out by the service';

/** What an organisation with no figure for a period shows beside it. */
export const NOT_REPORTED = 'Not reported';

/**
 * What one organisation's figure rests on, in a few words, for the cell beside it: how much of its
 * data is known ("Supplier location known for 62.0% of spend"), or that it was typed into an
 * approved return, or worked out by the service, or that there is no figure.
 */
export function figureBasisText(
  figure:
    | {
        readonly source: 'calculator' | 'items' | 'none';
        readonly coverage: DataCoverage | null;
      }
    | null
    | undefined,
): string {
  if (!figure || figure.source === 'none') return NOT_REPORTED;
  if (figure.source === 'items') return FROM_RETURN;
  return dataCoverageText(figure.coverage) ?? WORKED_OUT;
}
