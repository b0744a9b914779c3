/**
 * Publishing a financial year's figures (issue 13, decision 033): the snapshot is built from the
 * figures read model (FiguresService.read) by the pure core (core/publishing/snapshot.ts), stored
 * as a revision that can never change (migration 0018), and read back by the public pages. A
 * later publication of the same year is a correction: a new revision with its reason, the old one
 * still reachable.
 *
 * Organisations choose, per indicator, not to have their own figure shown (only the partnership
 * total is); the framework's publishOrganisationLevel decides where organisation figures may be
 * shown at all.
 */
import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../../core/errors.js';
import { figureBasisText, totalNoteText } from '../../core/figures/coverage.js';
import { isPartnershipWide } from '../../core/figures/registry.js';
import { describeComputation } from '../../core/framework/describe.js';
import { formatValue } from '../../core/framework/format.js';
import { totalUnit } from '../../core/framework/rollup.js';
import { longDate, STATUS_LABELS } from '../../core/framework/status.js';
import { frequencyOf } from '../../core/periods.js';
import {
  buildSnapshot,
  peopleCounts,
  SNAPSHOT_SCHEMA,
  type EarlierRevision,
  type IndicatorIn,
  type PeopleCounts,
  type PublishedInitiative,
  type Snapshot,
  type SnapshotIn,
} from '../../core/publishing/snapshot.js';
import { publicInitiative } from '../../core/registers/initiative-public.js';
import { PublishedRevisions, type PublicationHeader } from '../../core/publishing/revisions.js';
import type { DB, ReportingPeriod } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { listIndicators } from '../framework/framework.repo.js';
import {
  FiguresService,
  type IndicatorFigures,
  type PartnershipFigures,
} from '../figures/figures.service.js';
import type { Initiative, InitiativesService } from '../registers/initiatives.service.js';
import { lockPartnership } from '../../db/locks.js';

export interface Publication extends PublicationHeader {
  readonly snapshot: Snapshot;
}

/** A financial year of the partnership and where its publication stands. */
export interface YearStanding {
  readonly period: ReportingPeriod;
  /** Every revision published, latest first. */
  readonly revisions: readonly PublicationHeader[];
}

export const MAX_CORRECTION_REASON = 1000;

export const fyLabel = (fy: number) => `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;

/** "2025-26" in addresses for the year starting April 2025; null when it is not one. */
export function yearFromParam(param: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(param);
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

export const yearParam = (fy: number) => `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;

export class PublishingService {
  readonly #db: Kysely<DB>;
  readonly #figures: FiguresService;
  /** Snapshots read, by publication id (they never change), most recently used last. */
  readonly #snapshots = new Map<string, Snapshot>();

  readonly #initiatives: Pick<InitiativesService, 'list'>;

  constructor(deps: {
    db: Kysely<DB>;
    figures: FiguresService;
    initiatives: Pick<InitiativesService, 'list'>;
  }) {
    this.#db = deps.db;
    this.#figures = deps.figures;
    this.#initiatives = deps.initiatives;
  }

  /** The partnership's financial years (latest first), each with what has been published. */
  async years(partnershipId: string): Promise<YearStanding[]> {
    const [periods, published] = await Promise.all([
      this.#db
        .selectFrom('reporting_periods')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('kind', '=', 'year')
        .orderBy('fy_start_year', 'desc')
        .execute(),
      this.#db
        .selectFrom('publications')
        .select([
          'id',
          'fy_start_year',
          'revision',
          'published_at',
          'published_by_label',
          'correction_reason',
        ])
        .where('partnership_id', '=', partnershipId)
        .orderBy('revision', 'desc')
        .execute(),
    ]);
    return periods.map((period) => ({
      period,
      revisions: published
        .filter((p) => p.fy_start_year === period.fy_start_year)
        .map((p) => ({
          id: p.id,
          fyStartYear: p.fy_start_year,
          revision: p.revision,
          publishedAt: p.published_at,
          publishedBy: p.published_by_label,
          correctionReason: p.correction_reason,
        })),
    }));
  }

