/** The audit log page (views/audit.njk), for the platform and for a partnership. */
import type { AuditPage } from './audit.service.js';

export const AUDIT_VIEW = 'views/audit.njk';

export function auditPage(
  page: AuditPage,
  options: {
    /** The page's own path: older entries are at `${path}?before=…`. */
    path: string;
    showPartnership?: boolean;
    breadcrumbs: { href: string; text: string }[];
  },
) {
  return {
    title: 'Audit log',
    entries: page.entries,
    ...(options.showPartnership ? { showPartnership: true } : {}),
    nextHref: page.olderThan === null ? null : `${options.path}?before=${page.olderThan}`,
    breadcrumbs: options.breadcrumbs,
  };
}
