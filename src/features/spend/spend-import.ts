/**
 * The spend kind of the import engine (features/imports/engine.ts): a spend file (CSV or XLSX)
 * into one organisation, or into several members when the file has an organisation-code column.
 *
 * Its row parser (spend-rows.ts; in a worker thread for a large file, in two for a very large
 * UTF-8 CSV file, each reading half of it, decision 050) maps dates and amounts,
 * normalises supplier names (once per distinct name) and writes every row, accepted or rejected
 * with its reason, to a staging table in chunks through COPY (one chunk on its way while the next
 * is read). Its merge, in one transaction: match or create suppliers (identifiers first, then
 * names), add the lines that the stored lines of the same organisations and dates do not already
 * hold (a set-based check, decision 039: overlaps never double-count), keep rejected rows, record
 * the batch with its reconciliation, work out the figures resting on the lines again
 * (recalculate), audit. A failure (or a killed process) leaves nothing of the import.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import {
  formatPounds,
  MAX_EXACT_PENCE,
  penceToPounds,
  withinSpendBound,
} from '../../core/spend/amounts.js';
import type { PlainRowReader } from '../../core/spend/csv-bytes.js';
import type { SpendField, SpendMapping } from '../../core/spend/mapping.js';
import { REDACTED_NAME_PATTERN } from '../../core/spend/suppliers.js';
import { can, type Actor } from '../../core/roles.js';
import type { Database } from '../../db/client.js';
import { statementsOn, type Statements } from '../../db/raw.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import type { AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import {
  asJob,
  rememberColumns,
  rememberedColumns,
  resolveColumns,
  readRows,
  reportReading,
  runSession,
  type ImportCounts,
  type ImportProgress,
  type ImportSession,
  type ReadOptions,
  type RowInput,
} from '../imports/engine.js';
import {
  ImportError,
  inspectFile,
  splitCsv,
  type FileInspection,
  type FilePart,
} from '../imports/files.js';
import { NO_ROWS } from '../imports/read-rows.js';
import { giveUpWaitingUploads } from '../imports/queue.js';
import { DistrictRanges, placePostcodes, type Placement } from '../../reference/geography.js';
import { startWorker } from '../../lib/workers.js';
import { SPEND_KIND } from './spend-import-kind.js';
import type { FromParser, ParseJob, ToParser } from './spend-parse.worker.js';
import {
  COPY_NAMES_COLUMNS,
  COPY_STAGING_COLUMNS,
  joinSpans,
  SpendRowWriter,
  type RowOrganisations,
  type StagedSpan,
} from './spend-rows.js';
import { partnershipLockSql } from '../../db/locks.js';

export { ImportError as SpendImportError, type FileInspection, type ImportProgress };
export { SPEND_KIND };

/**
 * What an import did. Its amounts are exact as numbers: a partnership's spend is held within
 * MAX_EXACT_PENCE, so no total of it passes 2^53 pence.
 */
export interface ImportResult extends ImportCounts {
  readonly amountAcceptedPence: number;
  readonly amountRejectedPence: number;
  readonly amountDuplicatesPence: number;
  readonly encoding: 'utf-8' | 'windows-1252' | 'xlsx';
}

/** Reads the file once for its hash and encoding, then its header and first rows. */
export function inspectSpendFile(filePath: string, previewRows = 10): Promise<FileInspection> {
  return inspectFile(filePath, SPEND_KIND.limits, previewRows);
}

export interface ImportOptions {
  readonly database: Database;
  readonly partnership: Partnership;
  readonly organisation: Organisation;
  readonly filePath: string;
  readonly fileName: string;
  readonly actor: AuditActor;
  /** A mapping confirmed in the browser or given on the command line; otherwise remembered or detected. */
  readonly mapping?: SpendMapping;
  readonly jobId?: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** The postcode ranges per district (the service's own; otherwise loaded once). */
  readonly ranges?: DistrictRanges;
  /**
   * The rights of the person importing: every row must belong to an organisation they may import
   * spend for, or it is rejected. Absent only for the operator's command line and the demo, which
   * act for the whole database.
   */
  readonly rights?: Actor;
  /**
   * Where the rows are parsed: by default in two worker threads for a very large UTF-8 CSV file
   * (each reading half), in one for a large file, here otherwise.
   */
  readonly parseIn?: 'workers' | 'worker' | 'thread';
  /** How many distinct supplier names the parser summarises before leaving it to the database. */
  readonly namesSummarised?: number;
}

export function rememberedMapping(
  db: Kysely<DB>,
  organisationId: string,
  headers: readonly string[],
): Promise<SpendMapping | undefined> {
  return rememberedColumns(db, SPEND_KIND, organisationId, headers);
}

/** Imports a file as a job (created here unless the caller made one), finishing the job either way. */
export function importSpendFile(options: ImportOptions): Promise<ImportResult> {
  return asJob(
    options.database.db,
    {
      id: options.jobId,
      kind: SPEND_KIND.jobKind,
      partnershipId: options.partnership.id,
      organisationId: options.organisation.id,
      fileName: options.fileName,
      userId: options.actor.userId,
    },
    (jobId) => runImport({ ...options, jobId }),
  );
}

async function runImport(options: ImportOptions & { jobId: string }): Promise<ImportResult> {
  // A large file is parsed in a thread of its own (a very large one in two), started now so that
  // it loads its modules while the file is inspected; it is given its job when reading starts,
  // and stopped however it ends.
  const bytes = (await fs.promises.stat(options.filePath).catch(() => null))?.size ?? 0;
  const parseIn =
    options.parseIn ??
    (bytes > PARSE_IN_TWO_BYTES ? 'workers' : bytes > PARSE_IN_WORKER_BYTES ? 'worker' : 'thread');
  const threads = { thread: 0, worker: 1, workers: 2 }[parseIn];
  const parsers = Array.from({ length: threads }, () => new ParsingThread());
  try {
    return await importWith(options, parsers);
  } finally {
    for (const p of parsers) void p.worker.terminate();
  }
}

/**
 * A spend parsing thread (spend-parse.worker.ts) started before its job is known, and how it
 * ended if it ended before it was given one (its modules failing to load, say).
 */
class ParsingThread {
  // Its heap is capped: what it keeps is a few chunks and the caches of names and dates.
  readonly worker = startWorker(new URL('./spend-parse.worker.ts', import.meta.url), null, {
    maxOldGenerationSizeMb: PARSER_HEAP_MB,
  });
  failure: Error | undefined;

