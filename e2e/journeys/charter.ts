/**
 * l. The charter's whole cycle, in the journey's own partnership: the partnership lead drafts a
 * version (a commitment sent with problems first) and opens it for consultation with
 * pre-moderation; two residents with light accounts respond (one under a name with a suggested
 * change, one anonymously); a moderator enters a paper response for someone, approves one and
 * hides another with a public reason; the lead closes the consultation, is told a suggestion
 * waits, answers it, and adopts the version; two organisations' leads sign, one with a pledge;
 * the public pages show the charter, the signatories, the pledge, the consultation and "you
 * said, we did". Each page state checked with axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from '../helpers/axe.js';
import { FIXTURE_ACTOR, ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  signIn,
  signInAndExpectManage,
  successBanner,
  unique,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';
import { addDays } from '../../src/core/periods.js';
import { steadyToday } from '../../test/helpers/day.js';

/** Fills an NHS date input (day, month, year) inside the fieldset with this legend. */
async function fillDate(page: Page, legend: string, iso: string) {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y ?? '');
}

export function charterJourney(suite: Suite, js: boolean) {
  describe('l. the charter, co-produced', () => {
    let own: OwnPartnership;
    const residents: { email: string; password: string }[] = [];
    let rbcLead: { email: string; password: string };
    let versionPath = '';

    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Charter Anchor Network' });
      for (const n of [1, 2]) {
        const email = `resident${n}-${unique()}@e2e.anchorage.example`;
        const password = `resident-password-${n}-${unique()}`;
        await suite.deps.accounts.createUser(
          { email, displayName: 'Participant', password },
          FIXTURE_ACTOR,
        );
        residents.push({ email, password });
      }
      const rbc = own.organisations['DEMO-RBC'];
      rbcLead = {
        email: `rbc-lead-${unique()}@e2e.anchorage.example`,
        password: `rbc-${unique()}`,
      };
      await suite.deps.accounts.createUser(
        {
          email: rbcLead.email,
          displayName: 'Ria Council Lead',
          password: rbcLead.password,
          membership: {
            partnershipId: own.partnership.id,
            organisationId: rbc?.id ?? null,
            role: 'org-lead',
          },
        },
        FIXTURE_ACTOR,
      );
    });

    it('the partnership lead drafts version 1 and opens it for consultation', async () => {
      const lead = own.account('partnership-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);
      await visit(page, `/manage/${own.slug}`);
      // With JavaScript on, the header folds its last links into a "More" menu.
      if (js) await visit(page, `/manage/${own.slug}/charter`);
      else await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Charter' }));
      expect(await heading(page)).toBe('Social Value Charter');
      await expectAccessible(page, 'l-charter-empty');
      await clickAndWait(page, page.getByRole('button', { name: 'Start version 1' }));
      expect(await successBanner(page)).toContain('Version 1 has been started as a draft');
      versionPath = new URL(page.url()).pathname;
      await expectAccessible(page, 'l-version-draft');

      await clickAndWait(page, page.getByRole('button', { name: 'Add a commitment' }));
      await page.getByLabel('Title').fill('Pay at least the Real Living Wage');
      await page.getByLabel('Indicators that show whether it is kept (optional)').fill('W1, ZZ9');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      const errors = await errorSummary(page);
      expect(errors.map((e) => e.href)).toEqual(['#pillar', '#body', '#indicators']);
      expect(await page.getByLabel('Title').inputValue()).toBe('Pay at least the Real Living Wage');
      await expectAccessible(page, 'l-commitment-errors');
      await page.getByLabel('Workforce').check();
      await page
        .getByLabel('Wording')
        .fill('Every member pays its own staff at least the Real Living Wage.');
      await page.getByLabel('Indicators that show whether it is kept (optional)').fill('W1, W2');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect(await successBanner(page)).toContain(
        'Commitment C1 Pay at least the Real Living Wage',
      );

      await clickAndWait(page, page.getByRole('button', { name: 'Add a commitment' }));
      await page.getByLabel('Procurement').check();
      await page.getByLabel('Title').fill('Spend locally');
      await page.getByLabel('Wording').fill('Members spend more with local suppliers.');
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }));

      await clickAndWait(page, page.getByRole('button', { name: 'Open for consultation' }));
      await expectAccessible(page, 'l-consultation-form');
      const today = await steadyToday();
      await fillDate(page, 'Date it opens', today);
      await fillDate(page, 'Date it closes', addDays(today, 20));
      await page.getByLabel('Yes, check each comment first').check();
      await clickAndWait(page, page.getByRole('button', { name: 'Open for consultation' }));
      expect(await successBanner(page)).toContain('Version 1 is out for consultation');
      await expectAccessible(page, 'l-version-consultation');
    });

    it('two residents respond, one under a name and one anonymously', async () => {
      for (const [n, resident] of residents.entries()) {
        const { page } = await suite.person(js);
        await visit(page, `/p/${own.slug}/charter`);
        await clickAndWait(page, page.getByRole('link', { name: 'Have your say' }));
        expect(await heading(page)).toBe('Have your say');
        if (n === 0) await expectAccessible(page, 'l-public-consultation');
        await clickAndWait(
          page,
          page.getByRole('link', {
            name: n === 0 ? 'C1 Pay at least the Real Living Wage' : 'C2 Spend locally',
          }),
        );
        await clickAndWait(
          page,
          page.locator('main').getByRole('link', { name: 'sign in', exact: true }),
        );
        await page.getByLabel('Email address').fill(resident.email);
        await page.getByLabel('Password', { exact: true }).fill(resident.password);
        await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
        expect(await heading(page)).toBe(
          n === 0 ? 'C1 Pay at least the Real Living Wage' : 'C2 Spend locally',
        );
        if (n === 0) {
          await expectAccessible(page, 'l-respond-form');
          await page.getByLabel('I agree').check();
          await page
            .getByLabel('Suggest a change to its words (optional)')
            .fill('Name contracted cleaners and porters.');
          await page.getByLabel('Under a name I choose').check();
          await page.getByLabel('Name to show, if you chose one').fill('someone@example.org');
          await clickAndWait(page, page.getByRole('button', { name: 'Send my response' }));
          expect((await errorSummary(page)).map((e) => e.href)).toEqual(['#displayName']);
          await expectAccessible(page, 'l-respond-errors');
          await page.getByLabel('Name to show, if you chose one').fill('Ada from Wirral');
        } else {
          await page.getByLabel('I disagree').check();
          await page.getByLabel('Comment (optional)').fill('The manager Jo Bloggs is useless.');
          await page.getByLabel('Anonymously').check();
        }
        await clickAndWait(page, page.getByRole('button', { name: 'Send my response' }));
        expect(await successBanner(page)).toContain('a moderator checks it before it is shown');
        if (n === 0) await expectAccessible(page, 'l-responded');
      }
    });

    it('a moderator enters a paper response, approves one and hides another', async () => {
      const moderator = own.account('moderator');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, moderator.email, moderator.password);
      await visit(page, `${versionPath}/responses`);
      expect(await heading(page)).toBe('Responses to version 1');
      await expectAccessible(page, 'l-responses');
      await clickAndWait(page, page.getByRole('button', { name: 'Enter a response for someone' }));
      await page.getByLabel('What is it about?').selectOption('C2');
      await page.getByLabel('Agrees', { exact: true }).check();
      await page.getByLabel('Their comment (optional)').fill('Buy from the market traders.');
      await page.getByLabel('Anonymously').check();
      await clickAndWait(page, page.getByRole('button', { name: 'Enter the response' }));
      expect((await errorSummary(page)).map((e) => e.href)).toEqual(['#enteredHow']);
      await expectAccessible(page, 'l-assist-errors');
      await page.getByLabel('How it reached you').fill('Paper form at the library');
      await clickAndWait(page, page.getByRole('button', { name: 'Enter the response' }));
      expect(await successBanner(page)).toContain('marked as entered by staff');

      const main = page.locator('main');
      await clickAndWait(
        page,
        main.getByRole('link', { name: 'C1 Pay at least the Real Living Wage' }),
      );
      await expectAccessible(page, 'l-response');
      await clickAndWait(page, page.getByRole('button', { name: 'Approve and publish' }));
      expect(await successBanner(page)).toContain('approved');

      await visit(page, `${versionPath}/responses?show=pending`);
      await clickAndWait(page, main.getByRole('link', { name: 'C2 Spend locally' }).first());
      await clickAndWait(page, page.getByRole('button', { name: 'Hide it' }));
      expect((await errorSummary(page)).map((e) => e.href)).toEqual(['#hideReason']);
      await expectAccessible(page, 'l-hide-errors');
      await page.getByLabel('Reason for hiding it').fill('It named a member of staff.');
      await clickAndWait(page, page.getByRole('button', { name: 'Hide it' }));
      expect(await successBanner(page)).toContain('hidden');
      await visit(page, `${versionPath}/responses?show=pending`);
      await clickAndWait(page, main.getByRole('link', { name: 'C2 Spend locally' }).first());
      await clickAndWait(page, page.getByRole('button', { name: 'Approve and publish' }));
    });

    it('the lead closes the consultation, answers the suggestion and adopts the version', async () => {
      const lead = own.account('partnership-lead');
      const { page } = await suite.person(js);
      await signInAndExpectManage(page, lead.email, lead.password);
      await visit(page, versionPath);
      await clickAndWait(page, page.getByRole('button', { name: 'Close the consultation now' }));
      expect(await successBanner(page)).toContain('has been closed');
      expect(await page.locator('main').innerText()).toContain(
        'Answer the suggestion still waiting before adopting this version.',
      );
      await expectAccessible(page, 'l-version-closed');
      await clickAndWait(page, page.getByRole('link', { name: 'See the responses' }));
      await clickAndWait(
        page,
        page.getByRole('link', { name: 'Suggestions waiting for an answer' }),
      );
      await clickAndWait(
        page,
        page.locator('main').getByRole('link', { name: 'C1 Pay at least the Real Living Wage' }),
      );
      await clickAndWait(page, page.getByRole('button', { name: 'Publish the answer' }));
      expect((await errorSummary(page)).map((e) => e.href)).toEqual(['#kind', '#reason']);
      await expectAccessible(page, 'l-answer-errors');
      await page.getByLabel('Accepted', { exact: true }).check();
      await page
        .getByLabel('Reason, shown in public')
        .fill('Contracted staff are now named in C1.');
      await page.getByLabel('C1 Pay at least the Real Living Wage').check();
      await page.getByLabel('Indicators that will show progress (optional)').fill('W2');
      await clickAndWait(page, page.getByRole('button', { name: 'Publish the answer' }));
      expect(await successBanner(page)).toContain('You said, we did');

      await visit(page, versionPath);
      await clickAndWait(page, page.getByRole('button', { name: 'Adopt this version' }));
      expect(await heading(page)).toBe('Adopt version 1?');
      await expectAccessible(page, 'l-adopt');
      await clickAndWait(page, page.getByRole('button', { name: 'Adopt version 1' }));
      expect(await successBanner(page)).toContain('Version 1 has been adopted');
    });

    it('two organisations sign it, one with a pledge', async () => {
      const mvhLead = own.account('org-lead');
      for (const [who, org] of [
        [mvhLead, 'DEMO-MVH'],
        [rbcLead, 'DEMO-RBC'],
      ] as const) {
        const { page } = await suite.person(js);
        await signIn(page, who.email, who.password);
        await visit(page, `/manage/${own.slug}/organisations/${own.organisations[org]?.id ?? ''}`);
        await clickAndWait(
          page,
          page.getByRole('link', { name: 'The charter: signature and pledges' }),
        );
        await clickAndWait(page, page.getByRole('button', { name: 'Sign the charter' }));
        if (org === 'DEMO-MVH') await expectAccessible(page, 'l-sign');
        await page
          .getByLabel('Name of the person signing')
          .fill(org === 'DEMO-MVH' ? 'Dr Helen Marsh' : 'Cllr Tom Reid');
        await page
          .getByLabel('Their role')
          .fill(org === 'DEMO-MVH' ? 'Chief Executive' : 'Leader of the Council');
        await clickAndWait(
          page,
          page.getByRole('button', { name: 'Sign on behalf of the organisation' }),
        );
        expect(await successBanner(page)).toContain('has signed version 1 of the charter');
        if (org !== 'DEMO-MVH') continue;
        await clickAndWait(page, page.getByRole('button', { name: 'Add a pledge' }));
        await clickAndWait(page, page.getByRole('button', { name: 'Save the pledge' }));
        expect((await errorSummary(page)).map((e) => e.href)).toEqual([
          '#commitmentKey',
          '#pledge',
          '#targetText',
          '#dueOn-day',
        ]);
        await expectAccessible(page, 'l-pledge-errors');
        await page.getByLabel('The commitment it serves').selectOption('C1');
        await page
          .getByLabel('What the organisation pledges')
          .fill('Pay every contracted cleaner the Real Living Wage');
        await page.getByLabel('Target, in words').fill('All contracted cleaners');
        await page.getByLabel('Indicator that shows progress (optional)').fill('W2');
        await page.getByLabel('Figure to reach (if there is an indicator)').fill('100');
        await fillDate(page, 'Date it is due', '2027-03-31');
        await clickAndWait(page, page.getByRole('button', { name: 'Save the pledge' }));
        expect(await successBanner(page)).toContain('The pledge has been added');
        await expectAccessible(page, 'l-organisation-charter');
      }
    });

    it('the public sees the charter, its signatories and pledge, and every answer', async () => {
      const { page } = await suite.person(js);
      await visit(page, `/p/${own.slug}`);
      await clickAndWait(page, page.getByRole('link', { name: /Read the charter/ }));
      const text = await page.locator('main').innerText();
      expect(text).toContain('C1 Pay at least the Real Living Wage');
      expect(text).toContain('Dr Helen Marsh, Chief Executive');
      expect(text).toContain('Cllr Tom Reid, Leader of the Council');
      expect(text).toContain('Pay every contracted cleaner the Real Living Wage');
      await expectAccessible(page, 'l-public-charter');
      await clickAndWait(page, page.getByRole('link', { name: 'You said, we did' }));
      const said = await page.locator('main').innerText();
      expect(said).toContain('Contracted staff are now named in C1.');
      expect(said).not.toMatch(/@/);
      await expectAccessible(page, 'l-you-said-we-did');
      await visit(page, `/p/${own.slug}/charter/versions/1/consultation/C2`);
      const c2 = await page.locator('main').innerText();
      expect(c2).toContain('Hidden by a moderator: It named a member of staff.');
      expect(c2).not.toContain('Jo Bloggs');
      expect(c2).toContain('entered by staff');
      await expectAccessible(page, 'l-public-commitment');
    });
  });
}
