import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLm3, lm3Of, localRespendShare, type Lm3Answer, type Lm3SpendRow } from './lm3.js';

const row = (
  supplierId: string,
  pence: number,
  local: boolean,
  answer: Lm3Answer | null = null,
  organisationId = 'org-1',
): Lm3SpendRow => ({
  organisationId,
  supplierId,
  pence,
  local,
  asked: answer !== null,
  answer,
});

const pct = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
const answerArb: fc.Arbitrary<Lm3Answer> = fc.record({
  staffCostPct: pct,
  staffLocalPct: pct,
  suppliersLocalPct: pct,
});
const rowArb: fc.Arbitrary<Lm3SpendRow> = fc.record({
  organisationId: fc.constantFrom('org-1', 'org-2', 'org-3'),
  supplierId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  pence: fc.integer({ min: -5_000_000, max: 5_000_000_000 }),
  local: fc.boolean(),
  asked: fc.boolean(),
  answer: fc.option(answerArb, { nil: null }),
});

describe('localRespendShare', () => {
  it('weights the local share of staff costs and of other spending by their size', () => {
    // 60% staff costs, 50% of those to local staff; 40% other costs, 25% of those local:
    // 0.6 × 0.5 + 0.4 × 0.25 = 0.4.
    expect(
      localRespendShare({ staffCostPct: 60, staffLocalPct: 50, suppliersLocalPct: 25 }),
    ).toBeCloseTo(0.4, 12);
    expect(localRespendShare({ staffCostPct: 100, staffLocalPct: 100, suppliersLocalPct: 0 })).toBe(
      1,
    );
    expect(localRespendShare({ staffCostPct: 0, staffLocalPct: 100, suppliersLocalPct: 0 })).toBe(
      0,
    );
  });

  it('refuses percentages outside 0–100', () => {
    expect(() =>
      localRespendShare({ staffCostPct: 101, staffLocalPct: 0, suppliersLocalPct: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      localRespendShare({ staffCostPct: 10, staffLocalPct: -1, suppliersLocalPct: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      localRespendShare({ staffCostPct: 10, staffLocalPct: 0, suppliersLocalPct: Number.NaN }),
    ).toThrow(RangeError);
  });

  it('always lies between 0 and 1', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const s = localRespendShare(a);
        return s >= 0 && s <= 1;
      }),
    );
  });
});

