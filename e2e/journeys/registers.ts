/**
 * j. The organisation lead keeps a register: from the organisation's page to its registers, an
 * empty register saying what it is for, an entry sent with problems (each named, what was typed
 * kept), then saved with a banner; its figure on the organisation's Infrastructure dashboard. The
 * partnership lead adds a joint initiative, which shows its partners, money and milestones. Each
 * page state checked with axe. In the journey's own partnership.
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
import { MVH } from '../helpers/returns.js';
import type { Suite } from '../helpers/suite.js';

export function registersJourney(suite: Suite, js: boolean) {
  describe('j. registers', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Registers Anchor Network', returns: true });
    });

    it('the organisation lead adds community use of the estate; it feeds I1', async () => {
      const mvh = own.organisations['DEMO-MVH'];
      if (!mvh) throw new Error(`No ${MVH}`);
      const orgLead = own.account('org-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, orgLead.email, orgLead.password);
      await visit(page, `/manage/${own.slug}/organisations/${mvh.id}`);
      await clickAndWait(page, page.getByRole('link', { name: /^Registers:/ }));
      expect(await heading(page)).toBe('Registers');
      await expectAccessible(page, 'j-registers');
      await clickAndWait(page, page.getByRole('link', { name: 'Community use of the estate' }));
      expect(await page.locator('main').innerText()).toContain('No entries yet');
      await expectAccessible(page, 'j-register-empty');

      await clickAndWait(page, page.getByRole('button', { name: 'Add a use of the estate' }));
      await page.getByLabel('Space used').fill('Main hall');
      await page.getByLabel('Hours of use').fill('a lot');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      const errors = await errorSummary(page);
      expect(errors.map((e) => e.href)).toEqual(['#detail', '#occurredOn-day', '#hours']);
      expect(await page.getByLabel('Space used').inputValue()).toBe('Main hall');
      await expectAccessible(page, 'j-register-entry-errors');

      await page.getByLabel('Groups using it').fill('Walton Residents Association');
      await page.getByLabel('Day', { exact: true }).first().fill('14');
      await page.getByLabel('Month', { exact: true }).first().fill('5');
      await page.getByLabel('Year', { exact: true }).first().fill('2025');
      await page.getByLabel('Hours of use').fill('120.5');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect(await successBanner(page)).toContain(
        'Main hall has been saved in community use of the estate',
      );
      expect(await page.locator('main table').innerText()).toContain('120.5 hours');
      await expectAccessible(page, 'j-register-saved');

      await visit(
        page,
        `/manage/${own.slug}/organisations/${mvh.id}/dashboard/pillars/infrastructure`,
      );
      expect(await page.locator('main').innerText()).toContain('Q1 2025/26');
      expect(await page.locator('main').innerText()).toContain('120.5 hours');
    });

    it('the partnership lead adds a joint initiative with partners, money and a milestone', async () => {
      const lead = own.account('partnership-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);
      await visit(page, `/manage/${own.slug}/initiatives`);
      await expectAccessible(page, 'j-initiatives-empty');
      await clickAndWait(page, page.getByRole('button', { name: 'Add a joint initiative' }));
      await page.getByLabel('Name of the initiative').fill('Healthy homes');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect((await errorSummary(page)).map((e) => e.href)).toEqual([
        '#partners',
        '#vcse',
        '#pillars',
        '#startsOn-day',
      ]);
      await expectAccessible(page, 'j-initiative-errors');

      await page.getByRole('checkbox', { name: MVH }).check();
      await page.getByRole('checkbox', { name: 'Weaver Vale Homes' }).check();
      await page.getByLabel(`${MVH} (£, optional)`).fill('50000');
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.getByLabel('Name of the VCSE partner (if yes)').fill('Walton Community Trust');
      await page.getByRole('checkbox', { name: 'Community engagement' }).check();
      const start = page.getByRole('group', { name: 'Start date' });
      await start.getByLabel('Day').fill('1');
      await start.getByLabel('Month').fill('6');
      await start.getByLabel('Year').fill('2025');
      const first = page.getByRole('group', { name: 'Milestone 1' });
      await first.getByLabel('What').fill('First 50 homes surveyed');
      const due = page.getByRole('group', { name: 'Date of milestone 1' });
      await due.getByLabel('Day').fill('31');
      await due.getByLabel('Month').fill('10');
      await due.getByLabel('Year').fill('2025');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect(await successBanner(page)).toContain('Healthy homes has been added');
      const text = await page.locator('main').innerText();
      expect(text).toContain('£50,000.00');
      expect(text).toContain('Walton Community Trust');
      expect(text).toContain('0 of 1 done');
      await expectAccessible(page, 'j-initiative');
    });
  });
}
