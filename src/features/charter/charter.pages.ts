/**
 * What each charter page shows, built once for the GET and for a form sent back with problems:
 * the partnership's charter and its versions, one version with its changes from the one before,
 * the forms that change a draft, and an organisation's signature and pledges. The public pages
 * (`/p/{slug}/charter`) are built here too, from the same pieces.
 */
import { diffSummary, diffVersions, wordDiff, type ItemChange } from '../../core/charter/diff.js';
import {
  PLEDGE_STATE_COLOURS,
  PLEDGE_STATE_LABELS,
  type PledgeProgress,
} from '../../core/charter/pledges.js';
import { CHARTER_STATE_TAGS } from '../../core/charter/versions.js';
import { formatDate, formatDateTime } from '../../core/dates.js';
import { formatValue } from '../../core/framework/format.js';
import { PILLARS, pillarTitle } from '../../core/pillars.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { Indicator } from '../framework/framework.repo.js';
import type { FormErrors } from '../../http/form-errors.js';
import type {
  CharterItem,
  CharterPledge,
  CharterVersion,
  VersionWithText,
} from './charter.service.js';

export const V = 'features/charter/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const charterPath = (p: Pick<Partnership, 'slug'>) => `/manage/${p.slug}/charter`;
export const versionPath = (p: Pick<Partnership, 'slug'>, v: { id: string }) =>
  `${charterPath(p)}/versions/${v.id}`;
export const orgCharterPath = (p: Pick<Partnership, 'slug'>, o: { id: string }) =>
  `/manage/${p.slug}/organisations/${o.id}/charter`;
export const publicCharterPath = (p: Pick<Partnership, 'slug'>) => `/p/${p.slug}/charter`;

const crumbs = (p: Partnership) => [{ href: `/manage/${p.slug}`, text: p.name }];
const charterCrumbs = (p: Partnership) => [...crumbs(p), { href: charterPath(p), text: 'Charter' }];

const versionName = (v: Pick<CharterVersion, 'number'>) => `Version ${v.number}`;

/** A version's line in a list: its number, title, state and the dates that matter. */
function versionRow(v: CharterVersion, href: string) {
  return {
    href,
    name: versionName(v),
    title: v.title,
    tag: CHARTER_STATE_TAGS[v.state],
    dates: datesOf(v),
  };
}

/** "Adopted 1 April 2025", "Consultation from 1 June to 31 July 2026", "Started 2 December 2026". */
export function datesOf(v: CharterVersion): string {
  switch (v.state) {
    case 'adopted':
      return `Adopted ${formatDate(v.adopted_on)}`;
    case 'superseded':
      return `Adopted ${formatDate(v.adopted_on)}, replaced ${formatDate(v.superseded_on)}`;
    case 'consultation':
      return v.consultation_closed_at
        ? `Consultation from ${formatDate(v.consultation_opens)}, closed early on ${formatDateTime(v.consultation_closed_at)}`
        : `Consultation from ${formatDate(v.consultation_opens)} to ${formatDate(v.consultation_closes)}`;
    default:
      return `Started ${formatDate(v.created_at)}`;
  }
}

/** The text of a version, principles first, then commitments by pillar. */
export function textOf(
  items: readonly CharterItem[],
  hrefOf?: (item: CharterItem) => { change: string; remove: string },
) {
  const view = (i: CharterItem) => ({
    key: i.key,
    title: i.title,
    body: i.body,
    indicators: i.indicator_codes.join(', '),
    ...(hrefOf ? hrefOf(i) : {}),
  });
  return {
    principles: items.filter((i) => i.kind === 'principle').map(view),
    pillars: PILLARS.map((p) => ({
      id: p.id,
      title: p.title,
      commitments: items.filter((i) => i.kind === 'commitment' && i.pillar === p.id).map(view),
    })).filter((p) => p.commitments.length > 0),
    commitments: items.filter((i) => i.kind === 'commitment').length,
  };
}

