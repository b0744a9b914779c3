import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 'a'.repeat(32);

/** The ConfigError thrown for this environment (fails the test when nothing is thrown). */
function errorFor(
  env: Record<string, string | undefined>,
  overrides: Partial<Record<string, string>> = {},
): ConfigError {
  try {
    loadConfig(env, overrides);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults', () => {
  const config = loadConfig({});

  it('listens on 127.0.0.1:3000 in development', () => {
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.env).toBe('development');
    expect(config.baseUrl).toBe('http://localhost:3000');
  });

  it('uses PGlite in .data, resolved to an absolute path', () => {
    expect(config.database.kind).toBe('pglite');
    if (config.database.kind !== 'pglite') throw new Error('unreachable');
    expect(path.isAbsolute(config.database.dataDir)).toBe(true);
    expect(config.database.dataDir).toBe(path.resolve(process.cwd(), '.data'));
  });

  it('keeps mail in the outbox', () => {
    expect(config.mailer).toEqual({ kind: 'outbox' });
  });

  it('has a development session secret and no secure cookies outside production', () => {
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.secureCookies).toBe(false);
  });

  it('puts uploads under the data directory', () => {
    expect(config.uploadDir).toBe(path.resolve(process.cwd(), '.data', 'uploads'));
    expect(config.uploadMaxBytes).toBe(20 * 1024 * 1024);
  });

  it('limits sign-in, password reset, checks on a known account, survey answers and residents’ posts separately', () => {
    expect(config.rateLimits).toEqual({
      signIn: 10,
      reset: 5,
      account: 10,
      survey: 20,
      posting: 30,
      apiPerMinute: 120,
      windowMinutes: 15,
    });
    expect(loadConfig({ SURVEY_RATE_LIMIT: '3' }).rateLimits.survey).toBe(3);
    expect(loadConfig({ POSTING_RATE_LIMIT: '4' }).rateLimits.posting).toBe(4);
    expect(loadConfig({ ACCOUNT_RATE_LIMIT: '4' }).rateLimits.account).toBe(4);
    expect(loadConfig({ API_RATE_LIMIT: '6' }).rateLimits.apiPerMinute).toBe(6);
  });

  it('does not read process.env when an environment is passed', () => {
    // Whatever the test runner's own environment holds, {} means "nothing set".
    expect(loadConfig({})).toEqual(config);
  });
});

