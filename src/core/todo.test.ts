import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './roles.js';
import { isOverdue } from './return-states.js';
import { isDue, todoFor, type TodoFacts } from './todo.js';

const P = 'p1';
const A = 'org-a';
const B = 'org-b';

function actor(
  role: Role,
  organisationId: string | null = null,
  pillars: string[] | null = null,
): Actor {
  return {
    userId: 'u1',
    isPlatformAdmin: false,
    memberships: [{ partnershipId: P, organisationId, role, pillars }],
  };
}

const base: TodoFacts = {
  partnershipId: P,
  today: '2026-05-15',
  organisations: [
    { id: A, name: 'Mersey Valley Hospitals' },
    { id: B, name: 'Riverside Council' },
  ],
  periods: [
    // Far off: not yet due.
    {
      id: 'q1',
      label: 'Q1 2026/27',
      ends_on: '2026-06-30',
      due_on: '2026-07-31',
      pillars: ['procurement'],
    },
    // Due within 30 days.
    {
      id: 'y25',
      label: '2025/26',
      ends_on: '2026-03-31',
      due_on: '2026-06-01',
      pillars: ['workforce', 'procurement'],
    },
    // Overdue.
    {
      id: 'q4',
      label: 'Q4 2025/26',
      ends_on: '2026-03-31',
      due_on: '2026-04-30',
      pillars: ['procurement'],
    },
  ],
  returns: [],
  imports: [],
  suppliersNeedingDetails: [],
  suppliersNeedingDetailsInPartnership: 0,
};

const kinds = (items: { kind: string }[]) => items.map((i) => i.kind);

describe('when a return is due', () => {
  it('is due once its period is over or its due date is 30 days away, and overdue after it', () => {
    expect(isDue({ ends_on: '2026-06-30', due_on: '2026-07-31' }, '2026-05-15')).toBe(false);
    expect(isDue({ ends_on: '2026-06-30', due_on: '2026-06-14' }, '2026-05-15')).toBe(true);
    expect(isDue({ ends_on: '2026-03-31', due_on: '2026-09-30' }, '2026-05-15')).toBe(true);
    expect(isOverdue({ due_on: '2026-04-30' }, undefined, '2026-05-01')).toBe(true);
    expect(isOverdue({ due_on: '2026-04-30' }, 'draft', '2026-04-30')).toBe(false);
    expect(isOverdue({ due_on: '2026-04-30' }, 'submitted', '2026-05-01')).toBe(false);
    // Returned with queries and not sent again by the due date: overdue (one rule on every page).
    expect(isOverdue({ due_on: '2026-04-30' }, 'returned', '2026-05-01')).toBe(true);
  });
});

describe('an organisation lead', () => {
  it('sees their own organisation’s due and overdue returns, the overdue first, each with one action', () => {
    const items = todoFor(actor('org-lead', A), base);
    expect(kinds(items)).toEqual(['return-overdue', 'return-due']);
    expect(items[0]).toMatchObject({
      text: 'The Q4 2025/26 return for Mersey Valley Hospitals is overdue: it was due on 30 April 2026.',
      action: 'Start the return',
      target: { page: 'return', organisationId: A, periodId: 'q4' },
    });
    expect(items[1]?.text).toBe(
      'The 2025/26 return for Mersey Valley Hospitals is due on 1 June 2026.',
    );
    expect(items.some((i) => i.text.includes('Riverside'))).toBe(false);
  });

  it('is asked to send an overdue return whose sections are all complete', () => {
    const items = todoFor(actor('org-lead', A), {
      ...base,
      returns: [
        {
          organisationId: A,
          periodId: 'q4',
          status: 'draft',
          completed: ['procurement'],
          openQueries: 0,
        },
      ],
    });
    expect(items[0]).toMatchObject({
      kind: 'return-overdue',
      text: 'Every section of the Q4 2025/26 return for Mersey Valley Hospitals is complete: it is ready to send for review. It was due on 30 April 2026.',
      action: 'Send the return for review',
      target: { page: 'return', organisationId: A, periodId: 'q4' },
      urgent: true,
    });
  });

  it('no longer sees a return once it is sent, and sees queries waiting for an answer first', () => {
    const items = todoFor(actor('org-lead', A), {
      ...base,
      returns: [
        { organisationId: A, periodId: 'q4', status: 'submitted', completed: [], openQueries: 0 },
        { organisationId: A, periodId: 'y25', status: 'returned', completed: [], openQueries: 2 },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'queries',
        action: 'Answer the reviewer',
        text: 'The reviewer returned the 2025/26 return for Mersey Valley Hospitals with 2 queries waiting for an answer.',
      }),
    ]);
  });

  it('sees a failed import, rows rejected from the latest file, and suppliers needing details', () => {
    const items = todoFor(actor('org-lead', A), {
      ...base,
      periods: [],
      imports: [
        {
          organisationId: A,
          fileName: 'spend.csv',
          on: '2026-05-10',
          failed: false,
          rejected: 3,
          batchId: 'b1',
          jobId: 'j1',
        },
        {
          organisationId: B,
          fileName: 'other.csv',
          on: '2026-05-10',
          failed: true,
          rejected: 0,
          batchId: null,
          jobId: 'j2',
        },
      ],
      suppliersNeedingDetails: [
        { organisationId: A, count: 120 },
        { organisationId: B, count: 7 },
      ],
      suppliersNeedingDetailsInPartnership: 125,
    });
    expect(items.map((i) => [i.kind, i.text, i.action])).toEqual([
      [
        'import',
        '3 rows of spend.csv for Mersey Valley Hospitals could not be imported.',
        'See the rejected rows',
      ],
      [
        'suppliers',
        '120 suppliers need a postcode or a type, so their spend cannot count as local, SME or VCSE.',
        'Add postcodes and types',
      ],
    ]);
  });

  it('does not see an import older than 90 days', () => {
    const items = todoFor(actor('org-lead', A), {
      ...base,
      periods: [],
      imports: [
        {
          organisationId: A,
          fileName: 'old.csv',
          on: '2026-01-01',
          failed: true,
          rejected: 0,
          batchId: null,
          jobId: 'j1',
        },
      ],
    });
    expect(items).toEqual([]);
  });
});

