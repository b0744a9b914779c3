/**
 * Spend feeds the return: where an organisation has imported spend dated in the period, the
 * procurement figures worked out from it (P1–P5, from the figures read model) are shown in the
 * return instead of being asked for, with how much of the spend they rest on and a link to the
 * spend behind them. The total comes before its parts.
 */
import { dataCoverageText, figureText } from '../../core/figures/coverage.js';
import { formatPounds } from '../../core/spend/amounts.js';
import type { Indicator } from '../framework/framework.repo.js';
import type { FiguresService, OrganisationPeriodFigures } from '../figures/figures.service.js';
import type { ReturnContext, ReturnState } from './returns.service.js';

export interface SpendFigureRow {
  readonly code: string;
  readonly name: string;
  /** "12.5%", or "Not known" when too little of the spend is known to say. */
  readonly value: string;
  /** "£125,000.00 of £1,000,000.00" */
  readonly amount: string | null;
  /** "Supplier location known for 85.0% of spend (£850,000.00 of £1,000,000.00)" */
  readonly coverage: string | null;
}

export interface SpendFigures {
  /** Total spend with suppliers in the period. */
  readonly total: string;
  readonly rows: readonly SpendFigureRow[];
  /** The organisation's spend page for the period's financial year. */
  readonly href: string;
}

/** The indicators worked out from spend files (P1–P5). */
export const isSpendIndicator = (i: Pick<Indicator, 'computation'>) =>
  i.computation.kind === 'calculator' && i.computation.calculator.startsWith('spend.');

/** The figures worked out from the organisation's spend for the period, or null if it has none. */
export function spendFigures(
  ctx: ReturnContext,
  figures: OrganisationPeriodFigures,
): SpendFigures | null {
  const rows: SpendFigureRow[] = [];
  let totalPence: number | undefined;
  for (const { indicator, figure } of figures.figures) {
    if (!isSpendIndicator(indicator)) continue;
    if (!figure || figure.source !== 'calculator') continue;
    totalPence ??= figure.denominator;
    rows.push({
      code: indicator.id,
      name: indicator.name,
      value: figureText(figure, indicator.unit),
      // When the share is not known, the part found so far is only a floor: say so.
      amount:
        figure.numerator !== undefined && figure.denominator !== undefined
          ? `${figure.known ? '' : 'At least '}${formatPounds(figure.numerator)} of ${formatPounds(figure.denominator)}`
          : null,
      coverage: dataCoverageText(figure.coverage, { amounts: true }) ?? null,
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

/**
 * Reads the organisation's spend figures for the period (its own figures only, not the
 * partnership's), and only when the return's state shows spend results for the period.
 */
export async function loadSpendFigures(
  services: { figures: Pick<FiguresService, 'readOrganisation'> },
  ctx: ReturnContext,
  state: Pick<ReturnState, 'calculated'>,
): Promise<SpendFigures | null> {
  if (![...state.calculated].some((c) => c.startsWith('spend.'))) return null;
  const figures = await services.figures.readOrganisation(ctx.partnership.id, {
    organisationId: ctx.organisation.id,
    periodId: ctx.period.id,
    indicators: isSpendIndicator,
  });
  return figures ? spendFigures(ctx, figures) : null;
}
