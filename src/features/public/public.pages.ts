/** What the public partnership page shows, from the one read of the partnership (decision 038). */
import { escapeXml } from '../../core/charts/frame.js';
import { formatDate } from '../../core/dates.js';
import { organisationTypeLabel } from '../../core/organisation-types.js';
import {
  HEADLINE_LABELS,
  HEADLINE_STATUSES,
  pillarHeadlines,
} from '../../core/publishing/headlines.js';
import { listInWords } from '../../core/registers/initiative-public.js';
import { publicYearPath } from '../publishing/publishing.pages.js';
import { fyLabel, type Publication } from '../publishing/publishing.service.js';
import type { PublicPartnership } from './public.service.js';

/** The partnership's page in one sentence: who is in it, where, and what it has published. */
function partnershipDescription(
  name: string,
  organisations: number,
  areas: readonly string[],
  latest: { year: string; on: string } | undefined,
) {
  const where =
    areas.length <= 3 ? listInWords(areas) : `${areas.length} local authority districts`;
  const members = `${organisations} ${organisations === 1 ? 'member organisation' : 'member organisations'}`;
  const figures = latest
    ? `its social value figures for ${latest.year} (published on ${latest.on}) and whether each is on track`
    : 'its social value figures once they are published';
  return `${name}, a partnership of ${members} in ${where}: its Social Value Charter and who signed it, ${figures}, joint initiatives, and its answers to what residents raised.`;
}

export function partnershipPage(
  site: PublicPartnership,
  latest: Publication | undefined,
  districtName: (code: string) => string,
) {
  const { partnership, organisations, charter } = site;
  const slug = partnership.slug;
  const areaNames = partnership.local_area.map(districtName);
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const headlines = latest ? pillarHeadlines(latest.snapshot) : [];
  return {
    title: partnership.name,
    description: partnershipDescription(
      partnership.name,
      organisations.length,
      areaNames,
      latest && { year: fyLabel(latest.fyStartYear), on: formatDate(latest.publishedAt) },
    ),
    published: latest
      ? {
          href: publicYearPath(slug, latest.fyStartYear),
          text: `Figures for ${fyLabel(latest.fyStartYear)}`,
          years: site.published.latestOfEachYear().length,
          caption: `Indicators by status, as published for ${fyLabel(latest.fyStartYear)}`,
          head: [
            { text: 'Pillar' },
            ...HEADLINE_STATUSES.map((s) => ({ text: HEADLINE_LABELS[s], format: 'numeric' })),
          ],
          rows: headlines.map((h) => [
            {
              html: `<a href="/p/${slug}/pillars/${h.id}">${escapeXml(h.title)}</a>`,
              header: true,
            },
            ...HEADLINE_STATUSES.map((s) => ({
              text: String(h.counts[s]),
              format: 'numeric',
            })),
          ]),
          summary: headlines.map((h) => `${h.title}: ${h.text}.`).join(' '),
        }
      : undefined,
    charter: charter && {
      text: `Version ${charter.number} of the charter, “${charter.title}”, adopted on ${formatDate(charter.adoptedOn)}: ${charter.commitments} ${charter.commitments === 1 ? 'commitment' : 'commitments'}.`,
      signed: `${charter.signatures.length} of ${organisations.length} member ${organisations.length === 1 ? 'organisation has' : 'organisations have'} signed it.`,
      signatures: charter.signatures.map((s) => ({
        name: organisationName.get(s.organisationId) ?? 'A former member',
        href: organisationName.has(s.organisationId)
          ? `/p/${slug}/organisations/${s.organisationId}`
          : undefined,
        signedOn: formatDate(s.signedOn),
      })),
    },
    area: partnership.local_area.map((code) => ({ code, name: districtName(code) })),
    organisations: organisations.map((o) => ({ ...o, typeLabel: organisationTypeLabel(o.type) })),
    breadcrumbs: [{ href: '/', text: 'Home' }],
  };
}
