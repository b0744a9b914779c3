/**
 * The real service for browser tests: a fresh PGlite database in a temporary directory, listening
 * on a free port on 127.0.0.1, with no data (each journey makes its own: fixtures.ts). And
 * Debian's Chromium, driven by playwright-core (never a downloaded browser).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { openRuntime, startServer, type Runtime } from '../../src/server.js';

export interface TestServer {
  /** Where the server listens, like http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly runtime: Runtime;
  /** Closes the server and its database, then removes the temporary directory. */
  stop(): Promise<void>;
}

let latest: TestServer | undefined;

/** Stops the server started last (closes it and its database, removes its temporary directory). */
export async function stop(): Promise<void> {
  await latest?.stop();
}

export async function startTestServer(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-e2e-'));
  try {
    // The environment is passed explicitly, so nothing is read from process.env.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ANCHORAGE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      SIGN_IN_RATE_LIMIT: '10000',
      RESET_RATE_LIMIT: '10000',
      ACCOUNT_RATE_LIMIT: '10000',
      SURVEY_RATE_LIMIT: '10000',
    });
    const runtime = await openRuntime(config);
    let server;
    try {
      server = await startServer(runtime);
    } catch (err) {
      await runtime.close();
      throw err;
    }
    const running = server;
    let stopping: Promise<void> | undefined;
    const started: TestServer = {
      url: running.url,
      runtime,
      stop: () =>
        (stopping ??= running.close().finally(() => {
          fs.rmSync(dataDir, { recursive: true, force: true });
        })),
    };
    latest = started;
    return started;
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const DESKTOP = { width: 1024, height: 800 } as const;
export const MOBILE = { width: 360, height: 740 } as const;

export interface ContextOptions {
  /** Whether the pages may run JavaScript. */
  readonly js: boolean;
  /** The server's URL: page.goto('/sign-in') then works. */
  readonly baseURL: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** Whether each context was made with JavaScript on: read by the accessibility check for file names. */
const jsByContext = new WeakMap<BrowserContext, boolean>();

export function jsEnabledIn(context: BrowserContext): boolean | undefined {
  return jsByContext.get(context);
}

/**
 * A new browser context (its own cookies: a separate person). Pages must be made with
 * context.newPage(), which @axe-core/playwright needs.
 */
export async function newContext(
  browser: Browser,
  options: ContextOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    javaScriptEnabled: options.js,
    viewport: { ...(options.viewport ?? DESKTOP) },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  jsByContext.set(context, options.js);
  return context;
}
