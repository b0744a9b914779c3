/** The framework pages: pillars and indicators, wording, switching on and off, adding, baselines and targets. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { describeComputation } from '../../core/framework/describe.js';
import { formatValue, parseNumber } from '../../core/framework/format.js';
import { STATUS_RULE } from '../../core/framework/status.js';
import type { Unit } from '../../core/framework/types.js';
import { targetProblem } from '../../core/framework/validate.js';
import type { Indicator } from './framework.repo.js';
import { fyLabel, periodDates } from '../../core/periods.js';
import { PILLARS, isPillarId } from '../../core/pillars.js';
import { can } from '../../core/roles.js';
import type { Organisation, Partnership, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { line, paragraph } from '../../lib/text.js';
import { fullDirectoryLoaded } from '../../reference/geography.js';
import {
  field,
  formErrors,
  noErrors,
  validateForm,
  type FormErrors,
} from '../../http/form-errors.js';
import { findIndicator, listCommitments, listIndicators, listTargets } from './framework.repo.js';
import { ITEMS_FOR_KIND, unitFor, type CustomIndicatorInput } from './framework.service.js';

const V = 'features/framework/views';

type SlugParams = { Params: { slug: string } };
type CodeParams = { Params: { slug: string; code: string } };

export const KIND_LABELS: Record<CustomIndicatorInput['kind'], { text: string; hint: string }> = {
  value: { text: 'A single figure', hint: 'For example, the number of apprenticeships started' },
  ratio: {
    text: 'A percentage of a whole',
    hint: 'One figure as a share of another, for example staff living locally out of all staff',
  },
  sum: {
    text: 'A total of several figures',
    hint: 'For example, hours of community use of rooms plus outdoor spaces',
  },
  difference: {
    text: 'One figure minus another',
    hint: 'For example, jobs created minus jobs lost',
  },
  per: {
    text: 'A rate',
    hint: 'One figure divided by another, for example volunteering hours per member of staff',
  },
  change_since_baseline: {
    text: 'Change since the baseline',
    hint: 'How much a figure has gone up or down since the baseline year, as a percentage',
  },
};

const UNIT_CHOICES = [
  { value: 'count', text: 'A count (people, events, homes)' },
  { value: '£', text: 'Money (£)' },
  { value: 'hours', text: 'Hours' },
  { value: 'tCO2e', text: 'Tonnes of carbon dioxide equivalent (tCO2e)' },
  { value: 'kWh', text: 'Energy (kWh)' },
  { value: 'tonnes', text: 'Tonnes' },
] as const;

const wordingSchema = z.object({
  name: line('the name', 200, { required: 'Enter the indicator’s name' }),
  description: paragraph('the description', 1000, {
    required: 'Describe the indicator in plain English',
  }),
  methodology: paragraph('the methodology', 3000, {
    required: 'Explain how the figure is worked out',
  }),
});

export function registerFrameworkRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  const framework = deps.framework;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };
  const base = (p: Partnership) => `/manage/${p.slug}`;

  app.get<SlugParams>(
    '/manage/:slug/framework',
    { config: { access: 'partnership.view' } },
    async function frameworkGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const [indicators, commitments] = await Promise.all([
        listIndicators(db, partnership.id),
        listCommitments(db, partnership.id),
      ]);
      const pillars = [
        ...PILLARS,
        {
          id: 'accountability',
          title: 'Accountability and transparency',
          summary: 'Across all six pillars.',
        },
      ];
      return reply.page(`${V}/framework.njk`, {
        title: 'Framework',
        canEdit: can(request.actor, 'framework.edit', { partnershipId: partnership.id }),
        pillars: pillars.map((p) => ({
          ...p,
          commitments: commitments
            .filter((c) => c.pillar === p.id)
            .map((c) => ({ ...c, indicators: indicators.filter((i) => i.commitment === c.code) }))
            .filter((c) => c.indicators.length > 0),
        })),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/framework/methodology',
    { config: { access: 'partnership.view' } },
    async function methodologyGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicators = await listIndicators(db, partnership.id, { enabledOnly: true });
      return reply.page(`${V}/methodology.njk`, {
        title: 'Methodology',
        statusRule: STATUS_RULE,
        postcodePrecision: (await fullDirectoryLoaded(db))
          ? 'This service has the full ONS postcode directory loaded, so every current UK postcode is placed by neighbourhood.'
          : 'This service has a sample of 100,000 postcodes with their neighbourhoods; other valid postcodes are placed by district until the full ONS postcode directory is loaded (anchorage reference import-postcodes).',
        indicators: indicators.map((i) => ({ ...i, how: describeComputation(i) })),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          { href: `${base(partnership)}/framework`, text: 'Framework' },
        ],
      });
    },
  );

  async function indicatorOr404(request: FastifyRequest<CodeParams>): Promise<Indicator> {
    const indicator = await findIndicator(
      db,
      (request.partnership as Partnership).id,
      request.params.code,
    );
    if (!indicator) throw notFound();
    return indicator;
  }

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code',
    { config: { access: 'partnership.view' } },
    async function indicatorGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicator = await indicatorOr404(request);
      const targets = await listTargets(db, partnership.id, {
        organisationId: null,
        indicatorCode: indicator.id,
      });
      return reply.page(`${V}/indicator.njk`, {
        title: `${indicator.id} ${indicator.name}`,
        indicator,
        how: describeComputation(indicator),
        targets: targets.map((t) => ({
          ...t,
          shown: formatValue(Number(t.value), targetUnit(indicator)),
        })),
        canEdit: can(request.actor, 'framework.edit', { partnershipId: partnership.id }),
        canTarget: can(request.actor, 'targets.partnership.edit', {
          partnershipId: partnership.id,
        }),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          { href: `${base(partnership)}/framework`, text: 'Framework' },
        ],
      });
    },
  );

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code/edit',
    { config: { access: 'framework.edit' } },
    async function indicatorEditGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicator = await indicatorOr404(request);
      return reply.page(`${V}/indicator-edit.njk`, {
        title: `Change ${indicator.id}`,
        indicator,
        values: {
          name: indicator.name,
          description: indicator.description,
          methodology: indicator.methodology,
        },
        errors: noErrors,
        back: {
          href: `${base(partnership)}/framework/indicators/${indicator.id}`,
          text: 'Back to the indicator',
        },
      });
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/edit',
    { config: { access: 'framework.edit' } },
    async function indicatorEditPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicator = await indicatorOr404(request);
      const form = validateForm(wordingSchema, request.body);
      if (!form.ok) {
        return reply.page(
          `${V}/indicator-edit.njk`,
          {
            title: `Change ${indicator.id}`,
            indicator,
            ...form,
            back: {
              href: `${base(partnership)}/framework/indicators/${indicator.id}`,
              text: 'Back to the indicator',
            },
          },
          400,
        );
      }
      await framework.editWording(partnership.id, indicator.id, form.data, auditActor(request));
      request.session.flash = `${indicator.id} has been changed. Figures already reported are not affected.`;
      return reply.redirect(`${base(partnership)}/framework/indicators/${indicator.id}`, 303);
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/switch',
    { config: { access: 'framework.edit' } },
    async function indicatorSwitchPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicator = await indicatorOr404(request);
      const choice = (request.body as Record<string, unknown>).enabled;
      if (choice !== 'yes' && choice !== 'no') {
        throw new DomainError(
          'INVALID',
          'no choice',
          'Choose whether to switch the indicator on or off',
        );
      }
      const enabled = choice === 'yes';
      await framework.setEnabled(partnership.id, indicator.id, enabled, auditActor(request));
      request.session.flash = enabled
        ? `${indicator.id} ${indicator.name} is switched on: it appears in new returns and on dashboards.`
        : `${indicator.id} ${indicator.name} is switched off: returns stop asking for it. Figures already reported are kept.`;
      return reply.redirect(`${base(partnership)}/framework#${indicator.id}`, 303);
    },
  );

  // ----- Adding an indicator: choose the kind, then the details -----

  app.get<SlugParams>(
    '/manage/:slug/framework/new',
    { config: { access: 'framework.edit' } },
    async function indicatorNewGet(request, reply) {
      const partnership = request.partnership as Partnership;
      return reply.page(`${V}/indicator-kind.njk`, {
        title: 'Add an indicator',
        kinds: Object.entries(KIND_LABELS).map(([value, k]) => ({
          value,
          text: k.text,
          hint: { text: k.hint },
        })),
        errors: noErrors,
        action: `${base(partnership)}/framework/new/details`,
        back: { href: `${base(partnership)}/framework`, text: 'Back to the framework' },
      });
    },
  );

  const kindOf = (v: unknown): CustomIndicatorInput['kind'] | undefined =>
    typeof v === 'string' && v in KIND_LABELS ? (v as CustomIndicatorInput['kind']) : undefined;

  function detailsView(
    partnership: Partnership,
    kind: CustomIndicatorInput['kind'],
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const spec = ITEMS_FOR_KIND[kind];
    return {
      title: `Add an indicator: ${KIND_LABELS[kind].text.toLowerCase()}`,
      kind,
      kindLabel: KIND_LABELS[kind].text,
      itemFields: spec.names.map((label, i) => ({
        id: `item${i + 1}`,
        label,
        required: i < spec.min,
      })),
      showUnit: kind !== 'ratio' && kind !== 'change_since_baseline',
      showScale: kind === 'per',
      units: UNIT_CHOICES.map((u) => ({ ...u, selected: values.itemUnit === u.value })),
      pillars: PILLARS.map((p) => ({
        value: p.id,
        text: p.title,
        checked: values.pillar === p.id,
      })),
      values,
      errors,
      action: `${base(partnership)}/framework/new/details?kind=${kind}`,
      back: { href: `${base(partnership)}/framework/new`, text: 'Back' },
    };
  }

  app.get<SlugParams & { Querystring: { kind?: string } }>(
    '/manage/:slug/framework/new/details',
    { config: { access: 'framework.edit' } },
    async function indicatorDetailsGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const kind = kindOf(request.query.kind);
      if (!kind) {
        return reply.page(
          `${V}/indicator-kind.njk`,
          {
            title: 'Add an indicator',
            kinds: Object.entries(KIND_LABELS).map(([value, k]) => ({
              value,
              text: k.text,
              hint: { text: k.hint },
            })),
            errors: formErrors([{ field: 'kind', text: 'Select what kind of indicator it is' }]),
            action: `${base(partnership)}/framework/new/details`,
            back: { href: `${base(partnership)}/framework`, text: 'Back to the framework' },
          },
          400,
        );
      }
      return reply.page(
        `${V}/indicator-new.njk`,
        detailsView(
          partnership,
          kind,
          { frequency: 'annual', direction: 'higher', itemUnit: 'count', scale: '1' },
          noErrors,
        ),
      );
    },
  );

  app.post<SlugParams & { Querystring: { kind?: string } }>(
    '/manage/:slug/framework/new/details',
    { config: { access: 'framework.edit' } },
    async function indicatorDetailsPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const kind = kindOf(request.query.kind);
      if (!kind) {
        return reply.page(
          `${V}/indicator-kind.njk`,
          {
            title: 'Add an indicator',
            kinds: Object.entries(KIND_LABELS).map(([value, k]) => ({
              value,
              text: k.text,
              hint: { text: k.hint },
            })),
            errors: formErrors([{ field: 'kind', text: 'Select what kind of indicator it is' }]),
            action: `${base(partnership)}/framework/new/details`,
            back: { href: `${base(partnership)}/framework`, text: 'Back to the framework' },
          },
          400,
        );
      }
      const body = request.body as Record<string, unknown>;
      const spec = ITEMS_FOR_KIND[kind];
      const schema = wordingSchema.extend({
        pillar: z.string({ error: 'Select a pillar' }).refine(isPillarId, 'Select a pillar'),
        direction: z.enum(['higher', 'lower'], {
          error: 'Select whether higher or lower is better',
        }),
        frequency: z.enum(['quarterly', 'annual'], { error: 'Select how often it is reported' }),
        itemUnit: z.enum(UNIT_CHOICES.map((u) => u.value) as [string, ...string[]]).optional(),
        scale: z.string().optional(),
        publishOrganisationLevel: z.string().optional(),
      });
      const form = validateForm(schema, body);
      const problems: { field: string; text: string }[] = form.ok
        ? []
        : form.errors.list.map((e) => ({ field: e.href.slice(1), text: e.text }));
      const labels: string[] = [];
      spec.names.forEach((_, i) => {
        const v =
          typeof body[`item${i + 1}`] === 'string' ? (body[`item${i + 1}`] as string).trim() : '';
        if (v) labels.push(v);
        else if (i < spec.min)
          problems.push({ field: `item${i + 1}`, text: `Enter a label for figure ${i + 1}` });
        if (v.length > 200)
          problems.push({ field: `item${i + 1}`, text: 'A label must be 200 characters or fewer' });
      });
      let scale = 1;
      if (kind === 'per') {
        const s = parseNumber(field(body, 'scale') || '1');
        if (s === null || s <= 0 || !Number.isInteger(s) || s > 1_000_000)
          problems.push({
            field: 'scale',
            text: 'Enter a whole number to multiply by, from 1 to 1,000,000, like 1 or 1000',
          });
        else scale = s;
      }
      if (!form.ok || problems.length) {
        return reply.page(
          `${V}/indicator-new.njk`,
          detailsView(partnership, kind, body, formErrors(problems)),
          400,
        );
      }
      const itemUnit = (
        kind === 'ratio' || kind === 'change_since_baseline'
          ? (body.itemUnit ?? 'count')
          : (form.data.itemUnit ?? 'count')
      ) as CustomIndicatorInput['itemUnit'];
      const code = await framework.addCustom(
        partnership.id,
        {
          name: form.data.name,
          description: form.data.description,
          methodology: form.data.methodology,
          pillar: form.data.pillar,
          direction: form.data.direction,
          frequency: form.data.frequency,
          kind,
          itemLabels: labels,
          itemUnit,
          scale,
          publishOrganisationLevel: form.data.publishOrganisationLevel === 'yes',
        },
        auditActor(request),
      );
      request.session.flash = `${code} ${form.data.name} has been added (${unitFor(kind, itemUnit) === '%' ? 'shown as a percentage' : 'shown in ' + unitFor(kind, itemUnit)}). It appears in returns for ${form.data.frequency === 'annual' ? 'years' : 'quarters'} and on dashboards.`;
      return reply.redirect(`${base(partnership)}/framework/indicators/${code}`, 303);
    },
  );

  // ----- Baselines and targets (partnership-wide, and per organisation) -----

  function targetView(
    partnership: Partnership,
    indicator: Indicator,
    organisation: Organisation | null,
    values: Record<string, unknown>,
    errors: FormErrors,
    action: string,
    backHref: string,
  ) {
    const now = new Date().getUTCFullYear();
    const years = Array.from({ length: 16 }, (_, i) => now - 6 + i);
    const yearItems = (selected: string) => [
      { value: '', text: 'Choose a year' },
      ...years.map((y) => ({
        value: String(y),
        text: fyLabel(y, partnership.fy_start_month),
        selected: selected === String(y),
      })),
    ];
    return {
      title: `Baseline and targets: ${indicator.id} ${indicator.name}`,
      indicator,
      organisation,
      unit: targetUnit(indicator),
      isChange: indicator.computation.kind === 'change_since_baseline',
      baselineYears: yearItems(field(values, 'baselineYear')),
      targetRows: [1, 2, 3].map((n) => ({ n, years: yearItems(field(values, `target${n}Year`)) })),
      values,
      errors,
      action,
      back: { href: backHref, text: 'Back' },
    };
  }

  function targetValues(rows: Awaited<ReturnType<typeof listTargets>>, fyStartMonth: number) {
    const values: Record<string, string> = {};
    const yearOf = (date: string) =>
      String(Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < fyStartMonth ? 1 : 0));
    const baseline = rows.find((r) => r.kind === 'baseline');
    if (baseline) {
      values.baselineValue = String(Number(baseline.value));
      values.baselineYear = yearOf(baseline.on_date);
    }
    rows
      .filter((r) => r.kind === 'target')
      .slice(0, 3)
      .forEach((t, i) => {
        values[`target${i + 1}Value`] = String(Number(t.value));
        values[`target${i + 1}Year`] = yearOf(t.on_date);
      });
    return values;
  }

  function parseTargets(partnership: Partnership, unit: Unit, body: Record<string, unknown>) {
    const problems: { field: string; text: string }[] = [];
    const yearEnd = (y: number) => {
      const d = periodDates({ kind: 'year', fyStartYear: y }, partnership.fy_start_month);
      return { date: d.endsOn, label: d.label };
    };
    const read = (valueField: string, yearField: string, what: string) => {
      const rawValue = field(body, valueField).trim();
      const rawYear = field(body, yearField).trim();
      if (!rawValue && !rawYear) return null;
      const value = parseNumber(rawValue);
      const tooBig = value === null ? null : targetProblem(`The ${what}`, unit, value);
      if (value === null)
        problems.push({ field: valueField, text: `Enter the ${what} as a number` });
      else if (tooBig) problems.push({ field: valueField, text: tooBig });
      const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
      const yearOk = year >= 2000 && year <= 2100;
      if (!yearOk) problems.push({ field: yearField, text: `Choose the year of the ${what}` });
      if (value === null || tooBig || !yearOk) return null;
      return { value, ...yearEnd(year) };
    };
    const baseline = read('baselineValue', 'baselineYear', 'baseline');
    const targets = [1, 2, 3]
      .map((n) => read(`target${n}Value`, `target${n}Year`, `target`))
      .filter((t): t is NonNullable<typeof t> => t !== null);
    if (targets.length && !baseline && problems.length === 0)
      problems.push({ field: 'baselineValue', text: 'Enter a baseline before setting targets' });
    return { baseline, targets, problems };
  }

  async function saveTargets(
    request: FastifyRequest<CodeParams>,
    reply: FastifyReply,
    organisation: Organisation | null,
    action: string,
    backHref: string,
  ) {
    const partnership = request.partnership as Partnership;
    const indicator = await indicatorOr404(request);
    const body = request.body as Record<string, unknown>;
    const { baseline, targets, problems } = parseTargets(partnership, targetUnit(indicator), body);
    if (problems.length)
      return reply.page(
        `${V}/targets.njk`,
        targetView(
          partnership,
          indicator,
          organisation,
          body,
          formErrors(problems),
          action,
          backHref,
        ),
        400,
      );
    try {
      await framework.setTargets(
        partnership.id,
        { organisationId: organisation?.id ?? null, code: indicator.id, baseline, targets },
        auditActor(request),
      );
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'INVALID' || err.code === 'CONFLICT')) {
        return reply.page(
          `${V}/targets.njk`,
          targetView(
            partnership,
            indicator,
            organisation,
            body,
            formErrors([{ field: 'target1Year', text: err.userMessage ?? err.message }]),
            action,
            backHref,
          ),
          400,
        );
      }
      throw err;
    }
    request.session.flash = `The baseline and targets for ${indicator.id} have been saved.`;
    return reply.redirect(backHref, 303);
  }

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code/targets',
    { config: { access: 'targets.partnership.edit' } },
    async function partnershipTargetsGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const indicator = await indicatorOr404(request);
      const rows = await listTargets(db, partnership.id, {
        organisationId: null,
        indicatorCode: indicator.id,
      });
      const path = `${base(partnership)}/framework/indicators/${indicator.id}`;
      return reply.page(
        `${V}/targets.njk`,
        targetView(
          partnership,
          indicator,
          null,
          targetValues(rows, partnership.fy_start_month),
          noErrors,
          `${path}/targets`,
          path,
        ),
      );
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/targets',
    { config: { access: 'targets.partnership.edit' } },
    async function partnershipTargetsPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const path = `${base(partnership)}/framework/indicators/${request.params.code}`;
      return saveTargets(request, reply, null, `${path}/targets`, path);
    },
  );

  type OrgCodeParams = { Params: { slug: string; orgId: string; code: string } };

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/targets',
    { config: { access: 'dashboard.organisation.view' } },
    async function organisationTargetsGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const [indicators, rows] = await Promise.all([
        listIndicators(db, partnership.id, { enabledOnly: true }),
        listTargets(db, partnership.id, { organisationId: organisation.id }),
      ]);
      return reply.page(`${V}/organisation-targets.njk`, {
        title: `Baselines and targets for ${organisation.name}`,
        organisation,
        canEdit: can(request.actor, 'targets.organisation.edit', {
          partnershipId: partnership.id,
          organisationId: organisation.id,
        }),
        indicators: indicators
          .filter((i) => i.unit !== 'yes/no')
          .map((i) => {
            const mine = rows.filter((r) => r.indicator_code === i.id);
            const unit = targetUnit(i);
            const baseline = mine.find((r) => r.kind === 'baseline');
            return {
              ...i,
              baseline: baseline
                ? `${formatValue(Number(baseline.value), unit)} (${baseline.label})`
                : 'Not set',
              targets: mine
                .filter((r) => r.kind === 'target')
                .map((t) => `${formatValue(Number(t.value), unit)} by ${t.label}`),
              href: `${base(partnership)}/organisations/${organisation.id}/targets/${i.id}`,
            };
          }),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          {
            href: `${base(partnership)}/organisations/${organisation.id}`,
            text: organisation.name,
          },
        ],
      });
    },
  );

  app.get<OrgCodeParams>(
    '/manage/:slug/organisations/:orgId/targets/:code',
    { config: { access: 'targets.organisation.edit' } },
    async function organisationTargetGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const indicator = await indicatorOr404(request);
      const rows = await listTargets(db, partnership.id, {
        organisationId: organisation.id,
        indicatorCode: indicator.id,
      });
      const path = `${base(partnership)}/organisations/${organisation.id}/targets`;
      return reply.page(
        `${V}/targets.njk`,
        targetView(
          partnership,
          indicator,
          organisation,
          targetValues(rows, partnership.fy_start_month),
          noErrors,
          `${path}/${indicator.id}`,
          path,
        ),
      );
    },
  );

  app.post<OrgCodeParams>(
    '/manage/:slug/organisations/:orgId/targets/:code',
    { config: { access: 'targets.organisation.edit' } },
    async function organisationTargetPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const path = `${base(partnership)}/organisations/${organisation.id}/targets`;
      return saveTargets(request, reply, organisation, `${path}/${request.params.code}`, path);
    },
  );
}

/** Baselines and targets are in the indicator's unit; for "change since baseline" the baseline is the underlying figure. */
function targetUnit(indicator: Indicator) {
  return indicator.unit;
}
