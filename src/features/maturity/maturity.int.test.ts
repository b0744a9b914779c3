/**
 * The maturity self-assessment through its pages: an organisation lead rates pillars (problems
 * named, input kept), the grid shows the ratings waiting for review, and a reviewer agrees or
 * queries them (a query needs a comment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fyStartYearOf, isoDate } from '../../core/periods.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { startWithMember, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let reviewer: TestClient;
let path: string;
let year: number;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, reviewer },
  } = await startWithMember(['org-lead', 'reviewer'], {
    organisation: { name: 'Riverside Trust' },
  }));
  path = `/manage/${p.slug}/organisations/${org.id}/maturity`;
  year = fyStartYearOf(isoDate(new Date()), p.fy_start_month);
});

afterAll(async () => {
  await t?.close();
});

describe('the maturity self-assessment', () => {
  it('names each problem in a rating and keeps what was typed', async () => {
    await orgLead.get(path);
    const empty = await orgLead.post(`${path}?year=${year}`, {});
    expect(empty.status).toBe(400);
    expect(textOf(empty.body)).toContain('Rate at least one pillar');

    const bad = await orgLead.post(`${path}?year=${year}`, {
      'level-workforce': '3',
      'evidence-workforce': '',
      'level-procurement': '7',
      'evidence-procurement': 'Our supplier charter',
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('Give the evidence for your');
    expect(text).toContain('Select a level for');
    expect(bad.body).toContain('Our supplier charter');
  });

  it('saves ratings and sends them for review; the grid shows them waiting', async () => {
    const saved = await orgLead.post(`${path}?year=${year}`, {
      'level-workforce': '3',
      'evidence-workforce': 'Living wage accredited since 2021',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?year=${year}`);
    const page = await orgLead.get(`${path}?year=${year}`);
    expect(textOf(page.body)).toContain('saved and sent for review');
    expect(page.body).toContain('Living wage accredited since 2021');

    const again = await orgLead.post(`${path}?year=${year}`, {
      'level-workforce': '3',
      'evidence-workforce': 'Living wage accredited since 2021',
    });
    expect(again.status).toBe(303);
    expect(textOf((await orgLead.get(again.location ?? '')).body)).toContain('Nothing had changed');

    const grid = await reviewer.get(`/manage/${p.slug}/maturity`);
    expect(grid.status).toBe(200);
    expect(textOf(grid.body)).toContain('Riverside Trust');
    expect(textOf(grid.body)).toContain('Waiting for review');
    expect(grid.body).toContain(`${path}/review?year=${year}`);
  });

  it('lets a reviewer agree or query, and asks what a query is about', async () => {
    const review = `${path}/review?year=${year}`;
    const page = await reviewer.get(review);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Living wage accredited since 2021');

    const nothing = await reviewer.post(review, {});
    expect(nothing.status).toBe(400);
    expect(textOf(nothing.body)).toContain('Agree or query at least one rating');

    const noComment = await reviewer.post(review, { 'decision-workforce': 'queried' });
    expect(noComment.status).toBe(400);
    expect(textOf(noComment.body)).toContain('Say what you are querying');

    const queried = await reviewer.post(review, {
      'decision-workforce': 'queried',
      'comment-workforce': 'Which sites does the accreditation cover?',
    });
    expect(queried.status).toBe(303);
    expect(queried.location).toBe(`/manage/${p.slug}/maturity`);
    const rows = await t.deps.maturity.list(p.id, { organisationId: org.id, year });
    expect(rows.map((r) => [r.pillar, r.status, r.reviewer_comment])).toEqual([
      ['workforce', 'queried', 'Which sites does the accreditation cover?'],
    ]);
    const seen = await orgLead.get(`${path}?year=${year}`);
    expect(textOf(seen.body)).toContain('Which sites does the accreditation cover?');
  });

  it('is not open to a reviewer to rate, nor to an organisation lead to review', async () => {
    const rate = await reviewer.post(`${path}?year=${year}`, {
      'level-workforce': '2',
      'evidence-workforce': 'x',
    });
    expect(rate.status).toBe(403);
    const review = await orgLead.post(`${path}/review?year=${year}`, {
      'decision-workforce': 'agreed',
    });
    expect(review.status).toBe(403);
  });
});
