/**
 * Data a journey owns: its own partnership, shaped like the demonstration one (the nine Cheshire
 * and Merseyside districts, the six fictional organisations, one account for each role), made
 * through the product's own services on the suite's server. Every name, address and short name
 * carries a unique part, so journeys never see each other's data and can run in any order. With
 * `returns`, the partnership gets the demo's reporting history (periods, returns in every state,
 * an open quarter whose Mersey Valley Hospitals return waits for its Workforce and Procurement
 * sections) from the same code that seeds the demo.
 */
import {
  CHESHIRE_AND_MERSEYSIDE,
  DEMO_ACCOUNTS,
  DEMO_ORGANISATIONS,
  type DemoAccount,
} from '../../src/demo/seed.js';
import { seedDemoReturns } from '../../src/demo/returns.js';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import type { Deps } from '../../src/deps.js';
import type { AuditActor } from '../../src/features/audit/audit.repo.js';
import { unique } from './pages.js';

/** Who made a journey's data, in the audit log. */
export const FIXTURE_ACTOR: AuditActor = { userId: null, label: 'browser test set-up' };

export interface Account {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: DemoAccount['role'];
  readonly description: string;
}

export interface OwnPartnership {
  readonly partnership: Partnership;
  readonly slug: string;
  readonly name: string;
  /** The organisations by their demo codes (DEMO-MVH, DEMO-RBC, …). */
  readonly organisations: Readonly<Record<string, Organisation>>;
  /** One account for each role of the demo, this partnership's own (and its own platform admin). */
  readonly accounts: readonly Account[];
  account(role: DemoAccount['role']): Account;
}

/** A platform administrator of the journey's own (to read the mail outbox, create partnerships). */
export async function ownPlatformAdmin(deps: Deps): Promise<Account> {
  const id = unique();
  const account: Account = {
    email: `admin-${id}@e2e.anchorage.example`,
    name: `Alex Admin ${id}`,
    password: `admin-password-${id}`,
    role: 'platform-admin',
    description: 'Platform administrator',
  };
  await deps.accounts.createUser(
    {
      email: account.email,
      displayName: account.name,
      password: account.password,
      platformAdmin: true,
    },
    FIXTURE_ACTOR,
  );
  return account;
}

export async function ownPartnership(
  deps: Deps,
  options: { name?: string; returns?: boolean } = {},
): Promise<OwnPartnership> {
  const id = unique();
  const name = `${options.name ?? 'Anchor Network'} ${id} (demonstration)`;
  const { partnership } = await deps.tenancy.createPartnership(
    {
      slug: `e2e-${id}`,
      name,
      localArea: CHESHIRE_AND_MERSEYSIDE,
      fyStartMonth: 4,
      isPublic: true,
      isDemo: true,
    },
    FIXTURE_ACTOR,
  );
  const organisations: Record<string, Organisation> = {};
  for (const o of DEMO_ORGANISATIONS) {
    organisations[o.code] = await deps.tenancy.createOrganisation(
      partnership.id,
      { ...o, londonWeighting: false },
      FIXTURE_ACTOR,
    );
  }
  const accounts: Account[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === 'platform-admin') {
      accounts.push(await ownPlatformAdmin(deps));
      continue;
    }
    const account: Account = {
      email: `${a.role}-${id}@e2e.anchorage.example`,
      name: `${a.name} ${id}`,
      password: `${a.role}-password-${id}`,
      role: a.role,
      description: a.description,
    };
    await deps.accounts.createUser(
      {
        email: account.email,
        displayName: account.name,
        password: account.password,
        membership: {
          partnershipId: partnership.id,
          organisationId: a.organisationCode
            ? (organisations[a.organisationCode]?.id ?? null)
            : null,
          role: a.role,
          pillars: a.pillars ?? null,
        },
      },
      FIXTURE_ACTOR,
    );
    accounts.push(account);
  }
  if (options.returns) await seedDemoReturns(deps, partnership);
  return {
    partnership,
    slug: partnership.slug,
    name,
    organisations,
    accounts,
    account(role) {
      const found = accounts.find((a) => a.role === role);
      if (!found) throw new Error(`No ${role} account in ${name}`);
      return found;
    },
  };
}
