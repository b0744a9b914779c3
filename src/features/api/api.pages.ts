/** The API's page for people (/api): what it offers, how to authenticate, every operation. */
import { SCOPE_LABELS } from '../../core/api/tokens.js';
import type { ApiOperation } from './openapi.js';

export const V = 'features/api/views';

export function apiPage(baseUrl: string, operations: readonly ApiOperation[], perMinute: number) {
  const group = (tag: ApiOperation['tag']) =>
    operations
      .filter((o) => o.tag === tag)
      .map((o) => ({
        method: o.method.toUpperCase(),
        path: o.path,
        summary: o.summary,
        description: o.description,
        token: o.token ? (o.token === 'read' ? 'Any API token' : SCOPE_LABELS.write) : undefined,
      }));
  return {
    title: 'The Anchorage API',
    published: group('Published figures'),
    returns: group('Returns'),
    documentHref: '/api/openapi.json',
    example: `curl ${baseUrl}/api/v1/partnerships/demo/figures/2025-26`,
    perMinute: perMinute.toLocaleString('en-GB'),
    tokensHref: '/account/api-tokens',
  };
}
