/**
 * The annual report as content, before it is laid out (decision 034): a title, what goes at the
 * top and bottom of every page, and a flat list of blocks (headings, paragraphs, tables, charts).
 * The printable page (nunjucks, nhsuk-frontend macros) and the PDF (pdfkit) are both drawn from
 * one such document, so they cannot say different things. Plain data: no layout, no markup.
 */

/** NHS.UK tag colours, as the pages use them. */
export type Tone = 'green' | 'yellow' | 'red' | 'grey' | 'white' | 'blue';

export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  | {
      readonly kind: 'heading';
      readonly level: HeadingLevel;
      readonly text: string;
      /** Unique in the document: the page's anchor. */
      readonly id: string;
      /** A main section: it starts a new page in print and is a bookmark in the PDF. */
      readonly section?: boolean;
    }
  | {
      readonly kind: 'paragraph';
      readonly text: string;
      readonly style?: 'lead' | 'small';
      /** Said in the PDF only (where the report is on the web, which the page itself is). */
      readonly pdfOnly?: boolean;
    }
  /** A status or an answer: a tag, then the sentence it heads. */
  | {
      readonly kind: 'tagged';
      readonly tag: { readonly text: string; readonly tone: Tone };
      readonly text: string;
    }
  /** The figure an indicator is about, large, with the period and what it covers. */
  | {
      readonly kind: 'figure';
      readonly value: string;
      readonly label: string;
      readonly notes: readonly string[];
    }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Links to the document's own sections (a list of headings in the PDF). */
  | { readonly kind: 'contents'; readonly items: readonly { text: string; id: string }[] }
  /** Key and value pairs (a summary list on the page). */
  | { readonly kind: 'facts'; readonly rows: readonly { key: string; value: string }[] }
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Columns of figures, aligned right. */
      readonly numeric?: readonly boolean[];
    }
  /** A chart (SVG from core/charts), its title and one-sentence summary, and its figures. */
  | {
      readonly kind: 'chart';
      readonly id: string;
      readonly title: string;
      readonly summary: string;
      readonly svg: string;
      readonly table: {
        readonly caption: string;
        readonly head: readonly string[];
        readonly rows: readonly (readonly string[])[];
      };
    };

export interface ReportDocument {
  /** The document's title (its metadata, and the page's <title>). */
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly keywords: readonly string[];
  readonly lang: 'en-GB';
  /** When the figures were published: the PDF's creation date, so a revision's PDF is stable. */
  readonly publishedAt: Date;
  /** At the top of every page (the partnership, the report and the year). */
  readonly header: string;
  /** At the foot of every page, before the page number: the revision and its date. */
  readonly footer: string;
  readonly blocks: readonly Block[];
}
