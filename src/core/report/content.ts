/**
 * What the annual report says (issue 13, decision 034): a partnership's (or one organisation's)
 * year, from the published snapshot of that year and the snapshots of the years before it (for
 * the trends), with the pledges, joint initiatives and public answers as recorded when the
 * figures were published, and the methodology in the words the methodology page uses.
 *
 * Pure: plain data in, a ReportDocument (core/report/model.ts) out. Every figure is the text the
 * snapshot publishes, so disclosure control (decision 033) holds here as it does on the pages:
 * nothing is worked out again from hidden figures, and an organisation's own figure appears only
 * where the snapshot publishes it (organisationsShown).
 */
import { ANSWER_LABELS, type AnswerKind } from '../charter/consultation.js';
import { PLEDGE_RULE, PLEDGE_STATE_LABELS } from '../charter/pledges.js';
import { describeTrend, lineChartSvg } from '../charts/svg.js';
import { formatDate } from '../dates.js';
import { formatValue, inSentence } from '../framework/format.js';
import { STATUS_COLOURS, STATUS_LABELS, type Status } from '../framework/status.js';
import { organisationTypeLabel } from '../organisation-types.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../pillars.js';
import { publishedPledge } from '../publishing/pledges.js';
import {
  totalChart,
  totalOnlyOf,
  type PublishedIndicator,
  type PublishedInitiative,
  type Snapshot,
} from '../publishing/snapshot.js';
import { initiativeFacts, listInWords, ranIn } from '../registers/initiative-public.js';
import { INITIATIVE_STATUS_LABELS } from '../registers/initiatives.js';
import type { Block, ReportDocument, Tone } from './model.js';

export interface ReportPublication {
  readonly revision: number;
  readonly publishedAt: Date;
  readonly correctionReason: string | null;
  readonly snapshot: Snapshot;
}

export interface PledgeIn {
  readonly organisationId: string;
  readonly organisationName: string;
  /** "C1 Pay fairly", as the adopted charter names it. */
  readonly commitment: string;
  readonly pledge: string;
  readonly indicatorCode: string | null;
  readonly targetValue: number | null;
  readonly targetText: string;
  /** ISO day. */
  readonly dueOn: string;
  readonly withdrawnOn: string | null;
  readonly withdrawnReason: string | null;
}

/** A joint initiative's public facts (as published with the year, or as the register holds them). */
export type InitiativeIn = PublishedInitiative;

export interface AnswerIn {
  readonly kind: AnswerKind;
  readonly reason: string;
  readonly answeredAt: Date;
  /** The commitments it led to, named ("Commitment C4 Open our buildings"). */
  readonly commitments: readonly string[];
  readonly indicatorCodes: readonly string[];
  readonly initiativeIds: readonly string[];
}

/** A suggestion made in a consultation on the charter, or a local priority; published ones only. */
export interface VoiceIn {
  readonly title: string;
  readonly text: string;
  /** What it is about: a commitment, a new commitment under a pillar, or an area and pillar. */
  readonly about: string;
  readonly by: string;
  readonly raisedAt: Date;
  readonly answer: AnswerIn | null;
}

export interface MethodologyIn {
  /** The texts of the methodology page (features/publishing methodologyPage). */
  readonly rules: {
    readonly status: string;
    readonly change: string;
    readonly known: string;
    readonly disclosure: readonly string[];
    readonly people: string;
  };
  readonly imd: string;
  readonly livingWage: readonly (readonly string[])[];
  readonly factorSets: readonly (readonly string[])[];
}

