/**
 * Limits on attempts at a password, a security code or an emailed link, through
 * @fastify/rate-limit (registered with `global: false`, so only routes that ask are limited).
 *
 * - Before sign-in, attempts are counted per network address.
 * - Part-way through signing in (password given, code awaited) and once signed in, they are
 *   counted per account, so changing address does not buy more guesses.
 *
 * The first refusal of a window is a security event (audit log and server log); the ones after
 * it within the window are not recorded again, so a flood of requests cannot flood the log.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../../http/types.js';
import type { AccountsService } from './accounts.service.js';

export type CountedBy = 'address' | 'account';

const MAX_REMEMBERED = 10_000;

/** The key attempts are counted under. */
export function attemptKey(request: FastifyRequest, by: CountedBy): string {
  if (by === 'account') {
    const { userId, pendingUserId } = request.session;
    if (userId) return `account:${userId}`;
    if (pendingUserId) return `signing-in:${pendingUserId}`;
  }
  return `address:${request.ip}`;
}

export function attemptLimits(deps: {
  readonly windowMinutes: number;
  readonly accounts: Pick<AccountsService, 'recordAttemptsLimited'>;
}) {
  const windowMs = deps.windowMinutes * 60_000;
  /** When the current window ends, by route and key, for the refusals already recorded. */
  const recorded = new Map<string, number>();

  function firstRefusalInWindow(key: string): boolean {
    const now = Date.now();
    if ((recorded.get(key) ?? 0) > now) return false;
    if (recorded.size >= MAX_REMEMBERED) {
      for (const [k, until] of recorded) if (until <= now) recorded.delete(k);
      // Still full (many addresses at once): forget the oldest, at worst recording one twice.
      for (const k of recorded.keys()) {
        if (recorded.size < MAX_REMEMBERED) break;
        recorded.delete(k);
      }
    }
    recorded.set(key, now + windowMs);
    return true;
  }

  /**
   * Route options for a route that checks a password or a code: its access, the limit, and the
   * hook that records the first refusal. `what` names the action in plain English for the log.
   */
  return function limited(options: {
    readonly access: Access;
    readonly beforeSecondFactor?: boolean;
    readonly what: string;
    readonly max: number;
    readonly by: CountedBy;
  }) {
    const { what, by } = options;
    return {
      config: {
        access: options.access,
        ...(options.beforeSecondFactor ? { beforeSecondFactor: true } : {}),
        rateLimit: {
          max: options.max,
          timeWindow: windowMs,
          ...(by === 'account'
            ? { keyGenerator: (request: FastifyRequest) => attemptKey(request, by) }
            : {}),
        },
      },
      onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        if (reply.statusCode !== 429) return payload;
        const key = attemptKey(request, by);
        if (!firstRefusalInWindow(`${request.routeOptions.url ?? ''} ${key}`)) return payload;
        const { userId, pendingUserId } = request.session;
        const accountId = by === 'account' ? (userId ?? pendingUserId ?? null) : null;
        await deps.accounts.recordAttemptsLimited(accountId, what).catch((err: unknown) => {
          request.log.warn({ err }, 'could not record too many attempts');
        });
        return payload;
      },
    };
  };
}
