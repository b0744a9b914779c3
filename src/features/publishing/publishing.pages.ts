/**
 * What the publishing pages show: for staff, the partnership's years and what has been published,
 * a preview of a year before publishing it (or correcting it), and an organisation's choice of
 * which of its own figures are published; for the public, the published years and a year's
 * figures as published, pillar by pillar, from the stored snapshot only.
 */
import { lineChartSvg } from '../../core/charts/svg.js';
import { formatDate } from '../../core/dates.js';
import { PILLAR_IDS, PILLARS_AND_ACCOUNTABILITY } from '../../core/pillars.js';
import { FIGURE_COLUMNS, OGL_ATTRIBUTION, OGL_URL } from '../../core/publishing/open-data.js';
import {
  totalChart,
  totalOnlyOf,
  type PublishedFigure,
  type PublishedIndicator,
  type Snapshot,
} from '../../core/publishing/snapshot.js';
import {
  STATUS_COLOURS,
  STATUS_LABELS,
  STATUS_RULE,
  type Status,
} from '../../core/framework/status.js';
import { listInWords } from '../../core/registers/initiative-public.js';
import { CHANGE_RULE } from '../../core/figures/change.js';
import { KNOWN_THRESHOLD_PERCENT } from '../../core/figures/coverage.js';
import { DISCLOSURE_RULES_TEXT } from '../../core/disclosure/disclosure.js';
import { formatValue } from '../../core/framework/format.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import { fyLabel, yearParam, type Publication, type YearStanding } from './publishing.service.js';

export const V = 'features/publishing/views';

const ALL_PILLARS = PILLARS_AND_ACCOUNTABILITY;

const manage = (p: Partnership) => `/manage/${p.slug}`;
const publicBase = (slug: string) => `/p/${slug}/figures`;

export const publicYearPath = (slug: string, fy: number, revision?: number) =>
  `${publicBase(slug)}/${yearParam(fy)}${revision === undefined ? '' : `/revisions/${revision}`}`;

