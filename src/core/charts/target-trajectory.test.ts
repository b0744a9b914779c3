import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './svg.js';
import {
  describeTargetTrajectory,
  targetTrajectoryChartSvg,
  type TargetTrajectoryOptions,
} from './target-trajectory.js';
import { textsOf, xmlProblems } from './xml-check.js';

const fy = (from: number, ...values: (number | null)[]): SeriesPoint[] =>
  values.map((value, i) => ({
    label: `${from + i}/${String((from + i + 1) % 100).padStart(2, '0')}`,
    value,
  }));

const local: TargetTrajectoryOptions = {
  id: 'local-spend',
  title: 'Spend with local suppliers against the target',
  unit: '%',
  points: fy(2023, 41.2, 44, 48),
  baseline: { label: '2023/24', value: 41.2 },
  target: { label: '2026/27', value: 50, by: 'March 2027' },
};

const emissions: TargetTrajectoryOptions = {
  id: 'scope-12',
  title: 'Scope 1 and 2 emissions against the path to net zero',
  unit: 'tCO2e',
  points: fy(2019, 12000, 11400, null, 10200, 9600, 9100, null, null, null, null, null),
  baseline: { label: '2019/20', value: 12000 },
  milestones: [{ label: '2026/27', value: 2400 }],
  target: { label: '2029/30', value: 0 },
  names: { actual: 'Emissions', path: 'Net-zero path' },
};

describe('describeTargetTrajectory', () => {
  it('says how the figures moved, where the latest stands against the path and the target', () => {
    expect(describeTargetTrajectory(local)).toBe(
      'Rose from 41.2% in 2023/24 to 48.0% in 2025/26, ahead of the path (47.1%); the target is 50.0% by March 2027.',
    );
    expect(describeTargetTrajectory(emissions)).toBe(
      'Fell from 12,000 tCO2e in 2019/20 to 9,100 tCO2e in 2024/25, behind the path (5,142.9 tCO2e); the target is 0 tCO2e by 2029/30.',
    );
  });

  it('says ahead or behind by the direction of the path', () => {
    const falling = {
      ...emissions,
      points: fy(2019, 12000, 9000, ...Array<null>(9).fill(null)),
    };
    expect(describeTargetTrajectory(falling)).toContain('ahead of the path (10,628.6 tCO2e)');
    const behind = { ...local, points: fy(2023, 41.2, 42, null) };
    expect(describeTargetTrajectory(behind)).toContain('behind the path (44.1%)');
    const on = { ...local, points: fy(2023, 41.2, 44.13, null) };
    expect(describeTargetTrajectory(on)).toContain('2024/25, on the path (44.1%)');
    const flat = {
      ...local,
      target: { label: '2026/27', value: 41.2 },
      points: fy(2023, 41.2, 40),
    };
    expect(describeTargetTrajectory(flat)).toContain('below the path (41.2%)');
  });

  it('leaves out the comparison when the latest figure is outside the path', () => {
    const after = {
      ...local,
      points: fy(2023, 41.2, 44, 48, 49, 51),
      target: { label: '2025/26', value: 50 },
    };
    expect(describeTargetTrajectory(after)).toBe(
      'Rose from 41.2% in 2023/24 to 51.0% in 2027/28; the target is 50.0% by 2025/26.',
    );
  });

  it('says there are no figures yet, and still gives the target', () => {
    expect(describeTargetTrajectory({ ...local, points: [] })).toBe(
      'No figures yet; the target is 50.0% by March 2027.',
    );
    expect(describeTargetTrajectory({ ...local, points: fy(2023, null, null) })).toBe(
      'No figures yet; the target is 50.0% by March 2027.',
    );
  });
});

