/**
 * The PDF renderer (core/report/pdf.ts) with the fonts the repository ships: a tagged PDF whose
 * structure, language, title and fonts can be read from its bytes (the text itself is checked
 * with pdftotext in reports.int.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../core/charts/svg.js';
import type { ReportDocument } from '../../core/report/model.js';
import { reportPdf } from '../../core/report/pdf.js';
import { reportFonts } from './fonts.js';

const points = [
  { label: '2024/25', value: 87.5 },
  { label: '2025/26', value: 95.4 },
];

const DOCUMENT: ReportDocument = {
  title: 'Walton Partnership: annual report 2025/26',
  subject: 'Social value figures',
  author: 'Walton Partnership',
  keywords: ['annual report'],
  lang: 'en-GB',
  publishedAt: new Date('2026-05-12T10:00:00Z'),
  header: 'Walton Partnership: annual report 2025/26',
  footer: 'Revision 2, published on 12 May 2026',
  blocks: [
    { kind: 'heading', level: 1, text: 'Walton Partnership: annual report 2025/26', id: 'top' },
    { kind: 'paragraph', style: 'lead', text: 'The figures for 2025/26.' },
    { kind: 'contents', items: [{ text: 'Summary', id: 'summary' }] },
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary', section: true },
    { kind: 'tagged', tag: { text: 'On track', tone: 'green' }, text: '95.4% against 95.0%.' },
    { kind: 'figure', value: '95.4%', label: '2025/26', notes: ['2 of 2 organisations'] },
    { kind: 'facts', rows: [{ key: 'Indicators published', value: '37' }] },
    { kind: 'list', items: ['One', 'Two – with a dash, “quotes” and £12.60'] },
    {
      kind: 'table',
      caption: 'W1 by organisation',
      head: ['Organisation', '2025/26'],
      rows: [
        ['Walton Trust', '96.0%'],
        ['Kirkby Council', 'Fewer than 10'],
      ],
      numeric: [false, true],
    },
    { kind: 'heading', level: 2, text: 'Workforce', id: 'workforce', section: true },
    {
      kind: 'chart',
      id: 'report-W1',
      title: 'W1: each period published',
      summary: 'Rose from 87.5% in 2024/25 to 95.4% in 2025/26.',
      svg: lineChartSvg({ id: 'report-W1', title: 'W1', points, unit: '%', target: 97 }),
      table: {
        caption: 'W1 in each period published',
        head: ['Period', 'Partnership'],
        rows: points.map((p) => [p.label, `${p.value}%`]),
      },
    },
  ],
};

describe('the report as PDF', () => {
  it('is tagged, titled, in English, in the shipped fonts, with bookmarks', async () => {
    const pdf = await reportPdf(DOCUMENT, reportFonts());
    const bytes = pdf.toString('latin1');
    expect(bytes.startsWith('%PDF-1.7')).toBe(true);
    for (const part of [
      '/StructTreeRoot',
      '/Marked true',
      '/Lang (en-GB)',
      '/DisplayDocTitle true',
      // The document's title, in its information dictionary.
      '(Walton Partnership: annual report 2025/26)',
      '/S /Document',
      '/S /Sect',
      '/S /H1',
      '/S /H2',
      '/S /P',
      '/S /L',
      '/S /LI',
      '/S /Lbl',
      '/S /LBody',
      '/S /Table',
      '/S /TR',
      '/S /TH',
      '/S /TD',
      '/Scope /Column',
      '/Scope /Row',
      '/S /Figure',
      '/Alt (W1: each period published. Rose from 87.5% in 2024/25 to 95.4% in 2025/26.)',
      '/Outlines',
      '+LiberationSans',
      '+LiberationSans-Bold',
    ])
      expect(bytes, part).toContain(part);
    expect(bytes).not.toContain('Helvetica');
  });

  it('is the same bytes for the same content, and gives way to other work between blocks', async () => {
    let pauses = 0;
    const a = await reportPdf(DOCUMENT, reportFonts(), {
      pause: async () => {
        pauses++;
      },
    });
    const b = await reportPdf(DOCUMENT, reportFonts());
    expect(pauses).toBe(DOCUMENT.blocks.length);
    expect(a.equals(b)).toBe(true);
  });
});
