import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the public shell', () => {
  it('lists public partnerships only, and shows each one’s area and organisations', async () => {
    const shown = await makePartnership(t.deps, { isPublic: true, name: 'Shown Partnership' });
    const hidden = await makePartnership(t.deps, { isPublic: false, name: 'Hidden Partnership' });
    await makeOrganisation(t.deps, shown, { name: 'Shown Hospital', code: 'SHN' });
    const home = textOf((await t.client().get('/')).body);
    expect(home).toContain('Shown Partnership');
    expect(home).not.toContain('Hidden Partnership');

    const page = await t.client().get(`/p/${shown.slug}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Liverpool');
    expect(text).toContain('Shown Hospital');
    expect(text).toContain('NHS trust');
    expect((await t.client().get(`/p/${hidden.slug}`)).status).toBe(404);
    expect((await t.client().get('/p/does-not-exist')).status).toBe(404);
  });

  it('links the accessibility statement and privacy notice from every page footer', async () => {
    for (const url of ['/', '/sign-in', '/accessibility', '/privacy', '/no-such-page']) {
      const page = await t.client().get(url);
      expect(page.body, url).toContain('href="/accessibility"');
      expect(page.body, url).toContain('href="/privacy"');
    }
  });

  it('has an accessibility statement in the shape regulation 8(4) asks for', async () => {
    const text = textOf((await t.client().get('/accessibility')).body);
    for (const heading of [
      'How accessible this website is',
      'Feedback and contact information',
      'Reporting accessibility problems with this website',
      'Enforcement procedure',
      'Technical information about this website’s accessibility',
      'Compliance status',
      'Non-accessible content',
      'What we’re doing to improve accessibility',
      'Preparation of this accessibility statement',
    ]) {
      expect(text).toContain(heading);
    }
  });

  it('needs no JavaScript: every page works from server-rendered HTML, with one small module script', async () => {
    const page = await t.client().get('/');
    const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([expect.stringMatching(/^\/static\/app\.mjs/)]);
  });

  it('answers a health check', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