const when = (d: Date) => formatDate(d.toISOString().slice(0, 10));

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** "3 on track, 1 at risk and 2 off track", of the indicators with a target; '' when none has. */
function statusSummary(indicators: readonly PublishedIndicator[]): string {
  const judged: Status[] = ['on-track', 'at-risk', 'off-track'];
  const parts = judged
    .map((status) => ({
      status,
      n: indicators.filter((i) => i.status.status === status).length,
    }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${STATUS_LABELS[x.status].toLowerCase()}`);
  return listInWords(parts);
}

/** "12 indicators across six pillars, 3 on track and 1 off track" for a snapshot's indicators. */
function indicatorsSummary(indicators: readonly PublishedIndicator[]): string {
  // The six pillars; accountability runs across them.
  const pillars = new Set(
    indicators.map((i) => i.pillar).filter((p) => (PILLAR_IDS as readonly string[]).includes(p)),
  ).size;
  const status = statusSummary(indicators);
  return `${count(indicators.length, 'indicator')} across ${NUMBER_WORDS[pillars] ?? pillars} ${pillars === 1 ? 'pillar' : 'pillars'}${status ? `, ${status}` : ''}`;
}

/** Staff: the years and what has been published of each. */
export function yearsPage(partnership: Partnership, years: readonly YearStanding[]) {
  return {
    title: 'Publish figures',
    years: years.map((y) => {
      const latest = y.revisions[0];
      return {
        label: y.period.label,
        href: `${manage(partnership)}/publishing/${yearParam(y.period.fy_start_year)}`,
        status: latest
          ? `Published${latest.revision > 1 ? `, corrected ${latest.revision - 1} ${latest.revision === 2 ? 'time' : 'times'}` : ''}: revision ${latest.revision} on ${when(latest.publishedAt)}`
          : 'Not published',
        publicHref: latest ? publicYearPath(partnership.slug, y.period.fy_start_year) : undefined,
        action: latest ? 'Preview and correct' : 'Preview and publish',
      };
    }),
    breadcrumbs: [{ href: manage(partnership), text: partnership.name }],
  };
}

/** Staff: what publishing the year now would publish, and the form that publishes it. */
export function previewPage(
  partnership: Partnership,
  snapshot: Snapshot,
  latest: Publication | undefined,
  form: { values: Record<string, unknown>; errors: FormErrors },
) {
  return {
    title: `${latest ? 'Correct' : 'Publish'} the figures for ${snapshot.year.label}`,
    caption: partnership.name,
    latest: latest
      ? {
          revision: latest.revision,
          on: when(latest.publishedAt),
          href: publicYearPath(partnership.slug, latest.fyStartYear),
        }
      : undefined,
    action: `${manage(partnership)}/publishing/${yearParam(snapshot.year.fyStartYear)}`,
    cancelHref: `${manage(partnership)}/publishing`,
    pillars: pillarsOf(snapshot, null),
    values: form.values,
    errors: form.errors,
    breadcrumbs: [
      { href: manage(partnership), text: partnership.name },
      { href: `${manage(partnership)}/publishing`, text: 'Publish figures' },
    ],
  };
}

/** Staff: which of an organisation's own figures are published. */
export function choicesPage(
  partnership: Partnership,
  organisation: Organisation,
  indicators: readonly { id: string; name: string; pillar: string }[],
  withheld: ReadonlySet<string>,
) {
  return {
    title: 'Which of your figures are published',
    caption: organisation.name,
    action: `${manage(partnership)}/organisations/${organisation.id}/publishing`,
    groups: ALL_PILLARS.map((pillar) => ({
      title: pillar.title,
      items: indicators
        .filter((i) => i.pillar === pillar.id)
        .map((i) => ({
          value: i.id,
          text: `${i.id} ${i.name}`,
          checked: !withheld.has(i.id),
        })),
    })).filter((g) => g.items.length > 0),
    breadcrumbs: [
      { href: manage(partnership), text: partnership.name },
      { href: `${manage(partnership)}/organisations/${organisation.id}`, text: organisation.name },
    ],
  };
}

/**
 * Public: how the figures are worked out. Each indicator as the latest publication describes it
 * (or as the framework does, before anything is published), the rules for status, change, what
 * is known enough to show and disclosure, and the reference tables used.
 */
export function methodologyPage(
  partnership: Partnership,
  indicators: readonly {
    id: string;
    pillar: string;
    name: string;
    description: string;
    computation: string;
    methodology: string;
    source: string;
  }[],
  from: string,
  tables: {
    livingWage: readonly {
      yearLabel: string;
      ukPence: number;
      londonPence: number;
      appliesFrom: string;
    }[];
    factorSets: readonly { name: string; years: number[]; factor_count: number }[];
  },
) {
  const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;
  return {
    title: 'How the figures are worked out',
    caption: partnership.name,
    description: `How ${partnership.name} works out its ${count(indicators.length, 'social value indicator')}: what each measures, its formula and sources, and the rules for status, unknown data and protecting small counts of people.`,
    from,
    pillars: ALL_PILLARS.map((pillar) => ({
      id: pillar.id,
      title: pillar.title,
      indicators: indicators.filter((i) => i.pillar === pillar.id),
    })).filter((p) => p.indicators.length > 0),
    rules: {
      status: STATUS_RULE,
      change: CHANGE_RULE,
      known: `A figure worked out from data is shown only when at least ${formatValue(KNOWN_THRESHOLD_PERCENT, '%')} of the data it rests on is known (for example, the location of the suppliers of at least that share of the spend); otherwise it says “Not known” and how much is known. Unknown is never counted as zero.`,
      disclosure: DISCLOSURE_RULES_TEXT,
      people: PEOPLE_RULE,
    },
    imd: `Deprivation: the English Indices of Deprivation ${partnership.imd_edition}, by the decile of each small area (LSOA). Deciles 1 and 2 are the 20% most deprived areas of England.`,
    livingWage: tables.livingWage.map((r) => [
      r.yearLabel,
      pounds(r.ukPence),
      pounds(r.londonPence),
      formatDate(r.appliesFrom),
    ]),
    factorSets: tables.factorSets.map((f) => [
      f.name,
      f.years.join(', '),
      f.factor_count.toLocaleString('en-GB'),
    ]),
    breadcrumbs: [{ href: `/p/${partnership.slug}`, text: partnership.name }],
  };
}

/** How figures that count people are published, as the methodology page says. */
export const PEOPLE_RULE =
  'Counts of people (apprenticeship starts, people from priority groups supported into work, residents taking part) are protected as a table of every organisation and period of the year, with its totals, whether or not an organisation’s own figure is shown. Shares of people (staff paid the Real Living Wage, staff living locally or in deprived areas, local new starters) are protected through their two counts, the people the share is about and the rest, and the share is worked out again from the rounded counts. A share entered without its counts is not published. The change from the period before is not published for figures that count people. Their status against the target is worked out from the figure as published, rounded; where the latest figure is hidden, its status is not shown either. Each year is published on its own, and a correction is protected together with the revisions before it, which stay published: a figure hidden in one stays hidden in the correction, a figure published in one is never hidden to protect another (it is public already), and where a figure that was published becomes small, or a hidden one becomes 0, the total for its period is hidden too, since the difference between the two totals would give it away. Where a hidden count itself is corrected, the difference between the two rounded totals says by how much only to within 4 either way.';

/** Public: what each column of the downloads holds, and the licence. */
export function dictionaryPage(partnership: { name: string; slug: string }) {
  return {
    title: 'Data dictionary for the published figures',
    caption: partnership.name,
    description: `What each of the ${FIGURE_COLUMNS.length} columns in the CSV and JSON downloads of the figures published by ${partnership.name} holds, under the Open Government Licence v3.0.`,
    columns: FIGURE_COLUMNS.map(([name, description]) => ({ name, description })),
    attribution: OGL_ATTRIBUTION,
    licenceUrl: OGL_URL,
    breadcrumbs: [
      { href: `/p/${partnership.slug}`, text: partnership.name },
      { href: publicBase(partnership.slug), text: 'Published figures' },
    ],
  };
}

/** Public: the years published (the latest revision of each). */
export function publicYearsPage(
  partnership: { name: string; slug: string },
  published: readonly Omit<Publication, 'snapshot'>[],
) {
  return {
    title: 'Published figures',
    caption: partnership.name,
    description: published[0]
      ? `Social value figures published by ${partnership.name} for ${count(published.length, 'year')} (${listInWords(published.map((p) => fyLabel(p.fyStartYear)))}), the latest on ${when(published[0].publishedAt)}.`
      : `${partnership.name} has not published any social value figures yet.`,
    years: published.map((p) => ({
      label: fyLabel(p.fyStartYear),
      href: publicYearPath(partnership.slug, p.fyStartYear),
      text:
        p.revision === 1
          ? `Published on ${when(p.publishedAt)}`
          : `Published, then corrected: the latest correction on ${when(p.publishedAt)}`,
    })),
    breadcrumbs: [{ href: `/p/${partnership.slug}`, text: partnership.name }],
  };
}

/**
 * Public: a year's figures as published in one revision, pillar by pillar; with the corrections
 * made since (when it is not the latest) or the one it made (when it is), and a trend over the
 * latest revision of each published year.
 */
export function publicYearPage(
  publication: Publication,
  revisions: readonly Omit<Publication, 'snapshot'>[],
  everyYear: readonly Publication[],
) {
  const s = publication.snapshot;
  const slug = s.partnership.slug;
  const latest = revisions[0];
  const isLatest = !latest || latest.revision === publication.revision;
  return {
    title: `${s.partnership.name}: figures for ${s.year.label}${isLatest ? '' : `, revision ${publication.revision}`}`,
    description: `Social value figures of ${s.partnership.name} for ${s.year.label}: ${indicatorsSummary(s.indicators)}; revision ${publication.revision}, published on ${when(publication.publishedAt)}${isLatest ? '' : ', since corrected'}.`,
    // The latest revision is the same page at the year's address and at its own.
    canonical: publicYearPath(
      slug,
      publication.fyStartYear,
      isLatest ? undefined : publication.revision,
    ),
    heading: `Figures for ${s.year.label}`,
    caption: s.partnership.name,
    published: `Revision ${publication.revision}, published on ${when(publication.publishedAt)}. Figures as they stood on ${formatDate(s.figuresAsOf)}.`,
    correction:
      publication.correctionReason !== null
        ? { on: when(publication.publishedAt), reason: publication.correctionReason }
        : undefined,
    superseded:
      !isLatest && latest
        ? {
            text: `This is revision ${publication.revision}. It was corrected on ${when(latest.publishedAt)} because: ${latest.correctionReason ?? ''}`,
            href: publicYearPath(slug, publication.fyStartYear),
          }
        : undefined,
    methodology: `/p/${slug}/methodology`,
    report: isLatest
      ? {
          page: `/p/${slug}/reports/${yearParam(publication.fyStartYear)}`,
          pdf: `/p/${slug}/reports/${yearParam(publication.fyStartYear)}/report.pdf`,
        }
      : undefined,
    downloads: {
      csv: `${publicYearPath(slug, publication.fyStartYear, isLatest ? undefined : publication.revision)}/figures.csv`,
      json: `${publicYearPath(slug, publication.fyStartYear, isLatest ? undefined : publication.revision)}/figures.json`,
      dictionary: `${publicBase(slug)}/data-dictionary`,
      attribution: OGL_ATTRIBUTION,
      licenceUrl: OGL_URL,
    },
    revisions: revisions.map((r) => ({
      text: `Revision ${r.revision}, ${when(r.publishedAt)}${r.correctionReason ? `: corrected because ${r.correctionReason}` : ''}`,
      href: publicYearPath(slug, r.fyStartYear, r.revision),
      current: r.revision === publication.revision,
    })),
    pillars: pillarsOf(
      s,
      everyYear.filter((p) => p.fyStartYear <= publication.fyStartYear),
    ),
    breadcrumbs: [
      { href: `/p/${slug}`, text: s.partnership.name },
      { href: publicBase(slug), text: 'Published figures' },
    ],
  };
}

/** Public: one pillar's indicators in the latest published year, with their trend over the years. */
export function publicPillarPage(
  latest: Publication,
  everyYear: readonly Publication[],
  pillarId: string,
) {
  const s = latest.snapshot;
  const pillar = pillarsOf(s, everyYear).find((p) => p.id === pillarId);
  if (!pillar) return undefined;
  return {
    title: `${pillar.title}: ${s.partnership.name}`,
    description: `${pillar.title} figures of ${s.partnership.name} for ${s.year.label}: ${indicatorsSummary(s.indicators.filter((i) => i.pillar === pillarId)).replace(/ across \w+ pillars?/, '')}, published on ${when(latest.publishedAt)}.`,
    heading: pillar.title,
    caption: s.partnership.name,
    published: `Figures for ${s.year.label}, revision ${latest.revision}, published on ${when(latest.publishedAt)}.`,
    yearHref: publicYearPath(s.partnership.slug, latest.fyStartYear),
    yearLabel: s.year.label,
    pillar,
    others: pillarsOf(s, null)
      .filter((p) => p.id !== pillarId)
      .map((p) => ({ href: `/p/${s.partnership.slug}/pillars/${p.id}`, text: p.title })),
    methodology: `/p/${s.partnership.slug}/methodology`,
    breadcrumbs: [{ href: `/p/${s.partnership.slug}`, text: s.partnership.name }],
  };
}

/**
 * Public: one organisation in the latest published year: its own figure beside the partnership's
 * for each indicator it is published for, and how many show only the partnership total.
 */
export function publicOrganisationPage(
  latest: Publication | undefined,
  organisation: { id: string; name: string; typeLabel: string },
  partnership: { name: string; slug: string },
) {
  const s = latest?.snapshot;
  const groups = s
    ? ALL_PILLARS.map((pillar) => ({
        title: pillar.title,
        rows: s.indicators
          .filter((i) => i.pillar === pillar.id && i.organisationsShown.includes(organisation.id))
          .map((i) => {
            const last = i.periods[i.periods.length - 1];
            const own = last?.organisations[organisation.id];
            return {
              indicator: `${i.id} ${i.name}`,
              period: last?.label ?? '',
              own: own ? own.text : 'Not reported',
              total: last ? last.total.text : 'No data',
            };
          }),
      })).filter((g) => g.rows.length > 0)
    : [];
  const totalOnly = s
    ? s.indicators.filter(
        (i) => !i.partnershipWide && !i.organisationsShown.includes(organisation.id),
      ).length
    : 0;
  return {
    title: `${organisation.name}: ${partnership.name}`,
    description: s
      ? `${organisation.name} (${organisation.typeLabel.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}), a member of ${partnership.name}: its own social value figures for ${s.year.label} beside the partnership’s, for ${count(
          groups.reduce((n, g) => n + g.rows.length, 0),
          'indicator',
        )}.`
      : `${organisation.name} (${organisation.typeLabel.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}), a member of ${partnership.name}, which has not published any social value figures yet.`,
    heading: organisation.name,
    caption: partnership.name,
    typeLabel: organisation.typeLabel,
    published: s
      ? `Figures for ${s.year.label}, published on ${when(latest.publishedAt)}.`
      : undefined,
    yearHref: s && latest ? publicYearPath(partnership.slug, latest.fyStartYear) : undefined,
    groups,
    totalOnly:
      totalOnly > 0
        ? `For ${totalOnly} other ${totalOnly === 1 ? 'indicator' : 'indicators'}, only the partnership total is published: see the figures for the year.`
        : undefined,
    charterHref: `/p/${partnership.slug}/charter`,
    breadcrumbs: [{ href: `/p/${partnership.slug}`, text: partnership.name }],
  };
}

const statusColour = (status: string) => STATUS_COLOURS[status as Status] ?? 'grey';

function figureCell(f: PublishedFigure | null | undefined) {
  return f ? { text: f.text, note: f.note } : { text: 'Not reported', note: '' };
}

/** The snapshot's indicators grouped by pillar, each with its year's figures. */
function pillarsOf(s: Snapshot, everyYear: readonly Publication[] | null) {
  const names = new Map(s.organisations.map((o) => [o.id, o.name]));
  return ALL_PILLARS.map((pillar) => ({
    id: pillar.id,
    title: pillar.title,
    indicators: s.indicators
      .filter((i) => i.pillar === pillar.id)
      .map((i) => indicatorView(i, names, everyYear)),
  })).filter((p) => p.indicators.length > 0);
}

function indicatorView(
  i: PublishedIndicator,
  names: ReadonlyMap<string, string>,
  everyYear: readonly Publication[] | null,
) {
  const year = i.periods[i.periods.length - 1];
  const trend = everyYear ? trendOf(i, everyYear) : [];
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    status: {
      label: i.status.label,
      reason: i.status.reason,
      colour: statusColour(i.status.status),
    },
    target: i.status.target?.text,
    latest: year
      ? { label: year.label, ...figureCell(year.total), change: year.change }
      : undefined,
    periods: i.periods.map((p) => ({
      label: p.label,
      ...figureCell(p.total),
      change: p.change,
    })),
    organisations: i.partnershipWide
      ? []
      : i.organisationsShown.map((id) => ({
          name: names.get(id) ?? id,
          figures: i.periods.map((p) => figureCell(p.organisations[id])),
        })),
    onlyTotal: i.partnershipWide
      ? 'This is a figure for the partnership as a whole.'
      : i.organisationsShown.length === 0
        ? 'Only the partnership total is published for this indicator.'
        : totalOnlyOf(names, i),
    people: i.people
      ? 'These figures count people, so small counts are hidden and the rest rounded to the nearest 5 (see the disclosure rules on the methodology page).'
      : undefined,
    trend: trend.map((t, n) => ({ label: t.label, text: t.text, key: n })),
    chart:
      trend.filter((t) => t.value !== null).length >= 2
        ? lineChartSvg({
            id: `published-${i.id}`,
            title: `${i.id} ${i.name}: each published year`,
            // Each point reads as the table beside the chart does.
            points: trend.map((t) => ({ label: t.label, value: t.value, text: t.text })),
            ...totalChart(i),
            target: i.status.target?.value ?? null,
          })
        : null,
  };
}

/** The indicator's partnership figure for each published year (its last period), oldest first. */
function trendOf(i: PublishedIndicator, everyYear: readonly Publication[]) {
  return [...everyYear]
    .sort((a, b) => a.fyStartYear - b.fyStartYear)
    .flatMap((p) => {
      const same = p.snapshot.indicators.find((x) => x.id === i.id);
      return (same?.periods ?? []).map((period) => ({
        label: period.label,
        value: period.total.value,
        text: period.total.text,
      }));
    });
}
