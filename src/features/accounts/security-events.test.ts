import { describe, expect, it } from 'vitest';
import { describeAuditAction, hasAuditLabel } from '../../core/audit-actions.js';
import { SECURITY_ACTIONS } from './security-events.js';

describe('security events', () => {
  it('each have their own words on the audit log pages', () => {
    for (const action of SECURITY_ACTIONS) expect(hasAuditLabel(action), action).toBe(true);
    expect(hasAuditLabel('charter.clause.reworded')).toBe(false);
    expect(describeAuditAction('sign-in.failed')).toBe(
      'Sign-in refused: wrong email address or password',
    );
    expect(describeAuditAction('attempts.limited')).toBe('Too many attempts: stopped for a while');
  });
});
