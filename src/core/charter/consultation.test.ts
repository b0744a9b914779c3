import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANSWER_KINDS,
  ANSWER_LABELS,
  MODERATION_ACTIONS,
  SUGGESTION_STATE_LABELS,
  SUGGESTION_STATE_TAGS,
  SUGGESTION_STATES,
  consultationStatus,
  initialState,
  isAnswerKind,
  isSuggestionState,
  moderate,
  readAnswer,
  validateDisplayName,
  type ConsultationStatus,
  type ModerationAction,
  type SuggestionState,
} from './consultation.js';

const isoDay = fc
  .date({ min: new Date('2025-01-01'), max: new Date('2029-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('whether a consultation is open', () => {
  it.each([
    ['2027-01-03', 'not-yet-open'],
    ['2027-01-04', 'open'],
    ['2027-02-01', 'open'],
    ['2027-02-28', 'open'],
    ['2027-03-01', 'closed'],
    ['2028-01-01', 'closed'],
  ] as const)('on %s it is %s', (today, status) => {
    expect(consultationStatus('2027-01-04', '2027-02-28', today)).toBe(status);
  });

  it('only moves forward as the days pass', () => {
    const rank: Record<ConsultationStatus, number> = { 'not-yet-open': 0, open: 1, closed: 2 };
    fc.assert(
      fc.property(isoDay, isoDay, isoDay, isoDay, (d1, d2, t1, t2) => {
        const [opens, closes] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [earlier, later] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(rank[consultationStatus(opens, closes, earlier)]).toBeLessThanOrEqual(
          rank[consultationStatus(opens, closes, later)],
        );
        // Open on both the first and the last day.
        expect(consultationStatus(opens, closes, opens)).toBe('open');
        expect(consultationStatus(opens, closes, closes)).toBe('open');
      }),
    );
  });
});

describe('moderating a suggestion', () => {
  it('starts waiting for a moderator only when the version is pre-moderated', () => {
    expect(initialState(true)).toBe('pending');
    expect(initialState(false)).toBe('published');
  });

  it('has a word and tag for each state', () => {
    expect(SUGGESTION_STATE_LABELS).toEqual({
      pending: 'Waiting for moderation',
      published: 'Published',
      hidden: 'Hidden',
    });
    for (const s of SUGGESTION_STATES) {
      expect(isSuggestionState(s)).toBe(true);
      expect(SUGGESTION_STATE_TAGS[s].text).toBe(SUGGESTION_STATE_LABELS[s]);
    }
    expect(isSuggestionState('deleted')).toBe(false);
  });

  const reason = 'It named a member of staff.';
  const table: [SuggestionState, ModerationAction, string][] = [
    ['pending', 'approve', 'published'],
    ['pending', 'hide', 'hidden'],
    ['pending', 'restore', 'This suggestion is waiting for moderation. Approve it to publish it.'],
    ['published', 'approve', 'This suggestion is already published.'],
    ['published', 'hide', 'hidden'],
    ['published', 'restore', 'This suggestion is already published.'],
    ['hidden', 'approve', 'This suggestion is hidden. Restore it to publish it again.'],
    ['hidden', 'hide', 'This suggestion is already hidden.'],
    ['hidden', 'restore', 'published'],
    ['pending', 'keep', 'This suggestion is waiting for moderation. Approve it to publish it.'],
    ['published', 'keep', 'published'],
    ['hidden', 'keep', 'This suggestion is hidden. Restore it to publish it again.'],
  ];

  it('covers every state and action', () => {
    expect(table).toHaveLength(SUGGESTION_STATES.length * MODERATION_ACTIONS.length);
    for (const s of SUGGESTION_STATES)
      for (const a of MODERATION_ACTIONS)
        expect(table.filter(([f, aa]) => f === s && aa === a)).toHaveLength(1);
  });

  it.each(table)('from %s, %s gives %s', (from, action, expected) => {
    const result = moderate(from, action, reason);
    if (isSuggestionState(expected))
      expect(result).toEqual(
        expected === 'hidden'
          ? { ok: true, to: 'hidden', publicReason: reason }
          : { ok: true, to: expected },
      );
    else expect(result).toEqual({ ok: false, reason: expected });
  });

  it('refuses an action it does not know', () => {
    expect(moderate('pending', 'delete' as ModerationAction)).toEqual({
      ok: false,
      reason: 'This cannot be done to a suggestion.',
    });
    expect(moderate('gone' as SuggestionState, 'approve').ok).toBe(false);
  });

  it('hides only with a public reason of 1–500 characters', () => {
    const missing = {
      ok: false,
      reason: 'Enter the reason for hiding this suggestion. It is shown in the suggestion’s place.',
    };
    for (const from of ['pending', 'published'] as const) {
      expect(moderate(from, 'hide')).toEqual(missing);
      expect(moderate(from, 'hide', '')).toEqual(missing);
      expect(moderate(from, 'hide', ' \n ')).toEqual(missing);
      expect(moderate(from, 'hide', 'x'.repeat(500))).toEqual({
        ok: true,
        to: 'hidden',
        publicReason: 'x'.repeat(500),
      });
      expect(moderate(from, 'hide', `  ${'x'.repeat(500)}\n`)).toMatchObject({
        ok: true,
        publicReason: 'x'.repeat(500),
      });
      expect(moderate(from, 'hide', 'x'.repeat(501))).toEqual({
        ok: false,
        reason: 'The reason must be 500 characters or fewer.',
      });
      expect(moderate(from, 'hide', 'Spam\u0000')).toEqual({
        ok: false,
        reason:
          'The reason must not contain control characters (only line breaks and tabs are allowed).',
      });
    }
    // Approving and restoring need no reason.
    expect(moderate('pending', 'approve')).toEqual({ ok: true, to: 'published' });
    expect(moderate('hidden', 'restore')).toEqual({ ok: true, to: 'published' });
  });

  it('never publishes a hidden suggestion but by restoring it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUGGESTION_STATES),
        fc.constantFrom(...MODERATION_ACTIONS),
        fc.option(fc.string(), { nil: undefined }),
        (from, action, why) => {
          const r = moderate(from, action, why);
          if (r.ok && from === 'hidden') expect(action).toBe('restore');
          if (r.ok && r.to === 'hidden') {
            expect(r.publicReason?.length).toBeGreaterThan(0);
            expect(r.publicReason?.length).toBeLessThanOrEqual(500);
          }
        },
      ),
    );
  });
});

