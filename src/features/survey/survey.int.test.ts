/**
 * A consultation's survey through its pages, on a real database with the shipped reference data:
 * the lead adds questions to a draft (problems named) and cannot once the consultation opens; a
 * resident answers with a home postcode, which is placed to its district and deprivation decile
 * and kept nowhere; answering twice and a blocked participant are refused; the results are
 * disclosure-controlled; each role may do only its part.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership, User } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { signedIn, signedInAs, startWithMember, type TestApp } from '../../../test/helpers/app.js';
import { steadyToday } from '../../../test/helpers/day.js';
import { addDays } from '../../core/periods.js';

let t: TestApp;
let p: Partnership;
let lead: TestClient;
let reviewer: TestClient;
let contributor: TestClient;
let ada: { client: TestClient; user: User };
let ben: { client: TestClient; user: User };
let cai: { client: TestClient; user: User };
let versionId: string;
let path: string;
let staffBase: string;
let publicBase: string;

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

const questions = () =>
  t.database.db
    .selectFrom('survey_questions')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();

beforeAll(async () => {
  let org;
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, reviewer },
  } = await startWithMember(['partnership-lead', 'reviewer'], {
    app: { reference: true },
    partnership: { isPublic: true },
  }));
  contributor = await signedInAs(t, 'contributor', p, org);
  ada = await signedIn(t, {});
  ben = await signedIn(t, {});
  cai = await signedIn(t, {});
  const base = `/manage/${p.slug}/charter`;
  await lead.post(`${base}/start`, {}, { from: base });
  const v = await t.database.db
    .selectFrom('charter_versions')
    .select('id')
    .where('partnership_id', '=', p.id)
    .executeTakeFirstOrThrow();
  versionId = v.id;
  path = `${base}/versions/${versionId}`;
  await lead.post(
    `${path}/items/new`,
    { kind: 'commitment', pillar: 'workforce', title: 'Pay fairly', body: 'Pay fairly.' },
    { from: `${path}/items/new` },
  );
  staffBase = `${path}/survey`;
  publicBase = `/p/${p.slug}/charter/versions/1/consultation`;
});

afterAll(async () => {
  await t?.close();
});

describe('preparing the survey', () => {
  it('names the problems of a question and keeps what was typed', async () => {
    const form = await lead.get(`${staffBase}/questions/new`);
    expect(form.status).toBe(200);
    expect(textOf(form.body)).toContain('Answers to a free-text question are never published');
    const bad = await lead.post(`${staffBase}/questions/new`, {
      kind: 'single',
      prompt: 'Do you work locally?',
      options: 'Yes',
      required: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter at least 2 answers, one on each line');
    expect(bad.body).toContain('Do you work locally?');
    const none = await lead.post(`${staffBase}/questions/new`, {});
    expect(none.status).toBe(400);
    const text = textOf(none.body);
    expect(text).toContain('Select the kind of question');
    expect(text).toContain('Enter the question');
    expect(await questions()).toEqual([]);
  });

  it('adds, changes and removes questions of a draft', async () => {
    for (const q of [
      { kind: 'single', prompt: 'Do you work locally?', options: 'Yes\nNo', required: 'yes' },
      {
        kind: 'multiple',
        prompt: 'Which matter most to you?',
        options: 'Jobs\nLocal spending\nClean air',
        required: 'no',
      },
      {
        kind: 'scale',
        prompt: 'How much do you trust us?',
        options: 'Not at all\nCompletely',
        required: 'no',
      },
    ]) {
      const res = await lead.post(`${staffBase}/questions/new`, q);
      expect(res.status).toBe(303);
    }
    // Two added at once are numbered one after the other.
    const both = await Promise.all(
      ['Anything else?', 'A question to remove'].map((prompt) =>
        lead.post(`${staffBase}/questions/new`, {
          kind: 'text',
          prompt,
          options: '',
          required: 'no',
        }),
      ),
    );
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    let rows = await questions();
    expect(rows.map((r) => [r.position, r.kind, r.options])).toEqual([
      [1, 'single', ['Yes', 'No']],
      [2, 'multiple', ['Jobs', 'Local spending', 'Clean air']],
      [3, 'scale', ['Not at all', 'Completely']],
      [4, 'text', []],
      [5, 'text', []],
    ]);
    const id = (prompt: string) => rows.find((r) => r.prompt === prompt)?.id ?? '';
    const change = await lead.post(`${staffBase}/questions/${id('Anything else?')}`, {
      kind: 'text',
      prompt: 'Anything else you would like to tell us?',
      required: 'no',
    });
    expect(change.status).toBe(303);
    const removed = await lead.post(
      `${staffBase}/questions/${id('A question to remove')}/remove`,
      {},
    );
    expect(removed.status).toBe(303);
    rows = await questions();
    expect(rows.map((r) => r.prompt)).toEqual([
      'Do you work locally?',
      'Which matter most to you?',
      'How much do you trust us?',
      'Anything else you would like to tell us?',
    ]);
    const page = textOf((await lead.get(staffBase)).body);
    expect(page).toContain('Which matter most to you?');
    expect(page).toContain('Jobs; Local spending; Clean air');
  });

  it('cannot change the questions once the consultation opens', async () => {
    const today = await steadyToday();
    const opened = await lead.post(`${path}/consultation`, {
      ...date('opens', today),
      ...date('closes', addDays(today, 20)),
      preModeration: 'no',
    });
    expect(opened.status).toBe(303);
    const add = await lead.post(`${staffBase}/questions/new`, {
      kind: 'text',
      prompt: 'Too late',
      required: 'no',
    });
    expect(add.status).toBe(303);
    expect(add.location).toBe(staffBase);
    const [first] = await questions();
    const remove = await lead.post(`${staffBase}/questions/${first?.id ?? ''}/remove`, {});
    expect(remove.status).toBe(303);
    expect((await questions()).length).toBe(4);
    expect(textOf((await lead.get(staffBase)).body)).toContain('its survey cannot be changed');
    // Nor can the database be made to.
    await expect(
      t.database.db.deleteFrom('survey_questions').where('version_id', '=', versionId).execute(),
    ).rejects.toThrow(/cannot be changed/);
  });
});

describe('answering', () => {
  it('shows the survey to anyone, says what is public, and asks them to sign in', async () => {
    const page = await t.client().get(`${publicBase}/survey`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Do you work locally?');
    expect(text).toContain(
      'Your answers to the survey are not published one by one. The partnership publishes only totals, and never a count of fewer than 10 people.',
    );
    const post = await t.client().post(`${publicBase}/survey`, {});
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/^\/sign-in\?next=/);
  });

  it('names the problems of the answers', async () => {
    const form = await ada.client.get(`${publicBase}/survey`);
    const text = textOf(form.body);
    expect(text).toContain('Your home postcode (optional)');
    expect(text).toContain(
      'We use it only to work out which area and how deprived a neighbourhood our respondents come from, then delete it. It is never shown or kept.',
    );
    const rows = await questions();
    const bad = await ada.client.post(`${publicBase}/survey`, {
      [`q-${rows[1]?.id ?? ''}`]: 'Parking',
      postcode: 'NOT A POSTCODE',
    });
    expect(bad.status).toBe(400);
    const problems = textOf(bad.body);
    expect(problems).toContain('Select an answer to question 1');
    expect(problems).toContain('Select from the answers listed for question 2');
    expect(problems).toContain('Enter a full UK postcode');
  });

  it('places the postcode to its area and decile, and keeps it nowhere', async () => {
    const rows = await questions();
    const [single, multiple, scale, free] = rows.map((r) => `q-${r.id}`);
    const res = await ada.client.post(`${publicBase}/survey`, {
      [single ?? '']: 'Yes',
      [multiple ?? '']: ['Jobs', 'Clean air'],
      [scale ?? '']: '4',
      [free ?? '']: 'More apprenticeships for school leavers.',
      postcode: 'l8 8aw',
    });
    expect(res.status).toBe(303);
    const stored = await t.database.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('participant_id', '=', ada.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.area).toBe('E08000012');
    expect(stored.imd_decile).toBe(1);
    expect(stored.answers).toEqual({
      [rows[0]?.id ?? '']: 'Yes',
      [rows[1]?.id ?? '']: ['Jobs', 'Clean air'],
      [rows[2]?.id ?? '']: 4,
      [rows[3]?.id ?? '']: 'More apprenticeships for school leavers.',
    });
    // Every row of every table but the public reference data: no trace of the postcode.
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT LIKE 'ref\_%'`.execute(t.database.db);
    let dump = '';
    for (const { table_name } of tables.rows) {
      const got = await sql<{ row: string }>`
        SELECT row_to_json(x)::text AS row FROM ${sql.table(table_name)} x`.execute(t.database.db);
      dump += got.rows.map((r) => r.row).join('\n') + '\n';
    }
    expect(dump).toContain('More apprenticeships for school leavers.');
    expect(dump).not.toMatch(/L8 ?8AW/i);
    expect(JSON.stringify(stored)).not.toMatch(/8AW/i);
  });

  it('refuses a second set of answers, and a blocked participant', async () => {
    const [first] = await questions();
    const again = await ada.client.post(`${publicBase}/survey`, { [`q-${first?.id ?? ''}`]: 'No' });
    expect(again.status).toBe(409);
    expect(textOf((await ada.client.get(`${publicBase}/survey`)).body)).toContain(
      'You have answered this survey',
    );
    await t.database.db
      .insertInto('participant_blocks')
      .values({ partnership_id: p.id, participant_id: ben.user.id, reason: 'Abuse' })
      .execute();
    const blocked = await ben.client.post(`${publicBase}/survey`, {
      [`q-${first?.id ?? ''}`]: 'No',
    });
    expect(blocked.status).toBe(409);
    expect(
      await t.database.db
        .selectFrom('survey_answers')
        .select('id')
        .where('version_id', '=', versionId)
        .execute(),
    ).toHaveLength(1);
  });

  it('takes answers without a postcode, not placed', async () => {
    const [first] = await questions();
    const res = await cai.client.post(`${publicBase}/survey`, { [`q-${first?.id ?? ''}`]: 'No' });
    expect(res.status).toBe(303);
    const row = await t.database.db
      .selectFrom('survey_answers')
      .select(['area', 'imd_decile'])
      .where('participant_id', '=', cai.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ area: null, imd_decile: null });
  });
});

describe('the results', () => {
  beforeAll(async () => {
    // 12 answered "Yes" and 3 "No" in all: add 11 "Yes" (from Liverpool, decile 1) and 2 "No".
    const [first] = await questions();
    const id = first?.id ?? '';
    const rows = [
      ...Array.from({ length: 11 }, () => ({ answer: 'Yes', area: 'E08000012', decile: 1 })),
      ...Array.from({ length: 2 }, () => ({ answer: 'No', area: null, decile: null })),
    ];
    await t.database.db
      .insertInto('survey_answers')
      .values(
        rows.map((r) => ({
          partnership_id: p.id,
          version_id: versionId,
          answers: JSON.stringify({ [id]: r.answer }),
          area: r.area,
          imd_decile: r.decile,
        })),
      )
      .execute();
  });

  it('shows totals through disclosure control, and free text to staff only', async () => {
    const page = await lead.get(`${staffBase}/results`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('15 people have answered the survey.');
    // Not how many postcodes were placed: 15 less that is the "not placed" row, hidden below.
    expect(text).not.toContain('12 of them');
    // Question 1: 12 "Yes" and 3 "No" of 15. The 3 is hidden as small; the 12 could then be
    // taken from the total, so it is hidden too.
    expect(text).toMatch(/Yes\s*People\s*Hidden to protect another figure/);
    expect(text).toMatch(/No\s*People\s*Fewer than 10/);
    expect(text).toMatch(/Total\s*People\s*15/);
    // Demographics: 12 in Liverpool (decile 1), 3 not placed.
    expect(text).toContain('Liverpool');
    expect(text).toMatch(/1 to 2 \(most deprived\)\s*People\s*Hidden to protect another figure/);
    expect(text).not.toMatch(/People\s*12\b/);
    expect(text).toContain('More apprenticeships for school leavers.');
    expect(text).toContain('Free-text answers are never published');
    for (const url of [publicBase, `${publicBase}/survey`, `/p/${p.slug}/you-said-we-did`]) {
      const pub = await t.client().get(url);
      expect(pub.status, url).toBe(200);
      expect(pub.body).not.toContain('More apprenticeships');
    }
  });

  it('lets each role do only its part', async () => {
    expect((await contributor.get(`${staffBase}/results`)).status).toBe(403);
    expect((await contributor.get(staffBase)).status).toBe(403);
    expect((await reviewer.get(`${staffBase}/results`)).status).toBe(200);
    const page = await reviewer.get(staffBase);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('/questions/new');
    expect((await reviewer.get(`${staffBase}/questions/new`)).status).toBe(403);
    expect((await reviewer.post(`${staffBase}/questions/new`, { kind: 'text' })).status).toBe(403);
    expect((await ada.client.get(`${staffBase}/results`)).status).toBe(404);
  });
});

describe('a consultation people have answered', () => {
  it('cannot be withdrawn, and its questions stay as they were', async () => {
    const withdrawn = await lead.post(`${path}/withdraw`, {}, { from: path });
    expect(withdrawn.status).toBe(303);
    const version = await t.database.db
      .selectFrom('charter_versions')
      .select('state')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    expect(version.state).toBe('consultation');
    expect(textOf((await lead.get(path)).body)).toContain('Residents have already responded');
    const add = await lead.post(`${staffBase}/questions/new`, {
      kind: 'text',
      prompt: 'Another question',
      required: 'no',
    });
    expect(add.status).toBe(303);
    expect(await questions()).toHaveLength(4);
  });
});
