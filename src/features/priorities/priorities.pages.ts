/**
 * What the local priorities pages show: for residents (`/p/{slug}/priorities`) every published
 * priority with its supporters and the partnership's answer, one priority with the button to
 * support it, the form to raise one and to report one; for staff (`/manage/{slug}/priorities`)
 * every priority with its moderation and answer, and the form to raise one for someone. Both
 * show C3, the share of published priorities with a public answer.
 */
import {
  ANSWER_KINDS,
  ANSWER_LABELS,
  SUGGESTION_STATE_TAGS,
} from '../../core/charter/consultation.js';
import {
  PRIORITIES_ANSWERED_RULE,
  WHOLE_AREA,
  prioritiesAnswered,
  prioritiesAnsweredText,
} from '../../core/charter/priorities.js';
import { formatDate, formatDateTime } from '../../core/dates.js';
import { CATALOGUE } from '../../core/framework/catalogue.js';
import { isoDate } from '../../core/periods.js';
import { PILLARS, pillarTitle } from '../../core/pillars.js';
import {
  INITIATIVE_STATUS_LABELS,
  type InitiativeStatus,
} from '../../core/registers/initiatives.js';
import type { Partnership } from '../../db/schema.js';
import { noErrors, type FormErrors } from '../../http/form-errors.js';
import { PUBLIC_NOTE, answerView } from '../consultation/consultation.pages.js';
import type { Priority, PriorityRow } from './priorities.service.js';

export const V = 'features/priorities/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

type Slugged = Pick<Partnership, 'slug' | 'name'>;

export const publicPath = (p: Pick<Partnership, 'slug'>) => `/p/${p.slug}/priorities`;
export const staffPath = (p: Pick<Partnership, 'slug'>) => `/manage/${p.slug}/priorities`;

/** Names of what an answer can lead to: commitments, indicators and joint initiatives. */
export interface Names {
  readonly area: (code: string) => string;
  readonly commitments: ReadonlyMap<string, string>;
  readonly indicators: ReadonlyMap<string, string>;
  readonly initiatives: ReadonlyMap<string, { title: string; status: string }>;
}

const WHOLE_AREA_TEXT = 'The whole area';

const areaText = (p: PriorityRow, names: Pick<Names, 'area'>) =>
  p.area ? names.area(p.area) : WHOLE_AREA_TEXT;

const supportersText = (n: number) => `${n} ${n === 1 ? 'supporter' : 'supporters'}`;

const C3 = CATALOGUE.find((i) => i.id === 'C3');

/** C3 worked out from the priorities shown, with how it is counted. */
export function answeredFigure(priorities: readonly Priority[]) {
  const c3 = prioritiesAnswered(
    priorities.map((p) => ({
      state: p.state,
      answered: p.answer !== null,
      createdOn: isoDate(p.created_at),
    })),
  );
  return {
    text: prioritiesAnsweredText(c3),
    none: c3.value === null,
    rule: PRIORITIES_ANSWERED_RULE,
    indicator: C3 ? `${C3.id} ${C3.name}` : 'C3 Local priorities answered',
    methodology: C3?.methodology ?? '',
  };
}

/** What an answer led to, in words. */
function ledTo(p: Priority, names: Names): string[] {
  const a = p.answer;
  if (!a) return [];
  return [
    ...a.commitment_keys.map((k) => {
      const title = names.commitments.get(k);
      return `Commitment ${k}${title ? ` ${title}` : ''}`;
    }),
    ...a.indicator_codes.map((c) => `Indicator ${c} ${names.indicators.get(c) ?? ''}`.trim()),
    ...a.initiative_ids.map((id) => {
      const i = names.initiatives.get(id);
      if (!i) return 'A joint initiative';
      const status = INITIATIVE_STATUS_LABELS[i.status as InitiativeStatus] ?? i.status;
      return `Joint initiative ${i.title} (${status.toLowerCase()})`;
    }),
  ];
}

