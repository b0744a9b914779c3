/**
 * Reading a register entry's form: each field by its kind (dates from three boxes, money to
 * whole pence, hours to two decimal places, postcodes normalised), with a message naming the
 * field for each problem, and the evidence every entry may carry (a link and a note). Pure.
 */
import { normalisePostcode } from '../../lib/postcodes.js';
import { parseNumber } from '../framework/format.js';
import { parseAmount } from '../spend/amounts.js';
import type { EntryColumn, RegisterDefinition, RegisterField } from './registers.js';

export interface EntryValues {
  readonly title: string;
  readonly detail: string;
  readonly occurredOn: string;
  readonly endsOn: string | null;
  readonly hours: number | null;
  readonly homes: number | null;
  readonly amountPence: number | null;
  readonly contractorPostcode: string | null;
  readonly localStated: boolean | null;
  readonly releasedFor: 'housing' | 'community' | null;
  readonly participants: number | null;
  readonly participantsDeprived: number | null;
  readonly evidenceLink: string | null;
  readonly evidenceNote: string;
}

export interface Problem {
  readonly field: string;
  readonly text: string;
}

export type EntryRead =
  | { readonly ok: true; readonly values: EntryValues }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const MAX_TEXT = 200;
const MAX_LONG = 4000;
const MAX_HOURS = 1_000_000;
const MAX_COUNT = 10_000_000;
/** £10 billion: far beyond any one payment or grant, well inside safe integers. */
const MAX_PENCE = 1_000_000_000_000;

