/**
 * Spend feeds the return: where an organisation has imported spend dated in the period, the
 * procurement figures worked out from it (P1–P5, from the figures read model) are shown in the
 * return instead of being asked for, with how much of the spend they rest on and a link to the
 * spend behind them. The total comes before its parts.
 */
import { formatValue } from '../../core/framework/format.js';
import { formatPounds } from '../../core/spend/amounts.js';
import type { PartnershipFigures } from '../figures/figures.service.js';
import type { ReturnContext } from './returns.service.js';

export interface SpendFigureRow {
  readonly code: string;
  readonly name: string;
  /** "12.5%", or "Not known" when too little of the spend is known to say. */
  readonly value: string;
  /** "£125,000.00 of £1,000,000.00" */
  readonly amount: string | null;
  /** "Supplier location known for 85.0% of spend" */
  readonly coverage: string | null;
}

export interface SpendFigures {
  /** Total spend with suppliers in the period. */
  readonly total: string;
  readonly rows: readonly SpendFigureRow[];
  /** The organisation's spend page for the period's financial year. */
  readonly href: string;
}

const isSpendCalculator = (c: { kind: string; calculator?: string }) =>
  c.kind === 'calculator' && (c.calculator ?? '').startsWith('spend.');

/** The figures worked out from the organisation's spend for the period, or null if it has none. */
export function spendFigures(ctx: ReturnContext, figures: PartnershipFigures): SpendFigures | null {
  const rows: SpendFigureRow[] = [];
  let totalPence: number | undefined;
  for (const f of figures.indicators) {
    if (!isSpendCalculator(f.indicator.computation)) continue;
    const mine = f.periods
      .find((p) => p.period.id === ctx.period.id)
      ?.byOrganisation.get(ctx.organisation.id);
    if (!mine || mine.source !== 'calculator') continue;
    totalPence ??= mine.denominator;
    const coverage = mine.coverage;
    rows.push({
      code: f.indicator.id,
      name: f.indicator.name,
      value: mine.value === null ? 'Not known' : formatValue(mine.value, f.indicator.unit),
      amount:
        mine.numerator !== undefined && mine.denominator !== undefined
          ? `${formatPounds(mine.numerator)} of ${formatPounds(mine.denominator)}`
          : null,
      coverage:
        coverage && coverage.percent !== null
          ? `${coverage.describes.charAt(0).toUpperCase()}${coverage.describes.slice(1)}: ${formatValue(coverage.percent, '%')} (${formatPounds(coverage.known)} of ${formatPounds(coverage.total)})`
          : null,
    });
  }
  if (rows.length === 0 || totalPence === undefined) return null;
  rows.sort((a, b) => a.code.localeCompare(b.code));
  return {
    total: formatPounds(totalPence),
    rows,
    href: `/manage/${ctx.partnership.slug}/organisations/${ctx.organisation.id}/spend?year=${ctx.period.fy_start_year}`,
  };
}

/** Reads the figures only when the organisation has spend results for the period. */
export async function loadSpendFigures(
  services: {
    figures: { read(partnershipId: string): Promise<PartnershipFigures> };
    returns: { calculatedFor(organisationId: string, periodId: string): Promise<Set<string>> };
  },
  ctx: ReturnContext,
): Promise<SpendFigures | null> {
  const calculated = await services.returns.calculatedFor(ctx.organisation.id, ctx.period.id);
  if (![...calculated].some((c) => c.startsWith('spend.'))) return null;
  return spendFigures(ctx, await services.figures.read(ctx.partnership.id));
}
