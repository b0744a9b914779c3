/**
 * What the survey pages show: for staff, a version's questions, the form to add or change one,
 * removing one, and the results through disclosure control; for residents, the survey itself.
 * Each form says plainly what will be public.
 */
import {
  DECILE_BANDS,
  SCALE_POINTS,
  SURVEY_KINDS,
  SURVEY_KIND_LABELS,
  answerField,
  type SurveyQuestion,
  type SurveyTally,
} from '../../core/charter/survey.js';
import {
  DISCLOSURE_THRESHOLD,
  protectList,
  publishedText,
} from '../../core/disclosure/disclosure.js';
import type { Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import { versionPath } from '../charter/charter.pages.js';
import type { CharterVersion } from '../charter/charter.service.js';
import {
  consultationPath,
  windowInSentence,
  windowOf,
} from '../consultation/consultation.pages.js';

export const V = 'features/survey/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

/** What residents are told beside the survey. */
export const SURVEY_PUBLIC_NOTE = `Your answers to the survey are not published one by one. The partnership publishes only totals, and never a count of fewer than ${DISCLOSURE_THRESHOLD} people.`;
export const SURVEY_PRIVATE_NOTE =
  'What you write in answer to a free-text question is read only by the partnership’s staff and is never published. Staff see your answers without your name or email address; they are kept with your account only so that each person answers once.';
export const POSTCODE_HINT =
  'We use it only to work out which area and how deprived a neighbourhood our respondents come from, then delete it. It is never shown or kept.';

/** What staff are told beside the question form. */
export const QUESTION_PUBLIC_NOTE =
  'The questions and their answers to choose from are public: anyone can read them on the consultation’s survey page once the version is out for consultation. Residents’ answers are never published one by one: the partnership publishes only totals, and never a count of fewer than 10 people. Answers to a free-text question are never published: only staff who can see the consultation’s responses read them.';

export const surveyPath = (p: Pick<Partnership, 'slug'>, v: { id: string }) =>
  `${versionPath(p, v)}/survey`;
export const publicSurveyPath = (p: Pick<Partnership, 'slug'>, v: Pick<CharterVersion, 'number'>) =>
  `${consultationPath(p, v)}/survey`;

const staffCrumbs = (p: Partnership, v: CharterVersion) => [
  { href: `/manage/${p.slug}`, text: p.name },
  { href: `/manage/${p.slug}/charter`, text: 'Charter' },
  { href: versionPath(p, v), text: `Version ${v.number}` },
];

const optionsText = (q: SurveyQuestion) =>
  q.kind === 'text'
    ? ''
    : q.kind === 'scale'
      ? `1 means “${q.options[0] ?? ''}”, 5 means “${q.options[1] ?? ''}”`
      : q.options.join('; ');

/** A version's survey questions, with links to change them while it is a draft. */
export function questionsPage(
  partnership: Partnership,
  v: CharterVersion,
  questions: readonly SurveyQuestion[],
  state: { canEdit: boolean; answers: number },
) {
  const base = surveyPath(partnership, v);
  const editable = state.canEdit && v.state === 'draft' && state.answers === 0;
  return {
    title: `Survey for version ${v.number}`,
    caption: `Version ${v.number}: ${v.title}`,
    isDraft: v.state === 'draft',
    editable,
    answers: String(state.answers),
    questions: questions.map((q, i) => ({
      number: String(i + 1),
      prompt: q.prompt,
      kind: SURVEY_KIND_LABELS[q.kind],
      required: q.required ? 'Needs an answer' : 'Optional',
      options: optionsText(q),
      changeHref: editable ? `${base}/questions/${q.id}` : undefined,
      removeHref: editable ? `${base}/questions/${q.id}/remove` : undefined,
    })),
    addHref: editable ? `${base}/questions/new` : undefined,
    resultsHref: `${base}/results`,
    publicHref: v.state === 'draft' ? undefined : publicSurveyPath(partnership, v),
    publicNote: QUESTION_PUBLIC_NOTE,
    breadcrumbs: staffCrumbs(partnership, v),
  };
}

/** The form's values for an existing question. */
export function questionFormValues(q: SurveyQuestion): Record<string, string> {
  return {
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.join('\n'),
    required: q.required ? 'yes' : 'no',
  };
}

export function questionFormPage(
  partnership: Partnership,
  v: CharterVersion,
  question: SurveyQuestion | undefined,
  form: FormState,
) {
  const base = surveyPath(partnership, v);
  return {
    title: question ? 'Change a survey question' : 'Add a survey question',
    caption: `Version ${v.number} survey`,
    action: question ? `${base}/questions/${question.id}` : `${base}/questions/new`,
    kindItems: SURVEY_KINDS.map((k) => ({
      value: k,
      text: SURVEY_KIND_LABELS[k],
      checked: form.values.kind === k,
    })),
    requiredItems: [
      { value: 'yes', text: 'Yes', checked: form.values.required === 'yes' },
      { value: 'no', text: 'No, it is optional', checked: form.values.required === 'no' },
    ],
    cancelHref: base,
    publicNote: QUESTION_PUBLIC_NOTE,
    ...form,
    breadcrumbs: [...staffCrumbs(partnership, v), { href: base, text: 'Survey' }],
  };
}

export function removeQuestionPage(
  partnership: Partnership,
  v: CharterVersion,
  question: SurveyQuestion,
) {
  const base = surveyPath(partnership, v);
  return {
    title: 'Remove this survey question?',
    caption: `Version ${v.number} survey`,
    prompt: question.prompt,
    options: optionsText(question),
    action: `${base}/questions/${question.id}/remove`,
    cancelHref: base,
    breadcrumbs: [...staffCrumbs(partnership, v), { href: base, text: 'Survey' }],
  };
}

/** What a breakdown of fewer than DISCLOSURE_THRESHOLD people shows in each of its rows. */
export const TOO_FEW_TO_BREAK_DOWN = `Not shown: fewer than ${DISCLOSURE_THRESHOLD} people in all`;

/** What a breakdown that would give a small count away whatever was hidden shows in its rows. */
export const WOULD_GIVE_AWAY = 'Not shown: it would let a small count be worked out';

/**
 * Rows of label and disclosure-controlled count, with the total. A breakdown of fewer than
 * DISCLOSURE_THRESHOLD people in all is not shown at all: with so few, even a 0 beside a hidden
 * count tells which answer they gave. Every breakdown that puts each person in one row counts
 * the same people another way (by area, by deprivation, by answer), so its total is known from
 * the others: it is protected by hiding rows, never its total, and where that cannot protect a
 * small count, it is not shown.
 */
export function protectedRows(
  labels: readonly string[],
  counts: readonly number[],
  /** Whether each person is in one row (false for a multiple-choice question's answers). */
  partition = true,
) {
  const all = counts.reduce((a, b) => a + b, 0);
  if (all > 0 && all < DISCLOSURE_THRESHOLD)
    return {
      rows: labels.map((label) => ({ label, value: TOO_FEW_TO_BREAK_DOWN })),
      total: publishedText(protectList([all]).total),
    };
  const p = protectList(counts, { totalPublished: partition });
  if (p.cannotProtect)
    return {
      rows: labels.map((label) => ({ label, value: WOULD_GIVE_AWAY })),
      total: publishedText(p.total),
    };
  return {
    rows: labels.map((label, i) => {
      const cell = p.cells[i];
      return { label, value: cell ? publishedText(cell) : '' };
    }),
    total: publishedText(p.total),
  };
}

/**
 * The demographics of those who answered, as they may be published: people by district (the
 * partnership's own, then elsewhere, then not placed) and by deprivation decile band, each through
 * disclosure control. For the consultation's analysis page too.
 */
export function surveyDemographics(
  tally: Pick<SurveyTally, 'areas' | 'bands' | 'received' | 'placed'>,
  localArea: readonly string[],
  districtName: (code: string) => string,
) {
  return {
    // Not how many were placed to an area: with the total, that would give the row of those
    // not placed away.
    coverage: `${tally.received} ${tally.received === 1 ? 'person has' : 'people have'} answered the survey. Those who gave a home postcode are counted by the area it was placed in (the postcodes themselves were not kept). The counts below are disclosure-controlled as they would be published: rounded to the nearest 5, never a count of fewer than ${DISCLOSURE_THRESHOLD} people, and no breakdown that would let one be worked out.`,
    areas: protectedRows(
      [...localArea.map((c) => districtName(c)), 'Elsewhere', 'Postcode not given, or not placed'],
      tally.areas,
    ),
    bands: protectedRows(DECILE_BANDS, tally.bands),
  };
}

/** The results of a version's survey for staff: totals through disclosure control, free text. */
export function resultsPage(
  partnership: Partnership,
  v: CharterVersion,
  tally: SurveyTally,
  districtName: (code: string) => string,
) {
  const base = surveyPath(partnership, v);
  return {
    title: `Survey results for version ${v.number}`,
    caption: `Version ${v.number}: ${v.title}`,
    received: tally.received,
    questions: tally.questions.map((t, i) => {
      const q = t.question;
      const heading = `${i + 1}. ${q.prompt}`;
      if (q.kind === 'text')
        return {
          heading,
          kind: q.kind,
          respondents: String(t.respondents),
          texts: t.texts,
        };
      const labels =
        q.kind === 'scale'
          ? SCALE_POINTS.map((n) =>
              n === 1
                ? `1 (${q.options[0] ?? ''})`
                : n === 5
                  ? `5 (${q.options[1] ?? ''})`
                  : String(n),
            )
          : q.options;
      const table = protectedRows(labels, t.counts, q.kind !== 'multiple');
      return {
        heading,
        kind: q.kind,
        rows: table.rows,
        // A multiple choice question's counts add up to more than the people who answered it.
        respondents:
          q.kind === 'multiple' ? publishedText(protectList([t.respondents]).total) : table.total,
        multiple: q.kind === 'multiple',
      };
    }),
    demographics: surveyDemographics(tally, partnership.local_area, districtName),
    surveyHref: base,
    breadcrumbs: [...staffCrumbs(partnership, v), { href: base, text: 'Survey' }],
  };
}

// Residents' page.

const valueList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** The survey for residents: the questions, an optional postcode, and what will be public. */
export function publicSurveyPage(
  partnership: Pick<Partnership, 'slug' | 'name'>,
  v: CharterVersion,
  questions: readonly SurveyQuestion[],
  state: { today: string; signedIn: boolean; answered: boolean; blocked: boolean },
  form: FormState,
) {
  const base = consultationPath(partnership, v);
  const action = `${base}/survey`;
  const window = windowOf(v, state.today);
  return {
    title: `Survey on version ${v.number} of the charter`,
    description: `A short survey${questions.length ? ` of ${questions.length} ${questions.length === 1 ? 'question' : 'questions'}` : ''} from ${partnership.name} on version ${v.number} of its Social Value Charter, published only as totals: the consultation is ${windowInSentence(window)}.`,
    caption: `Version ${v.number} consultation`,
    window,
    signedIn: state.signedIn,
    blocked: state.blocked,
    answered: state.answered,
    hasQuestions: questions.length > 0,
    canAnswer:
      window.open && state.signedIn && !state.answered && !state.blocked && questions.length > 0,
    action,
    signInHref: `/sign-in?next=${encodeURIComponent(action)}`,
    joinHref: `/join?next=${encodeURIComponent(action)}`,
    questions: questions.map((q, i) => {
      const name = answerField(q);
      const value = form.values[name];
      const legend = `${i + 1}. ${q.prompt}${q.required ? '' : ' (optional)'}`;
      const errorMessage = form.errors.byField[name];
      if (q.kind === 'text')
        return {
          kind: q.kind,
          name,
          legend,
          value: typeof value === 'string' ? value : '',
          errorMessage,
        };
      const items =
        q.kind === 'scale'
          ? SCALE_POINTS.map((n) => ({
              value: String(n),
              text:
                n === 1
                  ? `1: ${q.options[0] ?? ''}`
                  : n === 5
                    ? `5: ${q.options[1] ?? ''}`
                    : String(n),
              checked: value === String(n),
            }))
          : q.options.map((o) => ({
              value: o,
              text: o,
              checked: valueList(value).includes(o),
            }));
      return {
        kind: q.kind,
        name,
        legend,
        hint:
          q.kind === 'multiple'
            ? 'Select all that apply.'
            : q.kind === 'scale'
              ? 'Select one number.'
              : undefined,
        items,
        errorMessage,
      };
    }),
    publicNote: SURVEY_PUBLIC_NOTE,
    privateNote: SURVEY_PRIVATE_NOTE,
    postcodeHint: POSTCODE_HINT,
    consultationHref: base,
    ...form,
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${partnership.slug}`, text: partnership.name },
      { href: `/p/${partnership.slug}/charter`, text: 'Charter' },
      { href: `/p/${partnership.slug}/charter/versions/${v.number}`, text: `Version ${v.number}` },
      { href: base, text: 'Have your say' },
    ],
  };
}