const FIELD_WORDS: Record<string, string> = {
  kind: 'kind',
  title: 'title',
  text: 'wording',
  pillar: 'pillar',
  indicators: 'indicators',
};

/** The changes from the version before, ready to show: the word diff for changed text. */
export function changesOf(previous: VersionWithText | undefined, current: VersionWithText) {
  if (!previous) return undefined;
  const asDiffItem = (i: CharterItem) => ({
    key: i.key,
    kind: i.kind,
    pillar: i.pillar,
    title: i.title,
    text: i.body,
    indicatorCodes: i.indicator_codes,
    changeNote: i.change_note,
  });
  const changes = diffVersions(
    previous.items.map(asDiffItem),
    current.items.map(asDiffItem),
    current.removals,
  );
  const shown = changes.filter((c) => c.type !== 'unchanged');
  return {
    from: versionName(previous.version),
    summary: diffSummary(changes).sentence,
    list: shown.map((c: ItemChange) => ({
      type: c.type,
      label: { added: 'Added', changed: 'Changed', removed: 'Removed', unchanged: 'Unchanged' }[
        c.type
      ],
      colour: { added: 'green', changed: 'blue', removed: 'red', unchanged: 'grey' }[c.type],
      kind:
        c.kind === 'principle'
          ? 'Principle'
          : `Commitment (${pillarTitle(c.after?.pillar ?? c.before?.pillar ?? '')})`,
      title: (c.after ?? c.before)?.title ?? '',
      previousTitle: c.fields.includes('title') ? c.before?.title : undefined,
      what: c.fields.map((f) => FIELD_WORDS[f] ?? f).join(', '),
      words:
        c.type === 'changed' && c.before && c.after && c.fields.includes('text')
          ? wordDiff(c.before.text, c.after.text)
          : undefined,
      text: c.type === 'removed' ? c.before?.text : c.type === 'added' ? c.after?.text : undefined,
      indicators:
        c.fields.includes('indicators') || c.type === 'added'
          ? {
              before: (c.before?.indicatorCodes ?? []).join(', ') || 'None',
              after: (c.after?.indicatorCodes ?? []).join(', ') || 'None',
            }
          : undefined,
      why: c.why,
    })),
  };
}

/** The partnership's charter: what is adopted, what is being worked on, and every version. */
export function charterIndexPage(
  partnership: Partnership,
  versions: readonly CharterVersion[],
  signatures: readonly { version_id: string; organisation_name: string }[],
  organisations: number,
  canEdit: boolean,
) {
  const adopted = versions.find((v) => v.state === 'adopted');
  const working = versions.find((v) => v.state === 'draft' || v.state === 'consultation');
  const signed = adopted ? signatures.filter((s) => s.version_id === adopted.id).length : 0;
  return {
    title: 'Social Value Charter',
    adopted: adopted && {
      ...versionRow(adopted, versionPath(partnership, adopted)),
      signed: `${signed} of ${organisations} member ${organisations === 1 ? 'organisation has' : 'organisations have'} signed it`,
    },
    working: working && versionRow(working, versionPath(partnership, working)),
    versions: versions.map((v) => versionRow(v, versionPath(partnership, v))),
    canStart: canEdit && !working,
    nextNumber: (versions[0]?.number ?? 0) + 1,
    startAction: `${charterPath(partnership)}/start`,
    publicHref: publicCharterPath(partnership),
    breadcrumbs: crumbs(partnership),
  };
}

export interface VersionActions {
  /** Open for consultation (a draft with commitments). */
  readonly open?: boolean;
  /** Withdraw to draft (no responses yet). */
  readonly withdraw?: boolean;
  /** Close now (open and before its closing date). */
  readonly close?: boolean;
  /** Adopt, or why not yet. */
  readonly adopt?: { ok: true } | { ok: false; reason: string };
}