  constructor() {
    this.worker.once('error', (err) => (this.failure ??= err));
    this.worker.once('exit', (code) => {
      this.failure ??= new Error(`the parsing thread stopped (exit code ${code})`);
    });
  }
}

async function importWith(
  options: ImportOptions & { jobId: string },
  parsers: readonly ParsingThread[],
): Promise<ImportResult> {
  const { database, partnership, organisation } = options;
  const db = database.db;
  const inspection = await inspectSpendFile(options.filePath);
  options.onProgress?.({ phase: 'reading', done: 0, total: inspection.bytes });

  const previous = await db
    .selectFrom('spend_batches')
    .selectAll()
    .where('organisation_id', '=', organisation.id)
    .where('file_sha256', '=', inspection.sha256)
    .executeTakeFirst();
  if (previous) return alreadyImported(options.fileName, previous);

  const mapping = await resolveColumns(
    db,
    SPEND_KIND,
    organisation.id,
    inspection.headers,
    options.mapping,
  );
  // Authorisation where the rows are written: a file's organisation column cannot reach an
  // organisation that the person importing may not import for.
  const rights = options.rights;
  const mayImportFor = (organisationId: string) =>
    !rights || can(rights, 'spend.import', { partnershipId: partnership.id, organisationId });
  if (!mayImportFor(organisation.id))
    throw new ImportError(`You cannot import spend for ${organisation.name}.`);
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'code'])
    .where('partnership_id', '=', partnership.id)
    .execute();
  const session = new SpendSession(options, inspection, mapping, parsers, {
    own: organisation.id,
    byCode: new Map(organisations.map((o) => [o.code.toUpperCase(), o.id])),
    writable: new Set(organisations.map((o) => o.id).filter(mayImportFor)),
  });
  return runSession(
    {
      db,
      kind: SPEND_KIND,
      filePath: options.filePath,
      inspection,
      mapping,
      jobId: options.jobId,
      onProgress: options.onProgress,
    },
    session,
    session.read,
  );
}

/**
 * The table an import stages its rows in: its own, unlogged, made like spend_staging (the
 * template, which holds no rows) and dropped when the import ends. Nothing another import does
 * touches it, and a killed import's table is dropped at the next start (cleanUpInterruptedImports).
 */
export function stagingTable(jobId: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(jobId))
    throw new Error('a job id is a UUID');
  return `${STAGING_PREFIX}${jobId.replace(/-/g, '')}`;
}

const STAGING_PREFIX = 'spend_staging_';

/** The table of an import's distinct supplier names, beside its staging table (migration 0029). */
function namesTable(staging: string): string {
  return `${staging}_names`;
}

/**
 * The names table filled from the staged rows, for a file with more names than the parser keeps:
 * the same summary SpendRowWriter.names makes (the spelling on the first line with lower case in
 * it, else on the first line; an identifier or postcode counts when every line naming the
 * supplier that gives one gives the same, min = max being one value).
 */
function summariseNamesSql(staging: string, names: string): string {
  return `INSERT INTO ${names} (${COPY_NAMES_COLUMNS})
     SELECT f.supplier_norm, s.supplier_raw, f.vat_number, f.company_number, f.charity_number, f.postcode,
       f.organisation_ids
     FROM (
       SELECT supplier_norm,
         coalesce(min(line_no) FILTER (WHERE supplier_raw <> upper(supplier_raw)), min(line_no)) AS line_no,
         CASE WHEN min(vat_number) = max(vat_number) THEN min(vat_number) END AS vat_number,
         CASE WHEN min(company_number) = max(company_number) THEN min(company_number) END AS company_number,
         CASE WHEN min(charity_number) = max(charity_number) THEN min(charity_number) END AS charity_number,
         CASE WHEN min(postcode) = max(postcode) THEN min(postcode) END AS postcode,
         array_agg(DISTINCT organisation_id ORDER BY organisation_id) AS organisation_ids
       FROM ${staging} WHERE reason IS NULL
       GROUP BY supplier_norm
     ) f
     JOIN ${staging} s ON s.line_no = f.line_no AND s.supplier_norm = f.supplier_norm AND s.reason IS NULL`;
}

/** Storage settings of an import's own tables: no background vacuum (see SpendSession). */
const NO_AUTOVACUUM = 'WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false)';

/** The parsing thread's heap: enough for its chunks and caches, whatever the file. */
const PARSER_HEAP_MB = 256;

/** Files larger than this are parsed in a worker thread; smaller ones start sooner in this one. */
const PARSE_IN_WORKER_BYTES = 4 * 1024 * 1024;

/**
 * UTF-8 CSV files larger than this are cut in two, each half parsed in a thread of its own
 * (decision 050). Finding the cut reads half the file again: 0.18 s for a file of 107 MB.
 */
const PARSE_IN_TWO_BYTES = 32 * 1024 * 1024;

/**
 * One spend import: its rows parsed into binary COPY, staged in chunks (one on its way to the
 * database while the next is parsed), then merged. A large file is parsed in a worker thread
 * (spend-parse.worker.ts), so that parsing and the database's work overlap even on the embedded
 * database, which runs on this thread; a very large UTF-8 CSV file in two, each reading half.
 */
