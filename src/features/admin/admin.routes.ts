/** Platform administration: the list of partnerships, the mail outbox and the whole audit log. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { linkParts } from '../../lib/links.js';
import { AUDIT_VIEW, auditPage } from '../audit/audit.pages.js';

const V = 'features/admin/views';
const PLATFORM = { href: '/admin', text: 'Platform' };

export function registerAdminRoutes(app: FastifyInstance, deps: Deps) {
  const { admin } = deps;

  app.get(
    '/admin',
    { config: { access: 'platform.partnerships.create' } },
    async function adminGet(request, reply) {
      return reply.page(`${V}/admin.njk`, {
        title: 'Platform',
        partnerships: await admin.partnerships(),
        mailer: deps.mailer.kind,
      });
    },
  );

  app.get(
    '/admin/outbox',
    { config: { access: 'platform.outbox.view' } },
    async function outboxGet(request, reply) {
      return reply.page(`${V}/outbox.njk`, {
        title: 'Mail outbox',
        messages: await admin.outbox(),
        breadcrumbs: [PLATFORM],
      });
    },
  );

  app.get<{ Params: { messageId: string } }>(
    '/admin/outbox/:messageId',
    { config: { access: 'platform.outbox.view' } },
    async function outboxMessageGet(request, reply) {
      const message = await admin.outboxMessage(request.params.messageId);
      return reply.page(`${V}/outbox-message.njk`, {
        title: message.subject,
        message,
        bodyParts: linkParts(message.body_text),
        breadcrumbs: [PLATFORM, { href: '/admin/outbox', text: 'Mail outbox' }],
      });
    },
  );

  app.get<{ Querystring: { before?: string } }>(
    '/admin/audit',
    { config: { access: 'platform.audit.view' } },
    async function platformAuditGet(request, reply) {
      const page = await deps.auditLog.page({ before: request.query.before });
      return reply.page(
        AUDIT_VIEW,
        auditPage(page, { path: '/admin/audit', showPartnership: true, breadcrumbs: [PLATFORM] }),
      );
    },
  );
}
