import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregatePayroll, type PayrollRow } from './aggregate.js';
import { countHomes, placementOf, withHomes, type HomePlace } from './homes.js';
import type { ReducedRecord } from './reduce.js';

const record = (starter: boolean | null): ReducedRecord => ({
  employment: 'direct',
  atOrAboveRlw: true,
  payBand: null,
  rlwYear: '2024/25',
  postcodeForPlacing: null,
  startedInPeriod: starter,
  apprentice: false,
  priority: { careLeaver: false, veteran: false, disabled: false, longTermUnemployed: false },
});

const DISTRICTS = ['E06000049', 'E08000012', 'E08000003', 'E09000001'];
const place = fc.option(
  fc.record({
    district: fc.constantFrom(...DISTRICTS),
    decile2019: fc.option(fc.integer({ min: 1, max: 10 })),
    decile2025: fc.option(fc.integer({ min: 1, max: 10 })),
  }),
);

describe('home cells', () => {
  it('give the same residence and starters counts as placing each person, for any area and edition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ place, starter: fc.option(fc.boolean()) }), { maxLength: 60 }),
        fc.subarray(DISTRICTS),
        fc.constantFrom(2019 as const, 2025 as const),
        (people, area, edition) => {
          const rows: PayrollRow[] = people.map((p) => ({
            record: record(p.starter),
            placement: p.place ? placementOf(p.place as HomePlace, area, edition) : null,
          }));
          const direct = aggregatePayroll(rows);
          const homes = countHomes(
            people.map((p) => ({
              place: p.place,
              starter: p.starter === true,
            })),
          );
          const fromHomes = withHomes(
            aggregatePayroll(people.map((p) => ({ record: record(p.starter), placement: null }))),
            homes,
            area,
            edition,
          );
          expect(fromHomes).toEqual(direct);
        },
      ),
    );
  });

  it('keep counts only: no cell names a person, and cells with the same place are merged', () => {
    const homes = countHomes([
      { place: { district: 'E08000012', decile2019: 1, decile2025: 2 }, starter: true },
      { place: { district: 'E08000012', decile2019: 1, decile2025: 2 }, starter: false },
      { place: null, starter: false },
    ]);
    expect(homes).toEqual([
      { district: 'E08000012', decile2019: 1, decile2025: 2, staff: 2, starters: 1 },
      { district: null, decile2019: null, decile2025: null, staff: 1, starters: 0 },
    ]);
  });
});
