import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../test/helpers/client.js';
import {
  makePartnership,
  makeUser,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('CSRF protection', () => {
  it('refuses a form sent without a token, with a wrong token, or with a token but no secret cookie', async () => {
    const user = await makeUser(t.deps);
    const c = t.client();
    const missing = await c.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: null },
    );
    expect(missing.status).toBe(403);
    expect(textOf(missing.body)).toContain('This form has expired');

    const wrong = await c.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: 'forged-token' },
    );
    expect(wrong.status).toBe(403);

    const token = await c.fetchToken();
    const stranger = t.client();
    const noSecret = await stranger.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: token },
    );
    expect(noSecret.status).toBe(403);

    const ok = await c.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: token },
    );
    expect(ok.status).toBe(303);
  });

  it('protects signed-in actions too, and changes nothing when it refuses', async () => {
    const { client, user } = await signedIn(t, { platformAdmin: true });
    const before = await t.database.db.selectFrom('partnerships').select('id').execute();
    const res = await client.post(
      '/admin/partnerships/new',
      { name: 'Sneaky', slug: 'sneaky', localArea: 'E08000012', fyStartMonth: '4' },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    const after = await t.database.db.selectFrom('partnerships').select('id').execute();
    expect(after.length).toBe(before.length);
    expect(user.is_platform_admin).toBe(true);
  });

  it('uses an HttpOnly, SameSite cookie for its secret', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = res.cookies.find((c) => c.name === 'anchorage_csrf');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });
});

describe('CSRF tokens belong to a session', () => {
  it('refuses, after signing in, a token taken before signing in or from another session', async () => {
    const { client: other } = await signedIn(t, { platformAdmin: true });
    const othersToken = await other.fetchToken();

    const user = await makeUser(t.deps, { platformAdmin: true });
    const c = t.client();
    const anonymousToken = await c.fetchToken();
    await c.signIn(user.email, user.password);
    const form = { name: 'Tossed', slug: 'tossed', localArea: 'E08000012', fyStartMonth: '4' };
    for (const token of [anonymousToken, othersToken]) {
      const res = await c.post('/admin/partnerships/new', form, { csrf: token });
      expect(res.status).toBe(403);
      expect(textOf(res.body)).toContain('This form has expired');
    }
    const own = await c.fetchToken();
    expect(own).not.toBe(anonymousToken);
    const ok = await c.post('/admin/partnerships/new', form, { csrf: own });
    expect(ok.status).toBe(303);
  });

  it('signs out only with the token in the form’s body, never one in its address', async () => {
    const { client } = await signedIn(t, {});
    const page = await client.get('/account');
    const form =
      /<form class="nhsuk-header__account-form" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(
        page.body,
      );
    expect(form?.[1]).toBe('/sign-out');
    const token = /name="_csrf" value="([^"]+)"/.exec(form?.[2] ?? '')?.[1];
    expect(token).toBeTruthy();
    expect(page.body).not.toMatch(/[?&]_csrf=/);
    const inAddress = await client.post(`/sign-out?_csrf=${token ?? ''}`, {}, { csrf: null });
    expect(inAddress.status).toBe(403);
    expect((await client.get('/account')).status).toBe(200);
    const inBody = await client.post('/sign-out', {}, { csrf: token ?? '' });
    expect(inBody.location).toBe('/signed-out');
    expect((await client.get('/account')).status).toBe(303);
  });

  it('makes forms from before signing out expire', async () => {
    const { client } = await signedIn(t, { platformAdmin: true });
    const token = await client.fetchToken();
    await client.post('/sign-out', {}, { csrf: token });
    const res = await client.post(
      '/sign-in',
      { email: 'x@test.example', password: 'x' },
      { csrf: token },
    );
    expect(res.status).toBe(403);
  });
});

