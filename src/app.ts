/**
 * createApp(deps): the Fastify instance with every plugin in order, then the routes.
 * Security plugins first (headers, cookies, session, CSRF), then body parsing and static files,
 * then access control, then the feature routes, then the error pages.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { registerAccessControl } from './http/access.js';
import { csrfTokenOf, csrfUserInfo } from './http/csrf.js';
import { ensureAssets, NHSUK_ASSETS_DIR } from './http/assets.js';
import { registerConditionalGet } from './http/conditional-get.js';
import { nhsukInlineScriptHashes } from './http/csp.js';
import { registerErrorPages } from './http/errors.js';
import { registerFormInput } from './http/form-input.js';
import { registerRender } from './http/render.js';
import { DatabaseSessionStore } from './http/session-store.js';
import './http/types.js';
import { createViews } from './http/views.js';
import { registerAccountRoutes } from './features/accounts/accounts.routes.js';
import { registerAdminRoutes } from './features/admin/admin.routes.js';
import { registerApiRoutes } from './features/api/api.routes.js';
import { registerDashboardRoutes } from './features/dashboards/dashboard.routes.js';
import { registerEvidenceRoutes } from './features/evidence/evidence.routes.js';
import { registerFrameworkRoutes } from './features/framework/framework.routes.js';
import { registerHomeRoutes } from './features/home/home.routes.js';
import { registerLm3Routes } from './features/lm3/lm3.routes.js';
import { registerMaturityRoutes } from './features/maturity/maturity.routes.js';
import { registerEnvironmentRoutes } from './features/carbon/environment.routes.js';
import { registerPublicRoutes } from './features/public/public.routes.js';
import { registerSitemapRoutes } from './features/public/sitemap.routes.js';
import { registerRegisterRoutes } from './features/registers/registers.routes.js';
import { registerPublicInitiativeRoutes } from './features/registers/public-initiatives.routes.js';
import { registerCharterRoutes } from './features/charter/charter.routes.js';
import { registerPublicCharterRoutes } from './features/charter/charter.public.js';
import { registerParticipantRoutes } from './features/participants/participants.routes.js';
import { registerConsultationRoutes } from './features/consultation/consultation.routes.js';
import { registerAnalysisRoutes } from './features/consultation/analysis.routes.js';
import { registerPriorityRoutes } from './features/priorities/priorities.routes.js';
import { registerNotificationRoutes } from './features/notifications/notifications.routes.js';
import { sendDueReminders } from './features/notifications/notifications.service.js';
import { registerSurveyRoutes } from './features/survey/survey.routes.js';
import { registerPublishingRoutes } from './features/publishing/publishing.routes.js';
import { registerDownloadRoutes } from './features/publishing/downloads.routes.js';
import { registerReportRoutes } from './features/reports/reports.routes.js';
import { registerPeriodRoutes } from './features/returns/periods.routes.js';
import { registerReturnRoutes } from './features/returns/returns.routes.js';
import { registerReviewRoutes } from './features/returns/review.routes.js';
import { registerTemplateRoutes } from './features/returns/templates.routes.js';
import { registerImportForRoutes } from './features/spend/import-for.routes.js';
import { registerSpendRoutes } from './features/spend/spend.routes.js';
import { registerSupplierRoutes } from './features/suppliers/suppliers.routes.js';
import { registerTenancyRoutes } from './features/tenancy/tenancy.routes.js';
import { registerWorkforceRoutes } from './features/workforce/workforce.routes.js';
import { registerLivingWageRoutes } from './features/workforce/living-wage.routes.js';
import { PERSONAL_JOB_KINDS } from './features/workforce/payroll-import.js';
import { giveUpWaitingUploads } from './features/imports/queue.js';

export const SESSION_COOKIE = 'anchorage_session';
export const CSRF_COOKIE = 'anchorage_csrf';

export async function createApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const logger: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });

  const assets = ensureAssets();
  const views = createViews({ watch: config.watchTemplates });

  // No per-response nonce: nhsuk-frontend's one inline script is allowed by its hash, so a page
  // is the same on every response and can be answered 304 (decision 031).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...nhsukInlineScriptHashes()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  const sessionStore = new DatabaseSessionStore(
    deps.database.db,
    config.sessionTtlHours * 3_600_000,
  );
  await app.register(fastifySession, {
    cookieName: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: sessionStore,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: config.sessionTtlHours * 3_600_000,
    },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      signed: true,
    },
    // Each token is tied to the session it was issued in (an HMAC over the session id once
    // someone has signed in): a token from an anonymous visit, or from another session, is
    // refused after signing in, and signing in or out makes every earlier form expire.
    csrfOpts: { hmacKey: `${config.sessionSecret}:csrf` },
    getUserInfo: csrfUserInfo,
    getToken: csrfTokenOf,
  });
  await registerConditionalGet(app);
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20, parts: 21 },
  });
  await app.register(fastifyRateLimit, { global: false });
  registerAccessControl(app, deps);
  registerFormInput(app);
  await app.register(fastifyStatic, {
    root: NHSUK_ASSETS_DIR,
    prefix: '/assets/',
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: assets.dir,
    prefix: '/static/',
    decorateReply: false,
    maxAge: '1d',
    allowedPath: (pathName) => !pathName.includes('/.'),
  });

  const renderPage = registerRender(app, views, assets.version, {
    remember: !config.watchTemplates,
  });
  registerErrorPages(app, {
    rateLimitWindowMinutes: deps.config.rateLimits.windowMinutes,
    renderPage,
  });

  registerPublicRoutes(app, deps);
  registerSitemapRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerTenancyRoutes(app, deps);
  registerHomeRoutes(app, deps);
  registerPeriodRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerReturnRoutes(app, deps);
  registerTemplateRoutes(app, deps);
  registerFrameworkRoutes(app, deps);
  registerEvidenceRoutes(app, deps);
  registerMaturityRoutes(app, deps);
  registerEnvironmentRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerSpendRoutes(app, deps);
  registerImportForRoutes(app, deps);
  registerLm3Routes(app, deps);
  registerSupplierRoutes(app, deps);
  registerWorkforceRoutes(app, deps);
  registerRegisterRoutes(app, deps);
  registerPublicInitiativeRoutes(app, deps);
  registerCharterRoutes(app, deps);
  registerPublicCharterRoutes(app, deps);
  registerParticipantRoutes(app, deps);
  registerConsultationRoutes(app, deps);
  registerAnalysisRoutes(app, deps);
  registerPriorityRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerPublishingRoutes(app, deps);
  registerDownloadRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerLivingWageRoutes(app, deps);
  registerApiRoutes(app, deps);

  const sweep = setInterval(() => {
    sessionStore.sweep().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
  }, 3_600_000);
  sweep.unref();
  // Uploads left waiting for their columns are given up, their files deleted, within minutes of
  // their time running out (an hour for a payroll extract), not only when the service restarts.
  const uploads = setInterval(() => {
    giveUpWaitingUploads(deps.database.db, PERSONAL_JOB_KINDS).catch((err: unknown) =>
      app.log.warn({ err }, 'giving up waiting uploads failed'),
    );
  }, 5 * 60_000);
  uploads.unref();
  // Reminders of returns due in a week or overdue since yesterday: checked hourly, each sent once
  // (notification_log), so a restart or a second server sends nothing twice.
  const reminders = setInterval(() => {
    void sendDueReminders(deps);
  }, 3_600_000);
  reminders.unref();
  // Public pages keep what they read of a partnership until the database says it changed.
  let unfollow: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    unfollow = await deps.publicSite.follow(deps.database);
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(uploads);
    clearInterval(reminders);
    await unfollow?.();
  });
  return app;
}
