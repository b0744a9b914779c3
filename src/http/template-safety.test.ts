/**
 * Templates print everything escaped (autoescape is on). `| safe` turns that off, so each use
 * must be on this short list with the reason the value cannot carry what a person typed.
 * A new `| safe`, or markSafe / SafeString in code, fails here until it is listed and argued.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

const ALLOWED: Record<string, string> = {
  'features/publishing/views/_figures.njk: i.chart | safe':
    'lineChartSvg output (core/charts), which escapes every text it writes',
  'features/dashboards/views/_card.njk: c.chart | safe':
    'SVG drawn by core/charts/svg.ts, which escapes every label and title it places (escapeXml, tested there)',
  'features/carbon/views/_chart.njk: c.svg | safe':
    'SVG drawn by core/charts/trajectory.ts, which escapes every label and title it places (escapeXml, tested in core/carbon)',
  'features/reports/views/report.njk: b.svg | safe':
    'lineChartSvg output (core/charts) put in the annual report by core/report/content.ts, which escapes every text it writes',
  'features/accounts/views/second-factor-setup.njk: qr | safe':
    'SVG of a QR code drawn by the qrcode library from the otpauth address the service builds; no text in it is shown',
};

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return files(full, ext);
    return d.name.endsWith(ext) && !d.name.endsWith(`.test${ext}`) ? [full] : [];
  });
}

describe('unescaped output', () => {
  it('is used only where the allow-list says why it is safe', () => {
    const found: string[] = [];
    for (const file of files(SRC, '.njk')) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\{\{\s*([^{}]*?\|\s*safe)\s*\}\}/g)) {
        const expression = (m[1] ?? '').replace(/\s+/g, ' ');
        found.push(`${path.relative(SRC, file).split(path.sep).join('/')}: ${expression}`);
      }
      // `safe` used any other way (in a set, an argument, a filter chain) must be listed too.
      const uses = text.match(/\|\s*safe\b/g)?.length ?? 0;
      const listed = [...text.matchAll(/\{\{\s*[^{}]*?\|\s*safe\s*\}\}/g)].length;
      expect(uses, `${file}: "| safe" outside a plain {{ … | safe }}`).toBe(listed);
    }
    expect(found.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('is not made in code either', () => {
    for (const file of files(SRC, '.ts')) {
      const text = fs.readFileSync(file, 'utf8');
      expect(/\b(markSafe|SafeString)\b/.test(text), file).toBe(false);
    }
  });

  it('the list gives a reason for each entry', () => {
    for (const [entry, reason] of Object.entries(ALLOWED)) {
      expect(reason.length, entry).toBeGreaterThan(40);
    }
  });
});
