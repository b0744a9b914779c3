/**
 * c. The platform admin creates a partnership and invites its lead, who accepts.
 * d. That lead adds an NHS trust by its ODS code and invites its organisation lead, who invites a
 *    data contributor for the Workforce pillar. A viewer cannot invite or change settings.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  acceptInvitation,
  clickAndWait,
  errorSummary,
  headerAccount,
  heading,
  pathOf,
  readNewestMail,
  sendInvitation,
  signIn,
  successBanner,
  summaryValue,
  unique,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

const TRUST = {
  code: 'RBQ',
  name: 'Liverpool Heart and Chest Hospital NHS Foundation Trust',
  postcode: 'L14 3PE',
};

export function partnershipJourney(suite: Suite, js: boolean) {
  const id = unique();
  const partnership = {
    name: `E2E Anchor Partnership ${id}`,
    slug: `e2e-${id}`,
  };
  const lead = {
    name: `Lena Lead ${id}`,
    email: `lead-${id}@e2e.anchorage.example`,
    password: `lead-password-${id}`,
  };
  const orgLead = {
    name: `Oscar Orglead ${id}`,
    email: `org-lead-${id}@e2e.anchorage.example`,
    password: `org-lead-password-${id}`,
  };
  const contributor = {
    name: `Carla Contributor ${id}`,
    email: `contributor-${id}@e2e.anchorage.example`,
    password: `contributor-password-${id}`,
  };
  /** The new lead's page, signed in (set by c, used by d). */
  let leadPage: Page | undefined;

  describe('c. creating a partnership', () => {
    it('the platform admin creates a partnership and invites its lead', async () => {
      const admin = await suite.admin(js);
      expect(await visit(admin, '/admin/partnerships/new')).toBe(200);
      expect(await heading(admin)).toBe('Create a partnership');
      await expectAccessible(admin, 'c-partnership-new');

      // Sent empty: every required answer is asked for.
      await clickAndWait(admin, admin.getByRole('button', { name: 'Create partnership' }));
      expect(pathOf(admin)).toBe('/admin/partnerships/new');
      expect(await errorSummary(admin)).toEqual([
        { text: 'Enter the partnership name', href: '#name' },
        { text: 'Select at least one local authority district', href: '#localArea' },
        { text: 'Enter a short name for web addresses', href: '#slug' },
      ]);
      // Each link in the summary has a field to go to.
      for (const target of ['#name', '#localArea', '#slug']) {
        expect(await admin.locator(target).count(), target).toBe(1);
      }
      await expectAccessible(admin, 'c-partnership-new-errors');

      await admin.getByLabel('Partnership name').fill(partnership.name);
      const region = admin.locator('main details').filter({
        has: admin.locator('summary', { hasText: /^\s*North West/ }),
      });
      await region.locator('summary').click();
      await region.getByLabel('Liverpool', { exact: true }).check();
      await region.getByLabel('Wirral', { exact: true }).check();
      await admin.getByLabel('Financial year starts on').selectOption({ label: '1 January' });
      await admin.getByLabel('Short name for web addresses').fill(partnership.slug);
      await admin.getByLabel('Lead’s full name').fill(lead.name);
      await admin.getByLabel('Lead’s email address').fill(lead.email);
      await expectAccessible(admin, 'c-partnership-new-filled');

      await clickAndWait(admin, admin.getByRole('button', { name: 'Create partnership' }));
      expect(pathOf(admin)).toBe(`/manage/${partnership.slug}`);
      expect(await successBanner(admin)).toContain(
        `${partnership.name} has been created and ${lead.email} has been invited as its lead.`,
      );
      expect(await heading(admin)).toBe(partnership.name);
      expect(await summaryValue(admin, 'Local area')).toMatch(/^Liverpool, Wirral/);
      expect(await summaryValue(admin, 'Financial year starts')).toBe('1 January');
      expect(await summaryValue(admin, 'People')).toContain('1 invited');
      await expectAccessible(admin, 'c-partnership-created');

      // The same short name cannot be used twice.
      await visit(admin, '/admin/partnerships/new');
      await admin.getByLabel('Partnership name').fill(`${partnership.name} again`);
      const northWest = admin.locator('main details').filter({
        has: admin.locator('summary', { hasText: /^\s*North West/ }),
      });
      await northWest.locator('summary').click();
      await northWest.getByLabel('Liverpool', { exact: true }).check();
      await admin.getByLabel('Short name for web addresses').fill(partnership.slug);
      await clickAndWait(admin, admin.getByRole('button', { name: 'Create partnership' }));
      const errors = await errorSummary(admin);
      expect(errors.map((e) => e.href)).toEqual(['#slug']);
      // What was entered is kept, and the region with a ticked district is open.
      expect(await admin.getByLabel('Partnership name').inputValue()).toBe(
        `${partnership.name} again`,
      );
      expect(await northWest.getAttribute('open')).not.toBeNull();
      expect(await northWest.getByLabel('Liverpool', { exact: true }).isChecked()).toBe(true);
      await expectAccessible(admin, 'c-partnership-new-slug-taken');
    });

    it('the lead accepts the invitation from the outbox in a new browser and lands signed in', async () => {
      const admin = await suite.admin(js);
      const mail = await readNewestMail(admin, lead.email, {
        subject: 'You have been invited',
        check: 'c-invitation',
      });
      expect(mail.subject).toBe(`You have been invited to ${partnership.name} on Anchorage`);
      expect(mail.body).toContain('as partnership lead');
      expect(new URL(mail.link).pathname).toMatch(/^\/invitations\/[^/]+$/);
      // Links are made from the configured base address (BASE_URL, or localhost and the
      // configured port): with PORT=0 that is not where this server listens, hence localLink.
      expect(mail.link.startsWith(`${suite.server.runtime.config.baseUrl}/invitations/`)).toBe(
        true,
      );

      // Kept open for journey d, which goes on as this lead.
      const { page } = await suite.person(js, { keep: true });
      expect(await visit(page, mail.localLink)).toBe(200);
      expect(await heading(page)).toBe(`Join ${partnership.name}`);
      expect(await summaryValue(page, 'Invited as')).toBe('Partnership lead');
      expect(await summaryValue(page, 'Email address')).toBe(lead.email);
      expect(await page.getByLabel('Full name').inputValue()).toBe(lead.name);
      await expectAccessible(page, 'c-accept-invitation');

      // Passwords that do not match.
      await page.getByLabel('New password', { exact: true }).fill(lead.password);
      await page.getByLabel('Confirm the new password', { exact: true }).fill(`${lead.password}x`);
      await clickAndWait(page, page.getByRole('button', { name: 'Create account and accept' }));
      expect(await errorSummary(page)).toEqual([
        { text: 'The passwords do not match', href: '#confirmPassword' },
      ]);
      expect(await page.getByLabel('Full name').inputValue()).toBe(lead.name);
      expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');
      await expectAccessible(page, 'c-accept-invitation-mismatch');

      await page.getByLabel('New password', { exact: true }).fill(lead.password);
      await page.getByLabel('Confirm the new password', { exact: true }).fill(lead.password);
      await clickAndWait(page, page.getByRole('button', { name: 'Create account and accept' }));
      expect(pathOf(page)).toBe(`/manage/${partnership.slug}`);
      expect(await successBanner(page)).toContain(
        `You have joined ${partnership.name} as partnership lead.`,
      );
      expect(await headerAccount(page)).toEqual([lead.name, 'Sign out']);
      await expectAccessible(page, 'c-lead-overview');

      // The link works once only.
      const { page: other } = await suite.person(js);
      expect(await visit(other, mail.localLink)).toBe(404);
      expect(await heading(other)).toBe('This invitation has expired');
      await other.context().close();

      leadPage = page;
    });
  });

  describe('d. organisations and people', () => {
    /** For the viewer: a partnership of the journey's own, shaped like the demo. */
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Viewer Anchor Network' });
    });
    afterAll(async () => {
      await leadPage?.context().close();
    });

    it('the new lead adds an NHS trust found by its ODS code', async () => {
      const page = requireLead();
      await visit(page, `/manage/${partnership.slug}`);
      await clickAndWait(page, page.getByRole('button', { name: 'Add an organisation' }));
      expect(pathOf(page)).toBe(`/manage/${partnership.slug}/organisations/new`);
      expect(await heading(page)).toBe('Add an organisation');
      await expectAccessible(page, 'd-organisation-new');

      await page.getByLabel('NHS trust code (optional)').fill(TRUST.code);
      await clickAndWait(page, page.getByRole('button', { name: 'Look up' }));
      expect(new URL(page.url()).searchParams.get('ods')).toBe(TRUST.code);
      expect(await page.getByLabel('Organisation name').inputValue()).toBe(TRUST.name);
      expect(await page.getByLabel('Organisation code').inputValue()).toBe(TRUST.code);
      expect(await page.getByLabel('Postcode of its main site').inputValue()).toBe(TRUST.postcode);
      expect(await page.getByRole('radio', { name: 'NHS trust', exact: true }).isChecked()).toBe(
        true,
      );
      await expectAccessible(page, 'd-organisation-looked-up');

      await clickAndWait(page, page.getByRole('button', { name: 'Save organisation' }));
      expect(pathOf(page)).toMatch(
        new RegExp(`^/manage/${partnership.slug}/organisations/[0-9a-f-]{36}$`),
      );
      expect(await heading(page)).toBe(TRUST.name);
      expect(await successBanner(page)).toContain(
        `${TRUST.name} has been added. Invite its organisation lead next.`,
      );
      expect(await summaryValue(page, 'Code')).toBe(TRUST.code);
      expect(await summaryValue(page, 'Postcode')).toBe(TRUST.postcode);
      expect(await summaryValue(page, 'Type')).toMatch(/^NHS trust/);
      await expectAccessible(page, 'd-organisation');
    });

    it('the lead invites an organisation lead, who invites a Workforce contributor', async () => {
      const page = requireLead();
      await openOrganisation(page, partnership.slug, TRUST.name);
      await clickAndWait(page, page.getByRole('button', { name: 'Invite someone' }));
      expect(await heading(page)).toBe(`Invite someone to ${TRUST.name}`);
      expect(await radioLabels(page)).toEqual(['Organisation lead', 'Data contributor', 'Viewer']);
      await expectAccessible(page, 'd-invite-org-lead');
      await sendInvitation(page, { ...orgLead, role: 'Organisation lead' });
      const invited = page.locator('main table', { hasText: 'Invitations waiting to be accepted' });
      expect(await invited.innerText()).toContain(orgLead.email);
      await expectAccessible(page, 'd-organisation-invited');

      const mail = await readNewestMail(await suite.admin(js), orgLead.email, {
        subject: 'You have been invited',
      });
      expect(mail.body).toContain(`${TRUST.name}, part of ${partnership.name}`);
      const { page: orgLeadPage } = await suite.person(js);
      await acceptInvitation(orgLeadPage, mail.localLink, orgLead, { check: 'd-accept-org-lead' });
      expect(pathOf(orgLeadPage)).toBe(`/manage/${partnership.slug}`);
      expect(await successBanner(orgLeadPage)).toContain('as organisation lead.');
      expect(await orgLeadPage.locator('main').innerText()).toContain(
        `Organisation lead of ${TRUST.name}`,
      );
      await expectAccessible(orgLeadPage, 'd-org-lead-overview');

      // d continues: the organisation lead invites a contributor for the Workforce pillar.
      await openOrganisation(orgLeadPage, partnership.slug, TRUST.name);
      await clickAndWait(orgLeadPage, orgLeadPage.getByRole('button', { name: 'Invite someone' }));
      expect(await radioLabels(orgLeadPage)).toEqual(['Data contributor', 'Viewer']);
      const workforce = orgLeadPage.getByRole('checkbox', { name: 'Workforce', exact: true });
      // The pillars are always shown (they apply only to data contributors, as the hint says).
      expect(await workforce.isVisible()).toBe(true);
      await orgLeadPage.getByRole('radio', { name: 'Data contributor', exact: true }).check();
      await expectAccessible(orgLeadPage, 'd-invite-contributor');
      await sendInvitation(
        orgLeadPage,
        { ...contributor, role: 'Data contributor', pillars: ['Workforce'] },
        {},
      );

      const contributorMail = await readNewestMail(await suite.admin(js), contributor.email, {
        subject: 'You have been invited',
      });
      const { page: contributorPage } = await suite.person(js);
      expect(await visit(contributorPage, contributorMail.localLink)).toBe(200);
      expect(await summaryValue(contributorPage, 'Invited as')).toBe('Data contributor');
      expect(await summaryValue(contributorPage, 'Pillars')).toBe('Workforce');
      expect(await summaryValue(contributorPage, 'Organisation')).toBe(TRUST.name);
      await acceptInvitation(contributorPage, contributorMail.localLink, contributor, {
        check: 'd-accept-contributor',
      });
      expect(await contributorPage.locator('main').innerText()).toContain(
        `Data contributor of ${TRUST.name} (Workforce)`,
      );

      await visit(contributorPage, '/account');
      expect(await heading(contributorPage)).toBe('Your account');
      const roles = contributorPage.locator('main table', { hasText: 'Your roles' });
      const row = roles.locator('tbody tr', { hasText: partnership.name });
      const cells = (await row.locator('td, th').allInnerTexts()).map((c) =>
        c.replace(/^(Partnership|Organisation|Role)\s*/, '').trim(),
      );
      expect(cells).toEqual([partnership.name, TRUST.name, 'Data contributor (Workforce)']);
      await expectAccessible(contributorPage, 'd-contributor-account');
    });

    it('a viewer cannot invite anyone or change the partnership settings', async () => {
      const viewer = own.account('viewer');
      const { page } = await suite.person(js);
      await signIn(page, viewer.email, viewer.password);
      await visit(page, `/manage/${own.slug}`);
      expect(await page.locator('main h2', { hasText: 'Your organisation' }).count()).toBe(1);
      await openOrganisation(page, own.slug, 'Mersey Valley Hospitals NHS Foundation Trust');
      expect(await page.getByRole('button', { name: 'Invite someone' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
      await expectAccessible(page, 'd-viewer-organisation');

      expect(await visit(page, `/manage/${own.slug}/settings`)).toBe(403);
      expect(await heading(page)).toBe('You cannot do this');
      await expectAccessible(page, 'd-viewer-forbidden');
      // Nor the invitation form itself.
      const orgPath = await organisationPath(
        page,
        own.slug,
        'Mersey Valley Hospitals NHS Foundation Trust',
      );
      expect(await visit(page, `${orgPath}/invite`)).toBe(403);
    });
  });

  function requireLead(): Page {
    if (!leadPage || leadPage.isClosed()) {
      throw new Error('The partnership lead from journey c is not signed in (did c fail?)');
    }
    return leadPage;
  }
}

/** From the partnership overview, follows the link to one of its organisations. */
async function openOrganisation(page: Page, slug: string, name: string): Promise<void> {
  await visit(page, `/manage/${slug}`);
  await clickAndWait(page, page.locator('main').getByRole('link', { name, exact: true }));
  expect(await heading(page)).toBe(name);
}

async function organisationPath(page: Page, slug: string, name: string): Promise<string> {
  await visit(page, `/manage/${slug}`);
  const href = await page
    .locator('main')
    .getByRole('link', { name, exact: true })
    .getAttribute('href');
  if (!href) throw new Error(`No link to ${name}`);
  return href;
}

async function radioLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('main .nhsuk-radios__item > label').allInnerTexts();
  return labels.map((l) => l.trim());
}
