import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_THRESHOLD_PERCENT, NOT_KNOWN } from '../figures/coverage.js';
import { spendShares, type SpendParts } from './shares.js';

const parts = (p: Partial<SpendParts>): SpendParts => ({
  total: 100_000,
  local: 0,
  deprived: 0,
  sme: 0,
  vcse: 0,
  known: 100_000,
  decileKnown: 100_000,
  typeKnown: 100_000,
  ...p,
});

describe('shares of spend', () => {
  it('say what they rest on', () => {
    const s = spendShares(parts({ local: 36_400, known: 87_300, sme: 38_800, typeKnown: 60_000 }));
    expect(s.local.text).toBe('36.4%');
    expect(s.local.coverage).toBe('Supplier location known for 87.3% of spend');
    expect(s.local.withCoverage).toBe('36.4% (supplier location known for 87.3% of spend)');
    expect(s.sme.coverage).toBe('Supplier type known for 60.0% of spend');
    expect(s.deprived.coverage).toBe('Supplier neighbourhood known for 100.0% of spend');
  });

  it('are "Not known", not 0%, when too little is known: SME with most suppliers of unknown type', () => {
    // 1,319 of 1,383 suppliers unclassified: type known for 4.6% of spend.
    const s = spendShares(parts({ sme: 2_000, typeKnown: 4_600, known: 0, decileKnown: 0 }));
    expect(s.sme.text).toBe(NOT_KNOWN);
    expect(s.sme.withCoverage).toBe('Not known (supplier type known for 4.6% of spend)');
    expect(s.vcse.text).toBe(NOT_KNOWN);
    expect(s.local.text).toBe(NOT_KNOWN);
    expect(s.deprived.text).toBe(NOT_KNOWN);
  });

  it('are a dash with nothing to cover when there is no spend', () => {
    const s = spendShares(parts({ total: 0, known: 0, decileKnown: 0, typeKnown: 0 }));
    expect(s.local).toEqual({ text: '–', coverage: undefined, withCoverage: '–' });
  });

  it('show a percentage exactly when the known share, as shown, reaches the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), fc.nat(), (total, a, b) => {
        const known = a % (total + 1);
        const local = b % (known + 1);
        const s = spendShares(parts({ total, known, local }));
        const shown = Number(((known / total) * 100).toFixed(1));
        expect(s.local.text === NOT_KNOWN).toBe(known === 0 || shown < KNOWN_THRESHOLD_PERCENT);
      }),
    );
  });
});