/** One version: its text, its state and what can be done next, and its changes. */
export function versionPage(
  partnership: Partnership,
  current: VersionWithText,
  previous: VersionWithText | undefined,
  canEdit: boolean,
  actions: VersionActions,
  consultation: { responses: number; unanswered: number; href: string | undefined },
) {
  const v = current.version;
  const path = versionPath(partnership, v);
  const editable = canEdit && v.state === 'draft';
  return {
    title: `${versionName(v)}: ${v.title}`,
    version: {
      ...versionRow(v, path),
      summary: v.summary,
      preModeration: v.pre_moderation,
    },
    text: textOf(
      current.items,
      editable
        ? (i) => ({
            change: `${path}/items/${i.id}`,
            remove: `${path}/items/${i.id}/remove`,
          })
        : undefined,
    ),
    changes: changesOf(previous, current),
    editable,
    canEdit,
    actions,
    consultation: v.consultation_opens
      ? {
          ...consultation,
          text: `${consultation.responses} ${consultation.responses === 1 ? 'response' : 'responses'}; ${consultation.unanswered} ${consultation.unanswered === 1 ? 'suggestion' : 'suggestions'} waiting for an answer.`,
        }
      : undefined,
    hrefs: {
      details: `${path}/details`,
      addPrinciple: `${path}/items/new?kind=principle`,
      addCommitment: `${path}/items/new?kind=commitment`,
      consultation: `${path}/consultation`,
      withdraw: `${path}/withdraw`,
      close: `${path}/close`,
      adopt: `${path}/adopt`,
      public:
        v.state === 'draft' ? undefined : `${publicCharterPath(partnership)}/versions/${v.number}`,
    },
    breadcrumbs: charterCrumbs(partnership),
  };
}

const versionCrumbs = (p: Partnership, v: CharterVersion) => [
  ...charterCrumbs(p),
  { href: versionPath(p, v), text: versionName(v) },
];

export function detailsFormPage(partnership: Partnership, v: CharterVersion, form: FormState) {
  return {
    title: `Title and summary of version ${v.number}`,
    caption: versionName(v),
    action: `${versionPath(partnership, v)}/details`,
    ...form,
    breadcrumbs: versionCrumbs(partnership, v),
  };
}

/** Adding or changing a principle or commitment of a draft. */
export function itemFormPage(
  partnership: Partnership,
  v: CharterVersion,
  kind: 'principle' | 'commitment',
  item: CharterItem | undefined,
  inPrevious: boolean,
  indicators: readonly Indicator[],
  form: FormState,
) {
  const noun = kind === 'principle' ? 'principle' : 'commitment';
  return {
    title: item ? `Change ${noun} ${item.key}` : `Add a ${noun}`,
    caption: versionName(v),
    kind,
    action: item
      ? `${versionPath(partnership, v)}/items/${item.id}`
      : `${versionPath(partnership, v)}/items/new`,
    pillarItems: PILLARS.map((p) => ({
      value: p.id,
      text: p.title,
      checked: form.values.pillar === p.id,
    })),
    indicatorHint: `Codes from the framework, separated by commas, for example ${indicators
      .slice(0, 3)
      .map((i) => i.id)
      .join(', ')}.`,
    indicatorsHref: `/manage/${partnership.slug}/framework`,
    inPrevious,
    ...form,
    breadcrumbs: versionCrumbs(partnership, v),
  };
}

export function itemFormValues(item: CharterItem): Record<string, string> {
  return {
    pillar: item.pillar ?? '',
    title: item.title,
    body: item.body,
    indicators: item.indicator_codes.join(', '),
    changeNote: item.change_note,
  };
}

export function removeItemPage(
  partnership: Partnership,
  v: CharterVersion,
  item: CharterItem,
  inPrevious: boolean,
  form: FormState,
) {
  return {
    title: `Remove ${item.kind} ${item.key}?`,
    caption: versionName(v),
    item,
    inPrevious,
    action: `${versionPath(partnership, v)}/items/${item.id}/remove`,
    cancelHref: versionPath(partnership, v),
    ...form,
    breadcrumbs: versionCrumbs(partnership, v),
  };
}

