/**
 * One server and one browser for the whole browser suite, and the people (browser contexts) the
 * journeys open. Each journey runs once with JavaScript on and once with it off.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { launchBrowser, newContext, startTestServer, type TestServer } from './server.js';
import { openPage, pathOf, signIn } from './pages.js';

export class Suite {
  #server: TestServer | undefined;
  #browser: Browser | undefined;
  readonly #contexts = new Set<BrowserContext>();
  /** Contexts that last beyond one test (a person a later test of the same journey goes on with). */
  readonly #kept = new WeakSet<BrowserContext>();
  readonly #admins = new Map<boolean, Page>();

  async start(): Promise<void> {
    this.#server = await startTestServer();
    this.#browser = await launchBrowser();
  }

  /** Closes everything that was started, even if some of it fails to close. */
  async stop(): Promise<void> {
    try {
      await this.closePeople({ everyone: true });
    } finally {
      try {
        await this.#browser?.close();
      } finally {
        await this.#server?.stop();
      }
    }
  }

  get url(): string {
    if (!this.#server) throw new Error('The suite has not started');
    return this.#server.url;
  }

  get server(): TestServer {
    if (!this.#server) throw new Error('The suite has not started');
    return this.#server;
  }

  get browser(): Browser {
    if (!this.#browser) throw new Error('The suite has not started');
    return this.#browser;
  }

  /** A new person: their own browser context (cookies) and a page in it. */
  async person(
    js: boolean,
    options: { viewport?: { width: number; height: number }; keep?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(this.browser, {
      js,
      baseURL: this.url,
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
    this.#contexts.add(context);
    if (options.keep) this.#kept.add(context);
    context.once('close', () => this.#contexts.delete(context));
    return { context, page: await openPage(context) };
  }

  /** The platform admin, signed in, for reading the mail outbox (one per JavaScript setting). */
  async admin(js: boolean): Promise<Page> {
    const existing = this.#admins.get(js);
    if (existing && !existing.isClosed()) return existing;
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'platform-admin');
    if (!admin) throw new Error('No demo platform admin');
    const { page } = await this.person(js);
    await signIn(page, admin.email, DEMO_PASSWORD);
    if (pathOf(page) !== '/manage') throw new Error(`Admin sign-in landed on ${page.url()}`);
    this.#admins.set(js, page);
    return page;
  }

  /**
   * After each test: closes the people it opened, except the admins and those asked to be kept.
   * With `everyone`, closes all of them.
   */
  async closePeople(options: { everyone?: boolean } = {}): Promise<void> {
    const admins = new Set([...this.#admins.values()].map((p) => p.context()));
    for (const context of [...this.#contexts]) {
      if (!options.everyone && (admins.has(context) || this.#kept.has(context))) continue;
      await context.close();
    }
    if (options.everyone) this.#admins.clear();
  }
}

export function demoAccount(role: (typeof DEMO_ACCOUNTS)[number]['role']) {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account with the role ${role}`);
  return account;
}
