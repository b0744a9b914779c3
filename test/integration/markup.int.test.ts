/**
 * What people type is shown as text on every page, escaped exactly once: never as markup (a
 * `<meta http-equiv=refresh>` in a name must not redirect whoever reads it) and never escaped
 * twice (a name with an ampersand must not read "&amp;"). Text carrying a probe is entered
 * where people enter it, then every page in the route table is read by the people who can see
 * the most, and the probe must appear as text only.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../src/db/schema.js';
import type { TestClient } from '../helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  openYear,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';
import { importSpendCsv } from '../helpers/spend.js';

const PROBE = '<meta http-equiv="refresh" content="0;url=https://evil.example">';
const PROBE_ESCAPED_TWICE = /&amp;(lt|gt|quot|#39|#x27);/;

let t: TestApp;
let partnership: Partnership;
let organisation: Organisation;
let period: ReportingPeriod;
const params: Record<string, string> = {};
const readers: { who: string; client: TestClient }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  partnership = await makePartnership(t.deps, { name: `Partnership ${PROBE}` });
  organisation = await makeOrganisation(t.deps, partnership, { name: `Trust A&E ${PROBE}` });
  const lead = await makeUser(t.deps, { role: 'partnership-lead', partnership });
  const actor = { userId: lead.id, label: `Lead ${PROBE}` };
  const leadActor = {
    userId: lead.id,
    isPlatformAdmin: false,
    memberships: [
      {
        partnershipId: partnership.id,
        organisationId: null,
        role: 'partnership-lead' as const,
        pillars: null,
      },
    ],
  };
  // A change with a before and an after, both holding the probe.
  await t.deps.tenancy.updateOrganisation(
    partnership.id,
    organisation.id,
    {
      code: organisation.code,
      name: `Renamed ${PROBE}`,
      type: 'nhs-trust',
      postcode: 'L7 8XP',
      londonWeighting: false,
    },
    actor,
  );
  // An invitation: its email (in the outbox) carries the name typed for the person.
  await t.deps.tenancy.invite(
    partnership,
    organisation.id,
    {
      displayName: `Invitee ${PROBE}`,
      email: 'invitee@test.example',
      role: 'contributor',
      pillars: [],
    },
    leadActor,
    actor,
  );
  await t.deps.framework.editWording(
    partnership.id,
    'W1',
    { name: `Wording ${PROBE}`, description: `About ${PROBE}`, methodology: `How ${PROBE}` },
    actor,
  );
  period = await openYear(t.deps, partnership, 2025, { actor });
  const state = await t.deps.returns.load({ partnership, organisation, period }, null);
  const fileId = await t.deps.evidence.add(
    {
      partnershipId: partnership.id,
      returnId: state.returnId,
      revisionId: state.revision.id,
      itemId: 'staff_headcount',
    },
    {
      filename: 'evidence-&-notes.pdf',
      stream: Readable.from([Buffer.from('%PDF-1.4\n%test\n%%EOF\n')]),
      truncated: () => false,
    },
    actor,
  );
  const spend = await importSpendCsv(
    t,
    partnership,
    organisation,
    `Date,Supplier,Amount,Expense type\r\n01/04/2025,"Supplier ${PROBE.replace(/"/g, '""')}",100.00,"Type ${PROBE.replace(/"/g, '""')}"\r\n02/04/2025,Acme & Sons,x,Other\r\n`,
    { fileName: `spend ${PROBE}.csv`, actor },
  );
  const supplier = await t.database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', partnership.id)
    .where('name', 'like', 'Supplier%')
    .executeTakeFirstOrThrow();
  const message = await t.database.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('to_address', '=', 'invitee@test.example')
    .executeTakeFirstOrThrow();
  // An entry of each register, and a joint initiative, holding the probe.
  const entry = (register: Parameters<typeof t.deps.registers.add>[2], values: object) =>
    t.deps.registers.add(
      partnership.id,
      organisation.id,
      register,
      {
        title: `Entry ${PROBE}`,
        detail: `Detail ${PROBE}`,
        occurredOn: '2025-05-01',
        endsOn: null,
        hours: null,
        homes: null,
        amountPence: null,
        contractorPostcode: null,
        localStated: null,
        releasedFor: null,
        participants: null,
        participantsDeprived: null,
        evidenceLink: 'https://example.org/evidence?a=1&b=2',
        evidenceNote: `Note ${PROBE}`,
        ...values,
      },
      actor,
    );
  Object.assign(params, {
    useId: await entry('community-use', { hours: 2.5, endsOn: '2025-06-30' }),
    siteId: await entry('land', { homes: 12, releasedFor: 'housing' }),
    paymentId: await entry('capital', { amountPence: 1_000_050, localStated: true }),
    activityId: await entry('engagement', { participants: 30, participantsDeprived: 12 }),
    volunteeringId: await entry('volunteering', { hours: 7.25 }),
    grantId: await entry('grants', { amountPence: 250_000 }),
    initiativeId: await t.deps.initiatives.add(
      partnership.id,
      {
        title: `Initiative ${PROBE}`,
        outcomes: `Outcomes ${PROBE}`,
        status: 'active',
        startsOn: '2025-05-01',
        endsOn: null,
        pillars: ['partners'],
        vcsePartner: `VCSE ${PROBE}`,
        partners: [{ organisationId: organisation.id, pooledPence: 500_000 }],
        milestones: [{ title: `Milestone ${PROBE}`, dueOn: '2025-09-30', done: false }],
        evidenceLink: null,
        evidenceNote: `Note ${PROBE}`,
      },
      actor,
    ),
  });
  Object.assign(params, {
    slug: partnership.slug,
    orgId: organisation.id,
    periodId: period.id,
    pillar: 'workforce',
    itemId: 'staff_headcount',
    number: '1',
    code: 'W1',
    format: 'csv',
    messageId: message.id,
    batchId: spend.batchId,
    supplierId: supplier.id,
    fileId,
    evidenceId: fileId,
  });
  for (const [who, options] of [
    ['platform admin', { platformAdmin: true }],
    ['partnership lead', { role: 'partnership-lead', partnership }],
    ['organisation lead', { role: 'org-lead', partnership, organisation }],
  ] as const) {
    const user = await makeUser(t.deps, options);
    const client = t.client();
    await client.signIn(user.email, user.password);
    readers.push({ who, client });
  }
  // An API token named with the probe, on the lead's tokens page (and in the audit log).
  const leadReader = readers.find((r) => r.who === 'partnership lead')!.client;
  const made = await leadReader.post('/account/api-tokens', {
    name: `Token ${PROBE}`,
    partnership: partnership.id,
    scope: 'read',
    expiry: '30',
  });
  expect(made.body).toContain('Token &lt;meta http-equiv=');
});
afterAll(() => t.close());

describe('text that people typed', () => {
  it('is never markup and never escaped twice, on any page', async () => {
    const pages = t.app.routeTable
      .filter((r) => r.method === 'GET')
      .map((r) => r.url)
      .filter((url) => [...url.matchAll(/:(\w+)/g)].every((m) => params[m[1] ?? ''] !== undefined));
    expect(pages.length).toBeGreaterThan(40);
    let shown = 0;
    for (const { who, client } of readers) {
      for (const route of pages) {
        const url = route.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');
        const res = await client.get(url);
        expect(res.status, `${who} ${url}`).not.toBe(500);
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        expect(res.body, `${who} ${url}`).not.toContain('<meta http-equiv="refresh"');
        expect(res.body, `${who} ${url}`).not.toMatch(PROBE_ESCAPED_TWICE);
        if (res.body.includes('&lt;meta http-equiv=')) shown++;
      }
    }
    // The probe was on the pages, as text (so the checks above were not vacuous).
    expect(shown).toBeGreaterThan(20);
  });

  it('the audit log shows a change’s before and after as text, escaped once', async () => {
    const { client } = readers.find((r) => r.who === 'partnership lead')!;
    const res = await client.get(`/manage/${partnership.slug}/audit`);
    expect(res.body).not.toContain('<meta http-equiv="refresh"');
    expect(res.body).toMatch(/Before: \{[^<]*?&quot;Trust A&amp;E &lt;meta http-equiv=/);
    expect(res.body).toMatch(/After: \{[^<]*?&quot;Renamed &lt;meta http-equiv=/);
  });

  it('the API tokens page shows a token’s name as text, escaped once', async () => {
    const { client } = readers.find((r) => r.who === 'partnership lead')!;
    const res = await client.get('/account/api-tokens');
    expect(res.body).not.toContain('<meta http-equiv="refresh"');
    expect(res.body).toContain('Token &lt;meta http-equiv=&quot;refresh&quot;');
    expect(res.body).not.toMatch(PROBE_ESCAPED_TWICE);
  });

  it('the platform outbox shows a message’s text as text, with its web addresses as links', async () => {
    const { client } = readers.find((r) => r.who === 'platform admin')!;
    const res = await client.get(`/admin/outbox/${params.messageId}`);
    expect(res.body).toContain('Invitee &lt;meta http-equiv=');
    expect(res.body).toMatch(/<a href="https?:\/\/[^"]+\/invitations\/[^"]+">/);
  });
});

/**
 * The words on a page, as a person reads them: no scripts or styles, no form values (a textarea's
 * text, an input's value are attributes or kept apart), no attributes (a `datetime`, a link).
 */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|textarea)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ');
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

