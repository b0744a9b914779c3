/**
 * Reading what residents send in a consultation: a response to a commitment (agree or disagree,
 * a comment, a suggested change), a suggested new commitment, the details staff add when they
 * enter a response for someone (a paper form, an event), a moderator's reason for hiding, and the
 * partnership's answer with what it led to. Pure.
 */
import { isPillarId } from '../pillars.js';
import type { Problem } from '../registers/entry-form.js';
import { readAnswer, validateDisplayName, type AnswerKind } from './consultation.js';
import { INDICATOR_CODE, textProblem } from './versions.js';
import type { Read } from './forms.js';
import { indicatorCodesOf } from './forms.js';

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

function list(body: Body, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && !!x);
}

/** How a contribution is shown: under a chosen name, or anonymously. */
function readName(body: Body, problems: Problem[]): string | null {
  const how = text(body, 'showAs');
  if (how !== 'name' && how !== 'anonymous') {
    problems.push({ field: 'showAs', text: 'Select how your response is shown' });
    return null;
  }
  if (how === 'anonymous') return null;
  const name = text(body, 'displayName');
  if (!name) {
    problems.push({ field: 'displayName', text: 'Enter the name to show, or choose anonymously' });
    return null;
  }
  problems.push(...validateDisplayName(name).map((p) => ({ ...p, field: 'displayName' })));
  return name;
}

export interface ResponseValues {
  readonly stance: 'agree' | 'disagree' | null;
  readonly comment: string;
  readonly amendment: string;
  readonly displayName: string | null;
}

/** A response to one commitment: at least one of a stance, a comment or a suggested change. */
export function readResponse(body: Body): Read<ResponseValues> {
  const problems: Problem[] = [];
  const s = text(body, 'stance');
  const stance = s === 'agree' || s === 'disagree' ? s : null;
  if (s && !stance) problems.push({ field: 'stance', text: 'Select agree or disagree' });
  const comment = text(body, 'comment');
  const amendment = text(body, 'amendment');
  for (const [field, value, name] of [
    ['comment', comment, 'your comment'],
    ['amendment', amendment, 'your suggested change'],
  ] as const) {
    const p = textProblem(field, name, value, { max: 2000, required: false, lineBreaks: true });
    if (p) problems.push(p);
  }
  if (!stance && !comment && !amendment && !s)
    problems.push({
      field: 'stance',
      text: 'Say whether you agree or disagree, or write a comment or a suggested change',
    });
  const displayName = readName(body, problems);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, values: { stance, comment, amendment, displayName } };
}

export interface NewCommitmentValues {
  readonly pillar: string;
  readonly title: string;
  readonly amendment: string;
  readonly comment: string;
  readonly displayName: string | null;
}

/** A suggested new commitment: its pillar, a title and its words, and why (optional). */
export function readNewCommitment(body: Body): Read<NewCommitmentValues> {
  const problems: Problem[] = [];
  const pillar = text(body, 'pillar');
  if (!isPillarId(pillar))
    problems.push({ field: 'pillar', text: 'Select the pillar it belongs to' });
  const title = text(body, 'title');
  const amendment = text(body, 'amendment');
  const comment = text(body, 'comment');
  for (const p of [
    textProblem('title', 'a short title', title, { max: 200, required: true, lineBreaks: false }),
    textProblem('amendment', 'what the members should commit to', amendment, {
      max: 2000,
      required: true,
      lineBreaks: true,
    }),
    textProblem('comment', 'why', comment, { max: 2000, required: false, lineBreaks: true }),
  ])
    if (p) problems.push(p);
  const displayName = readName(body, problems);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, values: { pillar, title, amendment, comment, displayName } };
}

/** How a response entered by staff reached them: "Paper form at the Birkenhead library event". */
export function readEnteredHow(body: Body): Read<{ enteredHow: string }> {
  const enteredHow = text(body, 'enteredHow');
  const p = textProblem('enteredHow', 'how the response reached you', enteredHow, {
    max: 200,
    required: true,
    lineBreaks: false,
  });
  return p ? { ok: false, problems: [p] } : { ok: true, values: { enteredHow } };
}

/** A reason typed into a form (one line, up to 500 characters), described as the form asks for it. */
function readReason(body: Body, what: string): Read<{ reason: string }> {
  const reason = text(body, 'reason');
  const p = textProblem('reason', what, reason, { max: 500, required: true, lineBreaks: false });
  return p ? { ok: false, problems: [p] } : { ok: true, values: { reason } };
}

/** A moderator's public reason for hiding something. */
export const readHideReason = (body: Body) =>
  readReason(body, 'the reason, which is shown in its place');

/** Why someone reports a response or a priority (only moderators see it). */
export const readFlagReason = (body: Body) => readReason(body, 'why you are reporting it');

/** Why a moderator blocks a participant (kept in the moderation log). */
export const readBlockReason = (body: Body) => readReason(body, 'why you are blocking them');

export interface AnswerFormValues {
  readonly kind: AnswerKind;
  readonly reason: string;
  readonly commitmentKeys: string[];
  readonly indicatorCodes: string[];
  readonly initiativeIds: string[];
}

/**
 * The partnership's answer: its kind and reason (core/charter/consultation.ts readAnswer), and
 * what it led to: commitments (keys of `commitments`), indicators (of `indicators`) and joint
 * initiatives (of `initiatives`).
 */
export function readAnswerForm(
  body: Body,
  known: {
    commitments: ReadonlySet<string>;
    indicators: ReadonlySet<string>;
    initiatives: ReadonlySet<string>;
  },
): Read<AnswerFormValues> {
  const read = readAnswer({ kind: text(body, 'kind'), reason: text(body, 'reason') });
  const problems: Problem[] = read.ok ? [] : [...read.problems];
  const commitmentKeys = list(body, 'commitments').filter((k) => known.commitments.has(k));
  const initiativeIds = list(body, 'initiatives').filter((k) => known.initiatives.has(k));
  const indicatorCodes = indicatorCodesOf(text(body, 'indicators'));
  const unknown = indicatorCodes.filter((c) => !INDICATOR_CODE.test(c) || !known.indicators.has(c));
  if (unknown.length > 0)
    problems.push({
      field: 'indicators',
      text: `The framework has no indicator ${unknown.slice(0, 5).join(', ')}: use codes like W1 or P1`,
    });
  if (indicatorCodes.length > 20)
    problems.push({ field: 'indicators', text: 'Name 20 indicators or fewer' });
  return problems.length > 0 || !read.ok
    ? { ok: false, problems }
    : {
        ok: true,
        values: {
          kind: read.values.kind,
          reason: read.values.reason,
          commitmentKeys,
          indicatorCodes,
          initiativeIds,
        },
      };
}
