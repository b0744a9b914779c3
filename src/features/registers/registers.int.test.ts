/**
 * The registers of the other pillars through their pages: an organisation's entries added and
 * changed (problems named, input kept, a banner after saving), each change audited with what it
 * was and became, and its figure in the figures read model (I1–I3, C1, C2, C4, C5); joint
 * initiatives kept by the partnership feeding L1–L3 of each partner; who may do what, including
 * contributors limited to one pillar; and another partnership told nothing exists.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  openQuarter,
  openYear,
  signedIn,
  signedInAs,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let other: Organisation;
let orgLead: TestClient;
let viewer: TestClient;
let lead: TestClient;
let year: ReportingPeriod;
let q1: ReportingPeriod;
let base: string;

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

/** The organisation's (or a total's) figure for an indicator in a period, as dashboards read it. */
async function figure(
  code: string,
  period: ReportingPeriod,
  organisationId: string | null = org.id,
) {
  const figures = await t.deps.figures.read(p.id);
  const row = figures.indicators
    .find((i) => i.indicator.id === code)
    ?.periods.find((x) => x.period.id === period.id);
  return organisationId === null ? row?.total : (row?.byOrganisation.get(organisationId) ?? null);
}

async function audits(entity: string) {
  return t.database.db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after', 'entity_id'])
    .where('partnership_id', '=', p.id)
    .where('entity', '=', entity)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, viewer, 'partnership-lead': lead },
  } = await startWithMember(['org-lead', 'viewer', 'partnership-lead'], {
    organisation: { name: 'Riverside Trust' },
    app: { reference: true },
  }));
  other = await makeOrganisation(t.deps, p, { name: 'Northfield Council' });
  year = await openYear(t.deps, p, 2025);
  q1 = await openQuarter(t.deps, p, 2025, 1, '2025-07-31');
  base = `/manage/${p.slug}/organisations/${org.id}/registers`;
});

afterAll(async () => {
  await t?.close();
});

