/**
 * The query loop: a reviewer's query appears beside its figure in the section form and is
 * answered there; "Answer the reviewer" comes before "Send for review"; the reviewer sees the
 * previous period's figure beside each value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { openQuarter, returnIn, startWithMember, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let earlier: ReportingPeriod;
let period: ReportingPeriod;
let orgLead: TestClient;
let reviewer: TestClient;
const QUERY = 'Does the total include the capital programme?';

const path = () => `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, reviewer },
  } = await startWithMember(['org-lead', 'reviewer'], {
    organisation: { name: 'Mersey Valley Hospitals' },
  }));
  earlier = await openQuarter(t.deps, p, 2024, 4, '2025-04-30');
  period = await openQuarter(t.deps, p, 2025, 1, '2025-07-31');
  // The quarter before: approved, with total spend of £1,275,000.50.
  await returnIn(t, { partnership: p, organisation: org, period: earlier }, 'approved', {
    values: { spend_total_gbp: '1275000.50' },
  });
  // This quarter: sent for review with a total of £2,000,000.
  await returnIn(t, { partnership: p, organisation: org, period }, 'submitted', {
    values: { spend_total_gbp: '2000000' },
  });
});
afterAll(() => t?.close());

describe('the reviewer', () => {
  it('sees the previous period’s figure beside each value, and sends a query on one', async () => {
    const review = await reviewer.get(`${path()}/review`);
    expect(review.status).toBe(200);
    const text = textOf(review.body);
    expect(text).toMatch(
      /Total spend with suppliers \(£\)\s*£2,000,000(\.00)?\s*Q4 2024\/25: £1,275,000\.50/,
    );
    const sent = await reviewer.post(`${path()}/review`, {
      decision: 'return',
      'query-spend_total_gbp': QUERY,
    });
    expect(sent.status).toBe(303);
  });
});

describe('the organisation', () => {
  it('sees the query beside the figure in the section form, with a box to answer it', async () => {
    const page = await orgLead.get(`${path()}/sections/procurement`);
    expect(page.status).toBe(200);
    const query = page.body.indexOf(QUERY);
    expect(query).toBeGreaterThan(-1);
    expect(page.body.slice(page.body.lastIndexOf('nhsuk-inset-text', query), query)).toContain(
      'asked about Total spend with suppliers',
    );
    expect(page.body).toContain('Your answer to the reviewer about Total spend with suppliers (£)');
    // The answer box and the query come just before the figure they are about.
    const answer = page.body.indexOf('name="answer-spend_total_gbp"');
    expect(answer).toBeGreaterThan(query);
    expect(page.body.indexOf('name="spend_total_gbp"')).toBeGreaterThan(answer);
  });

  it('on the return page, "Answer the reviewer" comes before "Send for review"', async () => {
    const text = textOf((await orgLead.get(path())).body);
    expect(text.indexOf('Answer the reviewer')).toBeGreaterThan(-1);
    expect(text.indexOf('Answer the reviewer')).toBeLessThan(text.indexOf('Send for review'));
  });

  it('answers in the section form while changing the figure, and the query is answered', async () => {
    const tooLong = await orgLead.post(`${path()}/sections/procurement`, {
      spend_total_gbp: '2100000',
      'answer-spend_total_gbp': 'x'.repeat(4001),
      complete: 'no',
    });
    expect(tooLong.status).toBe(400);
    expect(textOf(tooLong.body)).toContain('4,000 characters');
    const saved = await orgLead.post(`${path()}/sections/procurement`, {
      spend_total_gbp: '2100000',
      'answer-spend_total_gbp': 'Yes; we have added the estates invoices we had missed.',
      complete: 'no',
    });
    expect(saved.status).toBe(303);
    const comments = await t.database.db
      .selectFrom('review_comments')
      .select(['item_id', 'body', 'author_side'])
      .where('partnership_id', '=', p.id)
      .orderBy('created_at')
      .execute();
    expect(comments).toEqual([
      { item_id: 'spend_total_gbp', body: QUERY, author_side: 'reviewer' },
      {
        item_id: 'spend_total_gbp',
        body: 'Yes; we have added the estates invoices we had missed.',
        author_side: 'organisation',
      },
    ]);
    const again = await orgLead.get(`${path()}/sections/procurement`);
    expect(textOf(again.body)).toContain('answered: Yes; we have added the estates invoices');
    expect(await t.deps.home.queries(p.id)).toMatchObject({ queries: [] });
  });
});
