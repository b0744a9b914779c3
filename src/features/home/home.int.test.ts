/**
 * What to do next: each role lands, after signing in and at the partnership home, on its own
 * to-do list with one action per item; the navigation shows Returns and Spend to those who use
 * them; the partnership lead has one list of open queries across organisations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import { importSpendFile } from '../spend/spend-import.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let a: Organisation;
let b: Organisation;
let period: ReportingPeriod;
let tmp: string;
let lead: TestClient;
let orgLead: TestClient;
let reviewer: TestClient;
let viewer: TestClient;
let contributor: TestClient;

/** The list under "What to do next", as text. */
function todoOf(html: string): string {
  const start = html.indexOf('What to do next');
  expect(start, 'the page has a to-do list').toBeGreaterThan(-1);
  const list = html.slice(start, html.indexOf('</ul>', start) + 5);
  return textOf(list);
}

/** The header navigation's links, as [text, href]. */
function navigationOf(html: string): [string, string][] {
  const nav = /<nav[^>]*class="nhsuk-header__navigation[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a[^>]*href="([^"]+)"[^>]*>\s*([^<]+?)\s*</g)].map((m) => [
    (m[2] ?? '').trim(),
    m[1] ?? '',
  ]);
}

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  a = await makeOrganisation(t.deps, p, { name: 'Mersey Valley Hospitals', code: 'MVH1' });
  b = await makeOrganisation(t.deps, p, { name: 'Riverside Council', code: 'RVC2' });
  // A quarter long past its due date: overdue for everyone who has not sent it.
  period = await t.deps.returns.openPeriod(
    p,
    { kind: 'quarter', fyStartYear: 2024, quarter: 1, dueOn: '2024-07-31' },
    SYSTEM_ACTOR,
  );
  lead = (await signedIn(t, { role: 'partnership-lead', partnership: p })).client;
  orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: a })).client;
  reviewer = (await signedIn(t, { role: 'reviewer', partnership: p })).client;
  viewer = (await signedIn(t, { role: 'viewer', partnership: p, organisation: b })).client;
  contributor = (
    await signedIn(t, {
      role: 'contributor',
      partnership: p,
      organisation: a,
      pillars: ['procurement'],
    })
  ).client;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-todo-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const returnHref = (o: Organisation) =>
  `/manage/${p.slug}/organisations/${o.id}/returns/${period.id}`;

describe('an organisation lead', () => {
  it('lands after signing in on a to-do list with their overdue return and one action', async () => {
    const page = await orgLead.get('/manage');
    expect(page.status).toBe(200);
    const todo = todoOf(page.body);
    expect(todo).toContain(
      `Overdue The ${period.label} return for Mersey Valley Hospitals is overdue`,
    );
    expect(todo).toContain('Start the return');
    expect(todo).not.toContain('Riverside');
    expect(page.body).toContain(`href="${returnHref(a)}"`);
    expect(page.body).toContain('nhsuk-action-link');
  });

  it('finds the same list at the partnership home, above the partnership’s details', async () => {
    const page = await orgLead.get(`/manage/${p.slug}`);
    const todo = todoOf(page.body);
    expect(todo).toContain('Mersey Valley Hospitals is overdue');
    expect(page.body.indexOf('What to do next')).toBeLessThan(page.body.indexOf('Your roles'));
  });

  it('sees Returns and Spend of their own organisation in the navigation, from the first page on', async () => {
    // The partnership's pages, and the landing page of someone with a role in one partnership.
    for (const page of [`/manage/${p.slug}`, '/manage']) {
      const nav = navigationOf((await orgLead.get(page)).body);
      expect(nav, page).toContainEqual([
        'Returns',
        `/manage/${p.slug}/organisations/${a.id}/returns`,
      ]);
      expect(nav, page).toContainEqual(['Spend', `/manage/${p.slug}/organisations/${a.id}/spend`]);
    }
    // "Your partnerships" stays, first and current, on the landing page.
    const landing = (await orgLead.get('/manage')).body;
    const first = /<nav[^>]*class="nhsuk-header__navigation[\s\S]*?<a([^>]*)>/.exec(landing)?.[1];
    expect(first).toContain('href="/manage"');
    expect(first).toContain('aria-current="page"');
  });

  it('sees an import with rejected rows and the suppliers that need a postcode or a type', async () => {
    const file = path.join(tmp, 'spend.csv');
    fs.writeFileSync(
      file,
      [
        'Payment date,Supplier,Amount',
        '01/05/2025,Acme Cleaning Ltd,100.00',
        '02/05/2025,Mersey Paper Co,200.00',
        'not a date,Broken Row Ltd,5.00',
      ].join('\r\n'),
    );
    await importSpendFile({
      database: t.database,
      partnership: p,
      organisation: a,
      filePath: file,
      fileName: 'spend.csv',
      actor: SYSTEM_ACTOR,
      mapping: { date: 0, supplier: 1, amount: 2 },
    });
    const todo = todoOf((await orgLead.get(`/manage/${p.slug}`)).body);
    expect(todo).toContain('1 row of spend.csv for Mersey Valley Hospitals could not be imported.');
    expect(todo).toContain('See the rejected rows');
    expect(todo).toContain('2 suppliers need a postcode or a type');
    expect(todo).toContain('Add postcodes and types');
    const page = await orgLead.get(`/manage/${p.slug}`);
    expect(page.body).toContain(`href="/manage/${p.slug}/suppliers?filter=attention"`);
    // The import's page is under Spend in the navigation, not under Overview.
    const batch = /href="(\/manage\/[^"]+\/spend\/batches\/[^"]+)"/.exec(page.body)?.[1];
    expect(batch).toBeDefined();
    const html = (await orgLead.get(batch!.replace(/\/rejected\.csv$/, ''))).body;
    const nav = /<nav[^>]*class="nhsuk-header__navigation[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const current = /<a[^>]*aria-current="page"[^>]*>([\s\S]*?)<\/a>/.exec(nav)?.[1];
    expect(current?.replace(/<[^>]*>/g, '').trim()).toBe('Spend');
  });

  it('finds their organisation’s charter page under Charter in the navigation', async () => {
    const page = await orgLead.get(`/manage/${p.slug}/organisations/${a.id}/charter`);
    expect(page.status).toBe(200);
    const nav =
      /<nav[^>]*class="nhsuk-header__navigation[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '';
    const current = /<a[^>]*aria-current="page"[^>]*>([\s\S]*?)<\/a>/.exec(nav)?.[1];
    expect(current?.replace(/<[^>]*>/g, '').trim()).toBe('Charter');
  });
});