/** A priority as the public sees it: the name chosen or "Anonymous", or why it is hidden. */
export function publicPriority(p: Priority, names: Names, href: string) {
  const hidden = p.state === 'hidden';
  return {
    id: p.id,
    href,
    title: hidden ? 'A hidden priority' : p.title,
    hidden: hidden ? `Hidden by a moderator: ${p.hidden_reason ?? ''}` : undefined,
    description: hidden ? undefined : p.description,
    by: p.display_name ?? 'Anonymous',
    assisted: p.entered_by !== null,
    when: formatDate(p.created_at),
    area: areaText(p, names),
    pillar: pillarTitle(p.pillar),
    supporters: supportersText(p.supporters),
    answer: p.answer ? { ...answerView(p.answer), ledTo: ledTo(p, names) } : undefined,
  };
}

const publicCrumbs = (p: Slugged) => [
  { href: '/', text: 'Home' },
  { href: `/p/${p.slug}`, text: p.name },
];

const signInLinks = (back: string) => ({
  signInHref: `/sign-in?next=${encodeURIComponent(back)}`,
  joinHref: `/join?next=${encodeURIComponent(back)}`,
});

/** Every published priority (and hidden ones, with their reason), newest first, and C3. */
export function publicListPage(
  partnership: Slugged,
  priorities: readonly Priority[],
  names: Names,
) {
  const base = publicPath(partnership);
  const shown = priorities.filter((p) => p.state === 'published');
  const answered = shown.filter((p) => p.answer !== null).length;
  return {
    title: 'Local priorities',
    description:
      shown.length > 0
        ? `Local priorities residents raised with ${partnership.name}: ${shown.length} so far, ${answered} answered in public with the reason and what each led to.`
        : `Local priorities residents raise with ${partnership.name}, and its public answers: none has been raised yet.`,
    figure: answeredFigure(priorities),
    raiseHref: `${base}/new`,
    priorities: priorities.map((p) => publicPriority(p, names, `${base}/${p.id}`)),
    publicNote: PUBLIC_NOTE,
    breadcrumbs: publicCrumbs(partnership),
  };
}

export interface TakingPart {
  readonly signedIn: boolean;
  readonly blocked: boolean;
}

/** One priority: its words, supporters, the partnership's answer, and the button to support. */
export function publicPriorityPage(
  partnership: Slugged,
  priority: Priority,
  names: Names,
  state: TakingPart & { readonly supported: boolean },
  refusal?: string,
) {
  const base = publicPath(partnership);
  const href = `${base}/${priority.id}`;
  const shown = publicPriority(priority, names, href);
  return {
    title: shown.title,
    description: shown.hidden
      ? `A local priority raised with ${partnership.name} on ${shown.when}, hidden by a moderator.`
      : `“${shown.title}”, a local priority for ${shown.area.replace(/^The\b/, 'the')} (${shown.pillar.toLowerCase()}) raised with ${partnership.name} on ${shown.when}, with ${shown.supporters}: ${shown.answer ? `${shown.answer.label.toLowerCase()} on ${shown.answer.when}` : 'not answered yet'}.`,
    caption: 'Local priority',
    priority: shown,
    published: priority.state === 'published',
    ...state,
    ...signInLinks(href),
    canSupport:
      priority.state === 'published' && state.signedIn && !state.blocked && !state.supported,
    supportAction: `${href}/support`,
    flagHref: priority.state === 'published' ? `${href}/flag` : undefined,
    refusal,
    breadcrumbs: [...publicCrumbs(partnership), { href: base, text: 'Local priorities' }],
  };
}

const showAsItems = (values: Record<string, unknown>, whose: 'my' | 'their') => [
  {
    value: 'name',
    text: whose === 'my' ? 'Under a name I choose' : 'Under a name they chose',
    checked: values.showAs === 'name',
  },
  { value: 'anonymous', text: 'Anonymously', checked: values.showAs === 'anonymous' },
];

