/** The form that makes a personal API token: its name, partnership, what it can do and when it expires. */
import { z } from 'zod';
import {
  EXPIRY_DAYS,
  MAX_TOKEN_NAME,
  TOKEN_SCOPES,
  type ExpiryDays,
} from '../../core/api/tokens.js';
import { line } from '../../lib/text.js';

export function newTokenSchema(partnershipIds: readonly string[]) {
  return z.object({
    name: line('the token’s name', MAX_TOKEN_NAME, {
      required: 'Enter a name for the token, like Power BI',
    }),
    partnership: z
      .string({ error: 'Select the partnership the token is for' })
      .refine((id) => partnershipIds.includes(id), 'Select the partnership the token is for'),
    scope: z.enum(TOKEN_SCOPES, { error: 'Select what the token can do' }),
    expiry: z
      .enum(EXPIRY_DAYS.map((d) => String(d)) as [string, ...string[]], {
        error: 'Select when the token expires',
      })
      .transform((d) => Number(d) as ExpiryDays),
  });
}
