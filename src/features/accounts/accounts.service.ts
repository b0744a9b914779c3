/**
 * Accounts: signing in (with an optional second factor), password resets and changes,
 * second-factor enrolment, invitations accepted, and users created from the command line.
 */
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { conflict, DomainError, notFound } from '../../core/errors.js';
import { isOrganisationRole, ROLE_LABELS, type Role } from '../../core/roles.js';
import type { DB, User } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { checkTotp, newTotpSecret } from '../../lib/totp.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import type { Mailer } from '../mail/mailer.js';
import {
  findUserByEmail,
  findUserById,
  listMembershipsOfUser,
  normaliseEmail,
  secondFactorRequired,
} from './accounts.repo.js';
import {
  auditSecurityEvent,
  logSecurityEvent,
  NO_ACCOUNT_LABEL,
  type SecurityAccount,
  type SecurityAction,
  type SecurityEvent,
} from './security-events.js';

const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_DAYS = 7;

export type SignInResult =
  { kind: 'signed-in'; user: User } | { kind: 'second-factor'; user: User } | { kind: 'invalid' };

export interface InvitationView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  pillars: string[] | null;
  partnershipId: string;
  partnershipName: string;
  partnershipSlug: string;
  organisationName: string | null;
  existingUser: boolean;
  expiresAt: Date;
}

export interface AccountsDeps {
  readonly db: Kysely<DB>;
  readonly mailer: Mailer;
  readonly config: Pick<Config, 'baseUrl'>;
  /** For the security events (see security-events.ts). */
  readonly logger: Logger;
}

export class AccountsService {
  readonly #db: Kysely<DB>;
  readonly #mailer: Mailer;
  readonly #baseUrl: string;
  readonly #log: Logger;

  constructor(deps: AccountsDeps) {
    this.#db = deps.db;
    this.#mailer = deps.mailer;
    this.#baseUrl = deps.config.baseUrl;
    this.#log = deps.logger;
  }

