/**
 * The calculator registry: every built-in calculator, declared once. An indicator whose figure the
 * service works out names its calculator by id (`{ kind: 'calculator', calculator: 'spend.local' }`
 * in catalogue.ts); the compiler checks the id against this registry.
 *
 * Each declaration says what the calculator reads (its inputs), which indicators it feeds, and
 * how it is computed:
 * - 'stored': worked out by `recalculate` (src/features/figures/recalculate.ts) inside the
 *   transaction of every change to one of its inputs, and stored in calculator_results;
 * - 'at-read': counted from stored facts each time figures are read, because the figure moves
 *   with the calendar and not only with the data (A1: a due date passing makes a missing return
 *   late without any change to the data);
 * - 'later': not computed by the service yet; its indicators use their hand-entered fallback (or
 *   have no figure) until a later step implements it. Nothing claims to be computed until it is.
 *
 * Every change that can move a figure calls recalculate with the input it changed, for example
 * `recalculate(trx, partnershipId, { input: 'spend-lines', … })`: searching for an input's name
 * finds every place that can change the figures resting on it.
 *
 * Pure data: no database, no I/O.
 */
import type { CoverageMeaning } from './coverage.js';

/** The kinds of data calculators read. */
export const FIGURE_INPUTS = {
  'spend-lines': 'imported spend lines',
  suppliers: 'the supplier register (type and location of each supplier)',
  area: 'the partnership’s local area and its edition of the Index of Multiple Deprivation',
  periods: 'the reporting periods',
  'lm3-surveys': 'answers to the LM3 supplier survey',
  'approved-returns': 'approved returns, their figures and their evidence',
  submissions: 'when returns were first submitted, and their due dates',
  maturity: 'maturity self-assessments',
  payroll: 'payroll and HR extracts',
  contracts: 'the contract register and suppliers’ social value commitments',
  'energy-and-fuel':
    'energy, fuel, travel, water, waste and anaesthetic gas activity data, and conversion factors',
  initiatives: 'the register of joint initiatives',
  engagement: 'the register of engagement activities',
  estate: 'the registers of community use of the estate and of land and buildings released',
  'capital-works': 'the register of capital spend with contractors',
  volunteering: 'the register of staff volunteering',
  grants: 'the register of grants and donations to the VCSE sector',
  priorities: 'local priorities raised on the public site and their answers',
} as const;

export type FigureInput = keyof typeof FIGURE_INPUTS;

export type CalculatorComputed = 'stored' | 'at-read' | 'later';

export interface CalculatorDeclaration {
  /** How the calculator works the figure out, in plain English (methodology pages). */
  readonly description: string;
  readonly inputs: readonly FigureInput[];
  /** The catalogue indicators it feeds (each names this calculator in its computation). */
  readonly indicators: readonly string[];
  readonly computed: CalculatorComputed;
  /**
   * For calculators that report how much of their underlying data is known: what the known part
   * is ("supplier location"), of the whole the figure is about ("spend").
   */
  readonly coverage?: CoverageMeaning;
  /**
   * 'partnership': the figure belongs to the partnership as a whole, not to any organisation (C3:
   * the partnership answers local priorities). It has no organisation figures; its total is the
   * figure itself, not a roll-up.
   */
  readonly level?: 'partnership';
}

const SPEND_INPUTS = ['spend-lines', 'suppliers', 'area', 'periods'] as const;

