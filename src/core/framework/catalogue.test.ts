import { isPartnershipWide } from '../figures/registry.js';
import { describe, expect, it } from 'vitest';
import { PILLAR_IDS } from '../pillars.js';
import { CATALOGUE, COMMITMENTS } from './catalogue.js';
import { MATURITY_STATEMENTS } from './maturity.js';
import type { Computation, DataItem, Direction, Frequency, Unit } from './types.js';

/** SPEC §3, row by row: id, name, unit and direction. */
const SPEC: readonly [id: string, name: string, unit: Unit, direction: Direction][] = [
  ['W1', 'Directly employed staff paid at least the Real Living Wage', '%', 'higher'],
  ['W2', 'Contracted-out staff paid at least the Real Living Wage', '%', 'higher'],
  ['W3', 'Accredited Living Wage employer', 'yes/no', 'higher'],
  ['W4', 'Staff living in the local area', '%', 'higher'],
  ['W5', 'Staff living in the 20% most deprived areas (IMD deciles 1–2)', '%', 'higher'],
  ['W6', 'New starters from the local area', '%', 'higher'],
  ['W7', 'Apprenticeship starts', 'count', 'higher'],
  [
    'W8',
    'People from priority groups (care leavers, veterans, disabled people, long-term unemployed) supported into work',
    'count',
    'higher',
  ],
  ['W9', 'Work experience and placement weeks offered', 'count', 'higher'],
  ['P1', 'Spend with suppliers in the local area', '%', 'higher'],
  ['P2', 'Spend with suppliers in the 20% most deprived areas', '%', 'higher'],
  ['P3', 'Spend with SMEs', '%', 'higher'],
  ['P4', 'Spend with VCSE organisations', '%', 'higher'],
  ['P5', 'Spend whose supplier location is known', '%', 'higher'],
  ['P6', 'Tenders with social value weighted at 10% or more', '%', 'higher'],
  ['P7', 'Supplier social value commitments delivered', '%', 'higher'],
  ['P8', 'Local Multiplier 3', 'ratio', 'higher'],
  ['I1', 'Hours of community use of the estate', 'hours', 'higher'],
  ['I2', 'Homes enabled on released land', 'count', 'higher'],
  ['I3', 'Capital spend with local contractors', '%', 'higher'],
  ['E1', 'Scope 1 and 2 emissions', 'tCO2e', 'lower'],
  ['E2', 'Reduction in scope 1 and 2 emissions since baseline', '%', 'higher'],
  ['E3', 'Electricity from renewable sources', '%', 'higher'],
  ['E4', 'Waste recycled or reused', '%', 'higher'],
  ['E5', 'Anaesthetic gas emissions', 'tCO2e', 'lower'],
  ['E6', 'Scope 3 emissions reported (travel, water, waste, supply chain)', 'tCO2e', 'lower'],
  ['L1', 'Joint initiatives with other anchors', 'count', 'higher'],
  ['L2', 'Money pooled in joint initiatives', '£', 'higher'],
  ['L3', 'Initiatives with VCSE partners', 'count', 'higher'],
  ['C1', 'Engagement activities held', 'count', 'higher'],
  ['C2', 'Residents taking part (of whom from IMD deciles 1–2)', 'count', 'higher'],
  ['C3', 'Local priorities answered', '%', 'higher'],
  ['C4', 'Staff volunteering hours', 'hours', 'higher'],
  ['C5', 'Grants and donations to the VCSE sector', '£', 'higher'],
  ['A1', 'Indicators reported on time', '%', 'higher'],
  ['A2', 'Reported values with evidence attached', '%', 'higher'],
  ['A3', 'Maturity level (per pillar)', 'level', 'higher'],
];

const QUARTERLY = new Set([
  'W7',
  'W8',
  'W9',
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'I1',
  'C1',
  'C2',
  'C4',
]);

const PILLAR_OF_LETTER: Record<string, string> = {
  W: 'workforce',
  P: 'procurement',
  I: 'infrastructure',
  E: 'environment',
  L: 'partners',
  C: 'community',
  A: 'accountability',
};

/** Every item id a computation names, its fallback and baseline item included. */
function namedItems(c: Computation): string[] {
  switch (c.kind) {
    case 'value':
    case 'change_since_baseline':
      return [c.item];
    case 'ratio':
    case 'per':
      return [c.numerator, c.denominator];
    case 'sum':
      return [...c.items];
    case 'difference':
      return [c.a, c.b];
    case 'calculator':
      return c.fallback ? namedItems(c.fallback) : [];
  }
}

