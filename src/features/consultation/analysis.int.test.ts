/**
 * A consultation's analysis through its pages, on a real database: counts of people go through
 * disclosure control (12 is shown as 10, 3 as "Fewer than 10", and a partner is hidden where the
 * 3 could otherwise be worked out), responses waiting for moderation or hidden are not counted,
 * counts of public comments and suggestions are shown as they are, and there are no demographics
 * to show. A moderator sets a response's themes (logged); a reviewer reads the analysis but sets
 * no themes; a contributor sees neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { makeUser, signedInAs, startWithMember, type TestApp } from '../../../test/helpers/app.js';
import { steadyToday } from '../../../test/helpers/day.js';
import { addDays } from '../../core/periods.js';

let t: TestApp;
let p: Partnership;
let lead: TestClient;
let moderator: TestClient;
let reviewer: TestClient;
let contributor: TestClient;
let versionId: string;
let analysisUrl: string;
let staffBase: string;
let pendingId: string;
let disagreeIds: string[];

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

/** The cells of each row of the table with `caption`, as their text (without responsive labels). */
function tableRows(html: string, caption: string): string[][] {
  const tables = html
    .split('<table')
    .slice(1)
    .map((s) => s.slice(0, s.indexOf('</table>')));
  const found = tables.find((s) => textOf(s).includes(caption));
  if (!found) throw new Error(`No table captioned “${caption}”`);
  return [...found.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<t[hd][\s\S]*?<\/t[hd]>/g)].map((cell) =>
      textOf(cell[0].replace(/<span class="nhsuk-table__heading"[\s\S]*?<\/span>/g, '')),
    ),
  );
}

beforeAll(async () => {
  let org;
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, moderator, reviewer },
  } = await startWithMember(['partnership-lead', 'moderator', 'reviewer']));
  contributor = await signedInAs(t, 'contributor', p, org);
  // A version with two commitments, out for consultation.
  const base = `/manage/${p.slug}/charter`;
  await lead.post(`${base}/start`, {}, { from: base });
  const v = await t.database.db
    .selectFrom('charter_versions')
    .select('id')
    .where('partnership_id', '=', p.id)
    .executeTakeFirstOrThrow();
  versionId = v.id;
  const path = `${base}/versions/${versionId}`;
  for (const [pillar, title] of [
    ['workforce', 'Pay at least the Real Living Wage'],
    ['procurement', 'Spend locally'],
  ])
    await lead.post(
      `${path}/items/new`,
      { kind: 'commitment', pillar: pillar ?? '', title: title ?? '', body: `${title}.` },
      { from: `${path}/items/new` },
    );
  const today = await steadyToday();
  const opened = await lead.post(`${path}/consultation`, {
    ...date('opens', today),
    ...date('closes', addDays(today, 20)),
    preModeration: 'no',
  });
  expect(opened.status).toBe(303);
  analysisUrl = `${path}/analysis`;
  staffBase = `${path}/responses`;

  // Published: 12 agree with C1 (4 with a comment, all tagged "Fair pay"), 3 disagree with C1
  // (2 entered by staff, 1 suggesting a change, which is answered), and a suggested new
  // commitment, not answered yet. Not counted: 1 agreeing with C1 waiting for moderation, and 1
  // disagreeing with C2 hidden. Every response is anonymous.
  const staff = await makeUser(t.deps, { role: 'moderator', partnership: p });
  const common = { partnership_id: p.id, version_id: versionId } as const;
  const db = t.database.db;
  await db
    .insertInto('consultation_responses')
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        ...common,
        item_key: 'C1',
        stance: 'agree' as const,
        comment: i < 4 ? `Comment ${i + 1}` : '',
        state: 'published' as const,
        themes: ['Fair pay'],
      })),
    )
    .execute();
  const disagrees = await db
    .insertInto('consultation_responses')
    .values([
      { ...common, item_key: 'C1', stance: 'disagree', state: 'published' },
      {
        ...common,
        item_key: 'C1',
        stance: 'disagree',
        state: 'published',
        entered_by: staff.id,
        entered_how: 'Paper form',
      },
      {
        ...common,
        item_key: 'C1',
        stance: 'disagree',
        amendment: 'Include contractors.',
        state: 'published',
        entered_by: staff.id,
        entered_how: 'Paper form',
      },
    ])
    .returning(['id', 'amendment'])
    .execute();
  disagreeIds = disagrees.map((r) => r.id);
  const answered = disagrees.find((r) => r.amendment !== '');
  await db
    .insertInto('public_answers')
    .values({
      partnership_id: p.id,
      response_id: answered?.id ?? '',
      kind: 'accepted',
      reason: 'We will include contractors.',
    })
    .execute();
  await db
    .insertInto('consultation_responses')
    .values([
      {
        ...common,
        item_key: null,
        title: 'Answer local priorities',
        pillar: 'community',
        amendment: 'Answer every priority in public.',
        state: 'published',
      },
      {
        ...common,
        item_key: 'C2',
        stance: 'disagree',
        state: 'hidden',
        hidden_reason: 'Named a member of staff',
      },
    ])
    .execute();
  const pending = await db
    .insertInto('consultation_responses')
    .values({ ...common, item_key: 'C1', stance: 'agree', state: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow();
  pendingId = pending.id;
});

