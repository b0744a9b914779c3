/**
 * A small browser for integration tests: it keeps cookies between requests and sends the
 * CSRF token that the last form page carried, through Fastify's inject (no network).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../src/app.js';

export interface Page {
  status: number;
  location: string | undefined;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export class TestClient {
  readonly #app: FastifyInstance;
  readonly cookies = new Map<string, string>();
  #csrf: string | undefined;

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  get csrfToken(): string | undefined {
    return this.#csrf;
  }

  async get(url: string): Promise<Page> {
    return this.#send('GET', url);
  }

  /** Posts a form. Unless `csrf` is given, first loads `from` (default: the same URL) for its token. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: string | null; from?: string } = {},
  ): Promise<Page> {
    let token = options.csrf;
    if (token === undefined) {
      await this.get(options.from ?? url);
      token = this.#csrf ?? (await this.fetchToken());
    }
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    if (token !== null && token !== undefined) body.append('_csrf', token);
    return this.#send('POST', url, body.toString());
  }

  /**
   * Uploads one file as a multipart form (field "file") with the CSRF token in the body before
   * it, as the service's forms send it; `token: 'query'` sends it in the query string instead,
   * and `'none'` not at all.
   */
  async upload(
    url: string,
    filename: string,
    content: Buffer | string,
    contentType = 'application/octet-stream',
    options: { token?: 'body' | 'query' | 'none' } = {},
  ): Promise<Page> {
    const boundary = '----anchorage-test-boundary';
    const where = options.token ?? 'body';
    const token = where === 'none' ? '' : (this.#csrf ?? (await this.fetchToken()));
    const payload = Buffer.concat([
      Buffer.from(
        where === 'body'
          ? `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`
          : '',
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const separator = url.includes('?') ? '&' : '?';
    return this.#send(
      'POST',
      where === 'query' ? `${url}${separator}_csrf=${encodeURIComponent(token)}` : url,
      payload,
      `multipart/form-data; boundary=${boundary}`,
    );
  }

  /** A CSRF token from any page with a form: the account page for people signed in, else the sign-in page. */
  async fetchToken(): Promise<string> {
    await this.get('/account');
    if (!this.#csrf) await this.get('/sign-in');
    if (!this.#csrf) throw new Error('No CSRF token found');
    return this.#csrf;
  }

  async signIn(email: string, password: string): Promise<Page> {
    const page = await this.post('/sign-in', { email, password });
    if (page.status !== 303) throw new Error(`Sign in failed for ${email}: ${page.status}`);
    return page;
  }

  async #send(
    method: 'GET' | 'POST',
    url: string,
    payload?: string | Buffer,
    contentType = 'application/x-www-form-urlencoded',
  ): Promise<Page> {
    const res: LightMyRequestResponse = await this.#app.inject({
      method,
      url,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(payload !== undefined ? { 'content-type': contentType } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    this.#storeCookies(res);
    const body = res.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.#csrf = decodeEntities(token);
    const location = res.headers.location;
    return {
      status: res.statusCode,
      location: typeof location === 'string' ? location : undefined,
      body,
      headers: res.headers,
    };
  }

  #storeCookies(res: LightMyRequestResponse) {
    for (const c of res.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired = (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0;
      // Form tokens belong to a session: a new or ended session makes the last one stale.
      if (c.name === SESSION_COOKIE && this.cookies.get(c.name) !== c.value) this.#csrf = undefined;
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x2F;/g, '/')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

/** The text of a page without tags, with whitespace collapsed: for "the page says…" assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
