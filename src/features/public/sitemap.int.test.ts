/**
 * The sitemap and robots.txt on a real database: every address in the sitemap is a public page
 * that answers 200 to someone signed out; a partnership that is public but has published nothing,
 * and one that has published but is not public, are not in it; nothing staff-only is; and
 * robots.txt points to it and keeps crawlers out of the staff area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership } from '../../db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { charterTargets } from '../../../test/helpers/route-targets.js';

const ACTOR = { userId: null, label: 'test' };
const BASE = 'http://anchorage.test';

let t: TestApp;
let published: Partnership;
let nothing: Partnership;
let hidden: Partnership;
let ids: Record<string, string>;
let initiativeId: string;

/** A partnership with a year published (and corrected), a charter, a priority and an initiative. */
async function seeded(isPublic: boolean) {
  const p = await makePartnership(t.deps, { isPublic });
  const trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
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
  const initiative = await t.deps.initiatives.add(
    p.id,
    {
      title: 'Healthy homes',
      outcomes: 'Warmer homes',
      status: 'active',
      startsOn: '2025-05-01',
      endsOn: null,
      pillars: ['community'],
      vcsePartner: null,
      partners: [{ organisationId: trust.id, pooledPence: 0 }],
      milestones: [],
      evidenceLink: null,
      evidenceNote: '',
    },
    ACTOR,
  );
  return { p, charter, initiative };
}

beforeAll(async () => {
  t = await startTestApp();
  const a = await seeded(true);
  published = a.p;
  ids = a.charter;
  initiativeId = a.initiative;
  // Public, with organisations and a draft charter, but nothing published.
  nothing = await makePartnership(t.deps, { isPublic: true });
  await makeOrganisation(t.deps, nothing);
  await t.database.db
    .insertInto('charter_versions')
    .values({ partnership_id: nothing.id, number: 1, title: 'Draft', state: 'draft' })
    .execute();
  // Published everything, but not public.
  hidden = (await seeded(false)).p;
  // A hidden priority of the public partnership is not listed either.
  await t.database.db
    .insertInto('local_priorities')
    .values({
      partnership_id: published.id,
      title: 'Hidden priority',
      description: 'Hidden',
      pillar: 'community',
      state: 'hidden',
      hidden_reason: 'Off topic',
    })
    .execute();
});
afterAll(() => t?.close());

async function sitemapPaths() {
  const res = await t.client().get('/sitemap.xml');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  for (const loc of locs) expect(loc.startsWith(`${BASE}/`), loc).toBe(true);
  return { body: res.body, paths: locs.map((l) => l.slice(BASE.length)) };
}

describe('the sitemap', () => {
  it('lists every public page of a partnership that has published, each answering 200 signed out', async () => {
    const { paths, body } = await sitemapPaths();
    const slug = published.slug;
    for (const expected of [
      '/',
      '/accessibility',
      `/p/${slug}`,
      `/p/${slug}/figures/2025-26`,
      `/p/${slug}/figures/2025-26/revisions/1`,
      `/p/${slug}/figures/2025-26/revisions/2`,
      `/p/${slug}/pillars/workforce`,
      `/p/${slug}/reports/2025-26`,
      `/p/${slug}/methodology`,
      `/p/${slug}/downloads`,
      `/p/${slug}/charter/versions/1`,
      `/p/${slug}/charter/versions/1/consultation`,
      `/p/${slug}/priorities/${ids.priorityId}`,
      `/p/${slug}/initiatives`,
      `/p/${slug}/initiatives/${initiativeId}`,
    ])
      expect(paths, expected).toContain(expected);
    // The draft version 2 is not public.
    expect(paths).not.toContain(`/p/${slug}/charter/versions/2`);
    expect(body).toMatch(
      new RegExp(
        `<loc>${BASE}/p/${slug}/figures/2025-26</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>`,
      ),
    );
    const visitor = t.client();
    const failed: string[] = [];
    for (const path of paths) {
      const res = await visitor.get(path);
      if (res.status !== 200) failed.push(`${path}: ${res.status}`);
    }
    expect(failed).toEqual([]);
  });

  it('leaves out partnerships that are not public or have published nothing, and staff pages', async () => {
    const { paths } = await sitemapPaths();
    expect(paths.filter((p) => p.includes(`/p/${nothing.slug}`))).toEqual([]);
    expect(paths.filter((p) => p.includes(`/p/${hidden.slug}`))).toEqual([]);
    expect(paths.filter((p) => /^\/(manage|admin|account|sign-in|api)/.test(p))).toEqual([]);
    expect(paths.filter((p) => /\/(flag|new|follow|suggest|survey)$/.test(p))).toEqual([]);
    expect(paths.some((p) => p.includes('Hidden'))).toBe(false);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('robots.txt', () => {
  it('points to the sitemap and keeps crawlers out of the staff area', async () => {
    const res = await t.client().get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const line of [
      'Disallow: /manage',
      'Disallow: /account',
      'Disallow: /api/v1/partnerships/*/returns',
      `Sitemap: ${BASE}/sitemap.xml`,
    ])
      expect(res.body).toContain(line);
  });
});
