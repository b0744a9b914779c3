import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, multiply, parseDecimal, round, shift, sum } from './decimal.js';
import { parseFlatFile, parseSduSeries, parseFactorFile, FactorFileError } from './factors.js';
import {
  calculateEmissions,
  recycledShare,
  renewableShare,
  resolveFactor,
  tonnesCO2e,
  type LoadedFactor,
} from './emissions.js';
import { ACTIVITIES } from './activities.js';
import {
  baselineOf,
  NHS_TRAJECTORIES,
  onTrack,
  pathShare,
  reductionSince,
  trajectoryPath,
} from './trajectory.js';

/** Decimals with up to 6 whole digits and 6 decimal places, as canonical strings. */
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([w, f]) => parseDecimal(`${w}.${String(f).padStart(6, '0')}`) ?? '0');

const electricity = ACTIVITIES.find((a) => a.code === 'electricity');
const gridMatch = electricity?.parts[0]?.factor[0];

function factor(year: number, value: string, setOrder = 1): LoadedFactor {
  if (!gridMatch) throw new Error('no grid factor');
  return {
    id: null,
    year,
    scope: gridMatch.scope,
    level1: gridMatch.level1,
    level2: gridMatch.level2 ?? '',
    level3: gridMatch.level3 ?? '',
    level4: '2020',
    columnText: '',
    uom: 'kWh',
    ghgUnit: 'kg CO2e',
    kgCO2ePerUnit: value,
    setId: `set-${setOrder}`,
    setName: `set ${setOrder}`,
    setOrder,
  };
}

describe('exact decimals', () => {
  it('reads what people and files write', () => {
    expect(parseDecimal('0.19338')).toBe('0.19338');
    expect(parseDecimal(' 1,000,000 ')).toBe('1000000');
    expect(parseDecimal('0.17700')).toBe('0.177');
    expect(parseDecimal('2.5e-3')).toBe('0.0025');
    expect(parseDecimal('-4')).toBe('-4');
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('< 1')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('multiplies exactly: 1,000,000 × 0.19338 = 193,380', () => {
    expect(multiply('1000000', '0.19338')).toBe('193380');
    expect(tonnesCO2e('1000000', '0.19338')).toBe('193.38');
  });

  it('multiplication agrees with integer arithmetic on the scaled digits (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (a, b) => {
          const x = shift(a.toString(), 4);
          const y = shift(b.toString(), 5);
          expect(multiply(x, y)).toBe(shift((a * b).toString(), 9));
        },
      ),
    );
  });

  it('addition is commutative and associative, and sum adds (property)', () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        expect(add(a, b)).toBe(add(b, a));
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(sum([a, b, c])).toBe(add(add(a, b), c));
      }),
    );
  });

  it('round and compare behave', () => {
    expect(round('1.2345', 3)).toBe('1.235');
    expect(round('-1.2345', 3)).toBe('-1.235');
    expect(round('1.2', 3)).toBe('1.2');
    expect(compare('0.2', '0.19338')).toBe(1);
    expect(compare('0.10', '0.1')).toBe(0);
  });
});

