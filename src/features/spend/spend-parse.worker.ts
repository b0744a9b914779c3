/**
 * The spend import's parsing thread (decision 039): reads the file, or one of its two parts for a
 * very large file (decision 050), with the engine's readRows (read-rows.ts, which loads no
 * database module), turns each row into binary COPY (SpendRowWriter) and hands the main thread
 * one chunk at a time, while the main thread sends the chunk before to the database. At most two
 * chunks wait for the main thread, so memory does not grow with the file. Started by
 * spend-import.ts through lib/worker-entry.mjs.
 *
 * Messages to the main thread: chunk (a binary COPY, transferred), progress, end (rows, span and
 * supplier names), failed (an ImportError's message for the person, or an error). From it: sent (a
 * chunk is in, and its memory comes back to be written again).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { ColumnMapping } from '../../core/imports/columns.js';
import type { SpendField } from '../../core/spend/mapping.js';
import { readRows } from '../imports/read-rows.js';
import { ImportError, type FileInspection, type FilePart } from '../imports/files.js';
import { SPEND_KIND } from './spend-import-kind.js';
import { SpendRowWriter, type NamesPart, type PartSpan } from './spend-rows.js';

export interface ParseJob {
  readonly filePath: string;
  readonly inspection: FileInspection;
  readonly mapping: ColumnMapping<SpendField>;
  readonly jobId: string;
  readonly own: string;
  readonly byCode: readonly [string, string][];
  readonly writable: readonly string[];
  readonly namesSummarised: number | undefined;
  /** The part of the file this thread reads, when two share it (the whole file otherwise). */
  readonly part?: FilePart;
}

export type FromParser =
  | { readonly type: 'chunk'; readonly body: Uint8Array }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'end';
      readonly rows: number;
      /** What its rows span and hold. */
      readonly span: PartSpan;
      /**
       * The accepted rows' supplier names as a binary COPY (SpendRowWriter.names), transferred:
       * for a file read in two parts, the first part's thread gives those of both.
       */
      readonly names: Uint8Array | null;
    }
  | { readonly type: 'failed'; readonly importError: boolean; readonly message: string };

/**
 * The job to do, first (the thread is started before it is known, so that it loads while the file
 * is inspected); then, each time a chunk is in the database, its memory, transferred, to write
 * later chunks into.
 */
export type ToParser =
  | {
      readonly type: 'job';
      readonly job: ParseJob;
      /**
       * For a file read in two parts, the other part's thread: the second part's thread sends it
       * its names (SpendRowWriter.namesPart), which the first part's joins to its own.
       */
      readonly peer?: MessagePort;
    }
  | { readonly type: 'sent'; readonly memory: ArrayBuffer };

/** Chunks handed over and not yet in the database. */
const AHEAD = 2;

async function parse(job: ParseJob, port: NonNullable<typeof parentPort>, peer?: MessagePort) {
  const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let waiting = 0;
  let wake: (() => void) | undefined;
  const writer = new SpendRowWriter(
    { own: job.own, byCode: new Map(job.byCode), writable: new Set(job.writable) },
    job.namesSummarised,
  );
  writer.readsPlain(job.mapping, SPEND_KIND.textChars);
  port.on('message', (m: ToParser) => {
    if (m.type !== 'sent') return;
    writer.recycle(m.memory);
    waiting--;
    wake?.();
  });
  const hand = async () => {
    const body = writer.take();
    if (!body) return;
    while (waiting >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    waiting++;
    post({ type: 'chunk', body }, [body.buffer as ArrayBuffer]);
  };
  try {
    const rows = await readRows(
      {
        kind: SPEND_KIND,
        filePath: job.filePath,
        inspection: job.inspection,
        mapping: job.mapping,
        jobId: job.jobId,
        part: job.part,
        report: async (done, total) => post({ type: 'progress', done, total }),
      },
      {
        row: (row, reasons) => writer.row(row, reasons),
        plainRow: (...record) => writer.plainRow(...record),
        flush: hand,
        merge: () => Promise.reject(new Error('not in the parsing thread')),
        close: () => Promise.resolve(),
      },
    );
    let names: Uint8Array | null = null;
    if (peer && job.part?.start) {
      peer.postMessage(writer.namesPart() satisfies NamesPart | null);
      peer.close();
    } else {
      if (peer)
        writer.absorb(
          await new Promise<NamesPart | null>((resolve) => peer.once('message', resolve)),
        );
      names = writer.names();
    }
    const span = writer.span;
    post(
      {
        type: 'end',
        rows,
        span: { ...span, organisations: [...span.organisations] },
        names,
      },
      names?.byteLength ? [names.buffer as ArrayBuffer] : [],
    );
  } catch (err) {
    post({
      type: 'failed',
      importError: err instanceof ImportError,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

if (parentPort) {
  const port = parentPort;
  port.once('message', (m: ToParser) => {
    if (m.type === 'job') void parse(m.job, port, m.peer);
  });
}
