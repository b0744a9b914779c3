/**
 * The participant forms' fields. Joining reuses the accounts' rules for an email address and a
 * new password (accounts.schema.ts), so a participant's password is held to the same rules as
 * anyone's.
 */
import { z } from 'zod';
import { DELETE_CHOICES } from '../../core/participants/accounts.js';
import { forgotSchema, resetSchema } from '../accounts/accounts.schema.js';

/** Email address, password and the password again. */
export const joinSchema = forgotSchema.and(resetSchema);

/** Email address, for a sign-in link. */
export const linkSchema = forgotSchema;

export const deleteSchema = z.object({
  contributions: z.enum(DELETE_CHOICES, {
    error: 'Choose whether to keep what you wrote, shown as anonymous, or remove it',
  }),
});
