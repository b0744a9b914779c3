/**
 * The public downloads page, on a real database: before anything is published it says so; once
 * a year is published and corrected it lists the year's CSV, JSON and annual report PDF with the
 * day they were last published, each earlier revision's files, the data dictionary and the
 * Open Government Licence; every file it links to downloads; it is linked from the partnership's
 * page; a partnership that is not public has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { formatDate } from '../../core/dates.js';

const ACTOR = { userId: null, label: 'test' };

let t: TestApp;
let p: Partnership;
let trust: Organisation;
let year: ReportingPeriod;
let visitor: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps, { isPublic: true, name: 'Walton Anchors' });
  trust = await makeOrganisation(t.deps, p, { name: 'Walton Trust' });
  year = await openYear(t.deps, p, 2025);
  visitor = t.client();
});
afterAll(() => t?.close());

const downloads = () => `/p/${p.slug}/downloads`;

describe('the downloads page', () => {
  it('says there is nothing to download before anything is published, and is linked', async () => {
    const res = await visitor.get(downloads());
    expect(res.status).toBe(200);
    const text = textOf(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('The partnership has not published any figures yet');
    expect(res.body).toContain(`href="/p/${p.slug}/figures/data-dictionary"`);
    expect(text).toContain('Open Government Licence v3.0');
    expect((await visitor.get(`/p/${p.slug}`)).body).toContain(`href="${downloads()}"`);
  });

  it('lists each published year’s files and earlier revisions, each of which downloads', async () => {
    await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await t.deps.publishing.publish(p.id, 2025, ACTOR, null);
    // A correction: the trust's name was wrong.
    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Walton Hospitals' })
      .where('id', '=', trust.id)
      .execute();
    await t.deps.publishing.publish(p.id, 2025, ACTOR, 'The trust’s name was wrong');
    const res = await visitor.get(downloads());
    const text = textOf(res.body).replace(/\s+/g, ' ');
    const base = `/p/${p.slug}/figures/2025-26`;
    for (const href of [
      `${base}/figures.csv`,
      `${base}/figures.json`,
      `/p/${p.slug}/reports/2025-26/report.pdf`,
    ])
      expect(res.body).toContain(`href="${href}"`);
    expect(text).toContain('2025/26');
    expect(text).toContain(`Last published on ${formatDate(new Date())}`);
    expect(res.body).toMatch(/<meta name="description" content="Open data from Walton Anchors: /);
    expect(text).toContain('as revision 2');
    expect(res.body).toContain(`href="${base}/revisions/1/figures.csv"`);
    expect(res.body).toContain(`href="${base}/revisions/1/figures.json"`);
    expect(text).toContain('Revision 2 corrected the figures because: The trust’s name was wrong');
    // Every file and page it links to under the partnership answers.
    const links = [...res.body.matchAll(/href="(\/p\/[^"#]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const href of new Set(links)) expect((await visitor.get(href)).status, href).toBe(200);
  });

  it('is not there for a partnership that is not public', async () => {
    const hidden = await makePartnership(t.deps, { isPublic: false });
    expect((await visitor.get(`/p/${hidden.slug}/downloads`)).status).toBe(404);
  });
});
