/**
 * a. The public shell: home, a public partnership (the journey's own, shaped like the demo), the
 * statements, the 404 page, a narrow screen.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHESHIRE_AND_MERSEYSIDE, DEMO_ORGANISATIONS } from '../../src/demo/seed.js';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
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
import type { Suite } from '../helpers/suite.js';

export function publicShellJourney(suite: Suite, js: boolean) {
  describe('a. public shell', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Public Shell Anchor Network' });
    });

    it('home lists a demonstration partnership, marked as demonstration data', async () => {
      const { page } = await suite.person(js);
      expect(await visit(page, '/')).toBe(200);
      await expectNhsStyled(page);
      expect(await heading(page)).toBe('Social value, accounted for in public');
      expect(await page.title()).toBe('Social value, accounted for in public – Anchorage');
      const card = page.locator('main .nhsuk-card', { hasText: own.name });
      expect(await card.count()).toBe(1);
      expect(await card.innerText()).toContain('Demonstration data');
      expect(await headerAccount(page)).toEqual(['Sign in']);
      await expectAccessible(page, 'a-home');

      await clickAndWait(page, card.getByRole('link', { name: own.name }));
      expect(pathOf(page)).toBe(`/p/${own.slug}`);
    });

    it('a demonstration partnership page shows its nine districts, six organisations and the demo banner', async () => {
      const { page } = await suite.person(js);
      expect(await visit(page, `/p/${own.slug}`)).toBe(200);
      await expectNhsStyled(page);
      expect(await heading(page)).toBe(own.name);
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
        [`/p/${own.slug}`, 'partnership', 200],
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
      await signInAsLead(page, own);
      const organisation = await organisationPath(page, own.slug);
      for (const [path, label] of [
        ['/manage', 'manage'],
        [`/manage/${own.slug}`, 'overview'],
        [`/manage/${own.slug}/organisations`, 'organisations'],
        [`${organisation}/invite`, 'invite'],
        [`/manage/${own.slug}/settings`, 'settings'],
        ['/account', 'account'],
      ] as const) {
        expect(await visit(page, path), path).toBe(200);
        expect(await pageWidth(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(
          MOBILE.width + 1,
        );
        await expectAccessible(page, `a-mobile-${label}`);
      }
      // Pages with tables of names, email addresses and audit entries: they wrap rather than scroll.
      for (const [path, label] of wideTablePages(own.slug, organisation)) {
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
function wideTablePages(slug: string, organisationPath: string): [string, string][] {
  return [
    [`/manage/${slug}/people`, 'people'],
    [organisationPath, 'organisation'],
    [`/manage/${slug}/audit`, 'audit-log'],
  ];
}

async function signInAsLead(page: Page, own: OwnPartnership): Promise<void> {
  const lead = own.account('partnership-lead');
  await signIn(page, lead.email, lead.password);
  expect(pathOf(page)).toBe('/manage');
}

/** The address of the partnership's Mersey Valley Hospitals organisation page. */
async function organisationPath(page: Page, slug: string): Promise<string> {
  await visit(page, `/manage/${slug}/organisations`);
  const href = await page
    .locator('main')
    .getByRole('link', { name: 'Mersey Valley Hospitals NHS Foundation Trust' })
    .getAttribute('href');
  if (!href) throw new Error('No link to Mersey Valley Hospitals');
  return href;
}
