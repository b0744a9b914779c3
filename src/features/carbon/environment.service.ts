/**
 * What the environment pages read and the manual entry they make: an organisation's activity data
 * by financial year with its emissions by scope and source (the factor beside each), at each
 * year's own factors or at one fixed year's; the NHS net-zero paths for the organisation and the
 * partnership; and the conversion-factor sets used.
 */
import type { Kysely } from 'kysely';
import { ACTIVITIES, activityByCode } from '../../core/carbon/activities.js';
import { parseDecimal } from '../../core/carbon/decimal.js';
import {
  addKnown,
  calculateEmissions,
  recycledShare,
  renewableShare,
  type ActivityQuantity,
  type Emissions,
} from '../../core/carbon/emissions.js';
import { baselineOf, NHS_TRAJECTORIES, type Baseline } from '../../core/carbon/trajectory.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor } from '../audit/audit.repo.js';
import { record, type RecordedActivities } from './activity.service.js';
import {
  currentActivities,
  listFactorSets,
  loadCatalogueFactors,
  type ActivityRow,
  type FactorSetRow,
} from './carbon.repo.js';

export interface YearActivities {
  readonly fyStartYear: number;
  readonly rows: ReadonlyMap<string, ActivityRow>;
  readonly emissions: Emissions | null;
  readonly renewable: ReturnType<typeof renewableShare>;
  readonly recycled: ReturnType<typeof recycledShare>;
}

export interface SeriesPoint {
  readonly year: number;
  /** Tonnes, null when not known. */
  readonly tCO2e: number | null;
}

export interface OrganisationEnvironment {
  readonly years: readonly YearActivities[];
  /** E1 and E1 + E6 per year, at the basis asked for. */
  readonly footprint: readonly SeriesPoint[];
  readonly footprintPlus: readonly SeriesPoint[];
  readonly baselines: {
    readonly footprint: Baseline | null;
    readonly footprintPlus: Baseline | null;
  };
  /** Years some loaded set has factors for (the fixed-year choices). */
  readonly factorYears: readonly number[];
  readonly factorSets: readonly FactorSetRow[];
}

export interface PartnershipEnvironment {
  readonly organisations: readonly {
    readonly id: string;
    readonly name: string;
    readonly footprint: readonly SeriesPoint[];
    readonly footprintPlus: readonly SeriesPoint[];
  }[];
  readonly years: readonly number[];
  /** Sums over the organisations with figures for the year; null when one of them is not known. */
  readonly footprint: readonly (SeriesPoint & { organisations: number })[];
  readonly footprintPlus: readonly (SeriesPoint & { organisations: number })[];
  readonly baselines: {
    readonly footprint: Baseline | null;
    readonly footprintPlus: Baseline | null;
  };
  readonly factorYears: readonly number[];
  readonly factorSets: readonly FactorSetRow[];
}

const tonnes = (t: string | null) => (t === null ? null : Number(t));

function quantitiesOf(rows: Iterable<ActivityRow>): ActivityQuantity[] {
  return [...rows]
    .filter((r): r is ActivityRow & { quantity: string } => r.quantity !== null)
    .map((r) => ({ activity: r.activity, quantity: r.quantity }));
}

function footprints(e: Emissions | null): { e1: number | null; plus: number | null } {
  if (!e || e.byIndicator.E1.sources === 0) return { e1: null, plus: null };
  const e1 = e.byIndicator.E1.tCO2e;
  const e6 = e.byIndicator.E6.sources > 0 ? e.byIndicator.E6.tCO2e : '0';
  return { e1: tonnes(e1), plus: tonnes(addKnown([e1, e6])) };
}

export type ManualEntryProblem = { field: string; text: string };

/** The form field of an activity's quantity. */
export const quantityField = (activity: string) => `q-${activity}`;

