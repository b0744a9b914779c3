/**
 * The words for where a return stands, defined once and used on every page: one word for each
 * state, with its tag colour. "Overdue" (never "Late" or "Past due"): past its due date and not
 * yet sent, or sent back with queries and still not sent again after the due date. "Waiting for
 * review" (never "Submitted"): sent and not yet decided. "In progress" (never "Draft"): being
 * filled in. A section of a return uses "Not started", "In progress" and "Completed".
 */
export type TagColour = 'grey' | 'blue' | 'orange' | 'green' | 'red';

export interface Tag {
  readonly text: string;
  readonly colour: TagColour;
}

export type ReturnStateKey =
  | 'not-started'
  | 'draft'
  | 'in-progress'
  | 'completed'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'overdue';

export const RETURN_STATES: Readonly<Record<ReturnStateKey, Tag>> = {
  'not-started': { text: 'Not started', colour: 'grey' },
  draft: { text: 'In progress', colour: 'blue' },
  'in-progress': { text: 'In progress', colour: 'blue' },
  completed: { text: 'Completed', colour: 'green' },
  submitted: { text: 'Waiting for review', colour: 'blue' },
  returned: { text: 'Returned with queries', colour: 'orange' },
  approved: { text: 'Approved', colour: 'green' },
  overdue: { text: 'Overdue', colour: 'red' },
};

/** Words retired from pages for these states (each has one word above). */
export const RETIRED_STATE_WORDS = ['Late', 'Past due', 'Submitted', 'Draft'] as const;

/** The tag for a return's state (its latest revision's status; none yet is "Not started"). */
export function returnStateTag(status: string | undefined): Tag {
  return RETURN_STATES[(status ?? 'not-started') as ReturnStateKey] ?? RETURN_STATES['not-started'];
}

/** The tags shown for a return of a period: its state, then "Overdue" when it is. */
export function returnTags(status: string | undefined, overdue: boolean): Tag[] {
  return overdue ? [returnStateTag(status), RETURN_STATES.overdue] : [returnStateTag(status)];
}

/**
 * Whether a return is overdue: past its period's due date and not sent (not started, in
 * progress, or returned with queries and not yet sent again).
 */
export function isOverdue(
  period: { readonly due_on: string },
  status: string | undefined,
  today: string,
): boolean {
  return (
    today > period.due_on && (status === undefined || status === 'draft' || status === 'returned')
  );
}
