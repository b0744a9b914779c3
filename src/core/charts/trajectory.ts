/**
 * The net-zero trajectory chart: an organisation's (or partnership's) emissions by financial year
 * against the NHS path from its baseline to net zero. Drawn by hand like the other charts
 * (decision 012): server-side SVG, a title and a one-sentence description, presentation
 * attributes only, deterministic; the data table beside it carries the figures.
 */
import { fyLabel } from '../periods.js';
import { formatValue } from '../framework/format.js';
import { CHART_COLOURS, escapeXml } from './svg.js';
import { onTrack, pathShare, type Baseline, type Trajectory } from '../carbon/trajectory.js';

export interface TrajectoryRow {
  readonly year: number;
  readonly label: string;
  readonly tCO2e: number | null;
  readonly pathTCO2e: number | null;
  readonly onTrack: boolean | null;
}

/** The rows of the chart and its table: every year from the baseline to net zero. */
export function trajectoryRows(
  t: Trajectory,
  baseline: Baseline | null,
  series: readonly { year: number; tCO2e: number | null }[],
): TrajectoryRow[] {
  const known = new Map(series.map((s) => [s.year, s.tCO2e]));
  const first = baseline?.year ?? Math.min(...series.map((s) => s.year), t.netZeroYear);
  const last = Math.max(t.netZeroYear, ...series.map((s) => s.year));
  const rows: TrajectoryRow[] = [];
  for (let year = first; year <= last; year += 1) {
    const tCO2e = known.get(year) ?? null;
    rows.push({
      year,
      label: fyLabel(year),
      tCO2e,
      pathTCO2e: baseline ? baseline.tCO2e * pathShare(t, baseline.year, year) : null,
      onTrack: onTrack(t, baseline, year, tCO2e),
    });
  }
  return rows;
}

/** One sentence: where the latest year stands against the path. */
export function describeTrajectory(t: Trajectory, rows: readonly TrajectoryRow[]): string {
  const latest = [...rows].reverse().find((r) => r.tCO2e !== null);
  if (!latest || latest.tCO2e === null)
    return `No emissions known yet to set against the ${t.name} path.`;
  const path = latest.pathTCO2e === null ? '' : formatValue(latest.pathTCO2e, 'tCO2e');
  const where =
    latest.onTrack === null
      ? ''
      : latest.onTrack
        ? `, at or below the path’s ${path}`
        : `, above the path’s ${path}`;
  return `${formatValue(latest.tCO2e, 'tCO2e')} in ${latest.label}${where}; the ${t.name} path reaches 80% below the baseline by ${fyLabel(t.interim.to)} and net zero by ${fyLabel(t.netZeroYear)}.`;
}

export function trajectoryChartSvg(options: {
  id: string;
  title: string;
  trajectory: Trajectory;
  rows: readonly TrajectoryRow[];
  width?: number;
  height?: number;
}): string {
  const { rows } = options;
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const id = options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const values = rows.flatMap((r) => [r.tCO2e, r.pathTCO2e]).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => max / s <= 5) ?? magnitude * 10;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= hi + step / 2; v += step) ticks.push(v);
  const tickLabels = ticks.map((v) => formatValue(v, 'tCO2e'));
  const margin = {
    top: 44,
    right: 36,
    bottom: 44,
    left: Math.max(56, Math.ceil(Math.max(...tickLabels.map((l) => l.length)) * 8.7) + 16),
  };
  const plotW = Math.max(1, width - margin.left - margin.right);
  const plotH = Math.max(1, height - margin.top - margin.bottom);
  const bottom = margin.top + plotH;
  const right = margin.left + plotW;
  const n = rows.length;
  const x = (i: number) => margin.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => bottom - (v / hi) * plotH;
  const c = (v: number) => Math.round(v * 10) / 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="inherit" font-size="14">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(describeTrajectory(options.trajectory, rows))}</desc>`,
  ];
  ticks.forEach((v, i) => {
    const yy = c(y(v));
    out.push(
      `<line x1="${margin.left}" x2="${right}" y1="${yy}" y2="${yy}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${yy}" dy="0.35em" text-anchor="end" fill="${CHART_COLOURS.text}">${escapeXml(tickLabels[i] ?? '')}</text>`,
    );
  });
  out.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${bottom}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
    `<line x1="${margin.left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
  );
  const every = Math.max(1, Math.ceil((7 * 8.7 + 12) / (n <= 1 ? plotW : plotW / (n - 1))));
  rows.forEach((r, i) => {
    // Every `every`th year, and the last, without crowding the last.
    if (i !== n - 1 && (i % every !== 0 || n - 1 - i < every)) return;
    out.push(
      `<text x="${c(x(i))}" y="${bottom + 24}" text-anchor="middle" fill="${CHART_COLOURS.text}">${escapeXml(r.label)}</text>`,
    );
  });
  const path = rows
    .map((r, i) => (r.pathTCO2e === null ? null : `${c(x(i))},${c(y(r.pathTCO2e))}`))
    .filter((p): p is string => p !== null);
  if (path.length > 1)
    out.push(
      `<polyline points="${path.join(' ')}" fill="none" stroke="${CHART_COLOURS.target}" stroke-width="2" stroke-dasharray="8 6"/>`,
    );
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      out.push(
        `<polyline points="${run.join(' ')}" fill="none" stroke="${CHART_COLOURS.line}" stroke-width="3" stroke-linejoin="round"/>`,
      );
    run = [];
  };
  rows.forEach((r, i) => {
    if (r.tCO2e === null) flush();
    else run.push(`${c(x(i))},${c(y(r.tCO2e))}`);
  });
  flush();
  rows.forEach((r, i) => {
    if (r.tCO2e !== null)
      out.push(
        `<circle cx="${c(x(i))}" cy="${c(y(r.tCO2e))}" r="5" fill="${CHART_COLOURS.line}" stroke="#ffffff" stroke-width="1.5"/>`,
      );
  });
  // Legend, drawn in the chart so it prints.
  out.push(
    `<line x1="${margin.left}" x2="${margin.left + 28}" y1="14" y2="14" stroke="${CHART_COLOURS.line}" stroke-width="3"/>`,
    `<text x="${margin.left + 34}" y="14" dy="0.35em" fill="${CHART_COLOURS.text}">Emissions</text>`,
    `<line x1="${margin.left + 130}" x2="${margin.left + 158}" y1="14" y2="14" stroke="${CHART_COLOURS.target}" stroke-width="2" stroke-dasharray="8 6"/>`,
    `<text x="${margin.left + 164}" y="14" dy="0.35em" fill="${CHART_COLOURS.text}">${escapeXml(`${options.trajectory.name} path`)}</text>`,
    '</svg>',
  );
  return out.join('\n');
}
