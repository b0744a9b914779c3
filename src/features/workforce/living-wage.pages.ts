/** The Real Living Wage pages of the platform area: the table, adding a year, correcting one. */
import { formatDate, formatDateTime } from '../../core/dates.js';
import { formatPounds } from '../../core/spend/amounts.js';
import {
  LIVING_WAGE_RULE,
  nextYearLabel,
  type LivingWageRate,
} from '../../core/workforce/living-wage.js';
import type { FormErrors } from '../../http/form-errors.js';
import type { LivingWageEntry } from './living-wage.service.js';

export const V = 'features/workforce/views';
export const LIVING_WAGE_PATH = '/admin/living-wage';
const PLATFORM = { href: '/admin', text: 'Platform' };

/** "2024/25" in a web address: "2024-25". */
export const yearSlug = (yearLabel: string) => yearLabel.replace('/', '-');
export const yearOfSlug = (slug: string) => slug.replace('-', '/');

interface FormState {
  readonly values: Record<string, unknown>;
  readonly errors: FormErrors;
}

/** The table as rows for the nhsuk table macro, newest year first. */
export function rateRows(rates: readonly LivingWageRate[]) {
  return [...rates]
    .sort((a, b) => (a.appliesFrom < b.appliesFrom ? 1 : -1))
    .map((r) => [
      { text: r.yearLabel, classes: 'app-nowrap' },
      { text: formatPounds(r.ukPence), format: 'numeric' },
      { text: formatPounds(r.londonPence), format: 'numeric' },
      { text: formatDate(r.announcedOn) },
      { text: formatDate(r.appliesFrom) },
    ]);
}

export function livingWagePage(entries: readonly LivingWageEntry[]) {
  return {
    title: 'Real Living Wage rates',
    rule: LIVING_WAGE_RULE,
    entries: entries.map((e) => ({
      ...e,
      uk: formatPounds(e.ukPence),
      london: formatPounds(e.londonPence),
      announced: formatDate(e.announcedOn),
      applies: formatDate(e.appliesFrom),
      changed: e.changedAt ? `${formatDateTime(e.changedAt)} by ${e.changedBy ?? 'someone'}` : '',
      href: `${LIVING_WAGE_PATH}/${yearSlug(e.yearLabel)}/edit`,
    })),
    nextYear: nextYearLabel(entries),
    breadcrumbs: [PLATFORM],
  };
}

/** Adding the next year's rates (year null), or correcting a year's. */
export function rateFormPage(year: string | null, form: FormState) {
  return {
    title: year ? `Correct the ${year} rates` : 'Add a year’s rates',
    year,
    ...form,
    action: year ? `${LIVING_WAGE_PATH}/${yearSlug(year)}/edit` : `${LIVING_WAGE_PATH}/new`,
    back: { href: LIVING_WAGE_PATH, text: 'Back to the Real Living Wage rates' },
  };
}
