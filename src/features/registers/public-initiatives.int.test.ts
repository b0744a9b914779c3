/**
 * The public pages of joint initiatives, on a real database: the empty state in plain English;
 * every initiative grouped by status with its partners, pillars, money pooled (never £0 for money
 * not recorded) and milestones; one initiative with the public answers that led to it; nothing of
 * the register that is not public (evidence, who raised a priority); the money not published once
 * a member withholds its own L2; and nothing of a partnership that is not public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  makeUser,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import type { InitiativeInput } from '../../core/registers/initiative-form.js';

const ACTOR = { userId: null, label: 'test' };

let t: TestApp;
let p: Partnership;
let trust: Organisation;
let council: Organisation;
let visitor: TestClient;
let homes: string;
let jobs: string;

const input = (over: Partial<InitiativeInput>): InitiativeInput => ({
  title: 'An initiative',
  outcomes: '',
  status: 'active',
  startsOn: '2025-05-01',
  endsOn: null,
  pillars: ['partners'],
  vcsePartner: null,
  partners: [],
  milestones: [],
  evidenceLink: 'https://intranet.walton.example/share/initiatives',
  evidenceNote: 'Minutes kept by Jo Bloggs, jo.bloggs@walton.example',
  ...over,
});

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps, { isPublic: true, name: 'Walton Anchors' });
  trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
  council = await makeOrganisation(t.deps, p, { name: 'Kirkby Council' });
  visitor = t.client();
});
afterAll(() => t?.close());

const list = () => `/p/${p.slug}/initiatives`;

describe('the list of joint initiatives', () => {
  it('says so in plain English when there are none', async () => {
    const res = await visitor.get(list());
    expect(res.status).toBe(200);
    expect(textOf(res.body)).toContain(
      'The partnership has not recorded any joint initiatives yet.',
    );
    expect(res.body).toContain(
      '<meta name="description" content="Walton Anchors has not recorded any joint initiatives between its member organisations yet.">',
    );
  });

  it('groups them by status, with partners, pillars, money where recorded and milestones', async () => {
    homes = await t.deps.initiatives.add(
      p.id,
      input({
        title: 'Healthy homes',
        outcomes: 'Fewer admissions from cold and damp homes',
        pillars: ['infrastructure', 'community'],
        vcsePartner: 'Walton Community Trust',
        partners: [
          { organisationId: trust.id, pooledPence: 1_250_000 },
          { organisationId: council.id, pooledPence: 0 },
        ],
        milestones: [
          { title: 'First 200 homes surveyed', dueOn: '2025-09-30', done: true },
          { title: 'First 50 homes fitted', dueOn: '2026-01-31', done: false },
        ],
      }),
      ACTOR,
    );
    jobs = await t.deps.initiatives.add(
      p.id,
      input({
        title: 'Jobs pathway',
        status: 'completed',
        endsOn: '2025-12-31',
        pillars: ['workforce'],
        partners: [{ organisationId: council.id, pooledPence: 0 }],
      }),
      ACTOR,
    );
    await t.deps.initiatives.add(
      p.id,
      input({ title: 'Shared buying', status: 'planned', partners: [] }),
      ACTOR,
    );
    const res = await visitor.get(list());
    const text = textOf(res.body).replace(/\s+/g, ' ');
    const running = text.indexOf('Running (1)');
    const planned = text.indexOf('Planned (1)');
    const completed = text.indexOf('Completed (1)');
    expect(running).toBeGreaterThan(-1);
    expect(planned).toBeGreaterThan(running);
    expect(completed).toBeGreaterThan(planned);
    expect(res.body).toContain(`href="/p/${p.slug}/initiatives/${homes}"`);
    expect(text).toContain('Kirkby Council and Walton Trust');
    expect(text).toContain('Infrastructure and Community engagement');
    expect(text).toContain('£12,500.00 (recorded for 1 of 2 partners)');
    expect(text).toContain('1 of 2 milestones done');
    // The jobs pathway recorded no money: never £0.
    expect(text).toContain('Not recorded');
    expect(text).not.toContain('£0.00');
    expect(text).not.toMatch(/Bloggs|intranet/);
    // In-page links to each group, without JavaScript.
    expect(res.body).toContain('href="#status-active"');
    expect(res.body).toContain('id="status-completed"');
    expect(res.body).toMatch(
      /<meta name="description" content="Joint initiatives between the member organisations of Walton Anchors: 3 in all, 1 running, 1 planned and 1 completed\.">/,
    );
  });

  it('is linked from the partnership’s page', async () => {
    const res = await visitor.get(`/p/${p.slug}`);
    expect(res.body).toContain(`href="/p/${p.slug}/initiatives"`);
  });
});

describe('one joint initiative', () => {
  it('shows what it is for, its partners, pillars, dates and milestones, and nothing private', async () => {
    const res = await visitor.get(`/p/${p.slug}/initiatives/${homes}`);
    expect(res.status).toBe(200);
    const text = textOf(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('Fewer admissions from cold and damp homes');
    expect(text).toContain('From 1 May 2025');
    expect(text).toContain('Walton Community Trust');
    expect(text).toContain('First 200 homes surveyed');
    expect(text).toContain('30 September 2025');
    expect(text).toContain('1 of 2 milestones done');
    expect(res.body).toContain(`href="/p/${p.slug}/organisations/${trust.id}"`);
    // Nothing published yet: the pillars are named, not linked to pages that do not exist.
    expect(res.body).not.toContain(`href="/p/${p.slug}/pillars/infrastructure"`);
    expect(res.body).not.toMatch(/Bloggs|intranet|jo\.bloggs/);
    expect(text).toContain('No local priority or suggestion on the charter has been answered');
  });

  it('lists the public answers that led to it, without who raised them', async () => {
    const db = t.database.db;
    const raiser = await makeUser(t.deps, {});
    const priority = async (title: string, state: 'published' | 'hidden' | 'pending') =>
      (
        await db
          .insertInto('local_priorities')
          .values({
            partnership_id: p.id,
            title,
            description: 'Cold homes',
            pillar: 'community',
            participant_id: raiser.id,
            display_name: 'Priya Raiser',
            state,
            ...(state === 'hidden' ? { hidden_reason: 'Off topic' } : {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const shown = await priority('Warm homes for older people', 'published');
    const hidden = await priority('A hidden priority', 'hidden');
    for (const id of [shown, hidden])
      await db
        .insertInto('public_answers')
        .values({
          partnership_id: p.id,
          priority_id: id,
          kind: 'accepted',
          reason: 'We will.',
          initiative_ids: [homes],
        })
        .execute();
    const res = await visitor.get(`/p/${p.slug}/initiatives/${homes}`);
    const text = textOf(res.body).replace(/\s+/g, ' ');
    expect(res.body).toContain(`href="/p/${p.slug}/priorities/${shown}"`);
    expect(text).toContain('Warm homes for older people');
    expect(text).toContain('Accepted');
    expect(text).not.toContain('A hidden priority');
    expect(text).not.toContain('Priya Raiser');
    // The other initiative's page does not list them.
    expect(textOf((await visitor.get(`/p/${p.slug}/initiatives/${jobs}`)).body)).not.toContain(
      'Warm homes for older people',
    );
  });

  it('does not publish the money once a member publishes only the total of its L2', async () => {
    await t.database.db
      .insertInto('publication_choices')
      .values({ partnership_id: p.id, organisation_id: council.id, indicator_code: 'L2' })
      .execute();
    try {
      for (const url of [list(), `/p/${p.slug}/initiatives/${homes}`]) {
        const text = textOf((await visitor.get(url)).body);
        expect(text, url).toContain('Not published');
        expect(text, url).not.toContain('£12,500.00');
      }
    } finally {
      await t.database.db
        .deleteFrom('publication_choices')
        .where('organisation_id', '=', council.id)
        .execute();
    }
  });

  it('is linked from the pages of its pillars once figures are published, and follows a change', async () => {
    const year = await openYear(t.deps, p, 2025);
    await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await t.deps.publishing.publish(p.id, 2025, ACTOR, null);
    const pillar = (id: string) => visitor.get(`/p/${p.slug}/pillars/${id}`);
    const infrastructure = await pillar('infrastructure');
    expect(infrastructure.status).toBe(200);
    expect(infrastructure.body).toContain(`href="/p/${p.slug}/initiatives/${homes}"`);
    expect(infrastructure.body).not.toContain(`href="/p/${p.slug}/initiatives/${jobs}"`);
    const workforce = await pillar('workforce');
    expect(workforce.body).toContain(`href="/p/${p.slug}/initiatives/${jobs}"`);
    expect(workforce.body).not.toContain(`href="/p/${p.slug}/initiatives/${homes}"`);
    expect(textOf((await pillar('environment')).body)).toContain(
      'No joint initiative serving this pillar has been recorded yet.',
    );
    // The initiative's page now links to its pillars' pages.
    expect((await visitor.get(`/p/${p.slug}/initiatives/${homes}`)).body).toContain(
      `href="/p/${p.slug}/pillars/infrastructure"`,
    );
    // A change to the register shows at once on the pillar's page, kept or not.
    const before = await t.deps.initiatives.get(p.id, homes);
    if (!before) throw new Error('The initiative is missing');
    const { id: _id, updatedAt: _at, ...was } = before;
    await t.deps.initiatives.update(
      p.id,
      homes,
      { ...was, title: 'Warm and healthy homes' },
      ACTOR,
    );
    expect(textOf((await pillar('infrastructure')).body)).toContain('Warm and healthy homes');
  });

  it('answers 404 for an unknown id, another partnership’s initiative, and a partnership not public', async () => {
    const other = await makePartnership(t.deps, { isPublic: true });
    const hidden = await makePartnership(t.deps, { isPublic: false });
    const hiddenOrg = await makeOrganisation(t.deps, hidden);
    const theirs = await t.deps.initiatives.add(
      hidden.id,
      input({ partners: [{ organisationId: hiddenOrg.id, pooledPence: 0 }] }),
      ACTOR,
    );
    for (const url of [
      `/p/${p.slug}/initiatives/00000000-0000-0000-0000-000000000000`,
      `/p/${p.slug}/initiatives/not-a-uuid`,
      `/p/${other.slug}/initiatives/${homes}`,
      `/p/${hidden.slug}/initiatives/${theirs}`,
      `/p/${hidden.slug}/initiatives`,
    ])
      expect((await visitor.get(url)).status, url).toBe(404);
  });
});
