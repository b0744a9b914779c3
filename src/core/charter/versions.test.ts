import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PILLAR_IDS } from '../pillars.js';
import { consultationStatus } from './consultation.js';
import {
  CHARTER_STATE_LABELS,
  CHARTER_STATE_TAG_COLOURS,
  CHARTER_STATE_TAGS,
  CHARTER_STATES,
  CHARTER_TRANSITIONS,
  characterCount,
  isCharterState,
  isEditable,
  isIsoDate,
  transition,
  validateCommitment,
  validatePrinciple,
  type CharterState,
  type CharterTransition,
  type CommitmentInput,
  type TransitionContexts,
} from './versions.js';

/** A context under which each transition's own checks pass. */
const GOOD: TransitionContexts = {
  'open-consultation': {
    commitments: 3,
    opens: '2027-01-04',
    closes: '2027-02-28',
    today: '2027-01-04',
  },
  'withdraw-consultation': { responses: 0 },
  adopt: { closes: '2027-02-28', today: '2027-03-01', unansweredSuggestions: 0 },
  supersede: { anotherVersionAdopted: true },
};

function attempt(from: CharterState, t: CharterTransition) {
  return transition(from, t, GOOD[t]);
}

describe('the words for a charter version’s state', () => {
  it('are one each, with an NHS tag colour', () => {
    expect(CHARTER_STATE_LABELS).toEqual({
      draft: 'Draft',
      consultation: 'Out for consultation',
      adopted: 'Adopted',
      superseded: 'Replaced by a later version',
    });
    for (const s of CHARTER_STATES) {
      expect(CHARTER_STATE_TAGS[s].text).toBe(CHARTER_STATE_LABELS[s]);
      expect(CHARTER_STATE_TAG_COLOURS[s]).toBe(`nhsuk-tag--${CHARTER_STATE_TAGS[s].colour}`);
    }
    expect(CHARTER_STATE_TAG_COLOURS.adopted).toBe('nhsuk-tag--green');
    expect(CHARTER_STATE_TAG_COLOURS.consultation).toBe('nhsuk-tag--blue');
  });

  it('knows its states', () => {
    expect(CHARTER_STATES.every(isCharterState)).toBe(true);
    expect(isCharterState('published')).toBe(false);
    expect(isCharterState('')).toBe(false);
  });

  it('lets only a draft’s words change', () => {
    expect(CHARTER_STATES.filter(isEditable)).toEqual(['draft']);
  });
});

describe('moving a version between states', () => {
  const table: [CharterState, CharterTransition, string][] = [
    ['draft', 'open-consultation', 'consultation'],
    ['draft', 'withdraw-consultation', 'This version is not out for consultation.'],
    [
      'draft',
      'adopt',
      'Open a consultation on this version before adopting it. Residents see every version before it is adopted.',
    ],
    ['draft', 'supersede', 'This version is a draft. Only an adopted version can be replaced.'],
    ['consultation', 'open-consultation', 'This version is already out for consultation.'],
    ['consultation', 'withdraw-consultation', 'draft'],
    ['consultation', 'adopt', 'adopted'],
    [
      'consultation',
      'supersede',
      'This version is out for consultation. Only an adopted version can be replaced.',
    ],
    [
      'adopted',
      'open-consultation',
      'This version has been adopted. Start a new draft to change the charter.',
    ],
    [
      'adopted',
      'withdraw-consultation',
      'This version has been adopted, so its consultation cannot be withdrawn.',
    ],
    ['adopted', 'adopt', 'This version has already been adopted.'],
    ['adopted', 'supersede', 'superseded'],
    [
      'superseded',
      'open-consultation',
      'This version has been replaced by a later version and cannot change.',
    ],
    [
      'superseded',
      'withdraw-consultation',
      'This version has been replaced by a later version and cannot change.',
    ],
    ['superseded', 'adopt', 'This version has been replaced by a later version and cannot change.'],
    [
      'superseded',
      'supersede',
      'This version has been replaced by a later version and cannot change.',
    ],
  ];

  it('covers every state and transition', () => {
    expect(table).toHaveLength(CHARTER_STATES.length * CHARTER_TRANSITIONS.length);
    for (const s of CHARTER_STATES)
      for (const t of CHARTER_TRANSITIONS)
        expect(table.filter(([f, tt]) => f === s && tt === t)).toHaveLength(1);
  });

  it.each(table)('from %s, %s gives %s', (from, t, expected) => {
    const result = attempt(from, t);
    if (isCharterState(expected)) expect(result).toEqual({ ok: true, to: expected });
    else expect(result).toEqual({ ok: false, reason: expected });
  });

  it('has no way from a draft to adopted but through consultation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARTER_TRANSITIONS), { maxLength: 20 }), (ts) => {
        let state: CharterState = 'draft';
        let consulted = false;
        for (const t of ts) {
          const r = attempt(state, t);
          if (!r.ok) continue;
          if (r.to === 'adopted') expect(consulted).toBe(true);
          consulted = r.to === 'consultation';
          state = r.to;
        }
      }),
    );
  });

  it('refuses a transition it does not know, or a state it does not know', () => {
    const unknown = 'publish' as CharterTransition;
    expect(transition('draft', unknown, GOOD.supersede as never)).toEqual({
      ok: false,
      reason: 'This change cannot be made to a version.',
    });
    expect(transition('archived' as CharterState, 'adopt', GOOD.adopt).ok).toBe(false);
  });
});

