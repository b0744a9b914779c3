import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { newApiToken } from '../../src/core/api/tokens.js';
import { newToken } from '../../src/lib/tokens.js';
import { newTotpSecret } from '../../src/lib/totp.js';
import { findSecrets, KNOWN_PASSWORDS, scanLogFolder } from './secret-scan.js';
import { TEST_PASSWORD } from './app.js';

/** A log line as pino writes it, around some value. */
const line = (value: string) =>
  JSON.stringify({
    level: 50,
    time: 1,
    service: 'anchorage',
    reqId: 'req-7',
    err: { type: 'DatabaseError', message: 'failed', params: [value] },
    msg: 'request failed',
  });

const sessionId = () =>
  // As @fastify/session makes them: 24 random bytes in base64url.
  Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 73 + 11) % 256)).toString('base64url');

describe('findSecrets', () => {
  it('names a password hash as one, whatever its random part looks like', async () => {
    // The random part of a hash is 43 base64 characters: often a token look-alike too.
    for (let i = 0; i < 20; i++) {
      const hash = await hashPassword(`some password ${i}`);
      expect(findSecrets(line(hash)).map((f) => f.kind)).toEqual(['a password hash']);
    }
  });

  it('finds a session id, a second-factor secret, an emailed-link token and a cookie', () => {
    const secret = newTotpSecret();
    expect(findSecrets(line(sessionId())).map((f) => f.kind)).toEqual(['a session id']);
    expect(findSecrets(line(`{"pendingTotpSecret":"${secret}"}`)).map((f) => f.kind)).toContain(
      'a second-factor secret',
    );
    expect(findSecrets(line(secret.match(/.{4}/g)!.join(' '))).map((f) => f.kind)).toEqual([
      'a second-factor secret',
    ]);
    // Tokens are random: try enough that one without a digit or a capital would not pass by luck.
    for (let i = 0; i < 20; i++) {
      const token = newToken();
      if (/[0-9]/.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token)) {
        expect(findSecrets(line(`/reset-password/${token}`)).map((f) => f.kind)).toEqual([
          'a token from an emailed link',
        ]);
      }
    }
    expect(findSecrets('cookie: anchorage_session=abc.def').map((f) => f.kind)).toEqual([
      'a session cookie',
    ]);
  });

  it('finds a personal API token by its prefix, wherever it is', () => {
    for (let i = 0; i < 20; i++) {
      const { text, hash } = newApiToken();
      expect(findSecrets(line(text)).map((f) => f.kind)).toEqual(['an API token']);
      expect(findSecrets(`authorization: Bearer ${text}`).map((f) => f.kind)).toEqual([
        'an API token',
      ]);
      // Its hash, which is what is stored, is not a secret.
      expect(findSecrets(line(hash))).toEqual([]);
    }
  });

  it('finds the passwords the tests and the demo use', () => {
    expect([...KNOWN_PASSWORDS].sort()).toEqual([DEMO_PASSWORD, TEST_PASSWORD].sort());
    expect(findSecrets(line(TEST_PASSWORD)).map((f) => f.kind)).toEqual(['a password']);
    expect(findSecrets(line(DEMO_PASSWORD)).map((f) => f.kind)).toEqual(['a password']);
  });

  it('says which line, without repeating the secret', async () => {
    const text = [line('nothing'), line('still nothing'), line(await hashPassword('x'))].join('\n');
    expect(findSecrets(text, 'a.log')).toEqual([
      { file: 'a.log', line: 3, kind: 'a password hash' },
    ]);
  });

  it('passes what a log holds when nothing leaks', () => {
    const clean = [
      '{"level":30,"time":1796173779231,"service":"anchorage","reqId":"req-1","req":{"method":"GET","url":"/manage/p-1a2b3c4d/organisations/07b52db5-63eb-4ed6-9337-6921df483c66"},"msg":"incoming request"}',
      '{"level":30,"reqId":"req-9","req":{"method":"POST","url":"/reset-password/[token]"},"msg":"incoming request"}',
      '{"level":50,"err":{"type":"DatabaseError","message":"new row for relation \\"indicator_targets\\" violates check constraint \\"indicator_targets_partnership_id_fkey\\"","code":"23514"}}',
      '{"level":40,"security":{"event":"sign-in.failed","userId":"07b52db5-63eb-4ed6-9337-6921df483c66"}}',
      '    at async AccountsService.changePassword (file:///work/main/src/features/accounts/accounts.service.ts:184:9)',
      '    at file:///work/main/node_modules/@electric-sql/pglite/dist/chunk-UYHX356B.js:8:2314',
      '{"msg":"token hash","hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}',
      '{"err":{"message":"anchorage_session=[redacted]"}}',
    ].join('\n');
    expect(findSecrets(clean)).toEqual([]);
  });
});

describe('scanLogFolder', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails a run whose test file logged a password hash, and names the file and line', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-logs-'));
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'clean.int.test.ts.log'), `${line('nothing')}\n`);
    fs.writeFileSync(
      path.join(dir, 'src', 'leaky.int.test.ts.log'),
      `${line('nothing')}\n${line(await hashPassword('x'))}\n`,
    );
    const { files, findings } = scanLogFolder(dir);
    expect(files).toBe(2);
    expect(findings).toEqual([
      { file: path.join(dir, 'src', 'leaky.int.test.ts.log'), line: 2, kind: 'a password hash' },
    ]);
  });

  it('finds nothing in a folder that is not there', () => {
    expect(scanLogFolder(path.join(os.tmpdir(), 'anchorage-no-such-folder'))).toEqual({
      files: 0,
      findings: [],
    });
  });
});
