/**
 * What to do next: each role lands after signing in on its own to-do list, and each item's one
 * action leads to the page where the work is done (in the journey's own partnership, with the
 * demo's reporting history).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/axe.js';
import { ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import { clickAndWait, heading, pathOf, signIn } from '../helpers/pages.js';
import type { Suite } from '../helpers/suite.js';

export function todoJourney(suite: Suite, js: boolean) {
  describe('h. what to do next', () => {
    let own: OwnPartnership;
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'To Do Anchor Network', returns: true });
    });

    it('a data contributor lands on their to-do list and its first action opens the return', async () => {
      const account = own.account('contributor');
      const { page } = await suite.person(js);
      await signIn(page, account.email, account.password);
      expect(pathOf(page)).toBe('/manage');
      const list = page.locator('.app-todo');
      await expect.poll(() => list.count()).toBe(1);
      await expectAccessible(page, 'h-todo-contributor');
      const first = list.locator('.nhsuk-action-link a, a.nhsuk-action-link').first();
      const action = ((await first.textContent()) ?? '').trim();
      expect([
        'Start the return',
        'Continue the return',
        'Send the return for review',
        'Answer the reviewer',
        'Add postcodes and types',
      ]).toContain(action);
      await clickAndWait(page, first);
      expect(pathOf(page)).toMatch(new RegExp(`^/manage/${own.slug}/`));
      expect(await heading(page)).not.toBe('Your partnerships');
    });

    it('a reviewer lands on the returns waiting for review, and the partnership lead on the open queries', async () => {
      const reviewer = own.account('reviewer');
      const r = await suite.person(js);
      await signIn(r.page, reviewer.email, reviewer.password);
      const review = r.page.locator('.app-todo a', { hasText: 'Review the return' }).first();
      await clickAndWait(r.page, review);
      expect(pathOf(r.page)).toMatch(/\/review$/);

      const lead = own.account('partnership-lead');
      const l = await suite.person(js);
      await signIn(l.page, lead.email, lead.password);
      await clickAndWait(l.page, l.page.getByRole('link', { name: own.name }));
      await expectAccessible(l.page, 'h-todo-partnership-lead');
      const queries = l.page.locator('.app-todo a', { hasText: 'See the open queries' });
      if (await queries.count()) {
        await clickAndWait(l.page, queries.first());
        expect(await heading(l.page)).toBe('Open queries');
        await expectAccessible(l.page, 'h-open-queries');
      }
    });
  });
}
