import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords.js';

export const signInSchema = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address'),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password'),
});

export const codeSchema = z.object({
  otp: z
    .string({ error: 'Enter the 6-digit code from your authenticator app' })
    .trim()
    .min(1, 'Enter the 6-digit code from your authenticator app')
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'The code must be 6 digits, like 123456')),
});

export const forgotSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
});

const newPassword = z
  .string({ error: 'Enter a new password' })
  .min(1, 'Enter a new password')
  .min(MIN_PASSWORD_LENGTH, `Your password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'Your password must be 256 characters or fewer');

function confirmed<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: newPassword, confirmPassword: z.string() })
    .superRefine((value, ctx) => {
      const v = value as { password: string; confirmPassword: string };
      if (v.password && v.confirmPassword !== v.password) {
        ctx.addIssue({
          code: 'custom',
          path: ['confirmPassword'],
          message: 'The passwords do not match',
        });
      }
    });
}

export const resetSchema = confirmed({});

export const changePasswordSchema = confirmed({
  currentPassword: z.string().min(1, 'Enter your current password'),
});

export const acceptInvitationSchema = confirmed({
  displayName: z
    .string({ error: 'Enter your full name' })
    .trim()
    .min(1, 'Enter your full name')
    .max(120, 'Your name must be 120 characters or fewer'),
});

export const disableSecondFactorSchema = z.object({
  password: z.string().min(1, 'Enter your password'),
});
