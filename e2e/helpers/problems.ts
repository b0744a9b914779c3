/**
 * What went wrong in the browser while a page was open: uncaught script errors, console errors
 * (Content Security Policy refusals show up there) and sub-resources (styles, scripts, images)
 * that failed to load or answered with an error status. The document itself may answer 4xx on
 * purpose (a 404 page, a form with errors), so its own status is not a problem here.
 */
import type { Page } from 'playwright-core';

const problemsByPage = new WeakMap<Page, string[]>();

export function watchPage(page: Page): void {
  if (problemsByPage.has(page)) return;
  const problems: string[] = [];
  problemsByPage.set(page, problems);
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Chromium logs every 4xx/5xx answer, including the document's own, as "Failed to load
    // resource"; sub-resources are checked below through their responses instead.
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`console error: ${text}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation that is replaced by the next one is aborted, which is not a problem.
    if (request.resourceType() === 'document') return;
    // Sub-resources still loading when the next page is asked for are cancelled: not a problem.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() === 'document') return;
    if (response.status() >= 400) {
      problems.push(`${response.status()} for ${request.resourceType()} ${response.url()}`);
    }
  });
}

/** The problems seen on the page since the last call, and forgets them. */
export function takeProblems(page: Page): string[] {
  const problems = problemsByPage.get(page);
  if (!problems) return [];
  return problems.splice(0, problems.length);
}
