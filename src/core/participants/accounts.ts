/**
 * Participants' light accounts (SPEC §2.1, §2.8): who counts as a participant, what their
 * account is called, how long an emailed sign-in link lasts, and what deleting the account does
 * to what they wrote. Pure.
 *
 * A participant is an account with no role in any partnership that is not a platform
 * administrator: a resident taking part in a consultation or raising a local priority. Staff
 * accounts are removed by their partnership's lead, not by the person.
 */
import { isStaff, type Actor } from '../roles.js';

/** users.display_name of a participant's account: never shown publicly (each contribution carries its own name). */
export const PARTICIPANT_ACCOUNT_NAME = 'Participant';

/** users.display_name of a deleted account, kept because the audit log and other records point at it. */
export const DELETED_ACCOUNT_NAME = 'Deleted account';

/** The address a deleted account is left with: one that can never receive mail or be signed in with. */
export function deletedAccountEmail(userId: string): string {
  return `deleted-${userId}@deleted.invalid`;
}

/** How long a sign-in link sent by email works. */
export const SIGN_IN_LINK_MINUTES = 30;

export function isParticipant(actor: Actor): boolean {
  return !isStaff(actor);
}

// ---------------------------------------------------------------------------------------------
// Deleting an account

export const DELETE_CHOICES = ['anonymise', 'remove'] as const;
export type DeleteChoice = (typeof DELETE_CHOICES)[number];

export function isDeleteChoice(value: unknown): value is DeleteChoice {
  return typeof value === 'string' && (DELETE_CHOICES as readonly string[]).includes(value);
}

export const DELETE_CHOICE_LABELS: Readonly<Record<DeleteChoice, string>> = {
  anonymise: 'Keep what I wrote, shown as anonymous',
  remove: 'Remove what I wrote',
};

/** What the audit log records of the choice. */
export const DELETE_CHOICE_AUDITED: Readonly<Record<DeleteChoice, 'anonymised' | 'removed'>> = {
  anonymise: 'anonymised',
  remove: 'removed',
};

/**
 * What happens to a local priority the person raised when their account is deleted. Asked to
 * remove it, it is removed unless other people have supported it or the partnership has answered
 * it in public: then it belongs to them too, and it stays, anonymous.
 */
export function priorityFate(
  choice: DeleteChoice,
  priority: { readonly supportedByOthers: boolean; readonly answered: boolean },
): 'anonymised' | 'removed' {
  if (choice === 'anonymise') return 'anonymised';
  return priority.supportedByOthers || priority.answered ? 'anonymised' : 'removed';
}

/** What deleting an account did, for the audit log and the page that says so. */
export interface DeletionCounts {
  /** Responses to consultations (and suggested commitments), anonymised or removed. */
  readonly responses: number;
  /** Local priorities removed. */
  readonly prioritiesRemoved: number;
  /** Local priorities kept, anonymous: all of them, or those others supported or were answered. */
  readonly prioritiesAnonymised: number;
  /** Supports of priorities withdrawn. */
  readonly supportsWithdrawn: number;
  /** Flags the person raised, kept for the moderators without saying who raised them. */
  readonly flagsAnonymised: number;
}
