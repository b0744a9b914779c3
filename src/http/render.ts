/** reply.page(): renders a Nunjucks view with what every page's layout needs. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { can } from '../core/roles.js';
import { csrfUserInfo } from './csrf.js';

export type PageRenderer = (
  reply: FastifyReply,
  template: string,
  data?: Record<string, unknown>,
) => string;

interface NavItem {
  text: string;
  href: string;
  /** Other paths that belong to this section. */
  also?: string[];
  current?: boolean;
}

export function registerRender(
  app: FastifyInstance,
  views: nunjucks.Environment,
  assetVersion: string,
): PageRenderer {
  /** The page's HTML with the layout's context: for reply.page() and for the error guard. */
  function renderPage(reply: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = reply.request;
    const flash = request.session?.flash;
    if (flash && request.session) request.session.flash = undefined;
    const notice = request.session?.notice;
    if (notice && request.session) request.session.notice = undefined;
    const context = {
      user: request.user
        ? {
            displayName: request.user.display_name,
            email: request.user.email,
            isPlatformAdmin: request.user.is_platform_admin,
          }
        : null,
      csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
      cspNonce: reply.cspNonce?.script,
      assetVersion,
      currentPath: request.url.split('?')[0],
      partnership: request.partnership,
      isDemo: request.partnership?.is_demo ?? false,
      navigation: navigationFor(request, data[HOME_PARTNERSHIP] as NavPartnership | undefined),
      flash,
      notice,
      ...data,
    };
    return views.render(template, context);
  }

  app.decorateReply(
    'page',
    function page(
      this: FastifyReply,
      template: string,
      data: Record<string, unknown> = {},
      statusCode?: number,
    ) {
      const html = renderPage(this, template, data);
      if (statusCode) this.code(statusCode);
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
  return renderPage;
}

/**
 * A page's data may name, under this key, the one partnership a person has a role in: their
 * landing page (/manage) then shows that partnership's sections (Returns, Spend, …) after "Your
 * partnerships", so the navigation leads to the work from the first page.
 */
export const HOME_PARTNERSHIP = 'homePartnership';

type NavPartnership = { readonly id: string; readonly slug: string };

function navigationFor(request: FastifyRequest, home?: NavPartnership): NavItem[] {
  const actor = request.actor;
  if (!actor) return [];
  const path = request.url.split('?')[0] ?? '';
  const items: NavItem[] = [];
  const p = request.partnership;
  if (p && path.startsWith(`/manage/${p.slug}`)) {
    items.push(...partnershipSections(actor, p));
  } else {
    items.push({ text: 'Your partnerships', href: '/manage' });
    if (home) items.push(...partnershipSections(actor, home));
    if (actor.isPlatformAdmin) items.push({ text: 'Platform', href: '/admin' });
  }
  // The longest matching prefix is the current section.
  let best: NavItem | undefined;
  let bestLength = 0;
  for (const item of items) {
    for (const href of [item.href, ...(item.also ?? [])]) {
      if ((path === href || path.startsWith(`${href}/`)) && href.length > bestLength) {
        best = item;
        bestLength = href.length;
      }
    }
  }
  if (best) best.current = true;
  return items;
}

/** A partnership's sections that the person may open. */
function partnershipSections(actor: NonNullable<FastifyRequest['actor']>, p: NavPartnership) {
  const items: NavItem[] = [];
  const base = `/manage/${p.slug}`;
  const target = { partnershipId: p.id };
  // An organisation role's Returns and Spend are those of their own organisation.
  const own = [
    ...new Set(
      actor.memberships
        .filter((m) => m.partnershipId === p.id && m.organisationId)
        .map((m) => m.organisationId as string),
    ),
  ];
  const ownWhere = (action: 'return.view' | 'spend.view') =>
    own.find((organisationId) => can(actor, action, { ...target, organisationId }));
  items.push({ text: 'Overview', href: base });
  const ownReturns = ownWhere('return.view');
  if (can(actor, 'reviews.queue', target))
    items.push({ text: 'Returns', href: `${base}/returns`, also: [`${base}/queries`] });
  else if (ownReturns)
    items.push({ text: 'Returns', href: `${base}/organisations/${ownReturns}/returns` });
  if (can(actor, 'dashboard.partnership.view', target)) {
    items.push({ text: 'Dashboard', href: `${base}/dashboard` });
  }
  const ownSpend = ownWhere('spend.view');
  if (can(actor, 'spend.partnership.view', target))
    items.push({ text: 'Spend', href: `${base}/spend`, also: [`${base}/lm3`] });
  else if (ownSpend) items.push({ text: 'Spend', href: `${base}/organisations/${ownSpend}/spend` });
  const ownEnvironment = own.find((organisationId) =>
    can(actor, 'environment.view', { ...target, organisationId, pillar: 'environment' }),
  );
  if (can(actor, 'environment.partnership.view', target))
    items.push({ text: 'Environment', href: `${base}/environment` });
  else if (ownEnvironment)
    items.push({
      text: 'Environment',
      href: `${base}/organisations/${ownEnvironment}/environment`,
    });
  if (can(actor, 'suppliers.view', target))
    items.push({ text: 'Suppliers', href: `${base}/suppliers` });
  if (can(actor, 'initiatives.view', target))
    items.push({ text: 'Joint initiatives', href: `${base}/initiatives` });
  if (can(actor, 'charter.view', target)) items.push({ text: 'Charter', href: `${base}/charter` });
  items.push({ text: 'Framework', href: `${base}/framework` });
  if (can(actor, 'organisations.list', target)) {
    items.push({ text: 'Organisations', href: `${base}/organisations` });
  }
  if (can(actor, 'partnership.people.view', target)) {
    items.push({ text: 'People', href: `${base}/people` });
  }
  if (can(actor, 'partnership.audit.view', target)) {
    items.push({ text: 'Audit log', href: `${base}/audit` });
  }
  if (can(actor, 'partnership.settings.edit', target)) {
    items.push({ text: 'Settings', href: `${base}/settings` });
  }
  return items;
}
