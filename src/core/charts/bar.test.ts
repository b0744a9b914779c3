import { describe, expect, it } from 'vitest';
import { barChartSvg, describeBars, type Bar } from './bar.js';
import { textsOf, xmlProblems } from './xml-check.js';

const bars = (...entries: [string, number | null][]): Bar[] =>
  entries.map(([label, value]) => ({ label, value }));

const widths = (svg: string) =>
  [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*data-value="([^"]+)"/g)].map((m) => ({
    width: Number(m[1]),
    value: Number(m[2]),
  }));

describe('describeBars', () => {
  it('names the highest and the lowest, and says how many have no figure', () => {
    expect(
      describeBars({
        bars: bars(['Leeds', 48], ['York', 12], ['Hull', 30], ['Wakefield', null]),
        unit: '%',
      }),
    ).toBe('Highest: Leeds at 48.0%; lowest: York at 12.0%; 1 of 4 with no figure.');
  });

  it('says when every figure is the same, when there is one and when there are none', () => {
    expect(describeBars({ bars: bars(['A', 5], ['B', 5.01]), unit: '%' })).toBe('All 2 at 5.0%.');
    expect(describeBars({ bars: bars(['A', null], ['B', 7]), unit: 'count' })).toBe(
      'Only one figure: B at 7; 1 of 2 with no figure.',
    );
    expect(describeBars({ bars: bars(['A', null]), unit: 'count' })).toBe('No figures yet.');
    expect(describeBars({ bars: [], unit: 'count' })).toBe('No figures yet.');
  });

  it('reads as a trend when the bars are periods', () => {
    expect(
      describeBars({
        bars: bars(['2023/24', 41.2], ['2024/25', null], ['2025/26', 48]),
        unit: '%',
        sequence: 'periods',
      }),
    ).toBe('Rose from 41.2% in 2023/24 to 48.0% in 2025/26.');
  });

  it('handles negative figures', () => {
    expect(describeBars({ bars: bars(['A', -3], ['B', 2]), unit: '£' })).toBe(
      'Highest: B at £2; lowest: A at −£3.',
    );
  });
});

describe('barChartSvg', () => {
  const base = {
    id: 'local-spend',
    title: 'Local spend by organisation',
    unit: '%' as const,
    bars: bars(['Leeds', 48], ['York', 12], ['Hull', 30]),
  };
  const svg = barChartSvg(base);

  it('is an accessible image labelled by its title and description, as wide as its column', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')).toBe(true);
    expect(svg).toContain('aria-labelledby="local-spend-title local-spend-desc"');
    expect(svg).toContain('<title id="local-spend-title">Local spend by organisation</title>');
    expect(svg).toContain(
      '<desc id="local-spend-desc">Highest: Leeds at 48.0%; lowest: York at 12.0%.</desc>',
    );
    expect(svg).toContain('width="100%"');
    expect(svg).toMatch(/viewBox="0 0 400 \d+"/);
    expect(svg).not.toMatch(/<script|\son[a-z]+=|\sstyle=|<style|aria-label=/i);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('draws one bar per figure, as long as its figure, with its figure and name written', () => {
    const drawn = widths(svg);
    expect(drawn.map((d) => d.value)).toEqual([48, 12, 30]);
    const [leeds, york, hull] = drawn.map((d) => d.width);
    expect(leeds).toBeGreaterThan(hull ?? Infinity);
    expect(hull).toBeGreaterThan(york ?? Infinity);
    expect((leeds ?? 0) / (york ?? 1)).toBeCloseTo(4, 1);
    expect(textsOf(svg)).toEqual(['Leeds', '48.0%', 'York', '12.0%', 'Hull', '30.0%']);
    expect(svg).toContain('fill="#005eb8"');
  });

  it('grows taller with more bars, not wider', () => {
    const height = (s: string) => Number(/viewBox="0 0 400 (\d+)"/.exec(s)?.[1]);
    const more = barChartSvg({ ...base, bars: [...base.bars, ...base.bars] });
    expect(height(more)).toBeGreaterThan(height(svg));
  });

  it('leaves a missing figure without a bar and says so, never drawing it as zero', () => {
    const gappy = barChartSvg({ ...base, bars: bars(['Leeds', 48], ['York', null]) });
    expect(widths(gappy)).toHaveLength(1);
    expect(textsOf(gappy)).toEqual(['Leeds', '48.0%', 'York', 'No data']);
    expect(gappy).not.toContain('0.0%');
  });

  it('draws a zero as a zero, and negative figures to the left of the zero line', () => {
    const mixed = barChartSvg({ ...base, bars: bars(['Up', 10], ['Down', -5], ['Flat', 0]) });
    expect(xmlProblems(mixed)).toEqual([]);
    expect(textsOf(mixed)).toEqual(['Up', '10.0%', 'Down', '−5.0%', 'Flat', '0.0%']);
    const zero = Number(/<line x1="([\d.]+)"/.exec(mixed)?.[1]);
    const rect = (v: string) =>
      new RegExp(`<rect x="([\\d.]+)" y="[\\d.]+" width="([\\d.]+)"[^>]*data-value="${v}"`).exec(
        mixed,
      );
    const down = rect('-5');
    expect(Number(down?.[1]) + Number(down?.[2])).toBeCloseTo(zero, 0);
    expect(Number(rect('10')?.[1])).toBeCloseTo(zero, 0);
    expect(Number(rect('0')?.[2])).toBe(0);
  });

  it('copes with no bars, one bar and figures all below zero', () => {
    const none = barChartSvg({ ...base, bars: [] });
    expect(none).toContain('<desc id="local-spend-desc">No figures yet.</desc>');
    expect(textsOf(none)).toEqual(['No figures yet.']);
    for (const b of [bars(['Only', 3]), bars(['A', -1], ['B', -2]), bars(['A', null])]) {
      const out = barChartSvg({ ...base, bars: b });
      expect(xmlProblems(out)).toEqual([]);
      expect(out).not.toMatch(/NaN|Infinity/);
    }
  });

  it('cuts a long name to fit and keeps the whole of it in a tooltip', () => {
    const long = 'Leeds Community Healthcare NHS Trust, with a name far too long for one line';
    const out = barChartSvg({ ...base, bars: bars([long, 12]) });
    const shown = textsOf(out)[0] ?? '';
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(long.length);
    expect(out).toContain(`<title>${long}</title>`);
  });

  it('escapes the title, the names and the id', () => {
    const nasty = barChartSvg({
      id: 'a"b<c>',
      title: 'Spend & "local" <suppliers>',
      unit: 'count',
      bars: bars(['<script>alert(1)</script>', 1], ['Q1 & Q2', 2]),
    });
    expect(nasty).toContain(
      '<title id="a-b-c--title">Spend &amp; &quot;local&quot; &lt;suppliers&gt;</title>',
    );
    expect(nasty).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(nasty).toContain('Q1 &amp; Q2');
    expect(nasty).not.toContain('<script');
    expect(xmlProblems(nasty)).toEqual([]);
  });

  it('is deterministic and takes a width', () => {
    expect(barChartSvg(base)).toBe(svg);
    expect(barChartSvg({ ...base, width: 600 })).toMatch(/viewBox="0 0 600 \d+"/);
    expect(barChartSvg({ ...base, width: NaN })).toMatch(/viewBox="0 0 400 \d+"/);
  });
});
