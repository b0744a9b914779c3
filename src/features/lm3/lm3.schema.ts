import { z } from 'zod';

/**
 * A percentage typed by a person: "40", "12.5", "40%" or " 40 % " → 40; 0–100. `what` names
 * the figure in messages: "the percentage of your costs that are staff costs".
 */
function percentage(what: string) {
  const missing = `Enter ${what}`;
  const range = `${what.charAt(0).toUpperCase()}${what.slice(1)} must be between 0 and 100`;
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((v) => v.replace(/\s*%$/, '').trim())
    .pipe(
      z
        .string()
        .regex(/^-?\d{1,3}(\.\d{1,2})?$/, `Enter ${what} as a number, like 40 or 12.5`)
        .transform(Number)
        .pipe(z.number().min(0, range).max(100, range)),
    );
}

export function surveyAnswerSchema(area: string) {
  return z.object({
    staffCostPct: percentage('the percentage of your costs that are staff costs'),
    staffLocalPct: percentage(`the percentage of your staff costs paid to staff living in ${area}`),
    suppliersLocalPct: percentage(
      `the percentage of your other spending that goes to suppliers based in ${area}`,
    ),
  });
}

/** An optional email address for sending a link. */
export const optionalEmail = z
  .string()
  .trim()
  .max(320, 'The email address must be 320 characters or fewer')
  .pipe(
    z.union([
      z.literal(''),
      z.email('Enter an email address in the correct format, like name@example.org'),
    ]),
  );