export function consultationFormPage(
  partnership: Partnership,
  v: CharterVersion,
  form: FormState,
  refusal?: string,
) {
  return {
    title: `Open version ${v.number} for consultation`,
    caption: versionName(v),
    action: `${versionPath(partnership, v)}/consultation`,
    refusal,
    ...form,
    breadcrumbs: versionCrumbs(partnership, v),
  };
}

export function adoptPage(
  partnership: Partnership,
  current: VersionWithText,
  previous: VersionWithText | undefined,
  signatories: number,
  refusal?: string,
) {
  const v = current.version;
  return {
    title: `Adopt version ${v.number}?`,
    caption: versionName(v),
    version: versionRow(v, versionPath(partnership, v)),
    previousName: previous && versionName(previous.version),
    signatories,
    changes: changesOf(previous, current),
    action: `${versionPath(partnership, v)}/adopt`,
    cancelHref: versionPath(partnership, v),
    refusal,
    breadcrumbs: versionCrumbs(partnership, v),
  };
}

export interface PledgeView {
  readonly id: string;
  readonly organisation: string;
  readonly commitment: string;
  readonly pledge: string;
  readonly target: string;
  readonly due: string;
  readonly indicator: string;
  readonly latest: string;
  readonly tag: { text: string; colour: string };
  readonly withdrawn?: string;
  readonly changeHref?: string;
  readonly withdrawHref?: string;
}

/** A pledge as pages show it: what, by when, against which indicator, and how it is going. */
export function pledgeView(
  p: CharterPledge & { organisation_name: string },
  commitments: ReadonlyMap<string, CharterItem>,
  indicators: ReadonlyMap<string, Pick<Indicator, 'id' | 'name' | 'unit'>>,
  progress: PledgeProgress,
  hrefs?: { change: string; withdraw: string },
): PledgeView {
  const commitment = commitments.get(p.commitment_key);
  const indicator = p.indicator_code ? indicators.get(p.indicator_code) : undefined;
  return {
    id: p.id,
    organisation: p.organisation_name,
    commitment: commitment
      ? `${commitment.key} ${commitment.title}`
      : `${p.commitment_key} (no longer in the adopted charter)`,
    pledge: p.pledge,
    target:
      indicator && p.target_value !== null
        ? `${p.target_text} (${indicator.id} ${formatValue(Number(p.target_value), indicator.unit)})`
        : p.target_text,
    due: `By ${formatDate(p.due_on)}`,
    indicator: indicator ? `${indicator.id} ${indicator.name}` : 'None',
    latest:
      progress.latest && indicator
        ? `${formatValue(progress.latest.value, indicator.unit)} in ${progress.latest.label}`
        : 'None yet',
    tag: {
      text: PLEDGE_STATE_LABELS[progress.state],
      colour: PLEDGE_STATE_COLOURS[progress.state],
    },
    ...(p.withdrawn_on
      ? { withdrawn: `Withdrawn on ${formatDate(p.withdrawn_on)}: ${p.withdrawn_reason ?? ''}` }
      : {}),
    ...(hrefs && !p.withdrawn_on ? { changeHref: hrefs.change, withdrawHref: hrefs.withdraw } : {}),
  };
}

