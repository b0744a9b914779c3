/**
 * What the tests generated from the route table need to reach a route: its address with the
 * `:name` parts filled in, and the spend records that the spend routes name (an imported batch,
 * an upload waiting for its columns, a supplier).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import { createJob } from '../../src/features/jobs/jobs.js';
import { importSpendFile } from '../../src/features/spend/spend-import.js';
import type { TestDatabase } from './db.js';

/** A route's address with each `:name` replaced from `values`; an unknown name fails the test. */
export function fillRoute(
  url: string,
  values: Readonly<Record<string, string>>,
  who: string,
): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new Error(`The ${who} does not know how to fill :${name} in ${url}: add it`);
    return v;
  });
}

export interface SpendTargets {
  /** The folder of the files imported and waiting: the caller removes it when its tests end. */
  readonly dir: string;
  readonly batchId: string;
  readonly jobId: string;
  readonly supplierId: string;
}

/** A file of three good rows; with `rejected`, a fourth whose date is not a date. */
function spendCsv(rejected: boolean): string {
  const rows = [
    'Date,Supplier,Amount',
    '01/04/2025,Acme Ltd,100.00',
    '02/04/2025,Bolt plc,"1,250.50"',
    '03/04/2025,Cole & Co,75.00',
    ...(rejected ? ['not a date,Bolt plc,-50.00'] : []),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

/** An imported spend batch, an upload waiting for its columns to be confirmed, and a supplier. */
export async function spendTargets(
  database: TestDatabase,
  p: Partnership,
  org: Organisation,
  options: { rejected?: boolean } = {},
): Promise<SpendTargets> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-route-spend-'));
  const csv = spendCsv(options.rejected ?? false);
  const imported = path.join(dir, 'imported.csv');
  fs.writeFileSync(imported, csv);
  const result = await importSpendFile({
    database,
    partnership: p,
    organisation: org,
    filePath: imported,
    fileName: 'imported.csv',
    actor: { userId: null, label: 'test' },
  });
  const waiting = path.join(dir, 'waiting.csv');
  fs.writeFileSync(waiting, csv);
  const jobId = await createJob(database.db, {
    partnershipId: p.id,
    organisationId: org.id,
    kind: 'spend-import',
    fileName: 'waiting.csv',
    userId: null,
  });
  await database.db
    .updateTable('jobs')
    .set({ status: 'queued', file_path: waiting })
    .where('id', '=', jobId)
    .execute();
  const supplier = await database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', p.id)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  return { dir, batchId: result.batchId, jobId, supplierId: supplier.id };
}

/** One entry of each register and a joint initiative of the partnership, by route parameter. */
export async function registerTargets(
  database: TestDatabase,
  p: Partnership,
  org: Organisation,
): Promise<Record<string, string>> {
  const entry = async (register: string, values: Record<string, unknown>) =>
    (
      await database.db
        .insertInto('register_entries')
        .values({
          partnership_id: p.id,
          organisation_id: org.id,
          register,
          title: 'Route table entry',
          occurred_on: '2025-05-01',
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const initiative = await database.db
    .insertInto('joint_initiatives')
    .values({
      partnership_id: p.id,
      title: 'Route table initiative',
      status: 'active',
      starts_on: '2025-05-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    useId: await entry('community-use', { hours: 2 }),
    siteId: await entry('land', { homes: 3, released_for: 'housing' }),
    paymentId: await entry('capital', { amount_pence: 100 }),
    activityId: await entry('engagement', { participants: 4 }),
    volunteeringId: await entry('volunteering', { hours: 1 }),
    grantId: await entry('grants', { amount_pence: 100 }),
    initiativeId: initiative.id,
  };
}

/**
 * The charter's records the route tests fill addresses with: version 1 adopted and version 2 a
 * draft (each with a commitment; version 2's consultation withdrawn, with a suggestion), a
 * published local priority (`priorityId`), and a pledge of `org` (`pledgeId`; `freshPledge`
 * makes another for routes that withdraw one).
 */
export async function charterTargets(
  database: TestDatabase,
  p: Partnership,
  org: Organisation,
): Promise<Record<string, string>> {
  const db = database.db;
  const version = async (number: number) => {
    const v = await db
      .insertInto('charter_versions')
      .values({ partnership_id: p.id, number, title: 'Route table charter', state: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await db
      .insertInto('charter_items')
      .values({
        partnership_id: p.id,
        version_id: v.id,
        key: 'C1',
        kind: 'commitment',
        pillar: 'workforce',
        title: 'Route table commitment',
        body: 'Route table commitment',
        sort_order: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { versionId: v.id, charterItemId: item.id };
  };
  const adopted = await version(1);
  await db
    .updateTable('charter_versions')
    .set({
      state: 'adopted',
      adopted_on: '2025-04-01',
      consultation_opens: '2025-02-01',
      consultation_closes: '2025-03-01',
    })
    .where('id', '=', adopted.versionId)
    .execute();
  // Version 2 is a draft whose consultation was withdrawn: its dates stay, and it has a response.
  const draft = await version(2);
  await db
    .updateTable('charter_versions')
    .set({ consultation_opens: '2025-05-01', consultation_closes: '2025-05-31' })
    .where('id', '=', draft.versionId)
    .execute();
  // A participant with a light account (no role), so a moderator is offered to block them.
  const participant = await db
    .insertInto('users')
    .values({ email: `participant-${draft.versionId}@test.example`, display_name: 'Participant' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const response = await db
    .insertInto('consultation_responses')
    .values({
      partnership_id: p.id,
      version_id: draft.versionId,
      participant_id: participant.id,
      item_key: 'C1',
      stance: 'agree',
      amendment: 'Route table suggestion',
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A published response to version 1, for the public pages (a draft's are never public).
  const published = await db
    .insertInto('consultation_responses')
    .values({
      partnership_id: p.id,
      version_id: adopted.versionId,
      item_key: 'C1',
      stance: 'agree',
      comment: 'Route table comment',
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A published local priority the participant raised, for its public and staff pages.
  const priority = await db
    .insertInto('local_priorities')
    .values({
      partnership_id: p.id,
      title: 'Route table priority',
      description: 'Route table priority',
      pillar: 'community',
      participant_id: participant.id,
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A survey question on the draft version 2, for the survey's question pages.
  const question = await db
    .insertInto('survey_questions')
    .values({
      partnership_id: p.id,
      version_id: draft.versionId,
      position: 1,
      kind: 'single',
      prompt: 'Route table question',
      options: ['Yes', 'No'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    ...draft,
    questionId: question.id,
    key: 'C1',
    responseId: response.id,
    publicResponseId: published.id,
    priorityId: priority.id,
    pledgeId: await freshPledge(database, p, org),
  };
}

export async function freshPledge(database: TestDatabase, p: Partnership, org: Organisation) {
  const pledge = await database.db
    .insertInto('charter_pledges')
    .values({
      partnership_id: p.id,
      organisation_id: org.id,
      commitment_key: 'C1',
      pledge: 'Route table pledge',
      target_text: 'All of it',
      due_on: '2027-03-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return pledge.id;
}
