/**
 * Receiving an uploaded file, the one way every upload form does it (evidence files, spend
 * imports, return templates, the supplier register):
 * - the request must be a multipart form with a file chosen, or the answer asks for one;
 * - the form's CSRF token is a field of its body, before the file (never in the query string,
 *   where it would stay in the address bar and the history): it is checked before the file is
 *   read, and a missing or wrong one is the "form has expired" page (403). The route declares
 *   `config.upload`, without which a multipart body is refused before the handler runs;
 * - the file is read within a size limit (a larger one is refused with 413 and the limit named);
 * - its name is already safe (form-input.ts cleans it before any handler reads it), and a text
 *   field refused there is reported like any other problem with the form;
 * - it is kept in memory, or written to a new file in a given folder, with its size and SHA-256;
 *   a file that is refused is never left behind.
 *
 * The caller decides what happens next; a file kept on disk is the caller's to move or discard.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';
import { setMultipartToken } from './csrf.js';

export interface UploadOptions {
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** What to ask for when no file was chosen, e.g. "Select a CSV or XLSX spend file". */
  readonly prompt: string;
}

interface Received {
  /** The file's name as the person's computer gave it, made safe. */
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

export interface UploadInMemory extends Received {
  readonly bytes: Buffer;
}

export interface UploadOnDisk extends Received {
  /** Where the file was written: the caller moves it, keeps it, or calls discard(). */
  readonly path: string;
  discard(): void;
}

/** Why no file was received: a message for the form's file field, and the status to answer with. */
export interface UploadRefused {
  readonly ok: false;
  readonly status: 400 | 413;
  readonly message: string;
}

export type Upload<T> = { readonly ok: true; readonly file: T } | UploadRefused;

/** "The file must be smaller than 20 MB" (to one decimal place for limits under a megabyte or so). */
export function tooLargeMessage(maxBytes: number): string {
  return `The file must be smaller than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Receives the file into memory: for files read whole (templates, the supplier register). */
export async function receiveUpload(
  request: FastifyRequest,
  options: UploadOptions,
): Promise<Upload<UploadInMemory>> {
  const chunks: Buffer[] = [];
  const received = await receive(request, options, () => ({
    sink: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    discard: () => {
      chunks.length = 0;
    },
  }));
  if (!received.ok) return received;
  return { ok: true, file: { ...received.file, bytes: Buffer.concat(chunks) } };
}

/** Receives the file into a new file in `dir` (created if need be): for large or kept files. */
export async function receiveUploadToFile(
  request: FastifyRequest,
  options: UploadOptions & { readonly dir: string },
): Promise<Upload<UploadOnDisk>> {
  fs.mkdirSync(options.dir, { recursive: true });
  const target = path.join(options.dir, randomUUID());
  const discard = () => fs.rmSync(target, { force: true });
  const received = await receive(request, options, () => ({
    sink: fs.createWriteStream(target),
    discard,
  }));
  if (!received.ok) return received;
  return { ok: true, file: { ...received.file, path: target, discard } };
}

async function receive(
  request: FastifyRequest,
  options: UploadOptions,
  open: () => { sink: Writable; discard: () => void },
): Promise<Upload<Received>> {
  const prompt: UploadRefused = { ok: false, status: 400, message: options.prompt };
  const tooLarge: UploadRefused = {
    ok: false,
    status: 413,
    message: tooLargeMessage(options.maxBytes),
  };
  if (!request.isMultipart()) return prompt;
  let part;
  try {
    part = await request.file({ limits: { fileSize: options.maxBytes } });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'INVALID')
      return { ok: false, status: 400, message: err.userMessage ?? err.message };
    if (isTooLarge(err)) return tooLarge;
    // A damaged or incomplete multipart body: there is no file to read.
    if (isClientError(err)) return prompt;
    throw err;
  }
  if (part) {
    try {
      await checkFormToken(request, part);
    } catch (err) {
      part.file.resume();
      throw err;
    }
  } else {
    await checkFormToken(request, undefined);
  }
  if (!part?.filename) {
    if (part) part.file.resume();
    return prompt;
  }
  const { sink, discard } = open();
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      part.file,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      sink,
    );
  } catch (err) {
    discard();
    if (isTooLarge(err)) return tooLarge;
    throw err;
  }
  if (part.file.truncated) {
    discard();
    return tooLarge;
  }
  return { ok: true, file: { name: part.filename, size, sha256: hash.digest('hex') } };
}

/**
 * Checks the `_csrf` field sent before the file with the same check as every other form (the
 * token is tied to the browser's secret cookie and the session): rejects with the check's own
 * error, which the error pages show as "This form has expired".
 */
function checkFormToken(request: FastifyRequest, part: MultipartFile | undefined): Promise<void> {
  const field = part?.fields._csrf;
  const value = field && !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
  setMultipartToken(request, typeof value === 'string' ? value : '');
  return new Promise((resolve, reject) => {
    // The check reads the secret cookie through the reply's unsignCookie and reports a refusal
    // through send; the reply itself is left for the error handler.
    const reply = {
      unsignCookie: (value: string) => request.unsignCookie(value),
      send: (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
    } as unknown as FastifyReply;
    request.server.csrfProtection(request, reply, () => resolve());
  });
}

function isTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
}

function isClientError(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
