/**
 * Catalogue sync: the default framework that ships (core/framework/catalogue.ts) reaches every
 * partnership by one explicit, audited and idempotent step, run at start (openRuntime) and by
 * `anchorage migrate`, and for one partnership when it is created. Never by a read.
 *
 * For each partnership:
 * - catalogue commitments and indicators it does not have are added (indicators switched on);
 * - catalogue indicators it has are brought up to date: pillar, commitment, source, whether
 *   organisations' figures may be published, direction, order and the data items' wording and
 *   bounds; the name, description and methodology too, unless the partnership reworded them;
 * - whether an indicator is switched on, the partnership's own wording and its custom indicators
 *   are never touched, and nothing is removed;
 * - a change to how a catalogue indicator is computed (computation, unit, frequency or its data
 *   items) is refused and reported: it would rewrite figures already reported (decision 010), so
 *   it must ship as a new indicator code.
 * One audit entry per partnership changed; a second run finds nothing to do.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { CATALOGUE, COMMITMENTS } from '../../core/framework/catalogue.js';
import type { CommitmentDefinition, IndicatorDefinition } from '../../core/framework/types.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { lockPartnership } from '../../db/locks.js';

export interface Catalogue {
  readonly commitments: readonly CommitmentDefinition[];
  readonly indicators: readonly IndicatorDefinition[];
}

/** The catalogue this version of the service ships. */
export const SHIPPED_CATALOGUE: Catalogue = { commitments: COMMITMENTS, indicators: CATALOGUE };

/** Who the audit log names for a catalogue update. */
export const CATALOGUE_ACTOR: AuditActor = { userId: null, label: 'Anchorage (catalogue update)' };

export interface CatalogueChanges {
  readonly partnershipId: string;
  readonly commitmentsAdded: readonly string[];
  readonly commitmentsUpdated: readonly string[];
  readonly indicatorsAdded: readonly string[];
  /** Indicator code → the columns brought up to date. */
  readonly indicatorsUpdated: Readonly<Record<string, readonly string[]>>;
  /** Changes not applied, with the reason (a changed computation needs a new indicator code). */
  readonly refused: readonly { readonly code: string; readonly reason: string }[];
}

/**
 * Brings every partnership (or the one given) up to date with the catalogue, each in its own
 * transaction. Returns the partnerships that changed or had a change refused (a refusal alone
 * writes nothing, so it is reported again at each start until the catalogue is put right).
 */
export async function syncCatalogue(
  db: Kysely<DB>,
  options: { catalogue?: Catalogue; partnershipId?: string; actor?: AuditActor } = {},
): Promise<CatalogueChanges[]> {
  const catalogue = options.catalogue ?? SHIPPED_CATALOGUE;
  let q = db.selectFrom('partnerships').select('id').orderBy('created_at');
  if (options.partnershipId) q = q.where('id', '=', options.partnershipId);
  const partnerships = await q.execute();
  const out: CatalogueChanges[] = [];
  for (const p of partnerships) {
    // A cheap look first: most starts find nothing to do and open no transaction.
    const planned = (await changesFor(db, p.id, catalogue)).changes;
    if (!hasWork(planned)) {
      if (planned.refused.length) out.push(planned);
      continue;
    }
    out.push(
      await db
        .transaction()
        .execute((trx) => syncPartnershipCatalogue(trx, p.id, { ...options, catalogue })),
    );
  }
  return out;
}

/**
 * Brings one partnership up to date in the caller's transaction (partnership creation uses it to
 * copy the whole framework). Audited unless `audit: false` (creation is audited on its own).
 */
export async function syncPartnershipCatalogue(
  trx: Transaction<DB>,
  partnershipId: string,
  options: { catalogue?: Catalogue; actor?: AuditActor; audit?: boolean } = {},
): Promise<CatalogueChanges> {
  const catalogue = options.catalogue ?? SHIPPED_CATALOGUE;
  // Two instances starting at once on one server apply each change once.
  await lockPartnership(trx, partnershipId, 'catalogue');
  const plan = await changesFor(trx, partnershipId, catalogue);
  if (!hasWork(plan.changes)) return plan.changes;

  if (plan.newCommitments.length) {
    await trx
      .insertInto('commitments')
      .values(plan.newCommitments.map((c) => ({ partnership_id: partnershipId, ...c })))
      .execute();
  }
  for (const c of plan.changedCommitments) {
    await trx
      .updateTable('commitments')
      .set(c.set)
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', c.code)
      .execute();
  }
  if (plan.newIndicators.length) {
    await trx
      .insertInto('indicators')
      .values(plan.newIndicators.map((i) => ({ partnership_id: partnershipId, ...i })))
      .execute();
  }
  for (const i of plan.changedIndicators) {
    await trx
      .updateTable('indicators')
      .set({ ...i.set, updated_at: sql`now()` })
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', i.code)
      .execute();
  }
  if (options.audit !== false) {
    await recordAudit(trx, {
      actor: options.actor ?? CATALOGUE_ACTOR,
      partnershipId,
      entity: 'framework',
      entityId: null,
      action: 'framework.catalogue-updated',
      after: {
        commitments_added: plan.changes.commitmentsAdded,
        commitments_updated: plan.changes.commitmentsUpdated,
        indicators_added: plan.changes.indicatorsAdded,
        indicators_updated: plan.changes.indicatorsUpdated,
        refused: plan.changes.refused,
      },
    });
  }
  return plan.changes;
}

