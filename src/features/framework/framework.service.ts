/**
 * Changing a partnership's framework: switching indicators on and off, editing their wording,
 * adding indicators of the declarative kinds, and setting baselines and targets. Changes are
 * audited and never rewrite figures already reported: how an indicator is computed cannot be
 * changed once it exists (add a new indicator instead), and figures are stored as data items.
 */
import { sql, type Kysely } from 'kysely';
import { conflict, DomainError, notFound } from '../../core/errors.js';
import type {
  Computation,
  DataItem,
  Direction,
  Frequency,
  Unit,
} from '../../core/framework/types.js';
import type { PillarId } from '../../core/pillars.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { fullDirectoryLoaded } from '../../reference/geography.js';
import {
  listCommitments,
  listIndicators,
  listTargets,
  type Indicator,
  type TargetRow,
} from './framework.repo.js';
import { findIndicator } from './framework.repo.js';

export interface WordingInput {
  readonly name: string;
  readonly description: string;
  readonly methodology: string;
}

export interface CustomIndicatorInput extends WordingInput {
  readonly pillar: PillarId;
  readonly direction: Direction;
  readonly frequency: Frequency;
  readonly kind: 'value' | 'ratio' | 'sum' | 'difference' | 'per' | 'change_since_baseline';
  /** Labels of the new data items, in the order the kind reads them. */
  readonly itemLabels: readonly string[];
  readonly itemUnit: Unit;
  readonly scale?: number;
  readonly publishOrganisationLevel: boolean;
}

export interface TargetInput {
  readonly organisationId: string | null;
  readonly code: string;
  readonly baseline: { value: number; date: string; label: string } | null;
  readonly targets: readonly { value: number; date: string; label: string }[];
}

/** How many data items each kind reads. */
export const ITEMS_FOR_KIND: Record<
  CustomIndicatorInput['kind'],
  { min: number; max: number; names: string[] }
> = {
  value: { min: 1, max: 1, names: ['The figure'] },
  ratio: { min: 2, max: 2, names: ['Numerator (the part)', 'Denominator (the whole)'] },
  sum: {
    min: 2,
    max: 5,
    names: ['First figure', 'Second figure', 'Third figure', 'Fourth figure', 'Fifth figure'],
  },
  difference: { min: 2, max: 2, names: ['The figure', 'The figure taken away from it'] },
  per: { min: 2, max: 2, names: ['The figure', 'Per (the thing it is divided by)'] },
  change_since_baseline: { min: 1, max: 1, names: ['The figure to compare with its baseline'] },
};

