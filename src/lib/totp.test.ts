import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCodeAt, totpUri } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP_MS = 30_000;
/** The middle of a 30-second step, so ±30 s lands squarely in the neighbouring steps. */
const STEP = 56_666_667;
const NOW = STEP * STEP_MS + 15_000;

describe('newTotpSecret', () => {
  it('is base32 (RFC 4648 alphabet, no padding) for 20 bytes', () => {
    for (let i = 0; i < 20; i++) expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('is different every time', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => newTotpSecret()));
    expect(secrets.size).toBe(200);
  });
});

describe('totpCodeAt', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    expect(totpCodeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
    expect(totpCodeAt(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
  });

  it('is six digits and stable within a step', () => {
    const secret = newTotpSecret();
    const code = totpCodeAt(secret, NOW);
    expect(code).toMatch(/^\d{6}$/);
    expect(totpCodeAt(secret, STEP * STEP_MS)).toBe(code);
    expect(totpCodeAt(secret, STEP * STEP_MS + STEP_MS - 1)).toBe(code);
  });
});

describe('checkTotp', () => {
  const secret = RFC_SECRET;

  it('accepts the code for now and returns the current time step', () => {
    expect(checkTotp(secret, totpCodeAt(secret, NOW), NOW)).toBe(STEP);
  });

  it('accepts the codes 30 s either side of now, returning their steps', () => {
    expect(checkTotp(secret, totpCodeAt(secret, NOW - 30_000), NOW)).toBe(STEP - 1);
    expect(checkTotp(secret, totpCodeAt(secret, NOW + 30_000), NOW)).toBe(STEP + 1);
  });

  it('returns steps one apart for codes at t and t + 30 s', () => {
    const t = 1_750_000_000_123; // not on a step boundary
    const a = checkTotp(secret, totpCodeAt(secret, t), t);
    const b = checkTotp(secret, totpCodeAt(secret, t + 30_000), t + 30_000);
    expect(a).not.toBeNull();
    expect(b).toBe((a ?? Number.NaN) + 1);
    expect(a).toBe(Math.floor(t / 30_000));
  });

  it('rejects codes 60 s and 90 s either side of now', () => {
    for (const offset of [-90_000, -60_000, 60_000, 90_000]) {
      // The code of a distant step differs from the three codes in the window for this secret.
      expect(checkTotp(secret, totpCodeAt(secret, NOW + offset), NOW), String(offset)).toBeNull();
    }
  });

  it('uses Date.now() when no time is given', () => {
    const fresh = newTotpSecret();
    const step = checkTotp(fresh, totpCodeAt(fresh, Date.now()));
    expect(step).not.toBeNull();
    expect(Math.abs((step ?? 0) - Math.floor(Date.now() / 30_000))).toBeLessThanOrEqual(1);
  });

  it('ignores spaces in the code', () => {
    const code = totpCodeAt(secret, NOW);
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOW)).toBe(STEP);
    expect(checkTotp(secret, ` ${code}\n`, NOW)).toBe(STEP);
  });

  it('rejects anything but six digits', () => {
    const code = totpCodeAt(secret, NOW);
    for (const bad of [
      '',
      '12345',
      '1234567',
      'abcdef',
      '12345a',
      `${code}0`,
      `0${code}`,
      code.slice(1),
      '-12345',
      '１２３４５６', // full-width digits
    ]) {
      expect(checkTotp(secret, bad, NOW), JSON.stringify(bad)).toBeNull();
    }
  });

  it('rejects a wrong six-digit code', () => {
    const code = totpCodeAt(secret, NOW);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotp(secret, wrong, NOW)).toBeNull();
  });

  it("rejects another secret's code", () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const code = totpCodeAt(other, NOW);
    expect([-30_000, 0, 30_000].map((d) => totpCodeAt(secret, NOW + d))).not.toContain(code);
    expect(checkTotp(secret, code, NOW)).toBeNull();
    expect(checkTotp(other, code, NOW)).toBe(STEP);
  });
});

describe('totpUri', () => {
  it('is an otpauth URI with the issuer, label and secret', () => {
    const uri = totpUri(RFC_SECRET, 'ada@example.org');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${RFC_SECRET}`);
    expect(uri).toContain('issuer=Anchorage');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });
});
