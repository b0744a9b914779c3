/**
 * The accessibility check run on every page the journeys visit: axe-core against WCAG 2.0, 2.1
 * and 2.2 A and AA. Serious and critical violations fail the test (unless listed, narrowly, in
 * known-issues.ts); lesser ones are kept for the summary printed at the end. Browser problems
 * (script errors, CSP refusals, failed styles) fail it too. A page that fails the check is saved
 * as a full-page screenshot in test-output/screenshots/<label>-<js|nojs>.png; with
 * E2E_SCREENSHOTS=1, every checked page is (for people to look at; it makes the run slower).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { jsEnabledIn } from './server.js';
import { isKnown } from './known-issues.js';
import { takeProblems } from './problems.js';

export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-output/screenshots/', import.meta.url),
);

/** E2E_SCREENSHOTS=1: a screenshot of every checked page, not only of those that fail. */
const SCREENSHOT_EVERY_PAGE = ['1', 'true'].includes(process.env.E2E_SCREENSHOTS ?? '');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface SeenViolation {
  /** The screenshot label and JavaScript setting, like c-partnership-new-js. */
  readonly page: string;
  readonly url: string;
  readonly rule: string;
  readonly impact: string;
  /** The CSS selector of the offending element. */
  readonly target: string;
}

/** Violations below 'serious' seen during the run (they do not fail a test). */
export const minorViolations: SeenViolation[] = [];

/** Known, reported violations seen during the run (see known-issues.ts). */
export const knownViolationsSeen: SeenViolation[] = [];

/** How many pages have been checked in this run. */
export const checkedPages: string[] = [];

function modeOf(page: Page): 'js' | 'nojs' {
  return jsEnabledIn(page.context()) === false ? 'nojs' : 'js';
}

export function screenshotPath(page: Page, label: string): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return path.join(SCREENSHOT_DIR, `${safe}-${modeOf(page)}.png`);
}

/**
 * The page's current HTML, with what has been typed, ticked and chosen written into it as
 * attributes, and without its scripts. Run as a string: the project has no DOM types.
 */
const SNAPSHOT = `(() => {
  const copy = document.documentElement.cloneNode(true);
  const fields = document.documentElement.querySelectorAll('input, textarea, select');
  const copies = copy.querySelectorAll('input, textarea, select');
  fields.forEach((field, i) => {
    const c = copies[i];
    if (field.tagName === 'INPUT') {
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked) c.setAttribute('checked', ''); else c.removeAttribute('checked');
      } else if (field.type !== 'file') {
        c.setAttribute('value', field.value);
      }
    } else if (field.tagName === 'TEXTAREA') {
      c.textContent = field.value;
    } else {
      Array.from(field.options).forEach((o, j) => {
        if (o.selected) c.options[j].setAttribute('selected', '');
        else c.options[j].removeAttribute('selected');
      });
    }
  });
  copy.querySelectorAll('script').forEach((s) => s.remove());
  return '<!DOCTYPE html>\\n' + copy.outerHTML;
})()`;

/**
 * axe-core needs JavaScript (its checks wait on timers, which never fire in a page where
 * JavaScript is off). So for a page without JavaScript, axe checks an exact copy of it (its
 * current HTML and form state, without scripts, on the same address so the same stylesheet
 * loads) in a separate page where axe itself can run.
 */
async function analyzeCopyOf(page: Page, within?: string) {
  const html = await page.evaluate<string>(SNAPSHOT);
  const copier = await copierFor(page);
  const address = page.url().split('#')[0] ?? page.url();
  copier.next = { address, html };
  await copier.page.goto(address);
  if (copier.next) throw new Error(`The copy of ${address} was not served`);
  return builder(copier.page, within).analyze();
}

function builder(page: Page, within?: string): AxeBuilder {
  const axe = new AxeBuilder({ page }).withTags(TAGS);
  return within ? axe.include(within) : axe;
}

interface Copier {
  readonly page: Page;
  /** The copy to serve at the next navigation to that address. */
  next?: { address: string; html: string };
}

/** One page with JavaScript on per browser and window size, where the copies are checked. */
const copiers = new WeakMap<Browser, Map<string, Promise<Copier>>>();

function copierFor(page: Page): Promise<Copier> {
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser');
  const viewport = page.viewportSize() ?? { width: 1024, height: 800 };
  const key = `${viewport.width}x${viewport.height}`;
  let byViewport = copiers.get(browser);
  if (!byViewport) {
    byViewport = new Map<string, Promise<Copier>>();
    copiers.set(browser, byViewport);
  }
  let copier = byViewport.get(key);
  if (!copier) {
    copier = (async () => {
      const context = await browser.newContext({
        javaScriptEnabled: true,
        viewport,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      const made: Copier = { page: await context.newPage() };
      // The copied document comes from here; its stylesheet and images from the server.
      await made.page.route('**/*', async (route) => {
        const request = route.request();
        const next = made.next;
        if (request.isNavigationRequest() && next && request.url() === next.address) {
          made.next = undefined;
          await route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: next.html,
          });
        } else {
          await route.continue();
        }
      });
      return made;
    })();
    byViewport.set(key, copier);
  }
  return copier;
}

export interface AccessibilityOptions {
  /** Fail on known violations too (for the tests that check a known problem is still there). */
  readonly strict?: boolean;
  /**
   * Check only this part of the page (a CSS selector), and take the screenshot of it alone: for
   * very long pages, such as dashboards, where a journey is about one part.
   */
  readonly within?: string;
}

export async function expectAccessible(
  page: Page,
  label: string,
  options: AccessibilityOptions = {},
): Promise<void> {
  await page.waitForLoadState('load');
  const mode = modeOf(page);
  // With JavaScript on, NHS.UK frontend marks the body when it can run: if this is missing, the
  // inline script was blocked (for example by the Content Security Policy).
  if (mode === 'js') {
    await expect
      .poll(() =>
        page.evaluate<boolean>("document.body.classList.contains('nhsuk-frontend-supported')"),
      )
      .toBe(true);
  }

  const results =
    mode === 'js'
      ? await builder(page, options.within).analyze()
      : await analyzeCopyOf(page, options.within);
  const url = page.url();
  const where = `${label}-${mode}`;
  checkedPages.push(where);
  const failing: string[] = [];
  for (const v of results.violations) {
    const impact = v.impact ?? 'unknown';
    for (const node of v.nodes) {
      const target = node.target.map(String).join(' ');
      const known = options.strict ? undefined : isKnown(v.id, mode, node.html);
      if (known) {
        knownViolationsSeen.push({ page: where, url, rule: v.id, impact, target });
      } else if (FAILING_IMPACTS.has(impact)) {
        const summary = (node.failureSummary ?? '').split('\n').join('\n      ');
        failing.push(`  ${v.id} (${impact}): ${v.help}\n    ${target}\n      ${summary}`);
      } else {
        minorViolations.push({ page: where, url, rule: v.id, impact, target });
      }
    }
  }
  const problems = takeProblems(page);
  if (failing.length || problems.length || SCREENSHOT_EVERY_PAGE) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    if (options.within) {
      await page.locator(options.within).screenshot({ path: screenshotPath(page, label) });
    } else {
      await page.screenshot({ path: screenshotPath(page, label), fullPage: true });
    }
  }
  expect(
    failing,
    `Serious or critical accessibility violations on "${label}" (${mode}) at ${url}:\n${failing.join('\n')}`,
  ).toEqual([]);
  expect(problems, `Browser problems on "${label}" (${mode}) at ${url}`).toEqual([]);
}