describe('a data contributor', () => {
  it('sees a return only while a section of their own pillars is unfinished', () => {
    const workforce = actor('contributor', A, ['workforce']);
    expect(todoFor(workforce, base).map((i) => i.target)).toEqual([
      { page: 'return', organisationId: A, periodId: 'y25' },
    ]);
    const done = todoFor(workforce, {
      ...base,
      returns: [
        {
          organisationId: A,
          periodId: 'y25',
          status: 'draft',
          completed: ['workforce'],
          openQueries: 0,
        },
      ],
    });
    expect(done).toEqual([]);
  });

  it('is asked to send the return once every section of it is complete, theirs and colleagues’', () => {
    const workforce = actor('contributor', A, ['workforce']);
    const items = todoFor(workforce, {
      ...base,
      returns: [
        {
          organisationId: A,
          periodId: 'y25',
          status: 'draft',
          completed: ['workforce', 'procurement'],
          openQueries: 0,
        },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'return-due',
        text: 'Every section of the 2025/26 return for Mersey Valley Hospitals is complete: it is ready to send for review.',
        action: 'Send the return for review',
        target: { page: 'return', organisationId: A, periodId: 'y25' },
      }),
    ]);
  });

  it('limited to other pillars sees no imports or suppliers', () => {
    const items = todoFor(actor('contributor', A, ['workforce']), {
      ...base,
      periods: [],
      imports: [
        {
          organisationId: A,
          fileName: 'spend.csv',
          on: '2026-05-10',
          failed: true,
          rejected: 0,
          batchId: null,
          jobId: 'j1',
        },
      ],
      suppliersNeedingDetails: [{ organisationId: A, count: 5 }],
    });
    expect(items).toEqual([]);
  });
});

describe('partnership roles', () => {
  const facts: TodoFacts = {
    ...base,
    returns: [
      { organisationId: A, periodId: 'q4', status: 'submitted', completed: [], openQueries: 0 },
      { organisationId: B, periodId: 'y25', status: 'returned', completed: [], openQueries: 3 },
    ],
    suppliersNeedingDetailsInPartnership: 40,
  };

  it('a partnership lead sees returns to review, overdue organisations and open queries across organisations', () => {
    const items = todoFor(actor('partnership-lead'), facts);
    expect(kinds(items)).toEqual(['review', 'overdue-organisations', 'suppliers', 'open-queries']);
    expect(items.find((i) => i.kind === 'overdue-organisations')?.text).toBe(
      '1 organisation has an overdue return.',
    );
    expect(items.find((i) => i.kind === 'open-queries')).toMatchObject({
      text: '3 queries are open across 1 organisation.',
      target: { page: 'queries' },
    });
    expect(items.find((i) => i.kind === 'suppliers')?.text).toContain('40 suppliers');
  });

  it('a reviewer sees the returns waiting for review, and nothing to enter', () => {
    const items = todoFor(actor('reviewer'), facts);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'review',
        action: 'Review the return',
        text: 'The Q4 2025/26 return from Mersey Valley Hospitals is waiting for review.',
        target: { page: 'review', organisationId: A, periodId: 'q4' },
      }),
    ]);
  });

  it('a viewer sees what they can read, of their own organisation only', () => {
    const items = todoFor(actor('viewer', B), facts);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'read',
        action: 'Read the return',
        target: { page: 'return', organisationId: B, periodId: 'y25' },
      }),
    ]);
  });
});
