/** One place maps errors to status codes and NHS-styled pages. */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../core/errors.js';
import { isApiRequest, sendApiError, sendApiErrorFor } from './api-errors.js';
import type { PageRenderer } from './render.js';

const STATUS: Record<DomainError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 400,
  UNAUTHENTICATED: 401,
};

export function registerErrorPages(
  app: FastifyInstance,
  options: { readonly rateLimitWindowMinutes: number; readonly renderPage: PageRenderer },
) {
  registerHeaderGuard(app, options.renderPage);
  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request))
      return sendApiError(reply, 404, 'not_found', 'There is nothing at this address.');
    return reply.page('views/errors/404.njk', { title: 'Page not found' }, 404);
  });

  app.setErrorHandler(async (error: FastifyError | DomainError, request, reply) => {
    // The JSON API answers in JSON (http/api-errors.ts); everything else with a page.
    if (isApiRequest(request)) return sendApiErrorFor(reply, error);
    if (error instanceof DomainError) {
      if (error.code === 'NOT_FOUND') {
        return reply.page('views/errors/404.njk', { title: 'Page not found' }, 404);
      }
      const status = STATUS[error.code];
      if (error.code === 'FORBIDDEN') {
        return reply.page(
          'views/errors/403.njk',
          { title: 'You cannot do this', message: error.userMessage },
          status,
        );
      }
      return reply.page(
        'views/errors/problem.njk',
        { title: 'There is a problem', message: error.userMessage ?? 'Something was not right.' },
        status,
      );
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return reply.page(
        'views/errors/problem.njk',
        {
          title: 'This form has expired',
          message:
            'For your security, forms stop working after a while or when opened in another browser. Go back, reload the page and try again.',
        },
        403,
      );
    }
    if (status === 429) {
      return reply.page(
        'views/errors/problem.njk',
        {
          title: 'Too many attempts',
          // Rate limits guard signing in, password resets and the supplier survey: only the
          // first of these is helped by a reset.
          message:
            `You have tried this too many times. Wait ${options.rateLimitWindowMinutes} minutes and try again.` +
            (request.url.split('?')[0] === '/sign-in'
              ? ' If you have forgotten your password, you can reset it.'
              : ''),
        },
        429,
      );
    }
    if (status === 413) {
      return reply.page(
        'views/errors/problem.njk',
        { title: 'The file or form is too large', message: 'Go back and send something smaller.' },
        413,
      );
    }
    if (status >= 400 && status < 500) {
      return reply.page(
        'views/errors/problem.njk',
        {
          title: 'There is a problem',
          message: 'The request could not be understood. Go back and try again.',
        },
        status,
      );
    }
    request.log.error({ err: error }, 'request failed');
    return reply.page(
      'views/errors/500.njk',
      { title: 'Sorry, there is a problem with the service' },
      500,
    );
  });
}

/**
 * The last step before a response is written: a header that Node would refuse (a control
 * character that reached a Location or a file name from a URL or a form) would otherwise throw
 * after the handler has finished, outside any request's error handling, and stop the process.
 * Such a response becomes that request's 500 page instead, and the header is named in the log.
 */
function registerHeaderGuard(app: FastifyInstance, renderPage: PageRenderer) {
  app.addHook('onSend', async (request, reply, payload) => {
    const refused = invalidHeaders(reply);
    if (refused.length === 0) return payload;
    for (const name of refused) reply.removeHeader(name);
    reply.removeHeader('content-length');
    request.log.error(
      { headers: refused },
      'response refused: a header held characters HTTP does not allow',
    );
    reply.code(500).type('text/html; charset=utf-8');
    try {
      return renderPage(reply, 'views/errors/500.njk', {
        title: 'Sorry, there is a problem with the service',
      });
    } catch {
      return 'Sorry, there is a problem with the service.';
    }
  });
}

function invalidHeaders(reply: FastifyReply): string[] {
  const refused: string[] = [];
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined) continue;
    try {
      validateHeaderName(name);
      for (const v of [value].flat()) validateHeaderValue(name, String(v));
    } catch {
      refused.push(name);
    }
  }
  return refused;
}
