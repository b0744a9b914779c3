/** What our plugins add to Fastify's request, reply and route config. */
import type { Action, Actor } from '../core/roles.js';
import type { Organisation, Partnership, User } from '../db/schema.js';

/**
 * Every route says who may reach it:
 * - 'public': anyone;
 * - 'signed-in': any signed-in person (their own account pages);
 * - an Action from the role matrix, checked against the partnership and organisation in the URL.
 */
export type Access = 'public' | 'signed-in' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable by a signed-in person who still has to set up a required second factor. */
    beforeSecondFactor?: boolean;
    /**
     * The route receives a file through http/upload.ts, which checks the CSRF token sent in the
     * multipart body (the hooks cannot read that body).
     */
    upload?: boolean;
  }

  interface FastifyInstance {
    /** Every route with the access it declares: read by the tenant-isolation and role tests. */
    readonly routeTable: readonly { method: string; url: string; access: Access }[];
  }

  interface FastifyRequest {
    user: User | null;
    actor: Actor | null;
    partnership: Partnership | null;
    organisation: Organisation | null;
  }

  interface FastifyReply {
    /** Render a page with the layout's context (user, partnership, a CSRF token for forms). */
    page(template: string, data?: Record<string, unknown>, statusCode?: number): FastifyReply;
    /**
     * Render a page whose data depends only on `version` (e.g. a published partnership's
     * version) and its address: for anonymous visitors it is built and rendered once per version.
     */
    pageOf(
      version: string,
      template: string,
      build: () => Promise<Record<string, unknown>> | Record<string, unknown>,
    ): Promise<FastifyReply>;
  }

  interface Session {
    userId?: string;
    /** Signed in with a password, waiting for the one-time code. */
    pendingUserId?: string;
    /** A second-factor secret being set up, before the user confirms a code. */
    pendingTotpSecret?: string;
    flash?: string;
    /** A banner saying why something asked for was not done (shown once, as "Important"). */
    notice?: string;
    returnTo?: string;
  }
}
