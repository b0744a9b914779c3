import { describe, expect, it } from 'vitest';
import type { Actor, MembershipGrant, Role } from '../roles.js';
import {
  editablePillars,
  isEditable,
  maySeeFigure,
  maySeeSection,
  mayEditSection,
  returnActions,
  visibleSections,
} from './returns.js';
import { spendScope } from './spend.js';

const P = 'partnership-a';
const O1 = 'org-1';
const O2 = 'org-2';
const target = { partnershipId: P, organisationId: O1 };
const SECTIONS = ['workforce', 'procurement', 'accountability'].map((pillar) => ({ pillar }));

function actor(...grants: [Role, string | null, string[]?][]): Actor {
  const memberships: MembershipGrant[] = grants.map(([role, organisationId, pillars]) => ({
    partnershipId: P,
    organisationId,
    role,
    pillars: pillars ?? null,
  }));
  return { userId: 'user-1', isPlatformAdmin: false, memberships };
}

describe('the returns policy', () => {
  it('lets a return be changed only as a draft or when returned with queries', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('approved')).toBe(false);
  });

  it('shows reviewers and organisation leads every section', () => {
    for (const a of [actor(['reviewer', null]), actor(['org-lead', O1])])
      expect(visibleSections(a, target, SECTIONS)).toEqual(SECTIONS);
  });

  it('shows a contributor limited to some pillars only those, and lets them edit only those', () => {
    const c = actor(['contributor', O1, ['workforce']]);
    expect(visibleSections(c, target, SECTIONS).map((s) => s.pillar)).toEqual(['workforce']);
    expect([...editablePillars(c, target, SECTIONS)]).toEqual(['workforce']);
    expect(maySeeSection(c, target, 'accountability')).toBe(false);
    expect(mayEditSection(c, target, 'procurement')).toBe(false);
  });

  it('lets a person read a figure’s evidence only where they may read its section', () => {
    const c = actor(['contributor', O1, ['workforce']]);
    expect(maySeeFigure(c, target, 'workforce')).toBe(true);
    expect(maySeeFigure(c, target, 'accountability')).toBe(false);
    // A figure that is in no section now: whoever may read the return.
    expect(maySeeFigure(c, target, undefined)).toBe(true);
    expect(maySeeFigure(actor(['org-lead', O2]), target, undefined)).toBe(false);
  });

  it('does not widen a limited contributor’s pillars with a partnership role that cannot review', () => {
    const c = actor(['moderator', null], ['contributor', O1, ['workforce']]);
    expect(maySeeSection(c, target, 'procurement')).toBe(false);
    expect(maySeeSection(c, target, 'workforce')).toBe(true);
  });

  it('gives nobody anything in another organisation’s return', () => {
    const c = actor(['org-lead', O2]);
    expect(visibleSections(c, target, SECTIONS)).toEqual([]);
    expect(editablePillars(c, target, SECTIONS).size).toBe(0);
  });

  it('lets viewers read and reviewers review, but neither edit', () => {
    const viewer = actor(['viewer', O1]);
    expect(maySeeSection(viewer, target, 'workforce')).toBe(true);
    expect(mayEditSection(viewer, target, 'workforce')).toBe(false);
    const reviewer = actor(['reviewer', null]);
    expect(returnActions(reviewer, target, 'submitted')).toEqual({
      edit: false,
      submit: false,
      review: true,
      correct: false,
      answer: false,
    });
  });

  it('offers the actions the return’s state allows', () => {
    const lead = actor(['org-lead', O1]);
    expect(returnActions(lead, target, 'draft')).toMatchObject({ edit: true, submit: true });
    expect(returnActions(lead, target, 'returned')).toMatchObject({ edit: true, answer: true });
    expect(returnActions(lead, target, 'submitted')).toMatchObject({ edit: false, submit: false });
    expect(returnActions(lead, target, 'approved')).toMatchObject({ edit: false, correct: true });
  });
});

describe('the spend policy', () => {
  it('lets partnership readers see everyone’s spend', () => {
    expect(spendScope(actor(['partnership-lead', null]), P)).toBeNull();
  });

  it('lets organisation roles see their own organisations’ spend only', () => {
    expect(spendScope(actor(['org-lead', O1], ['viewer', O2], ['viewer', O2]), P)).toEqual([
      O1,
      O2,
    ]);
  });

  it('gives a contributor who does not report procurement no spend', () => {
    expect(spendScope(actor(['contributor', O1, ['workforce']]), P)).toEqual([]);
    expect(spendScope(actor(['contributor', O1, ['procurement']]), P)).toEqual([O1]);
  });
});
