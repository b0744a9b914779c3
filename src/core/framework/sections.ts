/**
 * Which indicators and figures a return asks for. A quarter asks for the quarterly indicators,
 * a year for the annual ones; each pillar is one section (one task in the task list).
 */
import { PILLARS, type PillarId } from '../pillars.js';
import { itemsOf } from './compute.js';
import type { DataItem, Frequency, IndicatorDefinition } from './types.js';

export interface Section {
  readonly pillar: PillarId;
  readonly title: string;
  readonly indicators: readonly IndicatorDefinition[];
  /** The figures to enter, in indicator order, each once. */
  readonly items: readonly DataItem[];
}

/**
 * Items a person types in: a calculator's items only when it has a fallback (no calculated result
 * yet). The total comes before its parts: a ratio's denominator is asked for first.
 */
export function enteredItems(
  indicator: IndicatorDefinition,
  calculated: ReadonlySet<string> = new Set(),
): DataItem[] {
  const c = indicator.computation;
  if (c.kind === 'calculator' && (calculated.has(c.calculator) || !c.fallback)) return [];
  const ids = new Set(itemsOf(c));
  const plain = c.kind === 'calculator' ? c.fallback : c;
  const total = plain?.kind === 'ratio' || plain?.kind === 'per' ? plain.denominator : undefined;
  const items = indicator.items.filter((i) => ids.has(i.id));
  return [...items.filter((i) => i.id === total), ...items.filter((i) => i.id !== total)];
}

export function sectionsFor(
  indicators: readonly (IndicatorDefinition & { enabled?: boolean })[],
  frequency: Frequency,
  calculated: ReadonlySet<string> = new Set(),
): Section[] {
  const sections: Section[] = [];
  for (const pillar of PILLARS) {
    const chosen = indicators.filter(
      (i) => i.pillar === pillar.id && i.frequency === frequency && i.enabled !== false,
    );
    const items: DataItem[] = [];
    const seen = new Set<string>();
    for (const indicator of chosen) {
      for (const item of enteredItems(indicator, calculated)) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
      }
    }
    if (items.length > 0)
      sections.push({ pillar: pillar.id, title: pillar.title, indicators: chosen, items });
  }
  return sections;
}

/** The pillar a figure belongs to (the first section that asks for it). */
export function pillarOfItem(sections: readonly Section[], itemId: string): PillarId | undefined {
  return sections.find((s) => s.items.some((i) => i.id === itemId))?.pillar;
}
