import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptKey, attemptLimits } from './attempt-limits.js';

function request(session: { userId?: string; pendingUserId?: string }, ip = '192.0.2.1') {
  return {
    ip,
    session,
    routeOptions: { url: '/account/password' },
    log: { warn: () => undefined },
  } as unknown as FastifyRequest;
}
const reply = (statusCode: number) => ({ statusCode }) as FastifyReply;

function setUp() {
  const recorded: [string | null, string][] = [];
  const limited = attemptLimits({
    windowMinutes: 15,
    accounts: {
      recordAttemptsLimited: async (userId, what) => {
        recorded.push([userId, what]);
      },
    },
  });
  return { recorded, limited };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('attemptKey', () => {
  it('counts per account once it is known, per address before', () => {
    expect(attemptKey(request({ userId: 'u1' }), 'account')).toBe('account:u1');
    expect(attemptKey(request({ pendingUserId: 'u2' }), 'account')).toBe('signing-in:u2');
    expect(attemptKey(request({}), 'account')).toBe('address:192.0.2.1');
    expect(attemptKey(request({ userId: 'u1' }), 'address')).toBe('address:192.0.2.1');
  });
});

describe('attemptLimits', () => {
  it('declares the access, the limit and, per account, the key', () => {
    const { limited } = setUp();
    const options = limited({ access: 'signed-in', what: 'X', max: 3, by: 'account' });
    expect(options.config.access).toBe('signed-in');
    expect(options.config.rateLimit).toMatchObject({ max: 3, timeWindow: 15 * 60_000 });
    expect(options.config.rateLimit.keyGenerator?.(request({ userId: 'u1' }))).toBe('account:u1');
    const byAddress = limited({ access: 'public', what: 'Y', max: 3, by: 'address' });
    // Per address, the plugin's own key (which groups IPv6 addresses by network) is kept.
    expect(byAddress.config.rateLimit).not.toHaveProperty('keyGenerator');
  });

  it('records the first refusal of a window once per account, and again in the next window', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T09:00:00Z') });
    const { recorded, limited } = setUp();
    const { onSend } = limited({
      access: 'signed-in',
      what: 'Changing the password',
      max: 3,
      by: 'account',
    });
    expect(await onSend(request({ userId: 'u1' }), reply(400), 'page')).toBe('page');
    await onSend(request({ userId: 'u1' }), reply(429), 'page');
    await onSend(request({ userId: 'u1' }), reply(429), 'page');
    await onSend(request({ userId: 'u2' }), reply(429), 'page');
    expect(recorded).toEqual([
      ['u1', 'Changing the password'],
      ['u2', 'Changing the password'],
    ]);
    vi.setSystemTime(new Date('2026-06-01T09:16:00Z'));
    await onSend(request({ userId: 'u1' }), reply(429), 'page');
    expect(recorded).toHaveLength(3);
  });

  it('records no account for limits counted per address', async () => {
    const { recorded, limited } = setUp();
    const { onSend } = limited({ access: 'public', what: 'Signing in', max: 3, by: 'address' });
    await onSend(request({ userId: 'u1' }), reply(429), 'page');
    expect(recorded).toEqual([[null, 'Signing in']]);
  });

  it('remembers a bounded number of refusals however many addresses send them', async () => {
    const { recorded, limited } = setUp();
    const { onSend } = limited({ access: 'public', what: 'Signing in', max: 3, by: 'address' });
    for (let i = 0; i < 10_050; i++) {
      await onSend(request({}, `10.0.${Math.floor(i / 256)}.${i % 256}`), reply(429), 'page');
    }
    expect(recorded).toHaveLength(10_050);
    // The oldest were forgotten to make room: the first address is recorded again.
    await onSend(request({}, '10.0.0.0'), reply(429), 'page');
    expect(recorded).toHaveLength(10_051);
    // A recent one is still remembered.
    await onSend(request({}, `10.0.39.${10_049 % 256}`), reply(429), 'page');
    expect(recorded).toHaveLength(10_051);
  });

  it('answers the refusal even when it cannot be recorded', async () => {
    const warn = vi.fn();
    const limited = attemptLimits({
      windowMinutes: 15,
      accounts: { recordAttemptsLimited: () => Promise.reject(new Error('database down')) },
    });
    const { onSend } = limited({ access: 'public', what: 'Signing in', max: 3, by: 'address' });
    const req = { ...request({}), log: { warn } } as unknown as FastifyRequest;
    expect(await onSend(req, reply(429), 'page')).toBe('page');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
