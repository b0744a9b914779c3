/**
 * A readable difference between two versions of a charter: which principles and commitments
 * were added, changed, removed or kept, what changed in each and why (the partnership's own
 * note), and a word-by-word difference of changed text. Pure.
 *
 * Items are matched by their key, which an item keeps across versions when its wording changes.
 */

export type CharterItemKind = 'principle' | 'commitment';

export interface CharterItem {
  /** The item's identity across versions, like 'C-W1'. */
  readonly key: string;
  readonly kind: CharterItemKind;
  /** A commitment's pillar; a principle has none. */
  readonly pillar?: string | null | undefined;
  readonly title: string;
  readonly text: string;
  readonly indicatorCodes?: readonly string[] | null | undefined;
  /** Why the item changed in this version, in the partnership's words. */
  readonly changeNote?: string | null | undefined;
}

export type ChangeType = 'added' | 'changed' | 'removed' | 'unchanged';

/**
 * What changed in an item kept from one version to the next. 'kind' is a principle becoming a
 * commitment, or back.
 */
export type ChangedField = 'kind' | 'title' | 'text' | 'pillar' | 'indicators';

export interface ItemChange {
  readonly type: ChangeType;
  readonly key: string;
  /** The new version's kind; a removed item's old kind. */
  readonly kind: CharterItemKind;
  readonly before?: CharterItem;
  readonly after?: CharterItem;
  /** Empty unless the item changed. */
  readonly fields: readonly ChangedField[];
  /** Why: an added or changed item's change note, or a removed item's removal note. */
  readonly why?: string;
}

const note = (s: string | null | undefined): string | undefined =>
  typeof s === 'string' && s.trim() !== '' ? s : undefined;

/** An item's indicators as a set: their order does not matter, nor naming one twice. */
function indicatorSet(item: CharterItem): string {
  return [...new Set(item.indicatorCodes ?? [])].sort().join('\u0000');
}

function changedFields(before: CharterItem, after: CharterItem): ChangedField[] {
  const fields: ChangedField[] = [];
  if (before.kind !== after.kind) fields.push('kind');
  if (before.title !== after.title) fields.push('title');
  if (before.text !== after.text) fields.push('text');
  if ((before.pillar ?? null) !== (after.pillar ?? null)) fields.push('pillar');
  if (indicatorSet(before) !== indicatorSet(after)) fields.push('indicators');
  return fields;
}

/** Each key's first item (a version holds each key once; should one repeat, the first counts). */
function byKey(items: readonly CharterItem[]): Map<string, CharterItem> {
  const map = new Map<string, CharterItem>();
  for (const item of items) if (!map.has(item.key)) map.set(item.key, item);
  return map;
}

/**
 * The changes from version `before` to version `after`: every item of the new version in its
 * order, then the items removed, in the old version's order, each with its note from
 * `removalNotes` (by key) when there is one. Each key appears once.
 */
export function diffVersions(
  before: readonly CharterItem[],
  after: readonly CharterItem[],
  removalNotes: Readonly<Record<string, string>> = {},
): ItemChange[] {
  const old = byKey(before);
  const now = byKey(after);
  const changes: ItemChange[] = [];
  for (const [key, item] of now) {
    const was = old.get(key);
    const why = note(item.changeNote);
    if (!was) {
      changes.push({
        type: 'added',
        key,
        kind: item.kind,
        after: item,
        fields: [],
        ...(why && { why }),
      });
      continue;
    }
    const fields = changedFields(was, item);
    changes.push(
      fields.length === 0
        ? { type: 'unchanged', key, kind: item.kind, before: was, after: item, fields }
        : {
            type: 'changed',
            key,
            kind: item.kind,
            before: was,
            after: item,
            fields,
            ...(why && { why }),
          },
    );
  }
  for (const [key, item] of old) {
    if (now.has(key)) continue;
    const why = Object.hasOwn(removalNotes, key) ? note(removalNotes[key]) : undefined;
    changes.push({
      type: 'removed',
      key,
      kind: item.kind,
      before: item,
      fields: [],
      ...(why && { why }),
    });
  }
  return changes;
}

