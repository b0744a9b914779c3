/**
 * The shares of spend on the spend pages (local, deprived areas, SME, VCSE), by the same rule as
 * the figures read model: each share says how much of the spend it rests on, and is "Not known"
 * when too little is known (KNOWN_THRESHOLD_PERCENT). The meanings come from the calculators that
 * work out P1–P4, so the spend pages and the indicators word coverage alike.
 */
import { dataCoverage, dataCoverageText, isKnownEnough, NOT_KNOWN } from '../figures/coverage.js';
import { calculator, type CalculatorId } from '../figures/registry.js';
import { formatValue } from '../framework/format.js';

/** Spend in pence and its parts, as the spend analysis adds them up. */
export interface SpendParts {
  readonly total: number;
  readonly local: number;
  readonly deprived: number;
  readonly sme: number;
  readonly vcse: number;
  /** Spend with suppliers whose location (district) is known. */
  readonly known: number;
  /** Spend with suppliers whose neighbourhood has a deprivation decile. */
  readonly decileKnown: number;
  /** Spend with suppliers whose type is known (not unclassified or redacted). */
  readonly typeKnown: number;
}

export interface Share {
  /** "36.4%", "Not known", or "–" when there is no spend. */
  readonly text: string;
  /** "Supplier location known for 87.3% of spend"; undefined when there is no spend. */
  readonly coverage: string | undefined;
  /** The share with its coverage in one phrase, for a summary. */
  readonly withCoverage: string;
}

const SHARES = {
  local: { calculator: 'spend.local', known: 'known' },
  deprived: { calculator: 'spend.deprived', known: 'decileKnown' },
  sme: { calculator: 'spend.sme', known: 'typeKnown' },
  vcse: { calculator: 'spend.vcse', known: 'typeKnown' },
} as const satisfies Record<string, { calculator: CalculatorId; known: keyof SpendParts }>;

export type ShareName = keyof typeof SHARES;

function share(parts: SpendParts, name: ShareName): Share {
  const { calculator: id, known } = SHARES[name];
  const meaning = calculator(id).coverage;
  if (!meaning) throw new Error(`${id} declares no coverage`);
  if (parts.total <= 0) return { text: '–', coverage: undefined, withCoverage: '–' };
  const data = dataCoverage(parts[known], parts.total, meaning);
  const text = isKnownEnough(data)
    ? formatValue((parts[name] / parts.total) * 100, '%')
    : NOT_KNOWN;
  const coverage = dataCoverageText(data);
  return {
    text,
    coverage,
    withCoverage: coverage
      ? `${text} (${coverage.charAt(0).toLowerCase()}${coverage.slice(1)})`
      : text,
  };
}

/** Local, deprived-area, SME and VCSE shares of the spend, each with what it rests on. */
export function spendShares(parts: SpendParts): Record<ShareName, Share> {
  return {
    local: share(parts, 'local'),
    deprived: share(parts, 'deprived'),
    sme: share(parts, 'sme'),
    vcse: share(parts, 'vcse'),
  };
}