describe('answering a suggestion', () => {
  it('has a label for each kind of answer', () => {
    expect(ANSWER_KINDS.map((k) => ANSWER_LABELS[k])).toEqual([
      'Accepted',
      'Partly accepted',
      'Not taken forward',
      'Already covered',
    ]);
    expect(ANSWER_KINDS.every(isAnswerKind)).toBe(true);
    expect(isAnswerKind('rejected')).toBe(false);
  });

  it('reads a good answer, trimmed, without empty links', () => {
    expect(
      readAnswer({
        kind: 'partly-accepted',
        reason: '  We added a commitment on apprenticeships.\r\n',
        links: ['https://example.org/charter/v3', '', '  '],
      }),
    ).toEqual({
      ok: true,
      values: {
        kind: 'partly-accepted',
        reason: 'We added a commitment on apprenticeships.',
        links: ['https://example.org/charter/v3'],
      },
    });
    expect(readAnswer({ kind: 'accepted', reason: 'Done.' })).toEqual({
      ok: true,
      values: { kind: 'accepted', reason: 'Done.', links: [] },
    });
  });

  it('needs a kind of answer and a reason', () => {
    expect(readAnswer({})).toEqual({
      ok: false,
      problems: [
        { field: 'kind', text: 'Select how the suggestion was answered' },
        { field: 'reason', text: 'Enter the reason for this answer' },
      ],
    });
    expect(readAnswer({ kind: 'maybe', reason: 'x' })).toEqual({
      ok: false,
      problems: [{ field: 'kind', text: 'Select how the suggestion was answered' }],
    });
  });

  it('limits the reason to 2,000 characters without control characters', () => {
    expect(readAnswer({ kind: 'accepted', reason: 'x'.repeat(2000) }).ok).toBe(true);
    expect(readAnswer({ kind: 'accepted', reason: 'x'.repeat(2001) })).toEqual({
      ok: false,
      problems: [{ field: 'reason', text: 'The reason must be 2,000 characters or fewer' }],
    });
    expect(readAnswer({ kind: 'accepted', reason: 'A\u0007B' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'reason',
          text: 'The reason must not contain control characters (only line breaks and tabs are allowed)',
        },
      ],
    });
  });

  it('takes up to 10 links, each a web address', () => {
    const ok = { kind: 'accepted', reason: 'Yes' };
    const ten = Array.from({ length: 10 }, (_, i) => `https://example.org/${i}`);
    expect(readAnswer({ ...ok, links: ten }).ok).toBe(true);
    expect(readAnswer({ ...ok, links: [...ten, 'https://example.org/x'] })).toEqual({
      ok: false,
      problems: [{ field: 'links', text: 'Add 10 links or fewer' }],
    });
    expect(readAnswer({ ...ok, links: ['javascript:alert(1)'] })).toEqual({
      ok: false,
      problems: [{ field: 'links', text: 'The link must be a web address starting with https://' }],
    });
    expect(
      readAnswer({
        ...ok,
        links: ['https://example.org', 'example.org', `https://x.org/${'a'.repeat(2000)}`],
      }),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'links', text: 'Link 2 must be a web address starting with https://' },
        { field: 'links', text: 'Link 3 must be a web address starting with https://' },
      ],
    });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom(...ANSWER_KINDS), fc.string()),
            reason: fc.string({ unit: 'binary', maxLength: 2100 }),
            links: fc.array(fc.string(), { maxLength: 12 }),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const r = readAnswer(input);
          if (r.ok) expect(isAnswerKind(r.values.kind)).toBe(true);
          else expect(r.problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('a resident’s name', () => {
  it('is optional', () => {
    expect(validateDisplayName(undefined)).toEqual([]);
    expect(validateDisplayName(null)).toEqual([]);
    expect(validateDisplayName('')).toEqual([]);
    expect(validateDisplayName('   ')).toEqual([]);
  });

  it.each([
    'Ann',
    'Mary-Jane O’Neill',
    "D'Arcy St. John",
    'Zoë Brontë',
    'Siân ap Gruffudd',
    'Resident 42',
    'José Ñúñez',
    '李小龙',
    'x'.repeat(60),
  ])('accepts %s', (name) => {
    expect(validateDisplayName(name)).toEqual([]);
  });

  it('refuses an email address', () => {
    expect(validateDisplayName('ann@example.org')).toEqual([
      {
        field: 'displayName',
        text: 'Enter a name, not an email address. Your name is shown to everyone who reads the consultation',
      },
    ]);
    expect(validateDisplayName('@ann')).toHaveLength(1);
  });

  it('limits its length and characters', () => {
    expect(validateDisplayName('x'.repeat(61))).toEqual([
      { field: 'displayName', text: 'Your name must be 60 characters or fewer' },
    ]);
    const characters = [
      {
        field: 'displayName',
        text: 'Your name can only include letters, numbers, spaces, hyphens, apostrophes and full stops',
      },
    ];
    for (const name of ['<script>', 'Ann_B', 'Ann\nB', 'Ann\tB', 'https://spam', 'Ann!', 'A\u0000'])
      expect(validateDisplayName(name)).toEqual(characters);
    expect(validateDisplayName('...')).toEqual([
      { field: 'displayName', text: 'Your name must include at least one letter or number' },
    ]);
    expect(validateDisplayName("-'")).toHaveLength(1);
  });

  it('always refuses anything with an @', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(validateDisplayName(`${a}@${b}`)).toHaveLength(1);
      }),
    );
  });
});