export interface DiffSummary {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Like "1 principle changed. 2 commitments added, 1 changed, 1 removed." */
  readonly sentence: string;
}

const NOUNS: Readonly<Record<CharterItemKind, readonly [string, string]>> = {
  principle: ['principle', 'principles'],
  commitment: ['commitment', 'commitments'],
};

/** How many items were added, changed, removed and kept as they were, and a sentence saying so. */
export function diffSummary(changes: readonly ItemChange[]): DiffSummary {
  const count = (type: ChangeType, kind?: CharterItemKind) =>
    changes.filter((c) => c.type === type && (kind === undefined || c.kind === kind)).length;
  const sentences: string[] = [];
  for (const kind of ['principle', 'commitment'] as const) {
    const parts = (['added', 'changed', 'removed'] as const)
      .map((type) => [count(type, kind), type] as const)
      .filter(([n]) => n > 0);
    if (parts.length === 0) continue;
    const [one, many] = NOUNS[kind];
    const words = parts.map(([n, type], i) =>
      i === 0 ? `${n} ${n === 1 ? one : many} ${type}` : `${n} ${type}`,
    );
    sentences.push(`${words.join(', ')}.`);
  }
  return {
    added: count('added'),
    changed: count('changed'),
    removed: count('removed'),
    unchanged: count('unchanged'),
    sentence: sentences.length > 0 ? sentences.join(' ') : 'The two versions are the same.',
  };
}

// ---------------------------------------------------------------------------------------------
// Word by word

export type WordOp = 'same' | 'added' | 'removed';

export interface WordPart {
  readonly op: WordOp;
  readonly text: string;
}

/** The most tokens (words and the spaces between them) either text may have for a word diff. */
export const MAX_DIFF_TOKENS = 2000;

const TOKEN = /\s+|\S+/g;

/** A text's words and the whitespace between them, in order; null if there are over `limit`. */
export function tokenise(s: string, limit: number): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m !== null; m = TOKEN.exec(s)) {
    if (tokens.length === limit) return null;
    tokens.push(m[0]);
  }
  return tokens;
}

function push(parts: WordPart[], op: WordOp, text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) parts[parts.length - 1] = { op, text: last.text + text };
  else parts.push({ op, text });
}

/**
 * What changed from `before` to `after`, word by word: the parts that stayed the same, were
 * removed and were added, in reading order (between two unchanged parts, what was removed comes
 * before what was added). The same and added parts together are `after`; the same and removed
 * parts are `before`. Whitespace is kept. A text of more than 2,000 tokens is shown as removed
 * whole and added whole, so that no input costs more than a 2,000 × 2,000 comparison.
 */
export function wordDiff(before: string, after: string): WordPart[] {
  const parts: WordPart[] = [];
  if (before === after) {
    push(parts, 'same', before);
    return parts;
  }
  const a = tokenise(before, MAX_DIFF_TOKENS);
  const b = tokenise(after, MAX_DIFF_TOKENS);
  if (!a || !b) {
    push(parts, 'removed', before);
    push(parts, 'added', after);
    return parts;
  }

  // Leave out what the two share at the start and the end; compare only the middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  push(parts, 'same', a.slice(0, start).join(''));

  // lcs[i * w + j]: the longest common subsequence of a[start + i ..endA) and b[start + j ..endB).
  const n = endA - start;
  const m = endB - start;
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[start + i] === b[start + j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);

  let removed = '';
  let added = '';
  const flush = () => {
    push(parts, 'removed', removed);
    push(parts, 'added', added);
    removed = '';
    added = '';
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const x = a[start + i];
    const y = b[start + j];
    if (i < n && j < m && x === y) {
      flush();
      push(parts, 'same', x ?? '');
      i++;
      j++;
    } else if (j >= m || (i < n && (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))) {
      removed += x ?? '';
      i++;
    } else {
      added += y ?? '';
      j++;
    }
  }
  flush();
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
