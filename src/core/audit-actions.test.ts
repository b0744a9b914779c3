import { describe, expect, it } from 'vitest';
import { describeAuditAction, describeAuditEntity } from './audit-actions.js';

describe('describeAuditAction', () => {
  it('says what a known action did in plain English', () => {
    expect(describeAuditAction('return.section.completed')).toBe('Return section completed');
    expect(describeAuditAction('return.returned')).toBe('Return sent back with a query');
    expect(describeAuditAction('supplier.placed-from-file')).toBe(
      'Supplier postcode taken from a spend file',
    );
    expect(describeAuditAction('spend.imported')).toBe('Spend file imported');
  });

  it('spells out an action it has no words for, rather than hiding it', () => {
    expect(describeAuditAction('charter.clause.reworded')).toBe('Charter clause reworded');
    expect(describeAuditAction('toString')).toBe('ToString');
    expect(describeAuditAction('constructor')).toBe('Constructor');
    expect(describeAuditAction('')).toBe('');
  });

  it('names the kind of record', () => {
    expect(describeAuditEntity('lm3_survey')).toBe('LM3 survey link');
    expect(describeAuditEntity('spend_batch')).toBe('Spend file');
    expect(describeAuditEntity('return')).toBe('Return');
    expect(describeAuditEntity('hasOwnProperty')).toBe('HasOwnProperty');
  });
});