export const CALCULATORS = {
  'spend.local': {
    description: 'spend analysis of the organisation’s spend files (suppliers in the local area)',
    inputs: SPEND_INPUTS,
    indicators: ['P1'],
    computed: 'stored',
    coverage: { known: 'supplier location', of: 'spend', unit: 'pence' },
  },
  'spend.deprived': {
    description: 'spend analysis of the organisation’s spend files (suppliers in IMD deciles 1–2)',
    inputs: SPEND_INPUTS,
    indicators: ['P2'],
    computed: 'stored',
    coverage: { known: 'supplier neighbourhood', of: 'spend', unit: 'pence' },
  },
  'spend.sme': {
    description: 'spend analysis of the organisation’s spend files (suppliers that are SMEs)',
    inputs: SPEND_INPUTS,
    indicators: ['P3'],
    computed: 'stored',
    coverage: { known: 'supplier type', of: 'spend', unit: 'pence' },
  },
  'spend.vcse': {
    description: 'spend analysis of the organisation’s spend files (VCSE suppliers)',
    inputs: SPEND_INPUTS,
    indicators: ['P4'],
    computed: 'stored',
    coverage: { known: 'supplier type', of: 'spend', unit: 'pence' },
  },
  'spend.location-known': {
    description:
      'spend analysis of the organisation’s spend files (suppliers with a known location)',
    inputs: SPEND_INPUTS,
    indicators: ['P5'],
    computed: 'stored',
  },
  lm3: {
    description: 'the Local Multiplier 3 calculation from spend and the supplier survey',
    inputs: [...SPEND_INPUTS, 'lm3-surveys'],
    indicators: ['P8'],
    computed: 'stored',
    coverage: { known: 'supplier’s survey answer', of: 'local spend', unit: 'pence' },
  },
  'payroll.rlw-direct': {
    description:
      'the payroll calculator: directly employed staff in the payroll extract paid at least the Real Living Wage that applied on the pay date',
    inputs: ['payroll', 'periods'],
    indicators: ['W1'],
    computed: 'stored',
    coverage: { known: 'pay', of: 'directly employed staff' },
  },
  'payroll.rlw-contracted': {
    description:
      'the payroll calculator: contracted-out staff in the payroll extract paid at least the Real Living Wage that applied on the pay date',
    inputs: ['payroll', 'periods'],
    indicators: ['W2'],
    computed: 'stored',
    coverage: { known: 'pay', of: 'contracted-out staff' },
  },
  'payroll.local': {
    description:
      'the payroll calculator: directly employed staff whose home postcode is in the local area',
    inputs: ['payroll', 'area', 'periods'],
    indicators: ['W4'],
    computed: 'stored',
    coverage: { known: 'home postcode', of: 'directly employed staff' },
  },
  'payroll.deprived': {
    description: 'the payroll calculator: directly employed staff whose home is in IMD deciles 1–2',
    inputs: ['payroll', 'area', 'periods'],
    indicators: ['W5'],
    computed: 'stored',
    coverage: { known: 'home neighbourhood', of: 'directly employed staff' },
  },
  'payroll.new-starters-local': {
    description:
      'the payroll calculator: directly employed staff who started in the year and live in the local area',
    inputs: ['payroll', 'area', 'periods'],
    indicators: ['W6'],
    computed: 'stored',
    coverage: { known: 'home postcode', of: 'new starters' },
  },
  'contracts.delivered': {
    description: 'the contract register',
    inputs: ['contracts'],
    indicators: ['P7'],
    computed: 'later',
  },
  'carbon.scope12': {
    description: 'the carbon calculator (activity × UK Government conversion factors)',
    inputs: ['energy-and-fuel'],
    indicators: ['E1'],
    computed: 'stored',
  },
  'carbon.reduction': {
    description:
      'the carbon calculator (scope 1 and 2 emissions against the organisation’s earliest year with them known)',
    inputs: ['energy-and-fuel'],
    indicators: ['E2'],
    computed: 'stored',
  },
  'carbon.renewable-share': {
    description:
      'the activity data (electricity on a renewable tariff or generated from renewables)',
    inputs: ['energy-and-fuel'],
    indicators: ['E3'],
    computed: 'stored',
  },
  'carbon.recycled-share': {
    description: 'the activity data (waste recycled or prepared for reuse, by weight)',
    inputs: ['energy-and-fuel'],
    indicators: ['E4'],
    computed: 'stored',
  },
  'carbon.anaesthetic': {
    description: 'the carbon calculator (anaesthetic gases)',
    inputs: ['energy-and-fuel'],
    indicators: ['E5'],
    computed: 'stored',
  },
  'carbon.scope3': {
    description: 'the carbon calculator (scope 3 activities)',
    inputs: ['energy-and-fuel'],
    indicators: ['E6'],
    computed: 'stored',
  },
  'register.community-use': {
    description: 'the register of community use of the estate (hours of the uses in the quarter)',
    inputs: ['estate', 'periods'],
    indicators: ['I1'],
    computed: 'stored',
  },
  'register.homes': {
    description: 'the register of land and buildings released (homes enabled in the year)',
    inputs: ['estate', 'periods'],
    indicators: ['I2'],
    computed: 'stored',
  },
  'register.capital-local': {
    description:
      'the register of capital spend with contractors (payments to contractors in the local area, by the contractor’s postcode or as stated)',
    inputs: ['capital-works', 'area', 'periods'],
    indicators: ['I3'],
    computed: 'stored',
    coverage: { known: 'contractor location', of: 'capital spend', unit: 'pence' },
  },
  'register.joint-initiatives': {
    description: 'the register of joint initiatives (initiatives running in the year)',
    inputs: ['initiatives', 'periods'],
    indicators: ['L1'],
    computed: 'stored',
  },
  'register.pooled-money': {
    description:
      'the register of joint initiatives (money each partner pooled, in the year the initiative started)',
    inputs: ['initiatives', 'periods'],
    indicators: ['L2'],
    computed: 'stored',
  },
  'register.vcse-initiatives': {
    description: 'the register of joint initiatives (initiatives with a VCSE partner)',
    inputs: ['initiatives', 'periods'],
    indicators: ['L3'],
    computed: 'stored',
  },
  'register.engagement-activities': {
    description: 'the register of engagement activities (activities held in the quarter)',
    inputs: ['engagement', 'periods'],
    indicators: ['C1'],
    computed: 'stored',
  },
  'register.residents': {
    description: 'the register of engagement activities (residents taking part in the quarter)',
    inputs: ['engagement', 'periods'],
    indicators: ['C2'],
    computed: 'stored',
  },
  'register.volunteering': {
    description: 'the register of staff volunteering (hours in the quarter)',
    inputs: ['volunteering', 'periods'],
    indicators: ['C4'],
    computed: 'stored',
  },
  'register.grants': {
    description: 'the register of grants and donations to the VCSE sector (paid in the year)',
    inputs: ['grants', 'periods'],
    indicators: ['C5'],
    computed: 'stored',
  },
  'priorities.answered': {
    description:
      'the local priorities raised on the partnership’s public site (published priorities with a public answer)',
    inputs: ['priorities', 'periods'],
    indicators: ['C3'],
    computed: 'at-read',
    level: 'partnership',
  },
  'returns.on-time': {
    description: 'the returns themselves: returns first submitted by their due date',
    inputs: ['submissions', 'periods'],
    indicators: ['A1'],
    computed: 'at-read',
  },
  'returns.evidenced': {
    description: 'the returns themselves: approved figures with evidence attached',
    inputs: ['approved-returns', 'periods'],
    indicators: ['A2'],
    computed: 'stored',
  },
  'maturity.level': {
    description: 'the maturity self-assessment',
    inputs: ['maturity', 'periods'],
    indicators: ['A3'],
    computed: 'stored',
  },
} as const satisfies Record<string, CalculatorDeclaration>;