/** An organisation's part in the charter: its signature of the adopted version and its pledges. */
export function organisationCharterPage(
  partnership: Partnership,
  organisation: Organisation,
  adopted: CharterVersion | undefined,
  signature: { signatory_name: string; signatory_role: string; signed_on: string } | undefined,
  earlier: { version_number: number; signed_on: string } | undefined,
  pledges: readonly PledgeView[],
  canSign: boolean,
) {
  const path = orgCharterPath(partnership, organisation);
  return {
    title: `${organisation.name} and the charter`,
    organisation,
    adopted: adopted && versionRow(adopted, versionPath(partnership, adopted)),
    signature: signature && {
      text: `Signed by ${signature.signatory_name}, ${signature.signatory_role}, on ${formatDate(signature.signed_on)}`,
    },
    earlier: earlier && {
      text: `Signed version ${earlier.version_number} on ${formatDate(earlier.signed_on)}. Version ${adopted?.number ?? ''} has been adopted since, so it needs signing again.`,
    },
    pledges,
    canSign: canSign && adopted !== undefined && signature === undefined,
    canPledge: canSign && adopted !== undefined,
    signHref: `${path}/sign`,
    addPledgeHref: `${path}/pledges/new`,
    breadcrumbs: [
      ...crumbs(partnership),
      {
        href: `/manage/${partnership.slug}/organisations/${organisation.id}`,
        text: organisation.name,
      },
    ],
  };
}

const orgCrumbs = (p: Partnership, o: Organisation) => [
  ...crumbs(p),
  { href: `/manage/${p.slug}/organisations/${o.id}`, text: o.name },
  { href: orgCharterPath(p, o), text: 'Charter' },
];

export function signPage(
  partnership: Partnership,
  organisation: Organisation,
  adopted: VersionWithText,
  form: FormState,
) {
  return {
    title: `Sign version ${adopted.version.number} of the charter`,
    caption: organisation.name,
    version: versionRow(adopted.version, versionPath(partnership, adopted.version)),
    text: textOf(adopted.items),
    action: `${orgCharterPath(partnership, organisation)}/sign`,
    ...form,
    breadcrumbs: orgCrumbs(partnership, organisation),
  };
}

export function pledgeFormPage(
  partnership: Partnership,
  organisation: Organisation,
  commitments: readonly CharterItem[],
  pledge: CharterPledge | undefined,
  form: FormState,
) {
  const path = orgCharterPath(partnership, organisation);
  return {
    title: pledge ? 'Change a pledge' : 'Add a pledge',
    caption: organisation.name,
    action: pledge ? `${path}/pledges/${pledge.id}` : `${path}/pledges/new`,
    commitmentItems: [
      { value: '', text: 'Select a commitment' },
      ...commitments.map((c) => ({
        value: c.key,
        text: `${c.key} ${c.title} (${pillarTitle(c.pillar ?? '')})`,
        selected: form.values.commitmentKey === c.key,
      })),
    ],
    ...form,
    breadcrumbs: orgCrumbs(partnership, organisation),
  };
}

export function pledgeFormValues(p: CharterPledge): Record<string, string> {
  const [y, m, d] = p.due_on.split('-');
  return {
    commitmentKey: p.commitment_key,
    pledge: p.pledge,
    indicatorCode: p.indicator_code ?? '',
    targetValue: p.target_value === null ? '' : String(Number(p.target_value)),
    targetText: p.target_text,
    'dueOn-day': String(Number(d)),
    'dueOn-month': String(Number(m)),
    'dueOn-year': y ?? '',
  };
}

export function withdrawPledgePage(
  partnership: Partnership,
  organisation: Organisation,
  pledge: CharterPledge,
  form: FormState,
) {
  const path = orgCharterPath(partnership, organisation);
  return {
    title: 'Withdraw this pledge?',
    caption: organisation.name,
    pledge,
    action: `${path}/pledges/${pledge.id}/withdraw`,
    cancelHref: path,
    ...form,
    breadcrumbs: orgCrumbs(partnership, organisation),
  };
}

