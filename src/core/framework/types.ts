/**
 * The framework as data (SPEC §2.3, §3): pillars hold commitments, commitments hold indicators,
 * indicators are computed declaratively from data items. One engine reads this; nothing here is
 * code typed by users, and nothing is evaluated as code.
 */
import type { CalculatorId } from '../figures/registry.js';
import type { PillarId } from '../pillars.js';

/** Units an indicator or data item is measured in. */
export type Unit =
  '%' | 'count' | '£' | 'hours' | 'tCO2e' | 'kWh' | 'tonnes' | 'm³' | 'ratio' | 'yes/no' | 'level';

export type Direction = 'higher' | 'lower';
export type Frequency = 'quarterly' | 'annual';

/** A built-in calculator's id, as declared in the calculator registry (core/figures/registry.ts). */
export type { CalculatorId };

/**
 * How an indicator's value comes from data items (ids of DataItem). Declarative only.
 * - value: the item itself;
 * - ratio: numerator ÷ denominator, shown as a percentage (0–100);
 * - sum: the items added up;
 * - difference: a − b;
 * - per: numerator ÷ denominator × scale (e.g. per 1,000 staff), or a plain ratio when scale is 1;
 * - change_since_baseline: (value − baseline) ÷ baseline as a percentage, where the baseline is the
 *   organisation's baseline for this indicator's item; with `reduction`, the sign is flipped so a
 *   fall shows as a positive reduction;
 * - calculator: a built-in calculator; until it has a result, the fallback computation (if any)
 *   from data items entered by hand.
 */
export type Computation =
  | { readonly kind: 'value'; readonly item: string }
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string }
  | { readonly kind: 'sum'; readonly items: readonly string[] }
  | { readonly kind: 'difference'; readonly a: string; readonly b: string }
  | {
      readonly kind: 'per';
      readonly numerator: string;
      readonly denominator: string;
      readonly scale: number;
    }
  | { readonly kind: 'change_since_baseline'; readonly item: string; readonly reduction?: boolean }
  | {
      readonly kind: 'calculator';
      readonly calculator: CalculatorId;
      readonly fallback?: Exclude<Computation, { kind: 'calculator' }>;
    };

export type ComputationKind = Computation['kind'];

/** A raw figure collected in a return. */
export interface DataItem {
  readonly id: string;
  readonly label: string;
  readonly unit: Unit;
  readonly hint?: string;
  /** Inclusive bounds; a percentage item is 0–100, a count is ≥ 0, and so on. */
  readonly min?: number;
  readonly max?: number;
  /** Whole numbers only (counts). */
  readonly integer?: boolean;
  /** Must be filled in before the pillar can be marked complete. */
  readonly required?: boolean;
}

export interface IndicatorDefinition {
  readonly id: string;
  readonly pillar: PillarId | 'accountability';
  readonly commitment: string;
  readonly name: string;
  readonly description: string;
  readonly unit: Unit;
  readonly direction: Direction;
  readonly frequency: Frequency;
  readonly computation: Computation;
  /** The raw figures this indicator reads (every item id named in its computation). */
  readonly items: readonly DataItem[];
  readonly source: string;
  readonly methodology: string;
  /** Whether each organisation's figure may be published, or only the partnership total. */
  readonly publishOrganisationLevel: boolean;
}

export interface CommitmentDefinition {
  readonly id: string;
  readonly pillar: PillarId | 'accountability';
  readonly title: string;
  readonly description: string;
}

export interface MaturityLevelStatements {
  readonly pillar: PillarId;
  /** Statements for levels 1 (Getting started) to 4 (Leading), each a few short sentences or bullets. */
  readonly levels: readonly [
    readonly string[],
    readonly string[],
    readonly string[],
    readonly string[],
  ];
}

export const MATURITY_LEVEL_NAMES = [
  'Getting started',
  'Developing',
  'Embedding',
  'Leading',
] as const;
