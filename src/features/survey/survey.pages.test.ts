import { describe, expect, it } from 'vitest';
import { surveyDemographics, TOO_FEW_TO_BREAK_DOWN } from './survey.pages.js';

describe('survey demographics', () => {
  it('does not break down fewer than 10 people at all: a 0 beside a hidden count would give them away', () => {
    const d = surveyDemographics(
      { received: 1, placed: 1, areas: [1, 0, 0], bands: [0, 1, 0, 0, 0, 0] },
      ['E08000012'],
      () => 'Liverpool',
    );
    expect(d.areas.rows.map((r) => r.value)).toEqual([
      TOO_FEW_TO_BREAK_DOWN,
      TOO_FEW_TO_BREAK_DOWN,
      TOO_FEW_TO_BREAK_DOWN,
    ]);
    expect(d.areas.total).toBe('Fewer than 10');
    expect(d.bands.rows.every((r) => r.value === TOO_FEW_TO_BREAK_DOWN)).toBe(true);
  });

  it('breaks down 10 or more through disclosure control', () => {
    const d = surveyDemographics(
      { received: 30, placed: 30, areas: [20, 10, 0], bands: [20, 10, 0, 0, 0, 0] },
      ['E08000012'],
      () => 'Liverpool',
    );
    expect(d.areas.rows.map((r) => r.value)).toEqual(['20', '10', '0']);
    expect(d.areas.total).toBe('30');
  });
});
