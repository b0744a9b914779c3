/** The framework's forms: an indicator's wording, a new indicator's details, baselines and targets. */
import { z } from 'zod';
import { parseNumber } from '../../core/framework/format.js';
import type { Unit } from '../../core/framework/types.js';
import { targetProblem } from '../../core/framework/validate.js';
import { periodDates } from '../../core/periods.js';
import { isPillarId } from '../../core/pillars.js';
import type { Partnership } from '../../db/schema.js';
import { field, formErrors, validateForm, type Validated } from '../../http/form-errors.js';
import { line, paragraph } from '../../lib/text.js';
import { ITEMS_FOR_KIND, type CustomIndicatorInput } from './framework.service.js';

type Problem = { field: string; text: string };
type Kind = CustomIndicatorInput['kind'];

export const KINDS: readonly Kind[] = [
  'value',
  'ratio',
  'sum',
  'difference',
  'per',
  'change_since_baseline',
];

export const UNIT_CHOICES = [
  { value: 'count', text: 'A count (people, events, homes)' },
  { value: '£', text: 'Money (£)' },
  { value: 'hours', text: 'Hours' },
  { value: 'tCO2e', text: 'Tonnes of carbon dioxide equivalent (tCO2e)' },
  { value: 'kWh', text: 'Energy (kWh)' },
  { value: 'tonnes', text: 'Tonnes' },
] as const;

export const kindOf = (v: unknown): Kind | undefined =>
  typeof v === 'string' && (KINDS as readonly string[]).includes(v) ? (v as Kind) : undefined;

export const wordingSchema = z.object({
  name: line('the name', 200, { required: 'Enter the indicator’s name' }),
  description: paragraph('the description', 1000, {
    required: 'Describe the indicator in plain English',
  }),
  methodology: paragraph('the methodology', 3000, {
    required: 'Explain how the figure is worked out',
  }),
});

const detailsSchema = wordingSchema.extend({
  pillar: z.string({ error: 'Select a pillar' }).refine(isPillarId, 'Select a pillar'),
  direction: z.enum(['higher', 'lower'], {
    error: 'Select whether higher or lower is better',
  }),
  frequency: z.enum(['quarterly', 'annual'], { error: 'Select how often it is reported' }),
  itemUnit: z.enum(UNIT_CHOICES.map((u) => u.value) as [string, ...string[]]).optional(),
  scale: z.string().optional(),
  publishOrganisationLevel: z.string().optional(),
});

/** A new indicator of the given kind from its details form: the service's input, or the problems. */
export function readNewIndicator(
  kind: Kind,
  body: Record<string, unknown>,
): Validated<CustomIndicatorInput> {
  const spec = ITEMS_FOR_KIND[kind];
  const form = validateForm(detailsSchema, body);
  const problems: Problem[] = form.ok
    ? []
    : form.errors.list.map((e) => ({ field: e.href.slice(1), text: e.text }));
  const labels: string[] = [];
  spec.names.forEach((_, i) => {
    const v = field(body, `item${i + 1}`).trim();
    if (v) labels.push(v);
    else if (i < spec.min)
      problems.push({ field: `item${i + 1}`, text: `Enter a label for figure ${i + 1}` });
    if (v.length > 200)
      problems.push({ field: `item${i + 1}`, text: 'A label must be 200 characters or fewer' });
  });
  let scale = 1;
  if (kind === 'per') {
    const s = parseNumber(field(body, 'scale') || '1');
    if (s === null || s <= 0 || !Number.isInteger(s) || s > 1_000_000)
      problems.push({
        field: 'scale',
        text: 'Enter a whole number to multiply by, from 1 to 1,000,000, like 1 or 1000',
      });
    else scale = s;
  }
  if (!form.ok || problems.length) return { ok: false, errors: formErrors(problems), values: body };
  const itemUnit = (
    kind === 'ratio' || kind === 'change_since_baseline'
      ? (body.itemUnit ?? 'count')
      : (form.data.itemUnit ?? 'count')
  ) as CustomIndicatorInput['itemUnit'];
  return {
    ok: true,
    data: {
      name: form.data.name,
      description: form.data.description,
      methodology: form.data.methodology,
      pillar: form.data.pillar,
      direction: form.data.direction,
      frequency: form.data.frequency,
      kind,
      itemLabels: labels,
      itemUnit,
      scale,
      publishOrganisationLevel: form.data.publishOrganisationLevel === 'yes',
    },
  };
}

/** A baseline and up to three targets from the targets form, each at the end of its financial year. */
export function readTargets(partnership: Partnership, unit: Unit, body: Record<string, unknown>) {
  const problems: Problem[] = [];
  const yearEnd = (y: number) => {
    const d = periodDates({ kind: 'year', fyStartYear: y }, partnership.fy_start_month);
    return { date: d.endsOn, label: d.label };
  };
  const read = (valueField: string, yearField: string, what: string) => {
    const rawValue = field(body, valueField).trim();
    const rawYear = field(body, yearField).trim();
    if (!rawValue && !rawYear) return null;
    const value = parseNumber(rawValue);
    const tooBig = value === null ? null : targetProblem(`The ${what}`, unit, value);
    if (value === null) problems.push({ field: valueField, text: `Enter the ${what} as a number` });
    else if (tooBig) problems.push({ field: valueField, text: tooBig });
    const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
    const yearOk = year >= 2000 && year <= 2100;
    if (!yearOk) problems.push({ field: yearField, text: `Choose the year of the ${what}` });
    if (value === null || tooBig || !yearOk) return null;
    return { value, ...yearEnd(year) };
  };
  const baseline = read('baselineValue', 'baselineYear', 'baseline');
  const targets = [1, 2, 3]
    .map((n) => read(`target${n}Value`, `target${n}Year`, `target`))
    .filter((t): t is NonNullable<typeof t> => t !== null);
  if (targets.length && !baseline && problems.length === 0)
    problems.push({ field: 'baselineValue', text: 'Enter a baseline before setting targets' });
  return { baseline, targets, problems };
}
