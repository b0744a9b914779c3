/**
 * k. Importing a payroll extract and an NHS estates return through the browser. The organisation
 * lead of Mersey Valley Hospitals reads what is kept and what is dropped before uploading a payroll
 * extract, sees only its headings on the columns page, chooses the year, follows the import to its
 * result and sees W1 with the Real Living Wage it was measured against on the workforce page. Then
 * they import the trust-level estates return (ERIC 2014-15), choosing their trust's row by its code.
 *
 * In the journey's own partnership (each run, JavaScript on and off, has its own).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  signInAndExpectManage,
  successBanner,
  summaryValue,
  visit,
} from '../helpers/pages.js';
import { SYSTEM_ACTOR } from '../../src/features/audit/audit.repo.js';
import { MVH } from '../helpers/returns.js';
import { importFinished, uploadFile } from '../helpers/imports.js';
import type { Suite } from '../helpers/suite.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const read = (name: string) => fs.readFileSync(fileURLToPath(new URL(name, FIXTURES)));

/** Follows the first "At YYYY's factors" link, checks the page says so, and checks it with axe. */
async function atOneYearsFactors(page: Page, label: string) {
  const nav = page.getByRole('navigation', { name: 'Conversion factors used' });
  const fixed = nav.getByRole('link', { name: /^At \d{4}’s factors$/ }).first();
  const year = (await fixed.innerText()).trim().slice(3, 7);
  await clickAndWait(page, fixed);
  expect(await nav.innerText()).toContain(`Shown at ${year}’s conversion factors for every year`);
  await expectAccessible(page, label);
}