afterAll(async () => {
  await t?.close();
});

describe('the analysis page', () => {
  it('shows agreement through disclosure control: a small count hidden, and its partner', async () => {
    const page = await reviewer.get(analysisUrl);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Analysis of the consultation on version 1');
    expect(text).toContain(
      'Published responses only; responses waiting for moderation or hidden are not counted. Counts of people, with disclosure control:',
    );
    // The rules, in a details component.
    expect(page.body).toContain('nhsuk-details');
    expect(text).toContain('How the figures are protected');
    expect(text).toContain('we never publish a count of fewer than 10 people');
    expect(tableRows(page.body, 'agreeing or disagreeing with each commitment')).toEqual([
      ['Commitment', 'Agree', 'Disagree', 'Total'],
      // 12 agree and 3 disagree: the 3 is hidden, and so is the 12, which with the row's total
      // (15) would give the 3 away.
      [
        'C1 Pay at least the Real Living Wage',
        'Hidden to protect another figure',
        'Fewer than 10',
        '15',
      ],
      // The hidden response to C2 is not counted.
      ['C2 Spend locally', '0', '0', '0'],
      ['All commitments', 'Hidden to protect another figure', 'Fewer than 10', '15'],
    ]);
    expect(page.body).toContain('nhsuk-table__header--numeric');
    expect(page.body).toContain('nhsuk-table--responsive');
  });

  it('counts public comments and suggestions as they are, with answered and waiting', async () => {
    const page = await reviewer.get(analysisUrl);
    const text = textOf(page.body);
    expect(text).toContain('Each of them is public on the consultation’s pages anyway');
    expect(text).toContain('2 suggestions published: 1 answered, 1 waiting for an answer.');
    expect(tableRows(page.body, 'Published comments and suggested changes')).toEqual([
      ['Commitment', 'Comments', 'Suggested changes', 'Answered', 'Waiting for an answer'],
      ['C1 Pay at least the Real Living Wage', '4', '1', '1', '0'],
      ['C2 Spend locally', '0', '0', '0', '0'],
      ['Suggested new commitments', '0', '1', '0', '1'],
      ['All', '4', '2', '1', '1'],
    ]);
  });

  it('shows themes (12 rounded to 10), who responded, and says there are no demographics', async () => {
    const page = await reviewer.get(analysisUrl);
    const text = textOf(page.body);
    expect(tableRows(page.body, 'Published responses carrying each theme')).toEqual([
      ['Theme', 'Published responses'],
      ['Fair pay', '10'],
      ['Total (a response with more than one theme is counted once for each)', '10'],
    ]);
    // 16 published: 2 entered by staff (hidden, with the 14 others), all 16 anonymous.
    expect(text).toContain('Published responses: 15');
    expect(text).toContain('Responses entered by staff: Fewer than 10');
    expect(text).toContain(
      'Responses sent in by residents themselves: Hidden to protect another figure',
    );
    expect(text).toContain('Responses shown anonymously: 15');
    expect(text).toContain('Responses shown under a name: 0');
    expect(text).toContain('No survey questions were asked, so there are no demographics to show');
    // No true count of people is shown in any table.
    const cells = page.body
      .split('<table')
      .slice(1)
      .flatMap((s) => [...s.matchAll(/<td[\s\S]*?<\/td>/g)].map((c) => c[0]));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(textOf(cell)).not.toMatch(/\b(3|12|13|14|16)$/);
  });

  it('is for the partnership only: a contributor gets 403, and another version 404', async () => {
    expect((await lead.get(analysisUrl)).status).toBe(200);
    expect((await moderator.get(analysisUrl)).status).toBe(200);
    expect((await contributor.get(analysisUrl)).status).toBe(403);
    const other = `/manage/${p.slug}/charter/versions/00000000-0000-4000-8000-000000000000/analysis`;
    expect((await reviewer.get(other)).status).toBe(404);
    expect((await reviewer.get(`/manage/${p.slug}/charter/versions/x/analysis`)).status).toBe(404);
  });
});

