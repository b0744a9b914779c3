import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../charts/bar.js';
import { stackedBarChartSvg } from '../charts/stacked.js';
import { lineChartSvg } from '../charts/svg.js';
import { targetTrajectoryChartSvg } from '../charts/target-trajectory.js';
import { parseChartSvg, type Shape } from './svg-draw.js';

const line = () =>
  lineChartSvg({
    id: 'w1',
    title: 'W1 <Real> Living Wage & more',
    points: [
      { label: '2023/24', value: 90.1 },
      { label: '2024/25', value: 93 },
      { label: 'A very long period label indeed', value: 95.4 },
    ],
    unit: '%',
    target: 97,
  });

const texts = (shapes: readonly Shape[]) =>
  shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));

describe('reading a chart’s SVG back into shapes', () => {
  it('reads the line chart whole: its size, title, summary, grid, line, markers and labels', () => {
    const chart = parseChartSvg(line());
    expect(chart.unsupported).toEqual([]);
    expect(chart).toMatchObject({ width: 400, height: 260, fontSize: 14 });
    expect(chart.title).toBe('W1 <Real> Living Wage & more');
    expect(chart.desc).toBe(
      'Rose from 90.1% in 2023/24 to 95.4% in A very long period label indeed.',
    );
    const kinds = new Set(chart.shapes.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['circle', 'line', 'path', 'text']);
    expect(chart.shapes.filter((s) => s.kind === 'circle')).toHaveLength(3);
    // A cut label keeps its full words in a tooltip: only what is shown is drawn.
    expect(texts(chart.shapes)).toContain('2023/24');
    expect(texts(chart.shapes).some((t) => t.endsWith('…'))).toBe(true);
    expect(texts(chart.shapes)).not.toContain('A very long period label indeed');
  });

  it('keeps the target label’s halo, weight and anchor, and the em shifts as lengths', () => {
    const target = parseChartSvg(line()).shapes.find(
      (s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text' && s.text === 'Target 97.0%',
    );
    expect(target).toMatchObject({ bold: true, anchor: 'end', halo: '#ffffff', dy: -8 });
    const tick = parseChartSvg(line()).shapes.find(
      (s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text' && s.text === '100.0%',
    );
    expect(tick?.dy).toBeCloseTo(0.35 * 14);
    const dashed = parseChartSvg(line()).shapes.find(
      (s) => s.kind === 'line' && s.stroke.dash !== null,
    );
    expect(dashed).toMatchObject({ stroke: { colour: '#007f3b', width: 2, dash: [8, 6] } });
  });

  it('understands every chart the report could use: bars and target paths too', () => {
    const bars = barChartSvg({
      id: 'b',
      title: 'Bars',
      unit: '%',
      bars: [
        { label: 'Walton', value: 48 },
        { label: 'Kirkby', value: null },
      ],
    });
    const path = targetTrajectoryChartSvg({
      id: 't',
      title: 'Path',
      unit: 'tCO2e',
      points: [
        { label: '2023/24', value: 100 },
        { label: '2024/25', value: 90 },
      ],
      baseline: { label: '2023/24', value: 100 },
      target: { label: '2029/30', value: 50, by: 'March 2030' },
    });
    for (const svg of [bars, path]) {
      const chart = parseChartSvg(svg);
      expect(chart.unsupported).toEqual([]);
      expect(chart.shapes.length).toBeGreaterThan(5);
    }
  });

  it('says what it cannot draw rather than guessing: patterns', () => {
    const stacked = stackedBarChartSvg({
      id: 's',
      title: 'Stacked',
      unit: '£',
      parts: ['A', 'B', 'C'],
      rows: [{ label: 'Walton', values: [1, 2, 3] }],
    });
    expect(parseChartSvg(stacked).unsupported).toContain('<pattern>');
  });
});
