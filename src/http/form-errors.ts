/**
 * Turns validation issues into what the NHS.UK error summary and each field's errorMessage expect:
 * a list of { text, href: '#field' } in form order, and the same keyed by field.
 */
import type { z } from 'zod';

export interface FieldError {
  readonly text: string;
  readonly href: string;
}

export interface FormErrors {
  readonly list: FieldError[];
  readonly byField: Record<string, { text: string }>;
}

export function formErrors(issues: readonly { field: string; text: string }[]): FormErrors {
  const list: FieldError[] = [];
  const byField: Record<string, { text: string }> = {};
  for (const issue of issues) {
    if (byField[issue.field]) continue;
    byField[issue.field] = { text: issue.text };
    list.push({ text: issue.text, href: `#${issue.field}` });
  }
  return { list, byField };
}

export function zodFormErrors(error: z.ZodError): FormErrors {
  return formErrors(
    error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), text: i.message })),
  );
}

export const noErrors: FormErrors = { list: [], byField: {} };

export type Validated<T> =
  { ok: true; data: T } | { ok: false; errors: FormErrors; values: Record<string, unknown> };

/** Parse a submitted form; on failure, return the errors and what the user typed, to show again. */
export function validateForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): Validated<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: zodFormErrors(parsed.error), values: withoutSecrets(values) };
}

/** Passwords and tokens are never sent back to the browser. */
function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (/password|^_csrf$|^otp$/i.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** One text field of a submitted form: its string value, or '' when absent or not a string. */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
}
