/** Steps the returns, framework and spend journeys share: finding an organisation's pages and its open return. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { clickAndWait, heading, visit } from './pages.js';

export const MVH = 'Mersey Valley Hospitals NHS Foundation Trust';

/** From the partnership overview, opens the list of the organisation's returns. */
export async function openReturnsList(page: Page, slug: string, organisation = MVH): Promise<void> {
  await visit(page, `/manage/${slug}`);
  await clickAndWait(
    page,
    page.locator('main').getByRole('link', { name: `Returns for ${organisation}`, exact: true }),
  );
  expect(await heading(page)).toBe(`Returns for ${organisation}`);
}

/**
 * From the list of an organisation's returns, opens the newest one that can still be changed
 * (a draft, or one returned with queries). Returns its period's label.
 */
export async function openEditableReturn(page: Page): Promise<string> {
  const row = page
    .locator('main table tbody tr')
    .filter({
      has: page.locator('.nhsuk-tag', { hasText: /^(In progress|Returned with queries)$/ }),
    })
    .first();
  const link = row.getByRole('link');
  const label = (await link.innerText()).trim();
  await clickAndWait(page, link);
  expect(await heading(page)).toBe(`${label} return`);
  return label;
}

/** The task for a pillar in the return's task list. */
export function task(page: Page, title: string): Locator {
  return page
    .locator('main .nhsuk-task-list__item')
    .filter({ has: page.locator('.nhsuk-task-list__name-and-hint', { hasText: title }) });
}

/** The status shown against a pillar in the return's task list. */
export async function taskStatus(page: Page, title: string): Promise<string> {
  return (await task(page, title).locator('.nhsuk-task-list__status').innerText()).trim();
}

/** The text input fields of a form, with their labels (without the currency prefix or units). */
export async function numberFields(page: Page): Promise<{ id: string; label: string }[]> {
  const inputs = page.locator('main form input.nhsuk-input');
  const out: { id: string; label: string }[] = [];
  for (const input of await inputs.all()) {
    const id = (await input.getAttribute('id')) ?? '';
    const label = (await page.locator(`label[for="${id}"]`).innerText()).trim();
    out.push({ id, label });
  }
  return out;
}