describe('computeLm3', () => {
  it('works through a hand-checked example', () => {
    // R1 = £1,000 with four suppliers; £600 of it with three local suppliers (R2).
    // Local A (£300) answered: 50% staff costs, 80% of them local; 30% of other spending local:
    //   share 0.5 × 0.8 + 0.5 × 0.3 = 0.55 → £165.
    // Local B (£200) answered: 40% staff, 25% local; 10% of the rest local:
    //   share 0.4 × 0.25 + 0.6 × 0.1 = 0.16 → £32.
    // Local C (£100) was asked but did not answer → £0.
    // R3 = £197; LM3 = (1,000 + 600 + 197) ÷ 1,000 = 1.797.
    const result = computeLm3([
      row('A', 30_000, true, { staffCostPct: 50, staffLocalPct: 80, suppliersLocalPct: 30 }),
      row('B', 20_000, true, { staffCostPct: 40, staffLocalPct: 25, suppliersLocalPct: 10 }),
      { ...row('C', 10_000, true), asked: true },
      row('D', 40_000, false),
    ]);
    expect(result.r1).toBe(100_000);
    expect(result.r2).toBe(60_000);
    expect(result.r3).toBeCloseTo(19_700, 6);
    expect(result.lm3).toBeCloseTo(1.797, 12);
    expect(result.localSuppliers).toBe(3);
    expect(result.asked).toBe(3);
    expect(result.answered).toBe(2);
    expect(result.r2Answered).toBe(50_000);
    expect(result.coverage).toBeCloseTo(5 / 6, 12);
  });

  it('counts three rounds of spending: £100 spent, £80 locally, £20 of that re-spent locally', () => {
    // Round 1: £100 spent; round 2: £80 of it with a local supplier; round 3: that supplier
    // re-spends a quarter of what it receives locally (£20). LM3 = (100 + 80 + 20) ÷ 100 = 2.
    const result = computeLm3([
      row('local', 8_000, true, { staffCostPct: 25, staffLocalPct: 100, suppliersLocalPct: 0 }),
      row('away', 2_000, false),
    ]);
    expect(result.r1).toBe(10_000);
    expect(result.r2).toBe(8_000);
    expect(result.r3).toBeCloseTo(2_000, 9);
    expect(result.lm3).toBeCloseTo(2, 12);
  });

  it('gives no figure when there is no spend', () => {
    expect(computeLm3([]).lm3).toBeNull();
    expect(computeLm3([row('A', -500, true)]).lm3).toBeNull();
    expect(computeLm3([row('A', 0, false)]).coverage).toBeNull();
  });

  it('counts a supplier with a net refund as nothing', () => {
    const result = computeLm3([row('A', 10_000, false), row('B', -4_000, true)]);
    expect(result).toMatchObject({ r1: 10_000, r2: 0, r3: 0, lm3: 1, localSuppliers: 0 });
  });

  it('counts each supplier once in the numbers asked and answered, across organisations', () => {
    const a = { staffCostPct: 10, staffLocalPct: 10, suppliersLocalPct: 10 };
    const result = computeLm3([
      row('A', 100, true, a, 'org-1'),
      row('A', 300, true, a, 'org-2'),
      row('B', 100, true, null, 'org-2'),
    ]);
    expect(result.localSuppliers).toBe(2);
    expect(result.answered).toBe(1);
    expect(result.asked).toBe(1);
    expect(result.r2Answered).toBe(400);
  });

  it('always lies between 1 and 3', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const r = computeLm3(rows);
        if (r.lm3 === null) return r.r1 === 0;
        return r.lm3 >= 1 && r.lm3 <= 3 && r.r2 <= r.r1 && r.r3 <= r.r2 && r.r3 >= 0;
      }),
    );
  });

  it('gives R3 = 0 and LM3 = 1 + R2/R1 when nobody answered', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const r = computeLm3(rows.map((x) => ({ ...x, answer: null })));
        if (r.r1 === 0) return r.lm3 === null;
        return r.r3 === 0 && r.answered === 0 && Math.abs((r.lm3 ?? 0) - (1 + r.r2 / r.r1)) < 1e-12;
      }),
    );
  });

  it('never lowers LM3 when a supplier re-spends more locally', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        answerArb,
        fc.constantFrom('staffCostPct', 'staffLocalPct', 'suppliersLocalPct'),
        pct,
        (rows, pick, base, field, extra) => {
          const i = pick % rows.length;
          // Raise one local share: staff living locally, or other spending with local suppliers.
          // (Staff costs themselves move spending between the two, so they are held.)
          const key = field === 'staffCostPct' ? 'staffLocalPct' : field;
          const more = { ...base, [key]: Math.min(100, base[key] + extra) };
          const before = rows.map((r, j) => (j === i ? { ...r, answer: base } : r));
          const after = rows.map((r, j) => (j === i ? { ...r, answer: more } : r));
          const a = computeLm3(before);
          const b = computeLm3(after);
          return a.lm3 === null ? b.lm3 === null : (b.lm3 ?? 0) >= a.lm3;
        },
      ),
    );
  });

  it('never lowers LM3 when a supplier that had not answered does', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        answerArb,
        (rows, pick, answer) => {
          const i = pick % rows.length;
          const without = rows.map((r, j) => (j === i ? { ...r, answer: null } : r));
          const withAnswer = rows.map((r, j) => (j === i ? { ...r, answer } : r));
          const a = computeLm3(without).lm3;
          const b = computeLm3(withAnswer).lm3;
          return a === null ? b === null : (b ?? 0) >= a;
        },
      ),
    );
  });

  it('gives the partnership the sum of its organisations’ parts', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const all = computeLm3(rows);
        const parts = ['org-1', 'org-2', 'org-3'].map((o) =>
          computeLm3(rows.filter((r) => r.organisationId === o)),
        );
        const sum = (k: 'r1' | 'r2' | 'r3') => parts.reduce((s, p) => s + p[k], 0);
        return (
          all.r1 === sum('r1') &&
          all.r2 === sum('r2') &&
          Math.abs(all.r3 - sum('r3')) <= 1e-6 * Math.max(1, all.r3)
        );
      }),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 20 }), (rows) => {
        const a = computeLm3(rows);
        const b = computeLm3([...rows].reverse());
        return a.r3 === b.r3 && a.lm3 === b.lm3;
      }),
    );
  });
});

describe('lm3Of', () => {
  it('keeps the figure within 1 and 3', () => {
    expect(lm3Of(100, 100, 100)).toBe(3);
    expect(lm3Of(100, 0, 0)).toBe(1);
    expect(lm3Of(0, 0, 0)).toBeNull();
  });
});
