/** Platform administration: the list of partnerships, the mail outbox and the whole audit log. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { listAudit } from '../audit/audit.repo.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { linkParts } from '../../lib/links.js';

const V = 'features/admin/views';

export function registerAdminRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;

  app.get(
    '/admin',
    { config: { access: 'platform.partnerships.create' } },
    async function adminGet(request, reply) {
      const partnerships = await db
        .selectFrom('partnerships as p')
        .select((eb) => [
          'p.slug',
          'p.name',
          'p.is_public',
          'p.is_demo',
          'p.created_at',
          eb
            .selectFrom('organisations as o')
            .whereRef('o.partnership_id', '=', 'p.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('organisations'),
        ])
        .orderBy('p.name')
        .execute();
      return reply.page(`${V}/admin.njk`, {
        title: 'Platform',
        partnerships,
        mailer: deps.mailer.kind,
      });
    },
  );

  app.get(
    '/admin/outbox',
    { config: { access: 'platform.outbox.view' } },
    async function outboxGet(request, reply) {
      const messages = await db
        .selectFrom('mail_outbox')
        .select(['id', 'created_at', 'to_address', 'subject'])
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      return reply.page(`${V}/outbox.njk`, {
        title: 'Mail outbox',
        messages,
        breadcrumbs: [{ href: '/admin', text: 'Platform' }],
      });
    },
  );

  app.get<{ Params: { messageId: string } }>(
    '/admin/outbox/:messageId',
    { config: { access: 'platform.outbox.view' } },
    async function outboxMessageGet(request, reply) {
      const id = request.params.messageId;
      const message = isUuid(id)
        ? await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst()
        : undefined;
      if (!message) throw notFound();
      return reply.page(`${V}/outbox-message.njk`, {
        title: message.subject,
        message,
        bodyParts: linkParts(message.body_text),
        breadcrumbs: [
          { href: '/admin', text: 'Platform' },
          { href: '/admin/outbox', text: 'Mail outbox' },
        ],
      });
    },
  );

  app.get<{ Querystring: { before?: string } }>(
    '/admin/audit',
    { config: { access: 'platform.audit.view' } },
    async function platformAuditGet(request, reply) {
      const beforeId = Number(request.query.before) || undefined;
      const entries = await listAudit(db, { limit: 50, ...(beforeId ? { beforeId } : {}) });
      return reply.page('views/audit.njk', {
        title: 'Audit log',
        entries,
        showPartnership: true,
        nextHref:
          entries.length === 50 ? `/admin/audit?before=${entries[entries.length - 1]?.id}` : null,
        breadcrumbs: [{ href: '/admin', text: 'Platform' }],
      });
    },
  );
}
