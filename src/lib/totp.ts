import { Secret, TOTP } from 'otpauth';

/** RFC 6238 time-based one-time passwords (30 s, 6 digits, SHA-1: what authenticator apps expect). */
function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Anchorage',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString();
}

/**
 * Checks a code within one step either side of now. Returns the time step it matched, so the
 * caller can refuse a code that was already used (replay), or null when it does not match.
 */
export function checkTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secretBase32, 'check').validate({ token: clean, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / 30) + delta;
}

export function totpCodeAt(secretBase32: string, timestamp: number): string {
  return totp(secretBase32, 'code').generate({ timestamp });
}