describe('opening a consultation', () => {
  const open = (ctx: Partial<TransitionContexts['open-consultation']>) =>
    transition('draft', 'open-consultation', { ...GOOD['open-consultation'], ...ctx });

  it('needs at least one commitment', () => {
    expect(open({ commitments: 0 })).toEqual({
      ok: false,
      reason: 'Add at least one commitment before opening a consultation.',
    });
    expect(open({ commitments: 1 })).toEqual({ ok: true, to: 'consultation' });
    expect(open({ commitments: Number.NaN }).ok).toBe(false);
    expect(open({ commitments: -1 }).ok).toBe(false);
  });

  it('needs real opening and closing dates', () => {
    const reason = 'Enter the dates the consultation opens and closes.';
    expect(open({ opens: null })).toEqual({ ok: false, reason });
    expect(open({ closes: undefined })).toEqual({ ok: false, reason });
    expect(open({ closes: '2027-02-30' })).toEqual({ ok: false, reason });
    expect(open({ opens: '4 January 2027' })).toEqual({ ok: false, reason });
  });

  it('needs it to close after it opens', () => {
    const reason = 'The consultation must close after the day it opens.';
    expect(open({ opens: '2027-02-28', closes: '2027-02-28' })).toEqual({ ok: false, reason });
    expect(open({ opens: '2027-03-01', closes: '2027-02-28' })).toEqual({ ok: false, reason });
    expect(open({ opens: '2027-02-27', closes: '2027-02-28', today: '2027-02-27' }).ok).toBe(true);
  });

  it('refuses a closing date that has passed', () => {
    const reason = 'The consultation’s closing date has passed. Choose a later closing date.';
    expect(open({ today: '2027-03-01' })).toEqual({ ok: false, reason });
    // It is open on the day it closes.
    expect(open({ today: '2027-02-28' }).ok).toBe(true);
    expect(open({ today: 'today' })).toEqual({ ok: false, reason });
  });
});

describe('withdrawing a consultation', () => {
  const withdraw = (responses: number) =>
    transition('consultation', 'withdraw-consultation', { responses });

  it('is allowed only before anyone has responded', () => {
    expect(withdraw(0)).toEqual({ ok: true, to: 'draft' });
    expect(withdraw(1)).toEqual({
      ok: false,
      reason:
        'Residents have already responded to this consultation (1 response), so it cannot be withdrawn. Let it close and answer the responses.',
    });
    expect(withdraw(3)).toEqual({
      ok: false,
      reason:
        'Residents have already responded to this consultation (3 responses), so it cannot be withdrawn. Let it close and answer the responses.',
    });
    expect(withdraw(-1).ok).toBe(false);
    expect(withdraw(0.5).ok).toBe(false);
  });
});

