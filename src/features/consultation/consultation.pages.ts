/**
 * What the consultation pages show, for residents (`/p/{slug}/charter/versions/{n}/consultation`)
 * and for staff (a version's responses, one response with its moderation and answer, a response
 * entered for someone, the moderation log), and "you said, we did".
 */
import {
  ANSWER_KINDS,
  ANSWER_LABELS,
  SUGGESTION_STATE_TAGS,
  consultationStatus,
} from '../../core/charter/consultation.js';
import { formatDate, formatDateTime } from '../../core/dates.js';
import { inSentence } from '../../core/framework/format.js';
import { INITIATIVE_STATUS_LABELS } from '../../core/registers/initiatives.js';
import type { Snapshot } from '../../core/publishing/snapshot.js';
import { PILLARS, pillarTitle } from '../../core/pillars.js';
import type { Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import { lastOpenDay } from '../charter/charter.dates.js';
import type { CharterItem, CharterVersion, VersionWithText } from '../charter/charter.service.js';
import { versionPath } from '../charter/charter.pages.js';
import type { AnswerRow, ItemCounts, ResponseRow } from './consultation.service.js';
import { isSuggestion } from './consultation.service.js';

export const V = 'features/consultation/views';

/**
 * Each indicator's name and how it is going for the partnership as last published: its status
 * and latest total in the latest publication, or that it has not been published. Figures not yet
 * published are never shown here.
 */
export function progressOfIndicators(
  indicators: readonly { readonly id: string; readonly name: string }[],
  latest: Snapshot | undefined,
) {
  const out = new Map<string, { name: string; progress: string }>();
  for (const i of indicators) {
    const published = latest?.indicators.find((p) => p.id === i.id);
    const period = published
      ? [...published.periods].reverse().find((p) => p.total.value !== null || p.total.hidden)
      : undefined;
    out.set(i.id, {
      name: published?.name ?? i.name,
      progress:
        published && period && latest
          ? `${published.status.label}; the partnership’s latest published figure is ${inSentence(period.total.text)} for ${period.label} (published for ${latest.year.label})`
          : 'no figure published yet',
    });
  }
  return out;
}

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const PUBLIC_NOTE =
  'What you write here is public, under the name you choose or as “Anonymous”. Your email address is never shown. A moderator may hide anything that breaks the house rules, and says why in its place.';

type Slugged = Pick<Partnership, 'slug' | 'name'>;

export const consultationPath = (p: Pick<Partnership, 'slug'>, v: Pick<CharterVersion, 'number'>) =>
  `/p/${p.slug}/charter/versions/${v.number}/consultation`;
export const responsesPath = (p: Pick<Partnership, 'slug'>, v: { id: string }) =>
  `${versionPath(p, v)}/responses`;

/** A consultation's window in words that fit inside a sentence: "open until the end of …". */
export const windowInSentence = (window: { text: string }) =>
  window.text
    .replace(/\.$/, '')
    .replace(/\. ([A-Z])/, (_, c: string) => `; ${c.toLowerCase()}`)
    .replace(/^[A-Z]/, (c) => c.toLowerCase());

/** Whether residents can respond today, and the sentence saying so. */
export function windowOf(v: CharterVersion, today: string) {
  const last = lastOpenDay(v);
  const status =
    v.state === 'consultation' && v.consultation_opens && last
      ? consultationStatus(v.consultation_opens, last, today)
      : 'closed';
  const text =
    status === 'open'
      ? `Open until the end of ${formatDate(last)}.`
      : status === 'not-yet-open'
        ? `Opens on ${formatDate(v.consultation_opens)}.`
        : v.consultation_opens
          ? `Closed. It ran from ${formatDate(v.consultation_opens)} to ${formatDate(last ?? v.consultation_closes)}.`
          : 'This version was not put out for consultation.';
  return { open: status === 'open', status, text };
}

const countsText = (c: ItemCounts | undefined) => {
  const n = c ?? { agree: 0, disagree: 0, comments: 0, suggestions: 0 };
  return `${n.agree} agree, ${n.disagree} disagree, ${n.comments} ${n.comments === 1 ? 'comment' : 'comments'}, ${n.suggestions} suggested ${n.suggestions === 1 ? 'change' : 'changes'}`;
};

/** A response as the public sees it: the name chosen or "Anonymous", or why it is hidden. */
export function publicResponse(r: ResponseRow & { answer: AnswerRow | null }, flagHref?: string) {
  return {
    id: r.id,
    by: r.display_name ?? 'Anonymous',
    assisted: r.entered_by !== null,
    when: formatDate(r.created_at),
    stance: r.stance === 'agree' ? 'Agrees' : r.stance === 'disagree' ? 'Disagrees' : undefined,
    hidden: r.state === 'hidden' ? `Hidden by a moderator: ${r.hidden_reason ?? ''}` : undefined,
    title: r.state === 'hidden' ? undefined : (r.title ?? undefined),
    comment: r.state === 'hidden' ? undefined : r.comment || undefined,
    amendment: r.state === 'hidden' ? undefined : r.amendment || undefined,
    answer: r.answer ? answerView(r.answer) : undefined,
    awaitingAnswer: r.state === 'published' && isSuggestion(r) && !r.answer,
    flagHref: r.state === 'published' ? flagHref : undefined,
  };
}

export function answerView(a: AnswerRow) {
  return {
    label: ANSWER_LABELS[a.kind],
    colour: {
      accepted: 'green',
      'partly-accepted': 'blue',
      'not-taken-forward': 'red',
      'already-covered': 'grey',
    }[a.kind],
    reason: a.reason,
    commitments: a.commitment_keys.join(', '),
    indicators: a.indicator_codes.join(', '),
    initiatives: a.initiative_ids.length,
    when: formatDate(a.answered_at),
  };
}

const publicCrumbs = (p: Slugged, v?: CharterVersion) => [
  { href: '/', text: 'Home' },
  { href: `/p/${p.slug}`, text: p.name },
  { href: `/p/${p.slug}/charter`, text: 'Charter' },
  ...(v
    ? [{ href: `/p/${p.slug}/charter/versions/${v.number}`, text: `Version ${v.number}` }]
    : []),
];

/** The consultation on a version: each commitment with its counts, and how to take part. */
export function publicConsultationPage(
  partnership: Slugged,
  current: VersionWithText,
  counts: ReadonlyMap<string | null, ItemCounts>,
  newSuggestions: readonly ReturnType<typeof publicResponse>[],
  today: string,
  signedIn: boolean,
) {
  const v = current.version;
  const base = consultationPath(partnership, v);
  const window = windowOf(v, today);
  const commitments = current.items.filter((i) => i.kind === 'commitment').length;
  return {
    title: `Have your say on version ${v.number} of the charter`,
    description: `The consultation on version ${v.number} of the Social Value Charter of ${partnership.name}, ${windowInSentence(window)}: what people said about ${commitments === 1 ? 'its one commitment' : `each of its ${commitments} commitments`}, and the new commitments they suggested.`,
    version: {
      name: `Version ${v.number}`,
      title: v.title,
      href: `/p/${partnership.slug}/charter/versions/${v.number}`,
    },
    window,
    preModeration: v.pre_moderation,
    signedIn,
    signInHref: `/sign-in?next=${encodeURIComponent(base)}`,
    joinHref: `/join?next=${encodeURIComponent(base)}`,
    commitments: current.items
      .filter((i) => i.kind === 'commitment')
      .map((i) => ({
        key: i.key,
        title: i.title,
        body: i.body,
        pillar: pillarTitle(i.pillar ?? ''),
        counts: countsText(counts.get(i.key)),
        href: `${base}/${i.key}`,
      })),
    suggestHref: `${base}/suggest`,
    newSuggestions,
    publicNote: PUBLIC_NOTE,
    breadcrumbs: publicCrumbs(partnership, v),
  };
}

const showAsItems = (values: Record<string, unknown>) => [
  { value: 'name', text: 'Under a name I choose', checked: values.showAs === 'name' },
  { value: 'anonymous', text: 'Anonymously', checked: values.showAs === 'anonymous' },
];

/** One commitment: its words, what people said, and the form to respond. */
export function publicCommitmentPage(
  partnership: Slugged,
  v: CharterVersion,
  item: CharterItem,
  responses: readonly ReturnType<typeof publicResponse>[],
  counts: ItemCounts | undefined,
  state: {
    window: ReturnType<typeof windowOf>;
    signedIn: boolean;
    responded: boolean;
    blocked: boolean;
  },
  form: FormState,
) {
  const base = consultationPath(partnership, v);
  return {
    title: `${item.key} ${item.title}`,
    description: `What people said about commitment ${item.key} “${item.title}” in the consultation on version ${v.number} of the Social Value Charter of ${partnership.name}: ${countsText(counts)}.`,
    caption: `Version ${v.number} consultation`,
    item: { ...item, pillar: pillarTitle(item.pillar ?? '') },
    counts: countsText(counts),
    responses,
    ...state,
    canRespond: state.window.open && state.signedIn && !state.responded && !state.blocked,
    action: `${base}/${item.key}`,
    signInHref: `/sign-in?next=${encodeURIComponent(`${base}/${item.key}`)}`,
    joinHref: `/join?next=${encodeURIComponent(`${base}/${item.key}`)}`,
    showAsItems: showAsItems(form.values),
    preModeration: v.pre_moderation,
    publicNote: PUBLIC_NOTE,
    ...form,
    breadcrumbs: [...publicCrumbs(partnership, v), { href: base, text: 'Have your say' }],
  };
}

export function publicSuggestPage(
  partnership: Slugged,
  v: CharterVersion,
  state: { window: ReturnType<typeof windowOf>; signedIn: boolean; blocked: boolean },
  form: FormState,
) {
  const base = consultationPath(partnership, v);
  return {
    title: 'Suggest a new commitment',
    description: `Suggest a new commitment for version ${v.number} of the Social Value Charter of ${partnership.name}: the consultation is ${windowInSentence(state.window)}.`,
    caption: `Version ${v.number} consultation`,
    ...state,
    canRespond: state.window.open && state.signedIn && !state.blocked,
    action: `${base}/suggest`,
    signInHref: `/sign-in?next=${encodeURIComponent(`${base}/suggest`)}`,
    joinHref: `/join?next=${encodeURIComponent(`${base}/suggest`)}`,
    pillarItems: PILLARS.map((p) => ({
      value: p.id,
      text: p.title,
      checked: form.values.pillar === p.id,
    })),
    showAsItems: showAsItems(form.values),
    preModeration: v.pre_moderation,
    publicNote: PUBLIC_NOTE,
    ...form,
    breadcrumbs: [...publicCrumbs(partnership, v), { href: base, text: 'Have your say' }],
  };
}

export function flagPage(
  partnership: Slugged,
  v: CharterVersion,
  response: ReturnType<typeof publicResponse>,
  action: string,
  form: FormState,
) {
  return {
    title: 'Report this response to a moderator',
    description: `Tell a moderator of ${partnership.name} why a response in the consultation on version ${v.number} of its charter breaks the house rules.`,
    response,
    action,
    ...form,
    breadcrumbs: [
      ...publicCrumbs(partnership, v),
      { href: consultationPath(partnership, v), text: 'Have your say' },
    ],
  };
}

/** "You said, we did": every suggestion made in a consultation and the partnership's answer. */
export function youSaidWeDidPage(
  partnership: Slugged,
  versions: readonly {
    version: CharterVersion;
    items: readonly CharterItem[];
    suggestions: readonly (ResponseRow & { answer: AnswerRow | null })[];
  }[],
  indicators: ReadonlyMap<string, { name: string; progress: string }>,
  initiativeTitles: ReadonlyMap<
    string,
    { title: string; status: string; milestones: number; done: number }
  >,
  today: string,
) {
  const suggestions = versions.flatMap((v) => v.suggestions.filter((s) => s.state === 'published'));
  const answered = suggestions.filter((s) => s.answer).length;
  return {
    title: 'You said, we did',
    description:
      suggestions.length > 0
        ? `You said, we did: ${suggestions.length} ${suggestions.length === 1 ? 'suggestion' : 'suggestions'} made in consultations on the Social Value Charter of ${partnership.name}, ${answered} answered in public with the reason and what each led to.`
        : `You said, we did: no suggestions have been made yet in consultations on the Social Value Charter of ${partnership.name}.`,
    versions: versions.map(({ version, items, suggestions }) => {
      const titleOf = new Map(items.map((i) => [i.key, `${i.key} ${i.title}`]));
      const shown = suggestions.filter((s) => s.state === 'published');
      const unanswered = shown.filter((s) => !s.answer).length;
      return {
        name: `Version ${version.number}: ${version.title}`,
        href: consultationPath(partnership, version),
        window: windowOf(version, today).text,
        count: shown.length,
        unanswered,
        byKind: ANSWER_KINDS.map((k) => ({
          label: ANSWER_LABELS[k],
          n: shown.filter((s) => s.answer?.kind === k).length,
        })),
        suggestions: shown.map((s) => ({
          ...publicResponse(s),
          about: s.item_key
            ? (titleOf.get(s.item_key) ?? s.item_key)
            : `A new commitment (${pillarTitle(s.pillar ?? '')})`,
          ledTo: s.answer
            ? [
                ...s.answer.commitment_keys.map((k) => `Commitment ${titleOf.get(k) ?? k}`),
                ...s.answer.indicator_codes.map((c) => {
                  const i = indicators.get(c);
                  return i ? `Indicator ${c} ${i.name}: ${i.progress}` : `Indicator ${c}`;
                }),
                ...s.answer.initiative_ids.map((id) => {
                  const i = initiativeTitles.get(id);
                  return i
                    ? `Joint initiative ${i.title}: ${INITIATIVE_STATUS_LABELS[i.status as keyof typeof INITIATIVE_STATUS_LABELS] ?? i.status}${i.milestones ? `, ${i.done} of ${i.milestones} milestones done` : ''}`
                    : 'A joint initiative';
                }),
              ]
            : [],
        })),
      };
    }),
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${partnership.slug}`, text: partnership.name },
    ],
  };
}

// Staff pages.

const staffCrumbs = (p: Partnership, v: CharterVersion) => [
  { href: `/manage/${p.slug}`, text: p.name },
  { href: `/manage/${p.slug}/charter`, text: 'Charter' },
  { href: versionPath(p, v), text: `Version ${v.number}` },
];

/** Who a response is from, for staff: the name shown, and whether staff entered it. */
const fromText = (r: ResponseRow) =>
  `${r.display_name ?? 'Anonymous'}${r.entered_by ? `, entered by staff (${r.entered_how ?? ''})` : r.participant_id ? '' : ' (account deleted)'}`;

export function responsesPage(
  partnership: Partnership,
  current: VersionWithText,
  responses: readonly (ResponseRow & { answer: AnswerRow | null })[],
  counts: ReadonlyMap<string | null, ItemCounts>,
  flags: ReadonlyMap<string, string[]>,
  filter: string | undefined,
  today: string,
  can: { assist: boolean },
) {
  const v = current.version;
  const base = responsesPath(partnership, v);
  const titleOf = new Map(current.items.map((i) => [i.key, `${i.key} ${i.title}`]));
  const shown = responses.filter((r) =>
    filter === 'pending'
      ? r.state === 'pending'
      : filter === 'unanswered'
        ? r.state !== 'hidden' && isSuggestion(r) && !r.answer
        : filter === 'flagged'
          ? flags.has(r.id)
          : true,
  );
  return {
    title: `Responses to version ${v.number}`,
    window: windowOf(v, today),
    totals: {
      all: responses.length,
      pending: responses.filter((r) => r.state === 'pending').length,
      unanswered: responses.filter((r) => r.state !== 'hidden' && isSuggestion(r) && !r.answer)
        .length,
      flagged: flags.size,
    },
    filters: [
      { text: 'All', href: base, current: !filter },
      {
        text: 'Waiting for moderation',
        href: `${base}?show=pending`,
        current: filter === 'pending',
      },
      {
        text: 'Suggestions waiting for an answer',
        href: `${base}?show=unanswered`,
        current: filter === 'unanswered',
      },
      { text: 'Reported by someone', href: `${base}?show=flagged`, current: filter === 'flagged' },
    ],
    counts: current.items
      .filter((i) => i.kind === 'commitment')
      .map((i) => ({ name: `${i.key} ${i.title}`, text: countsText(counts.get(i.key)) })),
    responses: shown.map((r) => ({
      href: `${base}/${r.id}`,
      about: r.item_key
        ? (titleOf.get(r.item_key) ?? r.item_key)
        : `New commitment: ${r.title ?? ''}`,
      from: fromText(r),
      when: formatDateTime(r.created_at),
      tag: SUGGESTION_STATE_TAGS[r.state],
      summary: [
        r.stance === 'agree' ? 'Agrees' : r.stance === 'disagree' ? 'Disagrees' : '',
        r.comment,
        r.amendment ? `Suggests: ${r.amendment}` : '',
      ]
        .filter(Boolean)
        .join('. ')
        .slice(0, 240),
      answer: r.answer
        ? ANSWER_LABELS[r.answer.kind]
        : isSuggestion(r) && r.state !== 'hidden'
          ? 'Not answered yet'
          : '',
      flags: flags.get(r.id)?.length ?? 0,
    })),
    assistHref: can.assist && windowOf(v, today).open ? `${base}/new` : undefined,
    analysisHref: `${versionPath(partnership, v)}/analysis`,
    logHref: `/manage/${partnership.slug}/moderation`,
    breadcrumbs: staffCrumbs(partnership, v),
  };
}

export function responsePage(
  partnership: Partnership,
  current: VersionWithText,
  r: ResponseRow & { answer: AnswerRow | null },
  flags: readonly string[],
  choices: {
    commitments: readonly CharterItem[];
    initiatives: readonly { id: string; title: string }[];
  },
  can: { moderate: boolean; answer: boolean },
  forms: { hide?: FormState; block?: FormState; answer?: FormState },
  refusal?: string,
) {
  const v = current.version;
  const base = `${responsesPath(partnership, v)}/${r.id}`;
  const item = current.items.find((i) => i.key === r.item_key);
  const answer =
    forms.answer?.values ??
    (r.answer
      ? {
          kind: r.answer.kind,
          reason: r.answer.reason,
          commitments: r.answer.commitment_keys,
          indicators: r.answer.indicator_codes.join(', '),
          initiatives: r.answer.initiative_ids,
        }
      : {});
  const chosen = (name: string) => {
    const v = answer[name];
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  };
  return {
    title: 'A response',
    caption: `Version ${v.number} consultation`,
    refusal,
    response: {
      about: item
        ? `${item.key} ${item.title}`
        : (r.item_key ?? `A new commitment: ${r.title ?? ''} (${pillarTitle(r.pillar ?? '')})`),
      from: fromText(r),
      when: formatDateTime(r.created_at),
      tag: SUGGESTION_STATE_TAGS[r.state],
      stance: r.stance === 'agree' ? 'Agrees' : r.stance === 'disagree' ? 'Disagrees' : 'Not said',
      comment: r.comment || 'None',
      amendment: r.amendment || 'None',
      hiddenReason: r.hidden_reason,
      flags,
      suggestion: isSuggestion(r),
      answer: r.answer ? answerView(r.answer) : undefined,
      canBlock: r.participant_id !== null && r.entered_by === null,
    },
    can,
    state: r.state,
    themes: r.themes.join(', '),
    actions: {
      themes: `${base}/themes`,
      moderate: `${base}/moderate`,
      block: `${base}/block`,
      answer: `${base}/answer`,
    },
    hide: forms.hide ?? { values: {}, errors: { list: [], byField: {} } },
    block: forms.block ?? { values: {}, errors: { list: [], byField: {} } },
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
      errors: forms.answer?.errors ?? { list: [], byField: {} },
    },
    errors: forms.hide?.errors.list.length
      ? forms.hide.errors
      : forms.block?.errors.list.length
        ? forms.block.errors
        : forms.answer?.errors,
    breadcrumbs: [
      ...staffCrumbs(partnership, v),
      { href: responsesPath(partnership, v), text: 'Responses' },
    ],
  };
}

export function assistPage(partnership: Partnership, current: VersionWithText, form: FormState) {
  const v = current.version;
  return {
    title: 'Enter a response for someone',
    caption: `Version ${v.number} consultation`,
    action: `${responsesPath(partnership, v)}/new`,
    aboutItems: [
      { value: '', text: 'Select what the response is about' },
      ...current.items
        .filter((i) => i.kind === 'commitment')
        .map((i) => ({
          value: i.key,
          text: `${i.key} ${i.title}`,
          selected: form.values.about === i.key,
        })),
      { value: 'new', text: 'A suggested new commitment', selected: form.values.about === 'new' },
    ],
    pillarItems: [
      { value: '', text: 'Select a pillar (for a new commitment)' },
      ...PILLARS.map((p) => ({
        value: p.id,
        text: p.title,
        selected: form.values.pillar === p.id,
      })),
    ],
    stanceItems: [
      { value: 'agree', text: 'Agrees', checked: form.values.stance === 'agree' },
      { value: 'disagree', text: 'Disagrees', checked: form.values.stance === 'disagree' },
      { value: '', text: 'Did not say', checked: !form.values.stance },
    ],
    showAsItems: showAsItems(form.values),
    ...form,
    breadcrumbs: [
      ...staffCrumbs(partnership, v),
      { href: responsesPath(partnership, v), text: 'Responses' },
    ],
  };
}

export function moderationLogPage(
  partnership: Partnership,
  rows: readonly {
    action: string;
    subject: string;
    reason: string | null;
    moderator_label: string;
    created_at: Date;
  }[],
) {
  const words: Record<string, string> = {
    approve: 'Approved',
    hide: 'Hidden',
    restore: 'Restored',
    keep: 'Reports looked at: kept published',
    block: 'Participant blocked',
    unblock: 'Participant unblocked',
    tag: 'Themes tagged',
  };
  return {
    title: 'Moderation log',
    rows: rows.map((r) => ({
      when: formatDateTime(r.created_at),
      what: `${words[r.action] ?? r.action} (${r.subject})`,
      reason: r.reason ?? '',
      who: r.moderator_label,
    })),
    breadcrumbs: [{ href: `/manage/${partnership.slug}`, text: partnership.name }],
  };
}