describe('the flat-file and series readers', () => {
  const header2022 = [
    'Scope',
    'Level_1',
    'Level_2',
    'Level_3',
    'Level_4',
    'Description',
    'UOM',
    'GHG_Unit',
    'GHG_Conversion_Factor_2022',
  ];
  const header2025 = [
    'ID',
    'Scope',
    'Level 1',
    'Level 2',
    'Level 3',
    'Level 4',
    'Column Text',
    'UOM',
    'GHG/Unit',
    'GHG Conversion Factor 2025',
  ];

  it('reads both shapes into the same rows, the year from the factor header', () => {
    const a = parseFlatFile(header2022, [
      [
        'Scope 1',
        'Fuels',
        'Gaseous fuels',
        'Natural gas',
        '',
        '',
        'kWh (Gross CV)',
        'kg CO2e',
        '0.18254',
      ],
    ]);
    const b = parseFlatFile(header2025, [
      [
        'x_1',
        'Scope 1',
        'Fuels',
        'Gaseous fuels',
        'Natural gas',
        '',
        '',
        'kWh (Gross CV)',
        'kg CO2e',
        '0.18290',
      ],
    ]);
    expect(a.years).toEqual([2022]);
    expect(b.years).toEqual([2025]);
    expect({ ...a.factors[0], year: 0, id: null, kgCO2ePerUnit: null }).toEqual({
      ...b.factors[0],
      year: 0,
      id: null,
      kgCO2ePerUnit: null,
    });
    expect(b.factors[0]?.kgCO2ePerUnit).toBe('0.1829');
  });

  it('skips the blank row and END at the end of the 2022 file', () => {
    const r = parseFlatFile(header2022, [
      [
        'Scope 2',
        'UK electricity',
        'Electricity generated',
        'Electricity: UK',
        '2020',
        '',
        'kWh',
        'kg CO2e',
        '0.19338',
      ],
      ['', '', '', '', '', '', '', '', ''],
      ['', 'END', '', '', '', '', '', '', ''],
    ]);
    expect(r.factors).toHaveLength(1);
  });

  it('says which line is wrong', () => {
    expect(() =>
      parseFlatFile(header2022, [['Scope 1', 'Fuels', '', '', '', '', 'kWh', 'kg CO2e', 'twelve']]),
    ).toThrow(/Line 2: The factor "twelve"/);
    expect(() => parseFactorFile(['a', 'b'], [])).toThrow(FactorFileError);
  });

  it('reads the SDU series, one row per year with a value', () => {
    const r = parseSduSeries(
      ['category', 'name', 'unit', 'scope', '2019-20', '2020-21', 'comments'],
      [
        ['Electricity generated', 'Electricity: UK', 'kWh', '2', '0.2556', '0.23314', ''],
        ['Anaesthetic Gases', 'Desflurane', 'litre', '1', '3.7211', '', ''],
      ],
    );
    expect(r.years).toEqual([2019, 2020]);
    expect(r.factors.map((f) => [f.year, f.scope, f.kgCO2ePerUnit])).toEqual([
      [2019, 'Scope 2', '0.2556'],
      [2020, 'Scope 2', '0.23314'],
      [2019, 'Scope 1', '3721.1'],
    ]);
  });

  it('never loses a row: factor rows = non-blank rows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('Scope 1', 'Scope 3'), decimal), { maxLength: 30 }),
        (rows) => {
          const records = rows.map(([scope, v]) => [
            scope,
            'L1',
            '',
            '',
            '',
            '',
            'kWh',
            'kg CO2e',
            v,
          ]);
          const parsed = parseFlatFile(header2022, [
            ...records,
            ['', 'END', '', '', '', '', '', '', ''],
          ]);
          expect(parsed.factors).toHaveLength(rows.length);
          parsed.factors.forEach((f, i) => expect(f.kgCO2ePerUnit).toBe(rows[i]?.[1]));
        },
      ),
    );
  });
});

