/**
 * The return a returns API route is about: the person and their token, the partnership and
 * organisation (by code) that access control found, and the reporting period the address names
 * by its key (2025-26, 2025-26-q2); 404 when the partnership has no such period.
 */
import type { FastifyRequest } from 'fastify';
import { parsePeriodKey } from '../../core/api/addresses.js';
import type { TokenScope } from '../../core/api/tokens.js';
import { notFound } from '../../core/errors.js';
import { inOrganisation } from '../../http/route-context.js';
import type { InReturn } from '../returns/return-context.js';
import type { ReturnsService } from '../returns/returns.service.js';
import { periodNamed } from './api.documents.js';

/** The scope of the request's API token (a returns API route always has one). */
export function tokenScope(request: FastifyRequest): TokenScope {
  const token = request.apiToken;
  if (!token) throw new Error(`${request.routeOptions.url ?? request.url} has no API token`);
  return token.scope;
}

export async function inApiReturn(
  request: FastifyRequest,
  returns: ReturnsService,
  key: string,
): Promise<InReturn & { readonly scope: TokenScope }> {
  const route = inOrganisation(request);
  const parts = parsePeriodKey(key);
  const period = parts && periodNamed(await returns.listPeriods(route.partnership.id), parts);
  if (!period) throw notFound();
  return {
    ...route,
    scope: tokenScope(request),
    period,
    ctx: { partnership: route.partnership, organisation: route.organisation, period },
    target: { partnershipId: route.partnership.id, organisationId: route.organisation.id },
  };
}
