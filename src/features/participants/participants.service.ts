/**
 * Participants' light accounts and their own data (SPEC §2.1, §2.8): creating an account with an
 * email address and a password, signing in with a one-time link sent by email, everything the
 * person contributed (to read and to download, each download audited), and deleting the account
 * with what they wrote anonymised or removed (audited).
 *
 * An account is created in two steps, so that the answer never says whether an address already
 * has one, and an address is only used once its owner has opened a link sent to it: the account
 * is made *waiting* (disabled_at = created_at: it cannot be signed in to) and a sign-in link is
 * emailed; the link, used, completes it and signs the person in. An address that already has an
 * account gets an email saying so, with a link to sign in, and the person sees the same page.
 *
 * Sign-in links are kept as password reset links are (table password_resets: the token's hash,
 * its expiry, when it was used), hashed with a prefix of their own so that a sign-in link cannot
 * be used to reset a password, nor a reset link to sign in. Waiting accounts whose links have all
 * expired unused are removed, so an address someone typed is not kept.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config.js';
import { forbidden, notFound } from '../../core/errors.js';
import {
  DELETE_CHOICE_AUDITED,
  DELETED_ACCOUNT_NAME,
  PARTICIPANT_ACCOUNT_NAME,
  SIGN_IN_LINK_MINUTES,
  deletedAccountEmail,
  priorityFate,
  type DeleteChoice,
  type DeletionCounts,
} from '../../core/participants/accounts.js';
import type { Contributions, PublicAnswer } from '../../core/participants/contributions.js';
import { contributionCount, surveyAnswerText } from '../../core/participants/contributions.js';
import type { DB, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../logger.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { normaliseEmail } from '../accounts/accounts.repo.js';
import { auditSecurityEvent, logSecurityEvent } from '../accounts/security-events.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import type { Mailer } from '../mail/mailer.js';

/** The hash a sign-in link is kept under: apart from password reset links' (hashToken(token)). */
export function signInLinkHash(token: string): string {
  return hashToken(`sign-in-link:${token}`);
}

/** Where an address stands. */
type AccountState =
  | { kind: 'none' }
  /** Made by asking to join or for a link, not yet completed by using a link. */
  | { kind: 'waiting'; user: User }
  | { kind: 'participant'; user: User }
  /** A role in a partnership, or a platform administrator: signs in with a password. */
  | { kind: 'staff'; user: User }
  /** Deleted, or turned off. */
  | { kind: 'disabled'; user: User };

type Email =
  | { kind: 'complete-account'; to: string; token: string; asked: 'join' | 'link' }
  | { kind: 'sign-in'; to: string; token: string; asked: 'join' | 'link' }
  | { kind: 'staff'; to: string };

export type LinkUse =
  | {
      readonly kind: 'signed-in';
      readonly user: User;
      /** The link completed a new account. */
      readonly joined: boolean;
      /** The password given when joining was not kept: the link was used in another browser. */
      readonly passwordDropped: boolean;
    }
  | { readonly kind: 'second-factor'; readonly user: User };

/** What deleting an account did, with the sets of survey answers kept anonymous or removed. */
export interface AccountDeletionCounts extends DeletionCounts {
  readonly surveyAnswers: number;
}

export interface ParticipantsDeps {
  readonly db: Kysely<DB>;
  readonly mailer: Mailer;
  readonly config: Pick<Config, 'baseUrl'>;
  readonly logger: Logger;
}

export class ParticipantsService {
  readonly #db: Kysely<DB>;
  readonly #mailer: Mailer;
  readonly #baseUrl: string;
  readonly #log: Logger;

  constructor(deps: ParticipantsDeps) {
    this.#db = deps.db;
    this.#mailer = deps.mailer;
    this.#baseUrl = deps.config.baseUrl;
    this.#log = deps.logger;
  }