export class EnvironmentService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  private async factorContext() {
    const [factors, sets] = await Promise.all([
      loadCatalogueFactors(this.deps.db),
      listFactorSets(this.deps.db),
    ]);
    const factorYears = [...new Set(factors.map((f) => f.year))].sort((a, b) => a - b);
    return { factors, sets, factorYears };
  }

  private byOrganisationYear(rows: readonly ActivityRow[]) {
    const out = new Map<string, Map<number, Map<string, ActivityRow>>>();
    for (const r of rows) {
      const org = out.get(r.organisation_id) ?? new Map<number, Map<string, ActivityRow>>();
      const year = org.get(r.fy_start_year) ?? new Map<string, ActivityRow>();
      year.set(r.activity, r);
      org.set(r.fy_start_year, year);
      out.set(r.organisation_id, org);
    }
    return out;
  }

  /** One organisation: its years (those given, and any with data), at each year's own factors or at `factorYear`'s. */
  async organisation(
    partnershipId: string,
    organisationId: string,
    options: { years: readonly number[]; factorYear: number | null },
  ): Promise<OrganisationEnvironment> {
    const { factors, sets, factorYears } = await this.factorContext();
    const rows = await currentActivities(this.deps.db, partnershipId, {
      organisationIds: [organisationId],
    });
    const byYear =
      this.byOrganisationYear(rows).get(organisationId) ??
      new Map<number, Map<string, ActivityRow>>();
    const allYears = [...new Set([...options.years, ...byYear.keys()])].sort((a, b) => a - b);
    const years: YearActivities[] = allYears.map((y) => {
      const yearRows = byYear.get(y) ?? new Map<string, ActivityRow>();
      const q = quantitiesOf(yearRows.values());
      return {
        fyStartYear: y,
        rows: yearRows,
        emissions: q.length ? calculateEmissions(y, q, factors, options.factorYear ?? y) : null,
        renewable: renewableShare(q),
        recycled: recycledShare(q),
      };
    });
    const footprint = years.map((y) => ({
      year: y.fyStartYear,
      tCO2e: footprints(y.emissions).e1,
    }));
    const footprintPlus = years.map((y) => ({
      year: y.fyStartYear,
      tCO2e: footprints(y.emissions).plus,
    }));
    return {
      years,
      footprint,
      footprintPlus,
      baselines: { footprint: baselineOf(footprint), footprintPlus: baselineOf(footprintPlus) },
      factorYears,
      factorSets: sets,
    };
  }

  /** Every organisation of the partnership with activity data, and the partnership's sums. */
  async partnership(
    partnershipId: string,
    organisations: readonly { id: string; name: string }[],
    options: { years: readonly number[]; factorYear: number | null },
  ): Promise<PartnershipEnvironment> {
    const { factors, sets, factorYears } = await this.factorContext();
    const rows = await currentActivities(this.deps.db, partnershipId);
    const grouped = this.byOrganisationYear(rows);
    const years = [...new Set([...options.years, ...rows.map((r) => r.fy_start_year)])].sort(
      (a, b) => a - b,
    );
    const orgs = organisations
      .filter((o) => grouped.has(o.id))
      .map((o) => {
        const byYear = grouped.get(o.id) ?? new Map<number, Map<string, ActivityRow>>();
        const points = years.map((y) => {
          const q = quantitiesOf((byYear.get(y) ?? new Map<string, ActivityRow>()).values());
          return footprints(
            q.length ? calculateEmissions(y, q, factors, options.factorYear ?? y) : null,
          );
        });
        return {
          id: o.id,
          name: o.name,
          footprint: years.map((year, i) => ({ year, tCO2e: points[i]?.e1 ?? null })),
          footprintPlus: years.map((year, i) => ({ year, tCO2e: points[i]?.plus ?? null })),
        };
      });
    const total = (pick: (o: (typeof orgs)[number]) => readonly SeriesPoint[]) =>
      years.map((year, i) => {
        const withData = orgs.filter((o) =>
          (grouped.get(o.id)?.get(year)?.size ?? 0) > 0 ? true : false,
        );
        const values = withData.map((o) => pick(o)[i]?.tCO2e ?? null);
        const known = values.length > 0 && values.every((v) => v !== null);
        return {
          year,
          tCO2e: known ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null,
          organisations: withData.length,
        };
      });
    const footprint = total((o) => o.footprint);
    const footprintPlus = total((o) => o.footprintPlus);
    return {
      organisations: orgs,
      years,
      footprint,
      footprintPlus,
      baselines: { footprint: baselineOf(footprint), footprintPlus: baselineOf(footprintPlus) },
      factorYears,
      factorSets: sets,
    };
  }

  /**
   * Reads the manual entry form for one year: each activity's quantity, blank for none (a blank
   * where a figure was recorded withdraws it). Returns the problems, or records the changes.
   */
  async recordManual(
    input: {
      partnershipId: string;
      organisationId: string;
      fyStartYear: number;
      body: Record<string, unknown>;
    },
    actor: AuditActor,
  ): Promise<{ problems: ManualEntryProblem[]; recorded: RecordedActivities | null }> {
    const problems: ManualEntryProblem[] = [];
    const quantities: { activity: string; quantity: string | null }[] = [];
    for (const a of ACTIVITIES) {
      const raw = input.body[quantityField(a.code)];
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') {
        quantities.push({ activity: a.code, quantity: null });
        continue;
      }
      const value = parseDecimal(text);
      if (value === null || value.startsWith('-'))
        problems.push({
          field: quantityField(a.code),
          text: `${a.label}: enter a number of ${a.unit} of 0 or more, like 125000 or 12.5`,
        });
      else quantities.push({ activity: a.code, quantity: value });
    }
    const rows = await currentActivities(this.deps.db, input.partnershipId, {
      organisationIds: [input.organisationId],
      fyStartYears: [input.fyStartYear],
    });
    const held = new Set(rows.filter((r) => r.quantity !== null).map((r) => r.activity));
    const electricity = quantities.find((q) => q.activity === 'electricity')?.quantity ?? null;
    const renewable =
      quantities.find((q) => q.activity === 'electricity-renewable')?.quantity ?? null;
    // Not said again when the electricity bought is itself a problem.
    const electricityUnread = problems.some((p) => p.field === quantityField('electricity'));
    if (
      !electricityUnread &&
      renewable !== null &&
      (electricity === null || Number(renewable) > Number(electricity))
    )
      problems.push({
        field: quantityField('electricity-renewable'),
        text: 'Renewable electricity is part of the electricity bought: enter the electricity bought too, at least as much',
      });
    if (problems.length) return { problems, recorded: null };
    const recorded = await record(this.deps.db, {
      partnershipId: input.partnershipId,
      organisationId: input.organisationId,
      fyStartYear: input.fyStartYear,
      // A blank field withdraws only a figure that was recorded.
      quantities: quantities.filter((q) => q.quantity !== null || held.has(q.activity)),
      source: 'manual',
      sourceDetail: null,
      actor,
    });
    return { problems: [], recorded };
  }
}

export { activityByCode, NHS_TRAJECTORIES };