/** A built-in calculator's id: only ids declared above. */
export type CalculatorId = keyof typeof CALCULATORS;

type ComputedAs<C extends CalculatorComputed> = {
  [K in CalculatorId]: (typeof CALCULATORS)[K]['computed'] extends C ? K : never;
}[CalculatorId];

/** Calculators that recalculate works out and stores. */
export type StoredCalculatorId = ComputedAs<'stored'>;
/** Calculators counted when figures are read. */
export type AtReadCalculatorId = ComputedAs<'at-read'>;

export const CALCULATOR_IDS = Object.keys(CALCULATORS) as CalculatorId[];

export function isCalculatorId(id: string): id is CalculatorId {
  return Object.hasOwn(CALCULATORS, id);
}

export function calculator(id: CalculatorId): CalculatorDeclaration {
  return CALCULATORS[id];
}

/** Whether an indicator's figure belongs to the partnership as a whole (its calculator's level). */
export function isPartnershipWide(indicator: {
  readonly computation: { readonly kind: string; readonly calculator?: string };
}): boolean {
  const c = indicator.computation;
  return (
    c.kind === 'calculator' &&
    c.calculator !== undefined &&
    isCalculatorId(c.calculator) &&
    (CALCULATORS[c.calculator] as CalculatorDeclaration).level === 'partnership'
  );
}

/** The stored calculators whose figures a change to this input can move. */
export function storedCalculatorsReading(input: FigureInput): StoredCalculatorId[] {
  return CALCULATOR_IDS.filter(
    (id): id is StoredCalculatorId =>
      CALCULATORS[id].computed === 'stored' &&
      (CALCULATORS[id].inputs as readonly FigureInput[]).includes(input),
  );
}
