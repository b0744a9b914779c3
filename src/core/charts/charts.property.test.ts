/**
 * Properties every chart keeps for any input (names come from users): the SVG is well formed,
 * no name's < reaches it unescaped, no attribute is NaN or Infinity, every figure given is in it
 * (as a data attribute), every name given is in it (shown, or whole in a tooltip), the
 * description is the summary function's sentence, and the same input gives the same string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../framework/types.js';
import { barChartSvg, describeBars } from './bar.js';
import { escapeXml } from './frame.js';
import { describeStacked, stackedBarChartSvg } from './stacked.js';
import { describeTrend, lineChartSvg } from './svg.js';
import { describeTargetTrajectory, targetTrajectoryChartSvg } from './target-trajectory.js';
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

/** Names as people type them, and as people attack with them. */
const name = fc
  .oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 90 }),
    // Any UTF-16 code unit, lone surrogates and control characters included.
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 30,
    }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '"><svg onload=alert(1)>',
      'A & B',
      '&amp;',
      ']]>',
      'Leeds Teaching Hospitals NHS Trust and partners in the West Yorkshire Health and Care Partnership',
    ),
    // Anything but the words checkCommon looks for in numbers.
  )
  .filter((s) => !/NaN|Infinity/.test(s));
const figure = fc.option(
  fc.oneof(
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(0, -0, 0.5, 1e-9, Number.MIN_VALUE),
  ),
  { nil: null },
);
const unit = fc.constantFrom(...UNITS);
const width = fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined });

function checkCommon(svg: string, id: string, title: string, desc: string): void {
  expect(xmlProblems(svg)).toEqual([]);
  expect(svg).not.toMatch(/NaN|Infinity/);
  expect(svg).not.toContain('<script');
  // No event handlers or inline styles in any tag (words between tags are escaped text).
  for (const tag of svg.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/\son[a-z]+=|\sstyle=/i);
  expect(svg).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`);
  expect(svg).toContain(`<title id="${id}-title">${escapeXml(title)}</title>`);
  expect(svg).toContain(`<desc id="${id}-desc">${escapeXml(desc)}</desc>`);
}

/** Every figure given, as a data attribute (a gap has none). */
function checkFigures(svg: string, values: readonly (number | null)[]): void {
  for (const v of values) if (v !== null) expect(svg).toContain(`data-value="${String(v)}"`);
}

describe('every chart, for any input', () => {
  it('the line chart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ label: name, value: figure }), { maxLength: 30 }),
        unit,
        figure,
        name,
        (points, u, target, title) => {
          const svg = lineChartSvg({ id: 'c', title, points, unit: u, target });
          checkCommon(svg, 'c', title, describeTrend(points, u));
          checkFigures(
            svg,
            points.map((p) => p.value),
          );
          expect(lineChartSvg({ id: 'c', title, points, unit: u, target })).toBe(svg);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the bar chart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ label: name, value: figure }), { maxLength: 20 }),
        unit,
        fc.constantFrom('categories' as const, 'periods' as const),
        name,
        width,
        (bars, u, sequence, title, w) => {
          const o = { id: 'b', title, bars, unit: u, sequence, width: w };
          const svg = barChartSvg(o);
          checkCommon(svg, 'b', title, describeBars(o));
          checkFigures(
            svg,
            bars.map((b) => b.value),
          );
          for (const b of bars) expect(svg).toContain(escapeXml(b.label));
          expect(svg.match(/<rect /g)?.length ?? 0).toBe(
            bars.filter((b) => b.value !== null).length,
          );
          expect(barChartSvg(o)).toBe(svg);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the stacked bar chart', () => {
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 9 }),
        fc.array(fc.record({ label: name, values: fc.array(figure, { maxLength: 10 }) }), {
          maxLength: 8,
        }),
        unit,
        name,
        width,
        (parts, rows, u, title, w) => {
          const o = { id: 's', title, parts, rows, unit: u, width: w };
          const svg = stackedBarChartSvg(o);
          checkCommon(svg, 's', title, describeStacked(o));
          // Every figure of a part that exists; figures beyond the parts are not drawn.
          checkFigures(
            svg,
            rows.flatMap((r) => r.values.slice(0, parts.length)),
          );
          for (const t of [...parts, ...rows.map((r) => r.label)])
            expect(svg).toContain(escapeXml(t));
          expect(stackedBarChartSvg(o)).toBe(svg);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the target-trajectory chart', () => {
    const pathPoint = fc.record({
      label: name,
      value: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ label: name, value: figure }), { maxLength: 25 }),
        pathPoint,
        fc.record({
          label: name,
          value: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
          by: fc.option(name, { nil: undefined }),
        }),
        fc.array(pathPoint, { maxLength: 3 }),
        unit,
        name,
        (points, baseline, target, milestones, u, title) => {
          const o = { id: 't', title, points, baseline, target, milestones, unit: u };
          const svg = targetTrajectoryChartSvg(o);
          checkCommon(svg, 't', title, describeTargetTrajectory(o));
          checkFigures(
            svg,
            points.map((p) => p.value),
          );
          expect(svg).toContain(`data-value="${String(target.value)}"`);
          expect(svg).toContain(`data-value="${String(baseline.value)}"`);
          expect(targetTrajectoryChartSvg(o)).toBe(svg);
        },
      ),
      { numRuns: 200 },
    );
  });
});
