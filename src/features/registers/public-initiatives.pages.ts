/**
 * What the public pages of joint initiatives show (issue 13, decision 037): every initiative of a
 * public partnership grouped by status, and one initiative with its partners, milestones and the
 * public answers that led to it. Only the register's public facts (core/registers/
 * initiative-public.ts) reach these pages.
 */
import { formatDate } from '../../core/dates.js';
import { pillarTitle } from '../../core/pillars.js';
import {
  byStatus,
  listInWords,
  milestonesText,
  pooledText,
  whenText,
  type PublicInitiative,
} from '../../core/registers/initiative-public.js';
import { INITIATIVE_STATUS_LABELS } from '../../core/registers/initiatives.js';
import type { AnswerRow } from '../consultation/consultation.service.js';
import { answerView } from '../consultation/consultation.pages.js';
import { initiativeStatusColour } from './registers.pages.js';

export const V = 'features/registers/views';

type Slugged = { readonly slug: string; readonly name: string };

export const publicInitiativesPath = (p: Pick<Slugged, 'slug'>) => `/p/${p.slug}/initiatives`;
export const publicInitiativePath = (p: Pick<Slugged, 'slug'>, id: string) =>
  `${publicInitiativesPath(p)}/${id}`;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const crumbs = (p: Slugged) => [
  { href: '/', text: 'Home' },
  { href: `/p/${p.slug}`, text: p.name },
];

const MONEY_WITHHELD =
  'The money pooled in each initiative is not published, because at least one member organisation publishes only the partnership’s total for L2 Money pooled in joint initiatives (or the partnership does not publish it by organisation). The total is on the figures pages.';

/** Every initiative of the partnership, grouped by status: running, planned, completed, stopped. */
export function publicInitiativesPage(
  partnership: Slugged,
  initiatives: readonly PublicInitiative[],
  names: ReadonlyMap<string, string>,
) {
  const groups = byStatus(initiatives);
  const moneyShown = initiatives.every((i) => i.pooled !== null);
  const parts = groups.map((g) => `${g.initiatives.length} ${g.label.toLowerCase()}`);
  return {
    title: 'Joint initiatives',
    caption: partnership.name,
    description:
      initiatives.length === 0
        ? `${partnership.name} has not recorded any joint initiatives between its member organisations yet.`
        : `Joint initiatives between the member organisations of ${partnership.name}: ${initiatives.length} in all, ${listInWords(parts)}.`,
    groups: groups.map((g) => ({
      id: `status-${g.status}`,
      heading: `${g.label} (${g.initiatives.length})`,
      caption: `${g.label} initiatives`,
      initiatives: g.initiatives.map((i) => ({
        title: i.title,
        href: publicInitiativePath(partnership, i.id),
        partners:
          listInWords(i.partnerIds.map((id) => names.get(id) ?? 'A former member')) ||
          'None recorded',
        pillars: listInWords(i.pillars.map(pillarTitle)) || 'None given',
        money: pooledText(i),
        milestones: milestonesText(i.milestones),
      })),
    })),
    moneyNote: initiatives.length > 0 && !moneyShown ? MONEY_WITHHELD : undefined,
    breadcrumbs: crumbs(partnership),
  };
}

/** The joint initiatives serving a pillar, as its public page links to them. */
export function pillarInitiatives(
  partnership: Pick<Slugged, 'slug'>,
  initiatives: readonly { id: string; title: string; status: string }[],
) {
  return {
    href: publicInitiativesPath(partnership),
    list: initiatives.map((i) => ({
      text: i.title,
      href: publicInitiativePath(partnership, i.id),
      status:
        INITIATIVE_STATUS_LABELS[i.status as keyof typeof INITIATIVE_STATUS_LABELS] ?? i.status,
      colour: initiativeStatusColour(i.status),
    })),
  };
}

/** A public answer that named the initiative as what it led to (InitiativesService). */
export type AnswerLeadingTo = AnswerRow & {
  readonly publicPriorityId: string | null;
  readonly priorityTitle: string | null;
  readonly suggestionTitle: string | null;
  readonly itemKey: string | null;
  readonly versionNumber: number | null;
};

/** One initiative: what it is for, who takes part, its milestones and what residents asked. */
export function publicInitiativePage(
  partnership: Slugged,
  i: PublicInitiative,
  names: ReadonlyMap<string, string>,
  answers: readonly AnswerLeadingTo[],
  options: { readonly pillarPages: boolean },
) {
  const status = INITIATIVE_STATUS_LABELS[i.status];
  const done = milestonesText(i.milestones);
  const priorities = answers.filter((a) => a.publicPriorityId !== null);
  const suggestions = answers.filter((a) => a.publicPriorityId === null);
  return {
    title: i.title,
    caption: `Joint initiative of ${partnership.name}`,
    description: `${i.title}: a joint initiative of ${partnership.name} between ${count(i.partnerIds.length, 'member organisation')}, ${status.toLowerCase()}; ${done.charAt(0).toLowerCase()}${done.slice(1)}.`,
    status: { text: status, colour: initiativeStatusColour(i.status) },
    outcomes: i.outcomes || 'The partnership has not said yet.',
    when: whenText(i),
    partners: i.partnerIds.map((id) => ({
      text: names.get(id) ?? 'A former member',
      href: names.has(id) ? `/p/${partnership.slug}/organisations/${id}` : undefined,
    })),
    vcsePartner: i.vcsePartner ?? 'None',
    pillars: i.pillars.map((id) => ({
      text: pillarTitle(id),
      href: options.pillarPages ? `/p/${partnership.slug}/pillars/${id}` : undefined,
    })),
    money: pooledText(i),
    moneyNote: i.pooled === null ? MONEY_WITHHELD : undefined,
    milestonesDone: done,
    milestones: i.milestones.map((m) => ({
      title: m.title,
      due: formatDate(m.dueOn),
      done: m.done,
    })),
    updated: `This page was last updated on ${formatDate(i.updatedAt)}.`,
    priorities: priorities.map((a) => ({
      text: a.priorityTitle ?? 'A local priority',
      href: `/p/${partnership.slug}/priorities/${a.publicPriorityId ?? ''}`,
      answer: answerView(a),
    })),
    suggestions: suggestions.map((a) => ({
      text:
        a.suggestionTitle ??
        (a.itemKey ? `A change to commitment ${a.itemKey}` : 'A suggested change'),
      about: `In the consultation on version ${a.versionNumber ?? ''} of the charter`,
      answer: answerView(a),
    })),
    youSaidHref: `/p/${partnership.slug}/you-said-we-did`,
    prioritiesHref: `/p/${partnership.slug}/priorities`,
    breadcrumbs: [
      ...crumbs(partnership),
      { href: publicInitiativesPath(partnership), text: 'Joint initiatives' },
    ],
  };
}