export function workforceEnvironmentJourney(suite: Suite, js: boolean) {
  describe('k. payroll and estates return', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Workforce Anchor Network' });
    });

    it('the organisation lead imports a payroll extract and an estates return', async () => {
      const { page } = await suite.person(js);
      const lead = own.account('org-lead');
      await signInAndExpectManage(page, lead.email, lead.password);
      await visit(page, `/manage/${own.slug}`);
      await clickAndWait(page, page.locator('main').getByRole('link', { name: MVH, exact: true }));
      await clickAndWait(page, page.getByRole('link', { name: 'Workforce: payroll extracts' }));
      expect(await heading(page)).toBe('Workforce');
      await expectAccessible(page, 'k-workforce-empty');

      // What is kept and what is dropped, said before the upload.
      await clickAndWait(page, page.getByRole('button', { name: 'Import a payroll extract' }));
      expect(await heading(page)).toBe('Import a payroll extract');
      const intro = await page.locator('main').innerText();
      expect(intro).toContain('What we keep and what we drop');
      expect(intro).toContain(
        'Home postcodes: each is turned into its district and deprivation decile',
      );
      await expectAccessible(page, 'k-payroll-upload');
      await uploadFile(page, 'payroll-2025-26.csv', read('payroll/payroll-2025-26.csv'));

      // The headings only; the year asked for.
      expect(await heading(page)).toBe('Check the columns');
      const columns = await page.locator('main').innerText();
      expect(columns).toContain('Home Postcode');
      expect(columns).not.toContain('Ashworth');
      await clickAndWait(page, page.getByRole('button', { name: 'Import the file' }));
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'Choose the financial year the file is for',
      );
      await expectAccessible(page, 'k-payroll-columns-error');
      await page.getByLabel('Financial year the file is for').selectOption({ label: '2025/26' });
      await clickAndWait(page, page.getByRole('button', { name: 'Import the file' }));
      await importFinished(page);
      expect(await summaryValue(page, 'Measured against')).toContain('£12.60 an hour (2024/25)');
      expect(await page.locator('main').innerText()).toContain('The uploaded file is deleted');
      await expectAccessible(page, 'k-payroll-finished');

      await visit(
        page,
        `/manage/${own.slug}/organisations/${own.organisations['DEMO-MVH']!.id}/workforce`,
      );
      const workforce = await page.locator('main').innerText();
      expect(workforce).toContain('82.8%');
      expect(workforce).toContain('UK rate £12.60 an hour (2024/25)');
      await expectAccessible(page, 'k-workforce');

      // The estates return: the trust's row by its code.
      await visit(
        page,
        `/manage/${own.slug}/organisations/${own.organisations['DEMO-MVH']!.id}/environment`,
      );
      await clickAndWait(
        page,
        page.getByRole('link', { name: 'Import an NHS estates return (ERIC)' }),
      );
      expect(await heading(page)).toBe('Import an estates return (ERIC)');
      await uploadFile(page, 'ERIC_trust_2014-15.csv', read('carbon/ERIC_trust_2014-15.csv'));
      await page.getByLabel('Financial year the file is for').selectOption({ label: '2014/15' });
      await page.getByLabel('Trust code in the return').fill('RQ6');
      await expectAccessible(page, 'k-eric-columns');
      await clickAndWait(page, page.getByRole('button', { name: 'Import the file' }));
      await importFinished(page);
      expect(await summaryValue(page, 'From')).toContain('trust RQ6');
      await expectAccessible(page, 'k-eric-finished');

      // The year's emissions with the factor beside each source, then at one year's factors.
      const environment = `/manage/${own.slug}/organisations/${own.organisations['DEMO-MVH']!.id}/environment`;
      await visit(page, `${environment}?year=2014`);
      expect(await heading(page)).toBe('Environment');
      const sources = page.getByRole('table', { name: /Emissions by source in 2014\/15/ });
      expect(await sources.innerText()).toMatch(/Electricity bought[\s\S]*kg CO2e per kWh, 2014/);
      await expectAccessible(page, 'k-environment');
      await atOneYearsFactors(page, 'k-environment-one-year-factors');

      // Correcting the year's activity data by hand: a mistake is named, then saved.
      await visit(page, `${environment}?year=2014`);
      await clickAndWait(
        page,
        page.getByRole('button', { name: 'Enter or correct activity data for 2014/15' }),
      );
      expect(await heading(page)).toBe('Activity data 2014/15');
      await page.getByLabel('Electricity bought', { exact: true }).fill('a lot');
      await clickAndWait(page, page.getByRole('button', { name: 'Save activity data' }));
      const problems = await errorSummary(page);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.text).toContain('Electricity bought');
      await expectAccessible(page, 'k-activity-errors');
      await page.getByLabel('Electricity bought', { exact: true }).fill('1,000,000');
      await clickAndWait(page, page.getByRole('button', { name: 'Save activity data' }));
      expect(await successBanner(page)).toContain('Activity data for 2014/15 saved');
      await expectAccessible(page, 'k-activity-saved');
    });

    it('the partnership lead compares the members’ emissions, at each year’s factors and at one year’s', async () => {
      const { page } = await suite.person(js);
      const lead = own.account('partnership-lead');
      await signInAndExpectManage(page, lead.email, lead.password);
      await visit(page, `/manage/${own.slug}/environment`);
      expect(await heading(page)).toBe('Environment across the partnership');
      expect(await page.locator('main').innerText()).toContain('NHS Carbon Footprint Plus path');
      await expectAccessible(page, 'k-environment-partnership');
      await atOneYearsFactors(page, 'k-environment-partnership-one-year-factors');
    });

    it('a workforce year measured against a rate corrected since says so', async () => {
      const { page } = await suite.person(js);
      const lead = own.account('org-lead');
      await signInAndExpectManage(page, lead.email, lead.password);
      const living = suite.deps.livingWage;
      const asPublished = await living.entry('2024/25');
      const workforce = `/manage/${own.slug}/organisations/${own.organisations['DEMO-MVH']!.id}/workforce`;
      try {
        expect(
          await living.correct('2024/25', { ...asPublished, ukPence: 1265 }, SYSTEM_ACTOR),
        ).toMatchObject({ ok: true });
        await visit(page, workforce);
        expect(await page.locator('main').innerText()).toContain(
          'the UK rate for 2024/25 was £12.60 an hour and is now £12.65',
        );
        await expectAccessible(page, 'k-workforce-rate-corrected');
      } finally {
        // The table as it was, for every other journey.
        await living.correct('2024/25', asPublished, SYSTEM_ACTOR);
      }
      await visit(page, workforce);
      expect(await page.locator('main').innerText()).not.toContain('since corrected');
    });
  });
}