describe('targetTrajectoryChartSvg', () => {
  const svg = targetTrajectoryChartSvg(local);

  it('is an accessible image labelled by its title and description', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')).toBe(true);
    expect(svg).toContain('aria-labelledby="local-spend-title local-spend-desc"');
    expect(svg).toContain(
      '<title id="local-spend-title">Spend with local suppliers against the target</title>',
    );
    expect(svg).toContain(`<desc id="local-spend-desc">${describeTargetTrajectory(local)}</desc>`);
    expect(svg).toContain('width="100%"');
    expect(svg).not.toMatch(/<script|\son[a-z]+=|\sstyle=|<style|aria-label=/i);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('draws the figures as a solid line and the path as a dashed one, with a legend', () => {
    const paths = [...svg.matchAll(/<path d="([^"]+)"([^>]*)>/g)];
    expect(paths).toHaveLength(2);
    const [target, actual] = paths;
    expect(target?.[2]).toContain('stroke="#007f3b"');
    expect(target?.[2]).toContain('stroke-dasharray="8 6"');
    expect(target?.[2]).toContain('data-values="41.2 50"');
    expect(actual?.[2]).toContain('stroke="#005eb8"');
    expect(actual?.[2]).not.toContain('dasharray');
    expect(actual?.[1]).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){2}$/);
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(['Actual', 'Target path to March 2027', 'Target 50.0%']),
    );
  });

  it('runs the axis on to the target period', () => {
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(['2023/24', '2024/25', '2025/26', '2026/27']),
    );
    const xs = (label: string) =>
      Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${label}<`).exec(svg)?.[1]);
    const targetMarker = /<circle cx="([\d.]+)"[^>]*data-value="50"/.exec(svg);
    expect(Number(targetMarker?.[1])).toBe(xs('2026/27'));
  });

  it('goes through milestones, says the unit once above the axis, and breaks at gaps', () => {
    const out = targetTrajectoryChartSvg(emissions);
    expect(xmlProblems(out)).toEqual([]);
    expect(out).toContain('data-values="12000 2400 0"');
    expect(textsOf(out)).toEqual(expect.arrayContaining(['tCO2e', 'Emissions', '12,000']));
    expect(textsOf(out)).not.toContain('12,000 tCO2e');
    const actual = /<path d="([^"]+)" fill="none" stroke="#005eb8"/.exec(out)?.[1] ?? '';
    expect(actual.match(/M/g)).toHaveLength(2);
    expect(out.match(/<circle [^>]*fill="#005eb8" stroke/g)).toHaveLength(5);
  });

  it('puts a baseline period that is not among the figures first', () => {
    const out = targetTrajectoryChartSvg({
      ...local,
      points: fy(2024, 44, 48),
      baseline: { label: '2023/24', value: 41.2 },
    });
    const labels = textsOf(out).filter((t) => /^\d{4}\/\d{2}$/.test(t));
    expect(labels[0]).toBe('2023/24');
    expect(labels[labels.length - 1]).toBe('2026/27');
  });

  it('copes with no figures, one figure, negative figures and a single period', () => {
    for (const o of [
      { ...local, points: [] },
      { ...local, points: fy(2023, 41.2) },
      { ...local, points: fy(2023, -5, 3), baseline: { label: '2023/24', value: -5 } },
      {
        ...local,
        points: fy(2023, 41.2),
        target: { label: '2023/24', value: 50 },
      },
      { ...local, target: { label: '2026/27', value: NaN } },
    ]) {
      const out = targetTrajectoryChartSvg(o);
      expect(xmlProblems(out)).toEqual([]);
      expect(out).not.toMatch(/NaN|Infinity/);
    }
  });

  it('escapes names, labels and the id', () => {
    const out = targetTrajectoryChartSvg({
      ...local,
      id: '"><svg onload=alert(1)>',
      title: 'A & <b>B</b>',
      names: { actual: '<em>ours</em>', path: 'path "x"' },
      target: { label: '2026/27', value: 50, by: '<March>' },
    });
    expect(out).not.toMatch(/onload=|<b>|<em>|<March>/);
    expect(out).toContain('A &amp; &lt;b&gt;B&lt;/b&gt;');
    expect(out).toContain('path &quot;x&quot; to &lt;March&gt;');
    expect(xmlProblems(out)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(targetTrajectoryChartSvg(local)).toBe(svg);
  });
});
