/**
 * ETags and 304s (decision 031). @fastify/etag hashes every string or Buffer body into a strong
 * ETag; it is registered with replyWith304 off because it would answer 304 to any method and any
 * status whose tag matched (a POST, a 404). Here only a GET or HEAD that succeeded (200) is
 * answered 304, when If-None-Match names its tag (weak comparison, lists and `*`, RFC 9110
 * §13.1.2). A page differs whenever what it shows differs, and every page that carries a CSRF
 * token differs on every response, so a 304 is only ever sent for a page that is the same.
 */
import { createHash } from 'node:crypto';
import fastifyEtag from '@fastify/etag';
import type { FastifyInstance } from 'fastify';

export async function registerConditionalGet(app: FastifyInstance): Promise<void> {
  await app.register(fastifyEtag, { replyWith304: false });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    // A file sent by @fastify/static is a stream with its own ETag and 304 (@fastify/send).
    if (reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
      return payload;
    }
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || !noneMatchFails(request.headers['if-none-match'], etag)) {
      return payload;
    }
    reply.code(304);
    // No body, so no Content-Length: a 304 may only carry the length of the page it stands for
    // (RFC 9110 §8.6). Fastify's own HEAD handling, which runs next, needs a string.
    return request.method === 'HEAD' ? '' : null;
  });
}

/** Whether an If-None-Match header names the tag (so the condition is false: answer 304). */
export function noneMatchFails(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = withoutWeak(etag);
  return header.split(',').some((tag) => withoutWeak(tag.trim()) === opaque);
}

function withoutWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** A response body kept to be sent again: its bytes, and the ETag @fastify/etag would give them. */
export interface KeptBody {
  readonly body: Buffer;
  readonly etag: string;
}

export function keptBody(text: string): KeptBody {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64')}"` };
}
