/**
 * e. Forgotten password: the same answer for known and unknown addresses, a link by email, a new
 *    password that works (and the old one that no longer does).
 * f. Two-step sign in with an authenticator app's code.
 */
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
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
  signOut,
  successBanner,
  summaryValue,
  unique,
  visit,
} from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

interface Person {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

function newPerson(kind: string): Person {
  const id = unique();
  return {
    name: `${kind} Person ${id}`,
    email: `${kind.toLowerCase()}-${id}@e2e.anchorage.example`,
    password: `${kind.toLowerCase()}-password-${id}`,
  };
}

/**
 * The partnership lead invites someone to the whole partnership (as a reviewer or moderator) and
 * they accept in a new browser. Returns their page, signed in.
 */
async function invitedTo(
  own: OwnPartnership,
  suite: Suite,
  js: boolean,
  person: Person,
  role: 'Reviewer' | 'Moderator',
  check?: string,
): Promise<Page> {
  const lead = own.account('partnership-lead');
  const { page: leadPage } = await suite.person(js);
  await signIn(leadPage, lead.email, lead.password);
  await visit(leadPage, `/manage/${own.slug}/people`);
  await clickAndWait(
    leadPage,
    leadPage.getByRole('button', { name: 'Invite a partnership lead, reviewer or moderator' }),
  );
  expect(pathOf(leadPage)).toBe(`/manage/${own.slug}/people/invite`);
  await sendInvitation(leadPage, { ...person, role }, check ? { check } : {});
  await leadPage.context().close();

  const mail = await readNewestMail(await suite.admin(js), person.email, {
    subject: 'You have been invited',
  });
  const { page } = await suite.person(js);
  await acceptInvitation(page, mail.localLink, person);
  expect(pathOf(page)).toBe(`/manage/${own.slug}`);
  return page;
}

export function passwordJourneys(suite: Suite, js: boolean) {
  describe('e. forgotten password', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Password Anchor Network' });
    });

