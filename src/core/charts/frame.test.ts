import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import {
  CHART_COLOURS,
  chartId,
  escapeXml,
  legendLayout,
  num,
  PART_COLOURS,
  textElement,
  tickText,
  truncate,
  valueTicks,
} from './frame.js';
import { xmlProblems } from './xml-check.js';

const UNITS: Unit[] = [
  '%',
  'count',
  '£',
  'hours',
  'tCO2e',
  'kWh',
  'tonnes',
  'm³',
  'ratio',
  'yes/no',
  'level',
];

/** WCAG 2.2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('colours', () => {
  it('are NHS colours a reader can see: 3:1 on white for graphics, 4.5:1 for text', () => {
    for (const c of [CHART_COLOURS.line, CHART_COLOURS.target, ...PART_COLOURS])
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(3);
    // Text: axis and labels on white, and white share labels on each part's colour.
    for (const c of [
      CHART_COLOURS.text,
      CHART_COLOURS.strong,
      CHART_COLOURS.target,
      ...PART_COLOURS,
    ])
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('valueTicks', () => {
  it('runs from zero to a nice figure above the largest, in about four steps', () => {
    expect(valueTicks([12, 15.5, 18.5], '%')).toEqual({ lo: 0, hi: 20, ticks: [0, 5, 10, 15, 20] });
    // Maturity levels run from 1 to 4, with no level 0.
    expect(valueTicks([2, 2.5, null as unknown as number], 'level')).toEqual({
      lo: 1,
      hi: 4,
      ticks: [1, 2, 3, 4],
    });
    expect(valueTicks([1_200_000, 2_500_000], '£').ticks).toContain(1_000_000);
  });

  it('reaches below zero for negative figures', () => {
    expect(valueTicks([-20, 10], 'count')).toEqual({ lo: -20, hi: 10, ticks: [-20, -10, 0, 10] });
  });

  it('never steps by less than the unit shows', () => {
    expect(valueTicks([1, 2], 'count').ticks).toEqual([0, 1, 2]);
    expect(valueTicks([0.001], 'count').ticks).toEqual([0, 1]);
    expect(valueTicks([0, 1], 'yes/no').ticks).toEqual([0, 1]);
    expect(valueTicks([0, 0], '%').ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(valueTicks([], 'count').ticks).toEqual([0, 1]);
  });

  it('gives distinct tick labels, covering every figure, for any figures', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 20 }),
        fc.constantFrom(...UNITS),
        (values, unit) => {
          const { lo, hi, ticks } = valueTicks(values, unit);
          const labels = ticks.map((t) => formatValue(t, unit));
          expect(new Set(labels).size).toBe(labels.length);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(11);
          // Within the axis, give or take far less than a pixel (5e-324 may round to 0); zero
          // too, but for maturity levels, which start at 1.
          const slack = (hi - lo) * 1e-9;
          for (const v of [...(unit === 'level' ? [] : [0]), ...values]) {
            expect(v).toBeGreaterThanOrEqual(lo - slack);
            expect(v).toBeLessThanOrEqual(hi + slack);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('escapeXml', () => {
  it('drops the characters XML cannot hold, keeping whole emoji', () => {
    expect(escapeXml('a\u0001b\u{1f600}c\ud800d\n')).toBe('ab\u{1f600}cd\n');
  });
});

describe('truncate and textElement', () => {
  it('cuts by whole characters and ends with an ellipsis', () => {
    expect(truncate('short', 1000)).toBe('short');
    expect(truncate('a long name for a chart', 80)).toBe('a long n…');
    expect(truncate('\u{1f600}'.repeat(20), 40)).toBe(`${'\u{1f600}'.repeat(3)}…`);
  });

  it('keeps the whole text in a tooltip when it cuts, escaped both times', () => {
    expect(textElement('x="1"', 'A & B', 1000)).toBe('<text x="1">A &amp; B</text>');
    expect(textElement('x="1"', '<b>A very long name</b>', 60)).toBe(
      '<text x="1">&lt;b&gt;A…<title>&lt;b&gt;A very long name&lt;/b&gt;</title></text>',
    );
  });
});

describe('chartId, num, tickText', () => {
  it('makes ids safe for attributes and url(#…)', () => {
    expect(chartId('a"b<c> d')).toBe('a-b-c--d');
    expect(chartId('')).toBe('chart');
  });

  it('writes coordinates with one decimal place and never NaN or Infinity', () => {
    expect(num(1.26)).toBe('1.3');
    expect(num(-0.01)).toBe('0');
    expect(num(NaN)).toBe('0');
    expect(num(Infinity)).toBe('0');
  });

  it('leaves a long unit off the ticks (it is said above the axis)', () => {
    expect(tickText('12,000 tCO2e', 'tCO2e')).toBe('12,000');
    expect(tickText('1 hour', 'hours')).toBe('1');
    expect(tickText('25.0%', '%')).toBe('25.0%');
  });
});

describe('legendLayout', () => {
  it('goes left to right and wraps when the next item does not fit', () => {
    expect(legendLayout([100, 100, 100], 250, 8, 24)).toEqual({
      at: [
        { x: 8, y: 8 },
        { x: 108, y: 8 },
        { x: 8, y: 32 },
      ],
      height: 48,
    });
    expect(legendLayout([], 250, 8, 24).height).toBe(0);
  });
});

describe('xmlProblems', () => {
  it('finds what would break the page', () => {
    expect(xmlProblems('<svg><text>a</text></svg>')).toEqual([]);
    expect(xmlProblems('<svg><text>a</svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><circle cx="NaN"/></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><script>x</script></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg></svg><svg></svg>')).not.toEqual([]);
  });
});
