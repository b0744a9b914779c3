/**
 * A consultation's optional survey (decision 029): reading the partnership's form for a question
 * (single choice, multiple choice, a scale of 1 to 5, free text), reading a resident's answers
 * against the questions, and counting the answers (by option, by area and by deprivation decile
 * band) for publication through disclosure control. A home postcode is read here only to check
 * that it is one: the service places it and drops it. Pure.
 */
import { isValid } from 'postcode';
import type { Problem } from '../registers/entry-form.js';
import type { Read } from './forms.js';
import { characterCount, hasControlCharacters, textProblem } from './versions.js';

export const SURVEY_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const SURVEY_KIND_LABELS: Readonly<Record<SurveyKind, string>> = {
  single: 'Choose one answer',
  multiple: 'Choose any number of answers',
  scale: 'A scale of 1 to 5',
  text: 'Free text',
};

export function isSurveyKind(value: unknown): value is SurveyKind {
  return (SURVEY_KINDS as readonly unknown[]).includes(value);
}

export const MAX_PROMPT = 300;
export const MAX_OPTION = 100;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const MAX_ANSWER_TEXT = 2000;
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;

/** One question's answer: an option, several options, a point on the scale or words. */
export type SurveyAnswerValue = string | string[] | number;

export interface SurveyQuestion {
  readonly id: string;
  readonly kind: SurveyKind;
  readonly prompt: string;
  /** The choices; for a scale, what 1 and 5 mean; none for free text. */
  readonly options: readonly string[];
  readonly required: boolean;
}

