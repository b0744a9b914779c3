/**
 * Nunjucks, with nhsuk-frontend's own templates and macros on the search path
 * ("nhsuk/components/button/macro.njk"), and our views under src/.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from '../core/dates.js';
import { describeAuditAction, describeAuditEntity } from '../core/audit-actions.js';
import { PILLARS } from '../core/pillars.js';
import { RETURN_STATES } from '../core/return-states.js';
import { formatPounds } from '../core/spend/amounts.js';
import { MONTH_NAMES } from '../lib/months.js';
import { SRC_DIR } from '../lib/root.js';

const require = createRequire(import.meta.url);
export const NHSUK_DIST = path.join(
  path.dirname(require.resolve('nhsuk-frontend/package.json')),
  'dist',
);

const numberFormat = new Intl.NumberFormat('en-GB');

export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([SRC_DIR, NHSUK_DIST], {
    noCache: options.watch ?? false,
  });
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // Dates as people read them: one formatter for the whole service (core/dates.ts).
  env.addFilter('date', (value: unknown) => (value ? formatDate(toDate(value)) : ''));
  env.addFilter('datetime', (value: unknown) => (value ? formatDateTime(toDate(value)) : ''));
  env.addFilter('number', (value: unknown) =>
    typeof value === 'number' ? numberFormat.format(value) : typeof value === 'string' ? value : '',
  );
  // A count with its noun: 1 row, 2 rows, 1,200 rows (`n | count('row')`; an irregular plural second).
  env.addFilter('count', (value: unknown, one: string, many?: string) => {
    const n = Number(value);
    return `${numberFormat.format(n)} ${n === 1 ? one : (many ?? `${one}s`)}`;
  });
  // Pounds from an exact decimal string ("-1250.5" → "−£1,250.50"), without going through floats.
  env.addFilter('money', (value: unknown) => {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
    if (!m) return text;
    const pence = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    return formatPounds(m[1] ? -pence : pence);
  });
  env.addFilter('auditAction', (value: unknown) =>
    typeof value === 'string' ? describeAuditAction(value) : '',
  );
  env.addFilter('auditEntity', (value: unknown) =>
    typeof value === 'string' ? describeAuditEntity(value) : '',
  );
  env.addFilter('monthName', (value: unknown) => MONTH_NAMES[Number(value) - 1] ?? '');
  // A record shown to people (the audit log's before and after): its dates read as dates.
  env.addFilter('json', (value: unknown) => JSON.stringify(value, readableDates, 2));

  env.addGlobal('PILLARS', PILLARS);
  env.addGlobal('RETURN_STATES', RETURN_STATES);
  return env;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function readableDates(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (ISO_DAY.test(value)) return formatDate(value);
  if (ISO_MOMENT.test(value)) return formatDateTime(value);
  return value;
}

/** A Date as it is; a calendar date ("2027-02-28") kept as text, so it is that day. */
function toDate(value: unknown): Date | string {
  return value instanceof Date ? value : String(value);
}
