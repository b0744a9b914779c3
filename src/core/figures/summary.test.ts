import { describe, expect, it } from 'vitest';
import { pillarSummary, type IndicatorLine } from './summary.js';

const line = (over: Partial<IndicatorLine>): IndicatorLine => ({
  status: 'no-data',
  shown: false,
  notKnown: false,
  organisations: { reporting: 0, expected: 6 },
  ...over,
});

describe('a pillar in one line', () => {
  it('counts statuses, figures and the organisations the latest figures cover', () => {
    const s = pillarSummary([
      line({ status: 'on-track', shown: true, organisations: { reporting: 5, expected: 6 } }),
      line({ status: 'on-track', shown: true, organisations: { reporting: 2, expected: 6 } }),
      line({ status: 'no-target', shown: true, organisations: { reporting: 4, expected: 6 } }),
      line({ status: 'no-data', notKnown: true, organisations: { reporting: 1, expected: 6 } }),
      line({}),
    ]);
    expect(s.statusText).toBe('2 on track, 1 no target, 2 no data');
    expect(s.figuresText).toBe('3 of 5 indicators with a figure; 1 not known');
    expect(s.coverageText).toBe('Latest figures from 1 to 5 of 6 organisations');
  });

  it('says when there are no figures yet, and nothing about organisations for one organisation', () => {
    expect(pillarSummary([line({})]).coverageText).toBe('No figures yet');
    expect(
      pillarSummary([line({ status: 'at-risk', shown: true, organisations: null })]),
    ).toMatchObject({
      statusText: '1 at risk',
      figuresText: '1 of 1 indicator with a figure',
      coverageText: undefined,
    });
  });
});
