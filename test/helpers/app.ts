/** The real app on a fresh test database, with factories for the data each test needs. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { OrganisationType } from '../../src/core/organisation-types.js';
import { isOrganisationRole, type Role } from '../../src/core/roles.js';
import type {
  Organisation,
  Partnership,
  ReportingPeriod,
  RevisionStatus,
  User,
} from '../../src/db/schema.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { SYSTEM_ACTOR, type AuditActor } from '../../src/features/audit/audit.repo.js';
import type { ReturnContext, ReturnState } from '../../src/features/returns/returns.service.js';
import { createLogger } from '../../src/logger.js';
import { TestClient } from './client.js';
import { openTestDatabase, type TestDatabase } from './db.js';
import { NO_POSTCODES, NO_POSTCODES_MESSAGE } from './reference-guard.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://anchorage.test',
    SIGN_IN_RATE_LIMIT: '10000',
    RESET_RATE_LIMIT: '10000',
    ACCOUNT_RATE_LIMIT: '10000',
    SURVEY_RATE_LIMIT: '10000',
    ...overrides,
  });
}

/**
 * Where the server log goes: with ANCHORAGE_TEST_LOG_DIR set (`npm test` sets it), each test
 * file's log is written, at level info, to <dir>/<path of the test file>.log, for the secret scan
 * that follows the run (test/helpers/secret-scan.ts); a test that reads the log gets it at level
 * info too; on a lean database, errors are watched for a read of the missing postcode directory.
 * Otherwise the tests log nothing.
 */
function serverLog(
  extra: pino.DestinationStream | undefined,
  watcher: pino.DestinationStream | undefined,
): { level: string; destination?: pino.DestinationStream } {
  const streams: pino.StreamEntry[] = [];
  const dir = process.env.ANCHORAGE_TEST_LOG_DIR;
  const testPath = expect.getState().testPath;
  if (dir && testPath) {
    const file = path.join(dir, `${path.relative(process.cwd(), testPath)}.log`);
    logDestinations[file] ??= pino.destination({
      dest: file,
      sync: true,
      append: true,
      mkdir: true,
    });
    streams.push({ level: 'info', stream: logDestinations[file] });
  }
  if (extra) streams.push({ level: 'info', stream: extra });
  if (watcher) streams.push({ level: 'error', stream: watcher });
  if (streams.length === 0) return { level: 'silent' };
  const level = streams.some((s) => s.level === 'info') ? 'info' : 'error';
  if (streams.length === 1) return { level, destination: streams[0]!.stream };
  return { level, destination: pino.multistream(streams) };
}
const logDestinations: Record<string, pino.DestinationStream> = {};

/**
 * With ANCHORAGE_TEST_TIMES set (`npm test` sets it), how long each test app took to start (its
 * database copied and migrated state opened, the app built) is added to that file, one JSON line
 * each, for the summary that `npm test` prints (scripts/lib/set-up-times.ts).
 */
