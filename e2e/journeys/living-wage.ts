/**
 * The Real Living Wage table: the platform admin finds it, corrects a year (a mistake first, then
 * the rates as they are, so the journey leaves the table as it found it), and opens the form for
 * the next year; a partnership's reviewer reads the table and the rule on the methodology page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  pathOf,
  signIn,
  successBanner,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

export function livingWageJourney(suite: Suite, js: boolean) {
  describe('the Real Living Wage rates', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps);
    });

    it('the platform admin corrects a year’s rates, seeing every problem first', async () => {
      const admin = await suite.admin(js);
      await visit(admin, '/admin');
      await clickAndWait(admin, admin.getByRole('link', { name: 'Real Living Wage rates' }));
      expect(pathOf(admin)).toBe('/admin/living-wage');
      expect(await heading(admin)).toBe('Real Living Wage rates');
      await expectAccessible(admin, 'living-wage-table');

      await clickAndWait(admin, admin.getByRole('link', { name: 'Correct the 2024/25 rates' }));
      expect(await heading(admin)).toBe('Correct the 2024/25 rates');
      await admin.getByLabel('UK rate an hour').fill('12.6O');
      await admin.locator('#appliesFrom-day').fill('31');
      await admin.locator('#appliesFrom-month').fill('2');
      await clickAndWait(admin, admin.getByRole('button', { name: 'Correct the rates' }));
      expect(await errorSummary(admin)).toEqual([
        { text: 'Enter the UK rate in pounds and pence, like 13.45', href: '#uk' },
        { text: 'Enter a real date, like 1 5 2026', href: '#appliesFrom-day' },
      ]);
      await expectAccessible(admin, 'living-wage-form-errors');

      await admin.getByLabel('UK rate an hour').fill('12.60');
      await admin.locator('#appliesFrom-day').fill('1');
      await admin.locator('#appliesFrom-month').fill('5');
      await clickAndWait(admin, admin.getByRole('button', { name: 'Correct the rates' }));
      expect(pathOf(admin)).toBe('/admin/living-wage');
      expect(await successBanner(admin)).toContain('The 2024/25 rates have been corrected.');
      await expectAccessible(admin, 'living-wage-corrected');

      await clickAndWait(
        admin,
        admin.getByRole('button', { name: /^Add the \d{4}\/\d{2} rates$/ }),
      );
      expect(await heading(admin)).toBe('Add a year’s rates');
      await expectAccessible(admin, 'living-wage-new');
    });

    it('the platform admin reads the conversion-factor sets and is told what is missing from a hand-entered one', async () => {
      const admin = await suite.admin(js);
      await visit(admin, '/admin');
      await clickAndWait(admin, admin.getByRole('link', { name: 'Conversion factors' }));
      expect(await heading(admin)).toBe('Conversion factors');
      expect(await admin.getByRole('table', { name: 'Sets loaded' }).textContent()).toContain(
        '2022',
      );
      await expectAccessible(admin, 'factors');
      await admin.getByLabel('Year of the factors').fill('twenty');
      await clickAndWait(admin, admin.getByRole('button', { name: 'Add the set' }));
      const problems = await errorSummary(admin);
      expect(problems[0]).toEqual({
        text: expect.stringContaining('year') as string,
        href: '#year',
      });
      await expectAccessible(admin, 'factors-errors');
    });

    it('a reviewer reads the rates and the rule on the methodology page', async () => {
      const { page } = await suite.person(js);
      const reviewer = own.account('reviewer');
      await signIn(page, reviewer.email, reviewer.password);
      expect(await visit(page, `/manage/${own.slug}/framework/methodology`)).toBe(200);
      const section = page.locator('#real-living-wage');
      expect(await section.textContent()).toBe('The Real Living Wage (W1 and W2)');
      await expect
        .poll(() => page.getByRole('table', { name: /Real Living Wage rates/ }).textContent())
        .toMatch(/2024\/25.*£12\.60.*£13\.85.*23 October 2024.*1 May 2025/s);
      await expectAccessible(page, 'methodology-living-wage');
    });
  });
}