/** The choices of the form that raises a priority: area, pillar, and how it is shown. */
function priorityChoices(
  areas: readonly string[],
  names: Pick<Names, 'area'>,
  values: Record<string, unknown>,
  whose: 'my' | 'their',
) {
  return {
    areaItems: [
      { value: WHOLE_AREA, text: WHOLE_AREA_TEXT, checked: values.area === WHOLE_AREA },
      ...areas.map((code) => ({
        value: code,
        text: names.area(code),
        checked: values.area === code,
      })),
    ],
    pillarItems: PILLARS.map((p) => ({
      value: p.id,
      text: p.title,
      checked: values.pillar === p.id,
    })),
    showAsItems: showAsItems(values, whose),
  };
}

export function raisePage(
  partnership: Slugged & Pick<Partnership, 'local_area'>,
  names: Pick<Names, 'area'>,
  state: TakingPart,
  form: FormState,
) {
  const base = publicPath(partnership);
  return {
    title: 'Raise a local priority',
    description: `Raise a local priority with ${partnership.name}: something in your area you want its member organisations to act on, which it will answer in public.`,
    ...state,
    ...signInLinks(`${base}/new`),
    canRaise: state.signedIn && !state.blocked,
    action: `${base}/new`,
    ...priorityChoices(partnership.local_area, names, form.values, 'my'),
    publicNote: PUBLIC_NOTE,
    ...form,
    breadcrumbs: [...publicCrumbs(partnership), { href: base, text: 'Local priorities' }],
  };
}

export function flagPage(
  partnership: Slugged,
  priority: ReturnType<typeof publicPriority>,
  action: string,
  form: FormState,
) {
  const base = publicPath(partnership);
  return {
    title: 'Report this priority to a moderator',
    description: `Tell a moderator of ${partnership.name} why the local priority “${priority.title}” breaks the house rules.`,
    priority,
    action,
    ...form,
    breadcrumbs: [
      ...publicCrumbs(partnership),
      { href: base, text: 'Local priorities' },
      { href: priority.href, text: priority.title },
    ],
  };
}

// Staff pages.

const staffCrumbs = (p: Slugged) => [{ href: `/manage/${p.slug}`, text: p.name }];

/** Who raised a priority, for staff: the name shown, and whether staff entered it. */
const fromText = (p: PriorityRow) =>
  `${p.display_name ?? 'Anonymous'}${p.entered_by ? `, entered by staff (${p.entered_how ?? ''})` : p.participant_id ? '' : ' (account deleted)'}`;

export type StaffFilter = 'unanswered' | 'flagged';

export const isStaffFilter = (s: string | undefined): s is StaffFilter =>
  s === 'unanswered' || s === 'flagged';

const waiting = (p: Priority) => p.state === 'published' && p.answer === null;

export function staffListPage(
  partnership: Slugged,
  priorities: readonly Priority[],
  flags: ReadonlyMap<string, string[]>,
  names: Pick<Names, 'area'>,
  filter: StaffFilter | undefined,
  can: { assist: boolean },
) {
  const base = staffPath(partnership);
  const shown = priorities.filter((p) =>
    filter === 'unanswered' ? waiting(p) : filter === 'flagged' ? flags.has(p.id) : true,
  );
  return {
    title: 'Local priorities',
    figure: answeredFigure(priorities),
    totals: {
      all: priorities.length,
      unanswered: priorities.filter(waiting).length,
      flagged: priorities.filter((p) => flags.has(p.id)).length,
      hidden: priorities.filter((p) => p.state === 'hidden').length,
    },
    filters: [
      { text: 'All', href: base, current: !filter },
      {
        text: 'Waiting for an answer',
        href: `${base}?show=unanswered`,
        current: filter === 'unanswered',
      },
      { text: 'Reported by someone', href: `${base}?show=flagged`, current: filter === 'flagged' },
    ],
    priorities: shown.map((p) => ({
      href: `${base}/${p.id}`,
      title: p.title,
      from: fromText(p),
      when: formatDate(p.created_at),
      area: areaText(p, names),
      pillar: pillarTitle(p.pillar),
      supporters: String(p.supporters),
      tag: SUGGESTION_STATE_TAGS[p.state],
      answer: p.answer
        ? ANSWER_LABELS[p.answer.kind]
        : p.state === 'hidden'
          ? 'Not needed while hidden'
          : 'Waiting for an answer',
      flags: flags.get(p.id)?.length ?? 0,
    })),
    assistHref: can.assist ? `${base}/new` : undefined,
    publicHref: publicPath(partnership),
    logHref: `/manage/${partnership.slug}/moderation`,
    breadcrumbs: staffCrumbs(partnership),
  };
}

