/**
 * The public downloads page (issue 13, SPEC §2.9): every open-data file a partnership publishes,
 * with when each was published and the licence: each published year's figures as CSV and JSON
 * (its latest revision, and each earlier revision at its own address), the data dictionary and
 * the annual report of each year as a PDF.
 */
import { formatDate } from '../../core/dates.js';
import { OGL_ATTRIBUTION, OGL_URL } from '../../core/publishing/open-data.js';
import { reportPath } from '../reports/reports.service.js';
import { publicYearPath } from './publishing.pages.js';
import { fyLabel } from './publishing.service.js';

/** A published revision, without its figures. */
interface Revision {
  readonly fyStartYear: number;
  readonly revision: number;
  readonly publishedAt: Date;
  readonly correctionReason: string | null;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `years`: each published year's revisions, latest first (any order of years). */
export function downloadsPage(
  partnership: { readonly name: string; readonly slug: string },
  years: readonly (readonly Revision[])[],
) {
  const published = years
    .filter((revisions) => revisions.length > 0)
    .sort((a, b) => b[0]!.fyStartYear - a[0]!.fyStartYear);
  const latest = published
    .map((revisions) => revisions[0]!.publishedAt)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const slug = partnership.slug;
  return {
    title: 'Open data downloads',
    caption: partnership.name,
    description: latest
      ? `Open data from ${partnership.name}: its social value figures for ${count(published.length, 'year')} as CSV and JSON with every revision, the data dictionary and the annual reports, under the Open Government Licence v3.0; last published on ${formatDate(latest)}.`
      : `Open data from ${partnership.name}: nothing has been published yet; the data dictionary says what each file will hold, under the Open Government Licence v3.0.`,
    years: published.map((revisions) => {
      const current = revisions[0]!;
      const fy = current.fyStartYear;
      const on = formatDate(current.publishedAt);
      const base = publicYearPath(slug, fy);
      const report = reportPath(slug, fy);
      return {
        id: `year-${fy}`,
        label: fyLabel(fy),
        page: base,
        lastPublished: `Last published on ${on}${current.revision > 1 ? `, as revision ${current.revision}` : ''}.`,
        files: [
          { text: `Figures for ${fyLabel(fy)} (CSV)`, href: `${base}/figures.csv`, on },
          { text: `Figures for ${fyLabel(fy)} (JSON)`, href: `${base}/figures.json`, on },
          { text: `Annual report ${fyLabel(fy)} (PDF)`, href: `${report}/report.pdf`, on },
        ],
        reportPage: report,
        earlier: revisions.slice(1).map((r) => {
          const at = publicYearPath(slug, fy, r.revision);
          return {
            revision: r.revision,
            text: `Revision ${r.revision}, published on ${formatDate(r.publishedAt)}`,
            csv: `${at}/figures.csv`,
            json: `${at}/figures.json`,
          };
        }),
        corrected: revisions
          .filter((r) => r.correctionReason)
          .map(
            (r) => `Revision ${r.revision} corrected the figures because: ${r.correctionReason}`,
          ),
      };
    }),
    dictionary: `/p/${slug}/figures/data-dictionary`,
    figures: `/p/${slug}/figures`,
    attribution: OGL_ATTRIBUTION,
    licenceUrl: OGL_URL,
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${slug}`, text: partnership.name },
    ],
  };
}