function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** An ISO date from the NHS date input's three boxes; '' when all are empty, null when not a date. */
export function dateFromBoxes(body: Record<string, unknown>, name: string): string | null {
  const d = text(body, `${name}-day`);
  const m = text(body, `${name}-month`);
  const y = text(body, `${name}-year`);
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A web address people can follow: http or https, with a host. */
export function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
const plainLabel = (f: RegisterField) => lower(f.label.replace(/ \((optional|£)\)$/, ''));

/** Where a field's problem is shown: a date's day box, a choice's first option, or the box. */
export function fieldAnchor(f: RegisterField): string {
  return f.kind === 'date' ? `${f.name}-day` : f.name;
}

type Mutable = { -readonly [K in keyof EntryValues]: EntryValues[K] };

/** An entry with nothing in it, to fill in. */
export const BLANK_ENTRY: EntryValues = {
  title: '',
  detail: '',
  occurredOn: '',
  endsOn: null,
  hours: null,
  homes: null,
  amountPence: null,
  contractorPostcode: null,
  localStated: null,
  releasedFor: null,
  participants: null,
  participantsDeprived: null,
  evidenceLink: null,
  evidenceNote: '',
};

/** Reads and checks a register entry's form. */
export function readEntry(def: RegisterDefinition, body: Record<string, unknown>): EntryRead {
  const problems: Problem[] = [];
  const values: Mutable = { ...BLANK_ENTRY };
  const set = <C extends EntryColumn>(column: C, v: EntryValues[C]) => {
    (values as Record<EntryColumn, unknown>)[column] = v;
  };
  for (const f of def.fields) {
    const anchor = fieldAnchor(f);
    const problem = (t: string) => problems.push({ field: anchor, text: t });
    const raw = f.kind === 'date' ? dateFromBoxes(body, f.name) : text(body, f.name);
    if (raw === '') {
      if (f.required)
        problem(
          f.kind === 'date'
            ? `Enter the ${plainLabel(f)}`
            : f.kind === 'released-for' || f.kind === 'yes-no'
              ? `Select what the ${plainLabel(f)}`
              : `Enter the ${plainLabel(f)}`,
        );
      continue;
    }
    if (raw === null) {
      problem(`The ${plainLabel(f)} must be a real date, for example 15 3 2026`);
      continue;
    }
    switch (f.kind) {
      case 'text':
      case 'longtext': {
        const max = f.kind === 'text' ? MAX_TEXT : MAX_LONG;
        if (raw.length > max)
          problem(
            `The ${plainLabel(f)} must be ${max.toLocaleString('en-GB')} characters or fewer`,
          );
        else set(f.column, raw);
        break;
      }
      case 'date':
        if (raw < '2000-01-01' || raw > '2100-12-31')
          problem(`The ${plainLabel(f)} must be between 2000 and 2100`);
        else set(f.column, raw);
        break;
      case 'hours': {
        const n = parseNumber(raw);
        if (n === null || n <= 0 || n > MAX_HOURS)
          problem(`The ${plainLabel(f)} must be a number of hours more than 0, like 2.5`);
        else if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6)
          problem(`The ${plainLabel(f)} can have at most 2 decimal places`);
        else set(f.column, Math.round(n * 100) / 100);
        break;
      }
      case 'count': {
        const n = parseNumber(raw);
        if (n === null || !Number.isInteger(n) || n < 0 || n > MAX_COUNT)
          problem(`The ${plainLabel(f)} must be a whole number, 0 or more`);
        else set(f.column, n);
        break;
      }
      case 'money': {
        const a = parseAmount(raw);
        if (!a.ok || a.pence <= 0 || a.pence > MAX_PENCE)
          problem(`The ${plainLabel(f)} must be an amount of money more than £0, like 2500.00`);
        else set(f.column, a.pence);
        break;
      }
      case 'postcode': {
        const p = normalisePostcode(raw);
        if (!p) problem(`Enter a real postcode, like LS1 4AP, or leave the ${plainLabel(f)} empty`);
        else set(f.column, p);
        break;
      }
      case 'yes-no':
        if (raw === 'yes' || raw === 'no') set(f.column, raw === 'yes');
        else if (raw !== 'unknown') problem(`Select whether the contractor is local`);
        break;
      case 'released-for':
        if (raw === 'housing' || raw === 'community') set(f.column, raw);
        else problem('Select housing or community use');
        break;
    }
  }
  if (values.endsOn !== null && values.occurredOn && values.endsOn < values.occurredOn)
    problems.push({ field: 'endsOn-day', text: 'The last day must be on or after the first day' });
  if (
    values.participantsDeprived !== null &&
    values.participants !== null &&
    values.participantsDeprived > values.participants
  )
    problems.push({
      field: 'participantsDeprived',
      text: 'Residents from IMD deciles 1–2 cannot be more than the residents taking part',
    });
  const link = text(body, 'evidenceLink');
  if (link) {
    if (link.length > 2000 || !isWebAddress(link))
      problems.push({
        field: 'evidenceLink',
        text: 'The evidence link must be a web address starting with https://',
      });
    else values.evidenceLink = link;
  }
  const note = text(body, 'evidenceNote');
  if (note.length > MAX_LONG)
    problems.push({ field: 'evidenceNote', text: 'The note must be 4,000 characters or fewer' });
  else values.evidenceNote = note;
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

/** A saved entry's values as its form shows them, so that saving it unchanged keeps it. */
export function formValues(def: RegisterDefinition, v: EntryValues): Record<string, string> {
  const out: Record<string, string> = {
    evidenceLink: v.evidenceLink ?? '',
    evidenceNote: v.evidenceNote,
  };
  for (const f of def.fields) {
    const value = v[f.column];
    if (value === null || value === undefined) continue;
    switch (f.kind) {
      case 'date': {
        const [y, m, d] = String(value).split('-');
        out[`${f.name}-day`] = String(Number(d));
        out[`${f.name}-month`] = String(Number(m));
        out[`${f.name}-year`] = y ?? '';
        break;
      }
      case 'money': {
        const pence = Number(value);
        out[f.name] = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
        break;
      }
      case 'yes-no':
        out[f.name] = value ? 'yes' : 'no';
        break;
      default:
        out[f.name] = String(value);
    }
  }
  return out;
}
