/**
 * The returns policy: what a person may see and do in one organisation's return, beyond the role
 * matrix (core/roles.ts), which says who may open a return at all. Used by the routes and the
 * services alike. Pure.
 *
 * - A return can be changed while it is a draft or returned with queries; submitted and approved
 *   revisions are read only (a correction opens a new revision).
 * - A return has a section per pillar. Reviewers see every section. Anyone else sees a section if
 *   the matrix lets them read that pillar's figures and, when all their roles in the organisation
 *   are data contributor roles limited to some pillars, the pillar is one of them.
 * - A section, and the figures and evidence in it, may be changed by those who may edit that
 *   pillar's figures (organisation leads; contributors for their pillars).
 */
import { can, type Actor } from '../roles.js';

export type ReturnStatus = 'draft' | 'submitted' | 'returned' | 'approved';

/** The organisation whose return it is. */
export interface ReturnTarget {
  readonly partnershipId: string;
  readonly organisationId: string;
}

const EDITABLE_STATUSES: ReadonlySet<ReturnStatus> = new Set(['draft', 'returned']);

/** Whether a revision in this state can be changed (draft, or returned with queries). */
export function isEditable(status: ReturnStatus): boolean {
  return EDITABLE_STATUSES.has(status);
}

/**
 * False only for someone whose every role in the organisation is a data contributor limited to
 * other pillars: their partnership roles, if any, do not widen what they see of that pillar.
 */
function withinOwnPillars(actor: Actor, target: ReturnTarget, pillar: string): boolean {
  const mine = actor.memberships.filter(
    (m) => m.partnershipId === target.partnershipId && m.organisationId === target.organisationId,
  );
  if (mine.length === 0) return true;
  return mine.some(
    (m) => m.role !== 'contributor' || !m.pillars?.length || m.pillars.includes(pillar),
  );
}

/** Whether the person may read a pillar's section of the return, its figures and evidence. */
export function maySeeSection(actor: Actor, target: ReturnTarget, pillar: string): boolean {
  if (can(actor, 'return.review', target)) return true;
  return (
    can(actor, 'return.view', { ...target, pillar }) && withinOwnPillars(actor, target, pillar)
  );
}

/**
 * Whether the person may read a figure (and its evidence files): as its section, or for a figure
 * in no section of the framework now, as the return.
 */
export function maySeeFigure(
  actor: Actor,
  target: ReturnTarget,
  pillar: string | undefined,
): boolean {
  if (pillar) return maySeeSection(actor, target, pillar);
  return can(actor, 'return.review', target) || can(actor, 'return.view', target);
}

/** Whether the person may change a pillar's section (when the return can be changed at all). */
export function mayEditSection(actor: Actor, target: ReturnTarget, pillar: string): boolean {
  return (
    can(actor, 'return.edit', { ...target, pillar }) && withinOwnPillars(actor, target, pillar)
  );
}

/** The sections the person may read, in order. */
export function visibleSections<S extends { readonly pillar: string }>(
  actor: Actor,
  target: ReturnTarget,
  sections: readonly S[],
): S[] {
  return sections.filter((s) => maySeeSection(actor, target, s.pillar));
}

/** The pillars whose figures the person may change (a template upload touches only these). */
export function editablePillars(
  actor: Actor,
  target: ReturnTarget,
  sections: readonly { readonly pillar: string }[],
): Set<string> {
  return new Set(
    sections.filter((s) => mayEditSection(actor, target, s.pillar)).map((s) => s.pillar),
  );
}

/** What the person may do with the return as a whole, in its current state. */
export function returnActions(actor: Actor, target: ReturnTarget, status: ReturnStatus) {
  return {
    /** Enter figures and evidence (in the sections mayEditSection allows). */
    edit: isEditable(status) && can(actor, 'return.edit', target),
    submit: isEditable(status) && can(actor, 'return.submit', target),
    review: status === 'submitted' && can(actor, 'return.review', target),
    correct: status === 'approved' && can(actor, 'return.correct', target),
    answer: status === 'returned' && can(actor, 'return.edit', target),
  };
}
