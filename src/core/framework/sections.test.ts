import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { sectionsFor } from './sections.js';

const procurement = (calculated?: Set<string>) =>
  sectionsFor(CATALOGUE, 'quarterly', calculated).find((s) => s.pillar === 'procurement');

describe('the procurement section of a quarter’s return', () => {
  it('asks for total spend before its parts when no spend is imported', () => {
    const ids = procurement()?.items.map((i) => i.id) ?? [];
    expect(ids.slice(0, 6)).toEqual([
      'spend_total_gbp',
      'spend_local_gbp',
      'spend_deprived_gbp',
      'spend_sme_gbp',
      'spend_vcse_gbp',
      'spend_location_known_gbp',
    ]);
  });

  it('asks for no spend figure the service works out from imported spend', () => {
    const ids =
      procurement(
        new Set([
          'spend.local',
          'spend.deprived',
          'spend.sme',
          'spend.vcse',
          'spend.location-known',
        ]),
      )?.items.map((i) => i.id) ?? [];
    expect(ids.filter((id) => id.startsWith('spend_'))).toEqual([]);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('asks for every ratio’s total before its part', () => {
    for (const section of sectionsFor(CATALOGUE, 'annual')) {
      const order = section.items.map((i) => i.id);
      for (const indicator of section.indicators) {
        const c = indicator.computation;
        const plain = c.kind === 'calculator' ? c.fallback : c;
        if (plain?.kind !== 'ratio' || !order.includes(plain.numerator)) continue;
        expect(order.indexOf(plain.denominator), indicator.id).toBeLessThan(
          order.indexOf(plain.numerator),
        );
      }
    }
  });
});
