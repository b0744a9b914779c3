/**
 * Accessibility that a page's markup can show (WCAG 2.2 AA), checked on the server's answers:
 * - labels (1.3.1, 2.4.6): each query box on the reviewer's page names the figure it is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../src/db/schema.js';
import { textOf, type TestClient } from '../helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let period: ReportingPeriod;
let reviewer: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  org = await makeOrganisation(t.deps, p);
  reviewer = (await signedIn(t, { role: 'reviewer', partnership: p })).client;
  period = await t.deps.returns.openPeriod(
    p,
    { kind: 'year', fyStartYear: 2025, quarter: null, dueOn: '2026-06-30' },
    { userId: null, label: 'test' },
  );
  // A return waiting for review (its figures do not matter here).
  const state = await t.deps.returns.load({ partnership: p, organisation: org, period }, null);
  await t.database.db
    .updateTable('return_revisions')
    .set({ status: 'submitted', submitted_at: new Date() })
    .where('id', '=', state.revision.id)
    .execute();
});
afterAll(() => t.close());

describe('the reviewer’s page', () => {
  it('names the figure in the label of each query box, and no two labels are the same', async () => {
    const res = await reviewer.get(
      `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}/review`,
    );
    expect(res.status).toBe(200);
    const labels = [
      ...res.body.matchAll(/<label\b[^>]*for="(query-[^"]+)"[^>]*>([\s\S]*?)<\/label>/g),
    ].map((m) => ({
      id: m[1] ?? '',
      text: textOf(m[2] ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    }));
    const figures = labels.filter((l) => l.id !== 'query-general');
    expect(figures.length).toBeGreaterThan(10);
    expect(new Set(labels.map((l) => l.text)).size).toBe(labels.length);
    for (const l of figures) {
      expect(l.text).toMatch(/^Query about .+ \(optional\)$/);
      expect(l.text).not.toContain('this figure');
    }
    // The label names the figure shown above the box.
    const headcount = figures.find((l) => l.id === 'query-staff_headcount');
    expect(headcount?.text).toMatch(/^Query about .*staff.* \(optional\)$/i);
  });
});