function byId(id: string) {
  const indicator = CATALOGUE.find((i) => i.id === id);
  if (!indicator) throw new Error(`no indicator ${id}`);
  return indicator;
}

describe('CATALOGUE', () => {
  it('holds all 37 SPEC §3 indicators, once each, in SPEC order', () => {
    expect(CATALOGUE.map((i) => i.id)).toEqual(SPEC.map(([id]) => id));
    expect(new Set(CATALOGUE.map((i) => i.id)).size).toBe(37);
  });

  it.each(SPEC)('%s has the SPEC name, unit and direction', (id, name, unit, direction) => {
    const indicator = byId(id);
    expect(indicator.name).toBe(name);
    expect(indicator.unit).toBe(unit);
    expect(indicator.direction).toBe(direction);
  });

  it('puts each indicator in the pillar its id letter stands for', () => {
    for (const indicator of CATALOGUE) {
      expect(indicator.pillar, indicator.id).toBe(PILLAR_OF_LETTER[indicator.id.charAt(0)]);
    }
  });

  it('only E1, E5 and E6 are lower-is-better', () => {
    expect(CATALOGUE.filter((i) => i.direction === 'lower').map((i) => i.id)).toEqual([
      'E1',
      'E5',
      'E6',
    ]);
  });

  it('reports the listed indicators quarterly and the rest annually', () => {
    for (const indicator of CATALOGUE) {
      const expected: Frequency = QUARTERLY.has(indicator.id) ? 'quarterly' : 'annual';
      expect(indicator.frequency, indicator.id).toBe(expected);
    }
  });

  it('computes as the brief says', () => {
    const calc = (id: string) => {
      const c = byId(id).computation;
      return c.kind === 'calculator' ? c.calculator : null;
    };
    expect(calc('W1')).toBe('payroll.rlw-direct');
    expect(calc('W4')).toBe('payroll.local');
    expect(calc('W5')).toBe('payroll.deprived');
    expect(calc('W6')).toBe('payroll.new-starters-local');
    expect(['P1', 'P2', 'P3', 'P4', 'P5'].map(calc)).toEqual([
      'spend.local',
      'spend.deprived',
      'spend.sme',
      'spend.vcse',
      'spend.location-known',
    ]);
    expect(calc('P7')).toBe('contracts.delivered');
    expect(calc('P8')).toBe('lm3');
    expect(['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map(calc)).toEqual([
      'carbon.scope12',
      'carbon.reduction',
      'carbon.renewable-share',
      'carbon.recycled-share',
      'carbon.anaesthetic',
      'carbon.scope3',
    ]);
    expect(byId('E2').computation).toEqual({
      kind: 'calculator',
      calculator: 'carbon.reduction',
      fallback: { kind: 'change_since_baseline', item: 'scope12_tco2e', reduction: true },
    });
    expect(['L1', 'L2', 'L3', 'C1', 'C2', 'C3'].map(calc)).toEqual([
      'register.joint-initiatives',
      'register.pooled-money',
      'register.vcse-initiatives',
      'register.engagement-activities',
      'register.residents',
      'priorities.answered',
    ]);
    expect(['A1', 'A2', 'A3'].map(calc)).toEqual([
      'returns.on-time',
      'returns.evidenced',
      'maturity.level',
    ]);
    expect(byId('W1').computation).toEqual({
      kind: 'calculator',
      calculator: 'payroll.rlw-direct',
      fallback: { kind: 'ratio', numerator: 'staff_paid_rlw', denominator: 'staff_headcount' },
    });
    expect(byId('E1').computation).toEqual({
      kind: 'calculator',
      calculator: 'carbon.scope12',
      fallback: { kind: 'sum', items: ['scope1_tco2e', 'scope2_tco2e'] },
    });
    expect(byId('W3').computation).toEqual({
      kind: 'value',
      item: 'accredited_living_wage_employer',
    });
    for (const id of ['P1', 'P2', 'P3', 'P4', 'P5']) {
      const c = byId(id).computation;
      expect(
        c.kind === 'calculator' && c.fallback?.kind === 'ratio' && c.fallback.denominator,
      ).toBe('spend_total_gbp');
    }
  });

  it('has no fallback and no items where the calculator is the only source', () => {
    for (const id of ['P8', 'C3', 'A1', 'A2', 'A3']) {
      const indicator = byId(id);
      expect(indicator.computation.kind, id).toBe('calculator');
      expect(
        indicator.computation.kind === 'calculator' && indicator.computation.fallback,
        id,
      ).toBe(undefined);
      expect(indicator.items, id).toEqual([]);
    }
  });

  it('lists exactly the items its computation names, each once', () => {
    for (const indicator of CATALOGUE) {
      const named = namedItems(indicator.computation);
      const listed = indicator.items.map((i) => i.id);
      expect(new Set(listed).size, indicator.id).toBe(listed.length);
      expect([...new Set(named)].sort(), indicator.id).toEqual([...listed].sort());
    }
  });

  it('defines a shared item identically wherever it appears', () => {
    const seen = new Map<string, DataItem>();
    for (const item of CATALOGUE.flatMap((i) => i.items)) {
      const first = seen.get(item.id);
      if (first) expect(item, item.id).toEqual(first);
      else seen.set(item.id, item);
    }
    const usedBy = (itemId: string) =>
      CATALOGUE.filter((i) => i.items.some((it) => it.id === itemId)).map((i) => i.id);
    expect(usedBy('staff_headcount')).toEqual(['W1', 'W4', 'W5']);
    expect(usedBy('spend_total_gbp')).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });

  it('gives every data item a plain label, snake_case id and sensible bounds', () => {
    for (const item of CATALOGUE.flatMap((i) => i.items)) {
      expect(item.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(item.label.trim(), item.id).not.toBe('');
      expect(item.hint?.trim(), item.id).toBeTruthy();
      expect(item.min, item.id).toBe(0);
      if (item.unit === 'count') expect(item.integer, item.id).toBe(true);
      if (item.unit === 'yes/no') {
        expect(item.max, item.id).toBe(1);
        expect(item.integer, item.id).toBe(true);
      }
    }
  });

  it('has a description, source and methodology of sensible length for every indicator', () => {
    for (const indicator of CATALOGUE) {
      for (const text of [indicator.description, indicator.methodology, indicator.source]) {
        expect(text.trim(), indicator.id).not.toBe('');
      }
      expect(indicator.description.length, indicator.id).toBeLessThanOrEqual(800);
      expect(indicator.methodology.length, indicator.id).toBeLessThanOrEqual(800);
    }
  });

  it('publishes organisation-level figures except for priority-group entrants and partnership-wide figures', () => {
    expect(CATALOGUE.filter((i) => !i.publishOrganisationLevel).map((i) => i.id)).toEqual([
      'W8',
      'C3',
    ]);
    for (const i of CATALOGUE)
      if (isPartnershipWide(i)) expect(i.publishOrganisationLevel, i.id).toBe(false);
  });
});

describe('COMMITMENTS', () => {
  it('has unique ids and 2–4 commitments per pillar, and one or more for accountability', () => {
    expect(new Set(COMMITMENTS.map((c) => c.id)).size).toBe(COMMITMENTS.length);
    for (const pillar of PILLAR_IDS) {
      const n = COMMITMENTS.filter((c) => c.pillar === pillar).length;
      expect(n, pillar).toBeGreaterThanOrEqual(2);
      expect(n, pillar).toBeLessThanOrEqual(4);
    }
    expect(COMMITMENTS.some((c) => c.pillar === 'accountability')).toBe(true);
    for (const c of COMMITMENTS) {
      expect(c.title.trim(), c.id).not.toBe('');
      expect(c.description.trim(), c.id).not.toBe('');
    }
  });

  it('every commitment an indicator names exists and is in the same pillar', () => {
    for (const indicator of CATALOGUE) {
      const commitment = COMMITMENTS.find((c) => c.id === indicator.commitment);
      expect(commitment, indicator.id).toBeDefined();
      expect(commitment?.pillar, indicator.id).toBe(indicator.pillar);
    }
  });

  it('every commitment holds at least one indicator', () => {
    for (const c of COMMITMENTS) {
      expect(
        CATALOGUE.some((i) => i.commitment === c.id),
        c.id,
      ).toBe(true);
    }
  });
});

describe('MATURITY_STATEMENTS', () => {
  it('covers the six pillars once each, in order', () => {
    expect(MATURITY_STATEMENTS.map((m) => m.pillar)).toEqual([...PILLAR_IDS]);
  });

  it('has four levels of 3–4 non-empty, distinct statements', () => {
    for (const m of MATURITY_STATEMENTS) {
      expect(m.levels).toHaveLength(4);
      for (const level of m.levels) {
        expect(level.length, m.pillar).toBeGreaterThanOrEqual(3);
        expect(level.length, m.pillar).toBeLessThanOrEqual(4);
        for (const s of level) expect(s.trim(), m.pillar).not.toBe('');
      }
      const all = m.levels.flat();
      expect(new Set(all).size, m.pillar).toBe(all.length);
    }
  });
});
