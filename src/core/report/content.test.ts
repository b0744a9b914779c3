import { describe, expect, it } from 'vitest';
import type { PublishedIndicator, Snapshot } from '../publishing/snapshot.js';
import {
  annualReport,
  listInWords,
  statusSentence,
  trendOf,
  type ReportInput,
  type VoiceIn,
} from './content.js';
import type { Block } from './model.js';

const TRUST = 'org-trust';
const COUNCIL = 'org-council';

const fig = (value: number | null, text: string, extra: { hidden?: boolean } = {}) => ({
  value,
  text,
  note: 'From the approved return',
  ...extra,
});

function indicator(over: Partial<PublishedIndicator> & { id: string }): PublishedIndicator {
  return {
    pillar: 'workforce',
    name: `Indicator ${over.id}`,
    description: `What ${over.id} is.`,
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    methodology: `How ${over.id} is measured.`,
    source: 'Payroll',
    computation: `How ${over.id} is worked out.`,
    people: null,
    partnershipWide: false,
    organisationsShown: [TRUST, COUNCIL],
    status: { status: 'no-target', label: 'No target', reason: 'No target set', target: null },
    periods: [],
    ...over,
  };
}

function snapshot(fy: number, indicators: PublishedIndicator[]): Snapshot {
  const next = String((fy + 1) % 100).padStart(2, '0');
  return {
    schema: 1,
    partnership: { name: 'Walton Partnership', slug: 'walton' },
    year: {
      fyStartYear: fy,
      label: `${fy}/${next}`,
      startsOn: `${fy}-04-01`,
      endsOn: `${fy + 1}-03-31`,
    },
    figuresAsOf: `${fy + 1}-05-10`,
    organisations: [
      { id: COUNCIL, name: 'Kirkby Council', type: 'local-authority' },
      { id: TRUST, name: 'Walton Trust', type: 'nhs-trust' },
    ],
    indicators,
  };
}

const year = (fy: number, total: ReturnType<typeof fig>, orgs: Record<string, unknown>) => ({
  label: `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`,
  kind: 'year' as const,
  startsOn: `${fy}-04-01`,
  endsOn: `${fy + 1}-03-31`,
  total,
  change: null,
  organisations: orgs as PublishedIndicator['periods'][number]['organisations'],
});

const W1_2024 = indicator({
  id: 'W1',
  periods: [
    year(2024, fig(87.5, '87.5%'), { [TRUST]: fig(88, '88.0%'), [COUNCIL]: fig(85, '85.0%') }),
  ],
});
const W1 = indicator({
  id: 'W1',
  organisationsShown: [TRUST],
  status: {
    status: 'on-track',
    label: 'On track',
    reason: '95.4% against a target of 95.0% by 31 March 2026',
    target: { value: 95, date: '2026-03-31', text: '95.0% by 31 March 2026' },
  },
  periods: [year(2025, fig(95.4, '95.4%'), { [TRUST]: fig(96, '96.0%') })],
});
const W7 = indicator({
  id: 'W7',
  unit: 'count',
  people: 'count',
  frequency: 'quarterly',
  status: { status: 'off-track', label: 'Off track', reason: 'Behind', target: null },
  periods: [
    {
      ...year(2025, fig(45, '45'), {
        [TRUST]: fig(null, 'Fewer than 10', { hidden: true }),
        [COUNCIL]: fig(null, 'Hidden to protect another figure', { hidden: true }),
      }),
      label: 'Q1 2025/26',
      kind: 'quarter',
      endsOn: '2025-06-30',
    },
    {
      ...year(2025, fig(50, '50'), { [TRUST]: fig(20, '20'), [COUNCIL]: fig(30, '30') }),
      label: 'Q2 2025/26',
      kind: 'quarter',
      startsOn: '2025-07-01',
      endsOn: '2025-09-30',
    },
  ],
});
const C3 = indicator({
  id: 'C3',
  pillar: 'community',
  partnershipWide: true,
  organisationsShown: [],
  status: { status: 'at-risk', label: 'At risk', reason: 'A little behind', target: null },
  periods: [year(2025, fig(75, '75.0%'), {})],
});

