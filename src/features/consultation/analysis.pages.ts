/**
 * What the analysis of a consultation shows the partnership
 * (`/manage/{slug}/charter/versions/{id}/analysis`), and the form where a moderator sets a
 * response's themes. Counts of people (agreeing or disagreeing, responses carrying a theme, who
 * entered them, who is shown by name) go through disclosure control (core/disclosure) before they
 * are shown; counts of comments and suggested changes, each of them public on the consultation's
 * pages anyway, are shown as they are.
 */
import { SUGGESTION_STATE_TAGS } from '../../core/charter/consultation.js';
import { MAX_THEME_LENGTH, MAX_THEMES } from '../../core/charter/themes.js';
import {
  DISCLOSURE_RULES_TEXT,
  DISCLOSURE_THRESHOLD,
  ROUNDING_BASE,
  protectList,
  protectTable,
  publishedText,
  type Published,
} from '../../core/disclosure/disclosure.js';
import type { Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import type { CharterVersion, VersionWithText } from '../charter/charter.service.js';
import { versionPath } from '../charter/charter.pages.js';
import type { AnalysisFigures, ItemFigures, TaggedResponse } from './analysis.service.js';
import { responsesPath, windowOf } from './consultation.pages.js';

export const analysisPath = (p: Pick<Partnership, 'slug'>, v: { id: string }) =>
  `${versionPath(p, v)}/analysis`;

export const themesPath = (p: Pick<Partnership, 'slug'>, v: { id: string }, responseId: string) =>
  `${responsesPath(p, v)}/${responseId}/themes`;

/** What the page says about the figures it shows, above the first table. */
export const COVERAGE_TEXT =
  'Published responses only; responses waiting for moderation or hidden are not counted. ' +
  `Counts of people, with disclosure control: a count of fewer than ${DISCLOSURE_THRESHOLD} is ` +
  `not shown, every other figure (totals too) is rounded to the nearest ${ROUNDING_BASE}, and ` +
  'further figures are hidden where a small one could otherwise be worked out from the rest.';

export const NO_DEMOGRAPHICS_TEXT =
  'No survey questions were asked, so there are no demographics to show.';

const ZERO: ItemFigures = { agree: 0, disagree: 0, comments: 0, suggestions: 0, answered: 0 };

const staffCrumbs = (p: Partnership, v: CharterVersion) => [
  { href: `/manage/${p.slug}`, text: p.name },
  { href: `/manage/${p.slug}/charter`, text: 'Charter' },
  { href: versionPath(p, v), text: `Version ${v.number}` },
];

type Cell = { readonly text: string };
const text = (s: string): Cell => ({ text: s });
const shown = (p: Published): Cell => text(publishedText(p));
const count = (n: number): Cell => text(n.toLocaleString('en-GB'));

/** A table for the nhsuk `table` macro: a caption, the first column naming each row. */
function table(caption: string, head: readonly string[], rows: readonly (readonly Cell[])[]) {
  return {
    caption,
    captionSize: 's',
    responsive: true,
    firstCellIsHeader: true,
    head: head.map((h, i) => (i === 0 ? { text: h } : { text: h, format: 'numeric' })),
    rows,
  };
}

/** Agreement and disagreement with each commitment, protected as one two-way table. */
function stanceTable(
  commitments: readonly { key: string; name: string }[],
  figures: AnalysisFigures,
) {
  if (commitments.length === 0) return undefined;
  const counts = commitments.map((c) => {
    const f = figures.items.get(c.key) ?? ZERO;
    return [f.agree, f.disagree];
  });
  const p = protectTable(counts);
  return table(
    'Published responses agreeing or disagreeing with each commitment',
    ['Commitment', 'Agree', 'Disagree', 'Total'],
    [
      ...commitments.map((c, i) => [
        text(c.name),
        ...(p.cells[i] ?? []).map(shown),
        ...(p.rowTotals[i] ? [shown(p.rowTotals[i])] : []),
      ]),
      [text('All commitments'), ...p.columnTotals.map(shown), shown(p.grandTotal)],
    ],
  );
}

/** Comments and suggested changes: each is public, so counted as it is. */
function contributionsTable(
  commitments: readonly { key: string; name: string }[],
  figures: AnalysisFigures,
) {
  const lines = [
    ...commitments.map((c) => ({ name: c.name, f: figures.items.get(c.key) ?? ZERO })),
    { name: 'Suggested new commitments', f: figures.items.get(null) ?? ZERO },
  ];
  const all = lines.reduce(
    (a, { f }) => ({
      comments: a.comments + f.comments,
      suggestions: a.suggestions + f.suggestions,
      answered: a.answered + f.answered,
    }),
    { comments: 0, suggestions: 0, answered: 0 },
  );
  const row = (name: string, f: Pick<ItemFigures, 'comments' | 'suggestions' | 'answered'>) => [
    text(name),
    count(f.comments),
    count(f.suggestions),
    count(f.answered),
    count(f.suggestions - f.answered),
  ];
  return {
    table: table(
      'Published comments and suggested changes, and the partnership’s answers',
      ['Commitment', 'Comments', 'Suggested changes', 'Answered', 'Waiting for an answer'],
      [...lines.map(({ name, f }) => row(name, f)), row('All', all)],
    ),
    suggestions: all.suggestions,
    answered: all.answered,
    waiting: all.suggestions - all.answered,
  };
}

/** How many published responses carry each theme, protected as a list. */
function themesTable(figures: AnalysisFigures) {
  if (figures.themes.length === 0) return undefined;
  const p = protectList(figures.themes.map((t) => t.responses));
  return table(
    'Published responses carrying each theme',
    ['Theme', 'Published responses'],
    [
      ...figures.themes.map((t, i) => [text(t.theme), ...(p.cells[i] ? [shown(p.cells[i])] : [])]),
      [
        text('Total (a response with more than one theme is counted once for each)'),
        shown(p.total),
      ],
    ],
  );
}

/** What a breakdown shows that would give a small count away whatever was hidden. */
export const WOULD_GIVE_AWAY = 'Not shown: it would let a small count be worked out';

/**
 * Who the published responses came from, and how they are shown: two protected lists of the
 * same responses, so each with its total (the published responses) known from the other.
 */
function whoResponded(figures: AnalysisFigures) {
  const split = (part: number) =>
    protectList([part, figures.published - part], { totalPublished: true });
  const staff = split(figures.enteredByStaff);
  const anonymous = split(figures.anonymous);
  const at = (l: ReturnType<typeof protectList>, i: number) =>
    l.cannotProtect ? WOULD_GIVE_AWAY : publishedText(l.cells[i] ?? l.total);
  return [
    { label: 'Published responses', value: publishedText(staff.total) },
    { label: 'Responses entered by staff', value: at(staff, 0) },
    { label: 'Responses sent in by residents themselves', value: at(staff, 1) },
    { label: 'Responses shown anonymously', value: at(anonymous, 0) },
    { label: 'Responses shown under a name', value: at(anonymous, 1) },
  ];
}

export function analysisPage(
  partnership: Partnership,
  current: VersionWithText,
  figures: AnalysisFigures,
  themesInUse: readonly string[],
  today: string,
) {
  const v = current.version;
  const commitments = current.items
    .filter((i) => i.kind === 'commitment')
    .map((i) => ({ key: i.key, name: `${i.key} ${i.title}` }));
  const contributions = contributionsTable(commitments, figures);
  return {
    title: `Analysis of the consultation on version ${v.number}`,
    caption: `Version ${v.number} consultation`,
    window: windowOf(v, today).text,
    coverage: COVERAGE_TEXT,
    rules: DISCLOSURE_RULES_TEXT,
    stanceTable: stanceTable(commitments, figures),
    contributionsTable: contributions.table,
    suggestions: contributions,
    themesTable: themesTable(figures),
    themesInUse: themesInUse.join(', '),
    who: whoResponded(figures),
    noDemographics: NO_DEMOGRAPHICS_TEXT,
    responsesHref: responsesPath(partnership, v),
    breadcrumbs: [
      ...staffCrumbs(partnership, v),
      { href: responsesPath(partnership, v), text: 'Responses' },
    ],
  };
}

export interface ThemesForm {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

const chosen = (value: unknown): string[] =>
  (Array.isArray(value) ? (value as unknown[]) : [value]).filter(
    (x): x is string => typeof x === 'string',
  );

/** The form where a moderator sets a response's themes. */
export function themesPage(
  partnership: Partnership,
  current: VersionWithText,
  response: TaggedResponse,
  themesInUse: readonly string[],
  form: ThemesForm,
) {
  const v = current.version;
  const item = current.items.find((i) => i.key === response.itemKey);
  const ticked = new Set(chosen(form.values.themes));
  const responseHref = `${responsesPath(partnership, v)}/${response.id}`;
  const newThemes = form.values.newThemes;
  return {
    title: 'Themes of this response',
    caption: `Version ${v.number} consultation`,
    response: {
      about: item
        ? `${item.key} ${item.title}`
        : response.itemKey === null
          ? `A new commitment: ${response.title ?? ''}`
          : response.itemKey,
      tag: SUGGESTION_STATE_TAGS[response.state],
      stance:
        response.stance === 'agree'
          ? 'Agrees'
          : response.stance === 'disagree'
            ? 'Disagrees'
            : 'Not said',
      comment: response.comment || 'None',
      amendment: response.amendment || 'None',
      themes: response.themes.length > 0 ? response.themes.join(', ') : 'None yet',
    },
    themeItems: themesInUse.map((t) => ({ value: t, text: t, checked: ticked.has(t) })),
    newThemes: typeof newThemes === 'string' ? newThemes : '',
    hint:
      `For example, Fair pay, Local jobs. Each theme has up to ${MAX_THEME_LENGTH} characters: ` +
      `letters, numbers, spaces, hyphens and apostrophes. A response can have up to ${MAX_THEMES} themes.`,
    action: themesPath(partnership, v, response.id),
    responseHref,
    errors: form.errors,
    breadcrumbs: [
      ...staffCrumbs(partnership, v),
      { href: responsesPath(partnership, v), text: 'Responses' },
      { href: responseHref, text: 'A response' },
    ],
  };
}

/** The form as first shown: the response's own themes ticked. */
export const themesFormOf = (response: TaggedResponse): Record<string, unknown> => ({
  themes: [...response.themes],
});