  /**
   * What publishing the year now would publish (for the preview before publishing): a correction
   * is protected together with the revisions of the year already published, which stay public.
   */
  async preview(partnershipId: string, fyStartYear: number, asOf?: string): Promise<Snapshot> {
    return (await this.#next(partnershipId, fyStartYear, asOf)).snapshot;
  }

  /**
   * The next revision's snapshot, the counts it was protected with, and how many revisions of
   * the year it was protected with.
   */
  async #next(partnershipId: string, fyStartYear: number, asOf?: string) {
    const figures = await this.#figures.read(partnershipId, asOf ? { asOf } : {});
    const earlier = await this.withSnapshots(
      (await this.published(partnershipId)).revisions(fyStartYear).reverse(),
    );
    const [kept, partnership, withheld, register] = await Promise.all([
      earlier.length === 0
        ? []
        : this.#db
            .selectFrom('publication_counts')
            .select(['publication_id', 'counts'])
            .where(
              'publication_id',
              'in',
              earlier.map((e) => e.id),
            )
            .execute(),
      this.#db
        .selectFrom('partnerships')
        .select(['name', 'slug'])
        .where('id', '=', partnershipId)
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('publication_choices')
        .select(['organisation_id', 'indicator_code'])
        .where('partnership_id', '=', partnershipId)
        .execute(),
      this.#initiatives.list(partnershipId),
    ]);
    const hidden = new Set(withheld.map((w) => `${w.organisation_id}:${w.indicator_code}`));
    const countsOf = new Map(kept.map((k) => [k.publication_id, k.counts as PeopleCounts]));
    const { snapshot, counts } = snapshotOf(
      figures,
      partnership,
      fyStartYear,
      (org, code) => !hidden.has(`${org}:${code}`),
      earlier.map((e) => ({ snapshot: e.snapshot, counts: countsOf.get(e.id) ?? null })),
      register.map(publishedInitiative),
    );
    return { snapshot, counts, revisions: earlier.length };
  }

