/**
 * The one rule for where the service may send a browser back to, after signing in or from any
 * other address a person or a link supplies: a path on this site, in plain URL characters.
 *
 * Refused: anything that is not a string, does not start with a single "/", is longer than
 * MAX_RETURN_PATH, or holds a character outside RFC 3986's unreserved, reserved and "%" set —
 * which shuts out control characters (CR, LF, tab: header splitting, and the tab or newline that
 * browsers strip so that "/\t/evil.example" becomes "//evil.example"), backslashes, spaces and
 * non-ASCII look-alikes. As a second check, the path must resolve to this site's own origin.
 */
export const MAX_RETURN_PATH = 2048;

const SAFE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$/;
const MALFORMED_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const PROBE_ORIGIN = 'http://anchorage.invalid';

export function safeReturnPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > MAX_RETURN_PATH) return undefined;
  if (!SAFE_PATH.test(next) || MALFORMED_PERCENT.test(next)) return undefined;
  try {
    if (new URL(next, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return undefined;
  } catch {
    return undefined;
  }
  return next;
}
