/**
 * What each register page shows, built in one place for the GET and for a form sent back with
 * problems: an organisation's registers, one register's entries, an entry's form; the
 * partnership's joint initiatives, one initiative, and its form.
 */
import { lowerFirst } from '../../core/framework/format.js';
import { formatDate } from '../../core/dates.js';
import { PILLARS } from '../../core/pillars.js';
import { fieldAnchor } from '../../core/registers/entry-form.js';
import { MAX_MILESTONES } from '../../core/registers/initiative-form.js';
import { INITIATIVE_STATUS_LABELS, INITIATIVE_STATUSES } from '../../core/registers/initiatives.js';
import {
  REGISTER_LIST,
  type RegisterDefinition,
  type RegisterField,
} from '../../core/registers/registers.js';
import { formatPounds } from '../../core/spend/amounts.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import type { Initiative } from './initiatives.service.js';
import type { RegisterEntry } from './registers.service.js';

export const V = 'features/registers/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

const base = (p: Partnership) => `/manage/${p.slug}`;
const orgPath = (p: Partnership, o: { id: string }) => `${base(p)}/organisations/${o.id}`;
export const registersPath = (p: Partnership, o: { id: string }) => `${orgPath(p, o)}/registers`;
export const registerPath = (p: Partnership, o: { id: string }, def: RegisterDefinition) =>
  `${registersPath(p, o)}/${def.id}`;
export const initiativesPath = (p: Partnership) => `${base(p)}/initiatives`;

const hours = (h: number | null) =>
  h === null
    ? ''
    : `${h.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${h === 1 ? 'hour' : 'hours'}`;
const money = (pence: number | null) => (pence === null ? '' : formatPounds(pence));
const count = (n: number | null) => (n === null ? '' : n.toLocaleString('en-GB'));

const crumbs = (p: Partnership, o: Organisation) => [
  { href: base(p), text: p.name },
  { href: orgPath(p, o), text: o.name },
];

/** An organisation's registers, by pillar, with how many entries each holds. */
export function registersIndexPage(
  partnership: Partnership,
  organisation: Organisation,
  counts: ReadonlyMap<string, number>,
) {
  return {
    title: `Registers of ${organisation.name}`,
    organisation,
    pillars: PILLARS.filter((p) => REGISTER_LIST.some((r) => r.pillar === p.id)).map((p) => ({
      title: p.title,
      registers: REGISTER_LIST.filter((r) => r.pillar === p.id).map((r) => ({
        title: r.title,
        purpose: r.purpose,
        feeds: r.feeds,
        href: registerPath(partnership, organisation, r),
        entries: counts.get(r.id) ?? 0,
      })),
    })),
    initiativesHref: initiativesPath(partnership),
    breadcrumbs: crumbs(partnership, organisation),
  };
}

/** What one entry shows in its register's table: the figure it adds, and what decides it. */
function figureOf(def: RegisterDefinition, e: RegisterEntry): string {
  switch (def.id) {
    case 'community-use':
    case 'volunteering':
      return hours(e.hours);
    case 'land':
      return `${count(e.homes)} ${e.homes === 1 ? 'home' : 'homes'} (${e.releasedFor === 'community' ? 'community use' : 'housing'})`;
    case 'capital':
      return money(e.amountPence);
    case 'engagement':
      return e.participantsDeprived === null
        ? `${count(e.participants)} residents`
        : `${count(e.participants)} residents, ${count(e.participantsDeprived)} from IMD deciles 1–2`;
    case 'grants':
      return money(e.amountPence);
  }
}

/** Whether a capital payment's contractor is local, and what decided it. */
function localText(e: RegisterEntry, localArea: readonly string[]): string {
  if (e.contractorDistrict !== null)
    return `${localArea.includes(e.contractorDistrict) ? 'Local' : 'Not local'} (by postcode ${e.contractorPostcode ?? ''})`;
  if (e.localStated === null)
    return e.contractorPostcode
      ? `Not known (postcode ${e.contractorPostcode} not placed)`
      : 'Not known';
  return `${e.localStated ? 'Local' : 'Not local'} (as stated)`;
}

export function registerListPage(
  partnership: Partnership,
  organisation: Organisation,
  def: RegisterDefinition,
  entries: readonly RegisterEntry[],
  canEdit: boolean,
  localArea: readonly string[],
) {
  const path = registerPath(partnership, organisation, def);
  return {
    title: `${def.title}: ${organisation.name}`,
    heading: def.title,
    organisation,
    def,
    canEdit,
    addHref: `${path}/new`,
    // Short headings: a narrow screen shows each beside its cell.
    columns: ['Date', 'Entry', 'Figure', 'Evidence'],
    rows: entries.map((e) => ({
      date: formatDate(e.occurredOn) + (e.endsOn ? ` to ${formatDate(e.endsOn)}` : ''),
      title: e.title,
      detail: e.detail,
      figure: figureOf(def, e),
      local: def.id === 'capital' ? localText(e, localArea) : null,
      evidence: e.evidenceLink ? 'Link' : e.evidenceNote ? 'Note' : 'None',
      href: `${path}/${e.id}`,
    })),
    breadcrumbs: [
      ...crumbs(partnership, organisation),
      { href: registersPath(partnership, organisation), text: 'Registers' },
    ],
  };
}

/** A form field as the view's macros want it. */
function fieldView(f: RegisterField, values: Record<string, unknown>) {
  const v = (name: string) => {
    const x = values[name];
    return typeof x === 'string' ? x : '';
  };
  return {
    ...f,
    anchor: fieldAnchor(f),
    value: v(f.name),
    day: v(`${f.name}-day`),
    month: v(`${f.name}-month`),
    year: v(`${f.name}-year`),
  };
}