describe('adopting a version', () => {
  const adopt = (ctx: Partial<TransitionContexts['adopt']>) =>
    transition('consultation', 'adopt', { ...GOOD.adopt, ...ctx });

  it('waits until the consultation has closed', () => {
    expect(adopt({ today: '2027-02-28' })).toEqual({
      ok: false,
      reason:
        'The consultation is open until 28 February 2027. You can adopt this version from 1 March 2027.',
    });
    expect(adopt({ today: '2027-01-10' }).ok).toBe(false);
    expect(adopt({ today: '2027-03-01' })).toEqual({ ok: true, to: 'adopted' });
    expect(adopt({ closes: null })).toEqual({
      ok: false,
      reason: 'This consultation has no closing date. It must close before adoption.',
    });
    expect(adopt({ today: '' }).ok).toBe(false);
  });

  it('waits until every suggestion is answered', () => {
    expect(adopt({ unansweredSuggestions: 3 })).toEqual({
      ok: false,
      reason: 'Answer the 3 suggestions still waiting before adopting this version.',
    });
    expect(adopt({ unansweredSuggestions: 1 })).toEqual({
      ok: false,
      reason: 'Answer the suggestion still waiting before adopting this version.',
    });
    expect(adopt({ unansweredSuggestions: Number.NaN })).toEqual({
      ok: false,
      reason: 'Answer every suggestion before adopting this version.',
    });
  });

  it('is allowed exactly when the consultation’s status is closed and nothing waits', () => {
    const day = fc
      .date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.nat(3), (closes, today, waiting) => {
        const r = adopt({ closes, today, unansweredSuggestions: waiting });
        expect(r.ok).toBe(
          consultationStatus('2026-01-01', closes, today) === 'closed' && waiting === 0,
        );
      }),
    );
  });
});

describe('superseding a version', () => {
  it('happens only when another version is adopted', () => {
    expect(transition('adopted', 'supersede', { anotherVersionAdopted: true })).toEqual({
      ok: true,
      to: 'superseded',
    });
    expect(transition('adopted', 'supersede', { anotherVersionAdopted: false })).toEqual({
      ok: false,
      reason: 'An adopted version is replaced only when another version of the charter is adopted.',
    });
  });
});

describe('dates and characters', () => {
  it('knows a real ISO date', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-1')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate(20270101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('counts characters as the database does', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('🌳🌳')).toBe(2);
    expect(characterCount('\ud83c')).toBe(1);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(characterCount(s)).toBe([...s].length);
      }),
    );
  });
});

