/**
 * The charter through its pages, on a real database: a version drafted, put out for
 * consultation, closed and adopted; a second version whose changes the public diff shows with
 * their reasons; the database refusing to change a version's words once it has left draft; two
 * organisations signing and pledging, and being asked to sign again; every change audited; and
 * what each role may do.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  signedInAs,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';
import { steadyToday } from '../../../test/helpers/day.js';
import { addDays } from '../../core/periods.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let second: Organisation;
let lead: TestClient;
let orgLead: TestClient;
let secondLead: TestClient;
let contributor: TestClient;
let base: string;

/** The day each test runs on, as the server sees it (see `steadyToday`). */
let today = '';
beforeEach(async () => {
  today = await steadyToday();
});
const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

async function versionId(number: number) {
  const row = await t.database.db
    .selectFrom('charter_versions')
    .select('id')
    .where('partnership_id', '=', p.id)
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function items(number: number) {
  return t.database.db
    .selectFrom('charter_items as i')
    .innerJoin('charter_versions as v', 'v.id', 'i.version_id')
    .select(['i.id', 'i.key', 'i.title', 'i.kind'])
    .where('v.partnership_id', '=', p.id)
    .where('v.number', '=', number)
    .orderBy('i.sort_order')
    .execute();
}

/** Opens a version for consultation from today, closes it at once, and adopts it. */
async function consultCloseAdopt(path: string) {
  const opened = await lead.post(`${path}/consultation`, {
    ...date('opens', today),
    ...date('closes', addDays(today, 30)),
    preModeration: 'no',
  });
  expect(opened.status).toBe(303);
  expect((await lead.post(`${path}/close`, {}, { from: path })).status).toBe(303);
  const adopted = await lead.post(`${path}/adopt`);
  expect(adopted.status).toBe(303);
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, 'org-lead': orgLead, contributor },
  } = await startWithMember(['partnership-lead', 'org-lead', 'contributor'], {
    organisation: { name: 'Riverside Trust' },
    partnership: { isPublic: true },
  }));
  second = await makeOrganisation(t.deps, p, {
    name: 'Northfield Council',
    type: 'local-authority',
  });
  secondLead = await signedInAs(t, 'org-lead', p, second);
  base = `/manage/${p.slug}/charter`;
});

afterAll(async () => {
  await t?.close();
});

