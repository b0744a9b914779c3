import { describe, expect, it } from 'vitest';
import { accessibilityStatementPage, knownProblems } from './accessibility.js';

const base = { operator: { name: null, email: null }, publicUrl: null };

describe('the accessibility statement', () => {
  it('is partially compliant while people are signed out without warning in under 20 hours', () => {
    const page = accessibilityStatementPage({ ...base, sessionTtlHours: 12 });
    expect(page.compliance).toBe('partially');
    expect(page.problems).toEqual([
      expect.objectContaining({ criterion: '2.2.1 (timing adjustable)' }),
    ]);
    expect(page.problems[0]?.text).toContain('for 12 hours');
  });

  it('is fully compliant only when nothing is known to fail', () => {
    expect(knownProblems({ sessionTtlHours: 24 })).toEqual([]);
    const page = accessibilityStatementPage({ ...base, sessionTtlHours: 24 });
    expect(page.compliance).toBe('fully');
    expect(page.lastTested).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  });

  it('makes up no operator, address or contact when none is configured', () => {
    const page = accessibilityStatementPage({ ...base, sessionTtlHours: 12 });
    expect(page.operator).toEqual({ name: null, email: null });
    expect(page.publicUrl).toBeNull();
  });
});
