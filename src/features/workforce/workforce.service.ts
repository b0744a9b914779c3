/**
 * An organisation's workforce figures by financial year, as its payroll extracts left them:
 * counts only, with where staff live worked out for the partnership's local area and edition of
 * the index as they are now, and the Real Living Wage pay was measured against (with any of those
 * rates corrected in the table since: exact pay is not kept, so only importing the file again
 * measures it against the corrected rate).
 */
import type { Kysely } from 'kysely';
import { payrollFigures, type PayrollCounts } from '../../core/workforce/aggregate.js';
import { withHomes } from '../../core/workforce/homes.js';
import { correctedSince, type CorrectedRate } from '../../core/workforce/living-wage.js';
import type { Database } from '../../db/client.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import { LivingWage } from './living-wage.service.js';
import type { PayrollRate, StoredPayroll } from './payroll-import.js';

export interface WorkforceYear {
  readonly fyStartYear: number;
  readonly counts: PayrollCounts;
  readonly figures: ReturnType<typeof payrollFigures>;
  readonly rate: PayrollRate;
  /** Rates the pay was measured against that have been corrected since (import again). */
  readonly corrected: readonly CorrectedRate[];
  readonly file: string;
  readonly batchId: string;
  readonly recordedAt: Date;
}

export class WorkforceService {
  readonly #db: Kysely<DB>;

  constructor(deps: { database: Database }) {
    this.#db = deps.database.db;
  }

  async years(partnership: Partnership, organisation: Organisation): Promise<WorkforceYear[]> {
    const table = await LivingWage.rates(this.#db);
    const rows = await this.#db
      .selectFrom('payroll_aggregates as a')
      .innerJoin('import_batches as b', 'b.id', 'a.batch_id')
      .select(['a.fy_start_year', 'a.counts', 'a.rate', 'a.recorded_at', 'b.file_name', 'b.id'])
      .where('a.partnership_id', '=', partnership.id)
      .where('a.organisation_id', '=', organisation.id)
      .orderBy('a.fy_start_year', 'desc')
      .execute();
    return rows.map((r) => {
      const stored = r.counts as StoredPayroll;
      const counts = withHomes(
        stored.counts,
        stored.homes,
        partnership.local_area,
        partnership.imd_edition as 2019 | 2025,
      );
      return {
        fyStartYear: r.fy_start_year,
        counts,
        figures: payrollFigures(counts),
        rate: r.rate as PayrollRate,
        corrected: correctedSince(r.rate as PayrollRate, table),
        file: r.file_name,
        batchId: r.id,
        recordedAt: r.recorded_at,
      };
    });
  }
}