    it('asks by email, gives the same answer for unknown addresses, and sets a new password', async () => {
      const person = newPerson('Reviewer');
      const invited = await invitedTo(own, suite, js, person, 'Reviewer', 'e-invite-reviewer');
      await invited.context().close();

      const { page } = await suite.person(js);
      await visit(page, '/sign-in');
      await clickAndWait(page, page.getByRole('link', { name: 'I have forgotten my password' }));
      expect(pathOf(page)).toBe('/forgot-password');
      expect(await heading(page)).toBe('Reset your password');
      await expectAccessible(page, 'e-forgot');

      await clickAndWait(page, page.getByRole('button', { name: 'Send the link' }));
      expect(await errorSummary(page)).toEqual([
        { text: 'Enter your email address', href: '#email' },
      ]);
      await expectAccessible(page, 'e-forgot-empty');

      const answers: string[] = [];
      const unknown = `nobody-${unique()}@e2e.anchorage.example`;
      for (const email of [person.email, unknown, own.account('viewer').email]) {
        await visit(page, '/forgot-password');
        await page.getByLabel('Email address').fill(email);
        await clickAndWait(page, page.getByRole('button', { name: 'Send the link' }));
        expect(pathOf(page)).toBe('/forgot-password/sent');
        expect(await heading(page)).toBe('Check your email');
        answers.push(await page.locator('main').innerText());
      }
      expect(answers[1]).toBe(answers[0]);
      expect(answers[2]).toBe(answers[0]);
      await expectAccessible(page, 'e-forgot-sent');

      const admin = await suite.admin(js);
      const mail = await readNewestMail(admin, person.email, {
        subject: 'Reset your Anchorage password',
        check: 'e-reset',
      });
      expect(new URL(mail.link).pathname).toMatch(/^\/reset-password\/[^/]+$/);
      // Nothing was sent to the unknown address.
      await visit(admin, '/admin/outbox');
      expect(await admin.locator('main table tbody tr', { hasText: unknown }).count()).toBe(0);

      expect(await visit(page, mail.localLink)).toBe(200);
      expect(await heading(page)).toBe('Choose a new password');
      await expectAccessible(page, 'e-reset-form');
      const newPassword = `new-${person.password}`;
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page
        .getByLabel('Confirm the new password', { exact: true })
        .fill('something-else-entirely');
      await clickAndWait(page, page.getByRole('button', { name: 'Save password' }));
      expect(await errorSummary(page)).toEqual([
        { text: 'The passwords do not match', href: '#confirmPassword' },
      ]);
      await expectAccessible(page, 'e-reset-mismatch');

      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('Confirm the new password', { exact: true }).fill('short');
      await clickAndWait(page, page.getByRole('button', { name: 'Save password' }));
      expect(await errorSummary(page)).toEqual([
        { text: 'Your password must be at least 12 characters', href: '#password' },
      ]);

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm the new password', { exact: true }).fill(newPassword);
      await clickAndWait(page, page.getByRole('button', { name: 'Save password' }));
      expect(await page.locator('main .nhsuk-panel').innerText()).toContain(
        'Your password has been changed',
      );
      await expectAccessible(page, 'e-password-changed');

      // The link is used up.
      expect(await visit(page, mail.localLink)).toBe(404);
      expect(await heading(page)).toBe('This link has expired');
      await expectAccessible(page, 'e-reset-link-used');

      // The old password no longer works; the new one does.
      await signIn(page, person.email, person.password);
      expect(pathOf(page)).toBe('/sign-in');
      expect((await errorSummary(page)).map((e) => e.text)).toEqual([
        'Enter a correct email address and password',
      ]);
      await page.getByLabel('Password', { exact: true }).fill(newPassword);
      await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
      expect(pathOf(page)).toBe('/manage');
      expect(await headerAccount(page)).toEqual([person.name, 'Sign out']);
    });
  });

  describe('f. two-step sign in', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Two Step Anchor Network' });
    });

    it('turns on two-step sign in, then asks for the code when signing in', async () => {
      const person = newPerson('Moderator');
      const page = await invitedTo(own, suite, js, person, 'Moderator');

      await visit(page, '/account');
      expect(await summaryValue(page, 'Two-step sign in')).toMatch(/^Off/);
      await visit(page, '/account/second-factor');
      expect(await heading(page)).toBe('Set up two-step sign in');
      const key = (await page.locator('main .app-code').innerText()).trim();
      expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
      const totp = new TOTP({
        secret: Secret.fromBase32(key.replace(/\s/g, '')),
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
      });
      await expectAccessible(page, 'f-second-factor-setup');

      // A wrong code first.
      await page.getByLabel('6-digit code').fill(wrongCode(totp));
      await clickAndWait(page, page.getByRole('button', { name: 'Turn on two-step sign in' }));
      expect(await errorSummary(page)).toEqual([
        {
          text: 'The code is not right. Enter the latest 6-digit code from your app',
          href: '#otp',
        },
      ]);
      // The key stays the same, so the app already set up still works.
      expect((await page.locator('main .app-code').innerText()).trim()).toBe(key);
      await expectAccessible(page, 'f-second-factor-setup-wrong');

      const usedAt = Date.now();
      await page.getByLabel('6-digit code').fill(totp.generate({ timestamp: usedAt }));
      await clickAndWait(page, page.getByRole('button', { name: 'Turn on two-step sign in' }));
      expect(pathOf(page)).toBe('/account');
      expect(await successBanner(page)).toContain('Two-step sign in is on.');
      expect(await summaryValue(page, 'Two-step sign in')).toMatch(/^On/);
      await expectAccessible(page, 'f-second-factor-on');

      await signOut(page);
      await signIn(page, person.email, person.password);
      expect(pathOf(page)).toBe('/sign-in/code');
      expect(await heading(page)).toBe('Enter your security code');
      // Not signed in yet.
      expect(await headerAccount(page)).toEqual(['Sign in']);
      await expectAccessible(page, 'f-code');

      await page.getByLabel('Enter your security code').fill(wrongCode(totp));
      await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
      expect(pathOf(page)).toBe('/sign-in/code');
      expect(await errorSummary(page)).toEqual([
        {
          text: 'The code is not right or has expired. Enter the latest code from your app',
          href: '#otp',
        },
      ]);
      await expectAccessible(page, 'f-code-wrong');

      // The code used to turn it on cannot be used again: take the next period's code
      // (accepted a period early) unless time has moved on since.
      const step = Math.max(stepOf(usedAt) + 1, stepOf(Date.now()));
      await page
        .getByLabel('Enter your security code')
        .fill(totp.generate({ timestamp: step * 30_000 }));
      await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
      expect(pathOf(page)).toBe('/manage');
      expect(await headerAccount(page)).toEqual([person.name, 'Sign out']);
    });
  });
}

function stepOf(timestamp: number): number {
  return Math.floor(timestamp / 30_000);
}

/** A 6-digit code that is not the right one for any period near now. */
function wrongCode(totp: TOTP): string {
  const now = stepOf(Date.now());
  const near = new Set(
    [-2, -1, 0, 1, 2, 3].map((d) => totp.generate({ timestamp: (now + d) * 30_000 })),
  );
  for (let n = 0; ; n++) {
    const candidate = String((123_456 + n * 111_111) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}
