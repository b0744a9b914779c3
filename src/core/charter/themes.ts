/**
 * Themes moderators tag consultation responses with, for the analysis of a consultation (SPEC
 * §2.2, §2.8): "Fair pay", "Local jobs", "Cleaners' contracts". Reading the form that sets a
 * response's themes: the themes already used in the version that were ticked, and new ones typed
 * in a box, separated by commas. Pure.
 *
 * A theme is tidied before it is checked: spaces at either end are dropped, runs of spaces (and
 * tabs or line breaks) become one space, and the first letter is made a capital ("fair pay" is
 * "Fair pay"). It then has 1 to 40 characters: letters, numbers, spaces, hyphens and apostrophes.
 * A response has at most 10 themes, and the same theme once whatever its capitals ("Fair pay" and
 * "fair pay" are one theme; the first spelling is kept, and a typed theme that matches one already
 * used in the version takes that one's spelling, so the analysis counts them together).
 */
import type { Problem } from '../registers/entry-form.js';
import type { Read } from './forms.js';
import { characterCount } from './versions.js';

/** The most characters in a theme. */
export const MAX_THEME_LENGTH = 40;

/** The most themes a response can have. */
export const MAX_THEMES = 10;

/** What a theme may be made of: letters (with their accents), numbers, spaces, hyphens, apostrophes. */
const THEME_CHARACTERS = /^[\p{L}\p{M}\p{N} '’-]+$/u;

/** At least one letter or number: a theme of hyphens alone says nothing. */
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * A theme tidied: NFC, trimmed, runs of white space made one space, and its first letter a
 * capital. Tidying a tidy theme changes nothing.
 */
export function normaliseTheme(raw: string): string {
  const collapsed = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const [first = '', ...rest] = [...collapsed];
  return `${first.toUpperCase()}${rest.join('')}`.normalize('NFC');
}

/** The key two themes share when they are the same theme: its letters in lower case. */
export function themeKey(theme: string): string {
  return normaliseTheme(theme).toLowerCase();
}

/** A theme's words as a message quotes them: what can be shown of it, and no more than 40 characters. */
function quoted(theme: string): string {
  const shown = [...theme.replace(/\p{C}/gu, '')];
  const text =
    shown.length > MAX_THEME_LENGTH
      ? `${shown.slice(0, MAX_THEME_LENGTH).join('')}…`
      : shown.join('');
  return `“${text}”`;
}

/** The problem with a tidied theme, if any: a sentence to show beside the field. */
export function themeProblem(theme: string): string | null {
  if (theme === '') return 'Enter a theme';
  if (characterCount(theme) > MAX_THEME_LENGTH)
    return `The theme ${quoted(theme)} must be ${MAX_THEME_LENGTH} characters or fewer`;
  if (!THEME_CHARACTERS.test(theme) || !LETTER_OR_NUMBER.test(theme))
    return `The theme ${quoted(theme)} must use only letters, numbers, spaces, hyphens and apostrophes`;
  return null;
}

/** Whether a theme is one this module would save: tidy and without a problem. */
export function isValidTheme(theme: string): boolean {
  return normaliseTheme(theme) === theme && themeProblem(theme) === null;
}

/** The themes typed in a box, separated by commas, each tidied; empty ones (",,") left out. */
export function splitThemes(text: string): string[] {
  return text
    .split(/[,，]/u)
    .map(normaliseTheme)
    .filter((t) => t !== '');
}

/** Themes without repeats, whatever their capitals: the first spelling of each is kept. */
export function uniqueThemes(themes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const theme of themes) {
    const key = themeKey(theme);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(theme);
  }
  return out;
}

type Body = Record<string, unknown>;

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter(
    (x): x is string => typeof x === 'string',
  );
}

/**
 * Reads the themes form: `themes`, the ticked boxes (only the themes in `known`, those already
 * used in the version, count; anything else sent is ignored), and `newThemes`, themes typed in a
 * box separated by commas. A typed theme that is one of `known` whatever its capitals takes the
 * known spelling. Gives the response's themes, tidied, without repeats, ticked ones first, or the
 * problems: with a typed theme (field `newThemes`), with a ticked one (`themes`), or too many.
 */
export function readThemes(body: Body, known: readonly string[]): Read<{ themes: string[] }> {
  const knownSet = new Set(known);
  const spelling = new Map<string, string>();
  for (const k of known) if (!spelling.has(themeKey(k))) spelling.set(themeKey(k), k);
  const problems: Problem[] = [];

  const ticked = strings(body.themes)
    .filter((t) => knownSet.has(t))
    .map(normaliseTheme);
  for (const t of ticked) {
    const problem = themeProblem(t);
    if (problem) problems.push({ field: 'themes', text: problem });
  }

  const typedText = strings(body.newThemes)[0] ?? '';
  const typed = splitThemes(typedText).map((t) => {
    const same = spelling.get(themeKey(t));
    return same !== undefined && isValidTheme(same) ? same : t;
  });
  for (const t of typed) {
    const problem = themeProblem(t);
    if (problem) problems.push({ field: 'newThemes', text: problem });
  }

  const themes = uniqueThemes([...ticked, ...typed]);
  if (problems.length === 0 && themes.length > MAX_THEMES)
    problems.push({
      field: 'newThemes',
      text: `A response can have ${MAX_THEMES} themes or fewer: you chose ${themes.length}`,
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: { themes } };
}