/** Something to add or bring up to date (refusals write nothing). */
function hasWork(c: CatalogueChanges): boolean {
  return (
    c.commitmentsAdded.length > 0 ||
    c.commitmentsUpdated.length > 0 ||
    c.indicatorsAdded.length > 0 ||
    Object.keys(c.indicatorsUpdated).length > 0
  );
}

/** Columns the catalogue owns for its indicators (wording only while the partnership has not reworded it). */
const OWNED = [
  'pillar',
  'commitment_code',
  'source',
  'publish_org_level',
  'direction',
  'sort_order',
] as const;
const WORDING = ['name', 'description', 'methodology'] as const;

function indicatorRow(d: IndicatorDefinition, index: number) {
  return {
    code: d.id,
    pillar: d.pillar,
    commitment_code: d.commitment,
    name: d.name,
    description: d.description,
    unit: d.unit,
    direction: d.direction,
    frequency: d.frequency,
    computation: JSON.stringify(d.computation),
    items: JSON.stringify(d.items),
    source: d.source,
    methodology: d.methodology,
    publish_org_level: d.publishOrganisationLevel,
    origin: 'catalogue' as const,
    sort_order: index * 10,
  };
}

function commitmentRow(c: CommitmentDefinition, index: number) {
  return {
    code: c.id,
    pillar: c.pillar,
    title: c.title,
    description: c.description,
    sort_order: index,
  };
}

/** JSON with object keys in one order, for comparing stored JSON with the catalogue's. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

async function changesFor(
  db: Kysely<DB> | Transaction<DB>,
  partnershipId: string,
  catalogue: Catalogue,
) {
  const [commitments, indicators] = await Promise.all([
    db
      .selectFrom('commitments')
      .select(['code', 'pillar', 'title', 'description', 'sort_order'])
      .where('partnership_id', '=', partnershipId)
      .execute(),
    db.selectFrom('indicators').selectAll().where('partnership_id', '=', partnershipId).execute(),
  ]);
  const haveCommitment = new Map(commitments.map((c) => [c.code, c]));
  const haveIndicator = new Map(indicators.map((i) => [i.code, i]));

  const newCommitments: ReturnType<typeof commitmentRow>[] = [];
  const changedCommitments: { code: string; set: Partial<ReturnType<typeof commitmentRow>> }[] = [];
  catalogue.commitments.forEach((c, index) => {
    const want = commitmentRow(c, index);
    const have = haveCommitment.get(c.id);
    if (!have) return newCommitments.push(want);
    const set: Partial<ReturnType<typeof commitmentRow>> = {};
    for (const k of ['pillar', 'title', 'description', 'sort_order'] as const) {
      if (have[k] !== want[k]) Object.assign(set, { [k]: want[k] });
    }
    if (Object.keys(set).length) changedCommitments.push({ code: c.id, set });
  });

  const newIndicators: ReturnType<typeof indicatorRow>[] = [];
  const changedIndicators: {
    code: string;
    set: Partial<Omit<ReturnType<typeof indicatorRow>, 'code' | 'origin'>>;
  }[] = [];
  const updated: Record<string, string[]> = {};
  const refused: { code: string; reason: string }[] = [];
  catalogue.indicators.forEach((d, index) => {
    const want = indicatorRow(d, index);
    const have = haveIndicator.get(d.id);
    if (!have) return newIndicators.push(want);
    if (have.origin !== 'catalogue') {
      refused.push({ code: d.id, reason: 'the partnership has its own indicator with this code' });
      return;
    }
    const haveItems = have.items as readonly { id: string }[];
    const sameComputation =
      canonicalJson(have.computation) === canonicalJson(d.computation) &&
      have.unit === d.unit &&
      have.frequency === d.frequency &&
      canonicalJson(haveItems.map((i) => i.id)) === canonicalJson(d.items.map((i) => i.id));
    if (!sameComputation) {
      refused.push({
        code: d.id,
        reason:
          'how it is computed changed (computation, unit, frequency or data items): figures already reported would change, so it needs a new indicator code',
      });
      return;
    }
    const set: Record<string, unknown> = {};
    for (const k of OWNED) if (have[k] !== want[k]) set[k] = want[k];
    if (!have.wording_edited) for (const k of WORDING) if (have[k] !== want[k]) set[k] = want[k];
    if (canonicalJson(have.items) !== canonicalJson(d.items)) set.items = want.items;
    if (Object.keys(set).length) {
      changedIndicators.push({ code: d.id, set });
      updated[d.id] = Object.keys(set);
    }
  });

  const changes: CatalogueChanges = {
    partnershipId,
    commitmentsAdded: newCommitments.map((c) => c.code),
    commitmentsUpdated: changedCommitments.map((c) => c.code),
    indicatorsAdded: newIndicators.map((i) => i.code),
    indicatorsUpdated: updated,
    refused,
  };
  return { changes, newCommitments, changedCommitments, newIndicators, changedIndicators };
}