/** The public charter: the adopted text, who signed it, their pledges and how they are going. */
export function publicCharterPage(
  partnership: Pick<Partnership, 'slug' | 'name'>,
  adopted: VersionWithText | undefined,
  consultation: CharterVersion | undefined,
  signatories: readonly {
    organisation_name: string;
    signatory_name: string;
    signatory_role: string;
    signed_on: string;
  }[],
  notYet: readonly { organisation_name: string; version_number: number }[],
  pledges: readonly PledgeView[],
  versions: number,
) {
  const base = publicCharterPath(partnership);
  const commitments = adopted?.items.filter((i) => i.kind === 'commitment').length ?? 0;
  return {
    title: `${partnership.name}: Social Value Charter`,
    description: adopted
      ? `The Social Value Charter of ${partnership.name}, version ${adopted.version.number} adopted on ${formatDate(adopted.version.adopted_on)}: ${commitments} ${commitments === 1 ? 'commitment' : 'commitments'}, signed by ${signatories.length} member ${signatories.length === 1 ? 'organisation' : 'organisations'}, with ${pledges.length} ${pledges.length === 1 ? 'pledge' : 'pledges'} and how each is going.`
      : `${partnership.name} has not adopted a Social Value Charter yet${consultation ? `: version ${consultation.number} is out for consultation` : ''}.`,
    adopted: adopted && {
      ...versionRow(adopted.version, `${base}/versions/${adopted.version.number}`),
      summary: adopted.version.summary,
    },
    text: adopted ? textOf(adopted.items) : undefined,
    consultation: consultation && {
      ...versionRow(consultation, `${base}/versions/${consultation.number}/consultation`),
    },
    youSaidHref: `/p/${partnership.slug}/you-said-we-did`,
    signatories: signatories.map((s) => ({
      organisation: s.organisation_name,
      by: `${s.signatory_name}, ${s.signatory_role}`,
      on: formatDate(s.signed_on),
    })),
    notYet: notYet.map((n) => ({
      organisation: n.organisation_name,
      text: `Signed version ${n.version_number}; not yet signed this version`,
    })),
    pledges,
    versionsHref: `${base}/versions`,
    versions,
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${partnership.slug}`, text: partnership.name },
    ],
  };
}

export function publicVersionsPage(
  partnership: Pick<Partnership, 'slug' | 'name'>,
  versions: readonly CharterVersion[],
) {
  const base = publicCharterPath(partnership);
  const shown = versions.filter((v) => v.state !== 'draft');
  return {
    title: `${partnership.name}: versions of the charter`,
    description: shown.length
      ? `Every version of the Social Value Charter of ${partnership.name} made public: ${shown
          .map(
            (v) => `version ${v.number}, ${datesOf(v).replace(/^[A-Z]/, (c) => c.toLowerCase())}`,
          )
          .join('; ')}.`
      : `${partnership.name} has not made any version of its Social Value Charter public yet.`,
    versions: versions
      .filter((v) => v.state !== 'draft')
      .map((v) => ({ ...versionRow(v, `${base}/versions/${v.number}`), summary: v.summary })),
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${partnership.slug}`, text: partnership.name },
      { href: base, text: 'Charter' },
    ],
  };
}

export function publicVersionPage(
  partnership: Pick<Partnership, 'slug' | 'name'>,
  current: VersionWithText,
  previous: VersionWithText | undefined,
) {
  const v = current.version;
  const base = publicCharterPath(partnership);
  const commitments = current.items.filter((i) => i.kind === 'commitment').length;
  return {
    title: `${partnership.name}: charter version ${v.number}`,
    description: `Version ${v.number} of the Social Value Charter of ${partnership.name}, “${v.title}”: ${commitments} ${commitments === 1 ? 'commitment' : 'commitments'}; ${datesOf(v).replace(/^[A-Z]/, (c) => c.toLowerCase())}.`,
    version: { ...versionRow(v, `${base}/versions/${v.number}`), summary: v.summary },
    text: textOf(current.items),
    changes: changesOf(previous, current),
    consultationHref: v.consultation_opens
      ? `${base}/versions/${v.number}/consultation`
      : undefined,
    consultationOpen: v.state === 'consultation',
    breadcrumbs: [
      { href: '/', text: 'Home' },
      { href: `/p/${partnership.slug}`, text: partnership.name },
      { href: base, text: 'Charter' },
      { href: `${base}/versions`, text: 'Versions' },
    ],
  };
}
