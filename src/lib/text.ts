/**
 * Text that people type: what may be kept, in one place. Every form field passes through
 * checkText (src/http/form-input.ts); schemas state each field's own limit once with line() or
 * paragraph(), which check the same things for the command line too.
 *
 * - Control characters are refused (NUL and the rest of C0 except tab, line feed and carriage
 *   return; DEL; C1): nobody means to type them, PostgreSQL cannot store NUL, and they hide
 *   text from the people who read it. So are unpaired surrogates (text that is not Unicode).
 * - Text is put in Unicode normal form C, so that "é" typed two ways is one name.
 * - Every field has a hard length cap; each schema has its own, smaller limit.
 */
import { z } from 'zod';

/** The longest any one form field may be, whatever the form: well above every field's own limit. */
export const MAX_FIELD_LENGTH = 10_000;

// Finding control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

export type TextProblem = 'control-character' | 'too-long';

export type CheckedText =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: TextProblem };

/** Refuses control characters and text longer than `max`; otherwise the text in NFC. */
export function checkText(value: string, max: number = MAX_FIELD_LENGTH): CheckedText {
  if (CONTROL.test(value) || !isWellFormed(value))
    return { ok: false, problem: 'control-character' };
  const normalised = value.normalize('NFC');
  if (normalised.length > max) return { ok: false, problem: 'too-long' };
  return { ok: true, value: normalised };
}

/** Whether the text holds only whole Unicode characters (no unpaired surrogate halves). */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** A file name from an upload, safe to show and to store: no folders or control characters, in NFC, at most 200 characters (the end kept, so the extension stays). */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const kept = [...base.normalize('NFC')]
    .filter((ch) => !CONTROL.test(ch) && !LINE_BREAK.test(ch) && !/[\uD800-\uDFFF]/.test(ch))
    // Direction overrides could make "invoice‮fdp.exe" read as "invoiceexe.pdf".
    .filter((ch) => !/[\u202A-\u202E\u2066-\u2069]/.test(ch))
    .filter((ch) => !'"<>|'.includes(ch))
    .join('')
    .trim();
  return [...kept].slice(-200).join('');
}

/** The message for a field's problem, naming it: "The organisation name contains…". */
export function textProblemMessage(problem: TextProblem, name: string, max: number): string {
  const Name = capitalise(name);
  return problem === 'control-character'
    ? `${Name} contains a hidden character that cannot be saved, such as a null or control character. Type it again instead of pasting it`
    : `${Name} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}

interface TextOptions {
  /** The message when the field is empty; without it, an empty field is allowed (''). */
  readonly required?: string;
}

function textSchema(name: string, max: number, multiline: boolean, options: TextOptions) {
  const Name = capitalise(name);
  return z.string({ error: options.required ?? `${Name} must be text` }).transform((raw, ctx) => {
    const checked = checkText(raw, Number.MAX_SAFE_INTEGER);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: textProblemMessage(checked.problem, name, max) });
      return z.NEVER;
    }
    const v = checked.value.trim();
    if (options.required && v === '') {
      ctx.addIssue({ code: 'custom', message: options.required });
      return z.NEVER;
    }
    if (v.length > max) {
      ctx.addIssue({ code: 'custom', message: textProblemMessage('too-long', name, max) });
      return z.NEVER;
    }
    if (!multiline && LINE_BREAK.test(v)) {
      ctx.addIssue({ code: 'custom', message: `${Name} must be on one line` });
      return z.NEVER;
    }
    return v;
  });
}

/**
 * One line of text (a name, a title): trimmed, at most `max` characters, no line breaks or
 * control characters. `name` is how messages name it: "the organisation name".
 */
export function line(name: string, max: number, options: TextOptions = {}) {
  return textSchema(name, max, false, options);
}

/** Text that may run over several lines (a note, a description): trimmed, at most `max` characters. */
export function paragraph(name: string, max: number, options: TextOptions = {}) {
  return textSchema(name, max, true, options);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
