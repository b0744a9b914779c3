import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../framework/types.js';
import { describeTrend, escapeXml, lineChartSvg, type SeriesPoint } from './svg.js';
import { textsOf, xmlProblems } from './xml-check.js';

const series = (...values: (number | null)[]): SeriesPoint[] =>
  values.map((value, i) => ({ label: `${2020 + i}/${String(21 + i).padStart(2, '0')}`, value }));

function checkWellFormed(svg: string): void {
  expect(xmlProblems(svg)).toEqual([]);
}

const texts = textsOf;

describe('describeTrend', () => {
  it('says a series rose or fell, from the first figure to the last', () => {
    expect(describeTrend(series(12, 15, 18.5), '%')).toBe(
      'Rose from 12.0% in 2020/21 to 18.5% in 2022/23.',
    );
    expect(describeTrend(series(1500, 1200), '£')).toBe(
      'Fell from £1,500 in 2020/21 to £1,200 in 2021/22.',
    );
  });

  it('says a series stayed the same only when every figure between looks the same', () => {
    expect(describeTrend(series(12, 12.02, 12), '%')).toBe(
      'Stayed at 12.0% from 2020/21 to 2022/23.',
    );
    expect(describeTrend(series(12, 20, 12), '%')).toBe(
      '12.0% in 2022/23, as in 2020/21, with changes between.',
    );
    // A figure hidden between two of 10 (disclosure control) is not "stayed at 10".
    const hidden = series(10, null, 10).map((p, i) =>
      i === 1 ? { ...p, text: 'Fewer than 10' } : p,
    );
    expect(describeTrend(hidden, 'count')).toBe(
      '10 in 2022/23, as in 2020/21; some periods between have no figure shown.',
    );
    expect(describeTrend(series(12.01, 12.04), '%')).toBe(
      'Stayed at 12.0% from 2020/21 to 2021/22.',
    );
  });

  it('skips gaps', () => {
    expect(describeTrend(series(null, 10, null, 20, null), 'count')).toBe(
      'Rose from 10 in 2021/22 to 20 in 2023/24.',
    );
  });

  it('handles one figure and none', () => {
    expect(describeTrend(series(null, 12), '%')).toBe('Only one figure: 12.0% in 2021/22.');
    expect(describeTrend(series(null, null), '%')).toBe('No figures yet.');
    expect(describeTrend([], '%')).toBe('No figures yet.');
  });

  it('says a yes/no answer changed rather than rose', () => {
    expect(describeTrend(series(0, 1), 'yes/no')).toBe(
      'Changed from No in 2020/21 to Yes in 2021/22.',
    );
  });

  it('reads each figure as it is published when told how, so the summary says what the table does', () => {
    // A yes/no indicator's partnership total: a count of organisations, not a yes or a no.
    const points: SeriesPoint[] = [
      { label: '2023/24', value: 2, text: '2 of 6 organisations' },
      { label: '2024/25', value: 2, text: '2 of 5 organisations' },
      { label: '2025/26', value: 4, text: '4 of 6 organisations' },
    ];
    expect(describeTrend(points, 'count')).toBe(
      'Rose from 2 of 6 organisations in 2023/24 to 4 of 6 organisations in 2025/26.',
    );
    expect(describeTrend(points.slice(0, 2), 'count')).toBe(
      '2 of 5 organisations in 2024/25, the same number as in 2023/24 (2 of 6 organisations).',
    );
  });

  it('formats by unit', () => {
    expect(describeTrend(series(2, 3), 'level')).toBe(
      'Rose from Level 2 in 2020/21 to Level 3 in 2021/22.',
    );
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`Tom & "Jerry" <b>'s</b>`)).toBe(
      'Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt;',
    );
  });
});