export class FrameworkService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every indicator (on or off) with the commitments they belong to. */
  async framework(partnershipId: string) {
    const [indicators, commitments] = await Promise.all([
      listIndicators(this.#db, partnershipId),
      listCommitments(this.#db, partnershipId),
    ]);
    return { indicators, commitments };
  }

  /** The indicators switched on, and whether the full postcode directory places suppliers. */
  async methodology(partnershipId: string) {
    const indicators = await listIndicators(this.#db, partnershipId, { enabledOnly: true });
    return { indicators, fullPostcodeDirectory: await fullDirectoryLoaded(this.#db) };
  }

  /** One indicator of the partnership by its code, or NOT_FOUND. */
  async indicator(partnershipId: string, code: string): Promise<Indicator> {
    const indicator = await findIndicator(this.#db, partnershipId, code);
    if (!indicator) throw notFound();
    return indicator;
  }

  /** One indicator's baselines and targets: partnership-wide (organisation null) or one organisation's. */
  targets(
    partnershipId: string,
    organisationId: string | null,
    code: string,
  ): Promise<TargetRow[]> {
    return listTargets(this.#db, partnershipId, { organisationId, indicatorCode: code });
  }

  /** An organisation's baselines and targets for every indicator switched on. */
  async organisationTargets(partnershipId: string, organisationId: string) {
    const [indicators, targets] = await Promise.all([
      listIndicators(this.#db, partnershipId, { enabledOnly: true }),
      listTargets(this.#db, partnershipId, { organisationId }),
    ]);
    return { indicators, targets };
  }

  async setEnabled(partnershipId: string, code: string, enabled: boolean, actor: AuditActor) {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('indicators')
        .set({ enabled, updated_at: sql`now()` })
        .where('partnership_id', '=', partnershipId)
        .where('code', '=', code)
        .returning(['code'])
        .executeTakeFirst();
      if (!row) throw notFound('indicator');
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'indicator',
        entityId: code,
        action: enabled ? 'indicator.enabled' : 'indicator.disabled',
      });
    });
  }

  async editWording(partnershipId: string, code: string, input: WordingInput, actor: AuditActor) {
    await this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('indicators')
        .select(['name', 'description', 'methodology'])
        .where('partnership_id', '=', partnershipId)
        .where('code', '=', code)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('indicator');
      await trx
        .updateTable('indicators')
        // The partnership's own wording from now on: a newer catalogue leaves it alone.
        .set({ ...input, wording_edited: true, updated_at: sql`now()` })
        .where('partnership_id', '=', partnershipId)
        .where('code', '=', code)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'indicator',
        entityId: code,
        action: 'indicator.wording.changed',
        before,
        after: input,
      });
    });
  }

  async addCustom(
    partnershipId: string,
    input: CustomIndicatorInput,
    actor: AuditActor,
  ): Promise<string> {
    const spec = ITEMS_FOR_KIND[input.kind];
    if (input.itemLabels.length < spec.min || input.itemLabels.length > spec.max) {
      throw new DomainError(
        'INVALID',
        'item count',
        `This kind of indicator needs ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} figures`,
      );
    }
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('indicators')
        .select(['code', 'sort_order'])
        .where('partnership_id', '=', partnershipId)
        .execute();
      let n = 1;
      while (existing.some((e) => e.code === `X${n}`)) n++;
      const code = `X${n}`;
      const items: DataItem[] = input.itemLabels.map((label, i) => ({
        id: `${code.toLowerCase()}_${i + 1}`,
        label,
        unit: input.itemUnit,
        min: input.kind === 'difference' ? undefined : 0,
        integer: input.itemUnit === 'count' ? true : undefined,
        max: input.itemUnit === 'yes/no' ? 1 : undefined,
        required: true,
      }));
      const ids = items.map((i) => i.id);
      const computation = computationFor(input.kind, ids, input.scale);
      const sortOrder = Math.max(0, ...existing.map((e) => e.sort_order)) + 10;
      await trx
        .insertInto('indicators')
        .values({
          partnership_id: partnershipId,
          code,
          pillar: input.pillar,
          commitment_code: `${input.pillar}-local`,
          name: input.name,
          description: input.description,
          unit: unitFor(input.kind, input.itemUnit),
          direction: input.direction,
          frequency: input.frequency,
          computation: JSON.stringify(computation),
          items: JSON.stringify(items),
          source: 'Entered by each organisation',
          methodology: input.methodology,
          publish_org_level: input.publishOrganisationLevel,
          origin: 'custom',
          sort_order: sortOrder,
        })
        .execute();
      await trx
        .insertInto('commitments')
        .values({
          partnership_id: partnershipId,
          code: `${input.pillar}-local`,
          pillar: input.pillar,
          title: 'Our local commitments',
          description: 'Indicators this partnership added to the default framework.',
          sort_order: 1000,
        })
        .onConflict((oc) => oc.columns(['partnership_id', 'code']).doNothing())
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'indicator',
        entityId: code,
        action: 'indicator.added',
        after: { code, ...input, computation, items },
      });
      return code;
    });
  }

  /**
   * Replaces the baseline and targets of one indicator, for one organisation or (organisationId
   * null) the partnership. The old rows and the new ones are both in the audit entry.
   */
  async setTargets(partnershipId: string, input: TargetInput, actor: AuditActor) {
    const indicator = await findIndicator(this.#db, partnershipId, input.code);
    if (!indicator) throw notFound('indicator');
    const dates = input.targets.map((t) => t.date);
    if (new Set(dates).size !== dates.length) throw conflict('Two targets have the same date');
    if (input.baseline && input.targets.some((t) => t.date <= input.baseline!.date)) {
      throw new DomainError(
        'INVALID',
        'target before baseline',
        'Each target date must be after the baseline date',
      );
    }
    await this.#db.transaction().execute(async (trx) => {
      const scope = (q: ReturnType<typeof trx.deleteFrom<'indicator_targets'>>) =>
        input.organisationId === null
          ? q.where('organisation_id', 'is', null)
          : q.where('organisation_id', '=', input.organisationId);
      const before = await trx
        .selectFrom('indicator_targets')
        .select(['kind', 'value', 'on_date', 'label'])
        .where('partnership_id', '=', partnershipId)
        .where('indicator_code', '=', input.code)
        .where((eb) =>
          input.organisationId === null
            ? eb('organisation_id', 'is', null)
            : eb('organisation_id', '=', input.organisationId),
        )
        .orderBy('on_date')
        .execute();
      await scope(
        trx
          .deleteFrom('indicator_targets')
          .where('partnership_id', '=', partnershipId)
          .where('indicator_code', '=', input.code),
      ).execute();
      const rows = [
        ...(input.baseline ? [{ kind: 'baseline' as const, ...input.baseline }] : []),
        ...input.targets.map((t) => ({ kind: 'target' as const, ...t })),
      ];
      if (rows.length) {
        await trx
          .insertInto('indicator_targets')
          .values(
            rows.map((r) => ({
              partnership_id: partnershipId,
              organisation_id: input.organisationId,
              indicator_code: input.code,
              kind: r.kind,
              value: r.value,
              on_date: r.date,
              label: r.label,
              created_by: actor.userId,
            })),
          )
          .execute();
      }
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'indicator_targets',
        entityId: `${input.code}${input.organisationId ? `:${input.organisationId}` : ''}`,
        action: 'targets.set',
        before,
        after: rows,
      });
    });
  }
}

/** The indicator's unit follows from its kind: a ratio is a percentage, per is a plain ratio. */
export function unitFor(kind: CustomIndicatorInput['kind'], itemUnit: Unit): Unit {
  if (kind === 'ratio' || kind === 'change_since_baseline') return '%';
  if (kind === 'per') return 'ratio';
  return itemUnit;
}

function computationFor(kind: CustomIndicatorInput['kind'], ids: string[], scale = 1): Computation {
  const [a = '', b = ''] = ids;
  switch (kind) {
    case 'value':
      return { kind: 'value', item: a };
    case 'ratio':
      return { kind: 'ratio', numerator: a, denominator: b };
    case 'sum':
      return { kind: 'sum', items: ids };
    case 'difference':
      return { kind: 'difference', a, b };
    case 'per':
      return { kind: 'per', numerator: a, denominator: b, scale };
    case 'change_since_baseline':
      return { kind: 'change_since_baseline', item: a };
  }
}