  /**
   * Publishes the year: its first revision, or (with a reason) a correction. Refuses a
   * correction without a reason, a first publication with one, a year the partnership has not
   * opened, and a correction identical to the revision it would replace.
   */
  async publish(
    partnershipId: string,
    fyStartYear: number,
    actor: AuditActor,
    correctionReason: string | null,
    asOf?: string,
  ): Promise<Publication> {
    const { snapshot, counts, revisions } = await this.#next(partnershipId, fyStartYear, asOf);
    return this.#db.transaction().execute(async (trx) => {
      // One publication of a partnership at a time: revision numbers never clash.
      await lockPartnership(trx, partnershipId, 'publishing');
      const latest = await trx
        .selectFrom('publications')
        .select(['revision', 'snapshot'])
        .where('partnership_id', '=', partnershipId)
        .where('fy_start_year', '=', fyStartYear)
        .orderBy('revision', 'desc')
        .limit(1)
        .executeTakeFirst();
      const revision = (latest?.revision ?? 0) + 1;
      // The figures were protected together with the revisions published when they were read;
      // one published since would have to be taken into account too.
      if (revision !== revisions + 1)
        throw new DomainError(
          'CONFLICT',
          'Published meanwhile',
          'These figures were published or corrected while this was being prepared: preview them again',
        );
      if (revision > 1 && !correctionReason)
        throw new DomainError(
          'INVALID',
          'A correction needs its reason',
          'Say why the figures are being corrected',
        );
      if (revision === 1 && correctionReason)
        throw new DomainError(
          'CONFLICT',
          'Nothing to correct',
          'This year has not been published yet',
        );
      if (latest && sameFigures(latest.snapshot as Snapshot, snapshot))
        throw new DomainError(
          'CONFLICT',
          'Nothing has changed',
          `The figures are the same as in revision ${latest.revision}: there is nothing to correct`,
        );
      const row = await trx
        .insertInto('publications')
        .values({
          partnership_id: partnershipId,
          fy_start_year: fyStartYear,
          revision,
          published_by: actor.userId,
          published_by_label: actor.label,
          correction_reason: revision > 1 ? correctionReason : null,
          snapshot: JSON.stringify(snapshot),
        })
        .returning(['id', 'published_at'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('publication_counts')
        .values({ publication_id: row.id, counts: JSON.stringify(counts) })
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'publication',
        entityId: row.id,
        action: revision === 1 ? 'figures.published' : 'figures.corrected',
        before: latest ? { revision: latest.revision } : null,
        after: {
          year: fyLabel(fyStartYear),
          revision,
          ...(revision > 1 ? { reason: correctionReason } : {}),
        },
      });
      return {
        id: row.id,
        fyStartYear,
        revision,
        publishedAt: row.published_at,
        publishedBy: actor.label,
        correctionReason: revision > 1 ? correctionReason : null,
        snapshot,
      };
    });
  }

  /** Every revision the partnership has published, without their figures (one query). */
  async published(partnershipId: string): Promise<PublishedRevisions> {
    const rows = await this.#db
      .selectFrom('publications')
      .select(HEADER)
      .where('partnership_id', '=', partnershipId)
      .execute();
    return new PublishedRevisions(rows.map(toHeader));
  }

  /** A year's publication: the latest revision, or the one asked for; undefined when none. */
  async publication(
    partnershipId: string,
    fyStartYear: number,
    revision?: number,
  ): Promise<Publication | undefined> {
    const header = (await this.published(partnershipId)).find(fyStartYear, revision);
    return header ? this.withSnapshot(header) : undefined;
  }

  /** Every revision of a year, latest first, without their figures. */
  async revisions(partnershipId: string, fyStartYear: number): Promise<PublicationHeader[]> {
    return (await this.published(partnershipId)).revisions(fyStartYear);
  }

  /** The latest revision of every published year, latest year first, without their figures. */
  async publishedYears(partnershipId: string): Promise<PublicationHeader[]> {
    return (await this.published(partnershipId)).latestOfEachYear();
  }

  /** The latest revision of every published year, latest year first. */
  async latestOfEachYear(partnershipId: string): Promise<Publication[]> {
    return this.withSnapshots((await this.published(partnershipId)).latestOfEachYear());
  }

  /** A publication with its figures. */
  async withSnapshot(header: PublicationHeader): Promise<Publication> {
    return (await this.withSnapshots([header]))[0]!;
  }

  /** The enabled indicators, described as a publication describes them (methodology). */
  async describedIndicators(partnershipId: string) {
    return (await listIndicators(this.#db, partnershipId, { enabledOnly: true })).map((i) => ({
      id: i.id,
      pillar: i.pillar,
      name: i.name,
      description: i.description,
      computation: describeComputation(i),
      methodology: i.methodology,
      source: i.source,
    }));
  }

  /** The carbon conversion factor sets the service holds, newest first (methodology). */
  async factorSets() {
    return this.#db
      .selectFrom('carbon_factor_sets')
      .select(['name', 'years', 'factor_count', 'source'])
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** The indicators an organisation's own figure may be published for (choose() offers these). */
  async choosable(partnershipId: string) {
    return (await listIndicators(this.#db, partnershipId, { enabledOnly: true })).filter(
      (i) => i.publishOrganisationLevel && !isPartnershipWide(i),
    );
  }

  /**
   * These publications with their snapshots. A publication never changes, so its snapshot, once
   * read, is kept in memory (the most recently used SNAPSHOT_CACHE of them) and only the others
   * are read from the database.
   */
  async withSnapshots(rows: readonly PublicationHeader[]): Promise<Publication[]> {
    const missing = rows.filter((r) => !this.#snapshots.has(r.id)).map((r) => r.id);
    if (missing.length > 0) {
      const read = await this.#db
        .selectFrom('publications')
        .select(['id', 'snapshot'])
        .where('id', 'in', missing)
        .execute();
      for (const r of read) {
        const snapshot = r.snapshot as Snapshot;
        if (snapshot.schema !== SNAPSHOT_SCHEMA)
          throw new Error(`Unknown snapshot schema ${String(snapshot.schema)}`);
        this.#snapshots.set(r.id, snapshot);
      }
      for (const id of this.#snapshots.keys()) {
        if (this.#snapshots.size <= SNAPSHOT_CACHE) break;
        if (!rows.some((r) => r.id === id)) this.#snapshots.delete(id);
      }
    }
    return rows.map((r) => {
      const snapshot = this.#snapshots.get(r.id);
      if (!snapshot) throw new Error(`Publication ${r.id} has no snapshot`);
      // Most recently used last, so the oldest used goes first.
      this.#snapshots.delete(r.id);
      this.#snapshots.set(r.id, snapshot);
      return { ...r, snapshot };
    });
  }

  /** The indicators an organisation has chosen not to have its own figure shown for. */
  async withheld(partnershipId: string, organisationId: string): Promise<Set<string>> {
    const rows = await this.#db
      .selectFrom('publication_choices')
      .select('indicator_code')
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .execute();
    return new Set(rows.map((r) => r.indicator_code));
  }

  /** Sets which of the indicators an organisation's own figure is shown for, audited. */
  async choose(
    partnershipId: string,
    organisationId: string,
    shown: ReadonlySet<string>,
    allowed: readonly string[],
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('publication_choices')
        .select('indicator_code')
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .execute();
      const withheld = allowed.filter((code) => !shown.has(code));
      await trx
        .deleteFrom('publication_choices')
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .execute();
      if (withheld.length > 0)
        await trx
          .insertInto('publication_choices')
          .values(
            withheld.map((code) => ({
              partnership_id: partnershipId,
              organisation_id: organisationId,
              indicator_code: code,
              changed_by: actor.userId,
            })),
          )
          .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'organisation',
        entityId: organisationId,
        action: 'publishing.choices.changed',
        before: { withheld: before.map((b) => b.indicator_code).sort() },
        after: { withheld: [...withheld].sort() },
      });
    });
  }
}