describe('dates that people read', () => {
  it('are written one way, "30 June 2026", on every page (never 2026-06-30)', async () => {
    const pages = t.app.routeTable
      .filter((r) => r.method === 'GET')
      .map((r) => r.url)
      .filter((url) => [...url.matchAll(/:(\w+)/g)].every((m) => params[m[1] ?? ''] !== undefined));
    const found: string[] = [];
    let dated = 0;
    for (const { who, client } of readers) {
      for (const route of pages) {
        const url = route.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');
        const res = await client.get(url);
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        const text = visibleText(res.body);
        const m = ISO_DATE.exec(text);
        if (m) {
          const at = text.indexOf(m[0]);
          found.push(
            `${who} ${url}: …${text.slice(Math.max(0, at - 60), at + 20).replace(/\s+/g, ' ')}…`,
          );
        }
        if (
          /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/.test(
            text,
          )
        )
          dated++;
      }
    }
    expect(found).toEqual([]);
    // Dates were on the pages, in words (so the check above was not vacuous).
    expect(dated).toBeGreaterThan(5);
  });

  it('a success message gives the date in words', async () => {
    const { client } = readers.find((r) => r.who === 'partnership lead')!;
    const res = await client.post(`/manage/${partnership.slug}/periods/new`, {
      kind: 'year',
      fyStartYear: '2026',
      'dueOn-day': '28',
      'dueOn-month': '2',
      'dueOn-year': '2028',
    });
    expect(res.status).toBe(303);
    const next = await client.get(String(res.headers.location));
    expect(visibleText(next.body).replace(/\s+/g, ' ')).toContain(
      'Returns are due by 28 February 2028',
    );
    expect(visibleText(next.body)).not.toMatch(ISO_DATE);
  });
});
