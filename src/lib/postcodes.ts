import { isValid, toNormalised } from 'postcode';

/** A UK postcode in its standard form ("L1 8JQ"), or null when the text is not a valid postcode. */
export function normalisePostcode(text: string): string | null {
  const t = text.trim();
  if (!t || !isValid(t)) return null;
  return toNormalised(t);
}