class SpendSession implements ImportSession<SpendField, ImportResult> {
  readonly #writer: SpendRowWriter;
  /** What the rows read by parsing threads span and hold; those read here are the writer's. */
  #spanRead: StagedSpan | undefined;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    readonly options: ImportOptions & { jobId: string },
    readonly inspection: FileInspection,
    readonly mapping: SpendMapping,
    /** The parsing threads for a large file (runImport), or none: the rows are read in this one. */
    readonly parsers: readonly ParsingThread[],
    readonly organisations: RowOrganisations,
  ) {
    this.#writer = new SpendRowWriter(organisations, options.namesSummarised);
    this.#writer.readsPlain(mapping, SPEND_KIND.textChars);
    this.#table = stagingTable(options.jobId);
    this.#names = namesTable(this.#table);
    this.#copy = `COPY ${this.#table} (${COPY_STAGING_COLUMNS}) FROM STDIN WITH (FORMAT binary)`;
  }

  readonly #table: string;
  readonly #names: string;
  readonly #copy: string;
  #created = false;
  /** The parsing thread's summary of the supplier names (SpendRowWriter.names). */
  #namesRead: Buffer | null | undefined;

  async #create(): Promise<void> {
    await this.options.database.withRawConnection(async (conn) => {
      this.#created = true;
      // Out of the server's background vacuum: it would start on a million rows just staged, and
      // dropping the table at the end then waits a second (deadlock_timeout) for it to give way.
      // The merge analyses the table itself.
      await conn.exec(`CREATE UNLOGGED TABLE ${this.#table} (LIKE spend_staging) ${NO_AUTOVACUUM}`);
      await conn.exec(
        `CREATE UNLOGGED TABLE ${this.#names} (LIKE spend_staged_names) ${NO_AUTOVACUUM}`,
      );
    });
  }

  row(row: RowInput<SpendField>, reasons: string[]): void {
    this.#writer.row(row, reasons);
  }

  readonly plainRow: PlainRowReader = (...record) => this.#writer.plainRow(...record);

  async flush(): Promise<void> {
    const body = this.#writer.take();
    if (!body) return;
    await this.#send(body);
    // Its memory is written again once the chunk is in.
    void this.#inFlight.then(
      () => this.#writer.recycle(body.buffer as ArrayBuffer),
      () => undefined,
    );
  }

  /** Sends a chunk (one binary COPY) once the one before is in; the returned promise resolves then. */
  async #send(body: Buffer): Promise<void> {
    await this.#inFlight;
    const sending = this.options.database.withRawConnection((conn) =>
      conn.copyFrom(this.#copy, Readable.from([body])),
    );
    sending.catch(() => undefined); // awaited at the next chunk or before the merge
    this.#inFlight = sending;
  }

  /**
   * Reads the rows with the engine's readRows: here for a small file, in a worker for a large one,
   * in two for a very large UTF-8 CSV file cut in two (one thread is stopped if it cannot be cut).
   */
  read = async (options: ReadOptions<SpendField>): Promise<number> => {
    await this.#create();
    const [first, second] = this.parsers;
    if (!first) return readRows(options, this);
    const parts =
      second && this.inspection.kind === 'csv' && this.inspection.encoding === 'utf-8'
        ? await splitCsv(options.filePath, this.inspection)
        : null;
    if (!second || !parts) {
      void second?.worker.terminate();
      return this.#readInWorkers(options, [{ parser: first }]);
    }
    return this.#readInWorkers(options, [
      { parser: first, part: parts[0] },
      { parser: second, part: parts[1] },
    ]);
  };

  /**
   * The rows read by parsing threads, each given the whole file or a part of it: their chunks go
   * in one after the other as they come, each acknowledged once in; their progress is added up;
   * at the end, what their parts span and the names they read are joined. When one fails, all
   * are stopped.
   */
  #readInWorkers(
    options: ReadOptions<SpendField>,
    readers: readonly { parser: ParsingThread; part?: FilePart }[],
  ): Promise<number> {
    const job = (part: FilePart | undefined): ParseJob => ({
      filePath: options.filePath,
      inspection: this.inspection,
      mapping: this.mapping,
      jobId: this.options.jobId,
      own: this.organisations.own,
      byCode: [...this.organisations.byCode],
      writable: [...this.organisations.writable],
      namesSummarised: this.options.namesSummarised,
      part,
    });
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        for (const r of readers) void r.parser.worker.terminate();
      };
      let queue: Promise<unknown> = Promise.resolve();
      const done = readers.map(() => 0);
      const ended: Extract<FromParser, { type: 'end' }>[] = [];
      const finish = () => {
        const rows = ended.reduce((n, e) => n + e.rows, 0);
        if (readers.length > 1 && rows === 0) throw new ImportError(NO_ROWS);
        this.#spanRead = joinSpans(ended.map((e) => e.span));
        // The first thread's names are those of the whole file (the second sent it its own).
        const names = ended[0]!.names;
        this.#namesRead = names && Buffer.from(names.buffer, names.byteOffset, names.byteLength);
        return rows;
      };
      readers.forEach(({ parser }, i) => {
        const worker = parser.worker;
        worker.on('message', (m: FromParser) => {
          if (m.type === 'chunk') {
            const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
            queue = queue
              .then(() => this.#send(body))
              .then(() => this.#inFlight)
              .then(
                () => {
                  const memory = m.body.buffer as ArrayBuffer;
                  worker.postMessage({ type: 'sent', memory } satisfies ToParser, [memory]);
                },
                (err: Error) => settle(() => reject(err)),
              );
          } else if (m.type === 'progress') {
            done[i] = m.done;
            const sum = done.reduce((a, b) => a + b, 0);
            queue = queue.then(() => reportReading(options, sum));
          } else if (m.type === 'end') {
            ended[i] = m;
            if (ended.filter(Boolean).length < readers.length) return;
            void queue.then(finish).then(
              (rows) => settle(() => resolve(rows)),
              (err: Error) => settle(() => reject(err)),
            );
          } else {
            settle(() => reject(m.importError ? new ImportError(m.message) : new Error(m.message)));
          }
        });
        worker.on('error', (err) => settle(() => reject(err)));
        worker.on('exit', (code) =>
          settle(() => reject(new Error(`the parsing thread stopped (exit code ${code})`))),
        );
      });
      const failure = readers.find((r) => r.parser.failure)?.parser.failure;
      if (failure) return settle(() => reject(failure));
      const channel = readers.length > 1 ? new MessageChannel() : undefined;
      readers.forEach(({ parser, part }, i) => {
        const peer = i === 0 ? channel?.port1 : channel?.port2;
        parser.worker.postMessage(
          { type: 'job', job: job(part), ...(peer ? { peer } : {}) } satisfies ToParser,
          peer ? [peer] : [],
        );
      });
    });
  }

  async merge(rows: number): Promise<ImportResult> {
    await this.#inFlight;
    await this.#stageNames(this.#namesRead === undefined ? this.#writer.names() : this.#namesRead);
    const span = this.#spanRead ?? this.#writer.span;
    return merge(this.options, this.inspection, this.mapping, this.#table, rows, span);
  }

  /**
   * The file's supplier names into the import's names table: as the parser summarised them, or,
   * when there were too many for it to keep, summarised from the staged rows the same way.
   */
  async #stageNames(names: Buffer | null): Promise<void> {
    await this.options.database.withRawConnection(async (conn) => {
      if (names === null) await conn.exec(summariseNamesSql(this.#table, this.#names));
      else if (names.byteLength > 0)
        await conn.copyFrom(
          `COPY ${this.#names} (${COPY_NAMES_COLUMNS}) FROM STDIN WITH (FORMAT binary)`,
          Readable.from([names]),
        );
    });
  }

  async close(): Promise<void> {
    await this.#inFlight.catch(() => undefined);
    if (this.#created)
      await this.options.database.withRawConnection(async (conn) => {
        await conn.exec(`DROP TABLE IF EXISTS ${this.#table}`);
        await conn.exec(`DROP TABLE IF EXISTS ${this.#names}`);
      });
  }
}

function alreadyImported(
  file: string,
  b: {
    id: string;
    rows: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    amount_accepted_pence: number | string;
    amount_rejected_pence: number | string;
    amount_duplicates_pence: number | string;
    encoding: string;
  },
): ImportResult {
  return {
    file,
    rows: b.rows,
    accepted: 0,
    rejected: b.rejected,
    duplicates: b.accepted + b.duplicates,
    amountAcceptedPence: 0,
    amountRejectedPence: Number(b.amount_rejected_pence),
    amountDuplicatesPence: Number(b.amount_accepted_pence) + Number(b.amount_duplicates_pence),
    batchId: b.id,
    alreadyImported: true,
    encoding: b.encoding as ImportResult['encoding'],
  };
}

/**
 * Refuses lines that would take the partnership's spend past what is added up exactly
 * (MAX_EXACT_PENCE), under its lock, before anything of the file is kept.
 */
async function holdToSpendBound(
  conn: Statements,
  partnership: Partnership,
  added: bigint,
  rejected: bigint,
): Promise<void> {
  const r = await conn.query<{ stored: string }>(
    `SELECT coalesce(sum(amount_magnitude_pence), 0)::text AS stored
     FROM spend_batches WHERE partnership_id = $1`,
    [partnership.id],
  );
  const stored = BigInt(r.rows[0]?.stored ?? 0);
  if (withinSpendBound(stored, added, rejected)) return;
  throw new ImportError(
    `The lines this file would add, with its rejected rows' amounts, come to ` +
      `${formatPounds(added + rejected)} by size (a credit counted as a payment). The spend ` +
      `already loaded for ${partnership.name} comes to ${formatPounds(stored)}. Together that is ` +
      `more than ${formatPounds(MAX_EXACT_PENCE)}, the most this service adds up exactly. ` +
      `Check the file's amount column.`,
  );
}

async function merge(
  options: ImportOptions,
  inspection: FileInspection,
  mapping: SpendMapping,
  /** The import's staging table (stagingTable). */
  staging: string,
  rows: number,
  span: StagedSpan,
): Promise<ImportResult> {
  const { database, partnership, organisation, actor, rights } = options;
  // Someone from outside the organisation (a partnership lead) importing on its behalf.
  const onBehalf =
    rights !== undefined &&
    !rights.memberships.some(
      (m) => m.partnershipId === partnership.id && m.organisationId === organisation.id,
    );
  // Named as people know them: "Pat Lead imported for Mersey Valley Hospitals".
  const importer =
    onBehalf && actor.userId
      ? ((
          await database.db
            .selectFrom('users')
            .select('display_name')
            .where('id', '=', actor.userId)
            .executeTakeFirst()
        )?.display_name ?? actor.label)
      : actor.label;
  const step = (phase: ImportProgress['phase']) =>
    options.onProgress?.({ phase, done: inspection.bytes, total: inspection.bytes });
  // Suppliers' postcodes given in the file are placed before the transaction (placing reads the
  // reference tables); the transaction then records them on suppliers that have none yet.
  const names = namesTable(staging);
  const filePostcodes = (
    await sql<{ postcode: string }>`SELECT DISTINCT postcode FROM ${sql.table(names)}
      WHERE postcode IS NOT NULL`.execute(database.db)
  ).rows;
  const placements = filePostcodes.length
    ? await placePostcodes(
        database.db,
        options.ranges ?? DistrictRanges.shared(),
        filePostcodes.map((r) => r.postcode),
      )
    : new Map<string, Placement>();
  // Enough statistics for the planner to hash-join the staged rows (a small sample is quick).
  // Before the merge's transaction, so that the table's lock is held for the ANALYZE only: an
  // import for another partnership then never waits for this one's merge.
  await database.withRawConnection((conn) => analyseFromSample(conn, staging));
  return database.db.transaction().execute(async (trx) => {
    const conn = statementsOn(trx);
    // Imports into one partnership run one at a time; a second copy of the same file then finds the first.
    await conn.query(partnershipLockSql('imports'), [partnership.id]);
    // Memory for the merge's joins and groupings (the default 4 MB sorts a million staged rows
    // on disk and joins them to their suppliers by merging); for this transaction only.
    await conn.exec(`SET LOCAL work_mem = '64MB'`);
    // Compiling the merge's plans to machine code costs about a second on a server (its row
    // estimates are large) and saves less than that on queries that each read the file once.
    await conn.exec('SET LOCAL jit = off');
    const again = await conn.query<Parameters<typeof alreadyImported>[1]>(
      'SELECT * FROM spend_batches WHERE organisation_id = $1 AND file_sha256 = $2',
      [organisation.id, inspection.sha256],
    );
    if (again.rows[0]) return alreadyImported(options.fileName, again.rows[0]);
    const batchId = randomUUID();
    step('matching');
    await matchSuppliers(conn, partnership.id, names);
    const placedEarlier = placements.size
      ? await placeNewSuppliers(conn, partnership.id, placements, actor)
      : 0;
    await conn.query(
      `INSERT INTO spend_batches (id, partnership_id, organisation_id, file_name, file_sha256, file_bytes, encoding, mapping,
         rows, accepted, rejected, duplicates, amount_accepted_pence, amount_rejected_pence, amount_duplicates_pence, imported_by, actor_label, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0, 0, 0, 0, 0, $9, $10, $11)`,
      [
        batchId,
        partnership.id,
        organisation.id,
        options.fileName,
        inspection.sha256,
        inspection.bytes,
        inspection.encoding,
        JSON.stringify(mapping),
        actor.userId,
        actor.label,
        inspection.headers,
      ],
    );
    step('adding');
    // Idempotency as a set (decision 039), under the partnership's lock taken above: a line key
    // occurring n times in the file and m times among the stored lines of the same organisation
    // adds its occurrences beyond the m. Only stored lines sharing an organisation and a date
    // with the file can match; when there are none, every line is added without counting.
    const overlapping =
      span.organisations.size > 0 &&
      (
        await conn.query(
          `SELECT 1 FROM spend_lines WHERE partnership_id = $1 AND organisation_id = ANY ($2::uuid[])
             AND payment_date BETWEEN $3 AND $4 LIMIT 1`,
          [partnership.id, [...span.organisations], span.from, span.to],
        )
      ).rows.length > 0;
    // The staged lines with their suppliers and keys.
    const lines = `SELECT s.organisation_id, s.line_no, s.payment_date, s.amount_pence, s.supplier_raw,
         s.expense_type, s.expense_area, s.transaction_ref, n.supplier_id, s.line_key
       FROM ${staging} s
       JOIN import_names n ON n.supplier_norm = s.supplier_norm
       WHERE s.reason IS NULL`;
    // The accepted rows (candidates: added or already loaded), as the parser counted them.
    const candidates = span.accepted;
    // Each organisation-month of the file's lines is one of three (import_months, decision 044):
    // new (no stored line of that organisation and month), so all of its lines are added; the
    // same lines as those stored for it (the same count, amount and sum of line keys), so none
    // are; or mixed, whose keys are counted against the stored lines' of the same months. A key
    // the stored lines hold at least as often as the file adds nothing; a key they hold fewer
    // times (or not at all) numbers its lines in file order and adds those beyond the stored
    // count. The keys with lines to add are worked out first (import_short).
    const months = overlapping ? await classifyMonths(conn, partnership.id, staging, span) : null;
    if (months && months.filed !== candidates)
      throw new Error(`${months.filed} lines staged of ${candidates} accepted`);
    let short = 0;
    if (months && months.mixed > 0) {
      await conn.query(
        `CREATE TEMP TABLE import_short ON COMMIT DROP AS
           WITH mixed AS (SELECT organisation_id, month FROM import_months WHERE kind = 'mixed'),
           stored AS (
             SELECT l.organisation_id, l.line_key, count(*) AS stored FROM spend_lines l
             JOIN mixed m ON m.organisation_id = l.organisation_id AND m.month = ${monthSql('l')}
             WHERE l.partnership_id = $1 AND l.organisation_id = ANY ($2::uuid[]) AND l.payment_date BETWEEN $3 AND $4
             GROUP BY 1, 2
           ), filed AS (
             SELECT f.organisation_id, f.line_key, count(*) AS filed FROM ${staging} f
             JOIN mixed m ON m.organisation_id = f.organisation_id AND m.month = ${monthSql('f')}
             WHERE f.reason IS NULL
             GROUP BY 1, 2
           )
           SELECT f.organisation_id, f.line_key, coalesce(m.stored, 0) AS stored
           FROM filed f LEFT JOIN stored m ON m.organisation_id = f.organisation_id AND m.line_key = f.line_key
           WHERE f.filed > coalesce(m.stored, 0)`,
        [partnership.id, [...span.organisations], span.from, span.to],
      );
      const counted = await conn.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM import_short',
      );
      short = Number(counted.rows[0]?.n ?? 0);
      if (short > 0) await conn.exec('ANALYZE import_short');
    }
    // Every line is added when no month of the file has stored lines (the first import of them).
    const allNew = !months || (months.same === 0 && months.mixed === 0);
    const sources = [
      ...(months && months.new > 0 && !allNew
        ? [
            `SELECT l.* FROM (${lines}) l
             JOIN import_months m ON m.organisation_id = l.organisation_id AND m.month = ${monthSql('l')}
             WHERE m.kind = 'new'`,
          ]
        : []),
      ...(short > 0
        ? [
            `SELECT k.organisation_id, k.line_no, k.payment_date, k.amount_pence, k.supplier_raw,
               k.expense_type, k.expense_area, k.transaction_ref, k.supplier_id, k.line_key
             FROM (
               SELECT l.*, short.stored,
                 row_number() OVER (PARTITION BY l.organisation_id, l.line_key ORDER BY l.line_no) AS occurrence
               FROM (${lines}) l
               JOIN import_months m ON m.organisation_id = l.organisation_id AND m.month = ${monthSql('l')}
                 AND m.kind = 'mixed'
               JOIN import_short short ON short.organisation_id = l.organisation_id AND short.line_key = l.line_key
             ) k
             WHERE k.occurrence > k.stored`,
          ]
        : []),
    ];
    const source = `(${sources.join(' UNION ALL ')})`;
    type Added = {
      accepted: string | number;
      accepted_pence: string | null;
      /** The lines added by size (StagedSpan's acceptedMagnitude, for those added). */
      magnitude: string | null;
      first_date: string | null;
      last_date: string | null;
    };
    const nothing: Added = {
      accepted: 0,
      accepted_pence: null,
      magnitude: null,
      first_date: null,
      last_date: null,
    };
    const into = `INSERT INTO spend_lines (partnership_id, organisation_id, batch_id, line_no, payment_date, amount_pence, supplier_id,
         supplier_raw, expense_type, expense_area, transaction_ref, line_key)
       SELECT $1, k.organisation_id, $2, k.line_no, k.payment_date, k.amount_pence, k.supplier_id,
         k.supplier_raw, k.expense_type, k.expense_area, k.transaction_ref, k.line_key`;
    // Which organisations have spend with each supplier: a row per supplier, its organisations
    // added to those it had (decision 041).
    const spenders = `INSERT INTO supplier_spenders (supplier_id, partnership_id, organisation_ids)`;
    const spendersMerged = `ON CONFLICT (supplier_id) DO UPDATE
       SET organisation_ids = ARRAY(
         SELECT DISTINCT o FROM unnest(supplier_spenders.organisation_ids || excluded.organisation_ids) o ORDER BY o)
       WHERE NOT supplier_spenders.organisation_ids @> excluded.organisation_ids`;
    let added: Added;
    if (allNew) {
      // No stored line can match: every candidate is added, and the file's names already say
      // which organisations pay each supplier.
      const inserted = await conn.query(`${into} FROM (${lines}) k`, [partnership.id, batchId]);
      if (inserted.rowCount !== candidates)
        throw new Error(`${inserted.rowCount} lines added of ${candidates} to add`);
      // A supplier named one way in the file is paid by that name's organisations (sorted and
      // distinct already); only one named several ways has their organisations merged.
      await conn.query(
        `${spenders}
         SELECT supplier_id, $1::uuid, organisation_ids FROM (
           SELECT supplier_id, min(organisation_ids) AS organisation_ids FROM import_names
           GROUP BY supplier_id HAVING count(*) = 1
           UNION ALL
           SELECT n.supplier_id, array_agg(DISTINCT o ORDER BY o)
           FROM import_names n, unnest(n.organisation_ids) o
           WHERE n.supplier_id IN (
             SELECT supplier_id FROM import_names GROUP BY supplier_id HAVING count(*) > 1)
           GROUP BY n.supplier_id
         ) paid
         ${spendersMerged}`,
        [partnership.id],
      );
      added = {
        accepted: candidates,
        accepted_pence: String(span.acceptedPence),
        magnitude: String(span.acceptedMagnitude),
        first_date: span.from || null,
        last_date: span.to || null,
      };
    } else if (sources.length === 0) {
      // Every month's lines are stored already, or every key as often as the file has it.
      added = nothing;
    } else {
      // The lines added, summed as they are inserted (spend_lines has no index on batch_id, so
      // reading them back by batch would scan every line of every organisation), and their
      // organisations and suppliers.
      const inserted = await conn.query<Added>(
        `WITH added AS (
           ${into}
           FROM ${source} k
           RETURNING organisation_id, supplier_id, amount_pence, payment_date
         ), paid AS (
           ${spenders}
           SELECT supplier_id, $1::uuid, array_agg(organisation_id ORDER BY organisation_id)
           FROM (SELECT DISTINCT organisation_id, supplier_id FROM added) pairs
           GROUP BY supplier_id
           ${spendersMerged}
         )
         SELECT count(*) AS accepted, sum(amount_pence) AS accepted_pence,
           sum(abs(amount_pence)) AS magnitude, min(payment_date)::text AS first_date, max(payment_date)::text AS last_date
         FROM added`,
        [partnership.id, batchId],
      );
      added = inserted.rows[0]!;
    }
    const accepted = Number(added.accepted);
    const magnitude = BigInt(added.magnitude ?? 0);
    await holdToSpendBound(conn, partnership, magnitude, span.rejectedMagnitude);
    step('finishing');
    await refreshStatistics(conn, accepted);
    const rejected = span.rejected;
    if (rejected > 0) {
      const kept = await conn.query(
        `INSERT INTO spend_rejected_rows (batch_id, line_no, reason, columns)
         SELECT $1, line_no, reason, columns FROM ${staging} WHERE reason IS NOT NULL`,
        [batchId],
      );
      if (kept.rowCount !== rejected)
        throw new Error(`${kept.rowCount} rejected rows kept of ${rejected} rejected`);
    }
    const acceptedPence = Number(added.accepted_pence ?? 0);
    const duplicates = candidates - accepted;
    const duplicatesPence = Number(span.acceptedPence - BigInt(added.accepted_pence ?? 0));
    const rejectedPence = Number(span.rejectedPence);
    if (accepted + duplicates + rejected !== rows) {
      throw new Error(`reconciliation failed: ${accepted} + ${duplicates} + ${rejected} ≠ ${rows}`);
    }
    await conn.query(
      `UPDATE spend_batches SET rows = $2, accepted = $3, rejected = $4, duplicates = $5,
         amount_accepted_pence = $6, amount_rejected_pence = $7, amount_duplicates_pence = $8, first_date = $9, last_date = $10,
         amount_magnitude_pence = $11
       WHERE id = $1`,
      [
        batchId,
        rows,
        accepted,
        rejected,
        duplicates,
        acceptedPence,
        rejectedPence,
        duplicatesPence,
        added.first_date,
        added.last_date,
        String(magnitude),
      ],
    );
    await rememberColumns(trx, SPEND_KIND, organisation.id, inspection.headers, mapping);
    // The figures resting on the lines added (P1–P5, LM3), in this transaction; all of the
    // partnership's when the file placed suppliers that already had lines from earlier files.
    if (placedEarlier > 0) {
      await recalculate(trx, partnership.id, { input: 'suppliers' });
    } else if (accepted > 0 && added.first_date && added.last_date) {
      await recalculate(trx, partnership.id, {
        input: 'spend-lines',
        organisationIds: [...span.organisations],
        dates: { from: added.first_date, to: added.last_date },
      });
    }
    await conn.query(
      `INSERT INTO audit_log (actor_user_id, actor_label, partnership_id, entity, entity_id, action, after)
       VALUES ($1, $2, $3, 'spend_batch', $4, 'spend.imported', $5)`,
      [
        actor.userId,
        actor.label,
        partnership.id,
        batchId,
        JSON.stringify({
          organisation: organisation.code,
          ...(onBehalf ? { summary: `${importer} imported for ${organisation.name}` } : {}),
          file: options.fileName,
          sha256: inspection.sha256,
          rows,
          accepted,
          rejected,
          duplicates,
          amount_accepted: penceToPounds(acceptedPence),
        }),
      ],
    );
    return {
      file: options.fileName,
      rows,
      accepted,
      rejected,
      duplicates,
      amountAcceptedPence: acceptedPence,
      amountRejectedPence: rejectedPence,
      amountDuplicatesPence: duplicatesPence,
      batchId,
      alreadyImported: false,
      encoding: inspection.encoding,
    };
  });
}

/**
 * The first day of a line's month, as SQL over the alias `t` (a date less its day of the month:
 * a quarter quicker on the embedded database than date_trunc, which goes through a timestamp).
 */
function monthSql(t: string): string {
  return `(${t}.payment_date - (extract(day from ${t}.payment_date)::int - 1))`;
}

/**
 * Sorts the organisation-months of the file's accepted lines into the temporary table
 * import_months (decision 044): "new" when no stored line has that organisation and month,
 * "same" when the stored lines of that organisation and month have the file's count, amount and
 * sum of line keys (the file's lines for it, as a set with repeats, are those stored: loaded
 * before, in any order, under any name, alone or joined with other months), "mixed" otherwise.
 * Returns how many of each, and how many staged lines they hold.
 */
async function classifyMonths(
  conn: Statements,
  partnershipId: string,
  staging: string,
  span: StagedSpan,
): Promise<{ new: number; same: number; mixed: number; filed: number }> {
  await conn.query(
    `CREATE TEMP TABLE import_months ON COMMIT DROP AS
     WITH filed AS (
       SELECT f.organisation_id, ${monthSql('f')} AS month, count(*) AS lines, sum(f.amount_pence) AS pence,
         sum(f.line_key) AS keys
       FROM ${staging} f WHERE f.reason IS NULL
       GROUP BY 1, 2
     ), stored AS (
       SELECT l.organisation_id, ${monthSql('l')} AS month, count(*) AS lines, sum(l.amount_pence) AS pence,
         sum(l.line_key) AS keys
       FROM spend_lines l
       WHERE l.partnership_id = $1 AND l.organisation_id = ANY ($2::uuid[]) AND l.payment_date BETWEEN $3 AND $4
       GROUP BY 1, 2
     )
     SELECT f.organisation_id, f.month, f.lines AS filed,
       CASE WHEN s.lines IS NULL THEN 'new'
         WHEN s.lines = f.lines AND s.pence = f.pence AND s.keys = f.keys THEN 'same'
         ELSE 'mixed' END AS kind
     FROM filed f LEFT JOIN stored s ON s.organisation_id = f.organisation_id AND s.month = f.month`,
    [partnershipId, [...span.organisations], span.from, span.to],
  );
  await conn.exec('ANALYZE import_months');
  const kinds = await conn.query<{
    kind: 'new' | 'same' | 'mixed';
    n: string | number;
    filed: string | number;
  }>('SELECT kind, count(*) AS n, sum(filed) AS filed FROM import_months GROUP BY kind');
  const months = { new: 0, same: 0, mixed: 0, filed: 0 };
  for (const k of kinds.rows) {
    months[k.kind] = Number(k.n);
    months.filed += Number(k.filed);
  }
  return months;
}

/**
 * After a large load, the planner's statistics for spend_lines are refreshed (in the import's
 * transaction, which sees its own lines): without them, queries over the new lines plan for a
 * few thousand rows and look suppliers up one line at a time. PGlite has no autovacuum to do it
 * later, and on a server autovacuum comes only after the import's first readers.
 */
async function refreshStatistics(conn: Statements, added: number) {
  if (added < 10_000) return;
  const known = await conn.query<{ reltuples: number }>(
    `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'spend_lines'::regclass`,
  );
  const before = Number(known.rows[0]?.reltuples ?? -1);
  if (before >= 0 && added <= before * 0.1) return;
  // ANALYZE keeps its lock until the transaction ends, and another import's ANALYZE would wait
  // for all of this merge. When another merge holds it, this one goes on with the statistics it
  // has: that merge is refreshing them.
  await conn.exec('SAVEPOINT statistics');
  await conn.exec(`SET LOCAL lock_timeout = '200ms'`);
  try {
    await conn.exec('ANALYZE spend_lines');
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err; // not lock_not_available
    await conn.exec('ROLLBACK TO SAVEPOINT statistics'); // the lock_timeout too
    return;
  }
  await conn.exec('RELEASE SAVEPOINT statistics');
  await conn.exec('SET LOCAL lock_timeout = DEFAULT');
}

/**
 * An import's own table's statistics from a small sample: enough for the planner to hash-join it
 * (its distinct names, its row count), at a small part of the default sample's cost.
 */
async function analyseFromSample(conn: Statements, table: string): Promise<void> {
  await conn.exec('SET default_statistics_target = 10');
  try {
    await conn.exec(`ANALYZE ${table}`);
  } catch (err) {
    // Inside a transaction the reset fails too, and the transaction's rollback undoes the setting.
    await conn.exec('RESET default_statistics_target').catch(() => undefined);
    throw err;
  }
  await conn.exec('RESET default_statistics_target');
}

/**
 * Resolves each distinct supplier name in the file to a supplier, once per name rather than per
 * line: by VAT, company or charity number when the file gives one (and only one) for that name,
 * then by normalised name or a known alias; names still unmatched become new suppliers. The
 * result is the temporary table import_names (supplier_norm → supplier_id).
 */
async function matchSuppliers(conn: Statements, partnershipId: string, names: string) {
  // The file's names as the parser summarised them (SpendRowWriter.names): the register shows a
  // name as people write it, the first spelling in the file with lower case in it, else the first
  // spelling (decision 042); an identifier or postcode counts when every line naming the supplier
  // that gives one gives the same.
  // Each name's supplier as the table is made, in order: by an identifier, for the names the file
  // gives one for; then by the normalised name; then by an alias. (Matched as the rows are
  // written rather than by updating them after: an update writes every row a second time.)
  await conn.query(
    `CREATE TEMP TABLE import_names ON COMMIT DROP AS
     SELECT n.supplier_norm, n.supplier_raw AS raw, n.vat_number, n.company_number, n.charity_number,
       n.postcode, n.organisation_ids,
       coalesce(
         CASE WHEN n.vat_number IS NOT NULL THEN
           (SELECT id FROM suppliers x WHERE x.partnership_id = $1 AND x.vat_number = n.vat_number) END,
         CASE WHEN n.company_number IS NOT NULL THEN
           (SELECT id FROM suppliers x WHERE x.partnership_id = $1 AND x.company_number = n.company_number) END,
         CASE WHEN n.charity_number IS NOT NULL THEN
           (SELECT id FROM suppliers x WHERE x.partnership_id = $1 AND x.charity_number = n.charity_number) END,
         named.id,
         alias.supplier_id) AS supplier_id
     FROM ${names} n
     LEFT JOIN suppliers named ON named.partnership_id = $1 AND named.name_norm = n.supplier_norm
     LEFT JOIN supplier_aliases alias ON alias.partnership_id = $1 AND alias.name_norm = n.supplier_norm`,
    [partnershipId],
  );
  // Its statistics, so that it is joined to the lines by hashing rather than looked up or sorted
  // row by row. A temporary table: no other import waits for this. A small sample tells a column
  // of distinct names (the default sample took 0.3 s of a million-line import on PGlite).
  await analyseFromSample(conn, 'import_names');
  const byName = `UPDATE import_names n SET supplier_id = x.id FROM suppliers x
     WHERE n.supplier_id IS NULL AND x.partnership_id = $1 AND x.name_norm = n.supplier_norm`;
  await conn.query(
    `INSERT INTO suppliers (partnership_id, name, name_norm, type)
     SELECT $1, coalesce(nullif(btrim(regexp_replace(raw, '^\\s*(?=[A-Z0-9]*[0-9])[A-Z0-9]{5,}\\s*[:|]\\s*', '', 'i')), ''), raw), supplier_norm,
       CASE WHEN supplier_norm ~ $2 THEN 'redacted' ELSE 'unclassified' END
     FROM import_names WHERE supplier_id IS NULL
     ON CONFLICT (partnership_id, name_norm) DO NOTHING`,
    [partnershipId, REDACTED_NAME_PATTERN],
  );
  // The names just added to the register.
  await conn.query(byName, [partnershipId]);
  // An identifier is recorded on a supplier only when one name in the file uses it and no supplier has it yet.
  for (const column of ['vat_number', 'company_number', 'charity_number'] as const) {
    await conn.query(
      `WITH single AS (SELECT ${column} AS value FROM import_names WHERE ${column} IS NOT NULL GROUP BY ${column} HAVING count(*) = 1)
       UPDATE suppliers x SET ${column} = n.${column}, updated_at = now()
       FROM import_names n JOIN single ON single.value = n.${column}
       WHERE x.id = n.supplier_id AND x.${column} IS NULL
         AND NOT EXISTS (SELECT 1 FROM suppliers y WHERE y.partnership_id = $1 AND y.${column} = n.${column})`,
      [partnershipId],
    );
  }
}

/**
 * Records the postcode a file gives for a supplier (when every line naming it gives the same one)
 * on suppliers the register has no postcode for, placed, with an audit entry each. Postcodes
 * people entered in the register are never overwritten by a file.
 */
async function placeNewSuppliers(
  conn: Statements,
  partnershipId: string,
  placements: ReadonlyMap<string, Placement>,
  actor: AuditActor,
): Promise<number> {
  const places = [...placements].map(([raw, p]) => ({ raw, ...p }));
  const placed = await conn.query<{ earlier: number | string }>(
    `WITH places AS (
       SELECT * FROM json_to_recordset($2::json)
         AS x(raw text, postcode text, lad text, lsoa11 text, lsoa21 text, precision text, problem text)
     ), placed AS (
       UPDATE suppliers x SET postcode = coalesce(p.postcode, n.postcode), lad = p.lad, lsoa11 = p.lsoa11,
         lsoa21 = p.lsoa21, location_precision = p.precision, postcode_problem = p.problem, updated_at = now()
       FROM import_names n JOIN places p ON p.raw = n.postcode
       WHERE x.id = n.supplier_id AND x.partnership_id = $1 AND x.postcode IS NULL
       RETURNING x.id, x.postcode, x.lad, x.location_precision, x.created_at
     ), audited AS (
       INSERT INTO audit_log (actor_user_id, actor_label, partnership_id, entity, entity_id, action, before, after)
       SELECT $3, $4, $1, 'supplier', id::text, 'supplier.placed-from-file', '{"postcode": null}'::jsonb,
         jsonb_build_object('postcode', postcode, 'lad', lad, 'location_precision', location_precision)
       FROM placed
     )
     SELECT count(*) FILTER (WHERE created_at < now()) AS earlier FROM placed`,
    [partnershipId, JSON.stringify(places), actor.userId, actor.label],
  );
  // Suppliers created by this import (created_at is the transaction's now()) have no other lines.
  return Number(placed.rows[0]?.earlier ?? 0);
}

/**
 * Removes what imports left behind when their process stopped (staging rows, jobs marked running)
 * and gives up uploads left waiting for their columns, deleting their files (giveUpWaitingUploads;
 * `personal` lists the job kinds whose files hold personal data).
 */
export async function cleanUpInterruptedImports(
  db: Kysely<DB>,
  options: {
    /** A running import that has not reported progress for this long has stopped. */
    runningMinutes: number;
    personal: readonly string[];
    /** How long an upload may wait for its columns (tests: 0). */
    waitingMinutes?: { readonly ordinary: number; readonly personal: number };
  },
): Promise<number> {
  const stale = await db
    .updateTable('jobs')
    .set({
      status: 'interrupted',
      message: 'The import stopped before it finished. Nothing from it was saved: run it again.',
      updated_at: sql`now()`,
    })
    .where('status', '=', 'running')
    .where('updated_at', '<=', sql<Date>`now() - make_interval(mins => ${options.runningMinutes})`)
    .returning('id')
    .execute();
  const given = await giveUpWaitingUploads(db, options.personal, options.waitingMinutes);
  // The staging and names tables of imports that are no longer queued or running.
  const left = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname LIKE ${STAGING_PREFIX.replace(/_/g, '\\_') + '%'}
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.status IN ('queued', 'running')
        AND replace(j.id::text, '-', '') = substr(c.relname, ${STAGING_PREFIX.length + 1}, 32))`.execute(
    db,
  );
  for (const { name } of left.rows) await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
  return stale.length + given;
}

export function fileNameOf(p: string): string {
  return path.basename(p);
}