export interface QuestionValues {
  readonly kind: SurveyKind;
  readonly prompt: string;
  readonly options: string[];
  readonly required: boolean;
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** The lines of a text box, trimmed, without empty ones. */
export function linesOf(value: string): string[] {
  return value
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The form for a question: its kind, its words, its choices (one a line) and whether required. */
export function readQuestion(body: Body): Read<QuestionValues> {
  const problems: Problem[] = [];
  const k = text(body, 'kind');
  const kind = isSurveyKind(k) ? k : null;
  if (!kind) problems.push({ field: 'kind', text: 'Select the kind of question' });
  const prompt = text(body, 'prompt');
  const promptProblem = textProblem('prompt', 'the question', prompt, {
    max: MAX_PROMPT,
    required: true,
    lineBreaks: false,
  });
  if (promptProblem) problems.push(promptProblem);
  const raw = typeof body.options === 'string' ? body.options : '';
  const lines = kind === 'text' ? [] : linesOf(raw);
  if (kind === 'single' || kind === 'multiple') {
    if (lines.length < MIN_OPTIONS)
      problems.push({ field: 'options', text: 'Enter at least 2 answers, one on each line' });
    else if (lines.length > MAX_OPTIONS)
      problems.push({ field: 'options', text: `Enter ${MAX_OPTIONS} answers or fewer` });
  } else if (kind === 'scale' && lines.length !== 2) {
    problems.push({
      field: 'options',
      text: 'Enter what 1 means on the first line and what 5 means on the second',
    });
  }
  if (lines.some((l) => characterCount(l) > MAX_OPTION))
    problems.push({
      field: 'options',
      text: `Each answer must be ${MAX_OPTION} characters or fewer`,
    });
  else if (lines.some((l) => hasControlCharacters(l, false)))
    problems.push({
      field: 'options',
      text: 'Answers must not contain tabs or other control characters',
    });
  else if (new Set(lines.map((l) => l.toLowerCase())).size !== lines.length)
    problems.push({ field: 'options', text: 'Each answer must be different' });
  const r = text(body, 'required');
  if (r !== 'yes' && r !== 'no')
    problems.push({ field: 'required', text: 'Select whether an answer is needed' });
  return problems.length > 0 || !kind
    ? { ok: false, problems }
    : { ok: true, values: { kind, prompt, options: lines, required: r === 'yes' } };
}

/** The form field of a question's answer. */
export const answerField = (q: Pick<SurveyQuestion, 'id'>) => `q-${q.id}`;

export interface AnswersValues {
  /** Question id → answer; a question left unanswered is absent. */
  readonly answers: Record<string, SurveyAnswerValue>;
  /** The home postcode as typed (valid), to be placed and dropped; null when none was given. */
  readonly postcode: string | null;
}

/**
 * A resident's answers to the questions, in their order: the required ones answered, each choice
 * among the question's options, a scale 1 to 5, free text up to 2,000 characters without control
 * characters; and an optional home postcode, which must be a real one. At least one question must
 * be answered.
 */
export function readAnswers(body: Body, questions: readonly SurveyQuestion[]): Read<AnswersValues> {
  const problems: Problem[] = [];
  const answers: Record<string, SurveyAnswerValue> = {};
  questions.forEach((q, i) => {
    const field = answerField(q);
    const n = i + 1;
    const v = body[field];
    const absent = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (absent) {
      if (q.required)
        problems.push({
          field,
          text:
            q.kind === 'multiple'
              ? `Select at least one answer to question ${n}`
              : q.kind === 'scale'
                ? `Select a number from 1 to 5 for question ${n}`
                : q.kind === 'text'
                  ? `Enter your answer to question ${n}`
                  : `Select an answer to question ${n}`,
        });
      return;
    }
    const listed = `Select from the answers listed for question ${n}`;
    if (q.kind === 'single') {
      if (typeof v === 'string' && q.options.includes(v)) answers[q.id] = v;
      else problems.push({ field, text: listed });
    } else if (q.kind === 'multiple') {
      const chosen = Array.isArray(v) ? v : [v];
      if (chosen.every((c): c is string => typeof c === 'string' && q.options.includes(c))) {
        const picked = q.options.filter((o) => chosen.includes(o));
        if (picked.length > 0) answers[q.id] = picked;
      } else problems.push({ field, text: listed });
    } else if (q.kind === 'scale') {
      if (typeof v === 'string' && /^[1-5]$/.test(v)) answers[q.id] = Number(v);
      else problems.push({ field, text: `Select a number from 1 to 5 for question ${n}` });
    } else {
      const s = typeof v === 'string' ? v.trim() : null;
      const p =
        s === null
          ? { field, text: `Enter your answer to question ${n} once` }
          : textProblem(field, `your answer to question ${n}`, s, {
              max: MAX_ANSWER_TEXT,
              required: q.required,
              lineBreaks: true,
            });
      if (p) problems.push(p);
      else if (s) answers[q.id] = s;
    }
  });
  const raw = body.postcode;
  const postcode = typeof raw === 'string' ? raw.trim() : '';
  if (raw !== undefined && typeof raw !== 'string')
    problems.push({ field: 'postcode', text: 'Enter your postcode once, or leave it empty' });
  else if (postcode && (postcode.length > 10 || !isValid(postcode)))
    problems.push({
      field: 'postcode',
      text: 'Enter a full UK postcode, like L8 8AW, or leave it empty',
    });
  const first = questions[0];
  if (problems.length === 0 && Object.keys(answers).length === 0 && first)
    problems.push({ field: answerField(first), text: 'Answer at least one question' });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, values: { answers, postcode: postcode || null } };
}

/** The deprivation decile bands the results show, most deprived first, then "not placed". */
export const DECILE_BANDS = [
  '1 to 2 (most deprived)',
  '3 to 4',
  '5 to 6',
  '7 to 8',
  '9 to 10 (least deprived)',
  'Postcode not given, or its neighbourhood not known',
] as const;

/** The index in DECILE_BANDS of a decile (1 to 10), or of "not placed". */
export function decileBand(decile: number | null | undefined): number {
  return decile && Number.isInteger(decile) && decile >= 1 && decile <= 10
    ? Math.ceil(decile / 2) - 1
    : DECILE_BANDS.length - 1;
}

export interface AnswerRecord {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly area: string | null;
  readonly imd_decile: number | null;
}

export interface QuestionTally {
  readonly question: SurveyQuestion;
  /** People who answered it. */
  readonly respondents: number;
  /** People per option (single, multiple) or per point 1 to 5 (scale); none for free text. */
  readonly counts: number[];
  /** The free-text answers, oldest first. */
  readonly texts: string[];
}

export interface SurveyTally {
  readonly received: number;
  readonly questions: QuestionTally[];
  /** People per district of `localArea`, then elsewhere, then postcode not given or not placed. */
  readonly areas: number[];
  /** People per DECILE_BANDS entry. */
  readonly bands: number[];
  /** How many gave a postcode that was placed to a district. */
  readonly placed: number;
}

/** Counts the answers to each question, and the people by area and by deprivation band. */
export function tallySurvey(
  questions: readonly SurveyQuestion[],
  rows: readonly AnswerRecord[],
  localArea: readonly string[],
): SurveyTally {
  const tallies = questions.map((q) => ({
    question: q,
    respondents: 0,
    counts: q.kind === 'scale' ? SCALE_POINTS.map(() => 0) : q.options.map(() => 0),
    texts: [] as string[],
  }));
  const areas = [...localArea.map(() => 0), 0, 0];
  const bands = DECILE_BANDS.map(() => 0);
  let placed = 0;
  for (const row of rows) {
    for (const t of tallies) {
      const v = row.answers[t.question.id];
      if (v === undefined || v === null) continue;
      const q = t.question;
      if (q.kind === 'text') {
        if (typeof v === 'string' && v) {
          t.texts.push(v);
          t.respondents++;
        }
        continue;
      }
      const picked =
        q.kind === 'scale'
          ? typeof v === 'number'
            ? [v - 1]
            : []
          : (Array.isArray(v) ? v : [v]).map((o) => q.options.indexOf(String(o)));
      const valid = [...new Set(picked)].filter((i) => i >= 0 && i < t.counts.length);
      if (valid.length === 0) continue;
      t.respondents++;
      for (const i of valid) t.counts[i] = (t.counts[i] ?? 0) + 1;
    }
    const local = row.area ? localArea.indexOf(row.area) : -1;
    const a = row.area ? (local >= 0 ? local : localArea.length) : localArea.length + 1;
    areas[a] = (areas[a] ?? 0) + 1;
    if (row.area) placed++;
    const b = decileBand(row.imd_decile);
    bands[b] = (bands[b] ?? 0) + 1;
  }
  return { received: rows.length, questions: tallies, areas, bands, placed };
}
