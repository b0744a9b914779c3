import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditActions = async (partnershipId: string) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('partnership_id', '=', partnershipId)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('creating a partnership', () => {
  it('shows every problem at once, keeps what was typed, then creates it with its lead invited', async () => {
    const { client } = await signedIn(t, { platformAdmin: true });
    const empty = await client.post('/admin/partnerships/new', {
      name: '',
      slug: 'Not A Slug!',
      leadEmail: 'x@test.example',
    });
    expect(empty.status).toBe(400);
    const text = textOf(empty.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter the partnership name');
    expect(text).toContain('Select at least one local authority district');
    expect(text).toContain('The short name can only contain lowercase letters');
    expect(text).toContain('Enter the lead’s name');
    for (const field of ['name', 'localArea', 'slug', 'leadName']) {
      expect(empty.body).toContain(`href="#${field}"`);
      expect(empty.body).toContain(`id="${field}"`);
    }
    expect(empty.body).toContain('value="x@test.example"');

    const slug = `cm-${Date.now()}`;
    const ok = await client.post('/admin/partnerships/new', {
      name: 'Cheshire and Merseyside Anchors',
      slug,
      localArea: ['E08000012', 'E08000015'],
      fyStartMonth: '4',
      isPublic: 'yes',
      leadName: 'Lee Lead',
      leadEmail: `lead-${slug}@test.example`,
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/manage/${slug}`);
    const overview = await client.get(`/manage/${slug}`);
    const overviewText = textOf(overview.body);
    expect(overviewText).toContain('has been created and lead-');
    expect(overviewText).toContain('Liverpool, Wirral');
    const p = await t.database.db
      .selectFrom('partnerships')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(p.local_area).toEqual(['E08000012', 'E08000015']);
    expect(await auditActions(p.id)).toEqual(['partnership.created', 'invitation.created']);

    const duplicate = await client.post('/admin/partnerships/new', {
      name: 'Again',
      slug,
      localArea: 'E08000012',
      fyStartMonth: '4',
    });
    expect(duplicate.status).toBe(400);
    expect(textOf(duplicate.body)).toContain(`The short name ${slug} is already used`);
  });

  it('refuses districts that are not on the list', async () => {
    const { client } = await signedIn(t, { platformAdmin: true });
    const res = await client.post('/admin/partnerships/new', {
      name: 'X',
      slug: `x-${Date.now()}`,
      localArea: 'E99999999',
      fyStartMonth: '4',
    });
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain('Select districts from the list');
  });
});

describe('partnership settings', () => {
  it('are changed by the lead and audited with before and after', async () => {
    const p = await makePartnership(t.deps);
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const res = await client.post(`/manage/${p.slug}/settings`, {
      name: 'Renamed partnership',
      localArea: ['E08000012', 'E06000049'],
      fyStartMonth: '1',
      isPublic: 'yes',
    });
    expect(res.location).toBe(`/manage/${p.slug}`);
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'actor_label'])
      .where('partnership_id', '=', p.id)
      .where('action', '=', 'partnership.updated')
      .executeTakeFirstOrThrow();
    expect(row.before).toMatchObject({ name: p.name, fy_start_month: 4, is_public: false });
    expect(row.after).toMatchObject({
      name: 'Renamed partnership',
      fy_start_month: 1,
      is_public: true,
    });
    expect(row.actor_label).toMatch(/@test\.example$/);
    const publicPage = await t.client().get(`/p/${p.slug}`);
    expect(publicPage.status).toBe(200);
    expect(textOf(publicPage.body)).toContain('Cheshire East');
  });
});

describe('organisations', () => {
  it('are added by the lead, with the NHS trust list as a lookup', async () => {
    const p = await makePartnership(t.deps);
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const lookup = await client.get(`/manage/${p.slug}/organisations/new?ods=RBQ`);
    expect(lookup.body).toContain('value="RBQ"');
    expect(lookup.body).toMatch(/value="Liverpool Heart and Chest Hospital NHS Foundation Trust"/);
    const missing = await client.get(`/manage/${p.slug}/organisations/new?ods=ZZZ`);
    expect(textOf(missing.body)).toContain('No open NHS trust has the code ZZZ');

    const bad = await client.post(`/manage/${p.slug}/organisations/new`, {
      name: 'Trust',
      code: 'R B Q',
      postcode: 'nowhere',
    });
    expect(bad.status).toBe(400);
    const badText = textOf(bad.body);
    expect(badText).toContain('Select the type of organisation');
    expect(badText).toContain('The code can only contain letters, numbers and hyphens');
    expect(badText).toContain('Enter a real postcode');

    const ok = await client.post(`/manage/${p.slug}/organisations/new`, {
      name: 'Liverpool Heart and Chest Hospital NHS Foundation Trust',
      type: 'nhs-trust',
      code: 'rbq',
      postcode: 'l143pe',
    });
    expect(ok.status).toBe(303);
    const org = await t.database.db
      .selectFrom('organisations')
      .selectAll()
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ code: 'RBQ', postcode: 'L14 3PE', type: 'nhs-trust' });
    expect(ok.location).toBe(`/manage/${p.slug}/organisations/${org.id}`);

    const again = await client.post(`/manage/${p.slug}/organisations/new`, {
      name: 'Another',
      type: 'other',
      code: 'RBQ',
      postcode: 'L14 3PE',
    });
    expect(again.status).toBe(400);
    expect(textOf(again.body)).toContain('The code RBQ is already used by Liverpool Heart');
    expect(await auditActions(p.id)).toContain('organisation.created');
  });

  it('can be edited by their organisation lead but not by a contributor', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const { client: orgLead } = await signedIn(t, {
      role: 'org-lead',
      partnership: p,
      organisation: org,
    });
    const edited = await orgLead.post(`/manage/${p.slug}/organisations/${org.id}/edit`, {
      name: 'New name',
      type: 'university',
      code: org.code,
      postcode: 'L3 5UX',
      londonWeighting: 'yes',
    });
    expect(edited.status).toBe(303);
    const after = await t.database.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ name: 'New name', type: 'university', london_weighting: true });
    const { client: contributor } = await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: org,
    });
    expect((await contributor.get(`/manage/${p.slug}/organisations/${org.id}/edit`)).status).toBe(
      403,
    );
  });

  it('link only to the pages the person may open', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const home = `/manage/${p.slug}/organisations/${org.id}`;
    const { client: workforceOnly } = await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: org,
      pillars: ['workforce'],
    });
    const page = await workforceOnly.get(home);
    expect(page.status).toBe(200);
    const hrefs = [...page.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(hrefs).toContain(`${home}/workforce`);
    expect(hrefs).not.toContain(`${home}/environment`);
    expect(hrefs).not.toContain(`${home}/spend`);
    // Every link to the organisation's own pages opens.
    for (const href of hrefs.filter((h) => h.startsWith(`${home}/`)))
      expect((await workforceOnly.get(href)).status, href).toBe(200);
    expect((await workforceOnly.get(`${home}/environment`)).status).toBe(403);
  });
});

describe('people', () => {
  it('an organisation lead can invite contributors (optionally for some pillars) and viewers, but not another lead', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const { client } = await signedIn(t, { role: 'org-lead', partnership: p, organisation: org });
    const form = await client.get(`/manage/${p.slug}/organisations/${org.id}/invite`);
    expect(form.body).toContain('value="contributor"');
    expect(form.body).toContain('value="viewer"');
    expect(form.body).not.toContain('value="org-lead"');
    const sneaky = await client.post(`/manage/${p.slug}/organisations/${org.id}/invite`, {
      displayName: 'Sneaky',
      email: 'sneaky@test.example',
      role: 'org-lead',
    });
    expect(sneaky.status).toBe(400);
    const ok = await client.post(`/manage/${p.slug}/organisations/${org.id}/invite`, {
      displayName: 'Pat Payroll',
      email: 'pat@test.example',
      role: 'contributor',
      pillars: ['workforce'],
    });
    expect(ok.status).toBe(303);
    const invitation = await t.database.db
      .selectFrom('invitations')
      .selectAll()
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({
      email: 'pat@test.example',
      role: 'contributor',
      pillars: ['workforce'],
      organisation_id: org.id,
    });
    const page = await client.get(`/manage/${p.slug}/organisations/${org.id}`);
    expect(textOf(page.body)).toContain('pat@test.example');

    const duplicate = await client.post(`/manage/${p.slug}/organisations/${org.id}/invite`, {
      displayName: 'Me again',
      email: 'pat@test.example',
      role: 'viewer',
    });
    expect(duplicate.status).toBe(303);
  });

  it('a viewer cannot invite anyone', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const { client } = await signedIn(t, { role: 'viewer', partnership: p, organisation: org });
    expect((await client.get(`/manage/${p.slug}/organisations/${org.id}/invite`)).status).toBe(403);
    const page = await client.get(`/manage/${p.slug}/organisations/${org.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).not.toContain('Invite someone');
  });

  it('invitations can be withdrawn and roles removed, each confirmed first and audited', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    await client.post(`/manage/${p.slug}/organisations/${org.id}/invite`, {
      displayName: 'Vera Viewer',
      email: 'vera@test.example',
      role: 'viewer',
    });
    const invitation = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', 'vera@test.example')
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    const confirm = await client.get(`/manage/${p.slug}/invitations/${invitation.id}/withdraw`);
    expect(textOf(confirm.body)).toContain('Withdraw this invitation?');
    const withdrawn = await client.post(`/manage/${p.slug}/invitations/${invitation.id}/withdraw`);
    expect(withdrawn.location).toBe(`/manage/${p.slug}/organisations/${org.id}`);

    const { user: member } = await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: org,
    });
    const membership = await t.database.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    const removeConfirm = await client.get(`/manage/${p.slug}/people/${membership.id}/remove`);
    expect(textOf(removeConfirm.body)).toContain('Anything they entered or approved stays');
    await client.post(`/manage/${p.slug}/people/${membership.id}/remove`);
    const left = await t.database.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', member.id)
      .execute();
    expect(left).toEqual([]);
    expect(await auditActions(p.id)).toEqual(
      expect.arrayContaining(['invitation.revoked', 'membership.removed']),
    );
  });

  it('a lead cannot remove their own role', async () => {
    const p = await makePartnership(t.deps);
    const { client, user } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const membership = await t.database.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    const res = await client.post(
      `/manage/${p.slug}/people/${membership.id}/remove`,
      {},
      { from: `/manage/${p.slug}/people` },
    );
    expect(res.status).toBe(403);
  });
});

