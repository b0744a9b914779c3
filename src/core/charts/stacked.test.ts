import { describe, expect, it } from 'vitest';
import { PART_COLOURS } from './frame.js';
import { describeStacked, partStyle, stackedBarChartSvg, type StackedRow } from './stacked.js';
import { textsOf, xmlProblems } from './xml-check.js';

const parts = ['Leeds', 'West Yorkshire', 'Rest of the UK'];
const rows: StackedRow[] = [
  { label: '2023/24', values: [200, 300, 500] },
  { label: '2024/25', values: [400, 300, 300] },
];

const segments = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="28" fill="([^"]+)"[^>]*data-value="([^"]+)"/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    fill: m[4] ?? '',
    value: Number(m[5]),
  }));

describe('describeStacked', () => {
  it('says how the total moved and names the largest part, with its share', () => {
    expect(describeStacked({ parts, rows, unit: '£' })).toBe(
      'The total stayed at £1,000 from 2023/24 to 2024/25; in 2024/25 the largest part was Leeds at £400 (40%).',
    );
    expect(
      describeStacked({
        parts,
        rows: [...rows, { label: '2025/26', values: [600, 300, 300] }],
        unit: '£',
      }),
    ).toBe(
      'The total rose from £1,000 in 2023/24 to £1,200 in 2025/26; in 2025/26 the largest part was Leeds at £600 (50%).',
    );
  });

  it('gives the total of one period', () => {
    expect(describeStacked({ parts, rows: [rows[0] as StackedRow], unit: '£' })).toBe(
      'In 2023/24 the total was £1,000; the largest part was Rest of the UK at £500 (50%).',
    );
  });

  it('never counts a missing part as zero', () => {
    expect(
      describeStacked({
        parts,
        rows: [...rows, { label: '2025/26', values: [100, null, 50] }],
        unit: '£',
      }),
    ).toBe(
      'The total stayed at £1,000 from 2023/24 to 2024/25; in 2025/26 the largest known part was Leeds at £100, with 1 part missing.',
    );
    expect(
      describeStacked({ parts, rows: [{ label: '2025/26', values: [null, 5] }], unit: 'count' }),
    ).toBe('In 2025/26 the largest known part was West Yorkshire at 5, with 2 parts missing.');
  });

  it('has nothing to say without figures', () => {
    expect(describeStacked({ parts, rows: [], unit: '£' })).toBe('No figures yet.');
    expect(describeStacked({ parts, rows: [{ label: 'x', values: [null] }], unit: '£' })).toBe(
      'No figures yet.',
    );
    expect(describeStacked({ parts: [], rows, unit: '£' })).toBe('No figures yet.');
  });

  it('gives no share when a part is negative', () => {
    expect(
      describeStacked({
        parts: ['Spend', 'Refunds'],
        rows: [{ label: 'Q1', values: [10, -2] }],
        unit: '£',
      }),
    ).toBe('In Q1 the total was £8; the largest part was Spend at £10.');
  });
});

describe('partStyle', () => {
  it('gives every part up to 49 its own colour and pattern, each colour 3:1 or more on white', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 49; i++) {
      const { colour, pattern } = partStyle(i);
      seen.add(`${colour} ${pattern}`);
      expect(PART_COLOURS).toContain(colour);
    }
    expect(seen.size).toBe(49);
    // Neighbours never share a colour or a pattern.
    for (let i = 1; i < 49; i++) {
      expect(partStyle(i).colour).not.toBe(partStyle(i - 1).colour);
      expect(partStyle(i).pattern).not.toBe(partStyle(i - 1).pattern);
    }
  });
});

