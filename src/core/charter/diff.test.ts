import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DIFF_TOKENS,
  diffSummary,
  diffVersions,
  tokenise,
  wordDiff,
  type CharterItem,
  type WordPart,
} from './diff.js';

const principle = (key: string, title: string, text = `${title}.`): CharterItem => ({
  key,
  kind: 'principle',
  title,
  text,
});
const commitment = (key: string, title: string, extra: Partial<CharterItem> = {}): CharterItem => ({
  key,
  kind: 'commitment',
  pillar: 'workforce',
  title,
  text: `${title}.`,
  indicatorCodes: ['W1'],
  ...extra,
});

const join = (parts: readonly WordPart[], keep: 'added' | 'removed') =>
  parts
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('the difference between two versions', () => {
  const v1 = [
    principle('P1', 'Fairness'),
    commitment('C-W1', 'Recruit locally'),
    commitment('C-W2', 'Pay the real Living Wage'),
    commitment('C-P1', 'Buy locally', { pillar: 'procurement', indicatorCodes: ['P1', 'P2'] }),
  ];
  const v2 = [
    principle('P1', 'Fairness'),
    commitment('C-E1', 'Cut carbon', { pillar: 'environment', changeNote: 'Residents asked' }),
    commitment('C-W1', 'Recruit locally', {
      text: 'Recruit locally, first.',
      changeNote: 'Clearer',
    }),
    commitment('C-P1', 'Buy locally', { pillar: 'procurement', indicatorCodes: ['P2', 'P1'] }),
  ];

  it('lists the new version in order, then what was removed, with why', () => {
    const changes = diffVersions(v1, v2, { 'C-W2': 'Now the law', 'C-X': 'Not in either' });
    expect(changes.map((c) => [c.type, c.key, c.fields, c.why])).toEqual([
      ['unchanged', 'P1', [], undefined],
      ['added', 'C-E1', [], 'Residents asked'],
      ['changed', 'C-W1', ['text'], 'Clearer'],
      // The same indicators in another order are the same.
      ['unchanged', 'C-P1', [], undefined],
      ['removed', 'C-W2', [], 'Now the law'],
    ]);
    const [p1, added, changed, , removed] = changes;
    expect(p1).toMatchObject({ kind: 'principle', before: v1[0], after: v2[0] });
    expect(added).toMatchObject({ kind: 'commitment', after: v2[1] });
    expect(added?.before).toBeUndefined();
    expect(changed).toMatchObject({ before: v1[1], after: v2[2] });
    expect(removed).toMatchObject({ kind: 'commitment', before: v1[2] });
    expect(removed?.after).toBeUndefined();
  });

  it('names every field that changed', () => {
    const before = commitment('C-1', 'Old', { text: 'Old text', indicatorCodes: ['W1'] });
    const after = commitment('C-1', 'New', {
      pillar: 'community',
      text: 'New text',
      indicatorCodes: ['W1', 'C1'],
    });
    expect(diffVersions([before], [after])[0]?.fields).toEqual([
      'title',
      'text',
      'pillar',
      'indicators',
    ]);
    const asPrinciple: CharterItem = { ...principle('C-1', 'Old', 'Old text') };
    expect(diffVersions([before], [asPrinciple])[0]).toMatchObject({
      type: 'changed',
      kind: 'principle',
      fields: ['kind', 'pillar', 'indicators'],
    });
  });

  it('treats no indicators, no pillar and no note alike however they are given', () => {
    const a: CharterItem = { key: 'P', kind: 'principle', title: 't', text: 'x' };
    const b: CharterItem = { ...a, pillar: null, indicatorCodes: [], changeNote: '  ' };
    expect(diffVersions([a], [b])).toEqual([
      { type: 'unchanged', key: 'P', kind: 'principle', before: a, after: b, fields: [] },
    ]);
    const c: CharterItem = { ...a, text: 'y', changeNote: '' };
    expect(diffVersions([a], [c])[0]?.why).toBeUndefined();
  });

  it('reads removal notes only for the key itself', () => {
    const gone = [principle('constructor', 'A'), principle('__proto__', 'B')];
    const changes = diffVersions(gone, []);
    expect(changes.map((c) => [c.type, c.why])).toEqual([
      ['removed', undefined],
      ['removed', undefined],
    ]);
  });

  it('counts a repeated key once, as its first item', () => {
    const changes = diffVersions([], [principle('P1', 'First'), principle('P1', 'Second')]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.after?.title).toBe('First');
  });

  it('sums up in a sentence', () => {
    expect(diffSummary(diffVersions(v1, v2))).toEqual({
      added: 1,
      changed: 1,
      removed: 1,
      unchanged: 2,
      sentence: '1 commitment added, 1 changed, 1 removed.',
    });
    const more = [
      ...v2,
      commitment('C-N1', 'New one'),
      principle('P2', 'Openness'),
      principle('P3', 'Honesty'),
    ];
    expect(diffSummary(diffVersions(v1, more)).sentence).toBe(
      '2 principles added. 2 commitments added, 1 changed, 1 removed.',
    );
    expect(diffSummary(diffVersions([principle('P1', 'A')], [principle('P1', 'B')])).sentence).toBe(
      '1 principle changed.',
    );
    expect(diffSummary(diffVersions(v1, v1))).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: 4,
      sentence: 'The two versions are the same.',
    });
    expect(diffSummary([]).sentence).toBe('The two versions are the same.');
  });
});