describe('an organisation’s register', () => {
  it('says what it is for and which indicator it feeds while it is empty', async () => {
    const page = await viewer.get(`${base}/community-use`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Community use of the estate');
    expect(text).toContain('I1 Hours of community use of the estate');
    expect(text).toContain('No entries yet');
    // A viewer reads it but is offered no way to change it.
    expect(text).not.toContain('Add a use of the estate');
    const index = await viewer.get(base);
    expect(index.status).toBe(200);
    expect(textOf(index.body)).toContain('Grants and donations to the VCSE sector');
  });

  it('names each problem of an entry on its field and keeps what was typed', async () => {
    await orgLead.get(`${base}/community-use/new`);
    const bad = await orgLead.post(`${base}/community-use/new`, {
      title: 'Main hall',
      hours: 'lots',
      ...date('occurredOn', '2025-02-30'),
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter the groups using it');
    expect(text).toContain(
      'The date of use, or the first day of a run of bookings must be a real date',
    );
    expect(text).toContain('The hours of use must be a number of hours');
    expect(bad.body).toContain('href="#occurredOn-day"');
    expect(bad.body).toContain('value="Main hall"');
  });

  it('saves an entry, audits it, and feeds I1 in the quarter and nothing before', async () => {
    expect(await figure('I1', q1)).toBeNull();
    const saved = await orgLead.post(`${base}/community-use/new`, {
      title: 'Main hall',
      detail: 'Walton Residents Association',
      hours: '12.5',
      ...date('occurredOn', '2025-05-14'),
      evidenceLink: 'https://example.org/bookings',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${base}/community-use`);
    const list = await orgLead.get(`${base}/community-use`);
    const text = textOf(list.body);
    expect(text).toContain('Main hall has been saved in community use of the estate');
    expect(text).toContain('12.5 hours');
    expect(await figure('I1', q1)).toMatchObject({ value: 12.5, source: 'calculator' });

    const [added] = await audits('register-entry');
    expect(added).toMatchObject({ action: 'register.entry.added', before: null });
    expect(added?.after).toMatchObject({
      register: 'community-use',
      hours: 12.5,
      title: 'Main hall',
    });
  });

  it('changes an entry, audits before and after, and works the figure out again', async () => {
    const [entry] = await t.deps.registers.list(p.id, org.id, 'community-use');
    const edit = await orgLead.get(`${base}/community-use/${entry?.id}`);
    expect(edit.status).toBe(200);
    expect(edit.body).toContain('value="12.5"');
    const changed = await orgLead.post(`${base}/community-use/${entry?.id}`, {
      title: 'Main hall',
      detail: 'Walton Residents Association',
      hours: '20',
      ...date('occurredOn', '2025-05-14'),
    });
    expect(changed.status).toBe(303);
    expect(await figure('I1', q1)).toMatchObject({ value: 20 });
    const last = (await audits('register-entry')).at(-1);
    expect(last).toMatchObject({ action: 'register.entry.changed', entity_id: entry?.id });
    expect(last?.before).toMatchObject({
      hours: 12.5,
      evidenceLink: 'https://example.org/bookings',
    });
    expect(last?.after).toMatchObject({ hours: 20, evidenceLink: null });
  });

  it('works the figure out from both of two entries saved at once', async () => {
    const before = await figure('I1', q1);
    const save = (hours: string) =>
      orgLead.post(`${base}/community-use/new`, {
        title: 'Sports hall',
        detail: 'Walton Juniors',
        hours,
        ...date('occurredOn', '2025-06-10'),
      });
    for (let round = 0; round < 3; round++) {
      const statuses = (await Promise.all([save('1.25'), save('2.5')])).map((r) => r.status);
      expect(statuses).toEqual([303, 303]);
    }
    expect(await figure('I1', q1)).toMatchObject({ value: Number(before?.value) + 3 * 3.75 });
  });

  it('answers 404 for an entry of another register or organisation', async () => {
    const [entry] = await t.deps.registers.list(p.id, org.id, 'community-use');
    expect((await orgLead.get(`${base}/volunteering/${entry?.id}`)).status).toBe(404);
    expect((await orgLead.get(`${base}/community-use/not-an-id`)).status).toBe(404);
    const lead2 = await signedInAs(t, 'org-lead', p, other);
    const otherBase = `/manage/${p.slug}/organisations/${other.id}/registers`;
    expect((await lead2.get(`${otherBase}/community-use/${entry?.id}`)).status).toBe(404);
    // And an organisation lead cannot reach another organisation's register at all.
    expect((await lead2.get(`${base}/community-use`)).status).toBe(403);
  });
});

describe('the figures the registers feed', () => {
  it('I3: capital spend with local contractors by postcode, or as stated, with what is known', async () => {
    const add = (title: string, amount: string, extra: Record<string, string>) =>
      orgLead.post(`${base}/capital/new`, {
        title,
        detail: `${title} contractor`,
        amount,
        ...date('occurredOn', '2025-09-01'),
        ...extra,
      });
    // Liverpool (the partnership's area), Leeds (not), a stated local one, and one not known.
    expect((await add('Ward 4', '60000', { contractorPostcode: 'L1 8JQ' })).status).toBe(303);
    expect((await add('Car park', '20000', { contractorPostcode: 'LS1 4AP' })).status).toBe(303);
    expect((await add('Roof', '10000.50', { localStated: 'yes' })).status).toBe(303);
    expect((await add('Boiler', '9999.50', { localStated: 'unknown' })).status).toBe(303);
    const f = await figure('I3', year);
    // Local: £60,000 + £10,000.50 of £100,000; known: £90,000.50 of £100,000.
    expect(f).toMatchObject({ numerator: 70000.5, denominator: 100000, known: true });
    expect(f?.value).toBeCloseTo(70.0005, 6);
    expect(f?.coverage).toMatchObject({ known: 9000050, total: 10000000 });
    const list = textOf((await orgLead.get(`${base}/capital`)).body);
    expect(list).toContain('Local (by postcode L1 8JQ)');
    expect(list).toContain('Not local (by postcode LS1 4AP)');
    expect(list).toContain('Local (as stated)');
    expect(list).toContain('£10,000.50');
  });

  it('I2, C1, C2, C4 and C5 from their registers, each in its period', async () => {
    const post = (register: string, body: Record<string, string>) =>
      orgLead.post(`${base}/${register}/new`, body);
    expect(
      (
        await post('land', {
          title: 'Old nurses’ home',
          releasedFor: 'housing',
          homes: '48',
          ...date('occurredOn', '2025-11-03'),
        })
      ).status,
    ).toBe(303);
    for (const [n, deprived] of [
      ['30', '12'],
      ['15', ''],
    ] as const)
      expect(
        (
          await post('engagement', {
            title: 'Listening event',
            participants: n,
            participantsDeprived: deprived,
            ...date('occurredOn', '2025-06-02'),
          })
        ).status,
      ).toBe(303);
    expect(
      (
        await post('volunteering', {
          title: 'Food bank',
          hours: '7.25',
          ...date('occurredOn', '2025-04-30'),
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await post('grants', {
          title: 'Walton Community Trust',
          amount: '2,500.75',
          ...date('occurredOn', '2025-12-01'),
        })
      ).status,
    ).toBe(303);
    expect(await figure('I2', year)).toMatchObject({ value: 48 });
    expect(await figure('C1', q1)).toMatchObject({ value: 2 });
    expect(await figure('C2', q1)).toMatchObject({ value: 45 });
    expect(await figure('C4', q1)).toMatchObject({ value: 7.25 });
    expect(await figure('C5', year)).toMatchObject({ value: 2500.75 });
    // Another organisation that keeps no register has no figure (it reports by hand).
    expect(await figure('C5', year, other.id)).toBeNull();
  });
});

describe('joint initiatives', () => {
  it('are kept by the partnership lead and feed L1–L3 of each partner', async () => {
    const empty = await viewer.get(`/manage/${p.slug}/initiatives`);
    expect(empty.status).toBe(200);
    expect(textOf(empty.body)).toContain('No joint initiatives yet');

    const bad = await lead.post(`/manage/${p.slug}/initiatives/new`, { title: 'Healthy homes' });
    expect(bad.status).toBe(400);
    const problems = textOf(bad.body);
    expect(problems).toContain('Select the member organisations taking part');
    expect(problems).toContain('Select whether a VCSE organisation is a partner');
    expect(problems).toContain('Enter the start date');

    const saved = await lead.post(`/manage/${p.slug}/initiatives/new`, {
      title: 'Healthy homes',
      partners: [org.id, other.id],
      [`pooled-${org.id}`]: '50,000',
      [`pooled-${other.id}`]: '25000.50',
      vcse: 'yes',
      vcsePartner: 'Walton Community Trust',
      pillars: ['infrastructure', 'community'],
      status: 'active',
      ...date('startsOn', '2025-06-01'),
      outcomes: 'Fewer damp homes',
      'milestone-0-title': 'First 50 homes surveyed',
      ...date('milestone-0-dueOn', '2025-10-31'),
      'milestone-0-done': 'yes',
    });
    expect(saved.status).toBe(303);
    const page = await lead.get(saved.location ?? '');
    const text = textOf(page.body);
    expect(text).toContain('Healthy homes has been added');
    expect(text).toContain('£75,000.50');
    expect(text).toContain('1 of 1 done');

    expect(await figure('L1', year)).toMatchObject({ value: 1 });
    expect(await figure('L1', year, other.id)).toMatchObject({ value: 1 });
    expect(await figure('L2', year)).toMatchObject({ value: 50000 });
    expect(await figure('L2', year, other.id)).toMatchObject({ value: 25000.5 });
    expect(await figure('L3', year)).toMatchObject({ value: 1 });
    // The partnership total counts the shared initiative once; the money adds up.
    expect(await figure('L1', year, null)).toMatchObject({
      value: 1,
      countedOnce: { things: 1, organisations: 2 },
    });
    expect(await figure('L3', year, null)).toMatchObject({ value: 1 });
    expect(await figure('L2', year, null)).toMatchObject({ value: 75000.5 });
    const drilldown = textOf((await lead.get(`/manage/${p.slug}/dashboard/L1`)).body);
    expect(drilldown).toContain(
      '1 from the register, each counted once however many members share it',
    );
    const [audit] = await audits('joint-initiative');
    expect(audit).toMatchObject({ action: 'initiative.added', before: null });

    // Taking a partner off moves its figures too.
    const [initiative] = await t.deps.initiatives.list(p.id);
    const edit = await lead.post(`/manage/${p.slug}/initiatives/${initiative?.id}/edit`, {
      title: 'Healthy homes',
      partners: [org.id],
      [`pooled-${org.id}`]: '50000',
      vcse: 'no',
      pillars: ['infrastructure'],
      status: 'active',
      ...date('startsOn', '2025-06-01'),
    });
    expect(edit.status).toBe(303);
    expect(await figure('L1', year, other.id)).toBeNull();
    expect(await figure('L3', year)).toMatchObject({ value: 0 });
    const changed = (await audits('joint-initiative')).at(-1);
    expect(changed?.action).toBe('initiative.changed');
    expect(changed?.before).toMatchObject({ vcsePartner: 'Walton Community Trust' });
    expect(changed?.after).toMatchObject({ vcsePartner: null });
  });

  it('are changed by no organisation role', async () => {
    const form = await orgLead.get(`/manage/${p.slug}/initiatives/new`);
    expect(form.status).toBe(403);
    expect((await orgLead.post(`/manage/${p.slug}/initiatives/new`, {})).status).toBe(403);
  });
});

describe('money made to break the sums', () => {
  const bound = BigInt(Number.MAX_SAFE_INTEGER);
  const TEN_BILLION = 1_000_000_000_000n;
  /** The money recorded in the partnership's registers and initiatives, exactly. */
  const recorded = async () => {
    const { rows } = await sql<{ total: string }>`
      SELECT ((SELECT coalesce(sum(amount_pence), 0) FROM register_entries
          WHERE partnership_id = ${p.id})
        + (SELECT coalesce(sum(pooled_pence), 0) FROM joint_initiative_partners
          WHERE partnership_id = ${p.id}))::text AS total`.execute(t.database.db);
    return BigInt(rows[0]?.total ?? '0');
  };
  const pounds = (pence: bigint) => `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
  const grants = async () => (await t.deps.registers.list(p.id, org.id, 'grants')).length;

  it('refuses whole an entry or initiative that would bring the recorded money past what adds up exactly', async () => {
    // An entry stored beside the forms, leaving room for £10 billion less a penny.
    await t.database.db
      .insertInto('register_entries')
      .values({
        partnership_id: p.id,
        organisation_id: other.id,
        register: 'grants',
        title: 'Made to break the sums',
        occurred_on: '2020-06-01',
        amount_pence: Number(bound - (await recorded()) - TEN_BILLION + 1n),
      })
      .execute();
    const entries = await grants();
    const audited = (await audits('register-entry')).length;
    const grant = (amount: string) => ({
      title: 'Walton Food Bank',
      amount,
      ...date('occurredOn', '2025-09-01'),
    });

    const refused = await orgLead.post(`${base}/grants/new`, grant('10,000,000,000.00'));
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain(
      'With this, the money recorded in ' +
        `${p.name}’s registers and joint initiatives would come to £90,071,992,547,409.92. ` +
        'That is more than £90,071,992,547,409.91, the most this service adds up exactly, so ' +
        'nothing was saved.',
    );
    expect(refused.body).toContain('href="#amount"');
    expect(refused.body).toContain('value="10,000,000,000.00"');
    expect(await grants()).toBe(entries);
    expect((await audits('register-entry')).length).toBe(audited);

    // To the penny, it is kept, and C5 adds it up exactly.
    const kept = await orgLead.post(`${base}/grants/new`, grant('9,999,999,999.99'));
    expect(kept.status).toBe(303);
    expect(textOf((await orgLead.get(kept.location ?? '')).body)).toContain(
      'Walton Food Bank has been saved in grants and donations to the VCSE sector. C5 has been',
    );
    expect(await recorded()).toBe(bound);
    expect(await figure('C5', year)).toMatchObject({ value: 10_000_002_500.74 });

    // A change that adds a penny is refused; one that records less is kept.
    const [large] = (await t.deps.registers.list(p.id, org.id, 'grants')).filter(
      (e) => e.amountPence === 999_999_999_999,
    );
    const edit = `${base}/grants/${large?.id}`;
    const more = await orgLead.post(edit, grant('10,000,000,000.00'));
    expect(more.status).toBe(400);
    expect(textOf(more.body)).toContain('the most this service adds up exactly');
    expect(await recorded()).toBe(bound);
    expect((await orgLead.post(edit, grant('1.00'))).status).toBe(303);
    expect(await figure('C5', year)).toMatchObject({ value: 2501.75 });

    // Money pooled in a joint initiative counts too.
    const room = bound - (await recorded());
    const initiative = (pooled: bigint) => ({
      title: 'Warm spaces',
      partners: [org.id],
      [`pooled-${org.id}`]: pounds(pooled),
      vcse: 'no',
      pillars: ['community'],
      status: 'active',
      ...date('startsOn', '2025-06-01'),
    });
    const initiatives = (await t.deps.initiatives.list(p.id)).length;
    const pooledTooMuch = await lead.post(
      `/manage/${p.slug}/initiatives/new`,
      initiative(room + 1n),
    );
    expect(pooledTooMuch.status).toBe(400);
    expect(textOf(pooledTooMuch.body)).toContain('would come to £90,071,992,547,409.92');
    expect(pooledTooMuch.body).toContain(`href="#pooled-${org.id}"`);
    expect((await t.deps.initiatives.list(p.id)).length).toBe(initiatives);
    const pooledToThePenny = await lead.post(`/manage/${p.slug}/initiatives/new`, initiative(room));
    expect(pooledToThePenny.status).toBe(303);
    expect(await recorded()).toBe(bound);
  });

  it('lets only one of two entries saved at once use the room that is left', async () => {
    // Room for £2 billion more: the entry stored beside the forms made smaller.
    const room = 200_000_000_000n;
    await sql`UPDATE register_entries SET amount_pence = amount_pence - ${String(room)}::bigint
      WHERE partnership_id = ${p.id} AND title = 'Made to break the sums'`.execute(t.database.db);
    expect(bound - (await recorded())).toBe(room);
    const entries = await grants();
    const save = () =>
      orgLead.post(`${base}/grants/new`, {
        title: 'Two at once',
        amount: '1,500,000,000.00',
        ...date('occurredOn', '2025-10-01'),
      });
    const statuses = (await Promise.all([save(), save()])).map((r) => r.status).sort();
    expect(statuses).toEqual([303, 400]);
    expect(await grants()).toBe(entries + 1);
    expect(bound - (await recorded())).toBe(room - 150_000_000_000n);
  });
});

describe('who may keep which register', () => {
  it('lets a contributor limited to community engagement keep only the community registers', async () => {
    const { client } = await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: org,
      pillars: ['community'],
    });
    expect((await client.get(`${base}/volunteering/new`)).status).toBe(200);
    expect((await client.get(`${base}/community-use/new`)).status).toBe(403);
    expect((await client.post(`${base}/capital/new`, {})).status).toBe(403);
    // Reading stays open to them, as for returns.
    expect((await client.get(`${base}/capital`)).status).toBe(200);
  });

  it('tells another partnership nothing exists', async () => {
    const { partnership: b, as } = await startWithMemberIn(t);
    const [entry] = await t.deps.registers.list(p.id, org.id, 'community-use');
    const [initiative] = await t.deps.initiatives.list(p.id);
    for (const url of [
      `${base}/community-use`,
      `${base}/community-use/${entry?.id}`,
      `/manage/${p.slug}/initiatives/${initiative?.id}`,
      `/manage/${b.slug}/initiatives/${initiative?.id}`,
      `/manage/${b.slug}/initiatives/${initiative?.id}/edit`,
    ])
      expect((await as.get(url)).status, url).toBe(404);
  });
});

/** A lead of a second partnership. */
async function startWithMemberIn(app: TestApp) {
  const { makePartnership } = await import('../../../test/helpers/app.js');
  const b = await makePartnership(app.deps);
  return { partnership: b, as: await signedInAs(app, 'partnership-lead', b) };
}
