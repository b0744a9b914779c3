/** Row types of the publishing tables (migrations/0018_publishing.sql, 0031_publication_counts.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

export interface PublicationsTable {
  id: Generated<string>;
  partnership_id: string;
  fy_start_year: number;
  revision: number;
  published_at: Generated<Date>;
  published_by: string | null;
  published_by_label: string;
  correction_reason: string | null;
  /** The Snapshot (core/publishing/snapshot.ts), as JSON. */
  snapshot: ColumnType<unknown, string, never>;
}

/** The counts of people a publication was protected with (migrations/0031); never published. */
export interface PublicationCountsTable {
  publication_id: string;
  /** PeopleCounts (core/publishing/snapshot.ts), as JSON. */
  counts: ColumnType<unknown, string, never>;
}

export interface PublicationChoicesTable {
  partnership_id: string;
  organisation_id: string;
  indicator_code: string;
  changed_at: Generated<Date>;
  changed_by: string | null;
}

export interface PublishingTables {
  publications: PublicationsTable;
  publication_counts: PublicationCountsTable;
  publication_choices: PublicationChoicesTable;
}
