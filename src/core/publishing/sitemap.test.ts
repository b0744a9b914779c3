import { describe, expect, it } from 'vitest';
import {
  MAX_SITEMAP_URLS,
  partnershipPages,
  robotsTxt,
  sitemapXml,
  type PublishedSite,
} from './sitemap.js';

const site = (over: Partial<PublishedSite> = {}): PublishedSite => ({
  slug: 'walton',
  publications: [],
  pillars: [],
  organisations: [],
  reportOrganisations: new Map(),
  versions: [],
  priorities: [],
  initiatives: [],
  ...over,
});

describe('the pages of a partnership in the sitemap', () => {
  it('lists each year, its revisions and reports, the pillars published and the organisations', () => {
    const pages = partnershipPages(
      site({
        publications: [
          { fyStartYear: 2025, revision: 1, publishedAt: new Date('2026-05-01T09:00:00Z') },
          { fyStartYear: 2025, revision: 2, publishedAt: new Date('2026-06-02T09:00:00Z') },
          { fyStartYear: 2024, revision: 1, publishedAt: new Date('2025-05-01T09:00:00Z') },
        ],
        pillars: ['workforce', 'accountability', 'not-a-pillar'],
        organisations: ['org-1'],
        reportOrganisations: new Map([[2025, ['org-1']]]),
      }),
    );
    const byPath = new Map(pages.map((p) => [p.path, p.lastmod]));
    expect(byPath.get('/p/walton')).toEqual(new Date('2026-06-02T09:00:00Z'));
    expect(byPath.get('/p/walton/figures/2025-26')).toEqual(new Date('2026-06-02T09:00:00Z'));
    expect(byPath.get('/p/walton/figures/2025-26/revisions/1')).toEqual(
      new Date('2026-05-01T09:00:00Z'),
    );
    expect(byPath.has('/p/walton/figures/2024-25/revisions/1')).toBe(true);
    expect(byPath.has('/p/walton/reports/2025-26/organisations/org-1')).toBe(true);
    expect(byPath.has('/p/walton/reports/2024-25')).toBe(true);
    expect(byPath.has('/p/walton/pillars/workforce')).toBe(true);
    expect(byPath.has('/p/walton/pillars/accountability')).toBe(true);
    expect(byPath.has('/p/walton/pillars/not-a-pillar')).toBe(false);
    expect(byPath.has('/p/walton/organisations/org-1')).toBe(true);
    expect(byPath.has('/p/walton/downloads')).toBe(true);
    // No charter yet: none of its pages.
    expect([...byPath.keys()].some((p) => p.includes('/charter'))).toBe(false);
  });

  it('lists the charter’s versions, the consultations and their commitments, priorities and initiatives', () => {
    const paths = partnershipPages(
      site({
        versions: [
          { number: 1, consulted: true, updatedAt: new Date(), commitments: ['C1', 'C2'] },
          { number: 2, consulted: false, updatedAt: new Date(), commitments: ['C1'] },
        ],
        priorities: [{ id: 'pr-1', changedAt: new Date('2026-01-05T00:00:00Z') }],
        initiatives: [{ id: 'in-1', updatedAt: new Date('2026-02-05T00:00:00Z') }],
      }),
    ).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/p/walton/charter',
        '/p/walton/charter/versions/1',
        '/p/walton/charter/versions/1/consultation',
        '/p/walton/charter/versions/1/consultation/C2',
        '/p/walton/charter/versions/2',
        '/p/walton/you-said-we-did',
        '/p/walton/priorities/pr-1',
        '/p/walton/initiatives/in-1',
      ]),
    );
    expect(paths).not.toContain('/p/walton/charter/versions/2/consultation');
    // Nothing published: no figures pages.
    expect(paths.some((p) => p.includes('/figures'))).toBe(false);
  });
});

describe('the sitemap', () => {
  it('writes absolute, escaped addresses with the day each changed', () => {
    const { xml } = sitemapXml('https://anchors.example/a&b/', [
      { path: '/p/x', lastmod: new Date('2026-05-01T23:30:00Z') },
      { path: '/p/x/figures', lastmod: '2026-04-01' },
      { path: '/p/x' },
      { path: '/p/<y>' },
    ]);
    expect(xml).toContain(
      '<url><loc>https://anchors.example/a&amp;b/p/x</loc><lastmod>2026-05-01</lastmod></url>',
    );
    expect(xml).toContain('<lastmod>2026-04-01</lastmod>');
    expect(xml).toContain('<loc>https://anchors.example/a&amp;b/p/&lt;y&gt;</loc></url>');
    // Each address once.
    expect(xml.match(/a&amp;b\/p\/x<\/loc>/g)).toHaveLength(1);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')).toBe(true);
  });

  it('holds no more addresses than the protocol allows', () => {
    function* many() {
      for (let n = 0; n < MAX_SITEMAP_URLS + 10; n++) yield { path: `/p/x/${n}` };
    }
    const { xml, count, truncated } = sitemapXml('https://a.example', many());
    expect(count).toBe(MAX_SITEMAP_URLS);
    expect(truncated).toBe(true);
    expect(xml.match(/<url>/g)).toHaveLength(MAX_SITEMAP_URLS);
    expect(sitemapXml('https://a.example', [{ path: '/' }]).truncated).toBe(false);
  });
});

describe('robots.txt', () => {
  it('points to the sitemap and keeps crawlers out of what is not public', () => {
    const text = robotsTxt('https://anchors.example/');
    expect(text).toContain('User-agent: *\n');
    for (const path of ['/manage', '/account', '/admin', '/api/v1/partnerships/*/returns'])
      expect(text).toContain(`Disallow: ${path}\n`);
    expect(text).toContain('Sitemap: https://anchors.example/sitemap.xml\n');
    expect(text).not.toMatch(/^Disallow: \/p\/?$/m);
  });
});