/** The columns of a publication other than its snapshot. */
const HEADER = [
  'id',
  'fy_start_year',
  'revision',
  'published_at',
  'published_by_label',
  'correction_reason',
] as const;

export interface HeaderRow {
  id: string;
  fy_start_year: number;
  revision: number;
  published_at: Date;
  published_by_label: string;
  correction_reason: string | null;
}

/** How many snapshots a server keeps in memory. */
const SNAPSHOT_CACHE = 64;

export function toHeader(row: HeaderRow): PublicationHeader {
  return {
    id: row.id,
    fyStartYear: row.fy_start_year,
    revision: row.revision,
    publishedAt: row.published_at,
    publishedBy: row.published_by_label,
    correctionReason: row.correction_reason,
  };
}

/**
 * Whether two snapshots publish the same figures (the day they were read aside). Compared with
 * their keys in order, since jsonb does not keep the order they were written in.
 */
export function sameFigures(a: Snapshot, b: Snapshot): boolean {
  // The initiatives published beside the figures are not figures: a change to the register alone
  // is nothing to correct.
  const figuresOf = (x: Snapshot) => ({ ...x, figuresAsOf: '', initiatives: undefined });
  return canonical(figuresOf(a)) === canonical(figuresOf(b));
}

/** A register entry's public facts, as a publication keeps them (no money: that is L2). */
function publishedInitiative(i: Initiative): PublishedInitiative {
  const { pooled: _pooled, updatedAt: _updatedAt, ...facts } = publicInitiative(i, false);
  return facts;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The read model's figures for one financial year, as the snapshot's input: the snapshot, and the
 * counts of people it was protected with (kept with it, never published).
 */
export function snapshotOf(
  figures: PartnershipFigures,
  partnership: { name: string; slug: string },
  fyStartYear: number,
  showsOwn: (organisationId: string, indicatorId: string) => boolean,
  earlier: readonly EarlierRevision[] = [],
  initiatives?: readonly PublishedInitiative[],
): { snapshot: Snapshot; counts: PeopleCounts } {
  const year = figures.indicators
    .flatMap((f) => f.periods.map((p) => p.period))
    .find((p) => p.kind === 'year' && p.fy_start_year === fyStartYear);
  if (!year) throw notFound();
  const indicators = figures.indicators.map((f): IndicatorIn => {
    const upToYear: IndicatorFigures = {
      ...f,
      periods: f.periods.filter((p) => p.period.ends_on <= year.ends_on),
    };
    const status = FiguresService.status(upToYear, figures.targets, null);
    const unit = f.indicator.unit;
    return {
      id: f.indicator.id,
      pillar: f.indicator.pillar,
      name: f.indicator.name,
      description: f.indicator.description,
      unit,
      direction: f.indicator.direction,
      frequency: f.indicator.frequency,
      methodology: f.indicator.methodology,
      source: f.indicator.source,
      computation: describeComputation(f.indicator),
      publishOrganisationLevel: f.indicator.publishOrganisationLevel,
      partnershipWide: isPartnershipWide(f.indicator),
      status: {
        status: status.status,
        label: STATUS_LABELS[status.status],
        reason: status.reason,
        target: status.target
          ? {
              value: status.target.value,
              date: status.target.date,
              text: `${formatValue(status.target.value, totalUnit(unit))} by ${longDate(status.target.date)}`,
            }
          : null,
      },
      statusInputs: FiguresService.statusInputs(f.indicator, figures.targets, null),
      periods: f.periods
        .filter(
          (p) =>
            p.period.fy_start_year === fyStartYear &&
            frequencyOf(p.period.kind) === f.indicator.frequency,
        )
        .map((p) => {
          return {
            label: p.period.label,
            kind: p.period.kind,
            startsOn: p.period.starts_on,
            endsOn: p.period.ends_on,
            total: {
              value: p.total.value,
              ...(p.total.numerator !== undefined ? { numerator: p.total.numerator } : {}),
              ...(p.total.denominator !== undefined ? { denominator: p.total.denominator } : {}),
              ...(p.total.distribution && unit === 'yes/no'
                ? { answered: (p.total.distribution.yes ?? 0) + (p.total.distribution.no ?? 0) }
                : {}),
              known: p.total.known,
              note: totalNoteText(p.total.coverage),
            },
            change: p.change && p.change.kind !== 'none' ? p.change.text : null,
            organisations: Object.fromEntries(
              figures.organisations.map((o) => {
                const x = p.byOrganisation.get(o.id) ?? null;
                return [
                  o.id,
                  x
                    ? {
                        value: x.value,
                        ...(x.numerator !== undefined ? { numerator: x.numerator } : {}),
                        ...(x.denominator !== undefined ? { denominator: x.denominator } : {}),
                        known: x.known,
                        note: figureBasisText(x),
                      }
                    : null,
                ];
              }),
            ),
          };
        }),
    };
  });
  const input: SnapshotIn = {
    partnership,
    year: {
      fyStartYear,
      label: fyLabel(fyStartYear),
      startsOn: year.starts_on,
      endsOn: year.ends_on,
    },
    figuresAsOf: figures.asOf,
    organisations: figures.organisations.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    indicators,
    showsOwn,
    earlier,
    ...(initiatives ? { initiatives } : {}),
  };
  return { snapshot: buildSnapshot(input), counts: peopleCounts(input) };
}
