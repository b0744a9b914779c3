import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../framework/catalogue.js';
import { describeComputation } from '../framework/describe.js';
import {
  CALCULATOR_IDS,
  CALCULATORS,
  FIGURE_INPUTS,
  isCalculatorId,
  storedCalculatorsReading,
  type FigureInput,
} from './registry.js';

const byCalculator = new Map<string, string[]>();
for (const d of CATALOGUE) {
  if (d.computation.kind !== 'calculator') continue;
  const list = byCalculator.get(d.computation.calculator) ?? [];
  list.push(d.id);
  byCalculator.set(d.computation.calculator, list);
}

describe('the calculator registry', () => {
  it('has every calculator the catalogue names', () => {
    const unregistered = [...byCalculator.keys()].filter((id) => !isCalculatorId(id));
    expect(unregistered).toEqual([]);
  });

  it('has no calculator that feeds no indicator', () => {
    const idle = CALCULATOR_IDS.filter(
      (id) =>
        (CALCULATORS[id].indicators as readonly string[]).length === 0 || !byCalculator.has(id),
    );
    expect(idle).toEqual([]);
  });

  it('lists exactly the indicators that name each calculator', () => {
    for (const id of CALCULATOR_IDS) {
      expect([...CALCULATORS[id].indicators].sort(), id).toEqual(
        [...(byCalculator.get(id) ?? [])].sort(),
      );
    }
  });

  it('declares what each calculator reads, from the known inputs', () => {
    for (const id of CALCULATOR_IDS) {
      const inputs = CALCULATORS[id].inputs as readonly string[];
      expect(inputs.length, id).toBeGreaterThan(0);
      for (const input of inputs) expect(Object.keys(FIGURE_INPUTS), id).toContain(input);
    }
  });

  it('says plainly which calculators the service computes today and which come later', () => {
    const as = (computed: string) =>
      CALCULATOR_IDS.filter((id) => CALCULATORS[id].computed === computed).sort();
    expect(as('stored')).toEqual([
      'carbon.anaesthetic',
      'carbon.recycled-share',
      'carbon.reduction',
      'carbon.renewable-share',
      'carbon.scope12',
      'carbon.scope3',
      'lm3',
      'maturity.level',
      'payroll.deprived',
      'payroll.local',
      'payroll.new-starters-local',
      'payroll.rlw-contracted',
      'payroll.rlw-direct',
      'register.capital-local',
      'register.community-use',
      'register.engagement-activities',
      'register.grants',
      'register.homes',
      'register.joint-initiatives',
      'register.pooled-money',
      'register.residents',
      'register.vcse-initiatives',
      'register.volunteering',
      'returns.evidenced',
      'spend.deprived',
      'spend.local',
      'spend.location-known',
      'spend.sme',
      'spend.vcse',
    ]);
    expect(as('at-read')).toEqual(['priorities.answered', 'returns.on-time']);
    expect(as('later')).toEqual(['contracts.delivered']);
  });

  it('never describes an indicator as worked out by a calculator that is not computed yet', () => {
    for (const d of CATALOGUE) {
      const c = d.computation;
      if (c.kind !== 'calculator') continue;
      const how = describeComputation(d);
      if (CALCULATORS[c.calculator].computed === 'later') {
        expect(how, d.id).not.toMatch(/^Worked out by/);
        expect(how, d.id).toMatch(/entered by each organisation|not available yet/);
      } else {
        expect(how, d.id).toMatch(/^Worked out by/);
      }
    }
  });

  it('finds the stored calculators a change moves from its input', () => {
    expect(storedCalculatorsReading('spend-lines').sort()).toEqual([
      'lm3',
      'spend.deprived',
      'spend.local',
      'spend.location-known',
      'spend.sme',
      'spend.vcse',
    ]);
    expect(storedCalculatorsReading('lm3-surveys')).toEqual(['lm3']);
    expect(storedCalculatorsReading('approved-returns')).toEqual(['returns.evidenced']);
    expect(storedCalculatorsReading('maturity')).toEqual(['maturity.level']);
    // A1 is counted when read, so no change recalculates it.
    expect(storedCalculatorsReading('submissions')).toEqual([]);
    expect(storedCalculatorsReading('payroll').sort()).toEqual([
      'payroll.deprived',
      'payroll.local',
      'payroll.new-starters-local',
      'payroll.rlw-contracted',
      'payroll.rlw-direct',
    ]);
    expect(storedCalculatorsReading('periods').length).toBe(23);
    expect(storedCalculatorsReading('estate')).toEqual([
      'register.community-use',
      'register.homes',
    ]);
    expect(storedCalculatorsReading('capital-works')).toEqual(['register.capital-local']);
    expect(storedCalculatorsReading('area')).toContain('register.capital-local');
    expect(storedCalculatorsReading('initiatives')).toEqual([
      'register.joint-initiatives',
      'register.pooled-money',
      'register.vcse-initiatives',
    ]);
    const inputs = Object.keys(FIGURE_INPUTS) as FigureInput[];
    for (const input of inputs) {
      for (const id of storedCalculatorsReading(input)) {
        expect(CALCULATORS[id].inputs as readonly string[]).toContain(input);
      }
    }
  });
});
