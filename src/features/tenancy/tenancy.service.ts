/**
 * Partnerships, their organisations, and who belongs to them. Every change is audited in the
 * same transaction; every read and write is scoped to one partnership.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config.js';
import { conflict, DomainError, forbidden, notFound } from '../../core/errors.js';
import {
  invitableRoles,
  isOrganisationRole,
  ROLE_LABELS,
  type Actor,
  type Role,
} from '../../core/roles.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { INVITATION_TTL_DAYS } from '../accounts/accounts.service.js';
import { recalculate } from '../figures/recalculate.js';
import { syncPartnershipCatalogue } from '../framework/catalogue-sync.js';
import type { Mailer } from '../mail/mailer.js';
import {
  countByPartnership,
  findOrganisation,
  findPendingInvitation,
  findPerson,
  listOrganisations,
  listPartnershipsForActor,
  listPendingInvitations,
  listPeople,
} from './tenancy.repo.js';
import type {
  InviteInput,
  NewPartnershipInput,
  OrganisationInput,
  PartnershipSettingsInput,
} from './tenancy.schema.js';

export interface TenancyDeps {
  readonly db: Kysely<DB>;
  readonly mailer: Mailer;
  readonly config: Pick<Config, 'baseUrl'>;
}

const PARTNERSHIP_AUDIT_FIELDS = [
  'name',
  'local_area',
  'fy_start_month',
  'is_public',
  'require_staff_totp',
  'imd_edition',
] as const;

export class TenancyService {
  readonly #db: Kysely<DB>;
  readonly #mailer: Mailer;
  readonly #baseUrl: string;

  constructor(deps: TenancyDeps) {
    this.#db = deps.db;
    this.#mailer = deps.mailer;
    this.#baseUrl = deps.config.baseUrl;
  }

  async createPartnership(
    input: Omit<NewPartnershipInput, 'requireStaffTotp' | 'imdEdition'> & {
      requireStaffTotp?: boolean;
      imdEdition?: 2019 | 2025 | undefined;
      isDemo?: boolean;
    },
    actor: AuditActor,
  ): Promise<{ partnership: Partnership; leadInvitationSent: boolean }> {
    const invite: { token: string; email: string; name: string } | null = input.leadEmail
      ? { token: newToken(), email: input.leadEmail, name: input.leadName ?? input.leadEmail }
      : null;
    const partnership = await this.#db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('partnerships')
        .select('id')
        .where('slug', '=', input.slug)
        .executeTakeFirst();
      if (taken) {
        throw new DomainError(
          'CONFLICT',
          'slug taken',
          `The short name ${input.slug} is already used by another partnership`,
        );
      }
      const p = await trx
        .insertInto('partnerships')
        .values({
          slug: input.slug,
          name: input.name,
          local_area: input.localArea,
          fy_start_month: input.fyStartMonth,
          is_public: input.isPublic,
          is_demo: input.isDemo ?? false,
          require_staff_totp: input.requireStaffTotp ?? false,
          ...(input.imdEdition ? { imd_edition: input.imdEdition } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The default framework, copied by the same step that brings partnerships up to date.
      await syncPartnershipCatalogue(trx, p.id, { audit: false });
      // Its figures are those of this version of the calculators (none yet: no periods).
      await recalculate(trx, p.id, { input: 'calculators' });
      await recordAudit(trx, {
        actor,
        partnershipId: p.id,
        entity: 'partnership',
        entityId: p.id,
        action: 'partnership.created',
        after: pick(p, ['slug', ...PARTNERSHIP_AUDIT_FIELDS]),
      });
      if (invite) {
        await this.#insertInvitation(trx, actor, {
          tokenHash: hashToken(invite.token),
          partnershipId: p.id,
          organisationId: null,
          email: invite.email,
          displayName: invite.name,
          role: 'partnership-lead',
          pillars: null,
        });
      }
      return p;
    });
    if (invite) {
      await this.#sendInvitation(
        invite.token,
        invite.email,
        invite.name,
        'partnership-lead',
        partnership.name,
        null,
        actor,
      );
    }
    return { partnership, leadInvitationSent: invite !== null };
  }

  async updateSettings(
    partnership: Partnership,
    input: PartnershipSettingsInput,
    actor: AuditActor,
  ): Promise<Partnership> {
    return this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('partnerships')
        .selectAll()
        .where('id', '=', partnership.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const after = await trx
        .updateTable('partnerships')
        .set({
          name: input.name,
          local_area: input.localArea,
          fy_start_month: input.fyStartMonth,
          is_public: input.isPublic,
          require_staff_totp: input.requireStaffTotp,
          ...(input.imdEdition ? { imd_edition: input.imdEdition } : {}),
        })
        .where('id', '=', partnership.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId: partnership.id,
        entity: 'partnership',
        entityId: partnership.id,
        action: 'partnership.updated',
        before: pick(before, PARTNERSHIP_AUDIT_FIELDS),
        after: pick(after, PARTNERSHIP_AUDIT_FIELDS),
      });
      // Local and deprived-area figures depend on the local area and the edition of the index.
      if (
        after.imd_edition !== before.imd_edition ||
        after.local_area.join() !== before.local_area.join()
      )
        await recalculate(trx, partnership.id, { input: 'area' });
      return after;
    });
  }

  async createOrganisation(
    partnershipId: string,
    input: OrganisationInput,
    actor: AuditActor,
  ): Promise<Organisation> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#assertCodeFree(trx, partnershipId, input.code);
      const org = await trx
        .insertInto('organisations')
        .values({
          partnership_id: partnershipId,
          code: input.code,
          name: input.name,
          type: input.type,
          postcode: input.postcode,
          london_weighting: input.londonWeighting,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'organisation',
        entityId: org.id,
        action: 'organisation.created',
        after: pick(org, ORG_AUDIT_FIELDS),
      });
      return org;
    });
  }

  async updateOrganisation(
    partnershipId: string,
    organisationId: string,
    input: OrganisationInput,
    actor: AuditActor,
  ): Promise<Organisation> {
    return this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('organisations')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', organisationId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('organisation');
      if (before.code !== input.code) await this.#assertCodeFree(trx, partnershipId, input.code);
      const after = await trx
        .updateTable('organisations')
        .set({
          code: input.code,
          name: input.name,
          type: input.type,
          postcode: input.postcode,
          london_weighting: input.londonWeighting,
        })
        .where('id', '=', organisationId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'organisation',
        entityId: organisationId,
        action: 'organisation.updated',
        before: pick(before, ORG_AUDIT_FIELDS),
        after: pick(after, ORG_AUDIT_FIELDS),
      });
      return after;
    });
  }

  async #assertCodeFree(trx: Transaction<DB>, partnershipId: string, code: string) {
    const taken = await trx
      .selectFrom('organisations')
      .select('name')
      .where('partnership_id', '=', partnershipId)
      .where(sql`upper(code)`, '=', code.toUpperCase())
      .executeTakeFirst();
    if (taken) {
      throw new DomainError(
        'CONFLICT',
        'organisation code taken',
        `The code ${code} is already used by ${taken.name} in this partnership`,
      );
    }
  }

  /**
   * Invites someone to a role. The actor must be allowed to hand out that role for that
   * partnership or organisation; the invitation is emailed as a link valid for 7 days.
   */
  async invite(
    partnership: Partnership,
    organisationId: string | null,
    input: InviteInput,
    actor: Actor,
    auditActor: AuditActor,
  ): Promise<void> {
    const org = organisationId
      ? await findOrganisation(this.#db, partnership.id, organisationId)
      : undefined;
    if (organisationId && !org) throw notFound('organisation');
    const allowed = invitableRoles(actor, {
      partnershipId: partnership.id,
      ...(organisationId ? { organisationId } : {}),
    });
    if (!allowed.includes(input.role)) throw forbidden(`cannot invite ${input.role}`);
    if (isOrganisationRole(input.role) !== (organisationId !== null)) {
      throw forbidden('role does not fit target');
    }
    const pillars = input.role === 'contributor' && input.pillars.length > 0 ? input.pillars : null;
    const token = newToken();
    await this.#db.transaction().execute(async (trx) => {
      const already = await trx
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select('m.id')
        .where('u.email', '=', input.email)
        .where('m.partnership_id', '=', partnership.id)
        .where('m.role', '=', input.role)
        .where((eb) =>
          organisationId
            ? eb('m.organisation_id', '=', organisationId)
            : eb('m.organisation_id', 'is', null),
        )
        .executeTakeFirst();
      if (already) {
        throw conflict(`${input.email} already has the role ${ROLE_LABELS[input.role]} here`);
      }
      await this.#insertInvitation(trx, auditActor, {
        tokenHash: hashToken(token),
        partnershipId: partnership.id,
        organisationId,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        pillars,
      });
    });
    await this.#sendInvitation(
      token,
      input.email,
      input.displayName,
      input.role,
      partnership.name,
      org?.name ?? null,
      auditActor,
    );
  }

  async #insertInvitation(
    trx: Transaction<DB>,
    actor: AuditActor,
    i: {
      tokenHash: string;
      partnershipId: string;
      organisationId: string | null;
      email: string;
      displayName: string;
      role: Role;
      pillars: string[] | null;
    },
  ) {
    const row = await trx
      .insertInto('invitations')
      .values({
        token_hash: i.tokenHash,
        email: i.email,
        display_name: i.displayName,
        partnership_id: i.partnershipId,
        organisation_id: i.organisationId,
        role: i.role,
        pillars: i.pillars,
        invited_by: actor.userId,
        expires_at: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      partnershipId: i.partnershipId,
      entity: 'invitation',
      entityId: row.id,
      action: 'invitation.created',
      after: {
        email: i.email,
        role: i.role,
        organisation_id: i.organisationId,
        pillars: i.pillars,
      },
    });
  }

  async #sendInvitation(
    token: string,
    email: string,
    name: string,
    role: Role,
    partnershipName: string,
    organisationName: string | null,
    actor: AuditActor,
  ) {
    const where = organisationName
      ? `${organisationName}, part of ${partnershipName}`
      : partnershipName;
    await this.#mailer.send({
      to: email,
      subject: `You have been invited to ${partnershipName} on Anchorage`,
      text: [
        `Hello ${name},`,
        '',
        `${actor.label} has invited you to join ${where} on Anchorage as ${ROLE_LABELS[role].toLowerCase()}.`,
        '',
        `To accept, open this link within ${INVITATION_TTL_DAYS} days:`,
        '',
        `${this.#baseUrl}/invitations/${token}`,
        '',
        'If you were not expecting this, you can ignore this email.',
      ].join('\n'),
    });
  }

  async revokeInvitation(
    partnershipId: string,
    invitationId: string,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('invitations')
        .set({ revoked_at: sql`now()` })
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', invitationId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .returning(['id', 'email', 'role', 'organisation_id'])
        .executeTakeFirst();
      if (!row) throw notFound('invitation');
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'invitation',
        entityId: row.id,
        action: 'invitation.revoked',
        before: { email: row.email, role: row.role, organisation_id: row.organisation_id },
      });
    });
  }

  async removeMembership(
    partnershipId: string,
    membershipId: string,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('memberships')
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', membershipId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('membership');
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'membership',
        entityId: row.id,
        action: 'membership.removed',
        before: {
          user_id: row.user_id,
          role: row.role,
          organisation_id: row.organisation_id,
          pillars: row.pillars,
        },
      });
    });
  }

  findPendingInvitation(partnershipId: string, id: string) {
    return findPendingInvitation(this.#db, partnershipId, id);
  }

  findPerson(partnershipId: string, membershipId: string) {
    return findPerson(this.#db, partnershipId, membershipId);
  }

  /** The partnerships the person belongs to (every one, for a platform admin), by name. */
  partnershipsOf(actor: Actor): Promise<Partnership[]> {
    return listPartnershipsForActor(this.#db, actor);
  }

  /** The partnership's organisations, by name. */
  organisations(partnershipId: string): Promise<Organisation[]> {
    return listOrganisations(this.#db, partnershipId);
  }

  /** What the partnership's overview shows: its organisations and how much it holds. */
  async overview(partnershipId: string) {
    const [organisations, counts] = await Promise.all([
      listOrganisations(this.#db, partnershipId),
      countByPartnership(this.#db, partnershipId),
    ]);
    return { organisations, counts };
  }

  /** People with roles, and pending invitations: the partnership's, or one organisation's. */
  async people(partnershipId: string, organisationId?: string) {
    const [people, invitations] = await Promise.all([
      listPeople(this.#db, partnershipId, organisationId),
      listPendingInvitations(this.#db, partnershipId, organisationId),
    ]);
    return { people, invitations };
  }
}

const ORG_AUDIT_FIELDS = ['code', 'name', 'type', 'postcode', 'london_weighting'] as const;

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}
