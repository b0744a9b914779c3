/**
 * A consultation's analysis for the partnership (decision 029): agreement with each commitment,
 * comments and suggested changes, themes and who responded, with counts of people through
 * disclosure control; and the form where a moderator sets a response's themes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readThemes } from '../../core/charter/themes.js';
import { notFound } from '../../core/errors.js';
import { isoDate } from '../../core/periods.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import { analysisPage, themesFormOf, themesPage } from './analysis.pages.js';
import { AnalysisService } from './analysis.service.js';
import { responsesPath, V } from './consultation.pages.js';

type StaffVersion = { Params: { slug: string; versionId: string } };
type StaffResponse = { Params: { slug: string; versionId: string; responseId: string } };

export function registerAnalysisRoutes(app: FastifyInstance, deps: Deps) {
  const analysis = new AnalysisService(deps);
  const charter = deps.charter;

  /** The partnership's version that has had a consultation, or 404. */
  async function consultedVersion(request: FastifyRequest<StaffVersion>) {
    const { partnership } = inPartnership(request);
    const current = await charter.version(partnership.id, request.params.versionId);
    if (!current || !current.version.consultation_opens) throw notFound();
    return current;
  }

  app.get<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/analysis',
    { config: { access: 'consultation.view' } },
    async function analysisGet(request, reply) {
      const { partnership } = inPartnership(request);
      const current = await consultedVersion(request);
      const [figures, themesInUse] = await Promise.all([
        analysis.figures(partnership.id, current.version.id),
        analysis.themesInUse(partnership.id, current.version.id),
      ]);
      return reply.page(
        `${V}/analysis.njk`,
        analysisPage(partnership, current, figures, themesInUse, isoDate(new Date())),
      );
    },
  );

  /** The response (of the version, of the partnership) whose themes are set, or 404. */
  async function themesView(
    request: FastifyRequest<StaffResponse>,
    form?: { values: Record<string, unknown>; errors: FormErrors },
  ) {
    const { partnership } = inPartnership(request);
    const current = await consultedVersion(request);
    const [response, themesInUse] = await Promise.all([
      analysis.response(partnership.id, current.version.id, request.params.responseId),
      analysis.themesInUse(partnership.id, current.version.id),
    ]);
    if (!response) throw notFound();
    return {
      current,
      response,
      themesInUse,
      page: themesPage(
        partnership,
        current,
        response,
        themesInUse,
        form ?? { values: themesFormOf(response), errors: noErrors },
      ),
    };
  }

  app.get<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId/themes',
    { config: { access: 'consultation.moderate' } },
    async function themesGet(request, reply) {
      const { page } = await themesView(request);
      return reply.page(`${V}/themes.njk`, page);
    },
  );

  app.post<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId/themes',
    { config: { access: 'consultation.moderate' } },
    async function themesPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { current, response, themesInUse } = await themesView(request);
      const body = formBody(request);
      const read = readThemes(body, themesInUse);
      if (!read.ok) {
        const { page } = await themesView(request, {
          values: body,
          errors: formErrors(read.problems),
        });
        return reply.page(`${V}/themes.njk`, page, 400);
      }
      const { themes } = read.values;
      const changed = await analysis.setThemes(
        partnership.id,
        current.version.id,
        response.id,
        themes,
        auditActor,
      );
      request.session.flash = !changed
        ? 'The themes were not changed.'
        : themes.length > 0
          ? `The response’s themes have been saved: ${themes.join(', ')}.`
          : 'The response’s themes have been taken off.';
      return reply.redirect(`${responsesPath(partnership, current.version)}/${response.id}`, 303);
    },
  );
}