describe('the difference between two versions, for any versions', () => {
  const key = fc.constantFrom(
    'P1',
    'P2',
    'C-W1',
    'C-W2',
    'C-E1',
    'C-P1',
    'constructor',
    'toString',
  );
  const item = fc.record(
    {
      key,
      kind: fc.constantFrom('principle' as const, 'commitment' as const),
      pillar: fc.option(fc.constantFrom('workforce', 'environment'), { nil: undefined }),
      title: fc.constantFrom('A', 'B'),
      text: fc.constantFrom('one two', 'one three'),
      indicatorCodes: fc.option(fc.subarray(['W1', 'W2', 'E1']), { nil: undefined }),
      changeNote: fc.option(fc.constantFrom('Because', ''), { nil: undefined }),
    },
    { requiredKeys: ['key', 'kind', 'title', 'text'] },
  );
  const version = fc.uniqueArray(item, { selector: (i) => i.key, maxLength: 8 });
  const notes = fc.dictionary(key, fc.constantFrom('Gone', 'Merged'));

  it('finds a version the same as itself', () => {
    fc.assert(
      fc.property(version, (v) => {
        const changes = diffVersions(v, v);
        expect(changes.map((c) => c.type)).toEqual(v.map(() => 'unchanged'));
        expect(changes.map((c) => c.key)).toEqual(v.map((i) => i.key));
      }),
    );
  });

  it('gives every key once: the new version’s in order, then the removed in the old order', () => {
    fc.assert(
      fc.property(version, version, notes, (before, after, removalNotes) => {
        const changes = diffVersions(before, after, removalNotes);
        const keys = changes.map((c) => c.key);
        const all = new Set([...before, ...after].map((i) => i.key));
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(all);
        const afterKeys = new Set(after.map((i) => i.key));
        const beforeKeys = new Set(before.map((i) => i.key));
        expect(keys).toEqual([
          ...after.map((i) => i.key),
          ...before.map((i) => i.key).filter((k) => !afterKeys.has(k)),
        ]);
        const of = (type: string) =>
          new Set(changes.filter((c) => c.type === type).map((c) => c.key));
        expect(of('added')).toEqual(new Set([...afterKeys].filter((k) => !beforeKeys.has(k))));
        expect(of('removed')).toEqual(new Set([...beforeKeys].filter((k) => !afterKeys.has(k))));
        for (const c of changes) {
          expect(c.fields.length > 0).toBe(c.type === 'changed');
          if (c.type === 'removed')
            expect(c.why).toBe(
              Object.hasOwn(removalNotes, c.key) ? removalNotes[c.key] : undefined,
            );
        }
        const s = diffSummary(changes);
        expect(s.added + s.changed + s.removed + s.unchanged).toBe(changes.length);
      }),
    );
  });
});

