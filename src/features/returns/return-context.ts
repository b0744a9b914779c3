/**
 * The return a route is about: the person, the partnership and organisation from the route
 * context, and the reporting period in the URL (404 if it is not one of the partnership's).
 */
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { ReturnTarget } from '../../core/policies/returns.js';
import type { ReportingPeriod } from '../../db/schema.js';
import { inOrganisation, type InOrganisation } from '../../http/route-context.js';
import type { ReturnContext, ReturnsService } from './returns.service.js';

export interface InReturn extends InOrganisation {
  readonly period: ReportingPeriod;
  /** The partnership, organisation and period, as the returns service takes them. */
  readonly ctx: ReturnContext;
  /** The organisation whose return it is, as the returns policy takes it. */
  readonly target: ReturnTarget;
}

export async function inReturn(
  request: FastifyRequest,
  returns: ReturnsService,
  periodId: string,
): Promise<InReturn> {
  const route = inOrganisation(request);
  const period = await returns.findPeriod(route.partnership.id, periodId);
  if (!period) throw notFound();
  return {
    ...route,
    period,
    ctx: { partnership: route.partnership, organisation: route.organisation, period },
    target: { partnershipId: route.partnership.id, organisationId: route.organisation.id },
  };
}

/** The return's own page: …/organisations/:orgId/returns/:periodId. */
export const returnPath = (ctx: ReturnContext) =>
  `/manage/${ctx.partnership.slug}/organisations/${ctx.organisation.id}/returns/${ctx.period.id}`;
