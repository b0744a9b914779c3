/**
 * n. A resident with the keyboard only, at 400% zoom (a 1280 × 1024 screen is then 320 × 256 CSS
 * pixels), finds from the partnership's public page: what it promised (the charter), whether it
 * is on track (a published year's figures), what their own hospital did (its organisation page)
 * and what happened to the priorities people raised (the answered priority). Every step is Tab
 * and Enter, nothing is clicked; the link reached has a visible focus indicator; no page scrolls
 * sideways; each page state is checked with axe.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { charterInEveryState } from '../helpers/charter.js';
import { FIXTURE_ACTOR, ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import { heading, pageWidth, pathOf, visit } from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

const ZOOMED = { width: 320, height: 256 };
const HOSPITAL = 'Mersey Valley Hospitals NHS Foundation Trust';

/**
 * The focused element if it is a link: its text, and whether its focus shows (NHS.UK focus is a
 * yellow background with a thick underline drawn as a box-shadow, or an outline).
 */
const FOCUSED_LINK = `(() => {
  const el = document.activeElement;
  if (!el || el.tagName !== 'A') return null;
  const style = getComputedStyle(el);
  return {
    text: (el.textContent || '').replace(/\\s+/g, ' ').trim(),
    visible: style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px'),
  };
})()`;

/**
 * How many presses of Tab from the focused element reach the first link whose text matches the
 * pattern (in document order, as the pages set no tabindex above 0), or -1.
 */
const TABS_TO = (source: string) => `(() => {
  const pattern = new RegExp(${JSON.stringify(source)});
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0);
  const from = all.indexOf(document.activeElement);
  const to = all.findIndex((el, i) => i > from && el.tagName === 'A' && pattern.test((el.textContent || '').replace(/\\s+/g, ' ').trim()));
  return to < 0 ? -1 : to - from;
})()`;

/** Presses Tab until the focused element is a link whose text matches, and returns its text. */
async function tabTo(page: Page, name: RegExp): Promise<string> {
  const presses = await page.evaluate<number>(TABS_TO(name.source));
  expect(presses, `a link matching ${String(name)} on ${pathOf(page)}`).toBeGreaterThan(0);
  for (let i = 0; i < presses; i++) await page.keyboard.press('Tab');
  const focused = await page.evaluate<{ text: string; visible: boolean } | null>(FOCUSED_LINK);
  expect(focused?.text, 'the link Tab reached').toMatch(name);
  expect(focused?.visible, `focus on “${focused?.text}” is visible`).toBe(true);
  return focused?.text ?? '';
}

/** Follows the focused link with Enter and waits for the new page. */
async function enter(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await page.keyboard.press('Enter');
  await navigated;
  await page.waitForLoadState('load');
}

async function follow(page: Page, name: RegExp): Promise<void> {
  await tabTo(page, name);
  await enter(page);
  expect(await pageWidth(page), `${pathOf(page)} scrolls sideways at 320 px`).toBeLessThanOrEqual(
    ZOOMED.width,
  );
}

export function keyboardJourney(suite: Suite, js: boolean) {
  describe('n. a resident with the keyboard only, at 400% zoom', () => {
    let own: OwnPartnership;
    let yearLabel = '';

    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Keyboard Anchor Network', returns: true });
      const hospital = own.organisations['DEMO-MVH'];
      if (!hospital) throw new Error('The journey’s partnership has no hospital');
      await charterInEveryState(suite.deps, own, hospital.id);
      const [latest] = await suite.deps.publishing.years(own.partnership.id);
      if (!latest) throw new Error('The journey’s partnership has no year');
      yearLabel = latest.period.label;
      await suite.deps.publishing.publish(
        own.partnership.id,
        latest.period.fy_start_year,
        FIXTURE_ACTOR,
        null,
      );
    }, 120_000);

    it('finds the promises, whether they are on track, their hospital’s figures and the answers to priorities', async () => {
      const { page } = await suite.person(js, { viewport: ZOOMED });
      const home = `/p/${own.slug}`;
      expect(await visit(page, home)).toBe(200);
      expect(await pageWidth(page)).toBeLessThanOrEqual(ZOOMED.width);
      await expectAccessible(page, 'n-home-zoomed');

      // The skip link is the first stop, and the next Tab after it is in the main content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.textContent.trim()')).toContain(
        'Skip to main content',
      );
      // The skip link moves focus to main: by the address's hash without JavaScript, by the
      // design system's script with it (which may do so a moment after the key press).
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        "location.hash === '#maincontent' || document.activeElement?.id === 'maincontent'",
        undefined,
        { timeout: 5_000 },
      );
      await page.keyboard.press('Tab');
      expect(await page.evaluate<boolean>("!!document.activeElement.closest('main')")).toBe(true);

      // What the partnership promised.
      await follow(page, /^Read the charter/);
      expect(await page.locator('main').innerText()).toContain(
        'Pay at least the Real Living Wage to everyone',
      );
      await expectAccessible(page, 'n-charter-zoomed');

      // Whether it is on track.
      await visit(page, home);
      await follow(page, new RegExp(`^Figures for ${yearLabel.replace('/', '\\/')}$`));
      expect(await heading(page)).toBe(`Figures for ${yearLabel}`);
      expect(await page.locator('main').innerText()).toMatch(
        /On track|At risk|Off track|No target/,
      );
      await expectAccessible(page, 'n-year-zoomed');

      // What their own hospital did.
      await visit(page, home);
      await follow(page, new RegExp(`^${HOSPITAL}$`));
      expect(await heading(page)).toContain(HOSPITAL);
      await expectAccessible(page, 'n-organisation-zoomed');

      // What happened to the priorities people raised.
      await visit(page, home);
      await follow(page, /^Local priorities/);
      await follow(page, /^Apprenticeships for school leavers/);
      expect(await page.locator('main').innerText()).toContain(
        'The members will offer apprenticeships in facilities management from next year.',
      );
      await expectAccessible(page, 'n-priority-zoomed');
    });
  });
}
