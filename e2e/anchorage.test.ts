/**
 * The browser suite: one real server (fresh database) and one Chromium for the whole file; every
 * journey makes its own data (its own partnership, people and returns: helpers/fixtures.ts), so
 * the journeys can run in any order. Each runs with JavaScript on and again with it off, and every
 * page it visits is checked with axe-core. When a test fails, the pages still open are saved as
 * screenshots in test-output/screenshots.
 */
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { checkedPages, knownViolationsSeen, minorViolations } from './helpers/axe.js';
import { Suite } from './helpers/suite.js';
import { publicShellJourney } from './journeys/public-shell.js';
import { partnershipJourney } from './journeys/partnership.js';
import { passwordJourneys } from './journeys/passwords.js';
import { signInJourney } from './journeys/sign-in.js';
import { customIndicatorJourney } from './journeys/custom-indicator.js';
import { returnsJourney } from './journeys/returns.js';
import { spendJourney } from './journeys/spend.js';
import { todoJourney } from './journeys/todo.js';
import { reflowJourney } from './journeys/reflow.js';
import { registersJourney } from './journeys/registers.js';
import { livingWageJourney } from './journeys/living-wage.js';
import { workforceEnvironmentJourney } from './journeys/workforce-environment.js';
import { charterJourney } from './journeys/charter.js';
import { publishingJourney } from './journeys/publishing.js';
import { keyboardJourney } from './journeys/keyboard.js';
import { apiTokensJourney } from './journeys/api-tokens.js';

const suite = new Suite();

beforeAll(async () => {
  await suite.start();
});

afterAll(async () => {
  await suite.stop();
  console.log(`Checked ${checkedPages.length} pages with axe-core.`);
  const list = (title: string, seen: typeof minorViolations) => {
    if (!seen.length) return;
    console.log(title);
    for (const v of seen)
      console.log(`  ${v.page} ${v.url}: ${v.rule} (${v.impact}) at ${v.target}`);
  };
  list(
    'Known, reported accessibility violations (allowed, see e2e/helpers/known-issues.ts):',
    knownViolationsSeen,
  );
  list('Moderate or minor accessibility findings (these do not fail the suite):', minorViolations);
});

describe.each([
  { js: true, mode: 'JavaScript on' },
  { js: false, mode: 'JavaScript off' },
])('with $mode', ({ js }) => {
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await suite.screenshotOpenPages(task.name);
    await suite.closePeople();
  });

  publicShellJourney(suite, js);
  signInJourney(suite, js);
  partnershipJourney(suite, js);
  passwordJourneys(suite, js);
  customIndicatorJourney(suite, js);
  returnsJourney(suite, js);
  spendJourney(suite, js);
  todoJourney(suite, js);
  registersJourney(suite, js);
  livingWageJourney(suite, js);
  workforceEnvironmentJourney(suite, js);
  charterJourney(suite, js);
  publishingJourney(suite, js);
  keyboardJourney(suite, js);
  apiTokensJourney(suite, js);
});

// Once, with JavaScript off: every page of the route table at 320 px (reflow, WCAG 1.4.10).
describe('at 320 px', () => {
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await suite.screenshotOpenPages(task.name);
    await suite.closePeople();
  });
  reflowJourney(suite);
});
