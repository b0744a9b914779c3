/**
 * One server and one browser for the whole browser suite, and the people (browser contexts) the
 * journeys open. Each journey runs once with JavaScript on and once with it off, and makes its own
 * data (fixtures.ts); the suite has one platform administrator of its own for reading the mail
 * outbox.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Deps } from '../../src/deps.js';
import { SCREENSHOT_DIR, screenshotPath } from './axe.js';
import { ownPlatformAdmin, type Account } from './fixtures.js';
import { launchBrowser, newContext, startTestServer, type TestServer } from './server.js';
import { openPage, pathOf, signIn } from './pages.js';

export class Suite {
  #server: TestServer | undefined;
  #browser: Browser | undefined;
  readonly #contexts = new Set<BrowserContext>();
  /** Contexts that last beyond one test (a person a later test of the same journey goes on with). */
  readonly #kept = new WeakSet<BrowserContext>();
  readonly #admins = new Map<boolean, Page>();
  #admin: Account | undefined;

  async start(): Promise<void> {
    this.#server = await startTestServer();
    this.#admin = await ownPlatformAdmin(this.#server.runtime.deps);
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

  /** The server's services, for journeys to make their own data. */
  get deps(): Deps {
    return this.server.runtime.deps;
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
    const admin = this.#admin;
    if (!admin) throw new Error('The suite has not started');
    const { page } = await this.person(js);
    await signIn(page, admin.email, admin.password);
    if (pathOf(page) !== '/manage') throw new Error(`Admin sign-in landed on ${page.url()}`);
    this.#admins.set(js, page);
    return page;
  }

  /** Saves every open page as a full-page screenshot (after a failed test), named after the test. */
  async screenshotOpenPages(testName: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const name = testName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80);
    let n = 0;
    for (const context of this.#contexts) {
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        n++;
        await page
          .screenshot({ path: screenshotPath(page, `failed-${name}-${n}`), fullPage: true })
          .catch(() => undefined);
      }
    }
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