describe('the first version', () => {
  let path: string;

  it('starts with no charter and offers the lead the first version', async () => {
    const page = await lead.get(base);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('No version of the charter has been adopted yet');
    expect(textOf(page.body)).toContain('Start version 1');
    const started = await lead.post(`${base}/start`, {}, { from: base });
    expect(started.status).toBe(303);
    path = `${base}/versions/${await versionId(1)}`;
    expect(started.location).toBe(path);
    // Only one version is worked on at a time.
    const again = await lead.post(`${base}/start`, {}, { from: base });
    expect(again.location).toBe(base);
    expect(textOf((await lead.get(base)).body)).toContain('Version 1 is still a draft');
  });

  it('names the problems of a commitment and keeps what was typed', async () => {
    const bad = await lead.post(`${path}/items/new`, {
      kind: 'commitment',
      title: 'Pay fairly',
      body: '',
      indicators: 'W1, ZZ9',
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('Select the pillar the commitment belongs to');
    expect(text).toContain('Enter the commitment');
    expect(text).toContain('The framework has no indicator ZZ9');
    expect(bad.body).toContain('value="Pay fairly"');
  });

  it('adds principles and commitments', async () => {
    for (const fields of [
      {
        kind: 'principle',
        pillar: '',
        indicators: '',
        title: 'Local first',
        body: 'We look first to local people.',
      },
      {
        kind: 'commitment',
        pillar: 'workforce',
        title: 'Pay at least the Real Living Wage',
        body: 'Every member pays its own staff at least the Real Living Wage.',
        indicators: 'w1 W2',
      },
      {
        kind: 'commitment',
        pillar: 'procurement',
        title: 'Spend locally',
        body: 'Members spend more with local suppliers.',
        indicators: 'P1',
      },
    ]) {
      const saved = await lead.post(`${path}/items/new`, fields, { from: `${path}/items/new` });
      expect(saved.status).toBe(303);
    }
    expect((await items(1)).map((i) => i.key)).toEqual(['P1', 'C1', 'C2']);
    const page = textOf((await lead.get(path)).body);
    expect(page).toContain('C1 Pay at least the Real Living Wage');
    expect(page).toContain('Shown by indicators W1, W2');
  });

  it('refuses a consultation that opens in the past or closes before it opens', async () => {
    const bad = await lead.post(`${path}/consultation`, {
      ...date('opens', addDays(today, -1)),
      ...date('closes', addDays(today, -2)),
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('The date it opens must be today or later');
    expect(text).toContain('The date it closes must be after the date it opens');
    expect(text).toContain('Select whether comments are checked before they are shown');
  });

  it('opens the consultation, after which the words cannot change, in the pages or the database', async () => {
    const opened = await lead.post(`${path}/consultation`, {
      ...date('opens', today),
      ...date('closes', addDays(today, 30)),
      preModeration: 'yes',
    });
    expect(opened.status).toBe(303);
    const page = textOf((await lead.get(path)).body);
    expect(page).toContain('Out for consultation');
    expect(page).toContain('The consultation is open until');
    const [item] = await items(1);
    const change = await lead.post(`${path}/items/${item?.id}`, {
      title: 'Changed',
      body: 'Changed',
    });
    expect(change.status).toBe(303);
    expect(textOf((await lead.get(path)).body)).toContain(
      'Version 1 is no longer a draft: its words cannot be changed.',
    );
    await expect(
      sql`UPDATE charter_items SET title = 'Changed' WHERE id = ${item?.id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      sql`DELETE FROM charter_items WHERE id = ${item?.id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('refuses to adopt while the consultation is open, then adopts once it is closed', async () => {
    const early = await lead.get(`${path}/adopt`);
    expect(textOf(early.body)).toContain('The consultation is open until');
    const refused = await lead.post(`${path}/adopt`);
    expect(refused.status).toBe(303);
    expect(textOf((await lead.get(path)).body)).toContain('Not ready to adopt');
    expect((await lead.post(`${path}/close`, {}, { from: path })).status).toBe(303);
    expect(textOf((await lead.get(path)).body)).toContain('Adopt this version');
    const adopted = await lead.post(`${path}/adopt`);
    expect(adopted.status).toBe(303);
    expect(textOf((await lead.get(path)).body)).toContain('Version 1 has been adopted');
    const id = await versionId(1);
    await expect(
      sql`UPDATE charter_versions SET title = 'Rewritten' WHERE id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      sql`UPDATE charter_versions SET adopted_on = '2020-01-01' WHERE id = ${id}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/can only be superseded/);
    await expect(
      sql`DELETE FROM charter_versions WHERE id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/never deleted/);
  });

  it('shows the adopted charter on the public site, and never a draft', async () => {
    const page = await lead.get(`/p/${p.slug}/charter`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Version 1: Social Value Charter');
    expect(text).toContain('C2 Spend locally');
    expect(text).toContain('No organisation has signed this version yet');
    expect((await lead.get(`/p/${p.slug}/charter/versions/1`)).status).toBe(200);
    expect(textOf((await lead.get(`/p/${p.slug}/charter/versions/1`)).body)).toContain(
      'This is the first version of the charter',
    );
    expect((await lead.get(`/p/${p.slug}/charter/versions/2`)).status).toBe(404);
  });
});

describe('signing and pledges', () => {
  it('lets each organisation’s lead sign once, with problems named', async () => {
    const orgPath = `/manage/${p.slug}/organisations/${org.id}/charter`;
    const bad = await orgLead.post(`${orgPath}/sign`, {
      signatoryName: '',
      signatoryRole: 'Chief Executive',
      ...date('signedOn', addDays(today, 3)),
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter the name of the person signing');
    expect(textOf(bad.body)).toContain('The date of signing must be today or earlier');
    const signed = await orgLead.post(`${orgPath}/sign`, {
      signatoryName: 'Ada Okafor',
      signatoryRole: 'Chief Executive',
      ...date('signedOn', today),
    });
    expect(signed.status).toBe(303);
    const twice = await orgLead.post(`${orgPath}/sign`, {
      signatoryName: 'Ada Okafor',
      signatoryRole: 'Chief Executive',
      ...date('signedOn', today),
    });
    expect(twice.status).toBe(400);
    expect(textOf(twice.body)).toContain('has already signed version 1');
    const secondPath = `/manage/${p.slug}/organisations/${second.id}/charter`;
    expect(
      (
        await secondLead.post(`${secondPath}/sign`, {
          signatoryName: 'Sam Hughes',
          signatoryRole: 'Leader of the Council',
          ...date('signedOn', today),
        })
      ).status,
    ).toBe(303);
    // The partnership's public page says which version is in force and who signed it, at once.
    const home = textOf((await t.client().get(`/p/${p.slug}`)).body);
    expect(home).toMatch(/Version 1 of the charter, “[^”]+”, adopted on .+: \d+ commitments?\./);
    expect(home).toContain('2 of 2 member organisations have signed it.');
    expect(home).toMatch(/Riverside Trust\s?, signed on/);
    expect(home).toMatch(/Northfield Council\s?, signed on/);
    // A contributor may read the charter page but not sign.
    expect((await contributor.get(orgPath)).status).toBe(200);
    expect((await contributor.get(`${orgPath}/sign`)).status).toBe(403);
    // Another organisation's lead cannot sign for this one.
    expect((await secondLead.get(`${orgPath}/sign`)).status).toBe(403);
  });

  it('adds a pledge under a commitment, names its problems, and shows it in public', async () => {
    const orgPath = `/manage/${p.slug}/organisations/${org.id}/charter`;
    const bad = await orgLead.post(`${orgPath}/pledges/new`, {
      commitmentKey: 'C9',
      pledge: 'Pay all contracted cleaners the Real Living Wage',
      targetText: 'All contracted cleaners',
      indicatorCode: 'W2',
      targetValue: 'all',
      ...date('dueOn', '2027-03-31'),
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Select the commitment the pledge serves');
    expect(textOf(bad.body)).toContain('The figure to reach must be a number');
    const saved = await orgLead.post(`${orgPath}/pledges/new`, {
      commitmentKey: 'C1',
      pledge: 'Pay all contracted cleaners the Real Living Wage',
      targetText: 'All contracted cleaners',
      indicatorCode: 'W2',
      targetValue: '100',
      ...date('dueOn', '2027-03-31'),
    });
    expect(saved.status).toBe(303);
    const page = textOf((await orgLead.get(orgPath)).body);
    expect(page).toContain('Pay all contracted cleaners the Real Living Wage');
    expect(page).toContain('No figure yet');
    const pub = textOf((await orgLead.get(`/p/${p.slug}/charter`)).body);
    expect(pub).toContain('Riverside Trust: Pay all contracted cleaners the Real Living Wage');
    expect(pub).toContain('Ada Okafor, Chief Executive');
    expect(pub).toContain('Sam Hughes, Leader of the Council');
  });

  it('withdraws a pledge with a reason that stays public', async () => {
    const orgPath = `/manage/${p.slug}/organisations/${org.id}/charter`;
    const [pledge] = await t.deps.charter.pledges(p.id, org.id);
    const bad = await orgLead.post(`${orgPath}/pledges/${pledge?.id}/withdraw`, { reason: '' });
    expect(bad.status).toBe(400);
    const done = await orgLead.post(`${orgPath}/pledges/${pledge?.id}/withdraw`, {
      reason: 'The cleaning contract was brought in house.',
    });
    expect(done.status).toBe(303);
    const pub = textOf((await orgLead.get(`/p/${p.slug}/charter`)).body);
    expect(pub).toContain('Withdrawn on');
    expect(pub).toContain('The cleaning contract was brought in house.');
    expect((await orgLead.get(`${orgPath}/pledges/${pledge?.id}`)).status).toBe(404);
  });
});

describe('a second version', () => {
  let path: string;

  it('starts from the adopted words and asks why each change is made', async () => {
    await lead.post(`${base}/start`, {}, { from: base });
    path = `${base}/versions/${await versionId(2)}`;
    const list = await items(2);
    expect(list.map((i) => i.key)).toEqual(['P1', 'C1', 'C2']);
    const c2 = list.find((i) => i.key === 'C2');
    const noReason = await lead.post(`${path}/items/${c2?.id}`, {
      pillar: 'procurement',
      title: 'Spend locally',
      body: 'Members spend more with local suppliers and social enterprises.',
      indicators: 'P1, P4',
    });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why this changed from the previous version');
    const saved = await lead.post(`${path}/items/${c2?.id}`, {
      pillar: 'procurement',
      title: 'Spend locally',
      body: 'Members spend more with local suppliers and social enterprises.',
      indicators: 'P1, P4',
      changeNote: 'Residents asked for social enterprises to be named.',
    });
    expect(saved.status).toBe(303);
    const p1 = list.find((i) => i.key === 'P1');
    const removeBare = await lead.post(`${path}/items/${p1?.id}/remove`, { note: '' });
    expect(removeBare.status).toBe(400);
    expect(textOf(removeBare.body)).toContain('Enter why it is removed');
    const removed = await lead.post(`${path}/items/${p1?.id}/remove`, {
      note: 'Folded into each commitment.',
    });
    expect(removed.status).toBe(303);
    await lead.post(`${path}/details`, {
      title: 'Social Value Charter 2027',
      summary: 'Updated after the 2026 consultation.',
    });
  });

  it('is adopted, replacing version 1, and the public diff says what changed and why', async () => {
    await consultCloseAdopt(path);
    const v1 = await t.database.db
      .selectFrom('charter_versions')
      .select(['state', 'superseded_on'])
      .where('id', '=', await versionId(1))
      .executeTakeFirstOrThrow();
    expect(v1).toEqual({ state: 'superseded', superseded_on: today });
    const diff = await lead.get(`/p/${p.slug}/charter/versions/2`);
    const text = textOf(diff.body);
    expect(text).toContain('What changed from version 1');
    expect(text).toContain('1 principle removed. 1 commitment changed.');
    expect(text).toContain('Residents asked for social enterprises to be named.');
    expect(text).toContain('Folded into each commitment.');
    expect(diff.body).toContain('<ins>');
    expect(diff.body).toContain('and social enterprises');
    expect(text).toContain('Indicators: P1 before, P1, P4 now.');
  });

  it('asks every signatory to sign again', async () => {
    const orgPath = `/manage/${p.slug}/organisations/${org.id}/charter`;
    expect(textOf((await orgLead.get(orgPath)).body)).toContain('Needs signing again');
    const pub = textOf((await orgLead.get(`/p/${p.slug}/charter`)).body);
    expect(pub).toContain('No organisation has signed this version yet');
    expect(pub).toContain('Riverside Trust: signed version 1; not yet signed this version');
  });

  it('audits every change', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('partnership_id', '=', p.id)
      .where('action', 'like', 'charter.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'charter.version.started',
      'charter.item.added',
      'charter.item.changed',
      'charter.item.removed',
      'charter.version.changed',
      'charter.consultation.opened',
      'charter.consultation.closed',
      'charter.version.adopted',
      'charter.version.superseded',
      'charter.signed',
      'charter.pledge.added',
      'charter.pledge.withdrawn',
    ])
      expect(actions).toContain(a);
  });
});
