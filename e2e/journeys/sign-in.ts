/**
 * b. Signing in with an account for each role the demo has (in the journey's own partnership,
 * shaped like the demo), a wrong password, and signing out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/seed.js';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  headerAccount,
  headerNavigation,
  heading,
  pathOf,
  signIn,
  signOut,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

/**
 * What each role sees in the header in the partnership's staff area, among the sections
 * this suite knows about (the service may add others, such as returns, which are not checked here).
 */
const PARTNERSHIP_SECTIONS = ['Overview', 'Organisations', 'People', 'Audit log', 'Settings'];
const PARTNERSHIP_NAVIGATION: Record<string, string[]> = {
  'platform-admin': ['Overview', 'Organisations', 'People', 'Audit log', 'Settings'],
  'partnership-lead': ['Overview', 'Organisations', 'People', 'Audit log', 'Settings'],
  reviewer: ['Overview', 'Organisations', 'Audit log'],
  moderator: ['Overview', 'Organisations'],
  'org-lead': ['Overview'],
  contributor: ['Overview'],
  viewer: ['Overview'],
};

const ROLE_LABEL: Record<string, string> = {
  'partnership-lead': 'Partnership lead',
  reviewer: 'Reviewer',
  moderator: 'Moderator',
  'org-lead': 'Organisation lead',
  contributor: 'Data contributor',
  viewer: 'Viewer',
};

export function signInJourney(suite: Suite, js: boolean) {
  describe('b. signing in and out', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Sign In Anchor Network' });
    });

    it.each(DEMO_ACCOUNTS.map((a) => ({ role: a.role, description: a.description })))(
      'signs in as the $description',
      async ({ role }) => {
        const account = own.account(role);
        const { page } = await suite.person(js);
        const check = account.role === 'platform-admin' ? 'b-sign-in' : undefined;
        await signIn(page, account.email, account.password, check ? { check } : {});
        expect(pathOf(page)).toBe('/manage');
        expect(await heading(page)).toBe('Your partnerships');
        expect(await headerAccount(page)).toEqual([account.name, 'Sign out']);
        const isAdmin = account.role === 'platform-admin';
        expect(known(await headerNavigation(page), ['Your partnerships', 'Platform'])).toEqual(
          isAdmin ? ['Your partnerships', 'Platform'] : ['Your partnerships'],
        );
        expect((await page.locator('header [aria-current="page"]').innerText()).trim()).toBe(
          'Your partnerships',
        );
        const card = page.locator('main .nhsuk-card', { hasText: own.name });
        expect(await card.innerText()).toContain(
          isAdmin ? 'Platform administrator' : `Your roles: ${ROLE_LABEL[account.role]}`,
        );
        await expectAccessible(page, `b-manage-${account.role}`);

        await clickAndWait(page, card.getByRole('link', { name: own.name }));
        expect(pathOf(page)).toBe(`/manage/${own.slug}`);
        expect(known(await headerNavigation(page), PARTNERSHIP_SECTIONS)).toEqual(
          PARTNERSHIP_NAVIGATION[account.role],
        );
        const current = page.locator('header [aria-current="page"]');
        expect((await current.innerText()).trim()).toBe('Overview');
        expect(await page.locator('.app-demo-banner').innerText()).toContain('Demonstration data');
        await expectAccessible(page, `b-overview-${account.role}`);

        await signOut(page, account.role === 'platform-admin' ? { check: 'b-signed-out' } : {});
        expect(await headerAccount(page)).toEqual(['Sign in']);
        // Signed out for real: the staff area asks to sign in again.
        await visit(page, '/manage');
        expect(pathOf(page)).toBe('/sign-in');
      },
    );

    it('a wrong password shows the error summary, links to the email field and keeps the email', async () => {
      const { page } = await suite.person(js);
      const lead = own.account('partnership-lead');

      await visit(page, '/sign-in');
      await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
      expect(await errorSummary(page)).toEqual([
        { text: 'Enter your email address', href: '#email' },
        { text: 'Enter your password', href: '#password' },
      ]);
      await expectAccessible(page, 'b-sign-in-empty');

      await signIn(page, lead.email, 'not-the-right-password');
      expect(pathOf(page)).toBe('/sign-in');
      expect(await page.title()).toBe('Error: Sign in – Anchorage');
      expect(await errorSummary(page)).toEqual([
        { text: 'Enter a correct email address and password', href: '#email' },
      ]);
      expect(await page.locator('#email-error').innerText()).toContain(
        'Enter a correct email address and password',
      );
      expect(await page.getByLabel('Email address').inputValue()).toBe(lead.email);
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await expectAccessible(page, 'b-sign-in-wrong-password');

      // The summary's link takes you to the email field.
      await page.locator('.nhsuk-error-summary').getByRole('link').click();
      if (js) {
        await expect
          .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'))
          .toBe('email');
      } else {
        await page.waitForURL((url) => url.hash === '#email');
      }
      expect(await page.locator('#email').count()).toBe(1);
      expect(await headerAccount(page)).toEqual(['Sign in']);
    });
  });
}

/** The items of a navigation that are among those given, in the order shown. */
function known(items: string[], among: string[]): string[] {
  return items.filter((item) => among.includes(item));
}
