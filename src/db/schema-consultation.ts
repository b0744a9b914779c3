/** Row types of the consultation tables (migrations/0014_consultation.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

type Texts = ColumnType<string[], string[] | undefined, string[]>;
type State = 'pending' | 'published' | 'hidden';

export interface ConsultationResponsesTable {
  id: Generated<string>;
  partnership_id: string;
  version_id: string;
  item_key: string | null;
  stance: 'agree' | 'disagree' | null;
  comment: Generated<string>;
  amendment: Generated<string>;
  title: string | null;
  pillar: string | null;
  participant_id: string | null;
  display_name: string | null;
  entered_by: string | null;
  entered_how: string | null;
  state: State;
  hidden_reason: string | null;
  themes: Texts;
  created_at: Generated<Date>;
}

export interface LocalPrioritiesTable {
  id: Generated<string>;
  partnership_id: string;
  title: string;
  description: string;
  area: string | null;
  pillar: string;
  participant_id: string | null;
  display_name: string | null;
  entered_by: string | null;
  entered_how: string | null;
  state: State;
  hidden_reason: string | null;
  created_at: Generated<Date>;
}

export interface PrioritySupportsTable {
  priority_id: string;
  participant_id: string;
  created_at: Generated<Date>;
}

export interface PublicAnswersTable {
  id: Generated<string>;
  partnership_id: string;
  response_id: string | null;
  priority_id: string | null;
  kind: 'accepted' | 'partly-accepted' | 'not-taken-forward' | 'already-covered';
  reason: string;
  commitment_keys: Texts;
  indicator_codes: Texts;
  initiative_ids: Texts;
  answered_by: string | null;
  answered_at: Generated<Date>;
}

export interface ModerationFlagsTable {
  id: Generated<string>;
  partnership_id: string;
  response_id: string | null;
  priority_id: string | null;
  reason: string;
  flagged_by: string | null;
  created_at: Generated<Date>;
  resolved_at: Date | null;
}

export interface ParticipantBlocksTable {
  partnership_id: string;
  participant_id: string;
  reason: string;
  blocked_by: string | null;
  created_at: Generated<Date>;
}

export interface ModerationLogTable {
  id: Generated<string>;
  partnership_id: string;
  subject: 'response' | 'priority' | 'participant';
  subject_id: string;
  action: 'approve' | 'hide' | 'restore' | 'keep' | 'block' | 'unblock' | 'tag';
  reason: string | null;
  moderator_id: string | null;
  moderator_label: string;
  created_at: Generated<Date>;
}

export interface ConsultationTables {
  consultation_responses: ConsultationResponsesTable;
  local_priorities: LocalPrioritiesTable;
  priority_supports: PrioritySupportsTable;
  public_answers: PublicAnswersTable;
  moderation_flags: ModerationFlagsTable;
  participant_blocks: ParticipantBlocksTable;
  moderation_log: ModerationLogTable;
}
