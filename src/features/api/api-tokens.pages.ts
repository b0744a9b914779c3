/**
 * The pages where a person manages their API tokens: the list (last used, when each expires, a
 * button to revoke each that still works) with the form to make one, and the page that shows a
 * new token's text, once, with how to use it.
 */
import { EXPIRY_DAYS, SCOPE_LABELS, TOKEN_SCOPES } from '../../core/api/tokens.js';
import { formatDate } from '../../core/dates.js';
import type { MembershipSummary } from '../accounts/accounts.repo.js';
import type { FormErrors } from '../../http/form-errors.js';
import type { ApiTokenSummary } from './api-tokens.service.js';

export const V = 'features/api/views';
export const TOKENS_PATH = '/account/api-tokens';

/** The partnerships a person can make a token for: those they have a role in, once each. */
export function tokenPartnerships(memberships: readonly MembershipSummary[]) {
  const seen = new Map<string, { id: string; name: string; slug: string }>();
  for (const m of memberships)
    seen.set(m.partnership_id, {
      id: m.partnership_id,
      name: m.partnership_name,
      slug: m.partnership_slug,
    });
  return [...seen.values()];
}

function standing(t: ApiTokenSummary, now: Date) {
  if (t.revokedAt) return { works: false, text: `Revoked on ${formatDate(t.revokedAt)}` };
  if (t.expiresAt <= now) return { works: false, text: `Expired on ${formatDate(t.expiresAt)}` };
  return { works: true, text: `Works until ${formatDate(t.expiresAt)}` };
}

export function tokensPage(
  tokens: readonly ApiTokenSummary[],
  partnerships: readonly { id: string; name: string }[],
  form: { values: Record<string, unknown>; errors: FormErrors },
  now = new Date(),
) {
  const chosen = (name: string, value: string, fallback?: string) =>
    (typeof form.values[name] === 'string' ? form.values[name] : fallback) === value;
  return {
    title: 'API tokens',
    tokens: tokens.map((t) => {
      const s = standing(t, now);
      return {
        name: t.name,
        partnership: t.partnershipName,
        scope: SCOPE_LABELS[t.scope],
        created: formatDate(t.createdAt),
        lastUsed: t.lastUsedAt ? formatDate(t.lastUsedAt) : 'Never',
        standing: s.text,
        revokeAction: s.works ? `${TOKENS_PATH}/${t.id}/revoke` : undefined,
      };
    }),
    partnerships: partnerships.map((p) => ({
      value: p.id,
      text: p.name,
      checked: chosen('partnership', p.id, partnerships.length === 1 ? p.id : undefined),
    })),
    onlyPartnership: partnerships.length === 1 ? partnerships[0] : undefined,
    scopes: TOKEN_SCOPES.map((scope) => ({
      value: scope,
      text: SCOPE_LABELS[scope],
      hint: {
        text:
          scope === 'read'
            ? 'See reporting periods and the returns you can see.'
            : 'Also enter figures and send returns for review, as you can in the service.',
      },
      checked: chosen('scope', scope, 'read'),
    })),
    expiries: EXPIRY_DAYS.map((days) => ({
      value: String(days),
      text: days === 365 ? '1 year' : `${days} days`,
      checked: chosen('expiry', String(days), '90'),
    })),
    action: TOKENS_PATH,
    values: form.values,
    errors: form.errors,
    breadcrumbs: [{ href: '/account', text: 'Your account' }],
  };
}

export function createdPage(baseUrl: string, token: ApiTokenSummary, text: string) {
  return {
    title: 'Your new API token',
    name: token.name,
    text,
    scope: SCOPE_LABELS[token.scope],
    partnership: token.partnershipName,
    expires: formatDate(token.expiresAt),
    example: `curl -H "Authorization: Bearer ${text}" ${baseUrl}/api/v1/partnerships/${token.partnershipSlug}/returns`,
    docsHref: '/api',
    backHref: TOKENS_PATH,
    breadcrumbs: [
      { href: '/account', text: 'Your account' },
      { href: TOKENS_PATH, text: 'API tokens' },
    ],
  };
}