describe('the audit log', () => {
  it('is written in the same transaction as the change: when the change fails, neither is kept', async () => {
    const slug = `atomic-${Date.now()}`;
    const auditBefore = await t.database.db.selectFrom('audit_log').select('id').execute();
    // The partnership row and its audit entry are written, then the lead's invitation breaks a
    // database rule (addresses are stored in lower case): the whole transaction must go.
    await expect(
      t.deps.tenancy.createPartnership(
        {
          slug,
          name: 'Atomic',
          localArea: ['E08000012'],
          fyStartMonth: 4,
          isPublic: false,
          leadEmail: 'Not.Lower@Test.Example',
          leadName: 'Lead',
        },
        { userId: null, label: 'test' },
      ),
    ).rejects.toThrow();
    const partnership = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('slug', '=', slug)
      .execute();
    expect(partnership).toEqual([]);
    const auditAfter = await t.database.db.selectFrom('audit_log').select('id').execute();
    expect(auditAfter.length).toBe(auditBefore.length);
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', 'Not.Lower@Test.Example')
      .execute();
    expect(mail).toEqual([]);
  });

  it('is shown to the lead and the reviewer, newest first', async () => {
    const p = await makePartnership(t.deps);
    await makeOrganisation(t.deps, p, { name: 'Audited Org' });
    const { client } = await signedIn(t, { role: 'reviewer', partnership: p });
    const page = await client.get(`/manage/${p.slug}/audit`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    // Each action in plain English.
    expect(text.indexOf('Partnership created')).toBeGreaterThan(0);
    expect(text.indexOf('Organisation added')).toBeGreaterThan(0);
    expect(text.indexOf('Organisation added')).toBeLessThan(text.indexOf('Partnership created'));
    expect(text).not.toContain('organisation.created');
  });
});
