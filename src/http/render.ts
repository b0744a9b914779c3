/** reply.page(): renders a Nunjucks view with what every page's layout needs. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { can } from '../core/roles.js';
import { BoundedMemo } from '../lib/bounded-memo.js';
import { keptBody, type KeptBody } from './conditional-get.js';
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
  options: { readonly remember?: boolean } = {},
): PageRenderer {
  const remembered = options.remember === false ? null : renderedPages();

  /** The page's HTML with the layout's context: for reply.page() and for the error guard. */
  function renderPage(
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown> = {},
  ): string {
    const page = render(reply, template, data);
    return typeof page === 'string' ? page : page.html;
  }

  /** The page, kept (with its bytes and ETag) when it is the same for every anonymous visitor. */
  function render(
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown>,
    versionKey?: string,
  ): KeptPage | string {
    const request = reply.request;
    const flash = request.session?.flash;
    if (flash && request.session) request.session.flash = undefined;
    const notice = request.session?.notice;
    if (notice && request.session) request.session.notice = undefined;
    const layout = {
      user: request.user
        ? {
            displayName: request.user.display_name,
            email: request.user.email,
            isPlatformAdmin: request.user.is_platform_admin,
          }
        : null,
      assetVersion,
      currentPath: request.url.split('?')[0],
      partnership: request.partnership,
      isDemo: request.partnership?.is_demo ?? false,
      navigation: navigationFor(request, data[HOME_PARTNERSHIP] as NavPartnership | undefined),
      flash,
      notice,
    };
    // The token (and the secret cookie behind it) is made only if the page has a form.
    const csrfToken = new LazyCsrfToken(() =>
      reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
    );
    const context = { ...layout, csrfToken, ...data };
    const key =
      remembered && !request.user ? (versionKey ?? pageKey(template, context)) : undefined;
    const known = key && remembered?.get(key);
    if (known) return known;
    const html = views.render(template, context);
    if (!key || csrfToken.made) return html;
    const page = { html, ...keptBody(html) };
    remembered?.set(key, page);
    return page;
  }

  function send(reply: FastifyReply, page: KeptPage | string): FastifyReply {
    reply.type('text/html; charset=utf-8');
    if (typeof page === 'string') return reply.send(page);
    return reply.header('etag', page.etag).send(page.body);
  }

  app.decorateReply(
    'page',
    function page(
      this: FastifyReply,
      template: string,
      data: Record<string, unknown> = {},
      statusCode?: number,
    ) {
      const page = render(this, template, data);
      if (statusCode) this.code(statusCode);
      return send(this, page);
    },
  );
  app.decorateReply(
    'pageOf',
    async function pageOf(
      this: FastifyReply,
      version: string,
      template: string,
      build: () => Promise<Record<string, unknown>> | Record<string, unknown>,
    ) {
      const key = versionKeyOf(this.request, version, template);
      const known = key && remembered?.get(key);
      return send(this, known || render(this, template, await build(), key));
    },
  );
  return renderPage;
}

/**
 * The key of a page that shows only what `version` stands for (and its own address): for an
 * anonymous visitor with no message waiting, the page can be sent again without building its data
 * or hashing it. Undefined when the page must be built (someone signed in, a message to show).
 */
function versionKeyOf(request: FastifyRequest, version: string, template: string) {
  if (request.user || request.session?.flash || request.session?.notice) return undefined;
  return `${version}\u0000${template}\u0000${request.url.split('?')[0] ?? ''}`;
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
  else if (ownSpend)
    // An import's batch page is the partnership's address for it, whoever imported it.
    items.push({
      text: 'Spend',
      href: `${base}/organisations/${ownSpend}/spend`,
      also: [`${base}/spend/batches`],
    });
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
  if (can(actor, 'charter.view', target))
    // An organisation's own charter page (its signature and pledges) is part of the charter.
    items.push({
      text: 'Charter',
      href: `${base}/charter`,
      also: own.map((organisationId) => `${base}/organisations/${organisationId}/charter`),
    });
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

/**
 * A form's CSRF token, made when a template first writes it (`{{ csrfToken }}`), then the same
 * for the rest of the page. A page without a form makes none, so it sets no cookie and is the
 * same for every anonymous visitor: it can be remembered and answered 304 (decision 031).
 */
export class LazyCsrfToken {
  readonly #make: () => string;
  #token: string | undefined;

  constructor(make: () => string) {
    this.#make = make;
  }

  get made(): boolean {
    return this.#token !== undefined;
  }

  toString(): string {
    this.#token ??= this.#make();
    return this.#token;
  }
}

/**
 * Pages rendered for anonymous visitors, by a hash of the template and everything it was given
 * (or by the version of what they show: reply.pageOf): the same inputs give the same HTML, so
 * nothing here can go stale. Only pages that wrote no CSRF token are kept (such a page differs for
 * every visitor). The nhsuk-frontend macros cost about 40 µs a table cell, a millisecond for a
 * short table: more than the queries behind the page.
 */
const renderedPages = () =>
  new BoundedMemo<KeptPage>({
    maxEntries: 256,
    maxSize: 16_000_000,
    sizeOf: (page) => page.html.length + page.body.length,
  });

/** A kept page: its HTML, and its bytes and ETag so that sending it again costs neither. */
interface KeptPage extends KeptBody {
  readonly html: string;
}

const DATE_MARK = '\u0000date:';

/**
 * The key of a page: a hash of the template's name and its context as plain data (objects,
 * arrays, strings, numbers, booleans, null, dates), or undefined when the context holds anything
 * else (a function, a Map, a class instance, a number that JSON cannot write, a hole in an
 * array): such a page is rendered every time. The CSRF token is left out: a page that writes it
 * is not kept.
 */
export function pageKey(template: string, context: Record<string, unknown>): string | undefined {
  let plain = true;
  let json: string;
  try {
    json = JSON.stringify(context, function plainOnly(this: unknown, name: string, value: unknown) {
      const raw = (this as Record<string, unknown>)[name];
      if (raw instanceof LazyCsrfToken) return undefined;
      if (raw instanceof Date) return `${DATE_MARK}${String(value)}`;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) plain = false;
        return value;
      }
      if (value === undefined) {
        if (Array.isArray(this)) plain = false;
        return value;
      }
      // The value itself, not what its toJSON() made of it: a Buffer or a class is not plain.
      if (typeof raw === 'object' && raw === value) {
        // An array with other properties than its items: JSON would leave them out.
        if (Array.isArray(raw)) plain &&= Object.keys(raw).length === raw.length;
        const proto = Object.getPrototypeOf(raw) as unknown;
        if (Array.isArray(raw) || proto === Object.prototype || proto === null) return value;
      }
      plain = false;
      return null;
    });
  } catch {
    return undefined;
  }
  if (!plain) return undefined;
  return createHash('sha256').update(template).update('\u0000').update(json).digest('base64');
}
