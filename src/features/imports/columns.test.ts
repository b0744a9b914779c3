import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnSamples, SAMPLES_PER_COLUMN } from './imports.pages.js';

describe('the columns of an uploaded file, one under another', () => {
  it('lists each of a council’s 16 columns with at most three of its first values', () => {
    const text = fs.readFileSync(
      new URL('../../../test/fixtures/spend/trafford-2024-25-first300.csv', import.meta.url),
      'utf8',
    );
    const [header = '', ...rows] = text.split(/\r?\n/).slice(0, 9);
    const columns = columnSamples({
      headers: header.split(','),
      preview: rows.map((r) => r.split(',')),
    });
    expect(columns).toHaveLength(16);
    expect(columns[0]).toEqual({ name: 'OrganisationLabel', samples: ['Trafford Council'] });
    for (const c of columns) {
      expect(c.samples.length).toBeLessThanOrEqual(SAMPLES_PER_COLUMN);
      for (const v of c.samples) expect(v.length).toBeLessThanOrEqual(41);
    }
  });

  it('shortens a long value at a space, and names a column with no heading', () => {
    const [c, d] = columnSamples({
      headers: ['Purpose', ''],
      preview: [['CLIENTS LIFT REP & M - Comprehensiive element 1st March 2025', 'x']],
    });
    expect(c?.samples).toEqual(['CLIENTS LIFT REP & M - Comprehensiive…']);
    expect(d?.name).toBe('Column 2');
  });
});
