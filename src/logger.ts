/**
 * Structured logs with pino. No personal data: requests are logged by method and path only
 * (no IP address, no query string), and the secret tokens in emailed links are masked.
 */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'anchorage' },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        url: safeUrl(req.url ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.email'],
      censor: '[redacted]',
    },
  });
}

const TOKEN_PATHS = /^(\/(?:reset-password|invitations|survey)\/)[^/?#]+/;

/** The path of a request URL, without the query string, with emailed-link tokens masked. */
export function safeUrl(url: string): string {
  const pathOnly = url.split('?')[0] ?? url;
  return pathOnly.replace(TOKEN_PATHS, '$1[token]');
}

export type { Logger };
