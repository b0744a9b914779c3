/**
 * Publishing: the partnership lead publishes a year's figures (and corrects them, with a reason);
 * an organisation chooses which of its own figures are published; the public reads the published
 * years, each revision at its own address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { organisationTypeLabel } from '../../core/organisation-types.js';
import { isoDate } from '../../core/periods.js';
import { figureRows, figureTable } from '../../core/publishing/open-data.js';
import { csvText, sendCsvText } from '../../http/csv-download.js';
import { BoundedMemo } from '../../lib/bounded-memo.js';
import { keptBody, type KeptBody } from '../../http/conditional-get.js';
import { publishedFiguresDocument } from '../api/api.documents.js';
import { DomainError, notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import {
  choicesPage,
  dictionaryPage,
  methodologyPage,
  publicOrganisationPage,
  publicPillarPage,
  previewPage,
  publicYearPage,
  publicYearPath,
  publicYearsPage,
  V,
  yearsPage,
} from './publishing.pages.js';
import { MAX_CORRECTION_REASON, yearFromParam, yearParam } from './publishing.service.js';
import { pillarInitiatives } from '../registers/public-initiatives.pages.js';

const PUBLISH = { config: { access: 'figures.publish' as const } };
const CHOOSE = { config: { access: 'figures.publishing.choose' as const } };
const PUBLIC = { config: { access: 'public' as const } };

type YearParams = { Params: { slug: string; fy: string } };

function fyOf(param: string): number {
  const fy = yearFromParam(param);
  if (fy === null) throw notFound();
  return fy;
}

/** The correction's reason as typed: required and at most MAX_CORRECTION_REASON characters. */
function readReason(body: Record<string, unknown>, correcting: boolean) {
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (!correcting) return { ok: true as const, reason: null };
  if (!reason)
    return { ok: false as const, text: 'Say why the published figures are being corrected' };
  if (reason.length > MAX_CORRECTION_REASON)
    return {
      ok: false as const,
      text: `The reason must be ${MAX_CORRECTION_REASON.toLocaleString('en-GB')} characters or fewer`,
    };
  return { ok: true as const, reason };
}

