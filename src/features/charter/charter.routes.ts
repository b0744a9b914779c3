/**
 * The charter's staff pages: the partnership's versions (start, change a draft, open for
 * consultation, withdraw, close, adopt), and each organisation's signature and pledges. Each
 * change redirects to the page it changed with a banner saying what happened.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  readDetails,
  readItem,
  readPledge,
  readRemoval,
  readSignature,
  readWindow,
  readWithdrawal,
} from '../../core/charter/forms.js';
import { isoDate } from '../../core/periods.js';
import { lastOpenDay } from './charter.dates.js';
import { transition } from '../../core/charter/versions.js';
import { DomainError, notFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import type { VersionChange, VersionWithText } from './charter.service.js';
import {
  adoptPage,
  charterIndexPage,
  consultationFormPage,
  detailsFormPage,
  itemFormPage,
  itemFormValues,
  orgCharterPath,
  organisationCharterPage,
  pledgeFormPage,
  pledgeFormValues,
  removeItemPage,
  signPage,
  V,
  versionPage,
  versionPath,
  withdrawPledgePage,
  type VersionActions,
} from './charter.pages.js';
import { pledgeViews } from './charter.progress.js';
import {
  notifyCharterToSign,
  notifyConsultationOpened,
} from '../notifications/notifications.service.js';

type VersionParams = { Params: { slug: string; versionId: string } };
type ItemParams = { Params: { slug: string; versionId: string; charterItemId: string } };
type OrgParams = { Params: { slug: string; orgId: string } };
type PledgeParams = { Params: { slug: string; orgId: string; pledgeId: string } };

const EDIT = { config: { access: 'charter.edit' as const } };
const VIEW = { config: { access: 'charter.view' as const } };
const SIGN = { config: { access: 'charter.sign' as const } };

const today = () => isoDate(new Date());

/** What can be done next with a version, for the version page. */
function actionsOf(
  current: VersionWithText,
  responses: number,
  unanswered: number,
): VersionActions {
  const v = current.version;
  const day = today();
  if (v.state === 'draft') return { open: true };
  if (v.state !== 'consultation') return {};
  const last = lastOpenDay(v);
  const adopt = transition('consultation', 'adopt', {
    closes: last,
    today: day,
    unansweredSuggestions: unanswered,
  });
  return {
    withdraw: responses === 0,
    close: last !== null && last >= day && (v.consultation_opens ?? day) <= day,
    adopt: adopt.ok ? { ok: true } : { ok: false, reason: adopt.reason },
  };
}

function refusal(error: unknown): string | undefined {
  return error instanceof DomainError && error.code === 'CONFLICT'
    ? (error.userMessage ?? error.message)
    : undefined;
}

