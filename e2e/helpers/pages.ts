/** Small steps the journeys share: opening pages, signing in and out, reading the mail outbox. */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './axe.js';
import { watchPage } from './problems.js';

/** Unique per call and per run: for emails, slugs and names that must not clash. */
export function unique(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A page in the context, watched for script errors and failed sub-resources. */
export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watchPage(page);
  return page;
}

/** Clicks something that loads a new page (a link, or a button that submits a form), and waits for that page. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Goes to a path on the server and returns the HTTP status of the page. */
export async function visit(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  if (!response) throw new Error(`No response for ${path}`);
  return response.status();
}

export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname;
}

/** The page's main heading. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('main h1').first().innerText()).trim();
}

/** The text of the success banner shown after an action. */
export async function successBanner(page: Page): Promise<string> {
  const banner = page.locator('.nhsuk-notification-banner--success');
  await banner.waitFor();
  return (await banner.innerText()).replace(/\s+/g, ' ').trim();
}

/** The items of the error summary ("There is a problem"), as text and link target. */
export async function errorSummary(page: Page): Promise<{ text: string; href: string }[]> {
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  expect((await summary.locator('h2').innerText()).trim()).toBe('There is a problem');
  const links = summary.locator('.nhsuk-error-summary__list a');
  const out: { text: string; href: string }[] = [];
  for (const link of await links.all()) {
    out.push({
      text: (await link.innerText()).trim(),
      href: (await link.getAttribute('href')) ?? '',
    });
  }
  return out;
}

/** The links in the header's navigation (moved into the "More" menu or not). */
export async function headerNavigation(page: Page): Promise<string[]> {
  const texts = await page.locator('header .nhsuk-header__navigation-list a').allTextContents();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** What the header's account area shows: the signed-in person's name and "Sign out", or "Sign in". */
export async function headerAccount(page: Page): Promise<string[]> {
  const texts = await page.locator('header .nhsuk-header__account-item').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

export interface SignInOptions {
  /** Run the accessibility check on the sign-in page under this label. */
  readonly check?: string;
}

/** Fills in and sends the sign-in form. Where it lands is for the caller to check. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  options: SignInOptions = {},
): Promise<void> {
  await visit(page, '/sign-in');
  if (pathOf(page) !== '/sign-in') throw new Error(`Already signed in: at ${page.url()}`);
  if (options.check) await expectAccessible(page, options.check);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
}

/** Signs in and expects to land on the staff area. */
export async function signInAndExpectManage(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  expect(pathOf(page)).toBe('/manage');
}

/** Signs out with the header's "Sign out" button and expects the signed-out page. */
export async function signOut(page: Page, options: { check?: string } = {}): Promise<void> {
  await clickAndWait(page, page.locator('header').getByRole('button', { name: 'Sign out' }));
  expect(pathOf(page)).toBe('/signed-out');
  expect(await heading(page)).toBe('You have signed out');
  if (options.check) await expectAccessible(page, options.check);
}

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** The first http(s) link in the body, as the email has it. */
  readonly link: string;
  /** The same link on the server under test (the path of the link, on its origin). */
  readonly localLink: string;
}

/**
 * As the platform admin (already signed in on this page): opens the mail outbox, the newest
 * message to the address (and whose subject contains `subject`, if given), and reads its body.
 */
export async function readNewestMail(
  adminPage: Page,
  to: string,
  options: { subject?: string; check?: string } = {},
): Promise<Mail> {
  const status = await visit(adminPage, '/admin/outbox');
  expect(status).toBe(200);
  expect(await heading(adminPage)).toBe('Mail outbox');
  if (options.check) await expectAccessible(adminPage, `${options.check}-outbox`);
  // Newest first: the first matching row is the newest message.
  let rows = adminPage.locator('main table tbody tr').filter({
    has: adminPage.locator('td', { hasText: to }),
  });
  if (options.subject) rows = rows.filter({ hasText: options.subject });
  const row = rows.first();
  await row.waitFor();
  await clickAndWait(adminPage, row.getByRole('link'));
  const subject = await heading(adminPage);
  const body = (await adminPage.locator('main .app-audit-detail').innerText()).trim();
  if (options.check) await expectAccessible(adminPage, `${options.check}-outbox-message`);
  const link = /https?:\/\/[^\s<>"]+/.exec(body)?.[0];
  if (!link) throw new Error(`No link in the email "${subject}" to ${to}:\n${body}`);
  const parsed = new URL(link);
  const localLink = new URL(`${parsed.pathname}${parsed.search}`, adminPage.url()).toString();
  return { to, subject, body, link, localLink };
}

/** The value shown against a key in a summary list on the page. */
export async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page
    .locator('main .nhsuk-summary-list__row')
    .filter({ has: page.locator('.nhsuk-summary-list__key', { hasText: key }) })
    .first();
  return (await row.locator('.nhsuk-summary-list__value').innerText()).replace(/\s+/g, ' ').trim();
}

/** The page is laid out by the NHS.UK design system's stylesheet: its blue header, its footer. */
export async function expectNhsStyled(page: Page): Promise<void> {
  const header = page.locator('header.nhsuk-header');
  await header.waitFor();
  expect(
    await page.evaluate<string>(
      "getComputedStyle(document.querySelector('header.nhsuk-header')).backgroundColor",
    ),
  ).toBe('rgb(0, 94, 184)');
  expect(await page.locator('footer.nhsuk-footer').count()).toBe(1);
  expect(await page.locator('a.nhsuk-skip-link').getAttribute('href')).toBe('#maincontent');
}

/** The width of the whole page: more than the window's means it scrolls sideways. */
export async function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * Opens an invitation link (in a context where nobody is signed in), sets the name and password,
 * and accepts. Expects to land on the partnership's staff area.
 */
export async function acceptInvitation(
  page: Page,
  link: string,
  person: { name: string; password: string },
  options: { check?: string } = {},
): Promise<void> {
  expect(await visit(page, link)).toBe(200);
  expect(await heading(page)).toMatch(/^Join /);
  if (options.check) await expectAccessible(page, options.check);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('New password', { exact: true }).fill(person.password);
  await page.getByLabel('Confirm the new password', { exact: true }).fill(person.password);
  await clickAndWait(page, page.getByRole('button', { name: 'Create account and accept' }));
  expect(pathOf(page)).toMatch(/^\/manage\/[a-z0-9-]+$/);
  expect(await headerAccount(page)).toEqual([person.name, 'Sign out']);
}

/** Fills in the invitation form (already open) and sends it. */
export async function sendInvitation(
  page: Page,
  person: { name: string; email: string; role: string; pillars?: string[] },
  options: { check?: string } = {},
): Promise<void> {
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Work email address').fill(person.email);
  await page.getByRole('radio', { name: person.role, exact: true }).check();
  for (const pillar of person.pillars ?? []) {
    await page.getByRole('checkbox', { name: pillar, exact: true }).check();
  }
  if (options.check) await expectAccessible(page, options.check);
  await clickAndWait(page, page.getByRole('button', { name: 'Send invitation' }));
  expect(await successBanner(page)).toContain(
    `An invitation has been emailed to ${person.email}. It works for 7 days.`,
  );
}