const answer = (at: string) => ({
  kind: 'accepted' as const,
  reason: 'We will.',
  answeredAt: new Date(at),
  commitments: ['Commitment C1 Pay fairly'],
  indicatorCodes: ['W1'],
  initiativeIds: ['i-1'],
});

const voice = (title: string, raised: string, answered: string | null): VoiceIn => ({
  title,
  text: `${title}, please.`,
  about: 'the whole area, workforce',
  by: 'Anonymous',
  raisedAt: new Date(raised),
  answer: answered ? answer(answered) : null,
});

function input(over: Partial<ReportInput> = {}): ReportInput {
  const latest = snapshot(2025, [W1, W7, C3]);
  return {
    publication: {
      revision: 2,
      publishedAt: new Date('2026-05-12T10:00:00Z'),
      correctionReason: 'A figure was wrong.',
      snapshot: latest,
    },
    years: [
      { fyStartYear: 2025, snapshot: latest },
      { fyStartYear: 2024, snapshot: snapshot(2024, [W1_2024]) },
      // A later year is never in this year's trend.
      { fyStartYear: 2026, snapshot: snapshot(2026, [{ ...W1, periods: [] }]) },
    ],
    areaNames: ['Knowsley', 'Liverpool'],
    charter: { number: 2, adoptedOn: '2025-07-01' },
    pledges: [
      {
        organisationId: TRUST,
        organisationName: 'Walton Trust',
        commitment: 'C1 Pay fairly',
        pledge: 'Pay everyone the Real Living Wage',
        indicatorCode: 'W1',
        targetValue: 96,
        targetText: 'At least 96%',
        dueOn: '2026-03-31',
        withdrawnOn: null,
        withdrawnReason: null,
      },
      {
        organisationId: COUNCIL,
        organisationName: 'Kirkby Council',
        commitment: 'C1 Pay fairly',
        pledge: 'Pay the council’s staff the Real Living Wage',
        indicatorCode: 'W1',
        targetValue: 90,
        targetText: 'At least 90%',
        dueOn: '2026-03-31',
        withdrawnOn: null,
        withdrawnReason: null,
      },
    ],
    initiatives: [
      {
        id: 'i-1',
        title: 'Jobs pathway',
        status: 'active',
        startsOn: '2025-05-01',
        endsOn: null,
        pillars: ['workforce'],
        partnerIds: [TRUST],
        vcsePartner: null,
        outcomes: 'Jobs',
        milestones: [{ title: 'First cohort', dueOn: '2025-09-30', done: true }],
      },
      {
        id: 'i-2',
        title: 'Finished before the year',
        status: 'completed',
        startsOn: '2023-01-01',
        endsOn: '2024-12-31',
        pillars: [],
        partnerIds: [COUNCIL],
        vcsePartner: null,
        outcomes: '',
        milestones: [],
      },
    ],
    suggestions: [
      voice('Name small firms', '2025-05-20T10:00:00Z', '2025-06-24T09:00:00Z'),
      voice('Raised the year before', '2025-03-01T10:00:00Z', '2025-06-24T09:00:00Z'),
      voice('Answered after publishing', '2025-06-01T10:00:00Z', '2026-06-01T09:00:00Z'),
    ],
    priorities: [voice('Warmer homes', '2025-09-20T12:00:00Z', '2026-01-10T09:00:00Z')],
    methodology: {
      rules: {
        status: 'The status rule.',
        change: 'The change rule.',
        known: 'The known rule.',
        disclosure: ['Disclosure one.', 'Disclosure two.'],
        people: 'The people rule.',
      },
      imd: 'Deprivation: IMD 2019.',
      livingWage: [['2025/26', '£12.60', '£13.85', '1 April 2025']],
      factorSets: [],
    },
    webAddress: 'https://anchorage.example/p/walton/reports/2025-26',
    ...over,
  };
}

const headings = (blocks: readonly Block[]) =>
  blocks.flatMap((b) => (b.kind === 'heading' ? [`H${b.level} ${b.text}`] : []));

