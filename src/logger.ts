/**
 * Structured logs with pino. No personal data and no secrets: requests are logged by method and
 * path only (no IP address, no query string), the secret tokens in emailed links are masked,
 * and errors are logged without the values they carry (see serializeError).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'anchorage' },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        url: safeUrl(req.url ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
      error: serializeError,
    },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'session',
        '*.session',
        '*.password',
        '*.password_hash',
        '*.totp_secret',
        '*.pendingTotpSecret',
        '*.token',
        '*.email',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const TOKEN_PATHS = /^(\/(?:reset-password|invitations|survey|sign-in\/link)\/)[^/?#]+/;

/** The path of a request URL, without the query string, with emailed-link tokens masked. */
export function safeUrl(url: string): string {
  const pathOnly = url.split('?')[0] ?? url;
  return pathOnly.replace(TOKEN_PATHS, '$1[token]');
}

/**
 * What of an error the log keeps: its kind, its message with quoted values masked, where it was
 * thrown, and the fields an operator needs to find the cause (the SQLSTATE code, the constraint,
 * table and column, the system call). Everything else is left out: a database error can carry
 * the query's parameters (PGlite adds them), the refused row ("Failing row contains …"), or the
 * input near the fault, any of which may hold a password hash, a session or a secret.
 */
export function serializeError(err: unknown): unknown {
  return describeError(err, 0);
}

const KEPT_FIELDS = [
  'code',
  'statusCode',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
  'errno',
  'syscall',
] as const;

const MAX_MESSAGE = 500;
const MAX_FRAMES = 30;

function describeError(err: unknown, depth: number): unknown {
  if (!(err instanceof Error)) {
    if (err === null || typeof err !== 'object') return err;
    // Not an Error: keep only a message and code, never the object's other contents.
    const { message, code } = err as { message?: unknown; code?: unknown };
    return {
      type: 'object',
      ...(typeof message === 'string' ? { message: maskValues(message) } : {}),
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    };
  }
  const message = maskValues(err.message);
  const out: Record<string, unknown> = {
    type: err.constructor.name,
    name: err.name,
    message,
    stack: [`${err.name}: ${message}`, ...framesOf(err.stack)].join('\n'),
  };
  const fields = err as unknown as Record<string, unknown>;
  for (const field of KEPT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') {
      out[field] = typeof value === 'string' ? value.slice(0, 200) : value;
    }
  }
  if (depth < 3) {
    if (err.cause !== undefined) out.cause = describeError(err.cause, depth + 1);
    if (err instanceof AggregateError && Array.isArray(err.errors)) {
      out.errors = err.errors.slice(0, 5).map((e: unknown) => describeError(e, depth + 1));
    }
  }
  return out;
}

/** The "at …" lines of a stack: the message at its head may hold values, so it is rebuilt. */
function framesOf(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at\s/.test(line))
    .slice(0, MAX_FRAMES);
}

/** Quoted names a message may keep: they name the schema, not the data. */
const NAMED =
  /\b(?:relation|constraint|column|table|index|type|function|schema|sequence|encoding|role|database|trigger|extension|view|operator|domain|collation|procedure|policy|tablespace|savepoint|cursor|statement|portal|parameter)\s+$/i;

/**
 * Masks the values quoted in an error message, keeping quoted names of relations, columns,
 * constraints and the like. PostgreSQL quotes the value it refused ("invalid input syntax for
 * type uuid: \"…\"", "value \"…\" is out of range"); V8 quotes the text it could not parse.
 */
export function maskValues(message: string): string {
  const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
  // A value after ": " runs to the end of the message and may itself hold quotes.
  const tail = short.replace(/: "[\s\S]*"…?$/, ': "[value]"');
  let out = '';
  let last = 0;
  for (const m of tail.matchAll(/"[^"]*"/g)) {
    const before = tail.slice(0, m.index);
    const keep = m[0] === '"[value]"' || (NAMED.test(before) && m[0].length <= 130);
    out += tail.slice(last, m.index) + (keep ? m[0] : '"[value]"');
    last = m.index + m[0].length;
  }
  out += tail.slice(last);
  // A quote left open (a value cut short, or holding quotes) hides the rest.
  const open = (out.match(/"/g)?.length ?? 0) % 2 === 1;
  return open ? `${out.slice(0, out.lastIndexOf('"'))}"[value]"` : out;
}

export type { Logger };
