/** How an indicator is worked out, in plain English, for methodology pages. Pure. */
import type { Computation, IndicatorDefinition } from './types.js';

const CALCULATORS: Record<string, string> = {
  'spend.local': 'spend analysis of the organisation’s spend files (suppliers in the local area)',
  'spend.deprived':
    'spend analysis of the organisation’s spend files (suppliers in IMD deciles 1–2)',
  'spend.sme': 'spend analysis of the organisation’s spend files (suppliers that are SMEs)',
  'spend.vcse': 'spend analysis of the organisation’s spend files (VCSE suppliers)',
  'spend.location-known':
    'spend analysis of the organisation’s spend files (suppliers with a known location)',
  lm3: 'the Local Multiplier 3 calculation from spend and the supplier survey',
  'payroll.rlw-direct': 'the payroll calculator',
  'payroll.local': 'the payroll calculator',
  'payroll.deprived': 'the payroll calculator',
  'payroll.new-starters-local': 'the payroll calculator',
  'contracts.delivered': 'the contract register',
  'carbon.scope12': 'the carbon calculator (activity × UK Government conversion factors)',
  'carbon.anaesthetic': 'the carbon calculator (anaesthetic gases)',
  'carbon.scope3': 'the carbon calculator (scope 3 activities)',
  'register.joint-initiatives': 'the register of joint initiatives',
  'register.pooled-money': 'the register of joint initiatives',
  'register.vcse-initiatives': 'the register of joint initiatives',
  'register.engagement-activities': 'the register of engagement activities',
  'register.residents': 'the register of engagement activities',
  'priorities.answered': 'local priorities answered by the partnership',
  'returns.on-time': 'the returns themselves: figures submitted by the due date',
  'returns.evidenced': 'the returns themselves: figures with evidence attached',
  'maturity.level': 'the maturity self-assessment',
};

export function describeComputation(
  indicator: Pick<IndicatorDefinition, 'computation' | 'items'>,
): string {
  const label = (id: string) => indicator.items.find((i) => i.id === id)?.label.toLowerCase() ?? id;
  const plain = (c: Exclude<Computation, { kind: 'calculator' }>): string => {
    switch (c.kind) {
      case 'value':
        return `the ${label(c.item)}, as reported`;
      case 'ratio':
        return `${label(c.numerator)} divided by ${label(c.denominator)}, as a percentage`;
      case 'sum':
        return `the total of ${c.items.map(label).join(', ')}`;
      case 'difference':
        return `${label(c.a)} minus ${label(c.b)}`;
      case 'per':
        return `${label(c.numerator)} divided by ${label(c.denominator)}${c.scale !== 1 ? `, times ${c.scale.toLocaleString('en-GB')}` : ''}`;
      case 'change_since_baseline':
        return `the change in ${label(c.item)} since the baseline, as a percentage of the baseline${c.reduction ? ' (a fall counts as a positive reduction)' : ''}`;
    }
  };
  const c = indicator.computation;
  if (c.kind !== 'calculator') return capitalise(plain(c)) + '.';
  const calc = CALCULATORS[c.calculator] ?? c.calculator;
  return c.fallback
    ? `Worked out by ${calc}. Until that is available, ${plain(c.fallback)}.`
    : `Worked out by ${calc}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