describe('stackedBarChartSvg', () => {
  const base = {
    id: 'where',
    title: 'Spend by where suppliers are',
    parts,
    rows,
    unit: '£' as const,
  };
  const svg = stackedBarChartSvg(base);

  it('is an accessible image labelled by its title and description', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')).toBe(true);
    expect(svg).toContain('aria-labelledby="where-title where-desc"');
    expect(svg).toContain('<title id="where-title">Spend by where suppliers are</title>');
    expect(svg).toContain(`<desc id="where-desc">${describeStacked(base)}</desc>`);
    expect(svg).toContain('width="100%"');
    expect(svg).not.toMatch(/<script|\son[a-z]+=|\sstyle=|<style|aria-label=/i);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('stacks the parts left to right in order, each as long as its figure', () => {
    const drawn = segments(svg);
    expect(drawn.map((s) => s.value)).toEqual([200, 300, 500, 400, 300, 300]);
    const [a, b, c] = drawn;
    expect((b?.x ?? 0) - ((a?.x ?? 0) + (a?.width ?? 0))).toBeCloseTo(0, 0);
    expect((c?.width ?? 0) / (a?.width ?? 1)).toBeCloseTo(2.5, 1);
  });

  it('tells the parts apart by pattern as well as colour, with a legend showing both', () => {
    expect(svg).toContain('<defs>');
    expect(svg.match(/<pattern /g)).toHaveLength(2);
    const fills = segments(svg).map((s) => s.fill);
    expect(new Set(fills.slice(0, 3)).size).toBe(3);
    expect(fills[0]).toBe('#005eb8');
    expect(fills[1]).toBe('url(#where-part-1)');
    for (const fill of new Set(fills))
      expect(svg).toContain(`width="18" height="18" fill="${fill}"`);
    expect(textsOf(svg).slice(0, 3)).toEqual(parts);
  });

  it('labels each part with its share where it fits, on a chip of its own colour', () => {
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(['20%', '30%', '50%', '40%', '£1,000', '2023/24', '2024/25']),
    );
    expect(svg).toMatch(/<rect [^>]*rx="3" fill="#7c2855"\/>\n<text [^>]*fill="#ffffff"[^>]*>30%</);
    // A part too thin for its label is not labelled (the legend and the table say what it is).
    const thin = stackedBarChartSvg({ ...base, rows: [{ label: 'x', values: [990, 5, 5] }] });
    expect(textsOf(thin)).toContain('99%');
    expect(textsOf(thin)).not.toContain('1%');
  });

  it('leaves out a missing part rather than drawing zero, and says the total is short', () => {
    const gappy = stackedBarChartSvg({
      ...base,
      rows: [
        { label: '2025/26', values: [100, null, 50] },
        { label: '2026/27', values: [null, null, null] },
      ],
    });
    expect(segments(gappy).map((s) => s.value)).toEqual([100, 50]);
    expect(textsOf(gappy)).toEqual(
      expect.arrayContaining(['£150 (1 part missing)', '£100', '£50', 'No data']),
    );
    expect(xmlProblems(gappy)).toEqual([]);
  });

  it('puts negative parts to the left of zero', () => {
    const out = stackedBarChartSvg({
      ...base,
      parts: ['Spend', 'Refunds'],
      rows: [{ label: 'Q1', values: [10, -5] }],
    });
    const [spend, refunds] = segments(out);
    expect((refunds?.x ?? 0) + (refunds?.width ?? 0)).toBeCloseTo(spend?.x ?? -1, 0);
    expect(textsOf(out)).toContain('£5');
    expect(xmlProblems(out)).toEqual([]);
  });

  it('copes with no rows, no parts, one part and many parts', () => {
    const none = stackedBarChartSvg({ ...base, rows: [] });
    expect(none).toContain('<desc id="where-desc">No figures yet.</desc>');
    expect(textsOf(none)).toContain('No figures yet.');
    const many = Array.from({ length: 12 }, (_, i) => `Part ${i + 1}`);
    for (const o of [
      { ...base, parts: [] },
      { ...base, parts: ['All'], rows: [{ label: 'x', values: [3] }] },
      { ...base, parts: many, rows: [{ label: 'x', values: many.map((_, i) => i + 1) }] },
    ]) {
      const out = stackedBarChartSvg(o);
      expect(xmlProblems(out)).toEqual([]);
      expect(out).not.toMatch(/NaN|Infinity/);
    }
  });

  it('cuts long names to fit and keeps the whole in a tooltip', () => {
    const long =
      'Suppliers with a registered office in the Leeds City Region but trading elsewhere';
    const out = stackedBarChartSvg({ ...base, parts: [long, 'Other'] });
    expect(out).toContain(`<title>${long}</title>`);
    expect(textsOf(out).some((t) => t.endsWith('…'))).toBe(true);
  });

  it('escapes names and labels', () => {
    const out = stackedBarChartSvg({
      ...base,
      id: 'x"><script>',
      title: '<b>Spend</b>',
      parts: ['A & B', '<i>C</i>'],
      rows: [{ label: '"2025"', values: [1, 2] }],
    });
    expect(out).not.toMatch(/<script|<b>|<i>/);
    expect(out).toContain('A &amp; B');
    expect(out).toContain('&lt;i&gt;C&lt;/i&gt;');
    expect(out).toContain('&quot;2025&quot;');
    expect(out).toContain('url(#x---script--part-1)');
    expect(xmlProblems(out)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(stackedBarChartSvg(base)).toBe(svg);
  });
});