export interface ReportInput {
  readonly publication: ReportPublication;
  /** The latest revision of each published year (any order): the trends are drawn from them. */
  readonly years: readonly { readonly fyStartYear: number; readonly snapshot: Snapshot }[];
  /** The organisation the report is for; none for the partnership's report. */
  readonly organisationId?: string | null;
  /** The names of the partnership's local area. */
  readonly areaNames: readonly string[];
  readonly charter: { readonly number: number; readonly adoptedOn: string | null } | null;
  readonly pledges: readonly PledgeIn[];
  readonly initiatives: readonly InitiativeIn[];
  /** Whether the initiatives are as published with the year (else as the register holds them now). */
  readonly initiativesAsPublished?: boolean;
  readonly suggestions: readonly VoiceIn[];
  readonly priorities: readonly VoiceIn[];
  readonly methodology: MethodologyIn;
  /** Where the report is on the web, said in the PDF. */
  readonly webAddress?: string;
  /** A demonstration partnership's report says that everything in it is made up. */
  readonly demo?: boolean;
}

export { listInWords };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const tone = (status: string): Tone => (STATUS_COLOURS[status as Status] ?? 'grey') as Tone;

const ANSWER_TONES: Record<AnswerKind, Tone> = {
  accepted: 'green',
  'partly-accepted': 'blue',
  'not-taken-forward': 'red',
  'already-covered': 'grey',
};

/** The pillars in the order pages list them, each with its indicators in the snapshot. */
function pillarsOf(s: Snapshot) {
  return PILLARS_AND_ACCOUNTABILITY.map((p) => ({
    ...p,
    indicators: s.indicators.filter((i) => i.pillar === p.id),
  })).filter((p) => p.indicators.length > 0);
}

/** Whether an organisation's own figure for the indicator is published in the snapshot. */
function ownShown(i: PublishedIndicator, organisationId: string | null): boolean {
  return organisationId !== null && i.organisationsShown.includes(organisationId);
}

export interface TrendPoint {
  readonly label: string;
  readonly value: number | null;
  readonly text: string;
}

/**
 * An indicator's figure in each period of each published year up to this one, oldest first: the
 * partnership's, or the organisation's where that year's snapshot publishes it (and "Not
 * published" where it does not).
 */
export function trendOf(
  indicatorId: string,
  years: ReportInput['years'],
  upTo: number,
  organisationId: string | null,
): TrendPoint[] {
  return [...years]
    .filter((y) => y.fyStartYear <= upTo)
    .sort((a, b) => a.fyStartYear - b.fyStartYear)
    .flatMap((y) => {
      const same = y.snapshot.indicators.find((x) => x.id === indicatorId);
      if (!same) return [];
      return same.periods.map((p) => {
        if (organisationId === null)
          return { label: p.label, value: p.total.value, text: p.total.text };
        if (!same.organisationsShown.includes(organisationId))
          return { label: p.label, value: null, text: 'Not published' };
        const own = p.organisations[organisationId];
        return own
          ? { label: p.label, value: own.value, text: own.text }
          : { label: p.label, value: null, text: 'Not reported' };
      });
    });
}

/** How many indicators have each status. */
export function statusCounts(indicators: readonly PublishedIndicator[]): Record<Status, number> {
  const out: Record<Status, number> = {
    'on-track': 0,
    'at-risk': 0,
    'off-track': 0,
    'no-target': 0,
    'no-data': 0,
  };
  for (const i of indicators) {
    const s = i.status.status as Status;
    if (s in out) out[s]++;
  }
  return out;
}

/** One sentence: how many indicators are on track, at risk and off track. */
export function statusSentence(indicators: readonly PublishedIndicator[], year: string): string {
  const c = statusCounts(indicators);
  const others = [
    c['no-target'] > 0
      ? `${c['no-target']} ${c['no-target'] === 1 ? 'has' : 'have'} no target`
      : '',
    c['no-data'] > 0 ? `${c['no-data']} ${c['no-data'] === 1 ? 'has' : 'have'} no figure` : '',
  ].filter(Boolean);
  return (
    `Of the ${count(indicators.length, 'indicator')} published for ${year}, ` +
    `${c['on-track']} ${c['on-track'] === 1 ? 'is' : 'are'} on track, ${c['at-risk']} at risk and ` +
    `${c['off-track']} off track against the partnership’s targets` +
    (others.length ? `; ${listInWords(others)}.` : '.')
  );
}