export interface AnswerChoices {
  readonly commitments: readonly { key: string; title: string }[];
  readonly initiatives: readonly { id: string; title: string }[];
}

export function staffPriorityPage(
  partnership: Slugged,
  p: Priority,
  flags: readonly string[],
  authorBlocked: boolean,
  names: Names,
  choices: AnswerChoices,
  can: { moderate: boolean; answer: boolean },
  forms: { hide?: FormState; block?: FormState; answer?: FormState },
  refusal?: string,
) {
  const base = `${staffPath(partnership)}/${p.id}`;
  const answer =
    forms.answer?.values ??
    (p.answer
      ? {
          kind: p.answer.kind,
          reason: p.answer.reason,
          commitments: p.answer.commitment_keys,
          indicators: p.answer.indicator_codes.join(', '),
          initiatives: p.answer.initiative_ids,
        }
      : {});
  const chosen = (name: string) => {
    const v = answer[name];
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  };
  return {
    title: p.title,
    caption: 'Local priority',
    refusal,
    priority: {
      description: p.description,
      from: fromText(p),
      when: formatDateTime(p.created_at),
      area: areaText(p, names),
      pillar: pillarTitle(p.pillar),
      supporters: supportersText(p.supporters),
      tag: SUGGESTION_STATE_TAGS[p.state],
      hiddenReason: p.hidden_reason,
      flags,
      answer: p.answer ? { ...answerView(p.answer), ledTo: ledTo(p, names) } : undefined,
      canBlock: p.participant_id !== null && p.entered_by === null && !authorBlocked,
      authorBlocked,
      publicHref: `${publicPath(partnership)}/${p.id}`,
    },
    can,
    state: p.state,
    actions: {
      moderate: `${base}/moderate`,
      block: `${base}/block`,
      answer: `${base}/answer`,
    },
    hide: forms.hide ?? { values: {}, errors: noErrors },
    block: forms.block ?? { values: {}, errors: noErrors },
    answerForm: {
      kindItems: ANSWER_KINDS.map((k) => ({
        value: k,
        text: ANSWER_LABELS[k],
        checked: answer.kind === k,
      })),
      reason: answer.reason,
      commitmentItems: choices.commitments.map((c) => ({
        value: c.key,
        text: `${c.key} ${c.title}`,
        checked: chosen('commitments').includes(c.key),
      })),
      initiativeItems: choices.initiatives.map((i) => ({
        value: i.id,
        text: i.title,
        checked: chosen('initiatives').includes(i.id),
      })),
      indicators: typeof answer.indicators === 'string' ? answer.indicators : '',
      errors: forms.answer?.errors ?? noErrors,
    },
    errors: forms.hide?.errors.list.length
      ? forms.hide.errors
      : forms.block?.errors.list.length
        ? forms.block.errors
        : forms.answer?.errors,
    breadcrumbs: [
      ...staffCrumbs(partnership),
      { href: staffPath(partnership), text: 'Local priorities' },
    ],
  };
}

export function assistPage(
  partnership: Slugged & Pick<Partnership, 'local_area'>,
  names: Pick<Names, 'area'>,
  form: FormState,
) {
  return {
    title: 'Raise a priority for someone',
    action: `${staffPath(partnership)}/new`,
    ...priorityChoices(partnership.local_area, names, form.values, 'their'),
    ...form,
    breadcrumbs: [
      ...staffCrumbs(partnership),
      { href: staffPath(partnership), text: 'Local priorities' },
    ],
  };
}
