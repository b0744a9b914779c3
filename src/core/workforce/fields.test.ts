import { describe, expect, it } from 'vitest';
import {
  detectPayrollMapping,
  payrollMappingFromNames,
  payrollMappingProblems,
  personalColumns,
  type PayrollMapping,
} from './fields.js';

const named = (headers: string[], mapping: PayrollMapping) =>
  Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, headers[i]]));

describe('detectPayrollMapping', () => {
  it('finds every column of an ESR-style extract, and sets the personal ones aside', () => {
    const headers = [
      'Staff Number',
      'Surname',
      'Forename',
      'Date of Birth',
      'Employment Type',
      'Hourly Rate',
      'Annual Salary',
      'Contracted Hours',
      'Home Postcode',
      'Start Date',
      'Apprentice',
      'Care Leaver',
      'Veteran',
      'Disabled',
      'Long-term Unemployed',
      'Pay Date',
    ];
    const m = detectPayrollMapping(headers);
    expect(named(headers, m)).toEqual({
      employment: 'Employment Type',
      hourlyRate: 'Hourly Rate',
      annualSalary: 'Annual Salary',
      weeklyHours: 'Contracted Hours',
      postcode: 'Home Postcode',
      startDate: 'Start Date',
      apprentice: 'Apprentice',
      careLeaver: 'Care Leaver',
      veteran: 'Veteran',
      disabled: 'Disabled',
      longTermUnemployed: 'Long-term Unemployed',
      payDate: 'Pay Date',
    });
    expect(personalColumns(headers, m)).toEqual([
      { index: 0, kind: 'staffNumber', label: 'Staff or payroll number' },
      { index: 1, kind: 'name', label: 'Name' },
      { index: 2, kind: 'name', label: 'Name' },
      { index: 3, kind: 'dateOfBirth', label: 'Date of birth' },
    ]);
  });

  it('reads headers as people write them: case, underscores, trailing colons and a BOM', () => {
    const headers = [
      '\ufeffEMPLOYEE_ID',
      'basic hourly rate £',
      'Weekly hours:',
      'POST CODE',
      'date of joining',
      'NI Number',
      'Email Address',
    ];
    const m = detectPayrollMapping(headers);
    expect(named(headers, m)).toEqual({
      hourlyRate: 'basic hourly rate £',
      weeklyHours: 'Weekly hours:',
      postcode: 'POST CODE',
      startDate: 'date of joining',
    });
    expect(personalColumns(headers, m).map((p) => p.kind)).toEqual([
      'staffNumber',
      'niNumber',
      'contact',
    ]);
  });

  it('uses a column for one field only, and a mapped column is not listed as personal', () => {
    const headers = ['Postcode', 'Post code', 'Name'];
    const m = detectPayrollMapping(headers);
    expect(m).toEqual({ postcode: 0 });
    expect(personalColumns(headers, { ...m, organisation: 2 })).toEqual([]);
  });

  it('takes a mapping given by header names', () => {
    const headers = ['Rate', 'Where', 'Kind'];
    expect(
      payrollMappingFromNames(headers, { hourlyRate: 'rate', postcode: 'WHERE', apprentice: 'x' }),
    ).toEqual({ mapping: { hourlyRate: 0, postcode: 1 }, unknown: ['x'] });
  });
});

describe('payrollMappingProblems', () => {
  it('asks for the employment type unless everyone in the file is employed one way', () => {
    expect(payrollMappingProblems({ hourlyRate: 0 })).toHaveLength(1);
    expect(payrollMappingProblems({ hourlyRate: 0 }, { everyone: 'direct' })).toEqual([]);
    expect(payrollMappingProblems({ hourlyRate: 0, employment: 1 })).toEqual([]);
  });

  it('asks for hours beside an annual salary, and for at least one column the figures use', () => {
    expect(payrollMappingProblems({ annualSalary: 0, employment: 1 })[0]?.text).toMatch(
      /weekly hours/,
    );
    expect(payrollMappingProblems({ employment: 1 })[0]?.text).toMatch(/at least one/);
  });
});
