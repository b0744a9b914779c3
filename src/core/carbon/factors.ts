/**
 * Readers of conversion-factor files, given their header row and records (already split by the
 * CSV reader):
 * - the UK Government's flat-file format (DESNZ/Defra "Greenhouse gas reporting: conversion
 *   factors"), in its 2022 shape (`Scope, Level_1…Level_4, Description, UOM, GHG_Unit,
 *   GHG_Conversion_Factor_2022`, ending with a blank and an `END` row) and its 2025 shape
 *   (`ID, Scope, Level 1…4, Column Text, UOM, GHG/Unit, GHG Conversion Factor 2025`); the year is
 *   the one named in the factor column's header;
 * - the NHS Sustainable Development Unit series (one column per financial year, `2007-08` …).
 *
 * Every row of the file becomes one factor row (including the per-gas rows such as "kg CO2e of
 * CH4" and rows whose factor the publisher left empty), so that the count matches the file.
 *
 * Pure: no I/O.
 */
import { multiply, parseDecimal } from './decimal.js';

export interface FactorRow {
  /** The publisher's id of the row (2025 files onwards); null when the file has none. */
  readonly id: string | null;
  /** The year of the factor set (for the NHS series, the first year of the financial year). */
  readonly year: number;
  readonly scope: string;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly level4: string;
  readonly columnText: string;
  readonly uom: string;
  readonly ghgUnit: string;
  /** Canonical decimal, per unit of uom; null where the publisher gives none (or only "< 1"). */
  readonly kgCO2ePerUnit: string | null;
}

export type FactorFileFormat = 'ghg-flat-file' | 'nhs-sdu-series';

export interface ParsedFactorFile {
  readonly format: FactorFileFormat;
  /** The years the file holds factors for, ascending. */
  readonly years: readonly number[];
  readonly factors: readonly FactorRow[];
}

export class FactorFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `Line ${line}: ${message}`);
    this.name = 'FactorFileError';
  }
}

/** A header cell made comparable: lower case, spaces, underscores, slashes and dashes alike. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_/-]+/g, ' ');
}

const FLAT_COLUMNS = {
  id: ['id'],
  scope: ['scope'],
  level1: ['level 1'],
  level2: ['level 2'],
  level3: ['level 3'],
  level4: ['level 4'],
  columnText: ['column text', 'description'],
  uom: ['uom', 'unit of measure'],
  ghgUnit: ['ghg unit', 'ghg'],
} as const;

type FlatColumn = keyof typeof FLAT_COLUMNS;

const FACTOR_HEADER = /^ghg conversion factor (\d{4})$/;

/** Whether a header row is the government's flat-file shape. */
export function isFlatFileHeader(header: readonly string[]): boolean {
  return header.some((h) => FACTOR_HEADER.test(headerKey(h)));
}

/** Whether a header row is the NHS SDU series shape. */
export function isSduHeader(header: readonly string[]): boolean {
  const keys = header.map(headerKey);
  return (
    keys[0] === 'category' &&
    keys.includes('name') &&
    keys.includes('unit') &&
    keys.some((k) => /^\d{4} \d{2}$/.test(k))
  );
}

function cell(record: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (record[index] ?? '').trim();
}

/**
 * Reads the government flat file. `records` are the rows after the header; `firstLine` is the
 * file line of the first of them (for messages). Blank rows and the closing `END` row are skipped.
 */
export function parseFlatFile(
  header: readonly string[],
  records: readonly (readonly string[])[],
  firstLine = 2,
): ParsedFactorFile {
  const keys = header.map(headerKey);
  let factorIndex = -1;
  let year = 0;
  keys.forEach((k, i) => {
    const m = FACTOR_HEADER.exec(k);
    if (m && factorIndex < 0) {
      factorIndex = i;
      year = Number(m[1]);
    }
  });
  if (factorIndex < 0)
    throw new FactorFileError(
      'No "GHG Conversion Factor <year>" column: this is not a conversion-factor flat file',
      1,
    );
  const index: Partial<Record<FlatColumn, number>> = {};
  for (const [column, names] of Object.entries(FLAT_COLUMNS) as [FlatColumn, readonly string[]][]) {
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0) index[column] = i;
  }
  for (const required of ['scope', 'level1', 'uom', 'ghgUnit'] as const) {
    if (index[required] === undefined)
      throw new FactorFileError(`The header has no ${FLAT_COLUMNS[required][0]} column`, 1);
  }
  const factors: FactorRow[] = [];
  records.forEach((record, i) => {
    const line = firstLine + i;
    if (record.every((c) => c.trim() === '')) return;
    if (record.some((c) => c.trim() === 'END') && cell(record, index.scope) === '') return;
    const scope = cell(record, index.scope);
    if (scope === '') throw new FactorFileError('The row has no scope', line);
    const text = cell(record, factorIndex);
    const value = parseDecimal(text);
    // The publisher writes a few tiny global warming potentials as "< 1": no exact factor.
    if (text !== '' && value === null && !/^[<>]\s*\d/.test(text))
      throw new FactorFileError(`The factor "${text}" is not a number`, line);
    factors.push({
      id: cell(record, index.id) || null,
      year,
      scope,
      level1: cell(record, index.level1),
      level2: cell(record, index.level2),
      level3: cell(record, index.level3),
      level4: cell(record, index.level4),
      columnText: cell(record, index.columnText),
      uom: cell(record, index.uom),
      ghgUnit: cell(record, index.ghgUnit),
      kgCO2ePerUnit: value,
    });
  });
  return { format: 'ghg-flat-file', years: [year], factors };
}