export function entryFormPage(
  partnership: Partnership,
  organisation: Organisation,
  def: RegisterDefinition,
  entry: RegisterEntry | undefined,
  form: FormState,
) {
  const path = registerPath(partnership, organisation, def);
  return {
    title: entry ? `Change ${entry.title}` : `Add ${def.entryName}`,
    heading: entry ? `Change ${entry.title}` : `Add ${def.entryName}`,
    caption: `${def.title}: ${organisation.name}`,
    def,
    fields: def.fields.map((f) => fieldView(f, form.values)),
    action: entry ? `${path}/${entry.id}` : `${path}/new`,
    ...form,
    back: { href: path, text: `Back to ${lowerFirst(def.title)}` },
  };
}

const pillarTitle = (id: string) => PILLARS.find((p) => p.id === id)?.title ?? id;
const statusTag: Record<string, string> = {
  planned: 'grey',
  active: 'blue',
  completed: 'green',
  stopped: 'red',
};

/** The colour of an initiative's status tag, on the staff and the public pages. */
export const initiativeStatusColour = (status: string) => statusTag[status] ?? 'grey';

function initiativeView(
  partnership: Partnership,
  i: Initiative,
  names: ReadonlyMap<string, string>,
) {
  const pooled = i.partners.reduce((s, p) => s + p.pooledPence, 0);
  return {
    ...i,
    href: `${initiativesPath(partnership)}/${i.id}`,
    dates: i.endsOn
      ? `${formatDate(i.startsOn)} to ${formatDate(i.endsOn)}`
      : `From ${formatDate(i.startsOn)}`,
    statusText: INITIATIVE_STATUS_LABELS[i.status],
    statusColour: initiativeStatusColour(i.status),
    pillarText: i.pillars.map(pillarTitle).join(', '),
    partnerText: i.partners.map((p) => names.get(p.organisationId) ?? 'Unknown').join(', '),
    partnerRows: i.partners.map((p) => ({
      name: names.get(p.organisationId) ?? 'Unknown',
      pooled: p.pooledPence > 0 ? formatPounds(p.pooledPence) : 'None',
    })),
    pooledText: formatPounds(pooled),
    milestoneRows: i.milestones.map((m) => ({
      title: m.title,
      date: formatDate(m.dueOn),
      done: m.done,
    })),
    milestonesDone: i.milestones.filter((m) => m.done).length,
  };
}

export function initiativesListPage(
  partnership: Partnership,
  initiatives: readonly Initiative[],
  organisations: readonly { id: string; name: string }[],
  canEdit: boolean,
) {
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    title: 'Joint initiatives',
    canEdit,
    addHref: `${initiativesPath(partnership)}/new`,
    initiatives: initiatives.map((i) => initiativeView(partnership, i, names)),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function initiativePage(
  partnership: Partnership,
  initiative: Initiative,
  organisations: readonly { id: string; name: string }[],
  canEdit: boolean,
) {
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    title: initiative.title,
    initiative: initiativeView(partnership, initiative, names),
    canEdit,
    editHref: `${initiativesPath(partnership)}/${initiative.id}/edit`,
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: initiativesPath(partnership), text: 'Joint initiatives' },
    ],
  };
}

export function initiativeFormPage(
  partnership: Partnership,
  organisations: readonly { id: string; name: string }[],
  initiative: Initiative | undefined,
  form: FormState,
) {
  const v = (name: string) => {
    const x = form.values[name];
    return typeof x === 'string' ? x : '';
  };
  const chosen = (name: string) => {
    const x = form.values[name];
    return new Set(
      typeof x === 'string' ? [x] : Array.isArray(x) ? (x as unknown[]).map(String) : [],
    );
  };
  const partners = chosen('partners');
  const pillars = chosen('pillars');
  // Every milestone given, then two empty rows to add more.
  let rows = 0;
  for (let i = 0; i < MAX_MILESTONES; i++)
    if (v(`milestone-${i}-title`) || v(`milestone-${i}-dueOn-day`)) rows = i + 1;
  const milestoneCount = Math.min(MAX_MILESTONES, rows + 2);
  const path = initiative
    ? `${initiativesPath(partnership)}/${initiative.id}/edit`
    : `${initiativesPath(partnership)}/new`;
  return {
    title: initiative ? `Change ${initiative.title}` : 'Add a joint initiative',
    heading: initiative ? `Change ${initiative.title}` : 'Add a joint initiative',
    action: path,
    partnerItems: organisations.map((o) => ({
      value: o.id,
      text: o.name,
      checked: partners.has(o.id),
    })),
    pooledFields: organisations.map((o) => ({
      id: `pooled-${o.id}`,
      label: `${o.name} (£, optional)`,
      value: v(`pooled-${o.id}`),
    })),
    pillarItems: PILLARS.map((p) => ({ value: p.id, text: p.title, checked: pillars.has(p.id) })),
    statusItems: INITIATIVE_STATUSES.map((s) => ({
      value: s,
      text: INITIATIVE_STATUS_LABELS[s],
      checked: v('status') === s,
    })),
    milestones: Array.from({ length: milestoneCount }, (_, i) => ({
      n: i + 1,
      prefix: `milestone-${i}`,
      title: v(`milestone-${i}-title`),
      day: v(`milestone-${i}-dueOn-day`),
      month: v(`milestone-${i}-dueOn-month`),
      year: v(`milestone-${i}-dueOn-year`),
      done: v(`milestone-${i}-done`) === 'yes',
    })),
    ...form,
    back: {
      href: initiative
        ? `${initiativesPath(partnership)}/${initiative.id}`
        : initiativesPath(partnership),
      text: 'Back',
    },
  };
}
