/**
 * g. The partnership lead adds its own ratio indicator to the Workforce pillar, with a baseline and
 * a target; the data contributor sees its figures in the open return's Workforce form, and the
 * partnership and organisation dashboards show it with its status. In the journey's own
 * partnership, with the demo's reporting history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  pathOf,
  signInAndExpectManage,
  successBanner,
  summaryValue,
  unique,
  visit,
} from '../helpers/pages.js';
import { MVH, numberFields, openEditableReturn, openReturnsList } from '../helpers/returns.js';
import type { Suite } from '../helpers/suite.js';

export function customIndicatorJourney(suite: Suite, js: boolean) {
  const id = unique();
  const wanted = {
    name: `Care leavers among apprentices ${id}`,
    numerator: `Apprentices starting who are care leavers ${id}`,
    denominator: `All apprentices starting in the quarter ${id}`,
  };

  describe('g. a custom indicator', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Indicator Anchor Network', returns: true });
    });

    it('the lead adds a ratio indicator with a target; it shows in the form and on the dashboards', async () => {
      const slug = own.slug;
      const lead = own.account('partnership-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);

      // From the overview to the framework, and "Add an indicator".
      await visit(page, `/manage/${slug}`);
      await clickAndWait(
        page,
        page.getByRole('link', { name: 'Framework: pillars, commitments and indicators' }),
      );
      expect(await heading(page)).toBe('Framework');
      await clickAndWait(page, page.getByRole('button', { name: 'Add an indicator' }));
      expect(pathOf(page)).toBe(`/manage/${slug}/framework/new`);
      await expectAccessible(page, 'g-indicator-kind');
      await page.getByRole('radio', { name: 'A percentage of a whole' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
      expect(await heading(page)).toBe('Add an indicator');
      expect((await page.locator('main .nhsuk-caption-l').innerText()).trim()).toBe(
        'A percentage of a whole',
      );

      // Sent without a name, pillar or figures: each is asked for, and what was typed is kept.
      await page.getByLabel('Description in plain English').fill('Kept after an error.');
      await clickAndWait(page, page.getByRole('button', { name: 'Add indicator' }));
      const errors = await errorSummary(page);
      const hrefs = errors.map((e) => e.href);
      for (const field of ['#name', '#pillar', '#item1', '#item2']) {
        expect(hrefs, field).toContain(field);
        expect(await page.locator(field).count(), field).toBe(1);
      }
      expect(await page.getByLabel('Description in plain English').inputValue()).toBe(
        'Kept after an error.',
      );
      await expectAccessible(page, 'g-indicator-new-errors');

      await page.getByLabel('Name', { exact: true }).fill(wanted.name);
      await page
        .getByLabel('Description in plain English')
        .fill('The share of new apprentices who have been in care.');
      await page.getByRole('radio', { name: 'Workforce', exact: true }).check();
      await page.getByLabel('Numerator (the part)').fill(wanted.numerator);
      await page.getByLabel('Denominator (the whole)').fill(wanted.denominator);
      await page.getByRole('radio', { name: 'Higher', exact: true }).check();
      await page.getByRole('radio', { name: 'Every quarter', exact: true }).check();
      await page
        .getByLabel('Methodology')
        .fill('Apprenticeships started in the quarter by people who were in care as children.');
      await clickAndWait(page, page.getByRole('button', { name: 'Add indicator' }));
      const match = new RegExp(`^/manage/${slug}/framework/indicators/([A-Z0-9-]+)$`).exec(
        pathOf(page),
      );
      expect(match, page.url()).not.toBeNull();
      const code = match?.[1] ?? '';
      expect(await successBanner(page)).toContain(`${code} ${wanted.name} has been added`);
      expect(await heading(page)).toContain(wanted.name);
      expect(await summaryValue(page, 'Reported')).toBe('Quarterly');
      expect(await summaryValue(page, 'Direction')).toBe('Higher is better');
      await expectAccessible(page, 'g-indicator-added');

      // A baseline and a target for the partnership.
      await clickAndWait(page, page.getByRole('button', { name: 'Set the baseline and targets' }));
      await page.getByLabel('Baseline figure (%)').fill('40');
      await page.getByLabel('Financial year of the baseline').selectOption({ label: '2025/26' });
      const target = page.locator('main fieldset', { hasText: 'Target 1' });
      await target.getByLabel('Target figure (%)').fill('60');
      await target.getByLabel('To reach by the end of').selectOption({ label: '2027/28' });
      await expectAccessible(page, 'g-indicator-targets');
      await clickAndWait(page, page.getByRole('button', { name: 'Save baseline and targets' }));
      expect(await successBanner(page)).toContain(
        `The baseline and targets for ${code} have been saved.`,
      );
      expect(await page.locator('main').innerText()).toContain('60');

      // Listed in the framework under Workforce, marked as the partnership's own.
      await visit(page, `/manage/${slug}/framework`);
      const row = page.locator('main tr', { has: page.locator(`a#${code}`) });
      expect(await row.innerText()).toContain('Added by the partnership');
      expect(await row.innerText()).toContain('Quarterly');

      // The partnership dashboard shows it, with no approved figures yet and its target.
      await visit(page, `/manage/${slug}`);
      await clickAndWait(page, page.getByRole('link', { name: 'Partnership dashboard' }));
      // The dashboard is an overview, one line per pillar; Workforce has a page of its own.
      await expectAccessible(page, 'g-dashboard-overview');
      await clickAndWait(page, page.getByRole('link', { name: 'Workforce', exact: true }));
      expect(await heading(page)).toContain('Workforce');
      const card = page.locator(`main section[aria-labelledby="ind-${code}"]`);
      expect((await card.locator('h2').innerText()).trim()).toBe(`${code} ${wanted.name}`);
      expect((await card.locator('.nhsuk-tag').first().innerText()).trim()).toBe('No data');
      expect(await card.innerText()).toContain('Target: 60.0% by 31 March 2028');
      await expectAccessible(page, 'g-dashboard-workforce');

      // The contributor's Workforce form in the open return asks for both figures.
      const contributor = own.account('contributor');
      const { page: cPage } = await suite.person(js);
      await signInAndExpectManage(cPage, contributor.email, contributor.password);
      await openReturnsList(cPage, slug);
      await openEditableReturn(cPage);
      await clickAndWait(cPage, cPage.getByRole('link', { name: 'Workforce', exact: true }));
      const labels = (await numberFields(cPage)).map((f) => f.label);
      expect(labels).toContain(wanted.numerator);
      expect(labels).toContain(wanted.denominator);
      await cPage.locator('main details summary').click();
      expect(await cPage.locator('main details').innerText()).toContain(`${code} ${wanted.name}`);

      // And the organisation's dashboard shows it too, with its status.
      await visit(cPage, `/manage/${slug}`);
      await clickAndWait(
        cPage,
        cPage.locator('main').getByRole('link', { name: MVH, exact: true }),
      );
      await clickAndWait(cPage, cPage.getByRole('link', { name: 'Dashboard', exact: true }));
      expect(await heading(cPage)).toBe(MVH);
      await clickAndWait(cPage, cPage.getByRole('link', { name: 'Workforce', exact: true }));
      const orgCard = cPage.locator(`main section[aria-labelledby="ind-${code}"]`);
      expect((await orgCard.locator('h2').innerText()).trim()).toBe(`${code} ${wanted.name}`);
      expect((await orgCard.locator('.nhsuk-tag').first().innerText()).trim()).toBe('No data');
      await expectAccessible(cPage, 'g-organisation-dashboard');
    });
  });
}
