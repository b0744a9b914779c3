/**
 * The demonstration's evidence notes: each says where a figure of its kind comes from, so a note
 * about the HR system never sits beside a carbon figure. Pure.
 */
import type { DataItem } from '../core/framework/types.js';
import type { PillarId } from '../core/pillars.js';

export const NOTES = {
  ledger: 'Taken from the finance ledger at the end of the period, after credit notes.',
  hr: 'From the HR system on the last day of the period; bank staff included.',
  carbon:
    'From the energy and waste contractors’ invoices and the carbon footprint workbook for the period.',
  records:
    'From the team’s own records for the period, checked against last year’s by the data owner.',
} as const;

/** The note that fits a figure: by what it is measured in, then by its pillar. */
export function evidenceNote(item: Pick<DataItem, 'id' | 'unit'>, pillar: PillarId): string {
  if (item.unit === '£') return NOTES.ledger;
  if (['tCO2e', 'kWh', 'tonnes', 'm³'].includes(item.unit)) return NOTES.carbon;
  if (pillar === 'workforce') return NOTES.hr;
  return NOTES.records;
}