describe('loadConfig: values from the environment', () => {
  it('reads PORT and HOST', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.baseUrl).toBe('http://localhost:8080');
  });

  it('accepts the ends of the port range', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    for (const url of ['postgres://u:p@db:5432/anchorage', 'postgresql://localhost/anchorage']) {
      const config = loadConfig({ DATABASE_URL: url });
      expect(config.database).toEqual({ kind: 'postgres', url });
    }
  });

  it('resolves a relative ANCHORAGE_DATA_DIR to an absolute path', () => {
    const config = loadConfig({ ANCHORAGE_DATA_DIR: 'tmp/db' });
    expect(config.database).toEqual({
      kind: 'pglite',
      dataDir: path.resolve(process.cwd(), 'tmp/db'),
    });
  });

  it('sends mail by SMTP when MAILER=smtp and SMTP_URL are set', () => {
    const config = loadConfig({ MAILER: 'smtp', SMTP_URL: 'smtp://mail:25' });
    expect(config.mailer).toEqual({ kind: 'smtp', url: 'smtp://mail:25' });
  });

  it('uses the session secret given and secure cookies in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET });
    expect(config.env).toBe('production');
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.secureCookies).toBe(true);
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://anchorage.example.org/' }).baseUrl).toBe(
      'https://anchorage.example.org',
    );
  });

  it('reads booleanish values', () => {
    expect(loadConfig({ TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
  });
});

describe('loadConfig: invalid values throw a ConfigError naming the variable', () => {
  it.each(['abc', '70000', '-1', '3.5', '65536'])('PORT=%s', (port) => {
    const e = errorFor({ PORT: port });
    expect(e.message).toMatch(/\bPORT\b/);
  });

  it.each(['mysql://localhost/db', 'localhost:5432', 'sqlite:///tmp/x', 'http://pg/db'])(
    'DATABASE_URL=%s',
    (url) => {
      const e = errorFor({ DATABASE_URL: url });
      expect(e.message).toMatch(/\bDATABASE_URL\b/);
    },
  );

  it('SESSION_SECRET shorter than 32 characters', () => {
    const e = errorFor({ SESSION_SECRET: 'a'.repeat(31) });
    expect(e.message).toMatch(/\bSESSION_SECRET\b/);
    expect(e.message).toMatch(/32/);
    expect(loadConfig({ SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
  });

  it('MAILER=smtp without SMTP_URL', () => {
    const e = errorFor({ MAILER: 'smtp' });
    expect(e.message).toMatch(/\bSMTP_URL\b/);
    // Empty counts as unset.
    expect(errorFor({ MAILER: 'smtp', SMTP_URL: '' }).message).toMatch(/\bSMTP_URL\b/);
  });

  it('NODE_ENV=production without SESSION_SECRET', () => {
    const e = errorFor({ NODE_ENV: 'production' });
    expect(e.message).toMatch(/\bSESSION_SECRET\b/);
    expect(errorFor({ NODE_ENV: 'production', SESSION_SECRET: '' }).message).toMatch(
      /\bSESSION_SECRET\b/,
    );
  });

  it('names every bad variable at once', () => {
    const e = errorFor({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    expect(e.message).toMatch(/\bPORT\b/);
    expect(e.message).toMatch(/\bDATABASE_URL\b/);
    expect(e.message).toMatch(/\bSESSION_SECRET\b/);
  });

  it('is an Error as well as a ConfigError', () => {
    const e = errorFor({ PORT: 'abc' });
    expect(e).toBeInstanceOf(Error);
  });
});

describe('loadConfig: precedence', () => {
  it('defaults < env < overrides', () => {
    expect(loadConfig({}, {}, { PORT: '1111' }).port).toBe(1111);
    expect(loadConfig({ PORT: '2222' }, {}, { PORT: '1111' }).port).toBe(2222);
    expect(loadConfig({ PORT: '2222' }, { PORT: '3333' }, { PORT: '1111' }).port).toBe(3333);
    expect(loadConfig({}, { PORT: '3333' }, { PORT: '1111' }).port).toBe(3333);
  });

  it('defaults apply to every variable, not only PORT', () => {
    const config = loadConfig({ HOST: 'env-host' }, {}, { HOST: 'default-host', MAILER: 'outbox' });
    expect(config.host).toBe('env-host');
    expect(loadConfig({}, {}, { HOST: 'default-host' }).host).toBe('default-host');
  });

  it('an override can fix an invalid environment value', () => {
    expect(loadConfig({ PORT: 'abc' }, { PORT: '4000' }).port).toBe(4000);
  });

  it('an invalid default is still an error when nothing overrides it', () => {
    expect(() => loadConfig({}, {}, { PORT: 'abc' })).toThrow(ConfigError);
  });
});

describe('loadConfig: empty strings count as unset', () => {
  it('an empty env value falls back to the default', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(loadConfig({ PORT: '' }, {}, { PORT: '1111' }).port).toBe(1111);
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
  });

  it('an empty override does not hide the env value', () => {
    expect(loadConfig({ PORT: '2222' }, { PORT: '' }).port).toBe(2222);
  });

  it('an empty DATABASE_URL keeps PGlite', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('pglite');
  });

  it('an empty SESSION_SECRET is not "too short"', () => {
    expect(() => loadConfig({ SESSION_SECRET: '' })).not.toThrow();
  });

  it('undefined values are unset too', () => {
    expect(loadConfig({ PORT: undefined }, {}, { PORT: '1111' }).port).toBe(1111);
  });
});

describe('loadConfig: the result', () => {
  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(3000);
  });
});
