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

type Problem = { field: string; text: string };

/**
 * The suppliers chosen on the LM3 page to send the survey to, each with an optional email
 * address: only local suppliers of the year, and not one already asked.
 */
export function readSurveyChoices(
  body: Record<string, unknown>,
  local: ReadonlyMap<string, { name: string; survey: unknown }>,
): { choices: { supplierId: string; email: string | null }[]; problems: Problem[] } {
  const ids = [...new Set([body.supplier ?? []].flat().map(String))];
  if (ids.length === 0)
    return {
      choices: [],
      problems: [{ field: 'supplier', text: 'Select at least one supplier to send the survey to' }],
    };
  const problems: Problem[] = [];
  const choices: { supplierId: string; email: string | null }[] = [];
  for (const id of ids) {
    const supplier = local.get(id);
    if (!supplier) {
      problems.push({ field: 'supplier', text: 'Select suppliers from the list' });
      continue;
    }
    if (supplier.survey) {
      problems.push({
        field: 'supplier',
        text: `${supplier.name} has already been sent the survey for this year`,
      });
      continue;
    }
    const email = optionalEmail.safeParse(
      typeof body[`email-${id}`] === 'string' ? body[`email-${id}`] : '',
    );
    if (!email.success) {
      problems.push({
        field: `email-${id}`,
        text: `${email.error.issues[0]?.message ?? 'Enter a correct email address'} for ${supplier.name}`,
      });
      continue;
    }
    choices.push({ supplierId: id, email: email.data || null });
  }
  return { choices, problems };
}

/** The email address a new link is sent to (optional), or the problem with it. */
export function readReissueEmail(
  body: Record<string, unknown>,
): { ok: true; email: string | null } | { ok: false; problem: Problem } {
  const email = optionalEmail.safeParse(typeof body.email === 'string' ? body.email : '');
  if (email.success) return { ok: true, email: email.data || null };
  return {
    ok: false,
    problem: {
      field: 'email',
      text: email.error.issues[0]?.message ?? 'Enter a correct email address',
    },
  };
}
