/**
 * Form input, checked once for every route before its handler reads it (after access control,
 * so that people who may not use a form learn nothing from it):
 * - bodies are URL-encoded forms or multipart uploads only (a JSON or plain-text body is 415);
 * - every text field, in the body or the query string, goes through checkText: control
 *   characters refused, Unicode in NFC, at most MAX_FIELD_LENGTH characters. A refusal is a 400
 *   page that names the field; each form's own, smaller limits are in its schema;
 * - a query-string parameter is one string (the first, when it is repeated): no page of ours
 *   reads a list from the query string;
 * - an uploaded file's name is made safe (no folders or control characters) before any handler
 *   sees it, so nothing stored or shown carries it;
 * - a parameter in the path with a control character matches nothing: 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../core/errors.js';
import {
  checkText,
  MAX_FIELD_LENGTH,
  safeFileName,
  textProblemMessage,
  type TextProblem,
} from '../lib/text.js';

export function registerFormInput(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);

  app.addHook('preValidation', async (request) => {
    const params = request.params as Record<string, unknown> | undefined;
    for (const value of Object.values(params ?? {})) {
      if (typeof value === 'string' && !checkText(value).ok) throw notFound();
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (query && typeof query === 'object') {
      for (const [key, value] of Object.entries(query)) {
        if (Array.isArray(value)) query[key] = value.find((v) => typeof v === 'string') ?? '';
      }
      const refused = normaliseFields(query);
      if (refused) return refuse(reply, refused);
    }
    const body = request.body;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      const refused = normaliseFields(body as Record<string, unknown>);
      if (refused) return refuse(reply, refused);
    }
    if (request.isMultipart()) safeUploadNames(request);
  });
}

interface Refusal {
  readonly field: string;
  readonly problem: TextProblem;
}

/** Puts every string value in NFC; the first field that cannot be kept, if any. */
function normaliseFields(fields: Record<string, unknown>): Refusal | undefined {
  for (const [key, value] of Object.entries(fields)) {
    if (!checkText(key, 200).ok) return { field: 'a field name', problem: 'control-character' };
    if (typeof value === 'string') {
      const checked = checkText(value);
      if (!checked.ok) return { field: key, problem: checked.problem };
      fields[key] = checked.value;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'string') continue;
        const checked = checkText(item);
        if (!checked.ok) return { field: key, problem: checked.problem };
        value[i] = checked.value;
      }
    }
  }
  return undefined;
}

function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  const name =
    refusal.field === 'a field name' ? 'a field name' : `the “${humanise(refusal.field)}” box`;
  return reply.page(
    'views/errors/problem.njk',
    {
      title: 'There is a problem with what you entered',
      message: `${textProblemMessage(refusal.problem, name, MAX_FIELD_LENGTH)}. Go back, correct it and try again.`,
    },
    400,
  );
}

/** A field's name as words: "displayName" → "display name", "note-staff_headcount" → "note staff headcount". */
function humanise(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
}

/**
 * Every file a handler reads from this request comes with a safe name, and the text fields sent
 * before it are checked like any other (refused with a DomainError the handler can show).
 */
function safeUploadNames(request: FastifyRequest) {
  const file = request.file.bind(request);
  request.file = async (options) => {
    const part = await file(options);
    if (!part) return part;
    if (part.filename) part.filename = safeFileName(part.filename) || 'unnamed file';
    for (const [key, entry] of Object.entries(part.fields)) {
      for (const field of [entry].flat()) {
        if (field?.type !== 'field' || typeof field.value !== 'string') continue;
        const checked = checkText(field.value);
        if (checked.ok) {
          (field as { value: unknown }).value = checked.value;
          continue;
        }
        part.file.resume();
        const message = textProblemMessage(
          checked.problem,
          `the “${humanise(key)}” box`,
          MAX_FIELD_LENGTH,
        );
        throw new DomainError('INVALID', 'form text refused', message);
      }
    }
    return part;
  };
}
