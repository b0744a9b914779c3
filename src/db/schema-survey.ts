/** Row types of a consultation's survey (migrations/0016_survey.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

export type SurveyQuestionKind = 'single' | 'multiple' | 'scale' | 'text';

/** One question's answer: an option, several options, a point on the scale or words. */
export type SurveyAnswerValue = string | string[] | number;

export interface SurveyQuestionsTable {
  id: Generated<string>;
  partnership_id: string;
  version_id: string;
  position: number;
  kind: SurveyQuestionKind;
  prompt: string;
  options: ColumnType<string[], string[] | undefined, string[]>;
  required: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SurveyAnswersTable {
  id: Generated<string>;
  partnership_id: string;
  version_id: string;
  participant_id: string | null;
  entered_by: string | null;
  /** Question id → answer; written as JSON text. */
  answers: ColumnType<Record<string, SurveyAnswerValue>, string, string>;
  area: string | null;
  imd_decile: number | null;
  created_at: Generated<Date>;
}

export interface SurveyTables {
  survey_questions: SurveyQuestionsTable;
  survey_answers: SurveyAnswersTable;
}