  /** A security event on its own: the audit entry in a transaction of its own, then the log line. */
  async #securityEvent(event: SecurityEvent): Promise<void> {
    await this.#db.transaction().execute((trx) => auditSecurityEvent(trx, event));
    this.#logEvent(event.action, event.account);
  }

  #logEvent(
    action: SecurityAction,
    account: SecurityAccount,
    extra: Readonly<Record<string, string | null>> = {},
  ) {
    logSecurityEvent(this.#log, action, account?.id ?? null, extra);
  }

  /**
   * Too many attempts at something that checks a password or a code (`what`, in plain English):
   * the account's, when the attempts were counted per account.
   */
  async recordAttemptsLimited(userId: string | null, what: string): Promise<void> {
    const user = userId ? await findUserById(this.#db, userId) : undefined;
    const account = user ?? null;
    await this.#db.transaction().execute((trx) =>
      auditSecurityEvent(trx, {
        action: 'attempts.limited',
        account,
        byAccountHolder: false,
        after: { attempts: what },
      }),
    );
    this.#logEvent('attempts.limited', account, { attempts: what });
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const user = await findUserByEmail(this.#db, email);
    if (!user || !user.password_hash || user.disabled_at) {
      await verifyAgainstDummy(password);
      await this.#securityEvent({
        action: 'sign-in.failed',
        account: user ?? null,
        byAccountHolder: false,
        actorLabel: NO_ACCOUNT_LABEL,
      });
      return { kind: 'invalid' };
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      await this.#securityEvent({
        action: 'sign-in.failed',
        account: user,
        byAccountHolder: false,
      });
      return { kind: 'invalid' };
    }
    if (user.totp_enabled_at && user.totp_secret) return { kind: 'second-factor', user };
    await this.#recordSignIn(user);
    return { kind: 'signed-in', user };
  }

  /** Checks a one-time code for a user part-way through signing in; a code is accepted once only. */
  async verifySecondFactor(userId: string, code: string): Promise<User | null> {
    const user = await findUserById(this.#db, userId);
    if (!user?.totp_secret || !user.totp_enabled_at || user.disabled_at) return null;
    const step = checkTotp(user.totp_secret, code);
    const accepted =
      step !== null &&
      (await this.#db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('users')
          .set({ totp_last_step: step, last_sign_in_at: sql`now()` })
          .where('id', '=', user.id)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await auditSecurityEvent(trx, {
          action: 'sign-in.succeeded',
          account: user,
          byAccountHolder: true,
          after: { with: 'password and security code' },
        });
        return true;
      }));
    if (!accepted) {
      await this.#securityEvent({
        action: 'sign-in.code-failed',
        account: user,
        byAccountHolder: false,
      });
      return null;
    }
    this.#logEvent('sign-in.succeeded', user);
    return user;
  }

  async #recordSignIn(user: User): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ last_sign_in_at: sql`now()` })
        .where('id', '=', user.id)
        .execute();
      await auditSecurityEvent(trx, {
        action: 'sign-in.succeeded',
        account: user,
        byAccountHolder: true,
        after: { with: 'password' },
      });
    });
    this.#logEvent('sign-in.succeeded', user);
  }

  /** Sends a reset link if the account exists. Says nothing either way: the caller shows the same page. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await findUserByEmail(this.#db, email);
    if (!user || user.disabled_at) {
      this.#logEvent('password.reset-requested', null, { outcome: 'no account: nothing sent' });
      return;
    }
    const token = await this.#db.transaction().execute(async (trx) => {
      await auditSecurityEvent(trx, {
        action: 'password.reset-requested',
        account: user,
        byAccountHolder: false,
      });
      return this.#createResetToken(user.id, trx);
    });
    this.#logEvent('password.reset-requested', user);
    await this.#mailer.send({
      to: user.email,
      subject: 'Reset your Anchorage password',
      text: [
        `Hello ${user.display_name},`,
        '',
        'Someone asked to reset the password for your Anchorage account.',
        'To choose a new password, open this link within 1 hour:',
        '',
        `${this.#baseUrl}/reset-password/${token}`,
        '',
        'If it was not you, ignore this email: your password has not changed.',
      ].join('\n'),
    });
  }

  async #createResetToken(userId: string, db: Kysely<DB> = this.#db): Promise<string> {
    const token = newToken();
    await db
      .insertInto('password_resets')
      .values({
        user_id: userId,
        token_hash: hashToken(token),
        expires_at: new Date(Date.now() + RESET_TTL_MS),
      })
      .execute();
    return token;
  }

  /** A one-off link to set a password, for accounts made on the command line without one. */
  async createSetPasswordLink(userId: string): Promise<string> {
    return `${this.#baseUrl}/reset-password/${await this.#createResetToken(userId)}`;
  }

  async isResetTokenValid(token: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('password_resets')
      .select('id')
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Sets the new password, uses up the token and signs the account out everywhere. */
  async completePasswordReset(token: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    const userId = await this.#db.transaction().execute(async (trx) => {
      const reset = await trx
        .updateTable('password_resets')
        .set({ used_at: sql`now()` })
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returning(['user_id'])
        .executeTakeFirst();
      if (!reset) return null;
      const user = await trx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('id', '=', reset.user_id)
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await trx
        .updateTable('password_resets')
        .set({ used_at: sql`now()` })
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .execute();
      await recordAudit(trx, {
        actor: { userId: user.id, label: user.email },
        partnershipId: null,
        entity: 'user',
        entityId: user.id,
        action: 'password.reset',
      });
      return user.id;
    });
    if (userId) logSecurityEvent(this.#log, 'password.reset', userId);
    return userId !== null;
  }

  async changePassword(
    userId: string,
    current: string,
    next: string,
    keepSessionId: string,
  ): Promise<boolean> {
    const user = await findUserById(this.#db, userId);
    if (!user) return false;
    if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) {
      await this.#securityEvent({
        action: 'password.change-failed',
        account: user,
        byAccountHolder: true,
      });
      return false;
    }
    const hash = await hashPassword(next);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('id', '=', userId)
        .execute();
      await trx
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '!=', keepSessionId)
        .execute();
      await recordAudit(trx, {
        actor: { userId, label: user.email },
        partnershipId: null,
        entity: 'user',
        entityId: userId,
        action: 'password.changed',
      });
    });
    this.#logEvent('password.changed', user);
    return true;
  }

  /** The person's roles in every partnership, for their account page. */
  memberships(userId: string) {
    return listMembershipsOfUser(this.#db, userId);
  }

  /** Whether a partnership the person belongs to requires two-step sign-in of its staff. */
  secondFactorRequired(userId: string): Promise<boolean> {
    return secondFactorRequired(this.#db, userId);
  }

  newTotpSecret(): string {
    return newTotpSecret();
  }

  async enableTotp(userId: string, secret: string, code: string): Promise<boolean> {
    const step = checkTotp(secret, code);
    if (step === null) {
      const user = await findUserById(this.#db, userId);
      if (user) {
        await this.#securityEvent({
          action: 'second-factor.code-failed',
          account: user,
          byAccountHolder: true,
        });
      }
      return false;
    }
    await this.#db.transaction().execute(async (trx) => {
      const user = await trx
        .updateTable('users')
        .set({ totp_secret: secret, totp_enabled_at: sql`now()`, totp_last_step: step })
        .where('id', '=', userId)
        .returning(['email'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: { userId, label: user.email },
        partnershipId: null,
        entity: 'user',
        entityId: userId,
        action: 'second-factor.enabled',
      });
    });
    logSecurityEvent(this.#log, 'second-factor.enabled', userId);
    return true;
  }

  async disableTotp(userId: string, password: string): Promise<boolean> {
    const user = await findUserById(this.#db, userId);
    if (!user) return false;
    if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
      await this.#securityEvent({
        action: 'second-factor.disable-failed',
        account: user,
        byAccountHolder: true,
      });
      return false;
    }
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', userId)
        .execute();
      await recordAudit(trx, {
        actor: { userId, label: user.email },
        partnershipId: null,
        entity: 'user',
        entityId: userId,
        action: 'second-factor.disabled',
      });
    });
    this.#logEvent('second-factor.disabled', user);
    return true;
  }

  async findInvitation(token: string): Promise<InvitationView | null> {
    const row = await this.#db
      .selectFrom('invitations as i')
      .innerJoin('partnerships as p', 'p.id', 'i.partnership_id')
      .leftJoin('organisations as o', 'o.id', 'i.organisation_id')
      .leftJoin('users as u', 'u.email', 'i.email')
      .select([
        'i.id',
        'i.email',
        'i.display_name',
        'i.role',
        'i.pillars',
        'i.expires_at',
        'p.id as partnership_id',
        'p.name as partnership_name',
        'p.slug as partnership_slug',
        'o.name as organisation_name',
        'u.id as user_id',
      ])
      .where('i.token_hash', '=', hashToken(token))
      .where('i.accepted_at', 'is', null)
      .where('i.revoked_at', 'is', null)
      .where('i.expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      roleLabel: ROLE_LABELS[row.role],
      pillars: row.pillars,
      partnershipId: row.partnership_id,
      partnershipName: row.partnership_name,
      partnershipSlug: row.partnership_slug,
      organisationName: row.organisation_name,
      existingUser: row.user_id !== null,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Accepts an invitation. A new person gives a name and password and gets an account; someone
   * who already has an account must be signed in as the invited address.
   */
  async acceptInvitation(
    token: string,
    who:
      { kind: 'new'; displayName: string; password: string } | { kind: 'existing'; userId: string },
  ): Promise<User> {
    const hash = who.kind === 'new' ? await hashPassword(who.password) : null;
    const { user, partnershipId } = await this.#db.transaction().execute(async (trx) => {
      const invitation = await trx
        .updateTable('invitations')
        .set({ accepted_at: sql`now()` })
        .where('token_hash', '=', hashToken(token))
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returningAll()
        .executeTakeFirst();
      if (!invitation) throw notFound('Invitation not found, used or expired');
      let user: User;
      if (who.kind === 'existing') {
        const existing = await trx
          .selectFrom('users')
          .selectAll()
          .where('id', '=', who.userId)
          .executeTakeFirstOrThrow();
        if (existing.email !== invitation.email) {
          throw new DomainError(
            'FORBIDDEN',
            'Invitation is for another address',
            `This invitation was sent to ${invitation.email}. Sign out and sign in with that address to accept it.`,
          );
        }
        user = existing;
      } else {
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('email', '=', invitation.email)
          .executeTakeFirst();
        if (taken) throw conflict('An account already exists for this address: sign in to accept.');
        user = await trx
          .insertInto('users')
          .values({ email: invitation.email, display_name: who.displayName, password_hash: hash })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: { userId: user.id, label: user.email },
          partnershipId: invitation.partnership_id,
          entity: 'user',
          entityId: user.id,
          action: 'user.created',
          after: { email: user.email, display_name: user.display_name },
        });
      }
      const membership = await trx
        .insertInto('memberships')
        .values({
          user_id: user.id,
          partnership_id: invitation.partnership_id,
          organisation_id: invitation.organisation_id,
          role: invitation.role,
          pillars: invitation.pillars,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      await recordAudit(trx, {
        actor: { userId: user.id, label: user.email },
        partnershipId: invitation.partnership_id,
        entity: 'membership',
        entityId: membership?.id ?? null,
        action: 'invitation.accepted',
        after: {
          invitation_id: invitation.id,
          role: invitation.role,
          organisation_id: invitation.organisation_id,
          pillars: invitation.pillars,
        },
      });
      return { user, partnershipId: invitation.partnership_id };
    });
    this.#logEvent('invitation.accepted', user, { partnershipId });
    return user;
  }

  /** Creates an account directly (command line, demo). Optionally grants one membership. */
  async createUser(
    input: {
      email: string;
      displayName: string;
      password?: string;
      platformAdmin?: boolean;
      membership?: {
        partnershipId: string;
        organisationId: string | null;
        role: Role;
        pillars?: string[] | null;
      };
    },
    actor: AuditActor,
  ): Promise<User> {
    const email = normaliseEmail(input.email);
    const hash = input.password ? await hashPassword(input.password) : null;
    if (
      input.membership &&
      isOrganisationRole(input.membership.role) !== !!input.membership.organisationId
    ) {
      throw new DomainError(
        'INVALID',
        'role/organisation mismatch',
        'Organisation roles need an organisation; partnership roles must not have one.',
      );
    }
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const user =
        existing ??
        (await trx
          .insertInto('users')
          .values({
            email,
            display_name: input.displayName,
            password_hash: hash,
            is_platform_admin: input.platformAdmin ?? false,
          })
          .returningAll()
          .executeTakeFirstOrThrow());
      if (!existing) {
        await recordAudit(trx, {
          actor,
          partnershipId: input.membership?.partnershipId ?? null,
          entity: 'user',
          entityId: user.id,
          action: 'user.created',
          after: {
            email,
            display_name: input.displayName,
            is_platform_admin: user.is_platform_admin,
          },
        });
      }
      if (input.membership) {
        const m = await trx
          .insertInto('memberships')
          .values({
            user_id: user.id,
            partnership_id: input.membership.partnershipId,
            organisation_id: input.membership.organisationId,
            role: input.membership.role,
            pillars: input.membership.pillars ?? null,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (m) {
          await recordAudit(trx, {
            actor,
            partnershipId: m.partnership_id,
            entity: 'membership',
            entityId: m.id,
            action: 'membership.granted',
            after: {
              user: email,
              role: m.role,
              organisation_id: m.organisation_id,
              pillars: m.pillars,
            },
          });
        }
      }
      return user;
    });
  }
}
