/**
 * What each account page shows, built once for the GET and for a form sent back with problems.
 * Passwords and codes are never among the values shown again (validateForm drops them).
 */
import { pillarTitle } from '../../core/pillars.js';
import type { User } from '../../db/schema.js';
import { noErrors, type FormErrors } from '../../http/form-errors.js';
import type { InvitationView } from './accounts.service.js';

export const V = 'features/accounts/views';

const BACK_TO_ACCOUNT = { href: '/account', text: 'Back to your account' };

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const blankForm = (values: Record<string, unknown> = {}): FormState => ({
  errors: noErrors,
  values,
});

export function signInPage(form: FormState, next: string | undefined) {
  return { title: 'Sign in', ...form, next };
}

export function codePage(errors: FormErrors = noErrors) {
  return { title: 'Enter your security code', errors };
}

export function forgotPage(form: FormState) {
  return { title: 'Reset your password', ...form };
}

export function resetPage(errors: FormErrors = noErrors) {
  return { title: 'Choose a new password', errors };
}

export function invitationPage(
  invitation: InvitationView,
  signedInAs: User | null,
  path: string,
  form: FormState,
) {
  return {
    title: `Join ${invitation.partnershipName}`,
    invitation,
    pillarTitles: (invitation.pillars ?? []).map(pillarTitle),
    signedInAsInvitee: signedInAs?.email === invitation.email,
    signedInAsOther: signedInAs !== null && signedInAs.email !== invitation.email,
    path,
    ...form,
  };
}

export function changePasswordPage(errors: FormErrors = noErrors) {
  return { title: 'Change your password', errors, back: BACK_TO_ACCOUNT };
}

export function secondFactorOnPage(required: boolean, errors: FormErrors) {
  return { title: 'Two-step sign in', required, errors, back: BACK_TO_ACCOUNT };
}

export function secondFactorSetupPage(
  required: boolean,
  secret: string,
  qr: string,
  errors: FormErrors,
) {
  return {
    title: 'Set up two-step sign in',
    required,
    qr,
    secretGroups: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
    errors,
    back: required ? undefined : BACK_TO_ACCOUNT,
  };
}