function recordSetUp(ms: number, reference: boolean): void {
  const file = process.env.ANCHORAGE_TEST_TIMES;
  const testPath = expect.getState().testPath;
  if (!file || !testPath) return;
  const line = { file: path.relative(process.cwd(), testPath), ms: Math.round(ms), reference };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/**
 * Watches the error log of an app on a lean database for the error a read of the missing postcode
 * directory raises: says so at once on standard error, and fails the file when the app closes,
 * whatever the test made of the failed request.
 */
function referenceWatcher() {
  let seen = false;
  return {
    stream: {
      write(line: string) {
        if (seen || !line.includes(NO_POSTCODES)) return;
        seen = true;
        console.error(NO_POSTCODES_MESSAGE);
      },
    },
    check() {
      if (seen) throw new Error(NO_POSTCODES_MESSAGE);
    },
  };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly deps: Deps;
  readonly database: TestDatabase;
  client(): TestClient;
  /** Another app instance on the same database: a restarted process, or a second server behind a load balancer. */
  anotherInstance(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    config?: Record<string, string>;
    database?: TestDatabase;
    /** Where the server log goes (at level info), for tests that read it. */
    log?: pino.DestinationStream;
    /**
     * The shipped reference data (the postcode directory), for tests that place suppliers by
     * postcode. Without it, reading the postcode directory fails with a message saying so.
     */
    reference?: boolean;
  } = {},
): Promise<TestApp> {
  const started = performance.now();
  const database =
    options.database ?? (await openTestDatabase({ reference: options.reference ?? false }));
  const watcher = database.reference ? undefined : referenceWatcher();
  const log = serverLog(options.log, watcher?.stream);
  const config = testConfig({ LOG_LEVEL: log.level, ...options.config });
  const deps = buildDeps(config, database, createLogger(config.logLevel, log.destination));
  const apps: FastifyInstance[] = [];
  const make = async () => {
    const app = await createApp(deps);
    await app.ready();
    apps.push(app);
    return app;
  };
  const app = await make();
  recordSetUp(performance.now() - started, database.reference);
  return {
    app,
    deps,
    database,
    client: () => new TestClient(app),
    anotherInstance: make,
    async close() {
      for (const a of apps) await a.close();
      if (!options.database) await database.dispose();
      watcher?.check();
    },
  };
}

const unique = () => randomBytes(4).toString('hex');

export async function makePartnership(
  deps: Deps,
  overrides: Partial<{
    slug: string;
    name: string;
    isPublic: boolean;
    requireStaffTotp: boolean;
  }> = {},
): Promise<Partnership> {
  const id = unique();
  const { partnership } = await deps.tenancy.createPartnership(
    {
      slug: overrides.slug ?? `p-${id}`,
      name: overrides.name ?? `Partnership ${id}`,
      localArea: ['E08000012'],
      fyStartMonth: 4,
      isPublic: overrides.isPublic ?? false,
      requireStaffTotp: overrides.requireStaffTotp ?? false,
    },
    SYSTEM_ACTOR,
  );
  return partnership;
}

type OrganisationOverrides = Partial<{ code: string; name: string; type: OrganisationType }>;

export async function makeOrganisation(
  deps: Deps,
  partnership: Partnership,
  overrides: OrganisationOverrides = {},
): Promise<Organisation> {
  const id = unique().toUpperCase();
  return deps.tenancy.createOrganisation(
    partnership.id,
    {
      code: overrides.code ?? `ORG-${id}`,
      name: overrides.name ?? `Organisation ${id}`,
      type: overrides.type ?? 'nhs-trust',
      postcode: 'L7 8XP',
      londonWeighting: false,
    },
    SYSTEM_ACTOR,
  );
}

/**
 * A new partnership with a member organisation for each entry of `members` (its overrides),
 * made in that order: `const { partnership, members: [a, b] } = await partnershipWithMembers(
 * t.deps, [{ name: 'A Trust' }, {}])`.
 */
export async function partnershipWithMembers<const M extends readonly OrganisationOverrides[]>(
  deps: Deps,
  members: M,
  overrides: Parameters<typeof makePartnership>[1] = {},
): Promise<{ partnership: Partnership; members: { -readonly [K in keyof M]: Organisation } }> {
  const partnership = await makePartnership(deps, overrides);
  const made: Organisation[] = [];
  for (const member of members) made.push(await makeOrganisation(deps, partnership, member));
  return { partnership, members: made as { -readonly [K in keyof M]: Organisation } };
}

/** Who opens a period in a test: by default the system. */
interface PeriodOptions {
  actor?: AuditActor;
}

function openPeriod(
  deps: Deps,
  partnership: Partnership,
  fyStartYear: number,
  quarter: number | null,
  dueOn: string,
  { actor = SYSTEM_ACTOR }: PeriodOptions,
): Promise<ReportingPeriod> {
  const kind = quarter === null ? 'year' : 'quarter';
  return deps.returns.openPeriod(partnership, { kind, fyStartYear, quarter, dueOn }, actor);
}

/** Opens a partnership's financial year starting in `fyStartYear`, due by default on 30 June after it ends. */
export const openYear = (
  deps: Deps,
  partnership: Partnership,
  fyStartYear: number,
  options: PeriodOptions & { dueOn?: string } = {},
) =>
  openPeriod(
    deps,
    partnership,
    fyStartYear,
    null,
    options.dueOn ?? `${fyStartYear + 1}-06-30`,
    options,
  );

/**
 * Opens a quarter (1 to 4) of a partnership's financial year starting in `fyStartYear`, due on
 * `dueOn` (quarters end at different times, so a test says when its quarter is due).
 */
export const openQuarter = (
  deps: Deps,
  partnership: Partnership,
  fyStartYear: number,
  quarter: number,
  dueOn: string,
  options: PeriodOptions = {},
) => openPeriod(deps, partnership, fyStartYear, quarter, dueOn, options);

/**
 * An organisation's return for a period (made if need be) with `values` stored in its current
 * revision (item → value) and that revision put straight into `status`, with `times` (when it was
 * sent for review, decided), as though people had filled it in and moved it on. Returns the
 * state as loaded before the change.
 */
export async function returnIn(
  t: TestApp,
  ctx: ReturnContext,
  status: RevisionStatus,
  options: {
    values?: Record<string, string>;
    times?: Partial<{ submitted_at: Date; decided_at: Date }>;
  } = {},
): Promise<ReturnState> {
  const state = await t.deps.returns.load(ctx, null);
  const values = Object.entries(options.values ?? {});
  if (values.length > 0)
    await t.database.db
      .insertInto('return_values')
      .values(
        values.map(([item, value]) => ({
          revision_id: state.revision.id,
          partnership_id: ctx.partnership.id,
          item_id: item,
          value,
        })),
      )
      .execute();
  await t.database.db
    .updateTable('return_revisions')
    .set({ status, ...options.times })
    .where('id', '=', state.revision.id)
    .execute();
  return state;
}

export async function makeUser(
  deps: Deps,
  options: {
    role?: Role;
    partnership?: Partnership;
    organisation?: Organisation;
    pillars?: string[];
    platformAdmin?: boolean;
    email?: string;
  } = {},
): Promise<User & { password: string }> {
  const email = options.email ?? `${options.role ?? 'user'}-${unique()}@test.example`;
  const user = await deps.accounts.createUser(
    {
      email,
      displayName: `Test ${options.role ?? 'user'}`,
      password: TEST_PASSWORD,
      platformAdmin: options.platformAdmin ?? false,
      ...(options.role && options.partnership
        ? {
            membership: {
              partnershipId: options.partnership.id,
              organisationId: options.organisation?.id ?? null,
              role: options.role,
              pillars: options.pillars ?? null,
            },
          }
        : {}),
    },
    SYSTEM_ACTOR,
  );
  return { ...user, password: TEST_PASSWORD };
}

/** A signed-in client for a new user with the given role. */
export async function signedIn(
  t: TestApp,
  options: Parameters<typeof makeUser>[1],
): Promise<{ client: TestClient; user: User & { password: string } }> {
  const user = await makeUser(t.deps, options);
  const client = t.client();
  await client.signIn(user.email, user.password);
  return { client, user };
}

/**
 * A client signed in as a new user with `role` in the partnership: for an organisation's roles
 * (organisation lead, contributor, viewer), in `organisation`; a partnership's roles (lead,
 * reviewer, moderator) belong to no organisation, so for them `organisation` is not used.
 */
export async function signedInAs(
  t: TestApp,
  role: Role,
  partnership: Partnership,
  organisation?: Organisation,
): Promise<TestClient> {
  const inOrganisation = organisation && isOrganisationRole(role) ? { organisation } : {};
  return (await signedIn(t, { role, partnership, ...inOrganisation })).client;
}

/**
 * The start most files' tests share: the app (with `app`'s options), a partnership with one
 * member organisation, and a client signed in for each role in `roles` (an organisation's roles
 * in that organisation), by role:
 * `({ t, partnership: p, organisation: org, as: { reviewer } } = await startWithMember(['reviewer']))`.
 */
export async function startWithMember<const R extends readonly Role[]>(
  roles: R,
  options: {
    app?: Parameters<typeof startTestApp>[0];
    partnership?: Parameters<typeof makePartnership>[1];
    organisation?: OrganisationOverrides;
  } = {},
): Promise<{
  t: TestApp;
  partnership: Partnership;
  organisation: Organisation;
  as: { [K in R[number]]: TestClient };
}> {
  const t = await startTestApp(options.app);
  const {
    partnership,
    members: [organisation],
  } = await partnershipWithMembers(t.deps, [options.organisation ?? {}], options.partnership);
  const as: Partial<Record<Role, TestClient>> = {};
  for (const role of roles) as[role] = await signedInAs(t, role, partnership, organisation);
  return { t, partnership, organisation, as: as as { [K in R[number]]: TestClient } };
}

/**
 * An approved return with these figures, written as the review would leave it; where the
 * organisation has a return for the period already, its next revision (a correction), approved.
 */
export async function approvedReturn(
  t: TestApp,
  p: Partnership,
  org: Organisation,
  period: ReportingPeriod,
  values: Record<string, number>,
) {
  const db = t.database.db;
  const existing = await db
    .selectFrom('returns')
    .leftJoin('return_revisions', 'return_revisions.return_id', 'returns.id')
    .select(['returns.id', (eb) => eb.fn.max('return_revisions.number').as('number')])
    .where('returns.organisation_id', '=', org.id)
    .where('returns.period_id', '=', period.id)
    .groupBy('returns.id')
    .executeTakeFirst();
  const ret =
    existing ??
    (await db
      .insertInto('returns')
      .values({ partnership_id: p.id, organisation_id: org.id, period_id: period.id })
      .returning('id')
      .executeTakeFirstOrThrow());
  const revision = await db
    .insertInto('return_revisions')
    .values({
      partnership_id: p.id,
      return_id: ret.id,
      number: Number(existing?.number ?? 0) + 1,
      status: 'draft',
      pillar_status: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('return_values')
    .values(
      Object.entries(values).map(([item, value]) => ({
        revision_id: revision.id,
        partnership_id: p.id,
        item_id: item,
        value: String(value),
        note: null,
        confidence: null,
      })),
    )
    .execute();
  await db
    .updateTable('return_revisions')
    .set({ status: 'approved', submitted_at: new Date(), decided_at: new Date() })
    .where('id', '=', revision.id)
    .execute();
}
