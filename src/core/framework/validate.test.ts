import { describe, expect, it } from 'vitest';
import type { DataItem } from './types.js';
import { figureProblem, figuresSchema, targetProblem, validateValues } from './validate.js';

const item = (id: string, unit: DataItem['unit'], extra: Partial<DataItem> = {}): DataItem => ({
  id,
  label: id === 'staff' ? 'Number of staff' : id === 'spend' ? 'Total spend' : 'Share',
  unit,
  ...extra,
});

const STAFF = item('staff', 'count', { min: 0, integer: true });
const SPEND = item('spend', '£', { min: 0 });
const SHARE = item('share', '%');

function check(raw: Record<string, string>) {
  return validateValues([STAFF, SPEND, SHARE], raw, { requireAll: false });
}

describe('figures in a return are bounded by their kind', () => {
  it('refuses a count of 1e308 (it was accepted and displayed) and takes one of a billion', () => {
    expect(check({ staff: '1e308' }).errors).toEqual([
      { item: 'staff', text: 'Number of staff must be 1,000,000,000 or less' },
    ]);
    expect(check({ staff: '9'.repeat(400) }).errors).toHaveLength(1);
    expect(check({ staff: '1,000,000,000' })).toEqual({
      values: { staff: 1_000_000_000, spend: null, share: null },
      errors: [],
    });
  });

  it('keeps money in pounds and pence, up to £1 trillion', () => {
    expect(check({ spend: '£1,234,567.89' }).values.spend).toBe(1_234_567.89);
    expect(check({ spend: '999,999,999,999.99' }).values.spend).toBe(999_999_999_999.99);
    expect(check({ spend: '0.29' }).values.spend).toBe(0.29);
    expect(check({ spend: '1000000000000.01' }).errors).toEqual([
      { item: 'spend', text: 'Total spend must be £1,000,000,000,000 or less' },
    ]);
    expect(check({ spend: '12.345' }).errors).toEqual([
      {
        item: 'spend',
        text: 'Total spend must be in pounds and pence, with no more than 2 decimal places, like 1,250.50',
      },
    ]);
  });

  it('takes percentages from 0 to 100', () => {
    expect(check({ share: '100' }).values.share).toBe(100);
    expect(check({ share: '100.5' }).errors).toEqual([
      { item: 'share', text: 'Share must be a percentage between 0 and 100' },
    ]);
    expect(check({ share: '-1' }).errors).toHaveLength(1);
  });

  it('bounds negatives as widely as positives where a figure may be negative', () => {
    expect(figureProblem('Difference', 'count', -2e9)).toBe(
      'Difference must be −1,000,000,000 or more',
    );
    expect(figureProblem('Difference', 'tCO2e', -5)).toBeNull();
  });

  it('lets a target be a change of more than 100%, within the same limits', () => {
    expect(targetProblem('The target', '%', 150)).toBeNull();
    expect(targetProblem('The target', '%', -40)).toBeNull();
    expect(targetProblem('The target', '%', 1e308)).toBe(
      'The target must be 1,000,000,000,000 or less',
    );
    expect(targetProblem('The baseline', '£', 10.5)).toBeNull();
    expect(targetProblem('The baseline', 'count', 1e10)).toBe(
      'The baseline must be 1,000,000,000 or less',
    );
  });
});

describe('one schema for a section’s figures, from a form or from the API', () => {
  const ANSWERED = item('answered', 'count', { min: 0, integer: true, required: true });
  const OPEN = item('open', 'yes/no');
  const items = [STAFF, SPEND, ANSWERED, OPEN];
  const options = { requireAll: false, ratioPairs: [['answered', 'staff']] as const };

  it('takes text as typed and JSON numbers, booleans and null alike', () => {
    const typed = validateValues(
      items,
      { staff: '1,200', spend: '£10.50', answered: '', open: 'Yes' },
      options,
    );
    const sent = validateValues(
      items,
      { staff: 1200, spend: 10.5, answered: null, open: true },
      options,
    );
    expect(typed).toEqual({
      values: { staff: 1200, spend: 10.5, answered: null, open: 1 },
      errors: [],
    });
    expect(sent).toEqual(typed);
    expect(validateValues(items, { open: false }, options).values.open).toBe(0);
  });

  it('names every problem, in the figures’ order, one per figure, with the ratio checked too', () => {
    const { errors } = validateValues(
      items,
      { staff: 10, spend: 12.345, answered: 11, open: 'perhaps' },
      options,
    );
    expect(errors).toEqual([
      {
        item: 'spend',
        text: 'Total spend must be in pounds and pence, with no more than 2 decimal places, like 1,250.50',
      },
      { item: 'open', text: 'Select yes or no for share' },
      { item: 'answered', text: 'Share cannot be more than number of staff' },
    ]);
  });

  it('refuses what is neither text nor a number, and a boolean for a number', () => {
    const { errors } = validateValues(
      items,
      { staff: { $ne: 1 } as never, spend: true, answered: [1] as never },
      options,
    );
    expect(errors).toEqual([
      { item: 'staff', text: 'Number of staff must be a number, like 1,250' },
      { item: 'spend', text: 'Total spend must be a number, like 1,250' },
      { item: 'answered', text: 'Share must be a number, like 1,250' },
    ]);
  });

  it('asks for every required figure when the section is marked complete', () => {
    expect(validateValues(items, {}, { ...options, requireAll: true }).errors).toEqual([
      { item: 'answered', text: 'Enter share' },
    ]);
    expect(figuresSchema(items, { requireAll: true }).safeParse({ answered: 3 }).success).toBe(
      true,
    );
  });
});
