import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToBase } from '../disclosure/disclosure.js';
import { peopleKind, protectPeople, type PeopleFigure } from './people.js';

const count = (value: number): PeopleFigure => ({ value });
const share = (numerator: number, denominator: number): PeopleFigure => ({
  value: (numerator / denominator) * 100,
  numerator,
  denominator,
});

describe('which figures count people', () => {
  it('knows the catalogue’s counts and shares of people, and nothing else', () => {
    expect(peopleKind('W7')).toBe('count');
    expect(peopleKind('C2')).toBe('count');
    expect(peopleKind('W1')).toBe('share');
    expect(peopleKind('P1')).toBeNull();
    expect(peopleKind('toString')).toBeNull();
  });
});

describe('counts of people', () => {
  it('hides counts of 1 to 9, rounds the rest to 5, and hides another so the small one cannot be worked out', () => {
    const t = protectPeople('count', { cells: [[count(4)], [count(120)], [count(33)]] });
    expect(t.cells[0]?.[0]).toEqual({ shown: false, reason: 'fewer-than-threshold' });
    // 4 hidden in a column with a total: one more must go.
    expect(t.cells.filter((r) => r[0]?.shown === false)).toHaveLength(2);
    expect(t.periodTotals[0]).toEqual({ shown: true, value: 155 });
  });

  it('leaves an organisation with no figure as none, and 0 as 0', () => {
    const t = protectPeople('count', { cells: [[null], [count(0)], [count(40)]] });
    expect(t.cells[0]?.[0]).toBeNull();
    expect(t.cells[1]?.[0]).toEqual({ shown: true, value: 0 });
    expect(t.cells[2]?.[0]).toEqual({ shown: true, value: 40 });
  });

  it('withholds a count that is not a whole number of people', () => {
    const t = protectPeople('count', { cells: [[count(12.5)], [count(40)]] });
    expect(t.cells[0]?.[0]).toEqual({ shown: false, reason: 'parts-not-known' });
  });
});

describe('shares of people', () => {
  it('works the share out again from the rounded counts', () => {
    // 962 of 1,000 paid the Real Living Wage: 960 and 40 as published, so 96.0%.
    const t = protectPeople('share', { cells: [[share(962, 1000)], [share(181, 200)]] });
    expect(t.cells[0]?.[0]).toEqual({ shown: true, value: 96 });
    expect(t.cells[1]?.[0]).toEqual({ shown: true, value: (180 / 200) * 100 });
    expect(t.periodTotals[0]).toEqual({ shown: true, value: (1145 / 1200) * 100 });
  });

  it('hides a share when fewer than 10 people are on either side of it', () => {
    const t = protectPeople('share', {
      cells: [[share(995, 1000)], [share(150, 200)], [share(300, 400)]],
    });
    // 5 people not paid it: the share would tell them apart.
    expect(t.cells[0]?.[0]).toEqual({ shown: false, reason: 'fewer-than-threshold' });
  });

  it('does not publish a share typed in without its counts', () => {
    const t = protectPeople('share', { cells: [[{ value: 96.2 }]] });
    expect(t.cells[0]?.[0]).toEqual({ shown: false, reason: 'parts-not-known' });
    expect(t.periodTotals[0]).toEqual({ shown: false, reason: 'parts-not-known' });
  });

  it('property: every share shown is the rounded people over the rounded whole, and every count shown is 0 or at least 10 and a multiple of 5', () => {
    const cell = fc.option(
      fc.tuple(fc.nat(400), fc.nat(400)).map(([a, b]) => share(a, a + b + 1)),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((periods) =>
          fc.array(fc.array(cell, { minLength: periods, maxLength: periods }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        (cells) => {
          const t = protectPeople('share', { cells });
          cells.forEach((row, i) =>
            row.forEach((f, j) => {
              const p = t.cells[i]?.[j];
              if (f === null) return expect(p).toBeNull();
              if (!p?.shown) return;
              const a = roundToBase(f.numerator ?? 0);
              const b = roundToBase((f.denominator ?? 0) - (f.numerator ?? 0));
              expect(p.value).toBeCloseTo((a / (a + b)) * 100, 9);
            }),
          );
          const counts = protectPeople('count', {
            cells: cells.map((r) => r.map((f) => (f ? count(f.numerator ?? 0) : null))),
          });
          for (const p of [...counts.cells.flat(), ...counts.periodTotals])
            if (p?.shown) {
              expect(p.value % 5).toBe(0);
              expect(p.value === 0 || p.value >= 10).toBe(true);
            }
        },
      ),
    );
  });
});
