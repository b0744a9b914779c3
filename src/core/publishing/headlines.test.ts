import { describe, expect, it } from 'vitest';
import { pillarHeadlines } from './headlines.js';

const indicator = (pillar: string, status: string, label = '') => ({
  pillar,
  status: { status, label },
});

describe('pillarHeadlines', () => {
  it('counts each pillar’s indicators by status, in the pillars’ order, in words', () => {
    const headlines = pillarHeadlines({
      indicators: [
        indicator('procurement', 'off-track'),
        indicator('workforce', 'on-track'),
        indicator('workforce', 'on-track'),
        indicator('workforce', 'at-risk'),
        indicator('workforce', 'no-target'),
        indicator('accountability', 'no-data'),
        indicator('community', 'no-data', 'Not shown'),
      ],
    } as never);
    expect(headlines.map((h) => [h.id, h.indicators, h.text])).toEqual([
      ['workforce', 4, '2 on track, 1 at risk and 1 without a target'],
      ['procurement', 1, '1 off track'],
      ['community', 1, '1 not shown, to protect the people counted'],
      ['accountability', 1, '1 without data'],
    ]);
    expect(headlines[0]?.counts).toEqual({
      'on-track': 2,
      'at-risk': 1,
      'off-track': 0,
      'no-target': 1,
      'no-data': 0,
      'not-shown': 0,
    });
  });

  it('leaves out pillars with nothing published', () => {
    expect(pillarHeadlines({ indicators: [] })).toEqual([]);
  });
});