describe('security headers', () => {
  it('send a Content Security Policy that allows only our own scripts and nhsuk’s one inline script, by its hash', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('nonce-');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline.length).toBe(1);
    const hash = createHash('sha256')
      .update(inline[0]?.[1] ?? '')
      .digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    // The same policy on every response, so a page kept by the browser still runs after a 304.
    const again = await t.app.inject({ method: 'GET', url: '/' });
    expect(again.headers['content-security-policy']).toBe(csp);
  });

  it('send the other protective headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('load no resource from another site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const urls = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    const external = urls.filter((u) => /^(https?:)?\/\//.test(u));
    expect(external).toEqual([]);
    const css = await t.app.inject({ method: 'GET', url: '/static/app.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).not.toMatch(/url\((["']?)(https?:)?\/\//);
    expect(css.body).not.toContain('@font-face');
  });
});

describe('rate limits', () => {
  it('stop repeated sign-in attempts with a plain page, even with the right password', async () => {
    const limited = await startTestApp({
      database: t.database,
      config: { SIGN_IN_RATE_LIMIT: '3', RATE_LIMIT_WINDOW_MINUTES: '15' },
    });
    try {
      const user = await makeUser(limited.deps);
      const c = limited.client();
      const token = await c.fetchToken();
      for (let i = 0; i < 3; i++) {
        const r = await c.post(
          '/sign-in',
          { email: user.email, password: 'wrong-password!' },
          { csrf: token },
        );
        expect(r.status).toBe(400);
      }
      const blocked = await c.post(
        '/sign-in',
        { email: user.email, password: user.password },
        { csrf: token },
      );
      expect(blocked.status).toBe(429);
      expect(textOf(blocked.body)).toContain('Too many attempts');
      expect(textOf(blocked.body)).toContain('you can reset it');
    } finally {
      await limited.close();
    }
  });

  it('stop repeated password reset requests', async () => {
    const limited = await startTestApp({ database: t.database, config: { RESET_RATE_LIMIT: '2' } });
    try {
      const c = limited.client();
      const token = await c.fetchToken();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await c.post('/forgot-password', { email: `x${i}@test.example` }, { csrf: token }))
            .status,
        );
      }
      expect(statuses).toEqual([303, 303, 429]);
    } finally {
      await limited.close();
    }
  });

  it('stop repeated supplier survey answers from one address, with their own limit', async () => {
    const limited = await startTestApp({
      database: t.database,
      config: { SURVEY_RATE_LIMIT: '2', RESET_RATE_LIMIT: '1' },
    });
    try {
      const c = limited.client();
      const token = await c.fetchToken();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await c.post('/survey/not-a-real-link', {}, { csrf: token })).status);
      }
      expect(statuses.slice(0, 2)).not.toContain(429);
      expect(statuses[2]).toBe(429);
      const blocked = await c.post('/survey/not-a-real-link', {}, { csrf: token });
      expect(blocked.status).toBe(429);
      // A supplier has no password: the page says when to try again, and only that.
      expect(textOf(blocked.body)).toContain('Wait 15 minutes and try again.');
      expect(textOf(blocked.body)).not.toContain('password');
    } finally {
      await limited.close();
    }
  });
});

describe('escaping', () => {
  it('shows what people type as text, never as markup', async () => {
    const p = await makePartnership(t.deps, {
      name: '<script>alert(1)</script> & Co',
      isPublic: true,
    });
    const page = await t.client().get(`/p/${p.slug}`);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });
});

describe('error pages', () => {
  it('are NHS-styled pages with the right status', async () => {
    const missing = await t.client().get('/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('nhsuk-header');
    expect(textOf(missing.body)).toContain('Page not found');
    const privatePage = await t.client().get('/manage/whatever');
    expect(privatePage.status).toBe(303);
    expect(privatePage.location).toBe('/sign-in?next=%2Fmanage%2Fwhatever');
  });

  it('say "You cannot do this" when a role does not allow an action', async () => {
    const p = await makePartnership(t.deps);
    const { client } = await signedIn(t, { role: 'reviewer', partnership: p });
    const page = await client.get(`/manage/${p.slug}/settings`);
    expect(page.status).toBe(403);
    expect(textOf(page.body)).toContain('You cannot do this');
  });
});