describe('emissions', () => {
  it('uses the year’s own factor, else the latest earlier year’s, else none', () => {
    const factors = [factor(2020, '0.23314'), factor(2022, '0.19338')];
    expect(resolveFactor(electricity?.parts[0]?.factor ?? [], 2022, factors)?.kgCO2ePerUnit).toBe(
      '0.19338',
    );
    expect(resolveFactor(electricity?.parts[0]?.factor ?? [], 2021, factors)?.year).toBe(2020);
    expect(resolveFactor(electricity?.parts[0]?.factor ?? [], 2019, factors)).toBeNull();
  });

  it('a newer set of the same year wins', () => {
    const factors = [factor(2025, '0.2', 1), factor(2025, '0.177', 2)];
    expect(resolveFactor(electricity?.parts[0]?.factor ?? [], 2025, factors)?.kgCO2ePerUnit).toBe(
      '0.177',
    );
  });

  it('an unknown factor makes the totals it covers unknown, never 0', () => {
    const e = calculateEmissions(
      2019,
      [{ activity: 'electricity', quantity: '100' }],
      [factor(2022, '0.19338')],
    );
    expect(e.byScope[2].tCO2e).toBeNull();
    expect(e.byIndicator.E1.tCO2e).toBeNull();
    expect(e.byIndicator.E1.missing).toEqual(['Electricity bought (generation)']);
    expect(e.byIndicator.E5.tCO2e).toBeNull();
    expect(e.byIndicator.E5.sources).toBe(0);
  });

  it('comparing at a fixed year’s factors changes only the factors (property)', () => {
    const factors = [factor(2022, '0.19338'), factor(2023, '0.20707'), factor(2025, '0.177')];
    fc.assert(
      fc.property(
        decimal,
        fc.integer({ min: 2022, max: 2026 }),
        fc.integer({ min: 2022, max: 2026 }),
        (kwh, year, fixed) => {
          const own = calculateEmissions(
            year,
            [{ activity: 'electricity', quantity: kwh }],
            factors,
          );
          const at = calculateEmissions(
            year,
            [{ activity: 'electricity', quantity: kwh }],
            factors,
            fixed,
          );
          const sameYear = calculateEmissions(
            fixed,
            [{ activity: 'electricity', quantity: kwh }],
            factors,
          );
          expect(at.byScope[2].tCO2e).toBe(sameYear.byScope[2].tCO2e);
          expect(own.lines[0]?.quantity).toBe(at.lines[0]?.quantity);
          expect(at.lines[0]?.factor?.year).toBe(
            fixed >= 2025 ? 2025 : fixed >= 2023 ? 2023 : 2022,
          );
        },
      ),
    );
  });

  it('totals are the exact sum of their lines, and scale with the quantity (property)', () => {
    const factors = [factor(2022, '0.19338')];
    fc.assert(
      fc.property(decimal, fc.integer({ min: 1, max: 1000 }), (kwh, k) => {
        const one = calculateEmissions(2022, [{ activity: 'electricity', quantity: kwh }], factors);
        const many = calculateEmissions(
          2022,
          [{ activity: 'electricity', quantity: multiply(kwh, String(k)) }],
          factors,
        );
        expect(one.byScope[2].tCO2e).toBe(tonnesCO2e(kwh, '0.19338'));
        expect(many.byScope[2].tCO2e).toBe(multiply(one.byScope[2].tCO2e ?? '0', String(k)));
        expect(compare(one.byScope[2].tCO2e ?? '0', '0')).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('anaesthetic gases count in E5 and in E1 (scope 1); travel in E6', () => {
    const sduDes: LoadedFactor = {
      ...factor(2020, '3721.1'),
      scope: 'Scope 1',
      level1: 'Anaesthetic Gases',
      level2: 'Desflurane',
      level3: '',
      level4: '',
      uom: 'litre',
    };
    const e = calculateEmissions(
      2020,
      [{ activity: 'desflurane-litres', quantity: '10' }],
      [sduDes],
    );
    expect(e.byIndicator.E5.tCO2e).toBe('37.211');
    expect(e.byIndicator.E1.tCO2e).toBe('37.211');
    expect(e.byIndicator.E6.tCO2e).toBeNull();
  });

  it('shares say what they cover, and are unknown without a whole', () => {
    expect(
      renewableShare([
        { activity: 'electricity', quantity: '200' },
        { activity: 'electricity-renewable', quantity: '50' },
      ]),
    ).toEqual({ part: '50', whole: '200', percent: 25 });
    expect(renewableShare([{ activity: 'electricity-renewable', quantity: '50' }])).toBeNull();
    expect(
      recycledShare([
        { activity: 'waste-recycling', quantity: '30' },
        { activity: 'waste-landfill', quantity: '70' },
      ])?.percent,
    ).toBe(30);
    expect(recycledShare([{ activity: 'gas', quantity: '70' }])).toBeNull();
  });
});

describe('NHS net-zero trajectories', () => {
  const cf = NHS_TRAJECTORIES['carbon-footprint'];
  const plus = NHS_TRAJECTORIES['carbon-footprint-plus'];

  it('Carbon Footprint: 80% lower by 2032, zero by 2040; Plus: 80% by 2039, zero by 2045', () => {
    expect(pathShare(cf, 2023, 2023)).toBe(1);
    expect(pathShare(cf, 2023, 2032)).toBeCloseTo(0.2, 10);
    expect(pathShare(cf, 2023, 2040)).toBe(0);
    expect(pathShare(plus, 2023, 2039)).toBeCloseTo(0.2, 10);
    expect(pathShare(plus, 2023, 2045)).toBe(0);
  });

  it('the baseline is the earliest year known', () => {
    expect(
      baselineOf([
        { year: 2024, tCO2e: 90 },
        { year: 2023, tCO2e: null },
        { year: 2025, tCO2e: 80 },
      ]),
    ).toEqual({ year: 2024, tCO2e: 90 });
    expect(baselineOf([{ year: 2024, tCO2e: null }])).toBeNull();
  });

  it('E2 is the reduction since the baseline, negative when emissions rose', () => {
    const baseline = { year: 2019, tCO2e: 80 };
    expect(reductionSince(baseline, 60)).toBe(25);
    expect(reductionSince(baseline, 80)).toBe(0);
    expect(reductionSince(baseline, 100)).toBe(-25);
    expect(reductionSince(baseline, null)).toBeNull();
    expect(reductionSince(null, 60)).toBeNull();
    expect(reductionSince({ year: 2019, tCO2e: 0 }, 0)).toBeNull();
  });

  it('the path never rises and ends at zero (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2044 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.constantFrom(cf, plus),
        (year, tonnes, t) => {
          const path = trajectoryPath(t, { year, tCO2e: tonnes });
          for (let i = 1; i < path.length; i += 1)
            expect(path[i]?.tCO2e ?? 0).toBeLessThanOrEqual((path[i - 1]?.tCO2e ?? 0) + 1e-9);
          expect(path[0]?.tCO2e).toBe(year < t.netZeroYear ? tonnes : 0);
          expect(path[path.length - 1]?.tCO2e).toBe(0);
        },
      ),
    );
  });

  it('on track means at or below the path; unknown when either is unknown', () => {
    const base = { year: 2023, tCO2e: 1000 };
    expect(onTrack(cf, base, 2024, 900)).toBe(true);
    expect(onTrack(cf, base, 2024, 999)).toBe(false);
    expect(onTrack(cf, null, 2024, 900)).toBeNull();
    expect(onTrack(cf, base, 2024, null)).toBeNull();
  });
});

describe('the trajectory chart', () => {
  it('has a title, a one-sentence description and both lines, deterministically', async () => {
    const { trajectoryChartSvg, trajectoryRows, describeTrajectory } =
      await import('../charts/trajectory.js');
    const cf = NHS_TRAJECTORIES['carbon-footprint'];
    const rows = trajectoryRows(cf, { year: 2023, tCO2e: 1000 }, [
      { year: 2023, tCO2e: 1000 },
      { year: 2024, tCO2e: 950 },
      { year: 2025, tCO2e: null },
    ]);
    expect(rows[0]?.label).toBe('2023/24');
    expect(rows[rows.length - 1]?.year).toBe(2040);
    expect(rows[1]?.onTrack).toBe(false);
    expect(describeTrajectory(cf, rows)).toMatch(/^950(\.0)? tCO2e in 2024\/25, above the path’s/);
    const svg = trajectoryChartSvg({ id: 'x', title: 'Scope 1 and 2', trajectory: cf, rows });
    expect(svg).toContain('<title id="x-title">Scope 1 and 2</title>');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toBe(trajectoryChartSvg({ id: 'x', title: 'Scope 1 and 2', trajectory: cf, rows }));
    expect(svg).not.toMatch(/style=|<script/);
    const hostile = trajectoryChartSvg({ id: 'y', title: 'A & <b>B</b>', trajectory: cf, rows });
    expect(hostile).toContain('A &amp; &lt;b&gt;B&lt;/b&gt;');
  });
});
