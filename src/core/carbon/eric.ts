/**
 * A reader of the NHS Estates Returns Information Collection (ERIC), trust-level shape: given the
 * header row and one trust's row of a year's file, the activities it holds. Column names differ
 * between years (2013-14 and 2014-15 say "Electricity consumed - utility (kWh)", 2015-16
 * "Electricity consumed (kWh)"), so each activity lists the names it goes by.
 *
 * What is read, and how (decision 025):
 * - electricity bought = utility (grid) + renewable electricity, both bought from suppliers; the
 *   renewable part is kept for E3 (emissions are location-based, so it is at the grid factor);
 * - gas, oil and coal consumed (kWh), steam and hot water bought (heat and steam);
 * - water volume (m³), counted both as water supplied and as waste water treated;
 * - waste tonnages: recycling, preparing for reuse and WEEE as recycled; other recovery and high-
 *   temperature disposal with energy recovery as incineration with energy recovery; high-
 *   temperature disposal, and from 2015-16 clinical and special waste, as high-temperature
 *   incineration; non-burn treatment; landfill.
 * An empty or unreadable cell is not held (never 0).
 *
 * Pure: no I/O.
 */
import { headerKey } from './factors.js';
import { parseDecimal, sum } from './decimal.js';
import type { ActivityQuantity } from './emissions.js';

export interface EricReading {
  readonly organisationCode: string;
  readonly organisationName: string;
  readonly activities: readonly ActivityQuantity[];
  /** The header of each column read, by activity. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
}

/** Per activity: the column names (compared as headerKey) whose values add up to it. */
const ERIC_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  electricity: [
    'Electricity consumed - utility (kWh)',
    'Electricity consumed (kWh)',
    'Electricity consumed - renewable (kWh)',
  ],
  'electricity-renewable': ['Electricity consumed - renewable (kWh)'],
  gas: ['Gas consumed - utility (kWh)', 'Gas consumed (kWh)'],
  'fuel-oil': ['Oil consumed - utility (kWh)', 'Oil consumed (kWh)'],
  coal: ['Coal consumed - utility (kWh)', 'Coal consumed (kWh)'],
  'heat-steam': [
    'Steam consumed - local (kWh)',
    'Hot water consumed - local (kWh)',
    'Steam consumed (kWh)',
    'Hot water consumed (kWh)',
  ],
  'water-supply': ['Water volume (including borehole) (m³)'],
  'water-treatment': ['Water volume (including borehole) (m³)'],
  'waste-recycling': [
    'Waste recycling volume (Tonnes)',
    'Preparing for re-use volume (Tonnes)',
    'Waste electrical and electronic equipment (WEEE) weight (Tonnes)',
  ],
  'waste-energy-recovery': [
    'Other recovery volume (Tonnes)',
    'High temperature disposal waste weight involving combustion with energy recovery (Tonnes)',
  ],
  'waste-clinical-incineration': [
    'High temperature disposal waste weight (Tonnes)',
    'Clinical waste volume (Tonnes)',
    'Special waste volume (Tonnes)',
  ],
  'waste-alternative-treatment': [
    'Non burn treatment (alternative treatment plant) disposal waste weight (Tonnes)',
  ],
  'waste-landfill': ['Landfill disposal waste weight (Tonnes)'],
};

export class EricShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EricShapeError';
  }
}

/** Whether a header row looks like an ERIC trust-level file. */
export function isEricHeader(header: readonly string[]): boolean {
  const keys = header.map(headerKey);
  return (
    keys.includes(headerKey('Organisation Code')) &&
    keys.some((k) => k.startsWith(headerKey('Gas consumed')))
  );
}

export function readEricRow(header: readonly string[], row: readonly string[]): EricReading {
  const keys = header.map(headerKey);
  const codeAt = keys.indexOf(headerKey('Organisation Code'));
  const nameAt = keys.indexOf(headerKey('Organisation Name'));
  if (codeAt < 0) throw new EricShapeError('The header has no "Organisation Code" column');
  const activities: ActivityQuantity[] = [];
  const columns: Record<string, string[]> = {};
  for (const [activity, names] of Object.entries(ERIC_COLUMNS)) {
    const values: string[] = [];
    const used: string[] = [];
    for (const name of names) {
      const at = keys.indexOf(headerKey(name));
      if (at < 0) continue;
      const value = parseDecimal(row[at] ?? '');
      if (value === null) continue;
      values.push(value);
      used.push(header[at] ?? name);
    }
    if (values.length === 0) continue;
    activities.push({ activity, quantity: sum(values) });
    columns[activity] = used;
  }
  return {
    organisationCode: (row[codeAt] ?? '').trim(),
    organisationName: nameAt >= 0 ? (row[nameAt] ?? '').trim() : '',
    activities,
    columns,
  };
}

/** The row of one trust, by its code, from the records of a file (null when absent). */
export function findEricRow(
  header: readonly string[],
  records: readonly (readonly string[])[],
  organisationCode: string,
): readonly string[] | null {
  const codeAt = header.map(headerKey).indexOf(headerKey('Organisation Code'));
  if (codeAt < 0) throw new EricShapeError('The header has no "Organisation Code" column');
  const wanted = organisationCode.trim().toUpperCase();
  return records.find((r) => (r[codeAt] ?? '').trim().toUpperCase() === wanted) ?? null;
}
