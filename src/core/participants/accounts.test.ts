import { describe, expect, it } from 'vitest';
import {
  DELETE_CHOICE_AUDITED,
  deletedAccountEmail,
  isDeleteChoice,
  isParticipant,
  priorityFate,
} from './accounts.js';

const actor = (over: Partial<Parameters<typeof isParticipant>[0]> = {}) => ({
  userId: 'u1',
  isPlatformAdmin: false,
  memberships: [],
  ...over,
});

describe('who is a participant', () => {
  it('is someone with no role and not a platform administrator', () => {
    expect(isParticipant(actor())).toBe(true);
    expect(isParticipant(actor({ isPlatformAdmin: true }))).toBe(false);
    expect(
      isParticipant(
        actor({
          memberships: [
            { partnershipId: 'p', organisationId: null, role: 'moderator', pillars: null },
          ],
        }),
      ),
    ).toBe(false);
  });
});

describe('deleting an account', () => {
  it('leaves an address that can never be mailed or signed in with', () => {
    expect(deletedAccountEmail('abc')).toBe('deleted-abc@deleted.invalid');
  });

  it('keeps every priority, anonymous, when asked to keep what they wrote', () => {
    for (const supportedByOthers of [true, false])
      for (const answered of [true, false])
        expect(priorityFate('anonymise', { supportedByOthers, answered })).toBe('anonymised');
  });

  it('removes a priority only when nobody else supports it and it was not answered', () => {
    expect(priorityFate('remove', { supportedByOthers: false, answered: false })).toBe('removed');
    expect(priorityFate('remove', { supportedByOthers: true, answered: false })).toBe('anonymised');
    expect(priorityFate('remove', { supportedByOthers: false, answered: true })).toBe('anonymised');
  });

  it('knows its two choices and how the audit log names them', () => {
    expect(isDeleteChoice('remove')).toBe(true);
    expect(isDeleteChoice('anonymise')).toBe(true);
    expect(isDeleteChoice('delete')).toBe(false);
    expect(isDeleteChoice(['remove'])).toBe(false);
    expect(DELETE_CHOICE_AUDITED).toEqual({ anonymise: 'anonymised', remove: 'removed' });
  });
});
