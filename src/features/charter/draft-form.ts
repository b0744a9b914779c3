/**
 * What the staff pages that change a charter version while it is a draft share (its words, its
 * survey): a version that is no longer a draft sends back with a banner, and a form is shown with
 * what it starts with, or again with its problems.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Read } from '../../core/charter/forms.js';
import { formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody } from '../../http/route-context.js';

type Body = Record<string, unknown>;

/** A version: only a draft can change. */
interface Version {
  readonly state: string;
  readonly number: number;
}

/** Where a version that is no longer a draft sends back to, and what of it cannot change. */
export interface DraftOnly {
  readonly back: string;
  /** As the banner says it: 'its words', 'its survey'. */
  readonly what: string;
}

/** A form on a draft, and how it is shown. */
export interface DraftForm extends DraftOnly {
  readonly template: string;
  readonly page: (form: { readonly values: Body; readonly errors: FormErrors }) => Body;
}

/** What `then` does while the version is a draft; else back where `only` says, with a banner. */
export function whileDraft<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  version: Version,
  only: DraftOnly,
  then: () => R,
): R | FastifyReply {
  if (version.state === 'draft') return then();
  request.session.notice = `Version ${version.number} is no longer a draft: ${only.what} cannot be changed.`;
  return reply.redirect(only.back, 303);
}

/** The form with the values it starts with, while the version is a draft. */
export function draftFormGet(
  request: FastifyRequest,
  reply: FastifyReply,
  version: Version,
  form: DraftForm,
  values: Body,
): FastifyReply {
  return whileDraft(request, reply, version, form, () =>
    reply.page(form.template, form.page({ values, errors: noErrors })),
  );
}

/**
 * The form posted while the version is a draft: shown again with its problems (400) when `read`
 * finds any, else what `save` does with what it read.
 */
export async function draftFormPost<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  version: Version,
  form: DraftForm,
  read: (body: Body) => Read<T> | Promise<Read<T>>,
  save: (values: T, body: Body) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  return whileDraft(request, reply, version, form, async () => {
    const body = formBody(request);
    const result = await read(body);
    if (!result.ok)
      return reply.page(
        form.template,
        form.page({ values: body, errors: formErrors(result.problems) }),
        400,
      );
    return save(result.values, body);
  });
}