const SDU_SCOPES: Record<string, string> = {
  '1': 'Scope 1',
  '2': 'Scope 2',
  '3': 'Scope 3',
  outside: 'Outside of Scopes',
  'n/a': 'Total',
};

/**
 * The SDU series gives anaesthetic gases in tonnes CO2e per litre (desflurane 3.7211 t/litre is
 * 3,721 kg: its global warming potential times its density); every other row is in kg CO2e.
 * Factors are kept in kg CO2e, so those rows are multiplied by 1,000.
 */
const SDU_TONNES_CATEGORIES = new Set(['anaesthetic gases']);

/**
 * Reads the NHS SDU series: columns category, name, unit, scope, then one per financial year
 * (`2019-20` → factors of year 2019). Each (row, year) with a value becomes one factor row:
 * level 1 is the category, level 2 the name.
 */
export function parseSduSeries(
  header: readonly string[],
  records: readonly (readonly string[])[],
  firstLine = 2,
): ParsedFactorFile {
  const keys = header.map(headerKey);
  const at = (name: string) => keys.indexOf(name);
  const [category, name, unit, scope] = [at('category'), at('name'), at('unit'), at('scope')];
  if (category < 0 || name < 0 || unit < 0 || scope < 0)
    throw new FactorFileError('The header needs category, name, unit and scope columns', 1);
  const yearColumns: { index: number; year: number }[] = [];
  keys.forEach((k, i) => {
    const m = /^(\d{4}) (\d{2})$/.exec(k);
    if (m) yearColumns.push({ index: i, year: Number(m[1]) });
  });
  if (yearColumns.length === 0) throw new FactorFileError('No financial-year columns', 1);
  const factors: FactorRow[] = [];
  records.forEach((record, i) => {
    const line = firstLine + i;
    if (record.every((c) => c.trim() === '')) return;
    const level1 = cell(record, category);
    const inTonnes = SDU_TONNES_CATEGORIES.has(level1.toLowerCase());
    const rawScope = cell(record, scope);
    for (const { index, year } of yearColumns) {
      const text = cell(record, index);
      if (text === '') continue;
      const value = parseDecimal(text);
      if (value === null) throw new FactorFileError(`The factor "${text}" is not a number`, line);
      factors.push({
        id: null,
        year,
        scope: SDU_SCOPES[rawScope.toLowerCase()] ?? rawScope,
        level1,
        level2: cell(record, name),
        level3: '',
        level4: '',
        columnText: '',
        uom: cell(record, unit),
        ghgUnit: 'kg CO2e',
        kgCO2ePerUnit: inTonnes ? multiply(value, '1000') : value,
      });
    }
  });
  return {
    format: 'nhs-sdu-series',
    years: [...new Set(yearColumns.map((c) => c.year))].sort((a, b) => a - b),
    factors,
  };
}

/** Reads either shape, by its header. */
export function parseFactorFile(
  header: readonly string[],
  records: readonly (readonly string[])[],
  firstLine = 2,
): ParsedFactorFile {
  if (isFlatFileHeader(header)) return parseFlatFile(header, records, firstLine);
  if (isSduHeader(header)) return parseSduSeries(header, records, firstLine);
  throw new FactorFileError(
    'This is neither a government conversion-factor flat file (a "GHG Conversion Factor <year>" column) nor the NHS factor series (category, name, unit, scope and one column per financial year)',
    1,
  );
}
