/**
 * The annual report of a published year (issue 13, decision 034), in public: a printable page
 * and a PDF, for the partnership and for each of its organisations. Read from the published
 * snapshot only; NOT_FOUND when the partnership is not public, the year is not published, or the
 * organisation is not one the publication names.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { SRC_DIR } from '../../lib/root.js';
import { yearFromParam, yearParam } from '../publishing/publishing.service.js';
import { PRINT_CSS, reportPage, V } from './reports.pages.js';
import { reportPath, reportsService } from './reports.service.js';

const PUBLIC = { config: { access: 'public' as const } };

type YearParams = { Params: { slug: string; fy: string } };
type OrganisationParams = { Params: { slug: string; fy: string; orgId: string } };

const PRINT_STYLES = fs.readFileSync(
  path.join(SRC_DIR, 'features/reports/report-print.css'),
  'utf8',
);

export function registerReportRoutes(app: FastifyInstance, deps: Deps) {
  const reports = reportsService(deps);

  /** The public partnership, the year and the report's content, or NOT_FOUND. */
  async function reportOf(
    request: FastifyRequest<YearParams | OrganisationParams>,
    organisationId: string | null,
  ) {
    const { partnership, organisations } = await deps.publicSite.partnership(request.params.slug);
    request.partnership = partnership;
    const fy = yearFromParam(request.params.fy);
    if (fy === null) throw notFound();
    const { input, document } = await reports.document(partnership, fy, organisationId);
    return { partnership, organisations, fy, input, document };
  }

  async function page(
    request: FastifyRequest<YearParams | OrganisationParams>,
    reply: FastifyReply,
    organisationId: string | null,
  ) {
    const { partnership, fy, input, document } = await reportOf(request, organisationId);
    const s = input.publication.snapshot;
    const base = reportPath(partnership.slug, fy, organisationId);
    return reply.page(
      `${V}/report.njk`,
      reportPage(document, {
        partnership,
        fyStartYear: fy,
        yearLabel: s.year.label,
        pdfHref: `${base}/report.pdf`,
        ...(organisationId ? { partnershipReport: reportPath(partnership.slug, fy) } : {}),
        organisations: organisationId
          ? []
          : s.organisations.map((o) => ({
              href: reportPath(partnership.slug, fy, o.id),
              text: o.name,
            })),
      }),
    );
  }

  async function pdf(
    request: FastifyRequest<YearParams | OrganisationParams>,
    reply: FastifyReply,
    organisationId: string | null,
  ) {
    const { partnership, organisations, fy, document } = await reportOf(request, organisationId);
    const bytes = await reports.pdf(document);
    const code = organisations.find((o) => o.id === organisationId)?.code ?? '';
    const name = `${[partnership.slug, code, 'annual-report', yearParam(fy)]
      .filter(Boolean)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .send(bytes);
  }

  app.get(PRINT_CSS, PUBLIC, async function reportPrintCss(request, reply) {
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(PRINT_STYLES);
  });

  app.get<YearParams>('/p/:slug/reports/:fy', PUBLIC, async function reportGet(request, reply) {
    return page(request, reply, null);
  });

  app.get<YearParams>(
    '/p/:slug/reports/:fy/report.pdf',
    PUBLIC,
    async function reportPdfGet(request, reply) {
      return pdf(request, reply, null);
    },
  );

  app.get<OrganisationParams>(
    '/p/:slug/reports/:fy/organisations/:orgId',
    PUBLIC,
    async function organisationReportGet(request, reply) {
      return page(request, reply, request.params.orgId);
    },
  );

  app.get<OrganisationParams>(
    '/p/:slug/reports/:fy/organisations/:orgId/report.pdf',
    PUBLIC,
    async function organisationReportPdfGet(request, reply) {
      return pdf(request, reply, request.params.orgId);
    },
  );
}
