/**
 * The partnership lead's spend upload form: they choose the member organisation the file is for,
 * then upload it as that organisation's import (rows are written for it; the audit log records
 * who imported it for whom).
 */
import type { Organisation, Partnership } from '../../db/schema.js';
import { formErrors, noErrors } from '../../http/form-errors.js';

export const IMPORT_FOR_VIEW = 'features/spend/views/import-for.njk';

export const importForPath = (p: Partnership) => `/manage/${p.slug}/spend/import`;

export function importForPage(
  partnership: Partnership,
  organisations: readonly Organisation[],
  chosenId: string | undefined,
  maxBytes: number,
) {
  const chosen = organisations.find((o) => o.id === chosenId);
  // Sent without a choice (or with one that is not a member): say so, as any form would.
  const errors =
    chosenId !== undefined && !chosen
      ? formErrors([{ field: 'organisation', text: 'Choose the organisation this spend is for' }])
      : noErrors;
  return {
    errors,
    title: chosen ? `Import a spend file for ${chosen.name}` : 'Import a spend file for a member',
    path: importForPath(partnership),
    organisations: [
      { value: '', text: 'Choose an organisation', selected: !chosen },
      ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen?.id })),
    ],
    chosen: chosen ?? null,
    action: chosen
      ? `/manage/${partnership.slug}/organisations/${chosen.id}/spend/import`
      : undefined,
    maxMb: Math.round((maxBytes / 1024 / 1024) * 10) / 10,
    breadcrumbs: [
      { href: `/manage/${partnership.slug}`, text: partnership.name },
      { href: `/manage/${partnership.slug}/spend`, text: 'Spend' },
    ],
  };
}
