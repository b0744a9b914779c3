import { describe, expect, it } from 'vitest';
import {
  totalOnlyOf,
  buildSnapshot,
  HIDDEN_STATUS_LABEL,
  peopleCounts,
  totalChart,
  type IndicatorIn,
  type SnapshotIn,
} from './snapshot.js';

const year = { fyStartYear: 2025, label: '2025/26', startsOn: '2025-04-01', endsOn: '2026-03-31' };
const orgs = [
  { id: 'a', name: 'A Trust', type: 'nhs-trust' },
  { id: 'b', name: 'B Council', type: 'council' },
];
const fig = (value: number | null, extra: object = {}) => ({
  value,
  known: true,
  note: 'From the approved return',
  ...extra,
});
type Fig = ReturnType<typeof fig> & { answered?: number };

function indicator(over: Partial<IndicatorIn> & Pick<IndicatorIn, 'id' | 'unit'>): IndicatorIn {
  return {
    pillar: 'workforce',
    name: over.id,
    description: '',
    direction: 'higher',
    frequency: 'annual',
    methodology: '',
    source: '',
    computation: '',
    publishOrganisationLevel: true,
    partnershipWide: false,
    status: { status: 'no-target', label: 'No target', reason: '', target: null },
    periods: [],
    ...over,
  };
}

const input = (indicators: IndicatorIn[], showsOwn: SnapshotIn['showsOwn'] = () => true) =>
  buildSnapshot({
    partnership: { name: 'P', slug: 'p' },
    year,
    figuresAsOf: '2026-06-01',
    organisations: orgs,
    indicators,
    showsOwn,
  });

const period = (total: Fig, a: Fig | null, b: Fig | null) => ({
  label: '2025/26',
  kind: 'year' as const,
  startsOn: year.startsOn,
  endsOn: year.endsOn,
  total,
  change: 'Up from 1 in 2024/25 to 2 in 2025/26',
  organisations: { a, b },
});

describe('a published snapshot', () => {
  it('shows each organisation’s figure unless it chose not to, and never where the framework does not allow it', () => {
    const s = input(
      [
        indicator({ id: 'P1', unit: '%', periods: [period(fig(50), fig(40), fig(60))] }),
        indicator({
          id: 'W8',
          unit: 'count',
          publishOrganisationLevel: false,
          periods: [period(fig(100), fig(40), fig(60))],
        }),
      ],
      (org, ind) => !(org === 'b' && ind === 'P1'),
    );
    const [p1, w8] = s.indicators;
    expect(p1?.organisationsShown).toEqual(['a']);
    expect(Object.keys(p1?.periods[0]?.organisations ?? {})).toEqual(['a']);
    expect(p1?.periods[0]?.total.text).toBe('50.0%');
    expect(p1?.periods[0]?.change).toBe('Up from 1 in 2024/25 to 2 in 2025/26');
    expect(w8?.organisationsShown).toEqual([]);
    expect(w8?.periods[0]?.organisations).toEqual({});
  });

  it('protects counts of people: small ones hidden, the rest rounded, no change published', () => {
    const s = input([
      indicator({ id: 'W7', unit: 'count', periods: [period(fig(47), fig(4), fig(43))] }),
    ]);
    const w7 = s.indicators[0];
    expect(w7?.people).toBe('count');
    expect(w7?.periods[0]?.organisations.a).toMatchObject({
      value: null,
      text: 'Fewer than 10',
      hidden: true,
    });
    expect(w7?.periods[0]?.organisations.b).toMatchObject({ hidden: true });
    expect(w7?.periods[0]?.total).toMatchObject({ value: 45, text: '45' });
    expect(w7?.periods[0]?.total.note).toContain('rounded to the nearest 5');
    expect(w7?.periods[0]?.change).toBeNull();
    // Nothing in the snapshot gives the true figures away.
    expect(JSON.stringify(s)).not.toMatch(/"value":(4|43|47)\b/);
  });

  it('keeps "Not known" and "No data" as they are', () => {
    const s = input([
      indicator({
        id: 'P2',
        unit: '%',
        periods: [period({ value: null, known: false, note: 'x' }, null, fig(null))],
      }),
    ]);
    expect(s.indicators[0]?.periods[0]?.total.text).toBe('Not known');
    expect(s.indicators[0]?.periods[0]?.organisations.a).toBeNull();
    expect(s.indicators[0]?.periods[0]?.organisations.b?.text).toBe('No data');
  });

  it('has no organisation figures for a partnership-wide figure', () => {
    const s = input([
      indicator({
        id: 'C3',
        unit: '%',
        partnershipWide: true,
        periods: [period(fig(75), null, null)],
      }),
    ]);
    expect(s.indicators[0]?.organisationsShown).toEqual([]);
    expect(s.indicators[0]?.periods[0]?.total.text).toBe('75.0%');
  });
});