describe('lineChartSvg', () => {
  const base = {
    id: 'spend-local',
    title: 'Spend with local suppliers',
    points: series(12, 15.5, 18.5),
    unit: '%' as const,
  };
  const svg = lineChartSvg(base);

  it('is an accessible image labelled by its title and description', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')).toBe(true);
    expect(svg).toContain('aria-labelledby="spend-local-title spend-local-desc"');
    // A small drawing by default, so that its words stay readable on a phone (decision 032).
    expect(svg).toMatch(/viewBox="0 0 400 260"/);
    expect(svg).toContain('width="100%"');
    expect(svg).toContain('<title id="spend-local-title">Spend with local suppliers</title>');
    expect(svg).toContain(
      '<desc id="spend-local-desc">Rose from 12.0% in 2020/21 to 18.5% in 2022/23.</desc>',
    );
    expect(svg.endsWith('</svg>')).toBe(true);
    checkWellFormed(svg);
  });

  it('has no script, no event handlers, no style attributes and no inner aria-labels', () => {
    expect(svg).not.toMatch(/<script|javascript:|\son[a-z]+=|\sstyle=|<style|aria-label=/i);
    expect(svg.match(/aria-/g)).toHaveLength(1);
  });

  it('inherits the font and never uses text smaller than 12', () => {
    expect(svg).toContain('font-family="inherit"');
    const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(12);
  });

  it('uses the NHS colours', () => {
    expect(svg).toContain('stroke="#005eb8"');
    expect(svg).toContain('fill="#4c6272"');
    expect(lineChartSvg({ ...base, target: 25 })).toContain('stroke="#007f3b"');
  });

  it('labels the y axis with a few ticks formatted by unit, from zero', () => {
    const labels = texts(svg).filter((t) => t.endsWith('%'));
    expect(labels[0]).toBe('0.0%');
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(labels).toEqual(['0.0%', '5.0%', '10.0%', '15.0%', '20.0%']);
    const money = texts(lineChartSvg({ ...base, unit: '£', points: series(1_200_000, 2_500_000) }));
    expect(money).toContain('£0');
    expect(money).toContain('£1,000,000');
  });

  it('never repeats a y label, even for small counts', () => {
    const labels = texts(lineChartSvg({ ...base, unit: 'count', points: series(1, 2) })).filter(
      (t) => /^\d+$/.test(t),
    );
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['0', '1', '2']);
  });

  it('labels each period on the x axis', () => {
    expect(texts(svg)).toEqual(expect.arrayContaining(['2020/21', '2021/22', '2022/23']));
  });

  it('thins out x labels when there are many, keeping the latest', () => {
    const points = Array.from({ length: 24 }, (_, i) => ({
      label: `Q${(i % 4) + 1} ${2020 + Math.floor(i / 4)}/${21 + Math.floor(i / 4)}`,
      value: i,
    }));
    const labels = texts(lineChartSvg({ ...base, points })).filter((t) => t.startsWith('Q'));
    expect(labels.length).toBeLessThan(24);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels[labels.length - 1]).toBe('Q4 2025/26');
    // Labels are spaced evenly and wide enough apart not to overlap (about 8.7px a character).
    const xs = [...lineChartSvg({ ...base, points }).matchAll(/<text x="([\d.]+)"[^>]*>Q/g)].map(
      (m) => Number(m[1]),
    );
    for (let i = 1; i < xs.length; i++) {
      expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThan('Q4 2025/26'.length * 8.7);
    }
  });

  it('draws one line through the figures and a marker on each', () => {
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){2}$/);
    expect(svg).toContain('data-value="15.5"');
  });

  it('breaks the line at missing figures', () => {
    const gappy = lineChartSvg({ ...base, points: series(10, 12, null, 14, 15, null, 16) });
    const d = /<path d="([^"]+)"/.exec(gappy)?.[1] ?? '';
    // Two pieces of line (10–12 and 14–15); 16, alone after a gap, has only its marker.
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(gappy.match(/<circle /g)).toHaveLength(5);
    // A lone figure between gaps gets a marker but no line.
    const lone = lineChartSvg({ ...base, points: series(null, 12, null) });
    expect(lone).not.toContain('<path');
    expect(lone.match(/<circle /g)).toHaveLength(1);
    // A gap is never drawn as zero.
    expect(gappy).not.toContain('data-value="0"');
  });

  it('puts higher figures higher up', () => {
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(3);
    expect(ys[0]).toBeGreaterThan(ys[1] ?? Infinity);
    expect(ys[1]).toBeGreaterThan(ys[2] ?? Infinity);
  });

  it('draws a dashed target line with a label when there is a target', () => {
    const withTarget = lineChartSvg({ ...base, target: 25 });
    expect(withTarget).toMatch(/<line [^>]*stroke="#007f3b"[^>]*stroke-dasharray="[^"]+"/);
    expect(texts(withTarget)).toContain('Target 25.0%');
    // The axis reaches the target, and the target line is inside the plot.
    const ticks = texts(withTarget)
      .filter((t) => /^[\d.]+%$/.test(t))
      .map((t) => parseFloat(t));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(25);
    for (const t of [undefined, null, NaN]) {
      const none = lineChartSvg({ ...base, target: t });
      expect(none).not.toContain('stroke-dasharray');
      expect(none).not.toContain('Target');
    }
  });

  it('escapes the title, the labels and the id', () => {
    const nasty = lineChartSvg({
      id: 'a"b<c>',
      title: 'Spend & "local" <suppliers>',
      points: [
        { label: '<script>alert(1)</script>', value: 1 },
        { label: 'Q1 & Q2 "2025"', value: 2 },
      ],
      unit: 'count',
    });
    expect(nasty).toContain(
      '<title id="a-b-c--title">Spend &amp; &quot;local&quot; &lt;suppliers&gt;</title>',
    );
    expect(nasty).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(nasty).toContain('Q1 &amp; Q2 &quot;2025&quot;');
    expect(nasty).not.toContain('<script');
    checkWellFormed(nasty);
  });

  it('copes with no points, one point, negative figures and zeros', () => {
    for (const points of [
      [],
      series(null),
      series(5),
      series(-20, 10),
      series(0, 0),
      series(-3, -1),
    ]) {
      const out = lineChartSvg({ ...base, points });
      checkWellFormed(out);
      expect(out).not.toMatch(/NaN|Infinity/);
    }
    expect(lineChartSvg({ ...base, points: [] })).toContain(
      '<desc id="spend-local-desc">No figures yet.</desc>',
    );
  });

  it('takes a size', () => {
    expect(lineChartSvg({ ...base, width: 320, height: 200 })).toContain('viewBox="0 0 320 200"');
  });

  it('is deterministic', () => {
    expect(lineChartSvg({ ...base, target: 20 })).toBe(lineChartSvg({ ...base, target: 20 }));
  });

  it('is well formed, finite and labelled for any series', () => {
    const units: Unit[] = [
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
    // Text the caller gives may say anything but what the check below looks for in numbers.
    const words = (maxLength: number) =>
      fc.string({ maxLength }).filter((s) => !/NaN|Infinity/.test(s));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: words(12),
            value: fc.option(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { nil: null }),
          }),
          { maxLength: 40 },
        ),
        fc.constantFrom(...units),
        fc.option(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { nil: null }),
        words(30),
        (points, unit, target, title) => {
          const out = lineChartSvg({ id: 'chart', title, points, unit, target });
          checkWellFormed(out);
          expect(out).not.toMatch(/NaN|Infinity/);
          expect(out).toContain(`<title id="chart-title">${escapeXml(title)}</title>`);
          expect(out).toContain(
            `<desc id="chart-desc">${escapeXml(describeTrend(points, unit))}</desc>`,
          );
          expect(out.match(/<circle /g)?.length ?? 0).toBe(
            points.filter((p) => p.value !== null).length,
          );
          for (const p of points)
            if (p.value !== null) expect(out).toContain(`data-value="${String(p.value)}"`);
          for (const t of texts(out)) expect(t).not.toContain('<');
          expect(out).toBe(lineChartSvg({ id: 'chart', title, points, unit, target }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a chart of counts of organisations answering yes', () => {
  it('says what its axis counts instead of No and Yes', () => {
    const svg = lineChartSvg({
      id: 'w3',
      title: 'W3 Accredited Living Wage employer: each published year',
      points: [
        { label: '2023/24', value: 2, text: '2 of 6 organisations' },
        { label: '2025/26', value: 4, text: '4 of 6 organisations' },
      ],
      unit: 'count',
      axisLabel: 'Organisations answering yes',
    });
    checkWellFormed(svg);
    const all = texts(svg);
    expect(all).toContain('Organisations answering yes');
    expect(all).not.toContain('Yes');
    expect(all).not.toContain('No');
    expect(svg).toContain('Rose from 2 of 6 organisations in 2023/24 to 4 of 6 organisations');
  });
});
