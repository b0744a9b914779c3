import { describe, expect, it } from 'vitest';
import type { Section } from '../../core/framework/sections.js';
import type { ReportingPeriod } from '../../db/schema.js';
import { periodNamed, sectionInput } from './api.documents.js';

const section = {
  pillar: 'workforce',
  title: 'Workforce',
  indicators: [],
  items: [
    { id: 'apprenticeship_starts', label: 'Apprenticeship starts', unit: 'count' },
    { id: 'work_experience_weeks', label: 'Weeks of work experience', unit: 'count' },
  ],
} as unknown as Section;

describe('sectionInput', () => {
  it('takes the section’s figures as its form would send them: one left out is empty', () => {
    expect(sectionInput(section, { apprenticeship_starts: 3 })).toEqual({
      ok: true,
      raw: { apprenticeship_starts: 3, work_experience_weeks: null },
    });
  });

  it('names every figure sent that the section does not have, and saves nothing', () => {
    expect(sectionInput(section, { staff: 1, toString: 2, apprenticeship_starts: 1 })).toEqual({
      ok: false,
      problems: [
        { item: 'staff', message: 'Workforce has no figure staff in this return' },
        { item: 'toString', message: 'Workforce has no figure toString in this return' },
      ],
    });
  });

  it('does not read figures from the object’s prototype', () => {
    const values = Object.create({ apprenticeship_starts: 99 }) as Record<string, number>;
    expect(sectionInput(section, values)).toEqual({
      ok: true,
      raw: { apprenticeship_starts: null, work_experience_weeks: null },
    });
  });
});

describe('periodNamed', () => {
  const period = (kind: 'year' | 'quarter', fy: number, quarter: number | null) =>
    ({ id: `${kind}-${fy}-${quarter}`, kind, fy_start_year: fy, quarter }) as ReportingPeriod;
  const periods = [
    period('year', 2025, null),
    period('quarter', 2025, 2),
    period('year', 2024, null),
  ];

  it('finds the period a key names among the partnership’s, and nothing else', () => {
    expect(periodNamed(periods, { kind: 'year', fyStartYear: 2025, quarter: null })?.id).toBe(
      'year-2025-null',
    );
    expect(periodNamed(periods, { kind: 'quarter', fyStartYear: 2025, quarter: 2 })?.id).toBe(
      'quarter-2025-2',
    );
    expect(
      periodNamed(periods, { kind: 'quarter', fyStartYear: 2025, quarter: 3 }),
    ).toBeUndefined();
    expect(
      periodNamed(periods, { kind: 'year', fyStartYear: 2023, quarter: null }),
    ).toBeUndefined();
  });
});
