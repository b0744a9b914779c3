/**
 * PGlite attaches a failed query's parameters (and its options) to the error it throws; the pg
 * driver does not. They are removed where the error leaves the driver, so an error holds no
 * password hash, session or secret wherever it is shown or logged afterwards.
 */
export function withoutParameters(err: unknown): unknown {
  if (err !== null && typeof err === 'object') {
    const e = err as { params?: unknown; queryOptions?: unknown };
    delete e.params;
    delete e.queryOptions;
  }
  return err;
}