describe('themes', () => {
  it('lets a moderator set a response’s themes, tidied, and logs it', async () => {
    const url = `${staffBase}/${pendingId}/themes`;
    const form = await moderator.get(url);
    expect(form.status).toBe(200);
    const formText = textOf(form.body);
    expect(formText).toContain('Themes already used in this version');
    expect(formText).toContain('Add themes, separated by commas');
    expect(form.body).toContain('value="Fair pay"');

    const bad = await moderator.post(url, { newThemes: 'cleaners, Pay & conditions' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain(
      'The theme “Pay & conditions” must use only letters, numbers, spaces, hyphens and apostrophes',
    );
    expect(bad.body).toContain('value="cleaners, Pay &amp; conditions"');

    const ok = await moderator.post(url, { newThemes: '  cleaners,  FAIR   pay ' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`${staffBase}/${pendingId}`);
    expect(textOf((await moderator.get(ok.location ?? '')).body)).toContain(
      'The response’s themes have been saved: Cleaners, Fair pay.',
    );
    const row = await t.database.db
      .selectFrom('consultation_responses')
      .select('themes')
      .where('id', '=', pendingId)
      .executeTakeFirstOrThrow();
    expect(row.themes).toEqual(['Cleaners', 'Fair pay']);
    const log = await t.database.db
      .selectFrom('moderation_log')
      .selectAll()
      .where('partnership_id', '=', p.id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      subject: 'response',
      subject_id: pendingId,
      action: 'tag',
      reason: 'Cleaners, Fair pay',
    });
    expect(log[0]?.moderator_id).not.toBeNull();
    expect(log[0]?.moderator_label).toMatch(/@test\.example$/);
    expect(textOf((await moderator.get(`/manage/${p.slug}/moderation`)).body)).toContain(
      'Themes tagged (response)',
    );
  });

  it('offers the themes in use, counts only published responses, and logs a change only', async () => {
    const url = `${staffBase}/${disagreeIds[0]}/themes`;
    const form = await moderator.get(url);
    expect(form.body).toContain('value="Cleaners"');
    // The pending response's themes are in use, but not counted.
    const page = await reviewer.get(analysisUrl);
    expect(textOf(page.body)).toContain(
      'Themes in use in this version, on any response (including those waiting for moderation or hidden): Cleaners, Fair pay.',
    );
    expect(tableRows(page.body, 'carrying each theme')).toHaveLength(3);

    const ticked = await moderator.post(url, { themes: ['Cleaners', 'Not in use'] });
    expect(ticked.status).toBe(303);
    const again = await moderator.post(url, { themes: 'Cleaners', newThemes: 'cleaners' });
    expect(again.status).toBe(303);
    expect(textOf((await moderator.get(again.location ?? '')).body)).toContain(
      'The themes were not changed.',
    );
    const log = await t.database.db
      .selectFrom('moderation_log')
      .select('reason')
      .where('subject_id', '=', disagreeIds[0] ?? '')
      .execute();
    expect(log).toEqual([{ reason: 'Cleaners' }]);
    // One published response carries "Cleaners" now: fewer than 10, and its partner hidden.
    expect(tableRows((await reviewer.get(analysisUrl)).body, 'carrying each theme')).toEqual([
      ['Theme', 'Published responses'],
      ['Cleaners', 'Fewer than 10'],
      ['Fair pay', 'Hidden to protect another figure'],
      ['Total (a response with more than one theme is counted once for each)', '15'],
    ]);
  });

  it('is for moderators: a reviewer cannot set themes', async () => {
    const url = `${staffBase}/${pendingId}/themes`;
    expect((await reviewer.get(url)).status).toBe(403);
    const refused = await reviewer.post(url, { newThemes: 'Sneaky' }, { from: analysisUrl });
    expect(refused.status).toBe(403);
    expect(textOf(refused.body)).toContain('You cannot do this');
    expect((await contributor.get(url)).status).toBe(403);
    const row = await t.database.db
      .selectFrom('consultation_responses')
      .select('themes')
      .where('id', '=', pendingId)
      .executeTakeFirstOrThrow();
    expect(row.themes).toEqual(['Cleaners', 'Fair pay']);
  });

  it('answers 404 for a response of another version or none', async () => {
    expect((await moderator.get(`${staffBase}/not-an-id/themes`)).status).toBe(404);
    expect(
      (await moderator.get(`${staffBase}/00000000-0000-4000-8000-000000000000/themes`)).status,
    ).toBe(404);
  });
});
