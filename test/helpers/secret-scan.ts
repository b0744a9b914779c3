/**
 * Looks for secrets in server logs: password hashes, session ids, second-factor secrets, the
 * tokens of emailed links, personal API tokens (anc_…), session cookies and the passwords the
 * tests and the demo use.
 * `npm test` runs the integration tests with each test file's server log written to a folder
 * (ANCHORAGE_TEST_LOG_DIR, see test/helpers/app.ts) and then scans that folder with this.
 *
 * Session ids (24 random bytes) and tokens (32) are base64url; second-factor secrets (20 bytes)
 * are base32. Random strings of those lengths hold upper and lower case letters and a digit,
 * which names, codes and identifiers in the log do not.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SecretFinding {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly kind: string;
}

/** The passwords of the test accounts (test/helpers/app.ts) and of the demo (src/demo/seed.ts). */
export const KNOWN_PASSWORDS = ['correct-horse-battery-staple', 'anchorage-demo-2026'] as const;

const B64 = 'A-Za-z0-9_\\-';
/** A run of exactly n base64url characters with an upper-case letter, a lower-case one and a digit. */
const randomBase64Url = (n: number) =>
  new RegExp(
    `(?<![${B64}])(?=[${B64}]{0,${n - 1}}[A-Z])(?=[${B64}]{0,${n - 1}}[a-z])(?=[${B64}]{0,${n - 1}}[0-9])[${B64}]{${n}}(?![${B64}])`,
  );

const PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'a password hash', pattern: /\$argon2(?:id|i|d)\$/ },
  // Its prefix makes one easy to find (core/api/tokens.ts); its random part follows `_`, which
  // the emailed-link pattern below does not allow before a token.
  { kind: 'an API token', pattern: /(?<![A-Za-z0-9])anc_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'a session id', pattern: randomBase64Url(32) },
  { kind: 'a token from an emailed link', pattern: randomBase64Url(43) },
  {
    kind: 'a second-factor secret',
    pattern: /(?<![A-Za-z0-9])(?=[A-Z2-7]{0,31}[2-7])[A-Z2-7]{32}(?![A-Za-z0-9])/,
  },
  {
    kind: 'a second-factor secret',
    pattern: /(?<![A-Za-z0-9])(?:[A-Z2-7]{4} ){7}[A-Z2-7]{4}(?![A-Za-z0-9])/,
  },
  { kind: 'a session cookie', pattern: /anchorage_session=(?!\[redacted\])[^\s;"']/ },
  ...KNOWN_PASSWORDS.map((p) => ({ kind: 'a password', pattern: new RegExp(escape(p)) })),
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * The secrets found in some log text, one per line (never the secret itself): the first kind in
 * PATTERNS that matches, so that a password hash, whose random part can also pass for a token,
 * is named as what it is.
 */
export function findSecrets(text: string, file = ''): SecretFinding[] {
  const found: SecretFinding[] = [];
  text.split('\n').forEach((line, i) => {
    const match = PATTERNS.find(({ pattern }) => pattern.test(line));
    if (match) found.push({ file, line: i + 1, kind: match.kind });
  });
  return found;
}

/** Every log file under a folder (recursively), scanned. A missing folder has no findings. */
export function scanLogFolder(dir: string): { files: number; findings: SecretFinding[] } {
  if (!fs.existsSync(dir)) return { files: 0, findings: [] };
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.log'))
    .map((name) => path.join(dir, name));
  const findings = files.flatMap((file) => findSecrets(fs.readFileSync(file, 'utf8'), file));
  return { files: files.length, findings };
}
