/**
 * Security events: signing in (and failing to), too many attempts, second-factor and password
 * changes, resets and invitations accepted. Each is an audit log entry, written in the
 * transaction of the change it records (or its own, when nothing changed), and one structured
 * line in the server log with `security` set to the event and the account's id (never an email
 * address, a password or a code).
 *
 * Entries about an account are not about one partnership (a person may belong to several), so
 * they are kept with no partnership and appear in the platform's audit log; an accepted
 * invitation belongs to the partnership that sent it.
 */
import type { Transaction } from 'kysely';
import { describeAuditAction } from '../../core/audit-actions.js';
import type { DB } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import { recordAudit } from '../audit/audit.repo.js';

export const SECURITY_ACTIONS = [
  'sign-in.succeeded',
  'sign-in.failed',
  'sign-in.code-failed',
  'attempts.limited',
  'password.changed',
  'password.change-failed',
  'password.reset-requested',
  'password.reset',
  'second-factor.enabled',
  'second-factor.disabled',
  'second-factor.code-failed',
  'second-factor.disable-failed',
  'invitation.accepted',
] as const;

export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

/** Refusals are logged as warnings, the rest as information. */
const REFUSALS: ReadonlySet<SecurityAction> = new Set([
  'sign-in.failed',
  'sign-in.code-failed',
  'attempts.limited',
  'password.change-failed',
  'second-factor.code-failed',
  'second-factor.disable-failed',
]);

/** Who an event is about: an account, or nobody known (an address with no account). */
export type SecurityAccount = { readonly id: string; readonly email: string } | null;

export interface SecurityEvent {
  readonly action: SecurityAction;
  readonly account: SecurityAccount;
  /** Whether the account holder did this (signed in), or someone tried it on their account. */
  readonly byAccountHolder: boolean;
  readonly partnershipId?: string | null;
  /** Shown with the entry: never a password, code, token or secret. */
  readonly after?: Readonly<Record<string, unknown>>;
  readonly entity?: string;
  readonly entityId?: string | null;
  /** Who, when no account is known (default: someone not signed in). */
  readonly actorLabel?: string;
}

export const NO_ACCOUNT_LABEL = 'an address with no account';
export const NOT_SIGNED_IN_LABEL = 'someone not signed in';

export async function auditSecurityEvent(trx: Transaction<DB>, event: SecurityEvent) {
  await recordAudit(trx, {
    actor: {
      userId: event.byAccountHolder ? (event.account?.id ?? null) : null,
      label: event.account?.email ?? event.actorLabel ?? NOT_SIGNED_IN_LABEL,
    },
    partnershipId: event.partnershipId ?? null,
    entity: event.entity ?? 'user',
    entityId: event.entityId !== undefined ? event.entityId : (event.account?.id ?? null),
    action: event.action,
    ...(event.after ? { after: event.after } : {}),
  });
}

/** One line in the server log, once the change is committed. */
export function logSecurityEvent(
  log: Logger,
  action: SecurityAction,
  userId: string | null,
  extra: Readonly<Record<string, string | null>> = {},
) {
  const line = { security: { event: action, userId, ...extra } };
  if (REFUSALS.has(action)) log.warn(line, describeAuditAction(action));
  else log.info(line, describeAuditAction(action));
}
