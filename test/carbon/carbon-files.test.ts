/**
 * The carbon core against the real published files (test/fixtures/carbon, see SOURCES.md there):
 * the government's 2022 and 2025 flat files, the NHS SDU series and the ERIC trust returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/core/spend/csv.js';
import { parseFactorFile, type ParsedFactorFile } from '../../src/core/carbon/factors.js';
import { ACTIVITIES } from '../../src/core/carbon/activities.js';
import {
  calculateEmissions,
  resolveFactor,
  type LoadedFactor,
} from '../../src/core/carbon/emissions.js';
import { findEricRow, isEricHeader, readEricRow } from '../../src/core/carbon/eric.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/carbon');

function records(file: string): { header: string[]; rows: string[][] } {
  const all = readCsv(fs.readFileSync(path.join(DIR, file), 'utf8').replace(/^\uFEFF/, ''));
  const [header, ...rows] = all.map((r) => r.fields);
  return { header: header ?? [], rows };
}

function load(file: string): ParsedFactorFile {
  const { header, rows } = records(file);
  return parseFactorFile(header, rows);
}

function loaded(parsed: ParsedFactorFile, setId: string, setOrder: number): LoadedFactor[] {
  return parsed.factors.map((f) => ({ ...f, setId, setName: setId, setOrder }));
}

const F2022 = 'ghg-conversion-factors-2022-flat-format.csv';
const F2025 = 'ghg-conversion-factors-2025-flat-format_scope3_and_outside_scopes_only.csv';
const SDU = 'sdu_carbon_factors_2007-08_to_2020-21.csv';

let y2022: ParsedFactorFile;
let y2025: ParsedFactorFile;
let sdu: ParsedFactorFile;
let all: LoadedFactor[];

beforeAll(() => {
  y2022 = load(F2022);
  y2025 = load(F2025);
  sdu = load(SDU);
  all = [...loaded(sdu, 'sdu', 1), ...loaded(y2022, '2022', 2), ...loaded(y2025, '2025', 3)];
});

describe('the government flat files', () => {
  it('reads every factor row of the 2022 file: 8,037, as SOURCES.md says, without the blank and END rows', () => {
    expect(y2022.format).toBe('ghg-flat-file');
    expect(y2022.years).toEqual([2022]);
    expect(y2022.factors).toHaveLength(8037);
    expect(y2022.factors.every((f) => f.year === 2022 && f.id === null)).toBe(true);
    expect(y2022.factors.some((f) => f.level1 === 'END')).toBe(false);
  });

  it('reads the 2025 file (5,289 rows, with the publisher’s ids), its year from the factor column', () => {
    expect(y2025.years).toEqual([2025]);
    expect(y2025.factors).toHaveLength(5289);
    expect(y2025.factors[0]).toEqual({
      id: '11_100_1000_15_1',
      year: 2025,
      scope: 'Scope 3',
      level1: 'WTT- fuels',
      level2: 'Gaseous fuels',
      level3: 'Butane',
      level4: '',
      columnText: '',
      uom: 'tonnes',
      ghgUnit: 'kg CO2e',
      kgCO2ePerUnit: '344.30947',
    });
  });

  it('keeps the 2022 column names mapped: Description is the column text', () => {
    const n2o = y2022.factors.find(
      (f) =>
        f.level3 === 'Nitrous oxide' && f.columnText === 'Emissions including only Kyoto products',
    );
    expect(n2o?.kgCO2ePerUnit).toBe('298');
  });

  it('keeps rows the publisher left empty, with no factor (not 0)', () => {
    const empty = y2022.factors.filter((f) => f.kgCO2ePerUnit === null);
    expect(empty.length).toBeGreaterThan(0);
  });

  it('1,000,000 kWh of UK grid electricity at the 2022 factor is 193.38 tCO2e (0.19338 kg/kWh)', () => {
    const e = calculateEmissions(2022, [{ activity: 'electricity', quantity: '1000000' }], all);
    const generation = e.lines.find((l) => l.scope === 2);
    expect(generation?.factor).toMatchObject({ kgCO2ePerUnit: '0.19338', year: 2022, uom: 'kWh' });
    expect(generation?.tCO2e).toBe('193.38');
    expect(e.byScope[2].tCO2e).toBe('193.38');
    // T&D losses, scope 3, at 0.01769.
    expect(e.byScope[3].tCO2e).toBe('17.69');
  });

  it('natural gas at the 2022 factor is 0.18254 kg per kWh (gross CV)', () => {
    const e = calculateEmissions(2022, [{ activity: 'gas', quantity: '2500000' }], all);
    expect(e.lines[0]?.factor?.kgCO2ePerUnit).toBe('0.18254');
    expect(e.byIndicator.E1.tCO2e).toBe('456.35');
  });

  it('2025 has no scope 1 or 2 rows: electricity in 2025 falls back to the 2022 factor and says so, T&D uses 2025’s', () => {
    const e = calculateEmissions(2025, [{ activity: 'electricity', quantity: '1000000' }], all);
    const [generation, td] = e.lines;
    expect(generation?.factor?.year).toBe(2022);
    expect(td?.factor).toMatchObject({ year: 2025, kgCO2ePerUnit: '0.01853' });
    expect(td?.tCO2e).toBe('18.53');
  });

  it('the same electricity at 2025’s factor once a 2025 scope 2 set is entered by hand (0.17700)', () => {
    const electricity = ACTIVITIES.find((a) => a.code === 'electricity');
    const match = electricity?.parts[0]?.factor[0];
    if (!match) throw new Error('no electricity factor');
    const byHand: LoadedFactor = {
      id: null,
      year: 2025,
      scope: match.scope,
      level1: match.level1,
      level2: match.level2 ?? '',
      level3: match.level3 ?? '',
      level4: '',
      columnText: '',
      uom: match.uom,
      ghgUnit: 'kg CO2e',
      kgCO2ePerUnit: '0.177',
      setId: 'hand',
      setName: '2025 scope 1 and 2, entered by hand',
      setOrder: 4,
    };
    const e = calculateEmissions(
      2025,
      [{ activity: 'electricity', quantity: '1000000' }],
      [...all, byHand],
    );
    expect(e.byScope[2].tCO2e).toBe('177');
  });

  it('finds a factor in the loaded sets for every activity part that has a published row', () => {
    const noPublished = new Set([
      'desflurane-kg',
      'sevoflurane-kg',
      'isoflurane-kg', // entered by hand when an organisation records by weight
    ]);
    for (const a of ACTIVITIES) {
      for (const part of a.parts) {
        const f = resolveFactor(part.factor, 2022, all);
        if (noPublished.has(a.code)) expect(f, a.code).toBeNull();
        else expect(f, `${a.code} ${part.label}`).not.toBeNull();
      }
    }
  });
});

describe('the NHS SDU series', () => {
  it('reads one factor per row and financial year, 2007-08 to 2020-21', () => {
    expect(sdu.format).toBe('nhs-sdu-series');
    expect(sdu.years).toEqual([
      2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020,
    ]);
    const grid = (year: number) =>
      sdu.factors.find(
        (f) =>
          f.year === year && f.level1 === 'Electricity generated' && f.level2 === 'Electricity: UK',
      )?.kgCO2ePerUnit;
    expect(grid(2019)).toBe('0.2556');
    expect(grid(2020)).toBe('0.23314');
  });

  it('holds anaesthetic gases in kg CO2e per litre (the series gives tonnes)', () => {
    const des = sdu.factors.find((f) => f.year === 2020 && f.level2 === 'Desflurane');
    expect(des?.kgCO2ePerUnit).toBe('3721.1');
  });
});

describe('the ERIC trust returns', () => {
  it('Royal Liverpool and Broadgreen (RQ6), 2014-15: electricity and gas into tCO2e at that year’s factors', () => {
    const { header, rows } = records('ERIC_trust_2014-15.csv');
    expect(isEricHeader(header)).toBe(true);
    const row = findEricRow(header, rows, 'rq6');
    if (!row) throw new Error('RQ6 not in the file');
    const reading = readEricRow(header, row);
    expect(reading.organisationName).toBe(
      'ROYAL LIVERPOOL AND BROADGREEN UNIVERSITY HOSPITALS NHS TRUST',
    );
    const q = Object.fromEntries(reading.activities.map((a) => [a.activity, a.quantity]));
    // Electricity consumed - utility 2,970,667 kWh + renewable 0; gas consumed - utility 172,934,302 kWh.
    expect(q['electricity']).toBe('2970667');
    expect(q['electricity-renewable']).toBe('0');
    expect(q['gas']).toBe('172934302');
    const e = calculateEmissions(
      2014,
      reading.activities.filter((a) => a.activity === 'electricity' || a.activity === 'gas'),
      all,
    );
    // By hand, with the 2014-15 column of the SDU series (the government's 2014 factors):
    //   electricity 2,970,667 kWh × 0.49426 kg/kWh = 1,468,281.87142 kg = 1,468.28187142 t (scope 2)
    //   T&D losses  2,970,667 kWh × 0.04322 kg/kWh =   128,392.22774 kg =   128.39222774 t (scope 3)
    //   gas       172,934,302 kWh × 0.184973 kg/kWh = 31,988,176.643846 kg = 31,988.176643846 t (scope 1)
    expect(e.byScope[2].tCO2e).toBe('1468.28187142');
    expect(e.byScope[3].tCO2e).toBe('128.39222774');
    expect(e.byScope[1].tCO2e).toBe('31988.176643846');
    // E1 = scope 1 + 2 = 33,456.458515266 t
    expect(e.byIndicator.E1.tCO2e).toBe('33456.458515266');
    expect(e.lines.every((l) => l.factor?.year === 2014)).toBe(true);
  });

  it('reads 2015-16’s different column names (electricity and gas consumed, clinical waste)', () => {
    const { header, rows } = records('ERIC_trust_2015-16.csv');
    const row = findEricRow(header, rows, 'REM');
    if (!row) throw new Error('REM not in the file');
    const q = Object.fromEntries(
      readEricRow(header, row).activities.map((a) => [a.activity, a.quantity]),
    );
    // Electricity consumed 0 + renewable 8,029,556 (Aintree bought all on a renewable tariff).
    expect(q['electricity']).toBe('8029556');
    expect(q['electricity-renewable']).toBe('8029556');
    expect(q['gas']).toBe('56765122');
    expect(q['water-supply']).toBe('230797');
    // Clinical 484.91 + special 15.38 tonnes.
    expect(q['waste-clinical-incineration']).toBe('500.29');
    expect(q['waste-landfill']).toBeUndefined();
  });

  it('reads 2013-14 waste routes (Aintree, REM)', () => {
    const { header, rows } = records('ERIC_trust_2013-14.csv');
    const row = findEricRow(header, rows, 'REM');
    if (!row) throw new Error('REM not in the file');
    const q = Object.fromEntries(
      readEricRow(header, row).activities.map((a) => [a.activity, a.quantity]),
    );
    expect(q['waste-landfill']).toBe('445.34');
    // recycling 896.54 + re-use 0 + WEEE 6.53
    expect(q['waste-recycling']).toBe('903.07');
    expect(q['waste-clinical-incineration']).toBe('111.99');
    expect(q['waste-alternative-treatment']).toBe('360.93');
  });

  it('finds no row for a code not in the file', () => {
    const { header, rows } = records('ERIC_trust_2013-14.csv');
    expect(findEricRow(header, rows, 'ZZZ')).toBeNull();
  });
});