  static fromDeps(deps: Deps): ParticipantsService {
    return new ParticipantsService({
      db: deps.database.db,
      mailer: deps.mailer,
      config: deps.config,
      logger: deps.logger,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Joining and signing in with a link

  /**
   * Someone asks to create an account. Whatever the address, the caller shows the same page:
   * a new address gets a link that completes the account; one with an account, an email saying
   * so. Returns the hash of the link that completes a new account, for the caller to keep in the
   * browser's session: used in that browser, the link keeps the password given here.
   */
  async join(emailAddress: string, password: string, next?: string): Promise<string | null> {
    const email = normaliseEmail(emailAddress);
    // Hashed whatever happens next, so that the time taken does not tell one case from another.
    const hash = await hashPassword(password);
    const { mail, bind } = await this.#db.transaction().execute(
      async (
        trx,
      ): Promise<{
        mail: Email | null;
        bind: string | null;
      }> => {
        const account = await accountByEmail(trx, email);
        switch (account.kind) {
          case 'none': {
            const user = await insertWaiting(trx, email, hash);
            if (!user) return { mail: null, bind: null };
            const token = await createLink(trx, user.id);
            return { mail: completeAccount(email, token, 'join'), bind: signInLinkHash(token) };
          }
          case 'waiting': {
            // The latest password given wins, and only the link sent with it can keep it.
            await trx
              .updateTable('users')
              .set({ password_hash: hash })
              .where('id', '=', account.user.id)
              .execute();
            await expireLinks(trx, account.user.id);
            const token = await createLink(trx, account.user.id);
            return { mail: completeAccount(email, token, 'join'), bind: signInLinkHash(token) };
          }
          case 'participant': {
            const token = await createLink(trx, account.user.id);
            return { mail: signInEmail(email, token, 'join'), bind: null };
          }
          case 'staff':
            return { mail: { kind: 'staff', to: email }, bind: null };
          case 'disabled':
            return { mail: null, bind: null };
        }
      },
    );
    if (mail) await this.#send(mail, next);
    await this.#removeAbandoned();
    return bind;
  }

  /**
   * Someone asks for a link to sign in. Says nothing either way: the caller shows the same page.
   * An address with no account gets a link that creates one.
   */
  async requestLink(emailAddress: string, next?: string): Promise<void> {
    const email = normaliseEmail(emailAddress);
    const mail = await this.#db.transaction().execute(async (trx): Promise<Email | null> => {
      const account = await accountByEmail(trx, email);
      switch (account.kind) {
        case 'none': {
          const user = await insertWaiting(trx, email, null);
          if (!user) return null;
          return completeAccount(email, await createLink(trx, user.id), 'link');
        }
        case 'waiting':
          return completeAccount(email, await createLink(trx, account.user.id), 'link');
        case 'participant':
          return signInEmail(email, await createLink(trx, account.user.id), 'link');
        case 'staff':
          return { kind: 'staff', to: email };
        case 'disabled':
          return null;
      }
    });
    if (mail) await this.#send(mail, next);
    else this.#log.info({ participants: 'sign-in link' }, 'no link sent: no account can use one');
    await this.#removeAbandoned();
  }

  /** Whether a link can be used, and whether using it completes a new account (for its page). */
  async findLink(token: string): Promise<{ joining: boolean } | null> {
    const row = await this.#db
      .selectFrom('password_resets')
      .select('user_id')
      .where('token_hash', '=', signInLinkHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    if (!row) return null;
    const account = await accountById(this.#db, row.user_id);
    if (account.kind !== 'waiting' && account.kind !== 'participant') return null;
    return { joining: account.kind === 'waiting' };
  }

  /**
   * Uses a link, once: completes a waiting account (keeping the password given when joining only
   * if `boundHash`, from the browser's session, is this link's), then signs in, or asks for the
   * security code of an account with two-step sign in. Null if the link is unknown, used,
   * expired, or its account can no longer use one.
   */
  async useLink(token: string, boundHash: string | undefined): Promise<LinkUse | null> {
    const tokenHash = signInLinkHash(token);
    const used = await this.#db.transaction().execute(async (trx): Promise<LinkUse | null> => {
      const link = await trx
        .updateTable('password_resets')
        .set({ used_at: sql`now()` })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returning(['user_id'])
        .executeTakeFirst();
      if (!link) return null;
      const account = await accountById(trx, link.user_id);
      if (account.kind !== 'waiting' && account.kind !== 'participant') return null;
      let user = account.user;
      let joined = false;
      let passwordDropped = false;
      if (account.kind === 'waiting') {
        joined = true;
        passwordDropped = user.password_hash !== null && boundHash !== tokenHash;
        user = await trx
          .updateTable('users')
          .set({
            disabled_at: null,
            ...(passwordDropped ? { password_hash: null } : {}),
          })
          .where('id', '=', user.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: { userId: user.id, label: user.email },
          partnershipId: null,
          entity: 'user',
          entityId: user.id,
          action: 'user.created',
          after: {
            account: 'participant',
            signsInWith: user.password_hash
              ? 'a password or a link sent by email'
              : 'a link sent by email',
          },
        });
      }
      if (user.totp_enabled_at && user.totp_secret) return { kind: 'second-factor', user };
      await trx
        .updateTable('users')
        .set({ last_sign_in_at: sql`now()` })
        .where('id', '=', user.id)
        .execute();
      await auditSecurityEvent(trx, {
        action: 'sign-in.succeeded',
        account: user,
        byAccountHolder: true,
        after: { with: 'a link sent by email' },
      });
      return { kind: 'signed-in', user, joined, passwordDropped };
    });
    if (used?.kind === 'signed-in') {
      logSecurityEvent(this.#log, 'sign-in.succeeded', used.user.id, { with: 'link' });
    }
    return used;
  }