export function registerCharterRoutes(app: FastifyInstance, deps: Deps) {
  const charter = deps.charter;

  async function loadVersion(request: FastifyRequest<VersionParams>) {
    const { partnership } = inPartnership(request);
    const current = await charter.version(partnership.id, request.params.versionId);
    if (!current) throw notFound();
    return current;
  }

  async function knownIndicators(partnershipId: string) {
    const { indicators } = await deps.framework.framework(partnershipId);
    return indicators;
  }

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/charter',
    VIEW,
    async function charterGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const [versions, signatures, organisations] = await Promise.all([
        charter.versions(partnership.id),
        charter.signatures(partnership.id),
        deps.tenancy.organisations(partnership.id),
      ]);
      const target = { partnershipId: partnership.id };
      return reply.page(`${V}/index.njk`, {
        ...charterIndexPage(
          partnership,
          versions,
          signatures,
          organisations.length,
          can(actor, 'charter.edit', target),
        ),
        prioritiesHref: can(actor, 'consultation.view', target)
          ? `/manage/${partnership.slug}/priorities`
          : undefined,
      });
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/manage/:slug/charter/start',
    EDIT,
    async function charterStartPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      try {
        const version = await charter.startDraft(partnership.id, auditActor);
        request.session.flash = `Version ${version.number} has been started as a draft${version.number > 1 ? `, with the words of version ${version.number - 1} to change` : ''}.`;
        return reply.redirect(versionPath(partnership, version), 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
        return reply.redirect(`/manage/${partnership.slug}/charter`, 303);
      }
    },
  );

  app.get<VersionParams>(
    '/manage/:slug/charter/versions/:versionId',
    VIEW,
    async function charterVersionGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const current = await loadVersion(request);
      const [previous, responses, unanswered] = await Promise.all([
        charter.previous(partnership.id, current.version),
        deps.consultation.responseCount(current.version.id),
        deps.consultation.unanswered(current.version.id),
      ]);
      return reply.page(`${V}/version.njk`, {
        ...versionPage(
          partnership,
          current,
          previous,
          can(actor, 'charter.edit', { partnershipId: partnership.id }),
          actionsOf(current, responses, unanswered),
          {
            responses,
            unanswered,
            href: can(actor, 'consultation.view', { partnershipId: partnership.id })
              ? `${versionPath(partnership, current.version)}/responses`
              : undefined,
          },
        ),
        surveyHref: can(actor, 'consultation.view', { partnershipId: partnership.id })
          ? `${versionPath(partnership, current.version)}/survey`
          : undefined,
      });
    },
  );

  app.get<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/details',
    EDIT,
    async function charterDetailsGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version } = await loadVersion(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      return reply.page(
        `${V}/details-form.njk`,
        detailsFormPage(partnership, version, {
          values: { title: version.title, summary: version.summary },
          errors: noErrors,
        }),
      );
    },
  );

  app.post<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/details',
    EDIT,
    async function charterDetailsPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version } = await loadVersion(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      const body = formBody(request);
      const read = readDetails(body);
      if (!read.ok)
        return reply.page(
          `${V}/details-form.njk`,
          detailsFormPage(partnership, version, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      await charter.updateDetails(partnership.id, version.id, read.values, auditActor);
      request.session.flash = `The title and summary of version ${version.number} have been saved.`;
      return reply.redirect(versionPath(partnership, version), 303);
    },
  );

  /** Back to the version with a banner, when its words can no longer change. */
  function notDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    version: VersionWithText['version'],
  ) {
    const { partnership } = inPartnership(request);
    request.session.notice = `Version ${version.number} is no longer a draft: its words cannot be changed.`;
    return reply.redirect(versionPath(partnership, version), 303);
  }

  const kindOf = (value: unknown): 'principle' | 'commitment' =>
    value === 'principle' ? 'principle' : 'commitment';

  app.get<VersionParams & { Querystring: { kind?: string } }>(
    '/manage/:slug/charter/versions/:versionId/items/new',
    EDIT,
    async function charterItemNewGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version } = await loadVersion(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      const kind = kindOf(request.query.kind);
      return reply.page(
        `${V}/item-form.njk`,
        itemFormPage(
          partnership,
          version,
          kind,
          undefined,
          false,
          await knownIndicators(partnership.id),
          {
            values: { kind },
            errors: noErrors,
          },
        ),
      );
    },
  );

  app.post<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/items/new',
    EDIT,
    async function charterItemNewPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version } = await loadVersion(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      const body = formBody(request);
      const kind = kindOf(body.kind);
      const indicators = await knownIndicators(partnership.id);
      const read = readItem(kind, body, new Set(indicators.map((i) => i.id)));
      if (!read.ok)
        return reply.page(
          `${V}/item-form.njk`,
          itemFormPage(partnership, version, kind, undefined, false, indicators, {
            values: { ...body, kind },
            errors: formErrors(read.problems),
          }),
          400,
        );
      const item = await charter.addItem(
        partnership.id,
        version.id,
        { kind, ...read.values },
        auditActor,
      );
      request.session.flash = `${kind === 'principle' ? 'Principle' : 'Commitment'} ${item.key} ${item.title} has been added to version ${version.number}.`;
      return reply.redirect(versionPath(partnership, version), 303);
    },
  );

  async function loadItem(request: FastifyRequest<ItemParams>) {
    const { partnership } = inPartnership(request);
    const current = await loadVersion(request);
    const item = current.items.find((i) => i.id === request.params.charterItemId);
    if (!item) throw notFound();
    const previous = await charter.previous(partnership.id, current.version);
    const before = previous?.items.find((i) => i.key === item.key);
    return { version: current.version, item, before };
  }

  app.get<ItemParams>(
    '/manage/:slug/charter/versions/:versionId/items/:charterItemId',
    EDIT,
    async function charterItemGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, item, before } = await loadItem(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      return reply.page(
        `${V}/item-form.njk`,
        itemFormPage(
          partnership,
          version,
          item.kind,
          item,
          before !== undefined,
          await knownIndicators(partnership.id),
          { values: itemFormValues(item), errors: noErrors },
        ),
      );
    },
  );

  app.post<ItemParams>(
    '/manage/:slug/charter/versions/:versionId/items/:charterItemId',
    EDIT,
    async function charterItemPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version, item, before } = await loadItem(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      const body = formBody(request);
      const indicators = await knownIndicators(partnership.id);
      const read = readItem(
        item.kind,
        body,
        new Set(indicators.map((i) => i.id)),
        before && {
          title: before.title,
          body: before.body,
          pillar: before.pillar,
          indicatorCodes: before.indicator_codes,
        },
      );
      if (!read.ok)
        return reply.page(
          `${V}/item-form.njk`,
          itemFormPage(partnership, version, item.kind, item, before !== undefined, indicators, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      await charter.updateItem(partnership.id, version.id, item.id, read.values, auditActor);
      request.session.flash = `${item.key} ${read.values.title} has been saved.`;
      return reply.redirect(versionPath(partnership, version), 303);
    },
  );

  app.get<ItemParams>(
    '/manage/:slug/charter/versions/:versionId/items/:charterItemId/remove',
    EDIT,
    async function charterItemRemoveGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, item, before } = await loadItem(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      return reply.page(
        `${V}/remove-item.njk`,
        removeItemPage(partnership, version, item, before !== undefined, {
          values: {},
          errors: noErrors,
        }),
      );
    },
  );

  app.post<ItemParams>(
    '/manage/:slug/charter/versions/:versionId/items/:charterItemId/remove',
    EDIT,
    async function charterItemRemovePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version, item, before } = await loadItem(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      const body = formBody(request);
      const read = readRemoval(body, before !== undefined);
      if (!read.ok)
        return reply.page(
          `${V}/remove-item.njk`,
          removeItemPage(partnership, version, item, before !== undefined, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      await charter.removeItem(partnership.id, version.id, item.id, read.values.note, auditActor);
      request.session.flash = `${item.key} ${item.title} has been removed from version ${version.number}.`;
      return reply.redirect(versionPath(partnership, version), 303);
    },
  );

  app.get<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/consultation',
    EDIT,
    async function charterConsultationGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version } = await loadVersion(request);
      if (version.state !== 'draft') return notDraft(request, reply, version);
      return reply.page(
        `${V}/consultation-form.njk`,
        consultationFormPage(partnership, version, {
          values: { preModeration: version.pre_moderation ? 'yes' : 'no' },
          errors: noErrors,
        }),
      );
    },
  );

  app.post<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/consultation',
    EDIT,
    async function charterConsultationPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const current = await loadVersion(request);
      if (current.version.state !== 'draft') return notDraft(request, reply, current.version);
      const body = formBody(request);
      const day = today();
      const read = readWindow(body, day);
      if (!read.ok)
        return reply.page(
          `${V}/consultation-form.njk`,
          consultationFormPage(partnership, current.version, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      try {
        const moved = await charter.move(
          partnership.id,
          current.version.id,
          (inside) => {
            const t = transition(inside.version.state, 'open-consultation', {
              commitments: inside.items.filter((i) => i.kind === 'commitment').length,
              opens: read.values.opens,
              closes: read.values.closes,
              today: day,
            });
            if (!t.ok) throw new DomainError('CONFLICT', t.reason, t.reason);
            return {
              state: 'consultation',
              consultation_opens: read.values.opens,
              consultation_closes: read.values.closes,
              pre_moderation: read.values.preModeration,
              consultation_closed_at: null,
            };
          },
          { action: 'charter.consultation.opened', actor: auditActor },
        );
        await notifyConsultationOpened(deps, moved.id);
        request.session.flash = `Version ${moved.number} is out for consultation from ${read.values.opens} to ${read.values.closes}. Its words can no longer change.`;
        return reply.redirect(versionPath(partnership, moved), 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        return reply.page(
          `${V}/consultation-form.njk`,
          consultationFormPage(
            partnership,
            current.version,
            { values: body, errors: noErrors },
            reason,
          ),
          409,
        );
      }
    },
  );

  /** A change of state from the version page's buttons, with a banner either way. */
  function stateChange(
    url: string,
    decide: (
      inside: VersionWithText,
      day: string,
      counts: { responses: number; unanswered: number },
    ) => VersionChange,
    action: string,
    done: (n: number) => string,
  ) {
    app.post<VersionParams>(url, EDIT, async function charterStatePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version } = await loadVersion(request);
      // Counted before the move's transaction (the embedded database has one connection).
      const counts = {
        responses: await deps.consultation.responseCount(version.id),
        unanswered: await deps.consultation.unanswered(version.id),
      };
      try {
        const moved = await charter.move(
          partnership.id,
          version.id,
          (inside) => decide(inside, today(), counts),
          { action, actor: auditActor },
        );
        request.session.flash = done(moved.number);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
      }
      return reply.redirect(versionPath(partnership, version), 303);
    });
  }

  stateChange(
    '/manage/:slug/charter/versions/:versionId/withdraw',
    (inside, _day, counts) => {
      const t = transition(inside.version.state, 'withdraw-consultation', {
        responses: counts.responses,
      });
      if (!t.ok) throw new DomainError('CONFLICT', t.reason, t.reason);
      return { state: 'draft', consultation_closed_at: null };
    },
    'charter.consultation.withdrawn',
    (n) => `The consultation on version ${n} has been withdrawn: it is a draft again.`,
  );

  stateChange(
    '/manage/:slug/charter/versions/:versionId/close',
    (inside, day) => {
      const v = inside.version;
      const last = lastOpenDay(v);
      if (v.state !== 'consultation' || last === null || last < day)
        throw new DomainError('CONFLICT', 'not open', 'This consultation is not open.');
      return { consultation_closed_at: new Date() };
    },
    'charter.consultation.closed',
    (n) =>
      `The consultation on version ${n} has been closed. Answer every suggestion, then adopt it.`,
  );

  app.get<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/adopt',
    EDIT,
    async function charterAdoptGet(request, reply) {
      const { partnership } = inPartnership(request);
      const current = await loadVersion(request);
      const previous = await charter.previous(partnership.id, current.version);
      const signatures = previous
        ? (await charter.signatures(partnership.id)).filter(
            (s) => s.version_id === previous.version.id,
          ).length
        : 0;
      const t = transition(current.version.state, 'adopt', {
        closes: lastOpenDay(current.version),
        today: today(),
        unansweredSuggestions: await deps.consultation.unanswered(current.version.id),
      });
      return reply.page(
        `${V}/adopt.njk`,
        adoptPage(partnership, current, previous, signatures, t.ok ? undefined : t.reason),
      );
    },
  );

  app.post<VersionParams>(
    '/manage/:slug/charter/versions/:versionId/adopt',
    EDIT,
    async function charterAdoptPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version } = await loadVersion(request);
      const day = today();
      const unanswered = await deps.consultation.unanswered(version.id);
      try {
        const moved = await charter.move(
          partnership.id,
          version.id,
          (inside) => {
            const t = transition(inside.version.state, 'adopt', {
              closes: lastOpenDay(inside.version),
              today: day,
              unansweredSuggestions: unanswered,
            });
            if (!t.ok) throw new DomainError('CONFLICT', t.reason, t.reason);
            return { state: 'adopted', adopted_on: day };
          },
          { action: 'charter.version.adopted', actor: auditActor },
        );
        const asked = await notifyCharterToSign(deps, moved.id);
        request.session.flash = `Version ${moved.number} has been adopted. Every member organisation is asked to sign it${asked > 0 ? `: ${asked} organisation ${asked === 1 ? 'lead has' : 'leads have'} been emailed` : ''}.`;
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
      }
      return reply.redirect(versionPath(partnership, version), 303);
    },
  );

  // An organisation's signature and pledges.

  async function organisationState(request: FastifyRequest) {
    const { partnership, organisation } = inOrganisation(request);
    const [adopted, signatures, pledges, figures] = await Promise.all([
      charter.adopted(partnership.id),
      charter.signatures(partnership.id),
      charter.pledges(partnership.id, organisation.id),
      deps.figures.read(partnership.id),
    ]);
    const own = signatures.filter((s) => s.organisation_id === organisation.id);
    return { adopted, own, pledges, figures };
  }

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/charter',
    VIEW,
    async function orgCharterGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const { adopted, own, pledges, figures } = await organisationState(request);
      const canSign = can(actor, 'charter.sign', {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      });
      const path = orgCharterPath(partnership, organisation);
      const signature = adopted && own.find((s) => s.version_id === adopted.version.id);
      const earlier = own
        .filter((s) => !adopted || s.version_id !== adopted.version.id)
        .sort((a, b) => b.version_number - a.version_number)[0];
      return reply.page(
        `${V}/organisation.njk`,
        organisationCharterPage(
          partnership,
          organisation,
          adopted?.version,
          signature,
          signature ? undefined : earlier,
          pledgeViews(pledges, adopted?.items ?? [], figures, today(), {
            ...(canSign && {
              hrefs: (p) => ({
                change: `${path}/pledges/${p.id}`,
                withdraw: `${path}/pledges/${p.id}/withdraw`,
              }),
            }),
          }),
          canSign,
        ),
      );
    },
  );

  async function adoptedOrBack(request: FastifyRequest, reply: FastifyReply) {
    const { partnership, organisation } = inOrganisation(request);
    const adopted = await charter.adopted(partnership.id);
    if (!adopted) {
      request.session.notice = 'There is no adopted charter yet.';
      void reply.redirect(orgCharterPath(partnership, organisation), 303);
    }
    return adopted;
  }

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/charter/sign',
    SIGN,
    async function charterSignGet(request, reply) {
      const { partnership, organisation, user } = inOrganisation(request);
      const adopted = await adoptedOrBack(request, reply);
      if (!adopted) return reply;
      const [y, m, d] = today().split('-');
      return reply.page(
        `${V}/sign.njk`,
        signPage(partnership, organisation, adopted, {
          values: {
            signatoryName: user.display_name,
            'signedOn-day': String(Number(d)),
            'signedOn-month': String(Number(m)),
            'signedOn-year': y,
          },
          errors: noErrors,
        }),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/charter/sign',
    SIGN,
    async function charterSignPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const adopted = await adoptedOrBack(request, reply);
      if (!adopted) return reply;
      const body = formBody(request);
      const read = readSignature(body, today());
      const page = (errors: ReturnType<typeof formErrors>) =>
        reply.page(
          `${V}/sign.njk`,
          signPage(partnership, organisation, adopted, { values: body, errors }),
          400,
        );
      if (!read.ok) return page(formErrors(read.problems));
      try {
        const { version } = await charter.sign(
          partnership.id,
          organisation.id,
          read.values,
          auditActor,
        );
        request.session.flash = `${organisation.name} has signed version ${version.number} of the charter.`;
        return reply.redirect(orgCharterPath(partnership, organisation), 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        return page(formErrors([{ field: 'signedOn-day', text: reason }]));
      }
    },
  );

  async function pledgeChoices(partnershipId: string, adopted: VersionWithText) {
    const indicators = await knownIndicators(partnershipId);
    const commitments = adopted.items.filter((i) => i.kind === 'commitment');
    return {
      commitments,
      commitmentKeys: new Set(commitments.map((c) => c.key)),
      indicatorCodes: new Set(indicators.map((i) => i.id)),
    };
  }

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/new',
    SIGN,
    async function pledgeNewGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const adopted = await adoptedOrBack(request, reply);
      if (!adopted) return reply;
      const { commitments } = await pledgeChoices(partnership.id, adopted);
      return reply.page(
        `${V}/pledge-form.njk`,
        pledgeFormPage(partnership, organisation, commitments, undefined, {
          values: {},
          errors: noErrors,
        }),
      );
    },
  );

  async function savePledge(request: FastifyRequest, reply: FastifyReply, pledgeId: string | null) {
    const { partnership, organisation, auditActor } = inOrganisation(request);
    const adopted = await adoptedOrBack(request, reply);
    if (!adopted) return reply;
    const existing =
      pledgeId === null
        ? undefined
        : await charter.pledge(partnership.id, organisation.id, pledgeId);
    if (pledgeId !== null && (!existing || existing.withdrawn_on)) throw notFound();
    const { commitments, commitmentKeys, indicatorCodes } = await pledgeChoices(
      partnership.id,
      adopted,
    );
    const body = formBody(request);
    const read = readPledge(body, commitmentKeys, indicatorCodes);
    if (!read.ok)
      return reply.page(
        `${V}/pledge-form.njk`,
        pledgeFormPage(partnership, organisation, commitments, existing, {
          values: body,
          errors: formErrors(read.problems),
        }),
        400,
      );
    if (existing)
      await charter.updatePledge(
        partnership.id,
        organisation.id,
        existing.id,
        read.values,
        auditActor,
      );
    else await charter.addPledge(partnership.id, organisation.id, read.values, auditActor);
    request.session.flash = `The pledge has been ${existing ? 'saved' : 'added'}. It is shown on the public charter page with how it is going.`;
    return reply.redirect(orgCharterPath(partnership, organisation), 303);
  }

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/new',
    SIGN,
    async function pledgeNewPost(request, reply) {
      return savePledge(request, reply, null);
    },
  );

  app.get<PledgeParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/:pledgeId',
    SIGN,
    async function pledgeGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const adopted = await adoptedOrBack(request, reply);
      if (!adopted) return reply;
      const pledge = await charter.pledge(partnership.id, organisation.id, request.params.pledgeId);
      if (!pledge || pledge.withdrawn_on) throw notFound();
      const { commitments } = await pledgeChoices(partnership.id, adopted);
      return reply.page(
        `${V}/pledge-form.njk`,
        pledgeFormPage(partnership, organisation, commitments, pledge, {
          values: pledgeFormValues(pledge),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<PledgeParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/:pledgeId',
    SIGN,
    async function pledgePost(request, reply) {
      return savePledge(request, reply, request.params.pledgeId);
    },
  );

  app.get<PledgeParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/:pledgeId/withdraw',
    SIGN,
    async function pledgeWithdrawGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const pledge = await charter.pledge(partnership.id, organisation.id, request.params.pledgeId);
      if (!pledge || pledge.withdrawn_on) throw notFound();
      return reply.page(
        `${V}/withdraw-pledge.njk`,
        withdrawPledgePage(partnership, organisation, pledge, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post<PledgeParams>(
    '/manage/:slug/organisations/:orgId/charter/pledges/:pledgeId/withdraw',
    SIGN,
    async function pledgeWithdrawPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const pledge = await charter.pledge(partnership.id, organisation.id, request.params.pledgeId);
      if (!pledge || pledge.withdrawn_on) throw notFound();
      const body = formBody(request);
      const read = readWithdrawal(body);
      if (!read.ok)
        return reply.page(
          `${V}/withdraw-pledge.njk`,
          withdrawPledgePage(partnership, organisation, pledge, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      await charter.withdrawPledge(
        partnership.id,
        organisation.id,
        pledge.id,
        read.values.reason,
        today(),
        auditActor,
      );
      request.session.flash =
        'The pledge has been withdrawn. It stays on the public page, marked withdrawn, with your reason.';
      return reply.redirect(orgCharterPath(partnership, organisation), 303);
    },
  );
}
