import { describe, expect, it } from 'vitest';
import {
  charterToSignEmail,
  consultationOpenedEmail,
  daysBetween,
  greeting,
  oneLine,
  reminderFor,
  reminderSubject,
  reminderWindow,
  remindersDue,
  returnReminderEmail,
  returnSentBackEmail,
  suggestionAnsweredEmail,
  type ReturnStanding,
} from './notifications.js';

const BASE = 'https://anchorage.example.org';

describe('greeting and one-line subjects', () => {
  it('greets staff by name, and a participant’s nameless account plainly', () => {
    expect(greeting('Ada Lovelace')).toBe('Hello Ada Lovelace,');
    expect(greeting('Participant')).toBe('Hello,');
    expect(greeting('  ')).toBe('Hello,');
  });

  it('turns line breaks and control characters into spaces', () => {
    expect(oneLine('A\r\nBcc: x@example.org\u0000 C')).toBe('A Bcc: x@example.org C');
  });
});

describe('the consultation email', () => {
  const base = {
    baseUrl: BASE,
    recipientName: 'Participant',
    partnership: { name: 'Wirral Anchors', slug: 'wirral' },
    version: {
      number: 3,
      title: 'Our charter for 2026',
      opens: '2026-05-01',
      closes: '2026-05-31',
    },
  };

  it('says it is open now, until when, and links to it and to unfollowing', () => {
    const m = consultationOpenedEmail({ ...base, today: '2026-05-01' });
    expect(m.subject).toBe('Wirral Anchors wants your views on its charter');
    expect(m.text).toContain('Hello,');
    expect(m.text).toContain('version 3 of its charter, “Our charter for 2026”');
    expect(m.text).toContain('open now, until the end of 31 May 2026');
    expect(m.text).toContain(`${BASE}/p/wirral/charter/versions/3/consultation`);
    expect(m.text).toContain(`${BASE}/account/notifications`);
    expect(m.text).toContain('you follow Wirral Anchors');
  });

  it('says when it opens, if that is later', () => {
    const m = consultationOpenedEmail({ ...base, today: '2026-04-20' });
    expect(m.text).toContain('opens on 1 May 2026 and closes at the end of 31 May 2026');
  });

  it('keeps a name with a line break to one line in the subject', () => {
    const m = consultationOpenedEmail({
      ...base,
      partnership: { name: 'Wirral\r\nBcc: someone@example.org', slug: 'wirral' },
      today: '2026-05-01',
    });
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});

describe('the answer email', () => {
  const base = {
    baseUrl: BASE,
    recipientName: 'Participant',
    partnership: { name: 'Wirral Anchors', slug: 'wirral', isPublic: true },
    versionNumber: 2,
    suggestedTitle: null,
    answer: { kind: 'partly-accepted' as const, reason: 'We will include porters next year.' },
  };

  it('names the commitment, the answer and its reason, and links to where answers are', () => {
    const m = suggestionAnsweredEmail({
      ...base,
      commitment: { key: 'C1', title: 'Pay the Real Living Wage' },
    });
    expect(m.subject).toBe('Wirral Anchors has answered your suggestion');
    expect(m.text).toContain('your suggested change to commitment C1, “Pay the Real Living Wage”');
    expect(m.text).toContain('Its answer: Partly accepted.');
    expect(m.text).toContain('We will include porters next year.');
    expect(m.text).toContain(`${BASE}/p/wirral/you-said-we-did`);
    expect(m.text).toContain(`${BASE}/account/contributions`);
  });

  it('names a suggested new commitment, and leaves out public pages that are not public', () => {
    const m = suggestionAnsweredEmail({
      ...base,
      partnership: { ...base.partnership, isPublic: false },
      commitment: null,
      suggestedTitle: 'Hire locally',
    });
    expect(m.text).toContain('your suggested new commitment, “Hire locally”');
    expect(m.text).not.toContain('you-said-we-did');
  });
});

describe('the charter to sign email', () => {
  const m = {
    baseUrl: BASE,
    recipientName: 'Pat Jones',
    partnership: { name: 'Cheshire and Merseyside\r\nBcc: x', slug: 'cm' },
    organisation: { id: 'org-1', name: 'Walton Trust' },
    version: { number: 2, title: 'Our charter', adoptedOn: '2025-07-01' },
    signedBefore: 1,
  };

  it('asks to sign again when the organisation signed an earlier version, linking to where to sign and what changed', () => {
    const e = charterToSignEmail(m);
    expect(e.subject).toBe(
      'Sign again: Cheshire and Merseyside Bcc: x has adopted version 2 of its charter',
    );
    expect(e.text).toContain('on 1 July 2025');
    expect(e.text).toContain('Walton Trust signed version 1.');
    expect(e.text).toContain(`${BASE}/manage/cm/organisations/org-1/charter`);
    expect(e.text).toContain(`${BASE}/p/cm/charter/versions/2`);
  });

  it('asks to sign when it has signed none', () => {
    const e = charterToSignEmail({ ...m, signedBefore: null });
    expect(e.subject.startsWith('Sign: ')).toBe(true);
    expect(e.text).toContain('Walton Trust has not signed the charter yet.');
  });
});

describe('the returns emails', () => {
  const about = {
    baseUrl: BASE,
    recipientName: 'Ben',
    partnership: { name: 'Wirral Anchors', slug: 'wirral' },
    organisation: { id: 'org-1', name: 'Wirral Trust' },
    period: { id: 'period-1', label: '2025/26', dueOn: '2026-06-30' },
  };
  const link = `${BASE}/manage/wirral/organisations/org-1/returns/period-1`;

  it('says a return was returned with how many queries, and links to it', () => {
    const m = returnSentBackEmail({ ...about, queries: 2, today: '2026-06-01' });
    expect(m.subject).toBe('Wirral Trust’s 2025/26 return has been returned with queries');
    expect(m.text).toContain('Hello Ben,');
    expect(m.text).toContain('with 2 queries');
    expect(m.text).toContain('It is due on 30 June 2026.');
    expect(m.text).toContain(link);
    expect(returnSentBackEmail({ ...about, queries: 1, today: '2026-07-02' }).text).toMatch(
      /with a query\..*so it is overdue until it is sent again/s,
    );
  });

  it('reminds a week before, on the day, and once overdue, saying where the return stands', () => {
    const soon = returnReminderEmail({
      ...about,
      kind: 'return-due-soon',
      status: null,
      today: '2026-06-23',
    });
    expect(soon.subject).toBe('Wirral Trust’s 2025/26 return is due on 30 June 2026');
    expect(soon.text).toContain('is due in 7 days, on 30 June 2026. It has not been started.');
    expect(soon.text).toContain(link);
    const today = returnReminderEmail({
      ...about,
      kind: 'return-due-soon',
      status: 'returned',
      today: '2026-06-30',
    });
    expect(today.subject).toBe('Wirral Trust’s 2025/26 return is due today');
    expect(today.text).toContain('returned with queries and has not been sent for review again');
    const overdue = returnReminderEmail({
      ...about,
      kind: 'return-overdue',
      status: 'draft',
      today: '2026-07-01',
    });
    expect(overdue.subject).toBe('Wirral Trust’s 2025/26 return is overdue');
    expect(overdue.text).toContain('was due on 30 June 2026. It is in progress');
  });

  it('never carries an address other than the service’s', () => {
    for (const m of [
      returnSentBackEmail({ ...about, queries: 1, today: '2026-06-01' }),
      returnReminderEmail({ ...about, kind: 'return-overdue', status: null, today: '2026-07-01' }),
    ])
      expect(m.text).not.toMatch(/@/);
  });
});

describe('who is due a reminder', () => {
  const r = (over: Partial<ReturnStanding> = {}): ReturnStanding => ({
    periodId: 'p',
    organisationId: 'o',
    dueOn: '2026-06-30',
    status: null,
    revision: null,
    ...over,
  });

  it('is due soon from 7 days before the due date to the date itself', () => {
    expect(reminderFor(r(), '2026-06-22')).toBeNull();
    expect(reminderFor(r(), '2026-06-23')).toBe('return-due-soon');
    expect(reminderFor(r(), '2026-06-30')).toBe('return-due-soon');
  });

  it('is overdue from the day after, for a week, and then no longer reminded', () => {
    expect(reminderFor(r(), '2026-07-01')).toBe('return-overdue');
    expect(reminderFor(r(), '2026-07-07')).toBe('return-overdue');
    expect(reminderFor(r(), '2026-07-08')).toBeNull();
  });

  it('reminds about returns not started, in progress or returned, and no others', () => {
    const day = '2026-07-01';
    expect(reminderFor(r({ status: 'draft', revision: 1 }), day)).toBe('return-overdue');
    expect(reminderFor(r({ status: 'returned', revision: 1 }), day)).toBe('return-overdue');
    expect(reminderFor(r({ status: 'submitted', revision: 1 }), day)).toBeNull();
    expect(reminderFor(r({ status: 'approved', revision: 1 }), day)).toBeNull();
    // A correction of an approved return was in on time.
    expect(reminderFor(r({ status: 'draft', revision: 2 }), day)).toBeNull();
  });

  it('picks the returns due a reminder, each with which', () => {
    const rows = [
      r({ periodId: 'a', dueOn: '2026-07-08' }),
      r({ periodId: 'b', dueOn: '2026-06-30' }),
      r({ periodId: 'c', dueOn: '2026-07-20' }),
      r({ periodId: 'd', dueOn: '2026-06-30', status: 'submitted', revision: 1 }),
    ];
    expect(remindersDue(rows, '2026-07-01').map((x) => [x.periodId, x.kind])).toEqual([
      ['a', 'return-due-soon'],
      ['b', 'return-overdue'],
    ]);
  });

  it('looks at periods due from a week ago to a week ahead', () => {
    expect(reminderWindow('2026-07-01')).toEqual({ from: '2026-06-24', to: '2026-07-08' });
    expect(daysBetween('2026-06-23', '2026-06-30')).toBe(7);
    expect(reminderSubject({ periodId: 'p1', organisationId: 'o1' })).toBe('p1:o1');
  });
});