describe('checking a commitment', () => {
  const good: CommitmentInput = {
    pillar: 'workforce',
    title: 'Recruit locally',
    text: 'We will advertise every entry-level post locally first.\r\n\tAnd track who we hire.',
    indicatorCodes: ['W1', 'W4'],
    key: 'C-W1',
  };
  const check = (change: Partial<CommitmentInput>) => validateCommitment({ ...good, ...change });
  const fields = (change: Partial<CommitmentInput>) => check(change).map((p) => p.field);

  it('accepts a good one, in each pillar', () => {
    for (const pillar of PILLAR_IDS) expect(check({ pillar })).toEqual([]);
    expect(check({ indicatorCodes: [], key: undefined })).toEqual([]);
  });

  it('needs a pillar of the six', () => {
    expect(check({ pillar: 'health' })).toEqual([
      { field: 'pillar', text: 'Select the pillar the commitment belongs to' },
    ]);
    expect(fields({ pillar: '' })).toEqual(['pillar']);
  });

  it('limits the title to 1–200 characters on one line', () => {
    expect(check({ title: '' })).toEqual([{ field: 'title', text: 'Enter the title' }]);
    expect(check({ title: '   ' })).toEqual([{ field: 'title', text: 'Enter the title' }]);
    expect(check({ title: 'x'.repeat(200) })).toEqual([]);
    expect(check({ title: '🌳'.repeat(200) })).toEqual([]);
    expect(check({ title: 'x'.repeat(201) })).toEqual([
      { field: 'title', text: 'The title must be 200 characters or fewer' },
    ]);
    for (const title of ['Two\nlines', 'A\ttab', 'Bell\u0007', 'Nul\u0000'])
      expect(check({ title })).toEqual([
        {
          field: 'title',
          text: 'The title must be on one line, without tabs or other control characters',
        },
      ]);
  });

  it('limits the text to 1–2,000 characters, with line breaks and tabs but no other control characters', () => {
    expect(check({ text: '' })).toEqual([{ field: 'text', text: 'Enter the commitment' }]);
    expect(check({ text: 'x'.repeat(2000) })).toEqual([]);
    expect(check({ text: 'x'.repeat(2001) })).toEqual([
      { field: 'text', text: 'The commitment must be 2,000 characters or fewer' },
    ]);
    expect(check({ text: 'One\nTwo\r\nThree\tFour' })).toEqual([]);
    const message =
      'The commitment must not contain control characters (only line breaks and tabs are allowed)';
    for (const text of ['Nul\u0000', 'Escape\u001b[31m', 'Lone\rreturn', 'Del\u007f', 'C1\u0085'])
      expect(check({ text })).toEqual([{ field: 'text', text: message }]);
  });

  it('names at most 20 indicators, each a code once', () => {
    const codes = Array.from({ length: 20 }, (_, i) => `W${i + 1}`);
    expect(check({ indicatorCodes: codes })).toEqual([]);
    expect(check({ indicatorCodes: [...codes, 'P1'] })).toEqual([
      { field: 'indicatorCodes', text: 'Choose 20 indicators or fewer' },
    ]);
    for (const bad of ['w1', '1W', 'W-1', 'W12345678901', '', ' W1'])
      expect(check({ indicatorCodes: [bad] })).toEqual([
        {
          field: 'indicatorCodes',
          text: 'Each indicator must be a code from the framework, like W1',
        },
      ]);
    expect(check({ indicatorCodes: ['W', 'W123456789'] })).toEqual([]);
    expect(check({ indicatorCodes: ['W1', 'W1'] })).toEqual([
      { field: 'indicatorCodes', text: 'Choose each indicator only once' },
    ]);
  });

  it('checks the reference when there is one', () => {
    expect(fields({ key: 'c-w1' })).toEqual(['key']);
    expect(fields({ key: '' })).toEqual(['key']);
    expect(fields({ key: 'C'.repeat(21) })).toEqual(['key']);
    expect(fields({ key: 'C'.repeat(20) })).toEqual([]);
  });

  it('gives every problem at once, in the form’s order', () => {
    expect(
      fields({ pillar: 'x', title: '', text: '', indicatorCodes: ['bad'], key: 'bad' }),
    ).toEqual(['pillar', 'title', 'text', 'indicatorCodes', 'key']);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.record({
          pillar: fc.string(),
          title: fc.string({ unit: 'binary' }),
          text: fc.string({ unit: 'binary', maxLength: 3000 }),
          indicatorCodes: fc.array(fc.string(), { maxLength: 25 }),
          key: fc.option(fc.string(), { nil: undefined }),
        }),
        (input) => {
          const problems = validateCommitment(input);
          for (const p of problems) expect(p.text.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('checking a principle', () => {
  it('needs a title and text within their limits', () => {
    expect(validatePrinciple({ title: 'Fairness', text: 'We pay the real Living Wage.' })).toEqual(
      [],
    );
    expect(validatePrinciple({ title: '', text: '' })).toEqual([
      { field: 'title', text: 'Enter the title' },
      { field: 'text', text: 'Enter the principle' },
    ]);
    expect(validatePrinciple({ title: 'x'.repeat(201), text: 'x'.repeat(2001) })).toEqual([
      { field: 'title', text: 'The title must be 200 characters or fewer' },
      { field: 'text', text: 'The principle must be 2,000 characters or fewer' },
    ]);
    expect(validatePrinciple({ title: 'Fair', text: 'Bad\u0000' })).toEqual([
      {
        field: 'text',
        text: 'The principle must not contain control characters (only line breaks and tabs are allowed)',
      },
    ]);
    expect(validatePrinciple({ title: 'Fair', text: 'Fine', key: 'p1' })).toHaveLength(1);
  });
});