  async #send(mail: Email, next: string | undefined): Promise<void> {
    const base = this.#baseUrl;
    const link = (token: string) =>
      `${base}/sign-in/link/${token}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    const within = `within ${SIGN_IN_LINK_MINUTES} minutes. It works once.`;
    switch (mail.kind) {
      case 'complete-account':
        await this.#mailer.send({
          to: mail.to,
          subject:
            mail.asked === 'join'
              ? 'Finish creating your Anchorage account'
              : 'Your link to sign in to Anchorage',
          text: [
            'Hello,',
            '',
            mail.asked === 'join'
              ? 'Someone asked to create an Anchorage account with this email address, to take part in consultations and local priorities.'
              : 'Someone asked for a link to sign in to Anchorage with this email address. There is no account for it yet: using the link creates one, to take part in consultations and local priorities.',
            '',
            `To ${mail.asked === 'join' ? 'finish creating your account' : 'sign in'}, open this link ${within}`,
            '',
            link(mail.token),
            '',
            'We keep your email address to sign you in and to tell you when your suggestions are answered. We never show it publicly.',
            '',
            'If it was not you, ignore this email: no account is made unless the link is used.',
          ].join('\n'),
        });
        return;
      case 'sign-in':
        await this.#mailer.send({
          to: mail.to,
          subject: 'Your link to sign in to Anchorage',
          text: [
            'Hello,',
            '',
            mail.asked === 'join'
              ? 'Someone asked to create an Anchorage account with this email address, but you already have one.'
              : 'Someone asked for a link to sign in to Anchorage with this email address.',
            '',
            `To sign in, open this link ${within}`,
            '',
            link(mail.token),
            '',
            `You can also sign in with your password at ${base}/sign-in, or choose a new one at ${base}/forgot-password.`,
            '',
            'If it was not you, ignore this email: nothing has changed.',
          ].join('\n'),
        });
        return;
      case 'staff':
        await this.#mailer.send({
          to: mail.to,
          subject: 'Signing in to Anchorage',
          text: [
            'Hello,',
            '',
            'Someone asked to create an account or for a link to sign in to Anchorage with this email address.',
            'This address belongs to a staff account, which signs in with its password, not with a link.',
            '',
            `Sign in at ${base}/sign-in. If you have forgotten your password, choose a new one at ${base}/forgot-password.`,
            '',
            'If it was not you, ignore this email: nothing has changed.',
          ].join('\n'),
        });
        return;
    }
  }

  /**
   * Removes waiting accounts that can no longer be completed (every link sent expired or used,
   * more than an hour ago), so that an address someone typed is not kept. Nothing else points at
   * a waiting account. A failure is logged, never shown: the person's request has been answered.
   */
  async #removeAbandoned(): Promise<void> {
    try {
      await this.#db.transaction().execute(async (trx) => {
        const abandoned = trx
          .selectFrom('users as u')
          .select('u.id')
          .where((eb) => eb('u.disabled_at', '=', eb.ref('u.created_at')))
          .where('u.created_at', '<', sql<Date>`now() - interval '1 hour'`)
          .where('u.last_sign_in_at', 'is', null)
          .where('u.is_platform_admin', '=', false)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('password_resets as r')
                  .select('r.id')
                  .whereRef('r.user_id', '=', 'u.id')
                  .where('r.used_at', 'is', null)
                  .where('r.expires_at', '>', sql<Date>`now()`),
              ),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('memberships as m').select('m.id').whereRef('m.user_id', '=', 'u.id'),
              ),
            ),
          );
        const ids = (await abandoned.execute()).map((r) => r.id);
        if (ids.length === 0) return;
        await trx.deleteFrom('password_resets').where('user_id', 'in', ids).execute();
        await trx.deleteFrom('users').where('id', 'in', ids).execute();
      });
    } catch (err) {
      this.#log.warn({ err }, 'could not remove abandoned waiting accounts');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Their own data

  /** Everything the person contributed, in every partnership, newest first. */
  async contributions(userId: string): Promise<Contributions> {
    const db = this.#db;
    const user = await db
      .selectFrom('users')
      .select(['email', 'created_at', 'last_sign_in_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound();

    const responses = await db
      .selectFrom('consultation_responses as r')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .innerJoin('charter_versions as v', 'v.id', 'r.version_id')
      .leftJoin('charter_items as i', (join) =>
        join.onRef('i.version_id', '=', 'r.version_id').onRef('i.key', '=', 'r.item_key'),
      )
      .leftJoin('public_answers as a', 'a.response_id', 'r.id')
      .select([
        'r.id',
        'p.name as partnership_name',
        'v.number as version_number',
        'v.title as version_title',
        'r.item_key',
        'i.title as item_title',
        'r.title',
        'r.pillar',
        'r.stance',
        'r.comment',
        'r.amendment',
        'r.state',
        'r.hidden_reason',
        'r.display_name',
        'r.created_at',
        'a.kind as answer_kind',
        'a.reason as answer_reason',
        'a.commitment_keys as answer_commitments',
        'a.indicator_codes as answer_indicators',
        'a.answered_at',
      ])
      .where('r.participant_id', '=', userId)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();

    const priorities = await db
      .selectFrom('local_priorities as lp')
      .innerJoin('partnerships as p', 'p.id', 'lp.partnership_id')
      .leftJoin('public_answers as a', 'a.priority_id', 'lp.id')
      .select([
        'lp.id',
        'p.name as partnership_name',
        'lp.title',
        'lp.description',
        'lp.area',
        'lp.pillar',
        'lp.state',
        'lp.hidden_reason',
        'lp.display_name',
        'lp.created_at',
        'a.kind as answer_kind',
        'a.reason as answer_reason',
        'a.commitment_keys as answer_commitments',
        'a.indicator_codes as answer_indicators',
        'a.answered_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('priority_supports as s')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('s.priority_id', '=', 'lp.id')
          .as('supporters'),
      )
      .where('lp.participant_id', '=', userId)
      .orderBy('lp.created_at', 'desc')
      .orderBy('lp.id')
      .execute();

    const supports = await db
      .selectFrom('priority_supports as s')
      .innerJoin('local_priorities as lp', 'lp.id', 's.priority_id')
      .innerJoin('partnerships as p', 'p.id', 'lp.partnership_id')
      .select([
        's.priority_id',
        'p.name as partnership_name',
        'lp.title',
        'lp.state',
        's.created_at',
      ])
      .where('s.participant_id', '=', userId)
      .orderBy('s.created_at', 'desc')
      .orderBy('s.priority_id')
      .execute();

    const flags = await db
      .selectFrom('moderation_flags as f')
      .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
      .select([
        'f.id',
        'p.name as partnership_name',
        'f.response_id',
        'f.priority_id',
        'f.reason',
        'f.created_at',
        'f.resolved_at',
      ])
      .where('f.flagged_by', '=', userId)
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id')
      .execute();

    const surveys = await db
      .selectFrom('survey_answers as sa')
      .innerJoin('partnerships as p', 'p.id', 'sa.partnership_id')
      .innerJoin('charter_versions as v', 'v.id', 'sa.version_id')
      .select([
        'sa.id',
        'sa.version_id',
        'p.name as partnership_name',
        'v.number as version_number',
        'sa.answers',
        'sa.area',
        'sa.imd_decile',
        'sa.created_at',
      ])
      .where('sa.participant_id', '=', userId)
      .orderBy('sa.created_at', 'desc')
      .orderBy('sa.id')
      .execute();
    const questions =
      surveys.length === 0
        ? []
        : await db
            .selectFrom('survey_questions')
            .select(['id', 'version_id', 'prompt'])
            .where(
              'version_id',
              'in',
              surveys.map((s) => s.version_id),
            )
            .orderBy('position')
            .orderBy('created_at')
            .execute();

    const follows = await db
      .selectFrom('partnership_followers as f')
      .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
      .select(['p.name', 'f.created_at'])
      .where('f.user_id', '=', userId)
      .orderBy('f.created_at')
      .execute();
    return {
      account: {
        email: user.email,
        createdAt: user.created_at,
        lastSignInAt: user.last_sign_in_at,
      },
      responses: responses.map((r) => ({
        id: r.id,
        partnershipName: r.partnership_name,
        versionNumber: r.version_number,
        versionTitle: r.version_title,
        commitmentKey: r.item_key,
        commitmentTitle: r.item_title,
        suggestedTitle: r.title,
        pillar: r.pillar,
        stance: r.stance,
        comment: r.comment,
        amendment: r.amendment,
        state: r.state,
        hiddenReason: r.hidden_reason,
        displayName: r.display_name,
        createdAt: r.created_at,
        answer: answerOf(r),
      })),
      priorities: priorities.map((p) => ({
        id: p.id,
        partnershipName: p.partnership_name,
        title: p.title,
        description: p.description,
        area: p.area,
        pillar: p.pillar,
        state: p.state,
        hiddenReason: p.hidden_reason,
        displayName: p.display_name,
        createdAt: p.created_at,
        supporters: Number(p.supporters ?? 0),
        answer: answerOf(p),
      })),
      supports: supports.map((s) => ({
        priorityId: s.priority_id,
        partnershipName: s.partnership_name,
        priorityTitle: s.state === 'published' ? s.title : null,
        priorityState: s.state,
        supportedAt: s.created_at,
      })),
      flags: flags.map((f) => ({
        id: f.id,
        partnershipName: f.partnership_name,
        about: f.response_id ? ('response' as const) : ('priority' as const),
        subjectId: f.response_id ?? f.priority_id ?? '',
        reason: f.reason,
        createdAt: f.created_at,
        resolvedAt: f.resolved_at,
      })),
      surveys: surveys.map((s) => ({
        id: s.id,
        partnershipName: s.partnership_name,
        versionNumber: s.version_number,
        answers: questions
          .filter((q) => q.version_id === s.version_id)
          .map((q) => ({ question: q.prompt, answer: surveyAnswerText(s.answers[q.id]) })),
        area: s.area,
        imdDecile: s.imd_decile,
        createdAt: s.created_at,
      })),
      follows: follows.map((f) => ({ partnershipName: f.name, since: f.created_at })),
    };
  }

  /** Everything the person contributed, for a download, which the audit log records. */
  async download(
    userId: string,
    actor: AuditActor,
    format: 'json' | 'csv',
  ): Promise<Contributions> {
    const contributions = await this.contributions(userId);
    await this.#db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor,
        partnershipId: null,
        entity: 'user',
        entityId: userId,
        action: 'participant.data.downloaded',
        after: {
          format,
          responses: contributions.responses.length,
          priorities: contributions.priorities.length,
          supports: contributions.supports.length,
          flags: contributions.flags.length,
          surveyAnswers: contributions.surveys.length,
          total: contributionCount(contributions),
        },
      }),
    );
    return contributions;
  }

  /**
   * Deletes a participant's account, in one transaction: what they wrote anonymised or removed
   * (a priority others support, or that was answered, is anonymised rather than removed), their
   * supports and blocks gone, the flags they raised kept without their name, their survey answers
   * kept without their id (anonymised) or removed, their sign-in links
   * and sessions gone, and the account itself kept but emptied (the audit log and other records
   * point at it). Audited, under the emptied account's name.
   */
  async deleteAccount(userId: string, choice: DeleteChoice): Promise<AccountDeletionCounts> {
    return this.#db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .selectAll()
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!user || user.disabled_at) throw notFound();
      const account = await accountById(trx, userId);
      if (account.kind !== 'participant') {
        throw forbidden('Staff accounts are removed by their partnership’s lead');
      }

      const responses = (
        await trx
          .selectFrom('consultation_responses')
          .select('id')
          .where('participant_id', '=', userId)
          .execute()
      ).map((r) => r.id);
      if (responses.length > 0) {
        if (choice === 'remove') {
          await trx.deleteFrom('public_answers').where('response_id', 'in', responses).execute();
          await trx.deleteFrom('moderation_flags').where('response_id', 'in', responses).execute();
          await trx.deleteFrom('consultation_responses').where('id', 'in', responses).execute();
        } else {
          await trx
            .updateTable('consultation_responses')
            .set({ participant_id: null, display_name: null })
            .where('id', 'in', responses)
            .execute();
        }
      }

      const priorities = await trx
        .selectFrom('local_priorities as lp')
        .select('lp.id')
        .select((eb) => [
          eb
            .exists(
              eb
                .selectFrom('priority_supports as s')
                .select('s.priority_id')
                .whereRef('s.priority_id', '=', 'lp.id')
                .where('s.participant_id', '!=', userId),
            )
            .as('supported_by_others'),
          eb
            .exists(
              eb
                .selectFrom('public_answers as a')
                .select('a.id')
                .whereRef('a.priority_id', '=', 'lp.id'),
            )
            .as('answered'),
        ])
        .where('lp.participant_id', '=', userId)
        .execute();
      const fates = priorities.map((p) => ({
        id: p.id,
        fate: priorityFate(choice, {
          supportedByOthers: Boolean(p.supported_by_others),
          answered: Boolean(p.answered),
        }),
      }));
      const removed = fates.filter((p) => p.fate === 'removed').map((p) => p.id);
      const anonymised = fates.filter((p) => p.fate === 'anonymised').map((p) => p.id);
      if (removed.length > 0) {
        await trx.deleteFrom('moderation_flags').where('priority_id', 'in', removed).execute();
        await trx.deleteFrom('priority_supports').where('priority_id', 'in', removed).execute();
        await trx.deleteFrom('public_answers').where('priority_id', 'in', removed).execute();
        await trx.deleteFrom('local_priorities').where('id', 'in', removed).execute();
      }
      if (anonymised.length > 0) {
        await trx
          .updateTable('local_priorities')
          .set({ participant_id: null, display_name: null })
          .where('id', 'in', anonymised)
          .execute();
      }

      // Survey answers: kept for the totals with no one's id beside them, or removed.
      const surveyAnswers =
        choice === 'remove'
          ? Number(
              (
                await trx
                  .deleteFrom('survey_answers')
                  .where('participant_id', '=', userId)
                  .executeTakeFirst()
              ).numDeletedRows,
            )
          : Number(
              (
                await trx
                  .updateTable('survey_answers')
                  .set({ participant_id: null })
                  .where('participant_id', '=', userId)
                  .executeTakeFirst()
              ).numUpdatedRows,
            );

      const supports = await trx
        .deleteFrom('priority_supports')
        .where('participant_id', '=', userId)
        .executeTakeFirst();
      await trx.deleteFrom('participant_blocks').where('participant_id', '=', userId).execute();
      await trx.deleteFrom('partnership_followers').where('user_id', '=', userId).execute();
      await trx.deleteFrom('notification_log').where('user_id', '=', userId).execute();
      const flags = await trx
        .updateTable('moderation_flags')
        .set({ flagged_by: null })
        .where('flagged_by', '=', userId)
        .executeTakeFirst();
      await trx.deleteFrom('password_resets').where('user_id', '=', userId).execute();
      await trx.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      // Mail kept in the development outbox names the address too.
      await trx.deleteFrom('mail_outbox').where('to_address', '=', user.email).execute();
      await eraseFromAuditLog(trx, userId, user.email);
      const emptied = await trx
        .updateTable('users')
        .set({
          email: deletedAccountEmail(userId),
          display_name: DELETED_ACCOUNT_NAME,
          password_hash: null,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          disabled_at: sql`now()`,
        })
        .where('id', '=', userId)
        .returning(['email'])
        .executeTakeFirstOrThrow();

      const counts: AccountDeletionCounts = {
        responses: responses.length,
        prioritiesRemoved: removed.length,
        prioritiesAnonymised: anonymised.length,
        supportsWithdrawn: Number(supports.numDeletedRows),
        flagsAnonymised: Number(flags.numUpdatedRows),
        surveyAnswers,
      };
      await recordAudit(trx, {
        actor: { userId, label: emptied.email },
        partnershipId: null,
        entity: 'user',
        entityId: userId,
        action: 'participant.account.deleted',
        after: { contributions: DELETE_CHOICE_AUDITED[choice], counts },
      });
      return counts;
    });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Replaces a deleted account's email address in the audit log by its deleted name: as the label
 * of the entries it made (or that were recorded under it, such as a refused sign-in), and in the
 * entries' recorded values. The log's trigger allows only this, only inside a transaction that
 * says which account it is erasing (migration 0019).
 */
async function eraseFromAuditLog(trx: Transaction<DB>, userId: string, email: string) {
  const deleted = deletedAccountEmail(userId);
  await sql`SELECT set_config('anchorage.erasing_account', ${userId}, true)`.execute(trx);
  await sql`UPDATE audit_log SET actor_label = ${deleted} WHERE actor_label = ${email}`.execute(
    trx,
  );
  for (const column of ['before', 'after'] as const)
    await sql`UPDATE audit_log SET ${sql.ref(column)} = jsonb_set(${sql.ref(column)}, '{email}', to_jsonb(${deleted}::text))
      WHERE ${sql.ref(column)} ->> 'email' = ${email}`.execute(trx);
  await sql`SELECT set_config('anchorage.erasing_account', '', true)`.execute(trx);
}

function answerOf(row: {
  answer_kind: string | null;
  answer_reason: string | null;
  answer_commitments: string[] | null;
  answer_indicators: string[] | null;
  answered_at: Date | null;
}): PublicAnswer | null {
  if (!row.answer_kind || row.answer_reason === null || !row.answered_at) return null;
  return {
    kind: row.answer_kind,
    reason: row.answer_reason,
    commitmentKeys: row.answer_commitments ?? [],
    indicatorCodes: row.answer_indicators ?? [],
    answeredAt: row.answered_at,
  };
}

async function accountByEmail(db: Kysely<DB>, email: string): Promise<AccountState> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .forUpdate()
    .executeTakeFirst();
  return user ? stateOf(db, user) : { kind: 'none' };
}

async function accountById(db: Kysely<DB>, id: string): Promise<AccountState> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return user ? stateOf(db, user) : { kind: 'none' };
}

async function stateOf(db: Kysely<DB>, user: User): Promise<AccountState> {
  if (user.disabled_at) {
    const waiting = user.disabled_at.getTime() === user.created_at.getTime();
    return waiting ? { kind: 'waiting', user } : { kind: 'disabled', user };
  }
  if (user.is_platform_admin) return { kind: 'staff', user };
  const membership = await db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return membership ? { kind: 'staff', user } : { kind: 'participant', user };
}

/** A waiting account: made and turned off at the same moment, which is what marks it waiting. */
async function insertWaiting(
  trx: Transaction<DB>,
  email: string,
  passwordHash: string | null,
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('users')
    .values({
      email,
      display_name: PARTICIPANT_ACCOUNT_NAME,
      password_hash: passwordHash,
      created_at: sql<Date>`now()`,
      disabled_at: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
}

async function createLink(trx: Transaction<DB>, userId: string): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('password_resets')
    .values({
      user_id: userId,
      token_hash: signInLinkHash(token),
      expires_at: new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000),
    })
    .execute();
  return token;
}

/** Links not used yet stop working (a waiting account's password changed). */
async function expireLinks(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx
    .updateTable('password_resets')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

function completeAccount(to: string, token: string, asked: 'join' | 'link'): Email {
  return { kind: 'complete-account', to, token, asked };
}

function signInEmail(to: string, token: string, asked: 'join' | 'link'): Email {
  return { kind: 'sign-in', to, token, asked };
}
