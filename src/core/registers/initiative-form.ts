/**
 * Reading a joint initiative's form: its partners (member organisations) and the money each
 * pooled, whether a VCSE organisation is a partner and which, its pillars, status, dates,
 * outcomes, milestones (each a title, a date and done or not) and evidence. Pure.
 */
import { PILLAR_IDS, type PillarId } from '../pillars.js';
import { parseAmount } from '../spend/amounts.js';
import { dateFromBoxes, isWebAddress, type Problem } from './entry-form.js';
import { isInitiativeStatus, type InitiativeStatus } from './initiatives.js';

export interface MilestoneInput {
  readonly title: string;
  readonly dueOn: string;
  readonly done: boolean;
}

export interface InitiativeInput {
  readonly title: string;
  readonly outcomes: string;
  readonly status: InitiativeStatus;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly pillars: readonly PillarId[];
  readonly vcsePartner: string | null;
  readonly partners: readonly { readonly organisationId: string; readonly pooledPence: number }[];
  readonly milestones: readonly MilestoneInput[];
  readonly evidenceLink: string | null;
  readonly evidenceNote: string;
}

/** The most milestone rows a form carries. */
export const MAX_MILESTONES = 40;
const MAX_PENCE = 1_000_000_000_000;

function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

function list(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export type InitiativeRead =
  | { readonly ok: true; readonly input: InitiativeInput }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Reads the form; `organisations` are the partnership's members a partner may be chosen from. */
export function readInitiative(
  body: Record<string, unknown>,
  organisations: readonly { readonly id: string; readonly name: string }[],
): InitiativeRead {
  const problems: Problem[] = [];
  const title = text(body, 'title');
  if (!title) problems.push({ field: 'title', text: 'Enter the name of the initiative' });
  else if (title.length > 200)
    problems.push({ field: 'title', text: 'The name must be 200 characters or fewer' });

  const chosen = new Set(list(body, 'partners'));
  const partners: { organisationId: string; pooledPence: number }[] = [];
  const pooledProblems: Problem[] = [];
  for (const o of organisations) {
    const raw = text(body, `pooled-${o.id}`);
    let pooledPence = 0;
    if (raw) {
      const a = parseAmount(raw);
      if (!a.ok || a.pence < 0 || a.pence > MAX_PENCE) {
        pooledProblems.push({
          field: `pooled-${o.id}`,
          text: `The money ${o.name} pooled must be an amount of money, like 25000.00`,
        });
        continue;
      }
      pooledPence = a.pence;
    }
    if (chosen.has(o.id)) partners.push({ organisationId: o.id, pooledPence });
    else if (pooledPence > 0)
      pooledProblems.push({
        field: `pooled-${o.id}`,
        text: `Select ${o.name} as a partner, or leave the money it pooled empty`,
      });
  }
  // In the form's order: the partners, then the money each pooled.
  if (partners.length === 0 && pooledProblems.length === 0)
    problems.push({ field: 'partners', text: 'Select the member organisations taking part' });
  problems.push(...pooledProblems);

  const vcse = text(body, 'vcse');
  const vcseName = text(body, 'vcsePartner');
  let vcsePartner: string | null = null;
  if (vcse === 'yes') {
    if (!vcseName)
      problems.push({ field: 'vcsePartner', text: 'Enter the name of the VCSE partner' });
    else if (vcseName.length > 200)
      problems.push({ field: 'vcsePartner', text: 'The name must be 200 characters or fewer' });
    else vcsePartner = vcseName;
  } else if (vcse !== 'no')
    problems.push({ field: 'vcse', text: 'Select whether a VCSE organisation is a partner' });

  const pillars = list(body, 'pillars').filter((p): p is PillarId =>
    (PILLAR_IDS as readonly string[]).includes(p),
  );
  if (pillars.length === 0)
    problems.push({ field: 'pillars', text: 'Select the pillars the initiative serves' });

  const status = text(body, 'status');
  if (!isInitiativeStatus(status))
    problems.push({ field: 'status', text: 'Select the status of the initiative' });

  const startsOn = dateFromBoxes(body, 'startsOn');
  if (!startsOn)
    problems.push({
      field: 'startsOn-day',
      text:
        startsOn === ''
          ? 'Enter the start date'
          : 'The start date must be a real date, for example 1 4 2025',
    });
  const endsOn = dateFromBoxes(body, 'endsOn');
  if (endsOn === null)
    problems.push({
      field: 'endsOn-day',
      text: 'The end date must be a real date, for example 31 3 2026',
    });
  else if (endsOn && startsOn && endsOn < startsOn)
    problems.push({ field: 'endsOn-day', text: 'The end date must be on or after the start date' });

  const outcomes = text(body, 'outcomes');
  if (outcomes.length > 4000)
    problems.push({ field: 'outcomes', text: 'The outcomes must be 4,000 characters or fewer' });

  const milestones: MilestoneInput[] = [];
  for (let i = 0; i < MAX_MILESTONES; i++) {
    const mTitle = text(body, `milestone-${i}-title`);
    const dueOn = dateFromBoxes(body, `milestone-${i}-dueOn`);
    const done = text(body, `milestone-${i}-done`) === 'yes';
    if (!mTitle && dueOn === '') continue;
    if (!mTitle) {
      problems.push({ field: `milestone-${i}-title`, text: `Enter what milestone ${i + 1} is` });
      continue;
    }
    if (mTitle.length > 200) {
      problems.push({
        field: `milestone-${i}-title`,
        text: `Milestone ${i + 1} must be 200 characters or fewer`,
      });
      continue;
    }
    if (!dueOn) {
      problems.push({
        field: `milestone-${i}-dueOn-day`,
        text:
          dueOn === ''
            ? `Enter the date of milestone ${i + 1}`
            : `The date of milestone ${i + 1} must be a real date, for example 30 9 2025`,
      });
      continue;
    }
    milestones.push({ title: mTitle, dueOn, done });
  }

  const link = text(body, 'evidenceLink');
  let evidenceLink: string | null = null;
  if (link) {
    if (link.length > 2000 || !isWebAddress(link))
      problems.push({
        field: 'evidenceLink',
        text: 'The evidence link must be a web address starting with https://',
      });
    else evidenceLink = link;
  }
  const evidenceNote = text(body, 'evidenceNote');
  if (evidenceNote.length > 4000)
    problems.push({ field: 'evidenceNote', text: 'The note must be 4,000 characters or fewer' });

  if (problems.length || !isInitiativeStatus(status) || !startsOn || endsOn === null)
    return { ok: false, problems };
  return {
    ok: true,
    input: {
      title,
      outcomes,
      status,
      startsOn,
      endsOn: endsOn || null,
      pillars,
      vcsePartner,
      partners,
      milestones: milestones.sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
      evidenceLink,
      evidenceNote,
    },
  };
}

/** A saved initiative as its form shows it. */
export function initiativeFormValues(i: InitiativeInput): Record<string, unknown> {
  const boxes = (name: string, iso: string | null) => {
    if (!iso) return {};
    const [y, m, d] = iso.split('-');
    return {
      [`${name}-day`]: String(Number(d)),
      [`${name}-month`]: String(Number(m)),
      [`${name}-year`]: y ?? '',
    };
  };
  const pounds = (p: number) => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
  return {
    title: i.title,
    outcomes: i.outcomes,
    status: i.status,
    ...boxes('startsOn', i.startsOn),
    ...boxes('endsOn', i.endsOn),
    pillars: [...i.pillars],
    vcse: i.vcsePartner ? 'yes' : 'no',
    vcsePartner: i.vcsePartner ?? '',
    partners: i.partners.map((p) => p.organisationId),
    ...Object.fromEntries(
      i.partners
        .filter((p) => p.pooledPence > 0)
        .map((p) => [`pooled-${p.organisationId}`, pounds(p.pooledPence)]),
    ),
    ...Object.fromEntries(
      i.milestones.flatMap((m, n) => [
        [`milestone-${n}-title`, m.title],
        [`milestone-${n}-done`, m.done ? 'yes' : ''],
        ...Object.entries(boxes(`milestone-${n}-dueOn`, m.dueOn)),
      ]),
    ),
    evidenceLink: i.evidenceLink ?? '',
    evidenceNote: i.evidenceNote,
  };
}
