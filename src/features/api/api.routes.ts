/**
 * The JSON API (decision 035): published figures without a key, returns with a personal API
 * token, the tokens' own pages, and the API's description, generated at start-up from the
 * schemas the routes validate with: the OpenAPI 3.1 document (/api/openapi.json) and a page for
 * people (/api).
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { registerApiTokenRoutes } from './api-tokens.routes.js';
import { apiPage, V } from './api.pages.js';
import { API_OPERATIONS, openApiDocument } from './openapi.js';
import { registerPublicApiRoutes } from './public-api.routes.js';
import { registerReturnsApiRoutes } from './returns-api.routes.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerApiRoutes(app: FastifyInstance, deps: Deps) {
  registerPublicApiRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  // The returns API takes JSON bodies, which no page does (http/form-input.ts refuses them
  // elsewhere): its routes have a JSON parser of their own, Fastify's, which refuses
  // __proto__ and constructor keys.
  void app.register(async function returnsApi(scope) {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      scope.getDefaultJsonParser('error', 'error'),
    );
    registerReturnsApiRoutes(scope, deps);
  });

  const document = JSON.stringify(openApiDocument(deps.config.baseUrl));
  app.get('/api/openapi.json', PUBLIC, async function openApiGet(request, reply) {
    return reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .type('application/json; charset=utf-8')
      .send(document);
  });

  app.get('/api', PUBLIC, async function apiPageGet(request, reply) {
    return reply.page(
      `${V}/api.njk`,
      apiPage(deps.config.baseUrl, API_OPERATIONS, deps.config.rateLimits.apiPerMinute),
    );
  });
}
