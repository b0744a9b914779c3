/**
 * The pages every kind of import shares: the columns page, an import's progress and its result.
 * A kind gives its fields, its wording and the rows of its result; the pages are the same.
 */
import type { ColumnMapping, ImportField } from '../../core/imports/columns.js';
import { missingFields } from '../../core/imports/columns.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import type { JobRow } from '../jobs/jobs.js';
import type { FileInspection } from './files.js';

export const IMPORT_VIEWS = 'features/imports/views';

/** Values shown for each column of the file on the columns page: enough to recognise it. */
export const SAMPLES_PER_COLUMN = 3;
const SAMPLE_CHARS = 40;

/**
 * Each column of the file with its first few different values, so the page lists the columns one
 * under another (a table of every column is many times wider than a phone, and a council's file
 * has 16). Long values are shortened at a space where one is near the end.
 */
export function columnSamples(inspection: Pick<FileInspection, 'headers' | 'preview'>) {
  return inspection.headers.map((header, i) => {
    const samples: string[] = [];
    for (const row of inspection.preview) {
      const value = (row[i] ?? '').trim();
      if (value === '' || samples.includes(value)) continue;
      samples.push(shorten(value));
      if (samples.length === SAMPLES_PER_COLUMN) break;
    }
    return { name: header || `Column ${i + 1}`, samples };
  });
}

