import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, figureRows, figureTable } from './open-data.js';
import { buildSnapshot, type IndicatorIn, type SnapshotIn } from './snapshot.js';

const snapshotInput: SnapshotIn = {
  partnership: { name: 'P', slug: 'p' },
  year: { fyStartYear: 2025, label: '2025/26', startsOn: '2025-04-01', endsOn: '2026-03-31' },
  figuresAsOf: '2026-06-01',
  organisations: [
    { id: 'a', name: '=A Trust', type: 'nhs-trust' },
    { id: 'b', name: 'B Council', type: 'council' },
  ],
  indicators: [
    {
      id: 'P1',
      pillar: 'procurement',
      name: 'Local spend',
      description: '',
      unit: '%',
      direction: 'higher',
      frequency: 'annual',
      methodology: '',
      source: '',
      computation: '',
      publishOrganisationLevel: true,
      partnershipWide: false,
      status: { status: 'on-track', label: 'On track', reason: '', target: null },
      periods: [
        {
          label: '2025/26',
          kind: 'year',
          startsOn: '2025-04-01',
          endsOn: '2026-03-31',
          total: { value: 41.25, known: true, note: '2 of 2 organisations' },
          change: 'Up from 40.0% in 2024/25 to 41.3% in 2025/26',
          organisations: {
            a: { value: 50, known: true, note: 'From the approved return' },
            b: null,
          },
        },
      ],
    },
  ],
  showsOwn: (org) => org === 'a',
};
const snapshot = buildSnapshot(snapshotInput);

describe('open data rows', () => {
  const rows = figureRows(snapshot, {
    revision: 2,
    published: '2026-06-02',
    correctionReason: 'x',
  });

  it('has the partnership figure and each organisation shown, with the page’s words', () => {
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      level: 'partnership',
      value: 41.25,
      value_text: '41.3%',
      status: 'On track',
      change: 'Up from 40.0% in 2024/25 to 41.3% in 2025/26',
      revision: 2,
      published: '2026-06-02',
    });
    expect(rows[1]).toMatchObject({
      level: 'organisation',
      organisation_id: 'a',
      organisation_name: '=A Trust',
      value_text: '50.0%',
      status: null,
    });
  });

  it('has exactly the dictionary’s columns, in its order', () => {
    for (const r of rows)
      expect(Object.keys(r).sort()).toEqual(FIGURE_COLUMNS.map((c) => c[0]).sort());
    const table = figureTable(rows);
    expect(table[0]).toEqual(FIGURE_COLUMNS.map((c) => c[0]));
    expect(table[1]?.[FIGURE_COLUMNS.findIndex((c) => c[0] === 'organisation_id')]).toBe('');
  });
});

describe('a yes/no indicator in open data', () => {
  const w3 = buildSnapshot({
    ...snapshotInput,
    indicators: [
      {
        ...(snapshotInput.indicators[0] as IndicatorIn),
        id: 'W3',
        unit: 'yes/no',
        periods: [
          {
            label: '2025/26',
            kind: 'year',
            startsOn: '2025-04-01',
            endsOn: '2026-03-31',
            total: { value: 1, known: true, note: '2 of 2 organisations', answered: 2 },
            change: null,
            organisations: {
              a: { value: 1, known: true, note: 'From the approved return' },
              b: { value: 0, known: true, note: 'From the approved return' },
            },
          },
        ],
      },
    ],
  });
  const rows = figureRows(w3, { revision: 1, published: '2026-06-02', correctionReason: null });

  it('gives the partnership figure as a count of organisations, and says of how many, as the page does', () => {
    expect(rows[0]).toMatchObject({
      level: 'partnership',
      unit: 'count',
      value: 1,
      value_text: '1 of 2 organisations',
    });
    expect(rows[1]).toMatchObject({ level: 'organisation', unit: 'yes/no', value_text: 'Yes' });
    expect(FIGURE_COLUMNS.find(([n]) => n === 'unit')?.[1]).toContain('how many organisations');
  });
});
