/** How the activity template and estates-return imports word themselves, and the template itself. */
import { ACTIVITIES } from '../../core/carbon/activities.js';
import type { KindPages } from '../imports/imports.pages.js';
import type { CollectedKindSpec } from '../imports/imports.service.js';
import { ACTIVITY_TEMPLATE_KIND, ERIC_KIND, type ActivitySummary } from './activity-import.js';
import { ENVIRONMENT_YEARS } from './environment.pages.js';

const AFTERWARDS = 'The uploaded file is deleted when the import ends; the quantities are kept.';

function activityRows(r: Record<string, unknown>, again = false) {
  const s = r as unknown as Partial<ActivitySummary>;
  if (s.recorded === undefined) return [];
  return [
    { key: { text: 'Year' }, value: { text: s.year ?? '' } },
    { key: { text: 'From' }, value: { text: s.source ?? '' } },
    { key: { text: 'Quantities in the file' }, value: { text: String(s.recorded) } },
    {
      key: { text: 'Quantities that changed' },
      value: { text: again ? '0 (the file had been imported before)' : String(s.changed ?? 0) },
    },
  ];
}

export const ACTIVITY_SPEC: CollectedKindSpec<string> = {
  kind: ACTIVITY_TEMPLATE_KIND,
  personal: false,
  forYear: true,
  yearsOffered: ENVIRONMENT_YEARS,
  viewAction: 'environment.view',
  importAction: 'environment.edit',
};

export const ACTIVITY_PAGES: KindPages = {
  noun: 'activity data file',
  segment: 'environment/template',
  home: 'Environment',
  intro: [
    'Upload a year’s activity data as CSV or Excel (XLSX): one row per activity, with its code or name and the quantity in its unit (kWh, litres, km, m³, tonnes or kg). Start from the template on the environment page, which lists every activity and its unit.',
    'Each quantity that differs from the one recorded for the year is recorded again, and the one before it is kept in the history; emissions are worked out again with the conversion factors of that year.',
  ],
  afterwards: AFTERWARDS,
  resultRows: activityRows,
};

export const ERIC_SPEC: CollectedKindSpec<string> = {
  kind: ERIC_KIND,
  personal: false,
  forYear: true,
  yearsOffered: ENVIRONMENT_YEARS,
  option: {
    label: 'Trust code in the return',
    hint: 'The organisation code the return uses for this trust, for example RQ6. Codes change when trusts merge.',
  },
  viewAction: 'environment.view',
  importAction: 'environment.edit',
};

export const ERIC_PAGES: KindPages = {
  noun: 'estates return (ERIC)',
  segment: 'environment/eric',
  home: 'Environment',
  intro: [
    'Upload NHS Digital’s trust-level Estates Returns Information Collection (ERIC) for a year, as CSV or Excel (XLSX): the file with one row per trust. Only your trust’s row is read, chosen by its code on the next page.',
    'It records electricity (and the renewable part), gas, oil, coal, steam and hot water, water, and waste by disposal route. Column names that changed between years are recognised.',
  ],
  afterwards: AFTERWARDS,
  resultRows: activityRows,
};

/** The activity template: every activity with its code and unit, and an empty quantity. */
export function activityTemplateRows(): string[][] {
  return [
    ['activity', 'name', 'unit', 'quantity'],
    ...ACTIVITIES.map((a) => [a.code, a.label, a.unit, '']),
  ];
}
