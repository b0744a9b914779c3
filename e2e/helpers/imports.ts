/** The import pages as a person uses them: choosing a file, and waiting for the result. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { clickAndWait } from './pages.js';
import { jsEnabledIn } from './server.js';

/** Chooses the file on an import page and sends it. */
export async function uploadFile(page: Page, name: string, body: Buffer): Promise<void> {
  await page
    .locator('main input[type="file"][name="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await clickAndWait(page, page.getByRole('button', { name: 'Upload and continue' }));
}

/**
 * Waits for the import's result. The progress page never reloads itself: with JavaScript it
 * follows the import in place and opens the result; without, the person presses "Check
 * progress" until the import has finished.
 */
export async function importFinished(page: Page): Promise<void> {
  const result = page.locator('main .nhsuk-panel, main .nhsuk-card--warning').first();
  if (jsEnabledIn(page.context())) {
    await result.waitFor({ timeout: 60_000 });
  } else {
    for (let presses = 0; !(await result.isVisible()); presses++) {
      if (presses > 120) throw new Error('The import had not finished after 120 checks');
      await page.waitForTimeout(500);
      await clickAndWait(page, page.getByRole('button', { name: 'Check progress' }));
    }
  }
  await page.waitForLoadState('load');
  expect(await page.locator('main .nhsuk-card--warning').count()).toBe(0);
}