const figureText = (f: { text: string } | null | undefined) => (f ? f.text : 'Not reported');

/** The blocks of one indicator: status, the year's figure, its trend, its periods. */
function indicatorBlocks(
  i: PublishedIndicator,
  input: ReportInput,
  names: ReadonlyMap<string, string>,
): Block[] {
  const s = input.publication.snapshot;
  const orgId = input.organisationId ?? null;
  const own = ownShown(i, orgId);
  const orgName = orgId ? (names.get(orgId) ?? 'The organisation') : '';
  const out: Block[] = [
    { kind: 'heading', level: 3, text: `${i.id} ${i.name}`, id: `ind-${i.id}` },
    { kind: 'paragraph', text: i.description },
    {
      kind: 'tagged',
      tag: { text: i.status.label, tone: tone(i.status.status) },
      text: `${orgId ? `For the partnership: ${i.status.reason.charAt(0).toLowerCase()}${i.status.reason.slice(1)}` : i.status.reason}.`.replace(
        /\.\.$/,
        '.',
      ),
    },
  ];
  if (i.status.target) out.push({ kind: 'paragraph', text: `Target: ${i.status.target.text}.` });
  const last = i.periods[i.periods.length - 1];
  if (!last) out.push({ kind: 'paragraph', text: `No figure for ${s.year.label}.` });
  else if (own && orgId) {
    const f = last.organisations[orgId];
    out.push({
      kind: 'figure',
      value: figureText(f),
      label: `${orgName}, ${last.label}`,
      notes: [f?.note ?? '', `The partnership’s figure: ${last.total.text}.`].filter(Boolean),
    });
  } else {
    out.push({
      kind: 'figure',
      value: last.total.text,
      label: `${orgId ? 'The partnership, ' : ''}${last.label}`,
      notes: [last.total.note, last.change ?? ''].filter(Boolean),
    });
  }
  if (orgId && !own)
    out.push({
      kind: 'paragraph',
      style: 'small',
      text: i.partnershipWide
        ? 'This is a figure for the partnership as a whole.'
        : `Only the partnership total is published for this indicator, not a figure for ${orgName} alone.`,
    });
  if (i.people)
    out.push({
      kind: 'paragraph',
      style: 'small',
      text: 'These figures count people, so small counts are hidden and the rest rounded to the nearest 5 (see the rules for protecting the people counted at the end of this report).',
    });

  const trend = trendOf(i.id, input.years, s.year.fyStartYear, own ? orgId : null);
  if (trend.filter((t) => t.value !== null).length >= 2) {
    const title = `${i.id} ${i.name}: ${own ? `${orgName}, ` : ''}each period published`;
    // Each point reads as the table below the chart does.
    const points = trend.map((t) => ({ label: t.label, value: t.value, text: t.text }));
    // A target is the partnership's: it is drawn on the partnership's trend only. An
    // organisation's own yes/no figures stay yes or no; the partnership's count organisations.
    const target = own ? null : (i.status.target?.value ?? null);
    const chart = own ? { unit: i.unit } : totalChart(i);
    out.push({
      kind: 'chart',
      id: `report-${i.id}`,
      title,
      summary: describeTrend(points, chart.unit),
      svg: lineChartSvg({ id: `report-${i.id}`, title, points, ...chart, target }),
      table: {
        caption: `${i.id} in each period published${own ? `, ${orgName}` : ''} (the chart’s figures)`,
        head: ['Period', own ? 'Organisation' : 'Partnership'],
        rows: trend.map((t) => [t.label, t.text]),
      },
    });
  }
  if (i.periods.length > 1)
    out.push(
      own && orgId
        ? {
            kind: 'table',
            caption: `${i.id} by quarter: ${orgName} and the partnership`,
            head: ['Period', 'Organisation', 'Partnership'],
            rows: i.periods.map((p) => [p.label, figureText(p.organisations[orgId]), p.total.text]),
            numeric: [false, true, true],
          }
        : {
            kind: 'table',
            caption: `${i.id} by quarter`,
            head: ['Period', 'Partnership', 'What it covers'],
            rows: i.periods.map((p) => [p.label, p.total.text, p.total.note]),
            numeric: [false, true, false],
          },
    );
  if (!orgId && i.periods.length > 0) {
    if (i.partnershipWide || i.organisationsShown.length === 0)
      out.push({
        kind: 'paragraph',
        style: 'small',
        text: i.partnershipWide
          ? 'This is a figure for the partnership as a whole.'
          : 'Only the partnership total is published for this indicator.',
      });
    else {
      out.push({
        kind: 'table',
        caption: `${i.id} by organisation`,
        head: ['Organisation', ...i.periods.map((p) => p.label)],
        rows: i.organisationsShown.map((id) => [
          names.get(id) ?? id,
          ...i.periods.map((p) => figureText(p.organisations[id])),
        ]),
        numeric: [false, ...i.periods.map(() => true)],
      });
      const totalOnly = totalOnlyOf(names, i);
      if (totalOnly) out.push({ kind: 'paragraph', style: 'small', text: totalOnly });
    }
  }
  return out;
}

