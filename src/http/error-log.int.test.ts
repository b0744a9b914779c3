/**
 * A request that fails on a database error is logged without the query's values: no password
 * hash, session id or second-factor secret reaches the server log, on either database. What an
 * operator needs (the error code, constraint, table and where in the code) stays.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { buildDeps } from '../deps.js';
import { hashPassword } from '../lib/passwords.js';
import { newTotpSecret } from '../lib/totp.js';
import { createLogger } from '../logger.js';
import { testConfig } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { findSecrets } from '../../test/helpers/secret-scan.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let database: TestDatabase;
let app: FastifyInstance;
let hash: string;
const secret = newTotpSecret();

beforeAll(async () => {
  database = await openTestDatabase();
  const config = testConfig({ LOG_LEVEL: 'info' });
  const deps = buildDeps(config, database, createLogger('info', sink));
  hash = await hashPassword('a-password-that-must-never-be-logged');
  app = await createApp(deps);
  // A row the database refuses (the address must be lower case): its values, the password hash
  // among them, are in the error the database gives back.
  app.post('/test/failing-insert', { config: { access: 'public' } }, async () => {
    await database.db
      .insertInto('users')
      .values({ email: 'Someone@Test.Example', display_name: 'Someone', password_hash: hash })
      .execute();
    return 'not reached';
  });
  // A session the database refuses to store (a NUL character cannot be kept in jsonb), holding
  // a second-factor secret being set up.
  app.get('/test/failing-session', { config: { access: 'public' } }, async (request) => {
    request.session.pendingTotpSecret = secret;
    request.session.flash = 'bad \u0000 text';
    return 'saved?';
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

function errorLines(): { line: string; entry: Record<string, unknown> }[] {
  return lines
    .map((line) => ({ line, entry: JSON.parse(line) as Record<string, unknown> }))
    .filter(({ entry }) => entry.err !== undefined);
}

describe('database errors in the server log', () => {
  it('leave out the values of a refused row, keeping the code, constraint and table', async () => {
    lines.length = 0;
    const client = new TestClient(app);
    const page = await client.post('/test/failing-insert', {}, { from: '/sign-in' });
    expect(page.status).toBe(500);
    const logged = errorLines();
    expect(logged).toHaveLength(1);
    const { line, entry } = logged[0]!;
    expect(line).not.toContain('$argon2');
    expect(line).not.toContain(hash.slice(-20));
    expect(line).not.toContain('Someone@Test.Example');
    const err = entry.err as Record<string, unknown>;
    expect(err).toMatchObject({ code: '23514', table: 'users', constraint: 'users_email_check' });
    expect(String(err.message)).toContain('violates check constraint');
    expect(String(err.stack)).toMatch(/^\w+: new row for relation "users" violates[^\n]*\n\s+at /);
    expect(findSecrets(line)).toEqual([]);
  });

  it('leave out the session id and the contents of a session that could not be stored', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/test/failing-session' });
    expect(res.statusCode).toBe(500);
    const logged = errorLines();
    expect(logged.length).toBeGreaterThan(0);
    const ids = (await database.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    for (const { line } of lines.map((line) => ({ line }))) {
      for (const id of ids) expect(line).not.toContain(id);
    }
    for (const { line } of logged) {
      expect(findSecrets(line)).toEqual([]);
      expect(line).not.toContain(secret);
      expect(line).not.toContain('pendingTotpSecret');
      expect(line).not.toMatch(/"params"|"detail"|"where"|"query"/);
    }
    const err = logged[0]!.entry.err as Record<string, unknown>;
    expect(err.code).toMatch(/^[0-9A-Z]{5}$/);
  });
});
