/**
 * Accessibility violations that are known, reported, and need a change outside this test suite.
 * Each is matched narrowly (rule, JavaScript setting, the element's HTML) so that anything else,
 * even the same rule elsewhere, still fails. Each also has an `it.fails` test in the journeys
 * that checks it strictly: when the product is fixed, that test fails, and the entry here and
 * the test should both be removed.
 */
export interface KnownViolation {
  readonly rule: string;
  readonly mode: 'js' | 'nojs' | 'both';
  /** Matches the HTML of each offending element. */
  readonly element: RegExp;
  readonly why: string;
}

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [];

export function isKnown(
  rule: string,
  mode: 'js' | 'nojs',
  html: string,
): KnownViolation | undefined {
  return KNOWN_VIOLATIONS.find(
    (k) => k.rule === rule && (k.mode === 'both' || k.mode === mode) && k.element.test(html),
  );
}
