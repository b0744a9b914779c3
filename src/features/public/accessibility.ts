/**
 * The accessibility statement (the Public Sector Bodies Accessibility Regulations 2018, in the
 * shape of GOV.UK's model statement), built from what this deployment is configured with and
 * what is known about the service: its operator and contact address come from configuration and
 * are never made up; the compliance status follows from the list of known problems, so the
 * statement cannot say "partially compliant" and then that nothing fails, or the other way round.
 */
import type { Config } from '../../config.js';
import { formatDate } from '../../core/dates.js';

/**
 * When the service was last tested against WCAG 2.2 AA, and how. Change it when the tests
 * below are run again on a release, with what they found added to knownProblems.
 */
export const LAST_TESTED = {
  on: '2026-12-02',
  how: 'by the Anchorage development team in Chromium: the pages the browser tests visit checked with the axe-core accessibility engine with JavaScript on and off, every page the service can show without a form being sent checked for sideways scrolling at 320 pixels wide, and the main journeys (signing in, making and reviewing a return, importing spend) followed at 360 pixels wide with JavaScript turned off and at 1280 pixels wide with it on. The service has not yet been tested with the keyboard alone or with screen readers',
} as const;

/** When this statement was first prepared. */
export const PREPARED_ON = '2026-11-24';

/** A part of the service known not to meet WCAG 2.2 AA, in plain words, and the criterion. */
export interface KnownProblem {
  readonly text: string;
  readonly criterion: string;
}

/** Everything known not to meet WCAG 2.2 AA in this deployment, as it is configured. */
export function knownProblems(config: Pick<Config, 'sessionTtlHours'>): KnownProblem[] {
  const problems: KnownProblem[] = [];
  // WCAG 2.2.1 allows a time limit without a warning only when it is over 20 hours.
  if (config.sessionTtlHours < 20) {
    const hours = Number(config.sessionTtlHours.toFixed(2));
    problems.push({
      text: `If you do nothing in the service for ${hours} ${hours === 1 ? 'hour' : 'hours'}, you are signed out without a warning, and you cannot make this time longer. Anything typed in a form that was left open for that long is lost when it is sent.`,
      criterion: '2.2.1 (timing adjustable)',
    });
  }
  return problems;
}

export function accessibilityStatementPage(
  config: Pick<Config, 'operator' | 'publicUrl' | 'sessionTtlHours'>,
) {
  const problems = knownProblems(config);
  return {
    title: 'Accessibility statement',
    description: `How accessible Anchorage is: ${problems.length ? `partially compliant with WCAG 2.2 AA, with ${problems.length} known ${problems.length === 1 ? 'problem' : 'problems'}` : 'fully compliant with WCAG 2.2 AA as far as tested'}, and how to report a problem or ask for information in another format.`,
    operator: config.operator,
    publicUrl: config.publicUrl,
    problems,
    compliance: problems.length ? ('partially' as const) : ('fully' as const),
    lastTested: formatDate(LAST_TESTED.on),
    testedHow: LAST_TESTED.how,
    preparedOn: formatDate(PREPARED_ON),
  };
}
