/**
 * Starting a signed-in session, for every way of signing in: a password, a password and a
 * security code, an accepted invitation, a link sent by email (features/participants).
 */
import type { FastifyRequest } from 'fastify';

/** Starts a fresh session for the user (a new id, so an old cookie cannot be reused). */
export async function signInAs(
  request: FastifyRequest,
  user: { readonly id: string },
  returnTo?: string,
): Promise<void> {
  await request.session.regenerate();
  request.session.userId = user.id;
  if (returnTo) request.session.returnTo = returnTo;
}

/**
 * The first step is done (a password, or a link sent by email) and the account has two-step sign
 * in: a fresh session that remembers who is signing in, for the security code page.
 */
export async function awaitSecondFactor(
  request: FastifyRequest,
  user: { readonly id: string },
  returnTo?: string,
): Promise<void> {
  await request.session.regenerate();
  request.session.pendingUserId = user.id;
  if (returnTo) request.session.returnTo = returnTo;
}