export function registerPublishingRoutes(app: FastifyInstance, deps: Deps) {
  const publishing = deps.publishing;

  // ----- Staff ------------------------------------------------------------------------------

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/publishing',
    PUBLISH,
    async function publishingGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/years.njk`,
        yearsPage(partnership, await publishing.years(partnership.id)),
      );
    },
  );

  app.get<YearParams>(
    '/manage/:slug/publishing/:fy',
    PUBLISH,
    async function publishingYearGet(request, reply) {
      const { partnership } = inPartnership(request);
      const fy = fyOf(request.params.fy);
      const [snapshot, latest] = await Promise.all([
        publishing.preview(partnership.id, fy),
        publishing.publication(partnership.id, fy),
      ]);
      return reply.page(
        `${V}/preview.njk`,
        previewPage(partnership, snapshot, latest, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post<YearParams>(
    '/manage/:slug/publishing/:fy',
    PUBLISH,
    async function publishingYearPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const fy = fyOf(request.params.fy);
      const body = formBody(request);
      const latest = await publishing.publication(partnership.id, fy);
      const read = readReason(body, latest !== undefined);
      const again = async (text: string, status: number) =>
        reply.page(
          `${V}/preview.njk`,
          previewPage(partnership, await publishing.preview(partnership.id, fy), latest, {
            values: body,
            errors: formErrors([{ field: 'reason', text }]),
          }),
          status,
        );
      if (!read.ok) return again(read.text, 400);
      try {
        const published = await publishing.publish(partnership.id, fy, auditActor, read.reason);
        request.session.flash =
          published.revision === 1
            ? `The figures for ${published.snapshot.year.label} have been published.`
            : `The figures for ${published.snapshot.year.label} have been corrected: revision ${published.revision} is now published, and revision ${published.revision - 1} stays reachable.`;
        return reply.redirect(publicYearPath(partnership.slug, fy), 303);
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'INVALID'))
          return again(error.userMessage ?? error.message, 409);
        throw error;
      }
    },
  );

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/publishing',
    CHOOSE,
    async function publishingChoicesGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const [indicators, withheld] = await Promise.all([
        publishing.choosable(partnership.id),
        publishing.withheld(partnership.id, organisation.id),
      ]);
      return reply.page(
        `${V}/choices.njk`,
        choicesPage(partnership, organisation, indicators, withheld),
      );
    },
  );

  app.post<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/publishing',
    CHOOSE,
    async function publishingChoicesPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const body = formBody(request);
      const raw = body.shown;
      const shown = new Set(
        (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
          (x): x is string => typeof x === 'string',
        ),
      );
      const allowed = (await publishing.choosable(partnership.id)).map((i) => i.id);
      await publishing.choose(partnership.id, organisation.id, shown, allowed, auditActor);
      const withheld = allowed.filter((c) => !shown.has(c)).length;
      request.session.flash =
        withheld === 0
          ? 'Saved: your own figure is published for every indicator the framework allows. It shows from the partnership’s next publication.'
          : `Saved: only the partnership total is published for ${withheld} ${withheld === 1 ? 'indicator' : 'indicators'}. This applies from the partnership’s next publication.`;
      return reply.redirect(
        `/manage/${partnership.slug}/organisations/${organisation.id}/publishing`,
        303,
      );
    },
  );

  // ----- Public -----------------------------------------------------------------------------

  app.get<{ Params: { slug: string } }>(
    '/p/:slug/figures',
    PUBLIC,
    async function publicFiguresGet(request, reply) {
      const site = await publicPartnership(request);
      return reply.pageOf(site.version, `${V}/public-years.njk`, () =>
        publicYearsPage(site.partnership, site.published.latestOfEachYear()),
      );
    },
  );

  app.get<{ Params: { slug: string; pillar: string } }>(
    '/p/:slug/pillars/:pillar',
    PUBLIC,
    async function publicPillarGet(request, reply) {
      const site = await publicPartnership(request);
      const initiatives = site.initiatives.filter((i) => i.pillars.includes(request.params.pillar));
      return reply.pageOf(site.version, `${V}/public-pillar.njk`, async () => {
        const everyYear = await publishing.withSnapshots(site.published.latestOfEachYear());
        const latest = everyYear[0];
        const page = latest && publicPillarPage(latest, everyYear, request.params.pillar);
        if (!page) throw notFound();
        return { ...page, initiatives: pillarInitiatives(site.partnership, initiatives) };
      });
    },
  );

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/p/:slug/organisations/:orgId',
    PUBLIC,
    async function publicOrganisationGet(request, reply) {
      const site = await publicPartnership(request);
      const organisation = site.organisations.find((o) => o.id === request.params.orgId);
      if (!organisation) throw notFound();
      return reply.pageOf(site.version, `${V}/public-organisation.njk`, async () => {
        const [latest] = site.published.latestOfEachYear();
        return publicOrganisationPage(
          latest && (await publishing.withSnapshot(latest)),
          { ...organisation, typeLabel: organisationTypeLabel(organisation.type) },
          site.partnership,
        );
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/p/:slug/methodology',
    PUBLIC,
    async function publicMethodologyGet(request, reply) {
      const { partnership, published } = await publicPartnership(request);
      const [latest] = published.latestOfEachYear();
      const [snapshot, framework, livingWage, factorSets] = await Promise.all([
        latest && publishing.withSnapshot(latest).then((p) => p.snapshot),
        latest ? [] : publishing.describedIndicators(partnership.id),
        deps.livingWage.rates(),
        publishing.factorSets(),
      ]);
      return reply.page(
        `${V}/methodology.njk`,
        methodologyPage(
          partnership,
          snapshot?.indicators ?? framework,
          snapshot
            ? `Indicators as described in the figures published for ${snapshot.year.label}.`
            : 'Indicators as the partnership’s framework describes them today: nothing has been published yet.',
          { livingWage, factorSets },
        ),
      );
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/p/:slug/figures/data-dictionary',
    PUBLIC,
    async function publicFiguresDictionaryGet(request, reply) {
      const site = await publicPartnership(request);
      return reply.pageOf(site.version, `${V}/data-dictionary.njk`, () =>
        dictionaryPage(site.partnership),
      );
    },
  );

  /**
   * The public partnership in the address, named in the layout, with what it has published.
   * Someone signed in (who may have just published) reads it from the database.
   */
  async function publicPartnership(request: FastifyRequest<{ Params: { slug: string } }>) {
    const site = await deps.publicSite.partnership(request.params.slug, {
      fresh: request.user !== null,
    });
    request.partnership = site.partnership;
    return site;
  }

  /** A year's publication (the latest revision, or the one asked for) in a public address. */
  async function publishedOf(request: FastifyRequest<YearParams>, revision?: number) {
    const site = await publicPartnership(request);
    const header = site.published.find(fyOf(request.params.fy), revision);
    if (!header) throw notFound();
    return { ...site, header };
  }

  const revisionOf = (param: string) => {
    const n = /^\d{1,6}$/.test(param) ? Number(param) : 0;
    if (n < 1) throw notFound();
    return n;
  };

  // A publication's downloads never change: each is made once and kept (by its address).
  const downloads = new BoundedMemo<KeptBody>({
    maxEntries: 64,
    maxSize: 32_000_000,
    sizeOf: (kept) => kept.body.length,
  });
  for (const format of ['csv', 'json'] as const) {
    const send = async (
      request: FastifyRequest<YearParams>,
      reply: FastifyReply,
      revision?: number,
    ) => {
      const { partnership, header } = await publishedOf(request, revision);
      const key = `${header.id}\u0000${request.url.split('?')[0] ?? ''}`;
      let kept = downloads.get(key);
      if (kept === undefined) {
        const publication = await publishing.withSnapshot(header);
        kept = keptBody(
          format === 'csv'
            ? csvText(
                figureTable(
                  figureRows(publication.snapshot, {
                    revision: header.revision,
                    published: isoDate(header.publishedAt),
                    correctionReason: header.correctionReason,
                  }),
                ),
              )
            : JSON.stringify(
                publishedFiguresDocument(
                  deps.config.baseUrl,
                  partnership.slug,
                  publication,
                  revision,
                ),
              ),
        );
        downloads.set(key, kept);
      }
      reply.header('etag', kept.etag);
      if (format === 'csv')
        return sendCsvText(
          reply,
          `${partnership.slug}-figures-${yearParam(header.fyStartYear)}-revision-${header.revision}.csv`,
          kept.body,
        );
      return reply.header('content-type', 'application/json; charset=utf-8').send(kept.body);
    };
    app.get<YearParams>(
      `/p/:slug/figures/:fy/figures.${format}`,
      PUBLIC,
      async function publicFiguresDownload(request, reply) {
        return send(request, reply);
      },
    );
    app.get<{ Params: { slug: string; fy: string; revision: string } }>(
      `/p/:slug/figures/:fy/revisions/:revision/figures.${format}`,
      PUBLIC,
      async function publicFiguresRevisionDownload(request, reply) {
        return send(request, reply, revisionOf(request.params.revision));
      },
    );
  }

  /** A year's page: its latest revision, or the one asked for. */
  async function publicYear(
    request: FastifyRequest<YearParams>,
    reply: FastifyReply,
    revision?: number,
  ) {
    const { published, header, version } = await publishedOf(request, revision);
    return reply.pageOf(version, `${V}/public-year.njk`, async () => {
      const [publication, ...everyYear] = await publishing.withSnapshots([
        header,
        ...published.latestOfEachYear(),
      ]);
      return publicYearPage(publication!, published.revisions(header.fyStartYear), everyYear);
    });
  }

  app.get<YearParams>(
    '/p/:slug/figures/:fy',
    PUBLIC,
    async function publicFiguresYearGet(request, reply) {
      return publicYear(request, reply);
    },
  );

  app.get<{ Params: { slug: string; fy: string; revision: string } }>(
    '/p/:slug/figures/:fy/revisions/:revision',
    PUBLIC,
    async function publicFiguresRevisionGet(request, reply) {
      return publicYear(request, reply, revisionOf(request.params.revision));
    },
  );
}
