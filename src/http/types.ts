/** What our plugins add to Fastify's request, reply and route config. */
import type { Action, Actor } from '../core/roles.js';
import type { TokenScope } from '../core/api/tokens.js';
import type { Organisation, Partnership, User } from '../db/schema.js';

/** The API token a request came with: its person is request.user. */
export interface RequestToken {
  readonly id: string;
  readonly name: string;
  readonly scope: TokenScope;
  readonly partnershipId: string;
}

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
    /**
     * 'token': the route is part of the returns API, reached with a personal API token in
     * `Authorization: Bearer` (http/token-auth.ts), never with the session cookie, so it has no
     * CSRF check. Its access is still an action of the role matrix (decision 035).
     */
    auth?: 'token';
  }

  interface FastifyInstance {
    /** Every route with the access it declares: read by the tenant-isolation and role tests. */
    readonly routeTable: readonly {
      method: string;
      url: string;
      access: Access;
      auth?: 'token';
    }[];
  }

  interface FastifyRequest {
    user: User | null;
    actor: Actor | null;
    partnership: Partnership | null;
    organisation: Organisation | null;
    /** The API token the request came with, on the returns API's routes (config.auth 'token'). */
    apiToken: RequestToken | null;
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
