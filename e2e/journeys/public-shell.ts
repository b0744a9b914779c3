/** a. The public shell: home, a public partnership, the statements, the 404 page, a narrow screen. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  CHESHIRE_AND_MERSEYSIDE,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_SLUG,
} from '../../src/demo/seed.js';
import { expectAccessible } from '../helpers/axe.js';
import {
  clickAndWait,
  expectNhsStyled,
  headerAccount,
  heading,
  pageWidth,
  pathOf,
  signIn,
  visit,
} from '../helpers/pages.js';
import { MOBILE } from '../helpers/server.js';
import { demoAccount, type Suite } from '../helpers/suite.js';

const DEMO_NAME = 'Cheshire and Merseyside Anchor Network (demonstration)';

export function publicShellJourney(suite: Suite, js: boolean) {
  describe('a. public shell', () => {
    it('home lists the demo partnership, marked as demonstration data', async () => {
      const { page } = await suite.person(js);
      expect(await visit(page, '/')).toBe(200);
      await expectNhsStyled(page);
      expect(await heading(page)).toBe('Social value, accounted for in public');
      expect(await page.title()).toBe('Social value, accounted for in public – Anchorage');
      const card = page.locator('main .nhsuk-card', { hasText: DEMO_NAME });
      expect(await card.count()).toBe(1);
      expect(await card.innerText()).toContain('Demonstration data');
      expect(await headerAccount(page)).toEqual(['Sign in']);
      await expectAccessible(page, 'a-home');

      await clickAndWait(page, card.getByRole('link', { name: DEMO_NAME }));
      expect(pathOf(page)).toBe(`/p/${DEMO_SLUG}`);
    });

    it('the demo partnership page shows its nine districts, six organisations and the demo banner', async () => {
      const { page } = await suite.person(js);
      expect(await visit(page, `/p/${DEMO_SLUG}`)).toBe(200);
      await expectNhsStyled(page);
      expect(await heading(page)).toBe(DEMO_NAME);
      const banner = page.locator('.app-demo-banner');
      expect(await banner.innerText()).toContain('Demonstration data');

      const districts = suite.server.runtime.deps.districts;
      const expectedDistricts = CHESHIRE_AND_MERSEYSIDE.map((c) => districts.name(c));
      expect(expectedDistricts).toHaveLength(9);
      const shown = await page
        .locator('main h2:text-is("Local area") ~ ul')
        .first()
        .locator('li')
        .allInnerTexts();
      expect(shown.map((s) => s.trim()).sort()).toEqual([...expectedDistricts].sort());
      expect(await page.locator('main').innerText()).toContain(
        'The partnership works across 9 local authority districts',
      );

      const rows = page.locator('main table tbody tr');
      expect(await rows.count()).toBe(6);
      const names = (await rows.locator('td:first-child, th:first-child').allInnerTexts()).map(
        (s) => s.replace(/^Organisation\s*/, '').trim(),
      );
      for (const o of DEMO_ORGANISATIONS) {
        expect(names.some((n) => n.includes(o.name))).toBe(true);
      }
      await expectAccessible(page, 'a-partnership');
    });

    it('the footer links to the accessibility statement, the privacy notice and about', async () => {
      const { page } = await suite.person(js);
      await visit(page, '/');
      const footer = page.locator('footer');

      await clickAndWait(page, footer.getByRole('link', { name: 'Accessibility statement' }));
      expect(pathOf(page)).toBe('/accessibility');
      expect(await heading(page)).toBe('Accessibility statement for Anchorage');
      await expectAccessible(page, 'a-accessibility');

      await clickAndWait(page, footer.getByRole('link', { name: 'Privacy notice' }));
      expect(pathOf(page)).toBe('/privacy');
      expect(await heading(page)).toBe('Privacy notice');
      await expectAccessible(page, 'a-privacy');

      await clickAndWait(page, footer.getByRole('link', { name: 'About Anchorage' }));
      expect(pathOf(page)).toBe('/about');
      expect(await heading(page)).toBe('About Anchorage');
      await expectAccessible(page, 'a-about');
    });

    it('an unknown address gives the NHS-styled "Page not found" with status 404', async () => {
      const { page } = await suite.person(js);
      expect(await visit(page, '/no-such-page')).toBe(404);
      await expectNhsStyled(page);
      expect(await heading(page)).toBe('Page not found');
      expect(await page.title()).toBe('Page not found – Anchorage');
      expect(await visit(page, '/p/no-such-partnership')).toBe(404);
      expect(await heading(page)).toBe('Page not found');
      await expectAccessible(page, 'a-not-found');
    });

    it('at 360 pixels wide, pages fit the screen without scrolling sideways', async () => {
      const { page } = await suite.person(js, { viewport: MOBILE });
      const publicPages = [
        ['/', 'home', 200],
        [`/p/${DEMO_SLUG}`, 'partnership', 200],
        ['/accessibility', 'accessibility', 200],
        ['/sign-in', 'sign-in', 200],
        ['/no-such-page', 'not-found', 404],
      ] as const;
      for (const [path, label, status] of publicPages) {
        expect(await visit(page, path), path).toBe(status);
        await expectNhsStyled(page);
        expect(await pageWidth(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(
          MOBILE.width + 1,
        );
        await expectAccessible(page, `a-mobile-${label}`);
      }

      // The staff area too.
      await signInAsDemoLead(page);
      const organisation = await demoOrganisationPath(page);
      for (const [path, label] of [
        ['/manage', 'manage'],
        [`/manage/${DEMO_SLUG}`, 'overview'],
        [`/manage/${DEMO_SLUG}/organisations`, 'organisations'],
        [`${organisation}/invite`, 'invite'],
        [`/manage/${DEMO_SLUG}/settings`, 'settings'],
        ['/account', 'account'],
      ] as const) {
        expect(await visit(page, path), path).toBe(200);
        expect(await pageWidth(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(
          MOBILE.width + 1,
        );
        await expectAccessible(page, `a-mobile-${label}`);
      }
      // Pages with tables of names, email addresses and audit entries: they wrap rather than scroll.
      for (const [path, label] of wideTablePages(organisation)) {
        expect(await visit(page, path), path).toBe(200);
        expect(await pageWidth(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(
          MOBILE.width + 1,
        );
        await expectAccessible(page, `a-mobile-${label}`);
      }
    });
  });
}

/** Staff pages whose tables (names and email addresses, audit entries) are wider than a phone. */
function wideTablePages(organisationPath: string): [string, string][] {
  return [
    [`/manage/${DEMO_SLUG}/people`, 'people'],
    [organisationPath, 'organisation'],
    [`/manage/${DEMO_SLUG}/audit`, 'audit-log'],
  ];
}

async function signInAsDemoLead(page: Page): Promise<void> {
  const lead = demoAccount('partnership-lead');
  await signIn(page, lead.email, DEMO_PASSWORD);
  expect(pathOf(page)).toBe('/manage');
}

/** The address of the demo's Mersey Valley Hospitals organisation page. */
async function demoOrganisationPath(page: Page): Promise<string> {
  await visit(page, `/manage/${DEMO_SLUG}/organisations`);
  const href = await page
    .locator('main')
    .getByRole('link', { name: 'Mersey Valley Hospitals NHS Foundation Trust' })
    .getAttribute('href');
  if (!href) throw new Error('No link to the demo organisation');
  return href;
}