describe('a data contributor for procurement', () => {
  it('sees the return their section is in, and no partnership-wide items', async () => {
    const todo = todoOf((await contributor.get(`/manage/${p.slug}`)).body);
    expect(todo).toContain('Mersey Valley Hospitals is overdue');
    expect(todo).not.toContain('waiting for review');
  });
});

describe('review and queries', () => {
  it('a reviewer sees the return waiting for review once it is sent, with one action to review it', async () => {
    expect(todoOf((await reviewer.get(`/manage/${p.slug}`)).body)).not.toContain(
      'waiting for review',
    );
    const state = await t.deps.returns.load({ partnership: p, organisation: a, period }, null);
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted' })
      .where('id', '=', state.revision.id)
      .execute();
    const page = await reviewer.get('/manage');
    const todo = todoOf(page.body);
    expect(todo).toContain(
      `The ${period.label} return from Mersey Valley Hospitals is waiting for review.`,
    );
    expect(todo).toContain('Review the return');
    expect(page.body).toContain(`href="${returnHref(a)}/review"`);
    expect(todo).not.toContain('Start the return');
    // The organisation lead's return is sent: no longer on their list.
    expect(todoOf((await orgLead.get('/manage')).body)).not.toContain(
      'Mersey Valley Hospitals is overdue',
    );
  });

  it('after queries, the organisation sees "Answer the reviewer" and the lead one list of open queries', async () => {
    const ctx = { partnership: p, organisation: a, period };
    const state = await t.deps.returns.load(ctx, null);
    await t.deps.returns.returnWithQueries(
      state,
      ctx,
      [{ itemId: 'spend_total_gbp', body: 'Does this include the capital programme?' }],
      { userId: null, label: 'A reviewer' },
    );
    const todo = todoOf((await orgLead.get(`/manage/${p.slug}`)).body);
    expect(todo).toContain(
      `The reviewer returned the ${period.label} return for Mersey Valley Hospitals with 1 query waiting for an answer.`,
    );
    expect(todo).toContain('Answer the reviewer');

    const leadPage = await lead.get(`/manage/${p.slug}`);
    const leadTodo = todoOf(leadPage.body);
    expect(leadTodo).toContain('1 query is open across 1 organisation.');
    // Returned with queries past its due date is overdue too, so both organisations are.
    expect(leadTodo).toContain('2 organisations have an overdue return.');
    expect(leadPage.body).toContain(`href="/manage/${p.slug}/queries"`);

    const queries = await lead.get(`/manage/${p.slug}/queries`);
    expect(queries.status).toBe(200);
    const text = textOf(queries.body);
    expect(text).toContain('Mersey Valley Hospitals, ' + period.label);
    expect(text).toContain('Does this include the capital programme?');
    expect(text).toContain('Total spend with suppliers');
    expect((await orgLead.get(`/manage/${p.slug}/queries`)).status).toBe(403);

    // Answered on the figure: the query is no longer open.
    await t.deps.returns.answer(
      await t.deps.returns.load(ctx, null),
      ctx,
      'spend_total_gbp',
      'Yes: capital spend is in the total.',
      { userId: null, label: 'An organisation lead' },
    );
    expect(textOf((await lead.get(`/manage/${p.slug}/queries`)).body)).toContain(
      'There are no open queries.',
    );
  });
});

describe('a viewer', () => {
  it('sees what they can read of their own organisation', async () => {
    const page = await viewer.get(`/manage/${p.slug}`);
    const todo = todoOf(page.body);
    expect(todo).toContain(`Read the ${period.label} return for Riverside Council.`);
    expect(page.body).toContain(`href="${returnHref(b)}"`);
    const nav = navigationOf(page.body);
    expect(nav).toContainEqual(['Returns', `/manage/${p.slug}/organisations/${b.id}/returns`]);
  });
});
