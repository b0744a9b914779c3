/**
 * A consultation's optional survey (decision 029): the questions the partnership asks on a
 * charter version (changed only while it is a draft), and residents' answers with optional
 * demographics. A home postcode is placed here, in memory, to a district and the deprivation
 * decile of its neighbourhood, and then dropped: it is never stored, logged or audited.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AnswersValues, QuestionValues, SurveyQuestion } from '../../core/charter/survey.js';
import { conflict, notFound } from '../../core/errors.js';
import type { Database } from '../../db/client.js';
import type { DB, Partnership } from '../../db/schema.js';
import type { SurveyAnswersTable, SurveyQuestionsTable } from '../../db/schema-survey.js';
import { placePostcodes, type DistrictRanges } from '../../reference/geography.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import type { CharterVersion } from '../charter/charter.service.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type QuestionRow = Selectable<SurveyQuestionsTable>;
export type SurveyAnswerRow = Selectable<SurveyAnswersTable>;

type Version = Pick<CharterVersion, 'id' | 'partnership_id' | 'state'>;

const asQuestion = (r: QuestionRow): SurveyQuestion & QuestionRow => r;

export class SurveyService {
  readonly #db: Kysely<DB>;
  readonly #ranges: DistrictRanges;
  constructor(deps: { readonly database: Database; readonly ranges: DistrictRanges }) {
    this.#db = deps.database.db;
    this.#ranges = deps.ranges;
  }

  /** A version's questions, in order. */
  async questions(partnershipId: string, versionId: string) {
    const rows = await this.#db
      .selectFrom('survey_questions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('version_id', '=', versionId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    return rows.map(asQuestion);
  }

  /** One question of a version, or undefined. */
  async question(partnershipId: string, versionId: string, questionId: string) {
    if (!isUuid(questionId)) return undefined;
    const row = await this.#db
      .selectFrom('survey_questions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('version_id', '=', versionId)
      .where('id', '=', questionId)
      .executeTakeFirst();
    return row && asQuestion(row);
  }

  /** Questions change only while the version is a draft, and never once anyone has answered. */
  async #mustBeChangeable(version: Version) {
    if (version.state !== 'draft')
      throw conflict('not-draft', 'The survey can only be changed while the version is a draft.');
    if ((await this.answerCount(version.id)) > 0)
      throw conflict(
        'answered',
        'People have already answered this survey, so its questions cannot be changed.',
      );
  }

  /** Adds a question at the end of a draft's survey, audited. */
  async addQuestion(version: Version, values: QuestionValues, actor: AuditActor) {
    await this.#mustBeChangeable(version);
    return this.#db.transaction().execute(async (trx) => {
      // Questions added at once to one survey are numbered one after the other.
      await trx
        .selectFrom('charter_versions')
        .select('id')
        .where('id', '=', version.id)
        .forUpdate()
        .executeTakeFirst();
      const last = await trx
        .selectFrom('survey_questions')
        .select((eb) => eb.fn.max('position').as('n'))
        .where('version_id', '=', version.id)
        .executeTakeFirst();
      const row = await trx
        .insertInto('survey_questions')
        .values({
          partnership_id: version.partnership_id,
          version_id: version.id,
          position: Number(last?.n ?? 0) + 1,
          kind: values.kind,
          prompt: values.prompt,
          options: values.options,
          required: values.required,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId: version.partnership_id,
        entity: 'survey_question',
        entityId: row.id,
        action: 'survey.question.added',
        after: values,
      });
      return asQuestion(row);
    });
  }

  /** Changes a question of a draft's survey, audited. */
  async updateQuestion(
    version: Version,
    questionId: string,
    values: QuestionValues,
    actor: AuditActor,
  ) {
    await this.#mustBeChangeable(version);
    await this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('survey_questions')
        .selectAll()
        .where('version_id', '=', version.id)
        .where('id', '=', questionId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound();
      await trx
        .updateTable('survey_questions')
        .set({
          kind: values.kind,
          prompt: values.prompt,
          options: values.options,
          required: values.required,
        })
        .where('id', '=', before.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: version.partnership_id,
        entity: 'survey_question',
        entityId: before.id,
        action: 'survey.question.changed',
        before: {
          kind: before.kind,
          prompt: before.prompt,
          options: before.options,
          required: before.required,
        },
        after: values,
      });
    });
  }

  /** Removes a question from a draft's survey, audited. */
  async removeQuestion(version: Version, questionId: string, actor: AuditActor) {
    await this.#mustBeChangeable(version);
    await this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .deleteFrom('survey_questions')
        .where('version_id', '=', version.id)
        .where('id', '=', questionId)
        .returningAll()
        .executeTakeFirst();
      if (!before) throw notFound();
      await recordAudit(trx, {
        actor,
        partnershipId: version.partnership_id,
        entity: 'survey_question',
        entityId: before.id,
        action: 'survey.question.removed',
        before: {
          kind: before.kind,
          prompt: before.prompt,
          options: before.options,
          required: before.required,
        },
      });
    });
  }

  /** Whether a participant has answered a version's survey. */
  async hasAnswered(versionId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('survey_answers')
      .select('id')
      .where('version_id', '=', versionId)
      .where('participant_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records a participant's answers to `version`'s survey (which the caller found open), once;
   * a blocked participant not at all. The home postcode, if given, is placed and dropped: only the
   * district and the decile of its neighbourhood (the partnership's edition of the index) are kept.
   */
  async answer(
    version: Version,
    partnership: Pick<Partnership, 'imd_edition'>,
    values: AnswersValues,
    userId: string,
  ): Promise<SurveyAnswerRow> {
    const place = await this.#place(values.postcode, partnership.imd_edition);
    return this.#db.transaction().execute(async (trx) => {
      const blocked = await trx
        .selectFrom('participant_blocks')
        .select('participant_id')
        .where('partnership_id', '=', version.partnership_id)
        .where('participant_id', '=', userId)
        .executeTakeFirst();
      if (blocked)
        throw conflict('blocked', 'You cannot take part in this partnership’s consultations.');
      const row = await trx
        .insertInto('survey_answers')
        .values({
          partnership_id: version.partnership_id,
          version_id: version.id,
          participant_id: userId,
          answers: JSON.stringify(values.answers),
          area: place.area,
          imd_decile: place.decile,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('answered', 'You have already answered this survey.');
      return row;
    });
  }

  /** The district and deprivation decile of a postcode's neighbourhood, when known. */
  async #place(
    postcode: string | null,
    edition: number,
  ): Promise<{ area: string | null; decile: number | null }> {
    if (!postcode) return { area: null, decile: null };
    const placed = (await placePostcodes(this.#db, this.#ranges, [postcode])).get(postcode);
    if (!placed?.lad) return { area: null, decile: null };
    const lsoa = edition === 2019 ? placed.lsoa11 : placed.lsoa21;
    const imd = lsoa
      ? await this.#db
          .selectFrom('ref_imd')
          .select('decile')
          .where('edition', '=', edition)
          .where('lsoa', '=', lsoa)
          .executeTakeFirst()
      : undefined;
    return { area: placed.lad, decile: imd?.decile ?? null };
  }

  /** Every set of answers to a version's survey, oldest first. */
  answers(partnershipId: string, versionId: string) {
    return this.#db
      .selectFrom('survey_answers')
      .select(['answers', 'area', 'imd_decile', 'created_at'])
      .where('partnership_id', '=', partnershipId)
      .where('version_id', '=', versionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** How many have answered a version's survey. */
  async answerCount(versionId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('survey_answers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('version_id', '=', versionId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
