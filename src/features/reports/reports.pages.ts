/**
 * The printable annual report page: the same ReportDocument as the PDF (core/report), each block
 * turned into what its nhsuk-frontend macro takes, with links to the PDF and to the other
 * reports of the year.
 */
import type { Block, ReportDocument } from '../../core/report/model.js';
import { publicYearPath } from '../publishing/publishing.pages.js';

export const V = 'features/reports/views';

/** The print stylesheet's address (served by the report routes). */
export const PRINT_CSS = '/reports/print.css';

const cells = (row: readonly string[], numeric: readonly boolean[] = []) =>
  row.map((text, c) => (numeric[c] ? { text, format: 'numeric' } : { text }));

/** A block as the template draws it. */
function view(b: Block) {
  switch (b.kind) {
    case 'table':
      return {
        kind: b.kind,
        caption: b.caption,
        head: cells(b.head, b.numeric),
        rows: b.rows.map((r) => cells(r, b.numeric)),
      };
    case 'facts':
      return {
        kind: b.kind,
        rows: b.rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } })),
      };
    case 'chart':
      return {
        ...b,
        table: {
          caption: b.table.caption,
          head: cells(b.table.head, [false, true]),
          rows: b.table.rows.map((r) => cells(r, [false, true])),
        },
      };
    default:
      return b;
  }
}

export function reportPage(
  document: ReportDocument,
  where: {
    readonly partnership: { readonly name: string; readonly slug: string };
    readonly fyStartYear: number;
    readonly yearLabel: string;
    readonly pdfHref: string;
    /** The partnership's report, on an organisation's. */
    readonly partnershipReport?: string;
    /** Each organisation's report, on the partnership's. */
    readonly organisations: readonly { href: string; text: string }[];
  },
) {
  const { partnership } = where;
  const who = document.title.replace(`: annual report ${where.yearLabel}`, '');
  return {
    title: document.title,
    description: `The annual report ${where.yearLabel} of ${who}, as a web page and a PDF: its social value figures and whether each is on track, pledges, joint initiatives and the answers to what residents raised.`,
    blocks: document.blocks.filter((b) => !(b.kind === 'paragraph' && b.pdfOnly)).map(view),
    pdfHref: where.pdfHref,
    partnershipReport: where.partnershipReport,
    organisations: where.organisations,
    printCss: PRINT_CSS,
    breadcrumbs: [
      { href: `/p/${partnership.slug}`, text: partnership.name },
      {
        href: publicYearPath(partnership.slug, where.fyStartYear),
        text: `Figures for ${where.yearLabel}`,
      },
      ...(where.partnershipReport
        ? [{ href: where.partnershipReport, text: `Annual report ${where.yearLabel}` }]
        : []),
    ],
  };
}