describe('the difference between two texts, word by word', () => {
  it('marks what was removed and added between what stayed', () => {
    expect(wordDiff('We will recruit locally.', 'We will recruit locally first.')).toEqual([
      { op: 'same', text: 'We will recruit ' },
      { op: 'removed', text: 'locally.' },
      { op: 'added', text: 'locally first.' },
    ]);
    expect(wordDiff('We pay the Living Wage', 'We pay the real Living Wage')).toEqual([
      { op: 'same', text: 'We pay the ' },
      { op: 'added', text: 'real ' },
      { op: 'same', text: 'Living Wage' },
    ]);
    expect(wordDiff('one two three four', 'one 2 three 4')).toEqual([
      { op: 'same', text: 'one ' },
      { op: 'removed', text: 'two' },
      { op: 'added', text: '2' },
      { op: 'same', text: ' three ' },
      { op: 'removed', text: 'four' },
      { op: 'added', text: '4' },
    ]);
  });

  it('keeps whitespace, line breaks included', () => {
    expect(wordDiff('a\nb', 'a\n\nb')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: '\n' },
      { op: 'added', text: '\n\n' },
      { op: 'same', text: 'b' },
    ]);
  });

  it('handles empty and equal texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
    expect(wordDiff('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
    expect(wordDiff('old', '')).toEqual([{ op: 'removed', text: 'old' }]);
  });

  it('shows a text of more than 2,000 tokens as removed whole and added whole', () => {
    const long = 'word '.repeat(1001); // 2,002 tokens
    expect(tokenise(long, MAX_DIFF_TOKENS)).toBeNull();
    expect(tokenise('word '.repeat(1000), MAX_DIFF_TOKENS)).toHaveLength(MAX_DIFF_TOKENS);
    expect(wordDiff(long, `${long}more`)).toEqual([
      { op: 'removed', text: long },
      { op: 'added', text: `${long}more` },
    ]);
    expect(wordDiff('short', long)).toEqual([
      { op: 'removed', text: 'short' },
      { op: 'added', text: long },
    ]);
    expect(wordDiff(long, long)).toEqual([{ op: 'same', text: long }]);
  });

  it('copes with the largest texts and hostile ones', () => {
    // 2,000 tokens each with nothing in common at either end: the full comparison.
    const a = Array.from({ length: 1000 }, (_, i) => `a${i % 7}`).join(' ') + ' ';
    const b = Array.from({ length: 1000 }, (_, i) => `a${i % 5}`).join(' ') + '\n';
    const parts = wordDiff(a, b);
    expect(join(parts, 'added')).toBe(b);
    expect(join(parts, 'removed')).toBe(a);
    const huge = 'x'.repeat(5_000_000);
    expect(wordDiff(huge, `${huge} y`)).toHaveLength(2);
    expect(wordDiff(' '.repeat(10) + 'x', 'x')).toEqual([
      { op: 'removed', text: ' '.repeat(10) },
      { op: 'same', text: 'x' },
    ]);
  });

  const words = fc
    .array(fc.constantFrom('the', 'a', 'cat', 'sat', 'mat', ' ', '  ', '\n', '\t', '.'), {
      maxLength: 30,
    })
    .map((ws) => ws.join(''));
  const texts = fc.oneof(words, fc.string({ unit: 'binary', maxLength: 40 }));

  it('rebuilds both texts from its parts, for any texts', () => {
    fc.assert(
      fc.property(texts, texts, (before, after) => {
        const parts = wordDiff(before, after);
        expect(join(parts, 'added')).toBe(after);
        expect(join(parts, 'removed')).toBe(before);
        for (const [i, p] of parts.entries()) {
          expect(p.text).not.toBe('');
          expect(parts[i + 1]?.op).not.toBe(p.op);
          // Between two unchanged parts, what was removed comes before what was added.
          if (p.op === 'added') expect(parts[i + 1]?.op ?? 'same').toBe('same');
        }
      }),
    );
  });

  it('keeps as much as it can: the longest common run of tokens', () => {
    const lcs = (a: string[], b: string[]): number => {
      const table = Array.from({ length: a.length + 1 }, () =>
        new Array<number>(b.length + 1).fill(0),
      );
      for (let i = a.length - 1; i >= 0; i--)
        for (let j = b.length - 1; j >= 0; j--)
          table[i]![j] =
            a[i] === b[j]
              ? table[i + 1]![j + 1]! + 1
              : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
      return table[0]![0]!;
    };
    fc.assert(
      fc.property(words, words, (before, after) => {
        // An unchanged part is a run of whole tokens, so counting its tokens again is exact.
        const kept = wordDiff(before, after)
          .filter((p) => p.op === 'same')
          .reduce((n, p) => n + (tokenise(p.text, Infinity)?.length ?? 0), 0);
        expect(kept).toBe(lcs(tokenise(before, Infinity) ?? [], tokenise(after, Infinity) ?? []));
      }),
    );
  });

  it('is all the same for a text and itself', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const parts = wordDiff(t, t);
        expect(parts.every((p) => p.op === 'same')).toBe(true);
        expect(parts.map((p) => p.text).join('')).toBe(t);
      }),
    );
  });
});
