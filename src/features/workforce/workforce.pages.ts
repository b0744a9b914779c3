/**
 * The workforce pages: an organisation's figures from its payroll extracts, year by year, with the
 * rate and coverage beside each; and how the payroll import words itself (what is kept and what
 * is dropped, said before the upload).
 */
import {
  dataCoverage,
  dataCoverageText,
  figureText,
  isKnownEnough,
} from '../../core/figures/coverage.js';
import { calculator } from '../../core/figures/registry.js';
import { fyLabel } from '../../core/periods.js';
import { formatPounds } from '../../core/spend/amounts.js';
import { PAY_BANDS } from '../../core/workforce/pay.js';
import type { PayrollShare } from '../../core/workforce/aggregate.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { KindPages } from '../imports/imports.pages.js';
import { kindPath } from '../imports/imports.pages.js';
import type { PayrollRate, PayrollSummary } from './payroll-import.js';
import type { WorkforceYear } from './workforce.service.js';

export const V = 'features/workforce/views';

/** "UK rate £12.60 an hour (2024/25)" */
export function rateText(rate: PayrollRate): string {
  if (rate.years.length === 0) return 'No Real Living Wage rate applied on the pay dates';
  return rate.years
    .map((y) => `${rate.area} rate ${formatPounds(y.pence)} an hour (${y.year})`)
    .join('; ');
}

const pct = (f: PayrollShare, calc: Parameters<typeof calculator>[0]) => {
  const coverage = dataCoverage(f.coverage.known, f.coverage.total, calculator(calc).coverage!);
  return {
    value: figureText({ value: f.percent, known: isKnownEnough(coverage) }, '%'),
    counts: `${f.numerator.toLocaleString('en-GB')} of ${f.denominator.toLocaleString('en-GB')}`,
    coverage: dataCoverageText(coverage) ?? 'No staff in the extract',
  };
};

export const PAYROLL_PAGES: KindPages = {
  noun: 'payroll extract',
  segment: 'workforce',
  home: 'Workforce',
  intro: [
    'Upload a payroll or HR extract as CSV or Excel (XLSX), one row per person or post, for one financial year: the pay basis (an hourly rate, or an annual salary with contracted weekly hours), whether each person is directly employed or contracted-out, their home postcode, start date, and whether they are an apprentice or in a priority group.',
    'It gives the share of staff paid at least the Real Living Wage (W1, W2), living in the local area (W4) and in the most deprived areas (W5), and new starters from the local area (W6). Organisations without an extract enter these figures in their return instead.',
  ],
  keeps: {
    kept: [
      'For the year, counts only: how many directly employed and contracted-out staff, how many were paid at least the Real Living Wage that applied on the pay date, and in which pay band against it',
      'How many staff live in each local authority district and in each IMD decile, and how many started in the year, were apprentices or were from a priority group',
      'The file’s name, size and fingerprint (SHA-256), so the same file is never counted twice',
    ],
    dropped: [
      'Names, staff numbers, National Insurance numbers and dates of birth: these columns are not read',
      'Home postcodes: each is turned into its district and deprivation decile as the file is read, then dropped',
      'Exact pay: salaries and hourly rates are compared with the Real Living Wage and then dropped',
      'Rows we cannot use: only their line number and the reason are kept, never their contents',
    ],
  },
  afterwards:
    'The uploaded file is deleted as soon as the import ends, whether or not it succeeded: only the counts are kept. A file left waiting for its columns to be checked is deleted after an hour.',
  resultRows(r) {
    const s = r as unknown as Partial<PayrollSummary>;
    if (!s.figures || !s.rate) return [];
    return [
      { key: { text: 'Year' }, value: { text: s.year ?? '' } },
      { key: { text: 'Measured against' }, value: { text: rateText(s.rate) } },
      {
        key: { text: 'Directly employed staff paid at least the Real Living Wage (W1)' },
        value: { text: pct(s.figures.W1, 'payroll.rlw-direct').value },
      },
      {
        key: { text: 'Staff living in the local area (W4)' },
        value: { text: pct(s.figures.W4, 'payroll.local').value },
      },
      {
        key: { text: 'Staff living in IMD deciles 1–2 (W5)' },
        value: { text: pct(s.figures.W5, 'payroll.deprived').value },
      },
    ];
  },
};

export function workforcePage(
  partnership: Partnership,
  organisation: Organisation,
  years: readonly WorkforceYear[],
  may: { import: boolean },
) {
  const home = kindPath(partnership, organisation, PAYROLL_PAGES);
  return {
    title: `Workforce: ${organisation.name}`,
    organisation,
    importHref: may.import ? `${home}/import` : null,
    returnsHref: `/manage/${partnership.slug}/organisations/${organisation.id}/returns`,
    years: years.map((y) => ({
      label: fyLabel(y.fyStartYear, partnership.fy_start_month),
      rate: rateText(y.rate),
      corrected:
        y.corrected.length === 0
          ? null
          : `The Real Living Wage table has been corrected since this file was imported: ${y.corrected
              .map(
                (c) =>
                  `the ${y.rate.area} rate for ${c.year} was ${formatPounds(c.was)} an hour and ${
                    c.now === null ? 'is no longer in the table' : `is now ${formatPounds(c.now)}`
                  }`,
              )
              .join(
                '; ',
              )}. W1 and W2 below still compare pay with the old rate. Import this year’s payroll extract again to compare it with the corrected one.`,
      file: y.file,
      batchHref: `${home}/imports/${y.batchId}`,
      recordedAt: y.recordedAt,
      figures: [
        {
          id: 'W1',
          name: 'Directly employed staff paid at least the Real Living Wage',
          ...pct(y.figures.W1, 'payroll.rlw-direct'),
        },
        {
          id: 'W2',
          name: 'Contracted-out staff paid at least the Real Living Wage',
          ...pct(y.figures.W2, 'payroll.rlw-contracted'),
        },
        { id: 'W4', name: 'Staff living in the local area', ...pct(y.figures.W4, 'payroll.local') },
        {
          id: 'W5',
          name: 'Staff living in IMD deciles 1–2',
          ...pct(y.figures.W5, 'payroll.deprived'),
        },
        {
          id: 'W6',
          name: 'New starters from the local area',
          ...pct(y.figures.W6, 'payroll.new-starters-local'),
        },
      ],
      counts: [
        {
          key: { text: 'Directly employed staff' },
          value: { text: y.counts.direct.staff.toLocaleString('en-GB') },
        },
        {
          key: { text: 'Contracted-out staff' },
          value: { text: y.counts.contracted.staff.toLocaleString('en-GB') },
        },
        {
          key: { text: 'Started in the year (directly employed)' },
          value: { text: y.counts.starters.count.toLocaleString('en-GB') },
        },
        {
          key: { text: 'Apprentices who started in the year (for W7)' },
          value: { text: y.figures.W7.toLocaleString('en-GB') },
        },
        {
          key: { text: 'Starters from priority groups (for W8)' },
          value: { text: y.figures.W8.toLocaleString('en-GB') },
        },
      ],
      bands: PAY_BANDS.map((b) => [
        { text: b.label },
        { text: y.counts.direct.bands[b.id].toLocaleString('en-GB'), format: 'numeric' },
        { text: y.counts.contracted.bands[b.id].toLocaleString('en-GB'), format: 'numeric' },
      ]),
    })),
  };
}
