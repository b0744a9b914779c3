/** The real app on a fresh test database, with factories for the data each test needs. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { OrganisationType } from '../../src/core/organisation-types.js';
import type { Role } from '../../src/core/roles.js';
import type { Organisation, Partnership, User } from '../../src/db/schema.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { SYSTEM_ACTOR } from '../../src/features/audit/audit.repo.js';
import { createLogger } from '../../src/logger.js';
import { TestClient } from './client.js';
import { openTestDatabase, type TestDatabase } from './db.js';

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
 * With ANCHORAGE_TEST_LOG_DIR set (`npm test` sets it), each test file's server log is written,
 * at level info, to <dir>/<path of the test file>.log, for the secret scan that follows the run
 * (test/helpers/secret-scan.ts). Otherwise the tests log nothing.
 */
function serverLog(): { level: string; destination?: pino.DestinationStream } {
  const dir = process.env.ANCHORAGE_TEST_LOG_DIR;
  const testPath = expect.getState().testPath;
  if (!dir || !testPath) return { level: 'silent' };
  const file = path.join(dir, `${path.relative(process.cwd(), testPath)}.log`);
  logDestinations[file] ??= pino.destination({ dest: file, sync: true, append: true, mkdir: true });
  return { level: 'info', destination: logDestinations[file] };
}
const logDestinations: Record<string, pino.DestinationStream> = {};

/** The server log, and also a test's own destination when it reads the log. */
function withLog(
  log: ReturnType<typeof serverLog>,
  extra: pino.DestinationStream | undefined,
): ReturnType<typeof serverLog> {
  if (!extra) return log;
  if (!log.destination) return { level: 'info', destination: extra };
  return {
    level: 'info',
    destination: pino.multistream([{ stream: log.destination }, { stream: extra }]),
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
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  const log = withLog(serverLog(), options.log);
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
  return {
    app,
    deps,
    database,
    client: () => new TestClient(app),
    anotherInstance: make,
    async close() {
      for (const a of apps) await a.close();
      if (!options.database) await database.dispose();
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

export async function makeOrganisation(
  deps: Deps,
  partnership: Partnership,
  overrides: Partial<{ code: string; name: string; type: OrganisationType }> = {},
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
