/**
 * o. API tokens: an organisation lead makes a personal API token (first without a name, then
 * with one), copies it from the page that shows it once, lists the returns with it, sees it in
 * the list with when it was last used, and revokes it, after which it is refused. The API's page
 * for people is read too. Each page state checked with axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  signInAndExpectManage,
  successBanner,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

export function apiTokensJourney(suite: Suite, js: boolean) {
  describe('o. API tokens', () => {
    let own: OwnPartnership;

    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Token Anchor Network', returns: true });
    });

    it('an organisation lead makes a token, uses it, and revokes it', async () => {
      const lead = own.account('org-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);
      expect(await visit(page, '/account/api-tokens')).toBe(200);
      expect(await heading(page)).toBe('API tokens');
      expect(await page.locator('main').innerText()).toContain('You have no API tokens.');
      await expectAccessible(page, 'o-tokens-empty');

      await clickAndWait(page, page.getByRole('button', { name: 'Make token' }));
      expect((await errorSummary(page)).map((e) => e.href)).toContain('#name');
      await expectAccessible(page, 'o-tokens-errors');

      await page.getByLabel('Name').fill('Power BI');
      await clickAndWait(page, page.getByRole('button', { name: 'Make token' }));
      expect(await heading(page)).toBe('Your new API token');
      const token = (await page.locator('#token').innerText()).trim();
      expect(token).toMatch(/^anc_/);
      await expectAccessible(page, 'o-token-created');

      const api = `${new URL(page.url()).origin}/api/v1/partnerships/${own.slug}/returns`;
      const auth = { Authorization: `Bearer ${token}` };
      const listed = await page.request.get(api, { headers: auth });
      expect(listed.status()).toBe(200);

      await clickAndWait(page, page.getByRole('link', { name: 'Back to your API tokens' }));
      const list = await page.locator('main').innerText();
      expect(list).toContain('Power BI');
      expect(list).not.toContain(token);
      await expectAccessible(page, 'o-tokens-list');

      await clickAndWait(page, page.getByRole('button', { name: 'Revoke Power BI' }));
      expect(await successBanner(page)).toContain('Power BI');
      expect(await page.locator('main').innerText()).toMatch(/Revoked on/);
      expect((await page.request.get(api, { headers: auth })).status()).toBe(401);

      await clickAndWait(page, page.getByRole('link', { name: 'How to use the API' }).first());
      expect(await heading(page)).not.toBe('');
      await expectAccessible(page, 'o-api-page');
    });
  });
}
