/**
 * m. Publishing, in the journey's own partnership (with the demo's reporting history): the
 * partnership lead previews a year and publishes it; the public sees it from the partnership's
 * page, with its downloads and data dictionary; an organisation lead chooses to show only the
 * total for one indicator; the lead's correction is refused without a reason, then published
 * with one; the first revision stays reachable and says it was corrected. Each page state checked
 * with axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { FIXTURE_ACTOR, ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  pageWidth,
  pathOf,
  signInAndExpectManage,
  successBanner,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

export function publishingJourney(suite: Suite, js: boolean) {
  describe('m. publishing figures', () => {
    let own: OwnPartnership;
    let yearPath = '';
    let label = '';

    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Publishing Anchor Network', returns: true });
      const [latest] = await suite.deps.publishing.years(own.partnership.id);
      if (!latest) throw new Error('The journey’s partnership has no year');
      label = latest.period.label;
      // A joint initiative, for its public pages.
      await suite.deps.initiatives.add(
        own.partnership.id,
        {
          title: 'Healthy homes across the estuary',
          outcomes: 'Fewer hospital admissions from cold and damp homes',
          status: 'active',
          startsOn: '2025-05-01',
          endsOn: null,
          pillars: ['infrastructure', 'community'],
          vcsePartner: 'Walton Community Trust',
          partners: Object.values(own.organisations).map((o) => ({
            organisationId: o.id,
            pooledPence: 1_250_000,
          })),
          milestones: [
            { title: 'First 200 homes surveyed', dueOn: '2025-09-30', done: true },
            { title: 'First 50 homes fitted', dueOn: '2026-01-31', done: false },
          ],
          evidenceLink: null,
          evidenceNote: '',
        },
        FIXTURE_ACTOR,
      );
    });

    it('the partnership lead previews a year and publishes it, and the public sees it', async () => {
      const lead = own.account('partnership-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);
      expect(await visit(page, `/manage/${own.slug}/publishing`)).toBe(200);
      expect(await heading(page)).toBe('Publish figures');
      await expectAccessible(page, 'm-years');
      await clickAndWait(
        page,
        page.getByRole('link', { name: `Preview and publish for ${label}` }),
      );
      expect(await heading(page)).toBe(`Publish the figures for ${label}`);
      await expectAccessible(page, 'm-preview');
      await clickAndWait(page, page.getByRole('button', { name: 'Publish these figures' }));
      expect(await successBanner(page)).toContain(`The figures for ${label} have been published.`);
      yearPath = pathOf(page);
      expect(await heading(page)).toBe(`Figures for ${label}`);

      const { page: resident } = await suite.person(js);
      expect(await visit(resident, `/p/${own.slug}`)).toBe(200);
      await clickAndWait(resident, resident.getByRole('link', { name: `Figures for ${label}` }));
      expect(pathOf(resident)).toBe(yearPath);
      expect(await resident.locator('main').innerText()).toContain('Revision 1, published on');
      await expectAccessible(resident, 'm-public-year');
      await clickAndWait(
        resident,
        resident.getByRole('link', { name: 'How the figures are worked out' }),
      );
      expect(await heading(resident)).toBe('How the figures are worked out');
      await expectAccessible(resident, 'm-methodology');
      await visit(resident, `/p/${own.slug}`);
      await clickAndWait(resident, resident.getByRole('link', { name: 'Workforce' }));
      expect(await heading(resident)).toBe('Workforce');
      await expectAccessible(resident, 'm-public-pillar');
      await visit(resident, `/p/${own.slug}`);
      await clickAndWait(resident, resident.getByRole('link', { name: /Mersey Valley Hospitals/ }));
      expect(await heading(resident)).toContain('Mersey Valley Hospitals');
      await expectAccessible(resident, 'm-public-organisation');
      await visit(resident, yearPath);
      await clickAndWait(resident, resident.getByRole('link', { name: 'What each column means' }));
      expect(await heading(resident)).toBe('Data dictionary for the published figures');
      await expectAccessible(resident, 'm-data-dictionary');
      await visit(resident, `/p/${own.slug}`);
      await clickAndWait(
        resident,
        resident.getByRole('link', { name: 'Download the figures as open data' }),
      );
      expect(await heading(resident)).toBe('Open data downloads');
      await expectAccessible(resident, 'm-downloads');
      await visit(resident, `/p/${own.slug}`);
      await clickAndWait(
        resident,
        resident.getByRole('link', { name: 'What the member organisations are doing together' }),
      );
      expect(await heading(resident)).toBe('Joint initiatives');
      await expectAccessible(resident, 'm-initiatives');
      await clickAndWait(
        resident,
        resident.getByRole('link', { name: 'Healthy homes across the estuary' }),
      );
      expect(await heading(resident)).toBe('Healthy homes across the estuary');
      await expectAccessible(resident, 'm-initiative');
      const csv = await resident.request.get(
        `${new URL(resident.url()).origin}${yearPath}/figures.csv`,
      );
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split('\r\n')[0]).toContain('indicator_code');
    });

    it('an organisation lead shows only the total for W1, and the lead corrects the year with a reason', async () => {
      const orgLead = own.account('org-lead');
      const mvh = own.organisations['DEMO-MVH'];
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, orgLead.email, orgLead.password);
      expect(
        await visit(page, `/manage/${own.slug}/organisations/${mvh?.id ?? ''}/publishing`),
      ).toBe(200);
      expect(await heading(page)).toBe('Which of your figures are published');
      await expectAccessible(page, 'm-choices');
      await page
        .getByLabel('W1 Directly employed staff paid at least the Real Living Wage')
        .uncheck();
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect(await successBanner(page)).toContain('only the partnership total is published for 1');

      const lead = own.account('partnership-lead');
      const { page: leadPage } = await suite.person(js);
      await signInAndExpectManage(leadPage, lead.email, lead.password);
      await visit(leadPage, `/manage/${own.slug}/publishing`);
      await clickAndWait(
        leadPage,
        leadPage.getByRole('link', { name: `Preview and correct for ${label}` }),
      );
      await clickAndWait(
        leadPage,
        leadPage.getByRole('button', { name: 'Publish the correction' }),
      );
      expect((await errorSummary(leadPage)).map((e) => e.href)).toEqual(['#reason']);
      await expectAccessible(leadPage, 'm-correction-errors');
      const reason = 'Mersey Valley Hospitals asked to show only the partnership total for W1.';
      await leadPage.getByLabel('Why are the figures being corrected?').fill(reason);
      await clickAndWait(
        leadPage,
        leadPage.getByRole('button', { name: 'Publish the correction' }),
      );
      expect(await successBanner(leadPage)).toContain('revision 2 is now published');
      expect(await leadPage.locator('main').innerText()).toContain(reason);

      const { page: resident } = await suite.person(js);
      expect(await visit(resident, `${yearPath}/revisions/1`)).toBe(200);
      expect(await resident.locator('main').innerText()).toContain(
        'These figures have been corrected',
      );
      await expectAccessible(resident, 'm-public-revision-corrected');
      await clickAndWait(
        resident,
        resident.getByRole('link', { name: 'See the corrected figures' }),
      );
      expect(pathOf(resident)).toBe(yearPath);
      expect(await pageWidth(resident)).toBeLessThanOrEqual(
        resident.viewportSize()?.width ?? Infinity,
      );
    });
  });
}
