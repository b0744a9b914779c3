/** The maturity self-assessment: an organisation's ratings by year, the partnership's grid, and review. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MATURITY_STATEMENTS } from '../../core/framework/maturity.js';
import { MATURITY_LEVEL_NAMES } from '../../core/framework/types.js';
import { fyLabel, fyStartYearOf, isoDate } from '../../core/periods.js';
import { PILLARS, type PillarId } from '../../core/pillars.js';
import { can } from '../../core/roles.js';
import type { Organisation, Partnership, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { field, formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import type { Decision, Rating } from './maturity.service.js';

const V = 'features/maturity/views';

type OrgParams = { Params: { slug: string; orgId: string }; Querystring: { year?: string } };

export const MATURITY_TAGS: Record<string, { text: string; colour: string }> = {
  submitted: { text: 'Waiting for review', colour: 'blue' },
  agreed: { text: 'Agreed', colour: 'green' },
  queried: { text: 'Queried', colour: 'orange' },
};

export function registerMaturityRoutes(app: FastifyInstance, deps: Deps) {
  const maturity = deps.maturity;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };
  const base = (p: Partnership) => `/manage/${p.slug}`;
  const currentYear = (p: Partnership) => fyStartYearOf(isoDate(new Date()), p.fy_start_month);
  const yearFrom = (p: Partnership, raw: string | undefined) => {
    const now = currentYear(p);
    const y = Number(raw);
    return Number.isInteger(y) && y >= now - 10 && y <= now + 1 ? y : now;
  };
  const yearChoices = (p: Partnership, selected: number, href: (y: number) => string) => {
    const now = currentYear(p);
    return [now - 3, now - 2, now - 1, now].map((y) => ({
      year: y,
      label: fyLabel(y, p.fy_start_month),
      href: href(y),
      current: y === selected,
    }));
  };

  function organisationView(
    partnership: Partnership,
    organisation: Organisation,
    year: number,
    rows: Awaited<ReturnType<typeof maturity.list>>,
    values: Record<string, unknown>,
    errors: FormErrors,
    canEdit: boolean,
  ) {
    const path = `${base(partnership)}/organisations/${organisation.id}/maturity`;
    return {
      title: `Maturity self-assessment ${fyLabel(year, partnership.fy_start_month)}`,
      organisation,
      year,
      yearLabel: fyLabel(year, partnership.fy_start_month),
      years: yearChoices(partnership, year, (y) => `${path}?year=${y}`),
      canEdit,
      action: `${path}?year=${year}`,
      pillars: PILLARS.map((p) => {
        const row = rows.find((r) => r.pillar === p.id);
        const statements = MATURITY_STATEMENTS.find((m) => m.pillar === p.id)?.levels ?? [
          [],
          [],
          [],
          [],
        ];
        return {
          ...p,
          row,
          tag: row ? MATURITY_TAGS[row.status] : undefined,
          levels: statements.map((s, i) => ({
            value: String(i + 1),
            text: `Level ${i + 1}: ${MATURITY_LEVEL_NAMES[i]}`,
            statements: s,
            checked: field(values, `level-${p.id}`) === String(i + 1),
          })),
        };
      }),
      values,
      errors,
      breadcrumbs: [
        { href: base(partnership), text: partnership.name },
        { href: `${base(partnership)}/organisations/${organisation.id}`, text: organisation.name },
      ],
    };
  }

  const valuesFrom = (rows: Awaited<ReturnType<typeof maturity.list>>) =>
    Object.fromEntries(
      rows.flatMap((r) => [
        [`level-${r.pillar}`, String(r.level)],
        [`evidence-${r.pillar}`, r.evidence],
      ]),
    );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity',
    { config: { access: 'dashboard.organisation.view' } },
    async function maturityGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const year = yearFrom(partnership, request.query.year);
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      const canEdit = can(request.actor, 'maturity.edit', {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      });
      return reply.page(
        `${V}/organisation.njk`,
        organisationView(
          partnership,
          organisation,
          year,
          rows,
          valuesFrom(rows),
          noErrors,
          canEdit,
        ),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity',
    { config: { access: 'maturity.edit' } },
    async function maturityPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const year = yearFrom(partnership, request.query.year);
      const body = request.body as Record<string, unknown>;
      const ratings: Rating[] = [];
      const problems: { field: string; text: string }[] = [];
      for (const p of PILLARS) {
        const level = field(body, `level-${p.id}`);
        const evidence = field(body, `evidence-${p.id}`).trim();
        if (!level && !evidence) continue;
        if (!/^[1-4]$/.test(level)) {
          problems.push({ field: `level-${p.id}`, text: `Select a level for ${p.title}` });
          continue;
        }
        if (!evidence) {
          problems.push({
            field: `evidence-${p.id}`,
            text: `Give the evidence for your ${p.title} level`,
          });
          continue;
        }
        if (evidence.length > 4000) {
          problems.push({
            field: `evidence-${p.id}`,
            text: 'Evidence must be 4,000 characters or fewer',
          });
          continue;
        }
        ratings.push({ pillar: p.id, level: Number(level), evidence });
      }
      if (ratings.length === 0 && problems.length === 0)
        problems.push({ field: `level-${PILLARS[0]?.id}`, text: 'Rate at least one pillar' });
      if (problems.length) {
        const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
        return reply.page(
          `${V}/organisation.njk`,
          organisationView(partnership, organisation, year, rows, body, formErrors(problems), true),
          400,
        );
      }
      const changed = await maturity.rate(
        partnership.id,
        organisation.id,
        year,
        ratings,
        auditActor(request),
      );
      request.session.flash = changed
        ? `Your ${fyLabel(year, partnership.fy_start_month)} self-assessment has been saved and sent for review.`
        : 'Nothing had changed.';
      return reply.redirect(
        `${base(partnership)}/organisations/${organisation.id}/maturity?year=${year}`,
        303,
      );
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { year?: string } }>(
    '/manage/:slug/maturity',
    { config: { access: 'maturity.review' } },
    async function maturityGridGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const now = currentYear(partnership);
      const years = [now - 3, now - 2, now - 1, now];
      const [organisations, rows] = await Promise.all([
        deps.database.db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('partnership_id', '=', partnership.id)
          .orderBy('name')
          .execute(),
        maturity.list(partnership.id),
      ]);
      return reply.page(`${V}/grid.njk`, {
        title: 'Maturity across the partnership',
        years: years.map((y) => ({ year: y, label: fyLabel(y, partnership.fy_start_month) })),
        pillars: PILLARS.map((p) => ({
          ...p,
          rows: organisations.map((o) => ({
            organisation: o,
            cells: years.map((y) => {
              const r = rows.find(
                (x) => x.organisation_id === o.id && x.fy_start_year === y && x.pillar === p.id,
              );
              return {
                level: r?.level,
                tag: r ? MATURITY_TAGS[r.status] : undefined,
                href: `${base(partnership)}/organisations/${o.id}/maturity/review?year=${y}`,
                needsReview: r?.status === 'submitted',
              };
            }),
          })),
        })),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity/review',
    { config: { access: 'maturity.review' } },
    async function maturityReviewGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const year = yearFrom(partnership, request.query.year);
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      return reply.page(`${V}/review.njk`, {
        title: `Review ${organisation.name}’s ${fyLabel(year, partnership.fy_start_month)} self-assessment`,
        organisation,
        year,
        yearLabel: fyLabel(year, partnership.fy_start_month),
        rows: rows.map((r) => ({
          ...r,
          pillarTitle: PILLARS.find((p) => p.id === r.pillar)?.title,
          levelName: MATURITY_LEVEL_NAMES[r.level - 1],
          tag: MATURITY_TAGS[r.status],
        })),
        errors: noErrors,
        values: {},
        action: `${base(partnership)}/organisations/${organisation.id}/maturity/review?year=${year}`,
        back: { href: `${base(partnership)}/maturity`, text: 'Back to the maturity grid' },
      });
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity/review',
    { config: { access: 'maturity.review' } },
    async function maturityReviewPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const year = yearFrom(partnership, request.query.year);
      const body = request.body as Record<string, unknown>;
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      const decisions: Decision[] = [];
      const problems: { field: string; text: string }[] = [];
      for (const r of rows) {
        const d = body[`decision-${r.pillar}`];
        const comment = field(body, `comment-${r.pillar}`).trim();
        if (d !== 'agreed' && d !== 'queried') continue;
        if (d === 'queried' && !comment) {
          problems.push({ field: `comment-${r.pillar}`, text: 'Say what you are querying' });
          continue;
        }
        decisions.push({ pillar: r.pillar as PillarId, decision: d, comment: comment || null });
      }
      if (!decisions.length && !problems.length)
        problems.push({
          field: `decision-${rows[0]?.pillar ?? 'workforce'}`,
          text: 'Agree or query at least one rating',
        });
      if (problems.length) {
        return reply.page(
          `${V}/review.njk`,
          {
            title: `Review ${organisation.name}’s ${fyLabel(year, partnership.fy_start_month)} self-assessment`,
            organisation,
            year,
            yearLabel: fyLabel(year, partnership.fy_start_month),
            rows: rows.map((r) => ({
              ...r,
              pillarTitle: PILLARS.find((p) => p.id === r.pillar)?.title,
              levelName: MATURITY_LEVEL_NAMES[r.level - 1],
              tag: MATURITY_TAGS[r.status],
            })),
            errors: formErrors(problems),
            values: body,
            action: `${base(partnership)}/organisations/${organisation.id}/maturity/review?year=${year}`,
            back: { href: `${base(partnership)}/maturity`, text: 'Back to the maturity grid' },
          },
          400,
        );
      }
      await maturity.review(partnership.id, organisation.id, year, decisions, auditActor(request));
      request.session.flash = `Your review of ${organisation.name}’s self-assessment has been saved.`;
      return reply.redirect(`${base(partnership)}/maturity`, 303);
    },
  );
}
