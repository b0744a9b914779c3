/**
 * Notifications (decision 029): following a public partnership, to be emailed when it opens a
 * consultation (a page saying what following means, and its buttons), and the account page that
 * lists what a person is emailed about, with a button to unfollow each partnership. Following
 * needs an account: someone signed out is sent to sign in, and back to the follow page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMAIL_DESCRIPTIONS } from '../../core/notifications.js';
import type { Deps } from '../../deps.js';
import { field } from '../../http/form-errors.js';
import { formBody, signedIn } from '../../http/route-context.js';
import { follow, followState, notificationSettings, unfollow } from './notifications.service.js';

const V = 'features/notifications/views';
const SETTINGS = '/account/notifications';

type Slug = { Params: { slug: string } };

const followPath = (slug: string) => `/p/${slug}/follow`;

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps) {
  const PUBLIC = { config: { access: 'public' as const } };

  /** Signed out: to sign in, then back to the follow page. True when sent there. */
  function mustSignIn(request: FastifyRequest<Slug>, reply: FastifyReply, slug: string) {
    if (request.user) return false;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(followPath(slug))}`, 303);
    return true;
  }

  app.get<Slug>('/p/:slug/follow', PUBLIC, async function followGet(request, reply) {
    const { partnership, following } = await followState(
      deps,
      request.params.slug,
      request.user?.id ?? null,
    );
    // The layout names the partnership.
    request.partnership = partnership;
    const partnershipHref = `/p/${partnership.slug}`;
    const next = encodeURIComponent(followPath(partnership.slug));
    return reply.page(`${V}/follow.njk`, {
      title: `Follow ${partnership.name}`,
      description: `Get an email when ${partnership.name} opens a consultation on its Social Value Charter, and stop at any time.`,
      name: partnership.name,
      following,
      signedIn: request.user !== null,
      action: followPath(partnership.slug),
      unfollowAction: `/p/${partnership.slug}/unfollow`,
      signInHref: `/sign-in?next=${next}`,
      joinHref: `/join?next=${next}`,
      partnershipHref,
      breadcrumbs: [
        { href: '/', text: 'Home' },
        { href: partnershipHref, text: partnership.name },
      ],
    });
  });

  app.post<Slug>('/p/:slug/follow', PUBLIC, async function followPost(request, reply) {
    // An unknown or private partnership is 404 whoever asks; then signing in, if need be.
    const { partnership } = await followState(deps, request.params.slug, null);
    if (mustSignIn(request, reply, partnership.slug)) return reply;
    const { user } = signedIn(request);
    await follow(deps, partnership.slug, user.id);
    request.session.flash = `You now follow ${partnership.name}. We will email you when it opens a consultation on its charter.`;
    return reply.redirect(followPath(partnership.slug), 303);
  });

  app.post<Slug>('/p/:slug/unfollow', PUBLIC, async function unfollowPost(request, reply) {
    const slug = request.params.slug;
    if (mustSignIn(request, reply, slug)) return reply;
    const { user } = signedIn(request);
    const gone = await unfollow(deps, slug, user.id);
    const fromAccount = field(formBody(request), 'back') === 'account';
    if (!gone) {
      // Not followed (already unfollowed, or no such partnership): nothing to undo.
      if (fromAccount) return reply.redirect(SETTINGS, 303);
      await followState(deps, slug, null);
      return reply.redirect(followPath(slug), 303);
    }
    request.session.flash = `You no longer follow ${gone.name}. We will not email you about its consultations.`;
    return reply.redirect(fromAccount || !gone.is_public ? SETTINGS : followPath(gone.slug), 303);
  });

  app.get(
    SETTINGS,
    { config: { access: 'signed-in' } },
    async function notificationsGet(request, reply) {
      const { user } = signedIn(request);
      const settings = await notificationSettings(deps, user.id);
      return reply.page(`${V}/notifications.njk`, {
        title: 'Emails we send you',
        email: user.email,
        following: settings.following.map((p) => ({
          name: p.name,
          href: p.is_public ? `/p/${p.slug}` : null,
          unfollowAction: `/p/${p.slug}/unfollow`,
        })),
        organisations: settings.organisations,
        leadsAnOrganisation: settings.leadsAnOrganisation,
        descriptions: EMAIL_DESCRIPTIONS,
        back: { href: '/account', text: 'Back to your account' },
      });
    },
  );
}
