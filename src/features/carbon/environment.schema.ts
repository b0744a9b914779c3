/** Reading the hand-entered factor set form (platform administrators). */
import { parseDecimal } from '../../core/carbon/decimal.js';
import { HAND_ENTERED_FACTORS } from './factors.service.js';

export interface HandEnteredSet {
  readonly year: number;
  readonly name: string;
  readonly note: string | null;
  readonly factors: { activity: string; part: number; kgCO2ePerUnit: string }[];
}

export const factorFieldId = (key: string) => `f-${key.replace('.', '-')}`;

const text = (body: Record<string, unknown>, name: string) => {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
};

export function readHandEnteredSet(body: Record<string, unknown>): {
  set: HandEnteredSet | null;
  problems: { field: string; text: string }[];
} {
  const problems: { field: string; text: string }[] = [];
  const yearText = text(body, 'year');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100)
    problems.push({ field: 'year', text: 'Enter the year the factors are for, like 2025' });
  const factors: HandEnteredSet['factors'] = [];
  for (const f of HAND_ENTERED_FACTORS.filter((x) => x.scope !== 3)) {
    const id = factorFieldId(f.key);
    const raw = text(body, id);
    if (raw === '') continue;
    const value = parseDecimal(raw);
    if (value === null || value.startsWith('-'))
      problems.push({
        field: id,
        text: `${f.label}: enter kg CO2e per ${f.unit} as a number, like 0.177`,
      });
    else factors.push({ activity: f.activity, part: f.part, kgCO2ePerUnit: value });
  }
  if (factors.length === 0 && problems.length === 0)
    problems.push({
      field: factorFieldId(HAND_ENTERED_FACTORS[0]?.key ?? ''),
      text: 'Enter at least one factor',
    });
  const note = text(body, 'note');
  const name = text(body, 'name') || `${yearText} factors entered by hand`;
  return problems.length
    ? { set: null, problems }
    : { set: { year, name, note: note || null, factors }, problems };
}