/** Every word the document says, as one string. */
const words = (blocks: readonly Block[]) => JSON.stringify(blocks);

describe('the annual report’s content', () => {
  it('has its title, sections and headings in order, with no level skipped', () => {
    const doc = annualReport(input());
    expect(doc.title).toBe('Walton Partnership: annual report 2025/26');
    expect(doc.lang).toBe('en-GB');
    expect(doc.footer).toBe('Revision 2, published on 12 May 2026');
    expect(doc.header).toBe('Walton Partnership: annual report 2025/26');
    const h = headings(doc.blocks);
    expect(h.filter((x) => x.startsWith('H2 '))).toEqual([
      'H2 Summary',
      'H2 Workforce',
      'H2 Community engagement',
      'H2 Pledges',
      'H2 Joint initiatives',
      'H2 You said, we did',
      'H2 How the figures are worked out',
    ]);
    expect(h[0]).toBe('H1 Walton Partnership: annual report 2025/26');
    let level = 1;
    for (const b of doc.blocks)
      if (b.kind === 'heading') {
        expect(b.level).toBeLessThanOrEqual(level + 1);
        level = b.level;
      }
    const ids = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(words(doc.blocks)).toContain(
      'This revision corrects the one before it because: A figure was wrong.',
    );
  });

  it('counts the statuses, and says what the partnership is', () => {
    const doc = annualReport(input());
    const text = words(doc.blocks);
    expect(text).toContain(
      'Of the 3 indicators published for 2025/26, 1 is on track, 1 at risk and 1 off track against the partnership’s targets.',
    );
    expect(text).toContain(
      'Walton Partnership is a partnership of 2 anchor institutions in Knowsley and Liverpool: Kirkby Council (Local authority) and Walton Trust (NHS trust).',
    );
    expect(text).toContain(
      'Together they adopted version 2 of a Social Value Charter on 1 July 2025',
    );
    expect(text).not.toContain('Demonstration data');
    expect(words(annualReport(input({ demo: true })).blocks)).toContain(
      'Demonstration data: the partnership, its organisations, people and figures in this report are made up.',
    );
    expect(words(annualReport(input({ webAddress: undefined })).blocks)).not.toContain(
      'also published as a web page',
    );
    expect(statusSentence([W1, C3, indicator({ id: 'X' })], '2025/26')).toBe(
      'Of the 3 indicators published for 2025/26, 1 is on track, 1 at risk and 0 off track against the partnership’s targets; 1 has no target.',
    );
  });

  it('draws a chart where two or more published periods have a figure, from the years up to this one', () => {
    expect(trendOf('W1', input().years, 2025, null)).toEqual([
      { label: '2024/25', value: 87.5, text: '87.5%' },
      { label: '2025/26', value: 95.4, text: '95.4%' },
    ]);
    const charts = annualReport(input()).blocks.filter((b) => b.kind === 'chart');
    expect(charts.map((c) => c.kind === 'chart' && c.id)).toEqual(['report-W1', 'report-W7']);
    const w1 = charts[0];
    if (w1?.kind !== 'chart') throw new Error('no chart');
    expect(w1.summary).toBe('Rose from 87.5% in 2024/25 to 95.4% in 2025/26.');
    expect(w1.svg).toContain('<svg');
    expect(w1.table.rows).toEqual([
      ['2024/25', '87.5%'],
      ['2025/26', '95.4%'],
    ]);
    // One published figure is not a trend: C3 has no chart.
    expect(charts.some((c) => c.kind === 'chart' && c.id === 'report-C3')).toBe(false);
  });

  it('never shows a people-count disclosure control hid: only the texts the snapshot publishes', () => {
    const text = words(annualReport(input()).blocks);
    expect(text).toContain('Fewer than 10');
    expect(text).toContain('Hidden to protect another figure');
    expect(text).toContain('These figures count people');
    for (const org of [TRUST, COUNCIL]) {
      const own = words(annualReport(input({ organisationId: org })).blocks);
      expect(own).not.toMatch(/"value":\s*"?\d+"?,\s*"hidden"/);
    }
  });

  it('gives an organisation its own figures where published, and the total where not, saying so', () => {
    const trust = annualReport(input({ organisationId: TRUST }));
    expect(trust.title).toBe('Walton Trust: annual report 2025/26');
    expect(trust.header).toBe('Walton Trust · Walton Partnership: annual report 2025/26');
    const w1 = trust.blocks.find((b) => b.kind === 'figure');
    expect(w1).toEqual({
      kind: 'figure',
      value: '96.0%',
      label: 'Walton Trust, 2025/26',
      notes: ['From the approved return', 'The partnership’s figure: 95.4%.'],
    });
    const council = annualReport(input({ organisationId: COUNCIL }));
    const text = words(council.blocks);
    expect(text).toContain(
      'Only the partnership total is published for this indicator, not a figure for Kirkby Council alone.',
    );
    expect(text).toContain('This is a figure for the partnership as a whole.');
    // The council's W1 from 2024/25 is not on its report: W1 is not published for it this year.
    expect(text).not.toContain('85.0%');
    expect(text).toContain(
      'A figure for Kirkby Council alone is published for 1 of the 3 indicators',
    );
    expect(() => annualReport(input({ organisationId: 'org-other' }))).toThrow();
  });

  it('judges pledges from the published figures, and not where only the total is published', () => {
    const doc = annualReport(input());
    const tables = doc.blocks.filter((b) => b.kind === 'table' && b.caption.startsWith('Pledges'));
    expect(tables.map((t) => t.kind === 'table' && t.rows)).toEqual([
      [
        [
          'Pay everyone the Real Living Wage (under C1 Pay fairly)',
          'At least 96% (W1 96.0%), by 31 March 2026',
          '96.0% in 2025/26',
          'Target met',
        ],
      ],
      [
        [
          'Pay the council’s staff the Real Living Wage (under C1 Pay fairly)',
          'At least 90%, by 31 March 2026',
          'None published',
          'Only the partnership total is published',
        ],
      ],
    ]);
    const trust = annualReport(input({ organisationId: TRUST }));
    expect(words(trust.blocks)).not.toContain('Pay the council’s staff');
  });

  it('lists the joint initiatives that ran in the year, and for an organisation those it was in', () => {
    const text = words(annualReport(input()).blocks);
    expect(text).toContain('Jobs pathway');
    expect(text).not.toContain('Finished before the year');
    expect(text).toContain('First cohort: done (due 30 September 2025)');
    expect(words(annualReport(input({ organisationId: COUNCIL })).blocks)).toContain(
      'No joint initiative ran during 2025/26.',
    );
  });

  it('says what was raised in the year and answered by the time the figures were published', () => {
    const doc = annualReport(input());
    const h = headings(doc.blocks);
    expect(h).toContain('H4 Name small firms');
    expect(h).toContain('H4 Warmer homes');
    expect(h).not.toContain('H4 Raised the year before');
    expect(h).not.toContain('H4 Answered after publishing');
    const text = words(doc.blocks);
    expect(text).toContain(
      '2 suggestions were made in 2025/26; 1 had been answered when these figures were published.',
    );
    expect(text).toContain('Answered on 24 June 2025: We will.');
    expect(text).toContain(
      'Indicator W1 Indicator W1: on track; the partnership’s figure for 2025/26 is 95.4%',
    );
    expect(text).toContain('Joint initiative Jobs pathway: running, 1 of 1 milestones done');
  });

  it('ends with the methodology in the methodology page’s words', () => {
    const doc = annualReport(input());
    const text = words(doc.blocks);
    for (const rule of [
      'The status rule.',
      'The change rule.',
      'The known rule.',
      'Disclosure one.',
      'The people rule.',
      'Deprivation: IMD 2019.',
      'How W7 is worked out.',
      'How W7 is measured.',
    ])
      expect(text).toContain(rule);
    expect(headings(doc.blocks)).toContain('H4 W1 Indicator W1');
    expect(doc.blocks.filter((b) => b.kind === 'paragraph' && b.pdfOnly)).toHaveLength(1);
  });

  it('joins words as a sentence does', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
