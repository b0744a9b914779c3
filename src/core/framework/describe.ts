/** How an indicator is worked out, in plain English, for methodology pages. Pure. */
import { CALCULATORS, isCalculatorId } from '../figures/registry.js';
import { lowerFirst } from './format.js';
import type { Computation, IndicatorDefinition } from './types.js';

export function describeComputation(
  indicator: Pick<IndicatorDefinition, 'computation' | 'items'>,
): string {
  const label = (id: string) => {
    const item = indicator.items.find((i) => i.id === id);
    return item ? lowerFirst(item.label) : id;
  };
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
  const declared = isCalculatorId(c.calculator) ? CALCULATORS[c.calculator] : undefined;
  const calc = declared?.description ?? c.calculator;
  if (declared?.computed === 'later') {
    // Not computed by the service yet: say so rather than claim it is.
    return c.fallback
      ? `${capitalise(plain(c.fallback))}, entered by each organisation. Later, ${calc} will work it out.`
      : `To be worked out by ${calc}, which is not available yet.`;
  }
  return c.fallback
    ? `Worked out by ${calc}. Where an organisation has no result from it, ${plain(c.fallback)}.`
    : `Worked out by ${calc}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
