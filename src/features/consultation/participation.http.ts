/**
 * What the routes of consultations, local priorities and the survey share. For residents: the
 * limit on how often they post, being sent to sign in first, and a version out for consultation.
 * For staff: the forms to moderate (approve, hide with a reason, restore) a response or a priority
 * and to block the participant behind it. And the words of a refusal, for a banner or a form.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MODERATION_ACTIONS, type ModerationAction } from '../../core/charter/consultation.js';
import { readBlockReason, readHideReason } from '../../core/charter/responses.js';
import { DomainError, notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { field, formErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody } from '../../http/route-context.js';
import { publicVersion, type VersionNumberParams } from '../charter/version-number.js';

/** What a refused change says (a conflict), or undefined when the error is not a refusal. */
export function refusal(error: unknown): string | undefined {
  return error instanceof DomainError && error.code === 'CONFLICT'
    ? (error.userMessage ?? error.message)
    : undefined;
}

/**
 * A residents' form's route config: public, and posting is limited per account (or per address
 * before signing in).
 */
export function postingConfig(deps: Pick<Deps, 'config'>) {
  return {
    access: 'public' as const,
    rateLimit: {
      max: deps.config.rateLimits.posting,
      timeWindow: deps.config.rateLimits.windowMinutes * 60_000,
      keyGenerator: (request: FastifyRequest) =>
        request.session.userId ? `account:${request.session.userId}` : `address:${request.ip}`,
    },
  };
}

/** Before taking part: true, having sent them to sign in and back, when not signed in. */
export function mustSignIn(request: FastifyRequest, reply: FastifyReply, back: string): boolean {
  if (request.user) return false;
  void reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
  return true;
}

/** A public partnership's version that has been out for consultation, or 404. */
export async function consultedVersion(
  deps: Pick<Deps, 'publicSite' | 'charter'>,
  request: FastifyRequest<VersionNumberParams>,
) {
  const found = await publicVersion(deps, request);
  if (!found.current.version.consultation_opens) throw notFound();
  return found;
}

// Staff: moderating a response or a priority.

interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

/** The forms of a response's or a priority's staff page, with what was entered in one of them. */
export interface ModerationForms {
  readonly hide?: FormState;
  readonly block?: FormState;
  readonly answer?: FormState;
}

/** The staff page of one response or priority, for the moderation forms posted from it. */
export interface ModeratedPage {
  /** What the banners call it: 'response', 'priority'. */
  readonly noun: string;
  readonly template: string;
  /** The page's data, with a form's problems or a refusal to show. */
  readonly view: (forms: ModerationForms, refused?: string) => Promise<Record<string, unknown>>;
  /** Where the page is: each form goes back there with a banner. */
  readonly href: string;
  /** The banner once its participant is blocked. */
  readonly blocked: string;
}

/** A reason form's problems, said of `field`. */
const reasonForm = (
  body: Record<string, unknown>,
  problems: readonly { field: string; text: string }[],
  on: string,
): FormState => ({
  values: body,
  errors: formErrors(problems.map((p) => ({ ...p, field: on }))),
});

/**
 * The moderate form posted: approve, hide (with a reason, shown in its place) or restore, through
 * `moderate`; back to the page with a banner saying what happened, or the refusal.
 */
export async function moderateFromForm(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ModeratedPage,
  moderate: (action: ModerationAction, reason: string | undefined) => Promise<unknown>,
): Promise<FastifyReply> {
  const body = formBody(request);
  const action = MODERATION_ACTIONS.find((a) => a === field(body, 'action'));
  if (!action)
    return reply.page(
      page.template,
      await page.view({}, 'Choose to approve, hide, restore or keep it.'),
      400,
    );
  let reason: string | undefined;
  if (action === 'hide') {
    const read = readHideReason(body);
    if (!read.ok)
      return reply.page(
        page.template,
        await page.view({ hide: reasonForm(body, read.problems, 'hideReason') }),
        400,
      );
    reason = read.values.reason;
  }
  try {
    await moderate(action, reason);
    request.session.flash = {
      approve: `The ${page.noun} has been approved and is now public.`,
      hide: `The ${page.noun} has been hidden. Its reason is shown in its place.`,
      restore: `The ${page.noun} has been restored and is public again.`,
      keep: `The reports have been looked at: the ${page.noun} stays public.`,
    }[action];
  } catch (error) {
    const said = refusal(error);
    if (!said) throw error;
    request.session.notice = said;
  }
  return reply.redirect(page.href, 303);
}

/**
 * The block form posted: blocks the participant behind it through `block` (false when there is no
 * participant account), with a reason; back to the page with a banner.
 */
export async function blockFromForm(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ModeratedPage,
  block: (reason: string) => Promise<boolean>,
): Promise<FastifyReply> {
  const body = formBody(request);
  const read = readBlockReason(body);
  if (!read.ok)
    return reply.page(
      page.template,
      await page.view({ block: reasonForm(body, read.problems, 'blockReason') }),
      400,
    );
  if (await block(read.values.reason)) request.session.flash = page.blocked;
  else request.session.notice = `This ${page.noun} has no participant account to block.`;
  return reply.redirect(page.href, 303);
}
