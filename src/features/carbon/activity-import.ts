/**
 * Two kinds of the import engine for an organisation's activity data for a financial year:
 * - the activity template: one row per activity (its code or its name, and the quantity in the
 *   activity's unit), as downloaded from the environment page;
 * - the NHS estates return (ERIC), trust level: one row per trust, of which the trust's own row
 *   (chosen by its code) is read; the other trusts' rows are not for this import.
 * Both record their quantities through `record` (activity.service.ts), in the import's
 * transaction, as a new version of each quantity that changed, and the figures are worked out
 * again there.
 */
import { ACTIVITIES, activityByCode } from '../../core/carbon/activities.js';
import { parseDecimal } from '../../core/carbon/decimal.js';
import { isEricHeader, readEricRow, type EricReading } from '../../core/carbon/eric.js';
import { fyLabel } from '../../core/periods.js';
import {
  EXCEL_CELL_CHARS,
  RETURN_TEMPLATE_LIMITS,
  type XlsxLimits,
} from '../../core/file-limits.js';
import { normaliseHeader } from '../../core/imports/columns.js';
import type { CollectedKind } from '../imports/collected.js';
import { ImportError } from '../imports/files.js';
import { record } from './activity.service.js';

/** What an activity import reports: the quantities recorded, and which changed. */
export interface ActivitySummary {
  readonly year: string;
  readonly source: string;
  readonly recorded: number;
  readonly changed: number;
}

const byName = new Map(ACTIVITIES.map((a) => [normaliseHeader(a.label), a]));

/** An activity named by its code ("gas") or as the template names it ("Natural gas"). */
function activityNamed(text: string) {
  return activityByCode(text.trim().toLowerCase()) ?? byName.get(normaliseHeader(text));
}

type ActivityField = 'activity' | 'quantity';

export const ACTIVITY_TEMPLATE_KIND: CollectedKind<
  ActivityField,
  { activity: string; quantity: string; line: number },
  ActivitySummary
> = {
  id: 'activity',
  jobKind: 'activity-import',
  noun: 'activity data file',
  auditAction: 'carbon.activity.imported',
  fields: [
    {
      id: 'activity',
      label: 'Activity',
      required: true,
      synonyms: ['activity', 'activity code', 'code', 'source', 'item'],
    },
    {
      id: 'quantity',
      label: 'Quantity',
      required: true,
      synonyms: ['quantity', 'amount', 'value', 'consumption', 'total'],
    },
  ],
  limits: RETURN_TEMPLATE_LIMITS,
  textChars: 200,
  keep: (row) => row.fields.slice(0, 10),
  async prepare({ target }) {
    if (target.fyStartYear === null)
      throw new ImportError('Choose the financial year the file is for');
    const seen = new Map<string, number>();
    return {
      parse(row, reasons) {
        const named = row.value('activity');
        const activity = named ? activityNamed(named) : undefined;
        if (!named) reasons.push(`Column ${row.column('activity')}: empty`);
        else if (!activity)
          reasons.push(
            `Column ${row.column('activity')}: “${named.slice(0, 60)}” is not an activity of the template`,
          );
        const text = row.value('quantity');
        const quantity = text ? parseDecimal(text) : null;
        if (!text) reasons.push(`Column ${row.column('quantity')}: empty`);
        else if (quantity === null) reasons.push(`Column ${row.column('quantity')}: not a number`);
        else if (quantity.startsWith('-'))
          reasons.push(`Column ${row.column('quantity')}: less than zero`);
        if (activity && seen.has(activity.code))
          reasons.push(
            `Column ${row.column('activity')}: ${activity.label} is already on line ${seen.get(activity.code)}`,
          );
        if (reasons.length || !activity || quantity === null) return null;
        seen.set(activity.code, row.line);
        return { activity: activity.code, quantity, line: row.line };
      },
      async store({ trx, partnership, organisation, fyStartYear, actor }, rows) {
        const year = fyStartYear as number;
        const recorded = await record(trx, {
          partnershipId: partnership.id,
          organisationId: organisation.id,
          fyStartYear: year,
          quantities: rows.map((r) => ({ activity: r.activity, quantity: r.quantity })),
          source: 'template',
          sourceDetail: 'activity template',
          actor,
        });
        return {
          summary: {
            year: fyLabel(year, partnership.fy_start_month),
            source: 'activity template',
            recorded: rows.length,
            changed: recorded.changed.length,
          },
          // A quantity the same as the one recorded is already loaded.
          duplicates: rows.length - recorded.changed.length,
        };
      },
    };
  },
};

/** An estates return: a little over 250 trusts a year, 115 to 194 columns. */
const ERIC_LIMITS: XlsxLimits = {
  ...RETURN_TEMPLATE_LIMITS,
  columns: 400,
  cellChars: EXCEL_CELL_CHARS,
};

type EricField = 'organisationCode';

export const ERIC_KIND: CollectedKind<EricField, EricReading, ActivitySummary> = {
  id: 'eric',
  jobKind: 'eric-import',
  noun: 'estates return (ERIC)',
  auditAction: 'carbon.activity.imported',
  fields: [
    {
      id: 'organisationCode',
      label: 'Organisation code',
      required: true,
      synonyms: ['organisation code', 'trust code', 'org code'],
    },
  ],
  limits: ERIC_LIMITS,
  textChars: 200,
  keep: (row) => row.fields.slice(0, 2),
  async prepare({ target, headers }) {
    if (target.fyStartYear === null)
      throw new ImportError('Choose the financial year the return is for');
    if (!isEricHeader(headers))
      throw new ImportError(
        'This is not a trust-level estates return (ERIC): it needs the columns “Organisation Code” and “Gas consumed …”',
      );
    const wanted = (target.option ?? target.organisation.code).trim().toUpperCase();
    let found = 0;
    return {
      parse(row, reasons) {
        if (row.value('organisationCode').toUpperCase() !== wanted) return null;
        found += 1;
        if (found > 1) {
          reasons.push(`Column ${row.column('organisationCode')}: ${wanted} has a row already`);
          return null;
        }
        return readEricRow(headers, row.fields);
      },
      async store({ trx, partnership, organisation, fyStartYear, actor }, rows) {
        const reading = rows[0];
        if (!reading)
          throw new ImportError(
            `The return has no row for the trust code ${wanted}. Enter the code the return uses for ${organisation.name}.`,
          );
        const year = fyStartYear as number;
        const source = `ERIC ${fyLabel(year, partnership.fy_start_month)}, trust ${reading.organisationCode}${reading.organisationName ? ` (${reading.organisationName})` : ''}`;
        const recorded = await record(trx, {
          partnershipId: partnership.id,
          organisationId: organisation.id,
          fyStartYear: year,
          quantities: reading.activities,
          source: 'eric',
          sourceDetail: source,
          actor,
        });
        return {
          summary: {
            year: fyLabel(year, partnership.fy_start_month),
            source,
            recorded: reading.activities.length,
            changed: recorded.changed.length,
          },
          duplicates: recorded.changed.length === 0 ? 1 : 0,
        };
      },
    };
  },
};