function shorten(value: string): string {
  if (value.length <= SAMPLE_CHARS) return value;
  const cut = value.slice(0, SAMPLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > SAMPLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface ColumnsPageOptions<F extends string> {
  readonly organisation: { readonly name: string };
  readonly fields: readonly ImportField<F>[];
  readonly inspection: FileInspection;
  readonly mapping: ColumnMapping<F>;
  readonly action: string;
  readonly back: { readonly href: string; readonly text: string };
  /**
   * Whether the first values of each column may be shown. A file of personal data (payroll) shows
   * only its headings: its values are not shown, kept or logged.
   */
  readonly samples: boolean;
  /** A choice of financial year, for kinds whose file is for one. */
  readonly years?: {
    readonly items: readonly { value: string; text: string; selected?: boolean }[];
    readonly error?: string;
  };
  /** A choice the kind needs beyond the columns (a trust's code), with what was entered. */
  readonly option?: {
    readonly label: string;
    readonly hint: string;
    readonly value: string;
    readonly error?: string;
  };
  /** What is wrong with the columns chosen, each with the field whose choice would mend it. */
  readonly problems?: readonly { readonly field?: F; readonly text: string }[];
}

/** The columns page: each field with the file's columns to choose from, and the first values. */
export function columnsPage<F extends string>(o: ColumnsPageOptions<F>) {
  const problems = [
    ...(o.years?.error ? [{ field: 'year', text: o.years.error }] : []),
    ...(o.option?.error ? [{ field: 'option', text: o.option.error }] : []),
    ...(o.problems ?? []).map((p) => ({
      field: `field-${p.field ?? missingFields(o.fields, o.mapping)[0] ?? o.fields[0]?.id}`,
      text: p.text,
    })),
  ];
  return {
    title: 'Check the columns',
    organisation: o.organisation,
    inspection: o.inspection,
    samples: o.samples,
    columns: o.samples
      ? columnSamples(o.inspection)
      : columnSamples({ headers: o.inspection.headers, preview: [] }),
    years: o.years ?? null,
    option: o.option ?? null,
    fields: o.fields.map((f) => ({
      ...f,
      items: [
        { value: '', text: f.required ? 'Choose a column' : 'Not in this file' },
        ...o.inspection.headers.map((h, i) => ({
          value: String(i),
          text: h || `Column ${i + 1}`,
          selected: o.mapping[f.id] === i,
        })),
      ],
    })),
    errors: problems.length ? formErrors(problems) : noErrors,
    action: o.action,
    back: o.back,
  };
}

/**
 * How far an import has gone: for its page, and for the script that keeps that page up to date
 * without reloading it (the JSON at `…/progress`). `message` is what a screen reader hears.
 */
export function jobProgress(job: JobRow, href: string) {
  const running = job.status === 'running' || job.status === 'queued';
  const percent = job.progress_total
    ? Math.min(100, Math.floor((Number(job.progress_done) / Number(job.progress_total)) * 100))
    : 0;
  return {
    running,
    percent,
    message: running
      ? `${job.message ?? 'Reading the file'}: ${percent}%`
      : job.status === 'done'
        ? 'Import finished'
        : 'The import did not finish',
    /** The page that shows the result, once the import has stopped. */
    href,
  };
}

export interface SummaryRow {
  readonly key: { readonly text: string };
  readonly value: { readonly text: string };
}

/** An import's progress (the page can be refreshed while it runs), then what it did. */
export function jobPage(o: {
  readonly organisation: { readonly name: string };
  readonly job: JobRow;
  readonly href: string;
  /** The rows of the result, as the kind words them. */
  readonly resultRows: (result: Record<string, unknown>) => SummaryRow[];
  readonly batchHref: string | null;
  readonly importHref: string;
  readonly back: { readonly href: string; readonly text: string };
  /** Said under the result, e.g. that the uploaded file has been deleted. */
  readonly afterwards?: string;
}) {
  const { job } = o;
  const progress = jobProgress(job, o.href);
  const result = job.result as (Record<string, unknown> & { alreadyImported?: boolean }) | null;
  return {
    title: progress.running
      ? 'Importing…'
      : job.status === 'done'
        ? 'Import finished'
        : 'Import did not finish',
    organisation: o.organisation,
    job,
    running: progress.running,
    percent: progress.percent,
    progress,
    result: result
      ? { alreadyImported: result.alreadyImported === true, rows: o.resultRows(result) }
      : null,
    batchHref: o.batchHref,
    importHref: o.importHref,
    afterwards: o.afterwards ?? null,
    back: o.back,
  };
}

/** How a kind's pages word it and where they are. */
export interface KindPages {
  /** "payroll extract": in headings and messages. */
  readonly noun: string;
  /** Under /manage/:slug/organisations/:orgId/: "workforce". */
  readonly segment: string;
  /** The page the kind's imports belong to ("Workforce"), for the way back. */
  readonly home: string;
  /** Paragraphs of the upload page: what the file is. */
  readonly intro: readonly string[];
  /** What is kept of the file and what is not, said before it is uploaded. */
  readonly keeps?: { readonly kept: readonly string[]; readonly dropped: readonly string[] };
  /** Said on the result page and under the form: what happens to the uploaded file. */
  readonly afterwards: string;
  /**
   * The rows of an import's result. `again`: this run found the file imported before, so the
   * summary is the earlier import's and this run changed nothing.
   */
  resultRows(result: Record<string, unknown>, again?: boolean): SummaryRow[];
}

/** "a payroll extract", "an estates return (ERIC)". */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

export const kindPath = (
  p: { readonly slug: string },
  o: { readonly id: string },
  pages: Pick<KindPages, 'segment'>,
) => `/manage/${p.slug}/organisations/${o.id}/${pages.segment}`;

export function uploadPage(
  pages: KindPages,
  partnership: { readonly slug: string },
  organisation: { readonly id: string; readonly name: string },
  maxBytes: number,
  error?: string,
) {
  const home = kindPath(partnership, organisation, pages);
  return {
    title: `Import ${withArticle(pages.noun)}`,
    heading: `Import ${withArticle(pages.noun)}`,
    noun: pages.noun,
    organisation,
    intro: pages.intro,
    keeps: pages.keeps ?? null,
    afterwards: pages.afterwards,
    errors: error ? formErrors([{ field: 'file', text: error }]) : noErrors,
    action: `${home}/import`,
    maxMb: Math.round(maxBytes / 1024 / 1024),
    back: { href: home, text: `Back to ${pages.home.toLowerCase()}` },
  };
}

export function batchPage(
  pages: KindPages,
  partnership: { readonly slug: string },
  organisation: { readonly id: string; readonly name: string },
  data: {
    readonly batch: {
      readonly id: string;
      readonly file_name: string;
      readonly imported_at: Date;
      readonly actor_label: string;
      readonly rows: number;
      readonly accepted: number;
      readonly rejected: number;
      readonly duplicates: number;
      readonly summary: unknown;
    };
    readonly rejected: readonly { readonly line_no: number; readonly reason: string }[];
  },
) {
  const { batch } = data;
  const home = kindPath(partnership, organisation, pages);
  const rowsOf = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`;
  return {
    title: `Import of ${batch.file_name}`,
    organisation,
    batch,
    reconciliation: [
      { key: { text: 'Rows in the file' }, value: { text: rowsOf(batch.rows) } },
      { key: { text: 'Used' }, value: { text: rowsOf(batch.accepted) } },
      { key: { text: 'Already loaded' }, value: { text: rowsOf(batch.duplicates) } },
      { key: { text: 'Rejected' }, value: { text: rowsOf(batch.rejected) } },
    ],
    result: batch.summary ? pages.resultRows(batch.summary as Record<string, unknown>) : [],
    rejected: data.rejected,
    csvHref: `${home}/imports/${batch.id}/rejected.csv`,
    afterwards: pages.afterwards,
    back: { href: home, text: `Back to ${pages.home.toLowerCase()}` },
  };
}

/** The rejected rows as a CSV: line and reason (and what the kind let each row keep). */
export function rejectedRowsCsv(
  rows: readonly {
    readonly line_no: number;
    readonly reason: string;
    readonly columns: string[];
  }[],
) {
  const width = Math.max(0, ...rows.map((r) => r.columns.length));
  return [
    ['line', 'reason', ...Array.from({ length: width }, (_, i) => `column_${i + 1}`)],
    ...rows.map((r) => [String(r.line_no), r.reason, ...r.columns]),
  ];
}
