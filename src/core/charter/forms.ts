/**
 * Reading the charter's forms: a principle or commitment, a version's title and summary, a
 * consultation's window, a signature and a pledge. Each gives the values to save or the problems
 * to show beside their fields (the error summary links to each). Pure.
 */
import { dateFromBoxes, type Problem } from '../registers/entry-form.js';
import { textProblem, validateCommitment, validatePrinciple } from './versions.js';

export type Read<T> =
  | { readonly ok: true; readonly values: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** Adds the problem with a piece of text, if any (core/charter/versions.ts textProblem). */
function limited(
  problems: Problem[],
  field: string,
  value: string,
  label: string,
  limits: { min: number; max: number; lines?: boolean },
) {
  const problem = textProblem(field, label, value, {
    max: limits.max,
    required: limits.min > 0,
    lineBreaks: limits.lines ?? false,
  });
  if (problem) problems.push(problem);
}

/** A list of indicator codes typed as "W1, W4 P1" (any separators), upper-cased. */
export function indicatorCodesOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export interface ItemValues {
  readonly pillar: string | null;
  readonly title: string;
  readonly body: string;
  readonly indicatorCodes: string[];
  readonly changeNote: string;
}

/**
 * A principle or a commitment. `known` is the partnership's indicator codes, so a commitment
 * names only indicators its framework has; `noteNeeded` says the previous version held the item
 * with other words, so the change must say why.
 */
export function readItem(
  kind: 'principle' | 'commitment',
  body: Body,
  known: ReadonlySet<string>,
  before?: {
    title: string;
    body: string;
    pillar: string | null;
    indicatorCodes: readonly string[];
  },
): Read<ItemValues> {
  const values: ItemValues = {
    pillar: kind === 'commitment' ? text(body, 'pillar') : null,
    title: text(body, 'title'),
    body: text(body, 'body'),
    indicatorCodes: kind === 'commitment' ? indicatorCodesOf(text(body, 'indicators')) : [],
    changeNote: text(body, 'changeNote'),
  };
  const problems: Problem[] = [
    ...(kind === 'commitment'
      ? validateCommitment({
          pillar: values.pillar ?? '',
          title: values.title,
          text: values.body,
          indicatorCodes: values.indicatorCodes,
        })
      : validatePrinciple({ title: values.title, text: values.body })
    ).map(renamed),
  ];
  if (kind === 'commitment' && !problems.some((p) => p.field === 'indicators')) {
    const unknown = values.indicatorCodes.filter((c) => !known.has(c));
    if (unknown.length > 0)
      problems.push({
        field: 'indicators',
        text: `The framework has no indicator ${unknown.join(', ')}: use codes from the framework, like W1 or P1`,
      });
  }
  limited(problems, 'changeNote', values.changeNote, 'why it changed', {
    min: 0,
    max: 1000,
    lines: true,
  });
  if (
    before &&
    !values.changeNote &&
    (before.title !== values.title ||
      before.body !== values.body ||
      before.pillar !== values.pillar ||
      before.indicatorCodes.join() !== values.indicatorCodes.join())
  )
    problems.push({
      field: 'changeNote',
      text: 'Say why this changed from the previous version: the public sees it beside the change',
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** The core's field names are the form's, except the text, which the form calls body. */
function renamed(p: { field: string; text?: string; message?: string }): Problem {
  const field = p.field === 'text' ? 'body' : p.field === 'indicatorCodes' ? 'indicators' : p.field;
  return { field, text: p.text ?? p.message ?? '' };
}

export function readDetails(body: Body): Read<{ title: string; summary: string }> {
  const values = { title: text(body, 'title'), summary: text(body, 'summary') };
  const problems: Problem[] = [];
  limited(problems, 'title', values.title, 'a title', { min: 1, max: 200 });
  limited(problems, 'summary', values.summary, 'the summary', { min: 0, max: 4000, lines: true });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

export function readRemoval(body: Body, needed: boolean): Read<{ note: string }> {
  const note = text(body, 'note');
  const problems: Problem[] = [];
  limited(problems, 'note', note, 'why it is removed', {
    min: needed ? 1 : 0,
    max: 1000,
    lines: true,
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: { note } };
}

export interface WindowValues {
  readonly opens: string;
  readonly closes: string;
  readonly preModeration: boolean;
}

/** A consultation's window: it opens today or later and runs for at least a day. */
export function readWindow(body: Body, today: string): Read<WindowValues> {
  const opens = dateFromBoxes(body, 'opens');
  const closes = dateFromBoxes(body, 'closes');
  const moderation = text(body, 'preModeration');
  const problems: Problem[] = [];
  if (opens === '') problems.push({ field: 'opens-day', text: 'Enter the date it opens' });
  else if (opens === null)
    problems.push({ field: 'opens-day', text: 'The date it opens must be a real date' });
  else if (opens < today)
    problems.push({ field: 'opens-day', text: 'The date it opens must be today or later' });
  if (closes === '') problems.push({ field: 'closes-day', text: 'Enter the date it closes' });
  else if (closes === null)
    problems.push({ field: 'closes-day', text: 'The date it closes must be a real date' });
  else if (opens && closes <= opens)
    problems.push({
      field: 'closes-day',
      text: 'The date it closes must be after the date it opens',
    });
  if (moderation !== 'yes' && moderation !== 'no')
    problems.push({
      field: 'preModeration',
      text: 'Select whether comments are checked before they are shown',
    });
  return problems.length > 0 || !opens || !closes
    ? { ok: false, problems }
    : { ok: true, values: { opens, closes, preModeration: moderation === 'yes' } };
}

export interface SignatureValues {
  readonly signatoryName: string;
  readonly signatoryRole: string;
  readonly signedOn: string;
}

export function readSignature(body: Body, today: string): Read<SignatureValues> {
  const signatoryName = text(body, 'signatoryName');
  const signatoryRole = text(body, 'signatoryRole');
  const signedOn = dateFromBoxes(body, 'signedOn');
  const problems: Problem[] = [];
  limited(problems, 'signatoryName', signatoryName, 'the name of the person signing', {
    min: 1,
    max: 120,
  });
  limited(problems, 'signatoryRole', signatoryRole, 'their role', { min: 1, max: 120 });
  if (signedOn === '') problems.push({ field: 'signedOn-day', text: 'Enter the date of signing' });
  else if (signedOn === null)
    problems.push({ field: 'signedOn-day', text: 'The date of signing must be a real date' });
  else if (signedOn > today)
    problems.push({ field: 'signedOn-day', text: 'The date of signing must be today or earlier' });
  return problems.length > 0 || !signedOn
    ? { ok: false, problems }
    : { ok: true, values: { signatoryName, signatoryRole, signedOn } };
}

export interface PledgeValues {
  readonly commitmentKey: string;
  readonly pledge: string;
  readonly indicatorCode: string | null;
  readonly targetValue: number | null;
  readonly targetText: string;
  readonly dueOn: string;
}

/**
 * A pledge: the commitment it serves (one of `commitments`' keys), the words, the target in words,
 * and optionally an indicator (one of `indicators`) with a number to reach, by a date.
 */
export function readPledge(
  body: Body,
  commitments: ReadonlySet<string>,
  indicators: ReadonlySet<string>,
): Read<PledgeValues> {
  const commitmentKey = text(body, 'commitmentKey');
  const pledge = text(body, 'pledge');
  const targetText = text(body, 'targetText');
  const code = text(body, 'indicatorCode').toUpperCase();
  const target = text(body, 'targetValue').replace(/[,£%\s]/g, '');
  const dueOn = dateFromBoxes(body, 'dueOn');
  const problems: Problem[] = [];
  if (!commitments.has(commitmentKey))
    problems.push({ field: 'commitmentKey', text: 'Select the commitment the pledge serves' });
  limited(problems, 'pledge', pledge, 'what the organisation pledges', {
    min: 1,
    max: 1000,
    lines: true,
  });
  limited(problems, 'targetText', targetText, 'the target in words', { min: 1, max: 200 });
  let targetValue: number | null = null;
  if (code && !indicators.has(code))
    problems.push({ field: 'indicatorCode', text: `The framework has no indicator ${code}` });
  if (code && !target)
    problems.push({
      field: 'targetValue',
      text: 'Enter the figure to reach, or leave the indicator empty',
    });
  else if (target) {
    if (!code)
      problems.push({
        field: 'indicatorCode',
        text: 'Enter the indicator whose figure the target is for',
      });
    if (!/^-?\d{1,12}(\.\d{1,4})?$/.test(target))
      problems.push({
        field: 'targetValue',
        text: 'The figure to reach must be a number, like 75',
      });
    else targetValue = Number(target);
  }
  if (dueOn === '') problems.push({ field: 'dueOn-day', text: 'Enter the date it is due' });
  else if (dueOn === null)
    problems.push({ field: 'dueOn-day', text: 'The date it is due must be a real date' });
  return problems.length > 0 || !dueOn
    ? { ok: false, problems }
    : {
        ok: true,
        values: {
          commitmentKey,
          pledge,
          indicatorCode: code || null,
          targetValue,
          targetText,
          dueOn,
        },
      };
}

export function readWithdrawal(body: Body): Read<{ reason: string }> {
  const reason = text(body, 'reason');
  const problems: Problem[] = [];
  limited(problems, 'reason', reason, 'why the pledge is withdrawn', {
    min: 1,
    max: 1000,
    lines: true,
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: { reason } };
}