describe('the status of a figure that counts people', () => {
  const w7 = (total: number, a: number, b: number, statusInputs?: IndicatorIn['statusInputs']) =>
    input([
      indicator({
        id: 'W7',
        unit: 'count',
        // As the service reads it: from the true total, before disclosure control.
        status: {
          status: 'off-track',
          label: 'Off track',
          reason: `${total} against 30 expected by 31 March 2026`,
          target: null,
        },
        ...(statusInputs ? { statusInputs } : {}),
        periods: [period(fig(total), fig(a), fig(b))],
      }),
    ]).indicators[0];
  const targets = {
    baseline: { value: 0, date: '2025-03-31' },
    targets: [{ value: 40, date: '2026-03-31' }],
  };

  it('is worked out from the published, rounded figure, never the figure as read', () => {
    const i = w7(47, 24, 23, targets);
    expect(i?.periods[0]?.total.text).toBe('45');
    // Not "47 against …": 47 is the figure as read, and the page shows 45.
    expect(i?.status).toEqual({
      status: 'on-track',
      label: 'On track',
      reason: '45 against a target of 40 by 31 March 2026',
      target: { value: 40, date: '2026-03-31', text: '40 by 31 March 2026' },
    });
  });

  it('is not shown when the latest figure is hidden, and says nothing of it', () => {
    const i = w7(7, 3, 4, targets);
    expect(i?.periods[0]?.total.text).toBe('Fewer than 10');
    expect(i?.status.label).toBe(HIDDEN_STATUS_LABEL);
    expect(i?.status.reason).toContain('hidden to protect the people counted');
    expect(JSON.stringify(i)).not.toMatch(/\b[347]\b/);
  });

  it('has no target when none is set', () => {
    expect(w7(47, 24, 23)?.status).toMatchObject({ status: 'no-target', reason: 'No target set' });
  });
});

describe('a correction of counts of people', () => {
  const w7 = (total: number, a: number, b: number) => [
    indicator({ id: 'W7', unit: 'count', periods: [period(fig(total), fig(a), fig(b))] }),
  ];
  const first = input(w7(16, 4, 12));
  const counts = peopleCounts({ organisations: orgs, indicators: w7(16, 4, 12) });
  const correct = (indicators: IndicatorIn[], known: boolean) =>
    buildSnapshot({
      partnership: { name: 'P', slug: 'p' },
      year,
      figuresAsOf: '2026-07-01',
      organisations: orgs,
      indicators,
      showsOwn: () => true,
      earlier: [{ snapshot: first, counts: known ? counts : null }],
    }).indicators[0]?.periods[0];

  it('keeps the counts it protected with, for people indicators only', () => {
    expect(counts).toEqual({
      W7: { a: { '2025/26': { value: 4 } }, b: { '2025/26': { value: 12 } } },
    });
    expect(
      peopleCounts({ organisations: orgs, indicators: [indicator({ id: 'P1', unit: '%' })] }),
    ).toEqual({});
  });

  it('hides again what the revision it corrects hid, and the total of a hidden figure that changed, whatever its size', () => {
    // Corrected: b's 12 is now 40. It stays hidden, as in the revision corrected (the attacks
    // in disclosure-attack.test.ts show why), and the total, from 16 to 44, would say by how
    // much: it is hidden as corrected, which bounds it neither way.
    const before = first.indicators[0]?.periods[0];
    const after = correct(w7(44, 4, 40), true);
    expect(before?.organisations.b?.hidden).toBe(true);
    expect(before?.total.text).toBe('15');
    expect(after?.organisations.a?.text).toBe('Fewer than 10');
    expect(after?.organisations.b?.hidden).toBe(true);
    expect(after?.total.text).toBe('Hidden because a figure in it was corrected');
  });

  it('shows the total again when no hidden figure changed, as the counts kept say', () => {
    // The same figures published again: nothing hidden changed.
    expect(correct(w7(16, 4, 12), true)?.total.text).toBe('15');
    // A revision published before the counts were kept: a figure hidden in both may have
    // changed, so the total is hidden.
    expect(correct(w7(16, 4, 12), false)?.total.text).toBe(
      'Hidden because a figure in it was corrected',
    );
  });
});

describe('a yes/no indicator', () => {
  it('publishes its partnership total as how many organisations answered yes, of how many', () => {
    const s = input([
      indicator({
        id: 'W3',
        unit: 'yes/no',
        periods: [
          period(
            { value: 1, known: true, note: '2 of 2 organisations', answered: 2 },
            fig(1),
            fig(0),
          ),
        ],
      }),
    ]);
    const p = s.indicators[0]?.periods[0];
    // Not "Yes": one of the two said yes.
    expect(p?.total).toEqual({
      value: 1,
      text: '1 of 2 organisations',
      note: 'The organisations answering yes, of those that answered (2 of 2 organisations)',
    });
    expect(p?.organisations.a?.text).toBe('Yes');
    expect(p?.organisations.b?.text).toBe('No');
    expect(totalChart({ unit: 'yes/no' })).toEqual({
      unit: 'count',
      axisLabel: 'Organisations answering yes',
    });
    expect(totalChart({ unit: '%' })).toEqual({ unit: '%' });
  });
});

describe('an indicator’s table by organisation', () => {
  const names = new Map([
    ['a', 'Walton Trust'],
    ['b', 'Kirkby Council'],
    ['c', 'Weaver Vale Homes'],
  ]);
  it('names every organisation it leaves out, whose figure still counts in the total', () => {
    expect(totalOnlyOf(names, { partnershipWide: false, organisationsShown: ['a'] })).toBe(
      'Not in this table: Kirkby Council and Weaver Vale Homes, which chose to publish only the partnership total for this indicator. Their figures count in the total.',
    );
  });
  it('says nothing when it shows everyone, or there is no table', () => {
    expect(
      totalOnlyOf(names, { partnershipWide: false, organisationsShown: ['a', 'b', 'c'] }),
    ).toBeUndefined();
    expect(totalOnlyOf(names, { partnershipWide: false, organisationsShown: [] })).toBeUndefined();
    expect(
      totalOnlyOf(names, { partnershipWide: true, organisationsShown: ['a'] }),
    ).toBeUndefined();
  });
});
