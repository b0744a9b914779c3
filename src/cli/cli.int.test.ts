/**
 * The command line against a real database: the PGlite folder in ANCHORAGE_DATA_DIR, or (when
 * the suite runs against a server) this file's own PostgreSQL database in DATABASE_URL, called in
 * this process through runCli (one test runs the program from its bin file).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from '../demo/seed.js';
import { openRuntime } from '../server.js';
import { prepareCommandDatabase } from '../../test/helpers/db.js';
import { runCli } from './main.js';

let dataDir: string;
let prepared: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-cli-'));
  // A migrated database with the reference data, as a first start would leave it.
  prepared = await prepareCommandDatabase(dataDir);
  Object.assign(process.env, prepared.env, { LOG_LEVEL: 'silent' });
});

afterAll(async () => {
  process.env = saved;
  await prepared?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(args: string, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, '')),
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readStdin: async () => stdin,
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('anchorage', () => {
  it('explains every command with --help', async () => {
    for (const cmd of [
      '',
      'serve',
      'migrate',
      'demo',
      'partnership create',
      'org create',
      'users create',
      'audit',
    ]) {
      const r = await cli(`${cmd} --help`);
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toMatch(/Usage: anchorage/);
    }
  });

  it('runs as a program from its bin file', () => {
    const out = execFileSync(process.execPath, [path.resolve('bin/anchorage.mjs'), '--help'], {
      encoding: 'utf8',
    });
    expect(out).toContain('Usage: anchorage');
    expect(out).toContain('partnership');
  });

  it('migrates, creates a partnership, an organisation and a user with a role, and reports the audit', async () => {
    expect((await cli('migrate')).out).toMatch(/up to date|Applied/);
    const p = await cli(
      'partnership create --slug cli-test --name "CLI Test Partnership" --area E08000012,E08000015 --public',
    );
    expect(p.code, p.err).toBe(0);
    expect(p.out).toContain('Created partnership cli-test');

    const again = await cli('partnership create --slug cli-test --name Again');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already used');

    const badArea = await cli('partnership create --slug other --name Other --area E99999999');
    expect(badArea.code).toBe(1);
    expect(badArea.err).toContain('Unknown district code(s): E99999999');

    const o = await cli(
      'org create --partnership cli-test --code RBQ --name "Liverpool Heart and Chest" --type nhs-trust',
    );
    expect(o.code, o.err).toBe(0);
    expect(o.out).toContain('Added Liverpool Heart and Chest (RBQ)');

    const u = await cli(
      'users create --email Lead@Test.Example --name "Lee Lead" --password-stdin --partnership cli-test --role partnership-lead',
      'a-long-enough-password\n',
    );
    expect(u.code, u.err).toBe(0);
    expect(u.out).toContain('lead@test.example');

    const noPassword = await cli(
      'users create --email viewer@test.example --name "Vi Ewer" --partnership cli-test --role viewer --org RBQ',
    );
    expect(noPassword.code, noPassword.err).toBe(0);
    expect(noPassword.out).toMatch(
      /Set a password within 1 hour at: http:\/\/localhost:3000\/reset-password\/\S+/,
    );

    const wrongRole = await cli(
      'users create --email x@test.example --name X --partnership cli-test --role viewer',
    );
    expect(wrongRole.code).toBe(1);
    expect(wrongRole.err).toContain('--org is needed');

    const audit = await cli('audit --partnership cli-test --json');
    const actions = audit.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; actor_label: string });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'partnership.created',
        'organisation.created',
        'user.created',
        'membership.granted',
      ]),
    );
    expect(actions.every((a) => a.actor_label === 'command line')).toBe(true);
  });

  it('seeds the demo once and keeps it on a second run', async () => {
    const first = await cli('demo --seed-only');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('Created the demonstration partnership');
    const second = await cli('demo --seed-only');
    expect(second.out).toContain('already exists; kept as it is');

    const config = loadConfig();
    const rt = await openRuntime(config);
    try {
      const db = rt.database.db;
      const demo = await db
        .selectFrom('partnerships')
        .selectAll()
        .where('slug', '=', 'demo')
        .executeTakeFirstOrThrow();
      expect(demo.is_demo).toBe(true);
      expect(demo.local_area).toHaveLength(9);
      const orgs = await db
        .selectFrom('organisations')
        .select(['type'])
        .where('partnership_id', '=', demo.id)
        .execute();
      expect(orgs).toHaveLength(DEMO_ORGANISATIONS.length);
      expect(new Set(orgs.map((o) => o.type)).size).toBe(6);
      const roles = await db
        .selectFrom('memberships')
        .select('role')
        .where('partnership_id', '=', demo.id)
        .execute();
      expect(new Set(roles.map((r) => r.role))).toEqual(
        new Set(['partnership-lead', 'reviewer', 'moderator', 'org-lead', 'contributor', 'viewer']),
      );
      const admin = await db
        .selectFrom('users')
        .select('is_platform_admin')
        .where('email', '=', DEMO_ACCOUNTS[0]!.email)
        .executeTakeFirstOrThrow();
      expect(admin.is_platform_admin).toBe(true);
    } finally {
      await rt.close();
    }
  });

  it('keeps everything after the database is closed and opened again (a restart)', async () => {
    const rt = await openRuntime(loadConfig());
    try {
      const slugs = (
        await rt.database.db.selectFrom('partnerships').select('slug').orderBy('slug').execute()
      ).map((r) => r.slug);
      expect(slugs).toEqual(['cli-test', 'demo']);
    } finally {
      await rt.close();
    }
  });

  it('fails with a clear message when the environment is wrong', async () => {
    process.env.PORT = 'not-a-port';
    try {
      const r = await cli('migrate');
      expect(r.code).toBe(1);
      expect(r.err).toContain('Invalid environment');
      expect(r.err).toContain('PORT');
    } finally {
      delete process.env.PORT;
    }
  });
});