/** A pledge's row: what, its target and date, the latest published figure, and how it went. */
function pledgeRow(p: PledgeIn, input: ReportInput): string[] {
  const s = input.publication.snapshot;
  const judged = publishedPledge(p, s, input.years, s.figuresAsOf);
  const indicator = judged.indicator;
  const withdrawnOn = judged.withdrawn ? p.withdrawnOn : null;
  const target =
    indicator && p.targetValue !== null
      ? `${p.targetText} (${indicator.id} ${formatValue(p.targetValue, indicator.unit)})`
      : p.targetText;
  return [
    `${p.pledge} (under ${p.commitment})`,
    `${target}, by ${formatDate(p.dueOn)}`,
    judged.latest && indicator
      ? `${formatValue(judged.latest.value, indicator.unit)} in ${judged.latest.label}`
      : 'None published',
    `${PLEDGE_STATE_LABELS[judged.state]}${withdrawnOn ? ` on ${formatDate(withdrawnOn)}: ${p.withdrawnReason ?? ''}` : ''}`,
  ];
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** What an answer led to, in words: commitments, indicators (as published), initiatives. */
function ledTo(a: AnswerIn, input: ReportInput): string[] {
  const s = input.publication.snapshot;
  return [
    ...a.commitments,
    ...a.indicatorCodes.map((code) => {
      const i = s.indicators.find((x) => x.id === code);
      const last = i?.periods[i.periods.length - 1];
      return i
        ? `Indicator ${code} ${i.name}: ${i.status.label.toLowerCase()}${last ? `; the partnership’s figure for ${last.label} is ${inSentence(last.total.text)}` : ''}`
        : `Indicator ${code}`;
    }),
    ...a.initiativeIds.map((id) => {
      const i = input.initiatives.find((x) => x.id === id);
      if (!i) return 'A joint initiative';
      const done = i.milestones.filter((m) => m.done).length;
      return `Joint initiative ${i.title}: ${INITIATIVE_STATUS_LABELS[i.status].toLowerCase()}${i.milestones.length ? `, ${done} of ${i.milestones.length} milestones done` : ''}`;
    }),
  ];
}

/** The answered suggestions or priorities raised in the year, with the counts said first. */
function voiceBlocks(
  items: readonly VoiceIn[],
  input: ReportInput,
  what: { heading: string; id: string; one: string; many: string; made: string; none: string },
): Block[] {
  const s = input.publication.snapshot;
  const published = input.publication.publishedAt.getTime();
  const inYear = items.filter((v) => {
    const day = dayOf(v.raisedAt);
    return day >= s.year.startsOn && day <= s.year.endsOn;
  });
  const answered = inYear.filter(
    (v): v is VoiceIn & { answer: AnswerIn } =>
      v.answer !== null && v.answer.answeredAt.getTime() <= published,
  );
  const out: Block[] = [{ kind: 'heading', level: 3, text: what.heading, id: what.id }];
  if (inYear.length === 0) {
    out.push({ kind: 'paragraph', text: what.none });
    return out;
  }
  out.push({
    kind: 'paragraph',
    text: `${count(inYear.length, what.one, what.many)} ${inYear.length === 1 ? 'was' : 'were'} ${what.made} in ${s.year.label}; ${answered.length === inYear.length ? (inYear.length === 1 ? 'it had' : 'all had') : `${answered.length} had`} been answered when these figures were published.`,
  });
  answered.forEach((v, n) => {
    const a = v.answer;
    const led = ledTo(a, input);
    out.push(
      { kind: 'heading', level: 4, text: v.title, id: `${what.id}-${n + 1}` },
      {
        kind: 'paragraph',
        style: 'small',
        text: `${v.by}, ${formatDate(v.raisedAt)}. About ${v.about}.`,
      },
    );
    if (v.text) out.push({ kind: 'paragraph', text: v.text });
    out.push({
      kind: 'tagged',
      tag: { text: ANSWER_LABELS[a.kind], tone: ANSWER_TONES[a.kind] },
      text: `Answered on ${formatDate(a.answeredAt)}: ${a.reason}`,
    });
    if (led.length) {
      out.push({ kind: 'paragraph', text: 'It led to:' }, { kind: 'list', items: led });
    }
  });
  return out;
}

/** The annual report of a partnership, or of one of its organisations, for a published year. */
export function annualReport(input: ReportInput): ReportDocument {
  const { publication } = input;
  const s = publication.snapshot;
  const orgId = input.organisationId ?? null;
  const organisation = orgId ? s.organisations.find((o) => o.id === orgId) : undefined;
  if (orgId && !organisation)
    throw new Error(`Organisation ${orgId} is not in the publication of ${s.year.label}`);
  const names = new Map(s.organisations.map((o) => [o.id, o.name]));
  const year = s.year.label;
  const published = formatDate(publication.publishedAt);
  const who = organisation ? organisation.name : s.partnership.name;
  const title = `${who}: annual report ${year}`;
  const pillars = pillarsOf(s);

  const pledges = input.pledges.filter((p) => !orgId || p.organisationId === orgId);
  const initiatives = input.initiatives.filter(
    (i) => ranIn(i, s.year.startsOn, s.year.endsOn) && (!orgId || i.partnerIds.includes(orgId)),
  );

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title, id: 'top' },
    ...(organisation
      ? [
          {
            kind: 'paragraph' as const,
            style: 'lead' as const,
            text: `${organisation.name}, a member of ${s.partnership.name}.`,
          },
        ]
      : []),
    {
      kind: 'paragraph',
      style: 'lead',
      text: `The figures for ${year} as the partnership published them: revision ${publication.revision}, published on ${published}, with the figures as they stood on ${formatDate(s.figuresAsOf)}.`,
    },
  ];
  if (publication.correctionReason)
    blocks.push({
      kind: 'paragraph',
      text: `This revision corrects the one before it because: ${publication.correctionReason}`,
    });
  if (input.demo)
    blocks.push({
      kind: 'paragraph',
      pdfOnly: true,
      text: 'Demonstration data: the partnership, its organisations, people and figures in this report are made up.',
    });
  if (input.webAddress)
    blocks.push({
      kind: 'paragraph',
      style: 'small',
      pdfOnly: true,
      text: `This report is also published as a web page: ${input.webAddress}`,
    });

  const sections = [
    { text: 'Summary', id: 'summary' },
    ...pillars.map((p) => ({ text: p.title, id: p.id })),
    { text: 'Pledges', id: 'pledges' },
    { text: 'Joint initiatives', id: 'initiatives' },
    { text: 'You said, we did', id: 'you-said-we-did' },
    { text: 'How the figures are worked out', id: 'methodology' },
  ];
  blocks.push({ kind: 'contents', items: sections });

  // ----- Summary -----
  const orgs = s.organisations.map((o) => `${o.name} (${organisationTypeLabel(o.type)})`);
  const area = input.areaNames.length ? ` in ${listInWords(input.areaNames)}` : '';
  const charter = input.charter
    ? `Together they adopted version ${input.charter.number} of a Social Value Charter${input.charter.adoptedOn ? ` on ${formatDate(input.charter.adoptedOn)}` : ''}, agreed with their communities, and account`
    : 'Together they account';
  blocks.push(
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary', section: true },
    {
      kind: 'paragraph',
      text: `${s.partnership.name} is a partnership of ${count(s.organisations.length, 'anchor institution')}${area}: ${listInWords(orgs)}. ${charter} in public for what they do across six pillars: workforce, procurement, infrastructure, environment, local anchor partners and community engagement.`,
    },
  );
  if (organisation) {
    const ownCount = s.indicators.filter((i) => ownShown(i, orgId)).length;
    blocks.push({
      kind: 'paragraph',
      text: `A figure for ${organisation.name} alone is published for ${ownCount} of the ${count(s.indicators.length, 'indicator')}; for the others, this report shows the partnership’s total and says so. Whether an indicator is on track is judged for the partnership as a whole.`,
    });
  }
  blocks.push({ kind: 'paragraph', text: statusSentence(s.indicators, year) });
  const voices = (items: readonly VoiceIn[]) =>
    items.filter((v) => {
      const day = dayOf(v.raisedAt);
      return (
        day >= s.year.startsOn &&
        day <= s.year.endsOn &&
        v.answer !== null &&
        v.answer.answeredAt.getTime() <= publication.publishedAt.getTime()
      );
    }).length;
  blocks.push({
    kind: 'facts',
    rows: [
      { key: 'Member organisations', value: String(s.organisations.length) },
      { key: 'Indicators published', value: String(s.indicators.length) },
      ...(['on-track', 'at-risk', 'off-track', 'no-target', 'no-data'] as const).map((st) => ({
        key: STATUS_LABELS[st],
        value: String(statusCounts(s.indicators)[st]),
      })),
      { key: organisation ? 'Its pledges' : 'Pledges', value: String(pledges.length) },
      {
        key: organisation ? 'Joint initiatives it took part in' : 'Joint initiatives running',
        value: String(initiatives.length),
      },
      {
        key: 'Suggestions and local priorities answered',
        value: String(voices(input.suggestions) + voices(input.priorities)),
      },
    ],
  });
  const byPillar = pillars.map((p) => {
    const c = statusCounts(p.indicators);
    return [
      p.title,
      String(p.indicators.length),
      String(c['on-track']),
      String(c['at-risk']),
      String(c['off-track']),
      String(c['no-target'] + c['no-data']),
    ];
  });
  const all = statusCounts(s.indicators);
  blocks.push({
    kind: 'table',
    caption: 'Indicators by pillar and status',
    head: ['Pillar', 'Indicators', 'On track', 'At risk', 'Off track', 'No target or no data'],
    rows: [
      ...byPillar,
      [
        'All pillars',
        String(s.indicators.length),
        String(all['on-track']),
        String(all['at-risk']),
        String(all['off-track']),
        String(all['no-target'] + all['no-data']),
      ],
    ],
    numeric: [false, true, true, true, true, true],
  });
  const targeted = s.indicators.filter((i) =>
    ['on-track', 'at-risk', 'off-track'].includes(i.status.status),
  );
  const headline = targeted.length ? targeted : pillars.flatMap((p) => p.indicators.slice(0, 1));
  if (headline.length) {
    const last = (i: PublishedIndicator) => i.periods[i.periods.length - 1];
    blocks.push({
      kind: 'table',
      caption: `Headline figures: ${targeted.length ? 'the indicators with a target' : 'the first indicator of each pillar'}${organisation ? `, for ${organisation.name} and the partnership` : ''}`,
      head: organisation
        ? ['Indicator', 'Organisation', 'Partnership', 'Status']
        : ['Indicator', 'Figure', 'Period', 'Status'],
      rows: headline.map((i) => {
        const p = last(i);
        const total = p ? p.total.text : 'No data';
        if (organisation && orgId)
          return [
            `${i.id} ${i.name}`,
            ownShown(i, orgId) && p ? figureText(p.organisations[orgId]) : 'Not published',
            `${total}${p ? ` (${p.label})` : ''}`,
            i.status.label,
          ];
        return [`${i.id} ${i.name}`, total, p?.label ?? '', i.status.label];
      }),
      numeric: [false, true, organisation ? true : false, false],
    });
  }

  // ----- Each pillar -----
  for (const pillar of pillars) {
    blocks.push(
      { kind: 'heading', level: 2, text: pillar.title, id: pillar.id, section: true },
      { kind: 'paragraph', text: pillar.summary },
    );
    for (const i of pillar.indicators) blocks.push(...indicatorBlocks(i, input, names));
  }

  // ----- Pledges -----
  blocks.push(
    { kind: 'heading', level: 2, text: 'Pledges', id: 'pledges', section: true },
    {
      kind: 'paragraph',
      text: `${organisation ? `The pledges of ${organisation.name}` : 'Each organisation’s pledges'} under the charter, and how each went by ${formatDate(s.figuresAsOf)}: judged against the organisation’s own figures as published, by the rule at the end of this report. Where only the partnership total is published for a pledge’s indicator, it is not judged.`,
    },
  );
  if (pledges.length === 0)
    blocks.push({
      kind: 'paragraph',
      text: organisation
        ? `${organisation.name} had made no pledges when these figures were published.`
        : 'No organisation had made a pledge when these figures were published.',
    });
  const pledgeOrgs = [...new Set(pledges.map((p) => p.organisationId))];
  pledgeOrgs.forEach((id, n) => {
    const own = pledges.filter((p) => p.organisationId === id);
    const name = own[0]?.organisationName ?? names.get(id) ?? id;
    if (!organisation)
      blocks.push({ kind: 'heading', level: 3, text: name, id: `pledges-${n + 1}` });
    blocks.push({
      kind: 'table',
      caption: `Pledges of ${name}`,
      head: ['Pledge', 'Target', 'Latest published figure', 'How it went'],
      rows: own.map((p) => pledgeRow(p, input)),
    });
  });

  // ----- Joint initiatives -----
  blocks.push(
    { kind: 'heading', level: 2, text: 'Joint initiatives', id: 'initiatives', section: true },
    {
      kind: 'paragraph',
      text: `The joint initiatives between the partnership’s members that ran during ${year}${organisation ? ` with ${organisation.name} as a partner` : ''}, as the partnership’s register ${input.initiativesAsPublished ? 'recorded them when these figures were published' : 'records them today'}. The money each partner pooled counts in indicator L2, published above.`,
    },
  );
  if (initiatives.length === 0)
    blocks.push({ kind: 'paragraph', text: `No joint initiative ran during ${year}.` });
  initiatives.forEach((i, n) => {
    blocks.push(
      { kind: 'heading', level: 3, text: i.title, id: `initiative-${n + 1}` },
      {
        kind: 'facts',
        rows: initiativeFacts(i, (id) => names.get(id) ?? 'A former member'),
      },
    );
    if (i.milestones.length)
      blocks.push({
        kind: 'list',
        items: i.milestones.map(
          (m) => `${m.title}: ${m.done ? 'done' : 'not done yet'} (due ${formatDate(m.dueOn)})`,
        ),
      });
  });

  // ----- You said, we did -----
  blocks.push(
    { kind: 'heading', level: 2, text: 'You said, we did', id: 'you-said-we-did', section: true },
    {
      kind: 'paragraph',
      text: `What residents suggested and raised with the partnership in ${year}, and the partnership’s public answer to each: accepted, partly accepted, not taken forward or already covered, with the reason and what it led to.${organisation ? ' These answers are the partnership’s, for all its members.' : ''}`,
    },
    ...voiceBlocks(input.suggestions, input, {
      heading: 'Suggestions on the charter',
      id: 'suggestions',
      one: 'suggestion',
      many: 'suggestions',
      made: 'made',
      none: `No suggestions on the charter were made in ${year}.`,
    }),
    ...voiceBlocks(input.priorities, input, {
      heading: 'Local priorities',
      id: 'priorities',
      one: 'local priority',
      many: 'local priorities',
      made: 'raised',
      none: `No local priorities were raised in ${year}.`,
    }),
  );

  // ----- Methodology -----
  const m = input.methodology;
  blocks.push(
    {
      kind: 'heading',
      level: 2,
      text: 'How the figures are worked out',
      id: 'methodology',
      section: true,
    },
    {
      kind: 'paragraph',
      text: `Each indicator as described in the figures published for ${year}, the rules for whether an indicator is on track, for change, for figures that are not known and for protecting the people counted, and the reference tables used.`,
    },
  );
  for (const pillar of pillars) {
    blocks.push({ kind: 'heading', level: 3, text: pillar.title, id: `method-${pillar.id}` });
    for (const i of pillar.indicators)
      blocks.push(
        { kind: 'heading', level: 4, text: `${i.id} ${i.name}`, id: `method-${i.id}` },
        {
          kind: 'facts',
          rows: [
            { key: 'What it is', value: i.description },
            { key: 'How it is worked out', value: i.computation },
            { key: 'Method', value: i.methodology },
            { key: 'Source', value: i.source },
          ],
        },
      );
  }
  blocks.push(
    { kind: 'heading', level: 3, text: 'Whether an indicator is on track', id: 'rule-status' },
    { kind: 'paragraph', text: m.rules.status },
    { kind: 'heading', level: 3, text: 'Change from one period to the next', id: 'rule-change' },
    { kind: 'paragraph', text: m.rules.change },
    { kind: 'heading', level: 3, text: 'Figures that are not known', id: 'rule-known' },
    { kind: 'paragraph', text: m.rules.known },
    { kind: 'heading', level: 3, text: 'Protecting the people counted', id: 'rule-disclosure' },
    ...m.rules.disclosure.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: m.rules.people },
    { kind: 'heading', level: 3, text: 'How a pledge is judged', id: 'rule-pledges' },
    { kind: 'paragraph', text: PLEDGE_RULE },
    { kind: 'heading', level: 3, text: 'Rates, factors and areas used', id: 'rule-tables' },
    { kind: 'paragraph', text: m.imd },
  );
  if (m.livingWage.length)
    blocks.push({
      kind: 'table',
      caption: 'Real Living Wage rates (Living Wage Foundation)',
      head: ['Year', 'UK', 'London', 'Applies from'],
      rows: m.livingWage,
      numeric: [false, true, true, false],
    });
  if (m.factorSets.length)
    blocks.push({
      kind: 'table',
      caption: 'Greenhouse gas conversion factors',
      head: ['Set', 'Years', 'Factors'],
      rows: m.factorSets,
      numeric: [false, false, true],
    });

  return {
    title,
    subject: `${organisation ? `${organisation.name}, a member of ${s.partnership.name}` : s.partnership.name}: social value figures for ${year}, pledges, joint initiatives and public answers`,
    author: s.partnership.name,
    keywords: ['social value', 'anchor institutions', 'annual report', year],
    lang: 'en-GB',
    publishedAt: publication.publishedAt,
    header: `${organisation ? `${organisation.name} · ` : ''}${s.partnership.name}: annual report ${year}`,
    footer: `Revision ${publication.revision}, published on ${published}`,
    blocks,
  };
}
