import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signedIn, startTestApp, type TestApp } from '../../test/helpers/app.js';
import { createApp } from '../app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const hostile = [
  '/%0d%0aSet-Cookie:%20x=1',
  '/%0aLocation:%20https://evil.example',
  '/%0d',
  '/%09/evil.example',
  '/%5C/evil.example',
  '//evil.example',
  '/%2F%2Fevil.example',
  'https://evil.example',
  '/%E3%80%80/evil.example',
];

function landsOnThisSite(location: string | undefined) {
  expect(location).toBeDefined();
  expect(new URL(location ?? '', 'https://anchorage.example/').origin).toBe(
    'https://anchorage.example',
  );
}

describe('where sign-in sends people back to', () => {
  it('a signed-in person following a crafted sign-in link gets a redirect on this site, and the service goes on', async () => {
    const { client } = await signedIn(t, { platformAdmin: true });
    for (const next of hostile) {
      const res = await client.get(`/sign-in?next=${next}`);
      expect([303, 400], next).toContain(res.status);
      if (res.status === 303) landsOnThisSite(res.location);
    }
    expect((await client.get('/manage')).status).toBe(200);
  });

  it('the same holds for the sign-in form that carries `next` on, and for the second step', async () => {
    for (const next of hostile.map(decodeURIComponent)) {
      const user = await makeUser(t.deps);
      const client = t.client();
      await client.get('/sign-in');
      const res = await client.post('/sign-in', {
        email: user.email,
        password: user.password,
        next,
      });
      expect(res.status, JSON.stringify(next)).toBe(303);
      landsOnThisSite(res.location);
      expect(res.location).toBe('/manage');
    }
  });

  it('never answers a made-up `next` with a 500 or another site (fuzzed)', async () => {
    const { client } = await signedIn(t, { platformAdmin: true });
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(..."/\\\t\n\r :@.%?#aZ0-_~!$&'()*+,;=\u0000\u00e9\uff0f".split('')),
          maxLength: 24,
        }),
        async (next) => {
          const res = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
          // Control characters may be refused outright (400); anything else goes home.
          expect([303, 400]).toContain(res.status);
          if (res.status === 303) landsOnThisSite(res.location);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a response header with characters HTTP refuses', () => {
  it('becomes that request’s 500 page instead of stopping the process', async () => {
    // A route that builds a header from what a person sent, as a file name or a path can.
    const app = await createApp(t.deps);
    app.get<{ Querystring: { name?: string } }>(
      '/probe-header',
      { config: { access: 'public' } },
      async (request, reply) =>
        reply
          .header('content-disposition', `attachment; filename="${request.query.name}"`)
          .send('x'),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const bad = await fetch(
        `${base}/probe-header?name=${encodeURIComponent('a\r\nSet-Cookie: x=1')}`,
      );
      expect(bad.status).toBe(500);
      expect(bad.headers.get('set-cookie') ?? '').not.toContain('x=1');
      expect(await bad.text()).toContain('Sorry, there is a problem with the service');
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      const injected = await app.inject({ method: 'GET', url: '/probe-header?name=%0d%0a' });
      expect(injected.statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });
});
