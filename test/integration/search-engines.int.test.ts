/**
 * What search engines read of the public pages (issue 13): every public page of a partnership
 * with everything published (a year and its correction, a charter consulted on, a priority, a
 * joint initiative), and the service's own pages, has a title and a one-sentence description of
 * its own, built from its data. The pages are found in the app's own route table, so a new public
 * page is checked the day it is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership } from '../../src/db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openYear,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';
import { charterTargets, fillRoute, registerTargets } from '../helpers/route-targets.js';

const ACTOR = { userId: null, label: 'test' };

let t: TestApp;
let p: Partnership;
const params: Record<string, string> = {};

/** The service's own pages that are not about one partnership. */
const SITE_PAGES = ['/', '/accessibility', '/privacy', '/about'];

/** "&amp;" and the like, as a person reads them. */
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps, { isPublic: true, name: 'Walton Anchors' });
  const trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
  await makeOrganisation(t.deps, p, { name: 'Kirkby Council' });
  const year = await openYear(t.deps, p, 2025);
  await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
  await t.deps.publishing.publish(p.id, 2025, ACTOR, null);
  await t.database.db
    .updateTable('organisations')
    .set({ name: 'Walton Hospitals' })
    .where('id', '=', trust.id)
    .execute();
  await t.deps.publishing.publish(p.id, 2025, ACTOR, 'The trust’s name was wrong');
  const charter = await charterTargets(t.database, p, trust);
  Object.assign(params, await registerTargets(t.database, p, trust), charter, {
    slug: p.slug,
    orgId: trust.id,
    pillar: 'workforce',
    fy: '2025-26',
    revision: '1',
    number: '1',
    key: 'C1',
    responseId: charter.publicResponseId,
  });
});
afterAll(() => t?.close());

describe('every public page', () => {
  it('has a title and a description of its own, built from its data', async () => {
    const routes = t.app.routeTable
      .filter((r) => r.method === 'GET' && r.access === 'public')
      .map((r) => r.url)
      .filter((url) => url.startsWith('/p/') || SITE_PAGES.includes(url));
    const visitor = t.client();
    const pages: { url: string; title: string; description: string }[] = [];
    const notHtml: string[] = [];
    const notFound: string[] = [];
    for (const route of routes) {
      const url = fillRoute(route, params, 'search engines test');
      const res = await visitor.get(url);
      if (res.status !== 200) {
        notFound.push(`${route} (${res.status})`);
        continue;
      }
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) {
        notHtml.push(route);
        continue;
      }
      const title = /<title>([^<]*)<\/title>/.exec(res.body)?.[1] ?? '';
      const description = /<meta name="description" content="([^"]*)">/.exec(res.body)?.[1] ?? '';
      pages.push({ url, title: unescape(title).trim(), description: unescape(description) });
    }
    // The pages of a partnership are reached (so the checks below are not vacuous).
    expect(notFound).toEqual([]);
    expect(pages.length).toBeGreaterThan(25);

    const problems: string[] = [];
    const byTitle = new Map<string, string>();
    const byDescription = new Map<string, string>();
    for (const page of pages) {
      if (!page.title || page.title === 'Anchorage') problems.push(`${page.url}: no title`);
      if (!page.description) problems.push(`${page.url}: no description`);
      else {
        // One plain sentence.
        if (!/^[A-Z0-9“‘"]/.test(page.description) || !/[.?!]$/.test(page.description))
          problems.push(`${page.url}: not a sentence: ${page.description}`);
        if (page.description.length > 320)
          problems.push(`${page.url}: ${page.description.length} characters`);
        const same = byDescription.get(page.description);
        if (same) problems.push(`${page.url}: the same description as ${same}`);
        byDescription.set(page.description, page.url);
      }
      const same = byTitle.get(page.title);
      if (same) problems.push(`${page.url}: the same title as ${same}: ${page.title}`);
      byTitle.set(page.title, page.url);
    }
    expect(problems).toEqual([]);
    // A partnership's pages are titled with its name.
    for (const page of pages.filter((x) => x.url.startsWith('/p/')))
      expect(page.title, page.url).toContain('Walton Anchors');
  });
});
