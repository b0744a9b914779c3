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
  'energy-and-fuel': 'energy, fuel, gas and travel activity data, and conversion factors',
  initiatives: 'the register of joint initiatives',
  engagement: 'the register of engagement activities',
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
    computed: 'later',
  },
  'carbon.anaesthetic': {
    description: 'the carbon calculator (anaesthetic gases)',
    inputs: ['energy-and-fuel'],
    indicators: ['E5'],
    computed: 'later',
  },
  'carbon.scope3': {
    description: 'the carbon calculator (scope 3 activities)',
    inputs: ['energy-and-fuel'],
    indicators: ['E6'],
    computed: 'later',
  },
  'register.joint-initiatives': {
    description: 'the register of joint initiatives',
    inputs: ['initiatives'],
    indicators: ['L1'],
    computed: 'later',
  },
  'register.pooled-money': {
    description: 'the register of joint initiatives',
    inputs: ['initiatives'],
    indicators: ['L2'],
    computed: 'later',
  },
  'register.vcse-initiatives': {
    description: 'the register of joint initiatives',
    inputs: ['initiatives'],
    indicators: ['L3'],
    computed: 'later',
  },
  'register.engagement-activities': {
    description: 'the register of engagement activities',
    inputs: ['engagement'],
    indicators: ['C1'],
    computed: 'later',
  },
  'register.residents': {
    description: 'the register of engagement activities',
    inputs: ['engagement'],
    indicators: ['C2'],
    computed: 'later',
  },
  'priorities.answered': {
    description: 'local priorities answered by the partnership',
    inputs: ['priorities'],
    indicators: ['C3'],
    computed: 'later',
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

/** The stored calculators whose figures a change to this input can move. */
export function storedCalculatorsReading(input: FigureInput): StoredCalculatorId[] {
  return CALCULATOR_IDS.filter(
    (id): id is StoredCalculatorId =>
      CALCULATORS[id].computed === 'stored' &&
      (CALCULATORS[id].inputs as readonly FigureInput[]).includes(input),
  );
}
