/**
 * The one place that reads the environment. Everything else receives a Config.
 */
import path from 'node:path';
import { z } from 'zod';

const DEV_SECRET = 'development-only-secret-do-not-use-in-production-0000';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    ANCHORAGE_DATA_DIR: z.string().min(1).default('.data'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
    SECURE_COOKIES: booleanish.optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MAILER: z.enum(['outbox', 'smtp']).default('outbox'),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Anchorage <no-reply@anchorage.invalid>'),
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
    RESET_RATE_LIMIT: z.coerce.number().int().positive().default(5),
    ACCOUNT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
    SURVEY_RATE_LIMIT: z.coerce.number().int().positive().default(20),
    POSTING_RATE_LIMIT: z.coerce.number().int().positive().default(30),
    API_RATE_LIMIT: z.coerce.number().int().positive().default(120),
    RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().positive().default(15),
    TRUST_PROXY: booleanish.default(false),
    WATCH_TEMPLATES: booleanish.default(false),
    OPERATOR_NAME: z.string().trim().min(1).optional(),
    CONTACT_EMAIL: z.email().optional(),
    UPLOAD_MAX_MB: z.coerce.number().positive().default(20),
    UPLOAD_DIR: z.string().min(1).optional(),
    SPEND_UPLOAD_MAX_MB: z.coerce.number().positive().default(200),
    COMPANIES_HOUSE_API_KEY: z.string().min(1).optional(),
    COMPANIES_HOUSE_URL: z.url().default('https://api.company-information.service.gov.uk'),
    VIRUS_SCANNER: z
      .string()
      .regex(/^(off|eicar|clamd:\/\/[^:/]+:\d+\/?)$/, 'must be off, eicar or clamd://host:port')
      .default('eicar'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when NODE_ENV=production',
      });
    }
    if (env.MAILER === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAILER=smtp' });
    }
  });

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string };
  readonly sessionSecret: string;
  readonly sessionTtlHours: number;
  readonly secureCookies: boolean;
  readonly logLevel: string;
  readonly mailer: { readonly kind: 'outbox' } | { readonly kind: 'smtp'; readonly url: string };
  readonly mailFrom: string;
  readonly rateLimits: {
    readonly signIn: number;
    readonly reset: number;
    /**
     * Attempts at a password or a code once the account is known (the code at sign-in, changing
     * the password, turning two-step sign-in on or off), counted per account.
     */
    readonly account: number;
    /** Answers to the supplier survey (LM3), which needs no account. */
    readonly survey: number;
    /** Residents' responses, suggestions, priorities and reports, counted per account or address. */
    readonly posting: number;
    /** Requests a minute to the returns API, counted per API token (decision 035). */
    readonly apiPerMinute: number;
    readonly windowMinutes: number;
  };
  readonly uploadMaxBytes: number;
  /** Evidence files, outside anything served to the web. */
  readonly uploadDir: string;
  readonly virusScanner: string;
  /** Spend files are larger than evidence: a council's year is about 60 MB. */
  readonly spendUploadMaxBytes: number;
  /** Behind a load balancer: take the client address from X-Forwarded-For (for rate limits). */
  readonly trustProxy: boolean;
  /**
   * Read templates from disk on every request, so that a change to one shows at once (for
   * working on the pages). Off by default: templates are compiled once, as users run the service.
   */
  readonly watchTemplates: boolean;
  /** The Companies House public data API, for looking up suppliers; off without a key. */
  readonly companiesHouse: { readonly url: string; readonly apiKey: string } | null;
  /**
   * Who runs this deployment (OPERATOR_NAME, CONTACT_EMAIL): named in the accessibility statement
   * and privacy notice. Not set, those pages say so rather than show a made-up name or address.
   */
  readonly operator: { readonly name: string | null; readonly email: string | null };
  /** The service's address as configured (PUBLIC_URL), or null: pages name no address then. */
  readonly publicUrl: string | null;
}

export class ConfigError extends Error {}

/** Parse an environment (process.env by default) into a frozen Config, or throw a ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<string, string>> = {},
  defaults: Partial<Record<string, string>> = {},
): Config {
  const merged = {
    ...emptyToUndefined(defaults),
    ...dropUndefined(emptyToUndefined(env)),
    ...dropUndefined(emptyToUndefined(overrides)),
  };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.') || '(environment)'} ${i.message}`,
    );
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const port = e.PORT;
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port,
    baseUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.ANCHORAGE_DATA_DIR) },
    sessionSecret: e.SESSION_SECRET ?? DEV_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    mailer: e.MAILER === 'smtp' ? { kind: 'smtp', url: e.SMTP_URL ?? '' } : { kind: 'outbox' },
    mailFrom: e.MAIL_FROM,
    rateLimits: {
      signIn: e.SIGN_IN_RATE_LIMIT,
      reset: e.RESET_RATE_LIMIT,
      account: e.ACCOUNT_RATE_LIMIT,
      survey: e.SURVEY_RATE_LIMIT,
      posting: e.POSTING_RATE_LIMIT,
      apiPerMinute: e.API_RATE_LIMIT,
      windowMinutes: e.RATE_LIMIT_WINDOW_MINUTES,
    },
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(e.ANCHORAGE_DATA_DIR, 'uploads')),
    virusScanner: e.VIRUS_SCANNER,
    spendUploadMaxBytes: Math.round(e.SPEND_UPLOAD_MAX_MB * 1024 * 1024),
    trustProxy: e.TRUST_PROXY,
    watchTemplates: e.WATCH_TEMPLATES,
    operator: { name: e.OPERATOR_NAME ?? null, email: e.CONTACT_EMAIL ?? null },
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, '') : null,
    companiesHouse: e.COMPANIES_HOUSE_API_KEY
      ? { url: e.COMPANIES_HOUSE_URL.replace(/\/$/, ''), apiKey: e.COMPANIES_HOUSE_API_KEY }
      : null,
  };
  return Object.freeze(config);
}

function dropUndefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function emptyToUndefined(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === '' ? undefined : v;
  return out;
}
