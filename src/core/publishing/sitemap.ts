/**
 * What search engines are given (issue 13, decision 037): a sitemap of every public page of every
 * partnership that has published something, with the day each last changed where it is known,
 * and a robots.txt that points to it and keeps crawlers out of everything that is not public.
 * Pure: plain data in, text out.
 */

import { PILLARS_AND_ACCOUNTABILITY } from '../pillars.js';

/** The sitemaps protocol's limit on the addresses in one file. */
export const MAX_SITEMAP_URLS = 50_000;

export interface SitemapEntry {
  /** The address on this service, from its root: "/p/demo/figures". */
  readonly path: string;
  /** When the page last changed, where known. */
  readonly lastmod?: Date | string | null;
}

/** What a public partnership has published, as the sitemap lists it. */
export interface PublishedSite {
  readonly slug: string;
  /** Every revision of every year published. */
  readonly publications: readonly {
    readonly fyStartYear: number;
    readonly revision: number;
    readonly publishedAt: Date;
  }[];
  /** The pillars with indicators in the latest year's latest revision (its pillar pages). */
  readonly pillars: readonly string[];
  /** The member organisations (their pages). */
  readonly organisations: readonly string[];
  /** Each published year's organisations, as its latest revision names them (their reports). */
  readonly reportOrganisations: ReadonlyMap<number, readonly string[]>;
  /** The versions of the charter that have left draft. */
  readonly versions: readonly {
    readonly number: number;
    readonly consulted: boolean;
    readonly updatedAt: Date;
    /** The keys of its commitments (their consultation pages). */
    readonly commitments: readonly string[];
  }[];
  /** Published local priorities, with when each last changed (raised or answered). */
  readonly priorities: readonly { readonly id: string; readonly changedAt: Date }[];
  readonly initiatives: readonly { readonly id: string; readonly updatedAt: Date }[];
}

/** The service's own public pages, outside any partnership. */
export const SITE_PAGES: readonly SitemapEntry[] = [
  { path: '/' },
  { path: '/about' },
  { path: '/accessibility' },
  { path: '/privacy' },
];

/** "2025-26" in addresses for the financial year starting in 2025. */
const yearParamOf = (fy: number) => `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;

const latestOf = (dates: readonly (Date | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((a, b) => (b && (!a || b > a) ? b : a), undefined);

/** Every public page of one partnership, each with the day it last changed where known. */
export function partnershipPages(site: PublishedSite): SitemapEntry[] {
  const base = `/p/${site.slug}`;
  const published = latestOf(site.publications.map((p) => p.publishedAt));
  const charter = latestOf(site.versions.map((v) => v.updatedAt));
  const out: SitemapEntry[] = [
    {
      path: base,
      lastmod: latestOf([
        published,
        charter,
        ...site.initiatives.map((i) => i.updatedAt),
        ...site.priorities.map((p) => p.changedAt),
      ]),
    },
    { path: `${base}/methodology`, lastmod: published },
    { path: `${base}/downloads`, lastmod: published },
  ];
  if (site.publications.length > 0) {
    out.push(
      { path: `${base}/figures`, lastmod: published },
      { path: `${base}/figures/data-dictionary` },
      ...PILLARS_AND_ACCOUNTABILITY.filter((p) => site.pillars.includes(p.id)).map((p) => ({
        path: `${base}/pillars/${p.id}`,
        lastmod: published,
      })),
    );
    const years = [...new Set(site.publications.map((p) => p.fyStartYear))].sort((a, b) => b - a);
    for (const fy of years) {
      const revisions = site.publications
        .filter((p) => p.fyStartYear === fy)
        .sort((a, b) => b.revision - a.revision);
      const year = yearParamOf(fy);
      const latest = revisions[0]?.publishedAt;
      out.push(
        { path: `${base}/figures/${year}`, lastmod: latest },
        ...revisions.map((r) => ({
          path: `${base}/figures/${year}/revisions/${r.revision}`,
          lastmod: r.publishedAt,
        })),
        { path: `${base}/reports/${year}`, lastmod: latest },
        ...(site.reportOrganisations.get(fy) ?? []).map((id) => ({
          path: `${base}/reports/${year}/organisations/${id}`,
          lastmod: latest,
        })),
      );
    }
  }
  out.push(
    ...site.organisations.map((id) => ({
      path: `${base}/organisations/${id}`,
      lastmod: published,
    })),
  );
  if (site.versions.length > 0) {
    out.push(
      { path: `${base}/charter`, lastmod: charter },
      { path: `${base}/charter/versions`, lastmod: charter },
    );
    for (const v of [...site.versions].sort((a, b) => b.number - a.number)) {
      const at = `${base}/charter/versions/${v.number}`;
      out.push({ path: at, lastmod: v.updatedAt });
      if (v.consulted)
        out.push(
          { path: `${at}/consultation` },
          ...v.commitments.map((key) => ({ path: `${at}/consultation/${key}` })),
        );
    }
    if (site.versions.some((v) => v.consulted)) out.push({ path: `${base}/you-said-we-did` });
  }
  out.push(
    {
      path: `${base}/priorities`,
      lastmod: latestOf(site.priorities.map((p) => p.changedAt)),
    },
    ...site.priorities.map((p) => ({ path: `${base}/priorities/${p.id}`, lastmod: p.changedAt })),
    {
      path: `${base}/initiatives`,
      lastmod: latestOf(site.initiatives.map((i) => i.updatedAt)),
    },
    ...site.initiatives.map((i) => ({
      path: `${base}/initiatives/${i.id}`,
      lastmod: i.updatedAt,
    })),
  );
  return out;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

const dayOf = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);

/**
 * The sitemap: the first MAX_SITEMAP_URLS of the entries (any more are left out, and `truncated`
 * says so), each address absolute and escaped, each lastmod a day (W3C date).
 */
export function sitemapXml(
  baseUrl: string,
  entries: Iterable<SitemapEntry>,
): { xml: string; count: number; truncated: boolean } {
  const root = baseUrl.replace(/\/+$/, '');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  let count = 0;
  let truncated = false;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) continue;
    if (count >= MAX_SITEMAP_URLS) {
      truncated = true;
      break;
    }
    seen.add(e.path);
    count++;
    const lastmod = e.lastmod ? `<lastmod>${dayOf(e.lastmod)}</lastmod>` : '';
    lines.push(`<url><loc>${escapeXml(`${root}${e.path}`)}</loc>${lastmod}</url>`);
  }
  lines.push('</urlset>');
  return { xml: `${lines.join('\n')}\n`, count, truncated };
}

/**
 * Addresses crawlers are asked to keep out of: everything behind a sign-in, the sign-in and
 * account journeys, links sent by email, and the public forms (raising, reporting, following).
 */
export const DISALLOWED = [
  '/manage',
  '/admin',
  '/account',
  '/api/v1/partnerships/*/returns',
  '/sign-in',
  '/sign-out',
  '/signed-out',
  '/join',
  '/check-your-email',
  '/forgot-password',
  '/reset-password',
  '/invitations',
  '/survey',
  '/health',
  '/p/*/follow',
  '/p/*/unfollow',
  '/p/*/priorities/new',
  '/p/*/consultation/suggest',
  '/p/*/consultation/survey',
  '/p/*/flag',
] as const;

export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${baseUrl.replace(/\/+$/, '')}/sitemap.xml`,
    '',
  ].join('\n');
}
