/**
 * The demonstration partnership: fictional organisations across the nine real Cheshire and
 * Merseyside districts, and one account for each role. Seeding is idempotent: if the demo
 * partnership exists, nothing is changed.
 */
import { seedDemoPublishing } from './publishing.js';
import { seedDemoWorkforce } from './workforce.js';
import type { Role } from '../core/roles.js';
import type { Deps } from '../deps.js';
import { findOrganisationByCode, findPartnershipBySlug } from '../features/tenancy/tenancy.repo.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { seedDemoRegisters } from './registers.js';
import { seedDemoReturns, seedDemoTargets } from './returns.js';
import { DEMO_RESIDENTS, seedDemoCharter, seedDemoPriorities } from './charter.js';
import { seedDemoSpend } from './spend.js';
import { seedDemoCarbon } from './carbon.js';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'anchorage-demo-2026';

export const CHESHIRE_AND_MERSEYSIDE = [
  'E06000049', // Cheshire East
  'E06000050', // Cheshire West and Chester
  'E06000006', // Halton
  'E06000007', // Warrington
  'E08000011', // Knowsley
  'E08000012', // Liverpool
  'E08000013', // St Helens
  'E08000014', // Sefton
  'E08000015', // Wirral
];

export const DEMO_ORGANISATIONS = [
  {
    code: 'DEMO-MVH',
    name: 'Mersey Valley Hospitals NHS Foundation Trust',
    type: 'nhs-trust',
    postcode: 'L7 8XP',
  },
  {
    code: 'DEMO-RBC',
    name: 'Riverside Borough Council',
    type: 'local-authority',
    postcode: 'WA5 1QG',
  },
  {
    code: 'DEMO-UME',
    name: 'University of the Mersey Estuary',
    type: 'university',
    postcode: 'L35 5DR',
  },
  { code: 'DEMO-WVH', name: 'Weaver Vale Homes', type: 'housing-association', postcode: 'CW1 4QJ' },
  {
    code: 'DEMO-NCF',
    name: 'North Cheshire Fire and Rescue Service',
    type: 'emergency-service',
    postcode: 'CH49 5PE',
  },
  { code: 'DEMO-SHC', name: 'Shoreline College', type: 'college', postcode: 'PR8 6PN' },
] as const;

export interface DemoAccount {
  readonly email: string;
  readonly name: string;
  readonly role: Role | 'platform-admin';
  readonly organisationCode?: string;
  readonly pillars?: string[];
  readonly description: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'admin@anchorage.example',
    name: 'Alex Admin',
    role: 'platform-admin',
    description: 'Platform administrator',
  },
  {
    email: 'lead@demo.anchorage.example',
    name: 'Priya Lead',
    role: 'partnership-lead',
    description: 'Partnership lead',
  },
  {
    email: 'reviewer@demo.anchorage.example',
    name: 'Rory Reviewer',
    role: 'reviewer',
    description: 'Reviewer',
  },
  {
    email: 'moderator@demo.anchorage.example',
    name: 'Mo Moderator',
    role: 'moderator',
    description: 'Moderator',
  },
  {
    email: 'org-lead@demo.anchorage.example',
    name: 'Olu Orglead',
    role: 'org-lead',
    organisationCode: 'DEMO-MVH',
    description: 'Organisation lead, Mersey Valley Hospitals',
  },
  {
    email: 'contributor@demo.anchorage.example',
    name: 'Cat Contributor',
    role: 'contributor',
    organisationCode: 'DEMO-MVH',
    pillars: ['workforce', 'procurement'],
    description: 'Data contributor (workforce, procurement), Mersey Valley Hospitals',
  },
  {
    email: 'viewer@demo.anchorage.example',
    name: 'Vic Viewer',
    role: 'viewer',
    organisationCode: 'DEMO-MVH',
    description: 'Viewer, Mersey Valley Hospitals',
  },
];

const DEMO_ACTOR: AuditActor = { userId: null, label: 'demo seed' };

/** Creates the demo partnership if it is missing. Returns whether anything was created. */
export async function seedDemo(deps: Deps): Promise<{ created: boolean }> {
  const db = deps.database.db;
  if (await findPartnershipBySlug(db, DEMO_SLUG)) return { created: false };
  const { partnership } = await deps.tenancy.createPartnership(
    {
      slug: DEMO_SLUG,
      name: 'Cheshire and Merseyside Anchor Network (demonstration)',
      localArea: CHESHIRE_AND_MERSEYSIDE,
      fyStartMonth: 4,
      isPublic: true,
      isDemo: true,
    },
    DEMO_ACTOR,
  );
  for (const o of DEMO_ORGANISATIONS) {
    await deps.tenancy.createOrganisation(
      partnership.id,
      { ...o, londonWeighting: false },
      DEMO_ACTOR,
    );
  }
  for (const a of DEMO_ACCOUNTS) {
    const org = a.organisationCode
      ? await findOrganisationByCode(db, partnership.id, a.organisationCode)
      : undefined;
    await deps.accounts.createUser(
      {
        email: a.email,
        displayName: a.name,
        password: DEMO_PASSWORD,
        platformAdmin: a.role === 'platform-admin',
        ...(a.role === 'platform-admin'
          ? {}
          : {
              membership: {
                partnershipId: partnership.id,
                organisationId: org?.id ?? null,
                role: a.role,
                pillars: a.pillars ?? null,
              },
            }),
      },
      DEMO_ACTOR,
    );
  }
  await seedDemoReturns(deps, partnership);
  await seedDemoSpend(deps, partnership, DEMO_ACTOR);
  await seedDemoCarbon(deps, partnership, DEMO_ACTOR);
  await seedDemoRegisters(deps, partnership, DEMO_ACTOR);
  await seedDemoWorkforce(deps, partnership, DEMO_ACTOR);
  // Once every figure is in, so that each baseline is a figure as it will be published.
  await seedDemoTargets(deps, partnership);
  await seedDemoCharter(deps, partnership, DEMO_ACTOR);
  await seedDemoPriorities(deps, partnership, DEMO_ACTOR);
  // Last: what is published is the figures as they stand once everything else is in.
  await seedDemoPublishing(deps, partnership, DEMO_ACTOR);
  return { created: true };
}

export function demoCredentialsText(url: string): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    '',
    `Anchorage demo is running at ${url}`,
    '',
    `Sign in at ${url}/sign-in with any of these accounts (password: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.description}`),
    `  ${DEMO_RESIDENTS[0].email.padEnd(width)}  Resident with a light account (no role)`,
    '',
    'All demo data is fictional. Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
