/**
 * Accessibility that a page's markup can show (WCAG 2.2 AA), checked on the server's answers:
 * - labels (1.3.1, 2.4.6): each query box on the reviewer's page names the figure it is about;
 * - timing (2.2.1): an import's progress page never reloads itself; the person checks progress
 *   with a button, and the page's script reads the progress from an address that answers only
 *   those who may see the import;
 * - the accessibility statement is made from the deployment's configuration, names no
 *   placeholder, and states one compliance status with the problems that make it so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../src/db/schema.js';
import { createJob } from '../../src/features/jobs/jobs.js';
import { textOf, type TestClient } from '../helpers/client.js';
import {
  makePartnership,
  openYear,
  returnIn,
  signedInAs,
  startWithMember,
  type TestApp,
} from '../helpers/app.js';

/** How a real deployment is configured (the names are made up, but not placeholders). */
const OPERATOR = {
  OPERATOR_NAME: 'Cheshire and Merseyside Anchor Institutions Network',
  CONTACT_EMAIL: 'anchors.accessibility@cm-anchors.nhs.uk',
  PUBLIC_URL: 'https://anchors.cm-anchors.nhs.uk',
};

let t: TestApp;
let p: Partnership;
let org: Organisation;
let other: Partnership;
let period: ReportingPeriod;
let reviewer: TestClient;
let orgLead: TestClient;
let outsider: TestClient;
let jobId: string;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { reviewer, 'org-lead': orgLead },
  } = await startWithMember(['reviewer', 'org-lead'], { app: { config: OPERATOR } }));
  other = await makePartnership(t.deps);
  outsider = await signedInAs(t, 'partnership-lead', other);
  period = await openYear(t.deps, p, 2025, { actor: { userId: null, label: 'test' } });
  // A return waiting for review (its figures do not matter here).
  await returnIn(t, { partnership: p, organisation: org, period }, 'submitted', {
    times: { submitted_at: new Date() },
  });
  // An import on its way: half of it read.
  jobId = await createJob(t.database.db, {
    partnershipId: p.id,
    organisationId: org.id,
    kind: 'spend-import',
    fileName: 'spend.csv',
    userId: null,
  });
  await t.database.db
    .updateTable('jobs')
    .set({ status: 'running', progress_done: 50, progress_total: 100, message: 'Reading rows' })
    .where('id', '=', jobId)
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

describe('an import’s progress page', () => {
  const jobPath = () => `/manage/${p.slug}/organisations/${org.id}/spend/jobs/${jobId}`;

  it('does not reload itself, and offers a button to check progress', async () => {
    const res = await orgLead.get(jobPath());
    expect(res.status).toBe(200);
    expect(res.headers.refresh).toBeUndefined();
    expect(res.body).not.toMatch(/http-equiv="?refresh/i);
    expect(textOf(res.body)).toContain('Reading rows: 50%');
    // Without JavaScript: a form that asks for this page again, with a real button.
    expect(res.body).toMatch(
      new RegExp(
        `<form method="get" action="${jobPath()}"[^>]*>\\s*<button[^>]*>\\s*Check progress\\s*</button>`,
      ),
    );
    // With it: the script reads the progress from here, and says it in a polite live region.
    expect(res.body).toContain(`data-app-job-progress="${jobPath()}/progress"`);
    expect(res.body).toMatch(/aria-live="polite"[^>]*>\s*<label[^>]*>Reading rows: 50%/);
  });

  it('answers its progress as JSON to those who may see the import, and 404 to others', async () => {
    const res = await orgLead.get(`${jobPath()}/progress`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({
      running: true,
      percent: 50,
      message: 'Reading rows: 50%',
      href: jobPath(),
    });
    // Another partnership's lead, through this partnership or their own.
    expect((await outsider.get(`${jobPath()}/progress`)).status).toBe(404);
    const theirs = `/manage/${other.slug}/organisations/${org.id}/spend/jobs/${jobId}/progress`;
    expect((await outsider.get(theirs)).status).toBe(404);
  });

  it('says where the result is once the import has stopped', async () => {
    await t.database.db
      .updateTable('jobs')
      .set({ status: 'failed', message: 'The file has no header row' })
      .where('id', '=', jobId)
      .execute();
    const res = await orgLead.get(`${jobPath()}/progress`);
    expect(JSON.parse(res.body)).toMatchObject({ running: false, href: jobPath() });
    const page = await orgLead.get(jobPath());
    expect(textOf(page.body)).toContain('The import did not finish');
    expect(textOf(page.body)).not.toContain('Check progress');
  });
});

describe('the accessibility statement', () => {
  it('names the operator, contact address and address configured, and no placeholder', async () => {
    const res = await t.client().get('/accessibility');
    expect(res.status).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain(`This website is run by ${OPERATOR.OPERATOR_NAME}.`);
    expect(text).toContain(`applies to the Anchorage service at ${OPERATOR.PUBLIC_URL}.`);
    expect(res.body).toContain(`href="mailto:${OPERATOR.CONTACT_EMAIL}"`);
    for (const placeholder of [
      /example\.(org|com)/i,
      /localhost/i,
      /the organisation that runs/i,
      /\bTODO\b/,
      /lorem/i,
    ]) {
      expect(res.body).not.toMatch(placeholder);
    }
    // The privacy notice names the same operator.
    const privacy = textOf((await t.client().get('/privacy')).body);
    expect(privacy).toContain(`The data controller is ${OPERATOR.OPERATOR_NAME}.`);
  });

  it('says partially compliant and lists each known failure, and never that none was found', async () => {
    const text = textOf((await t.client().get('/accessibility')).body).replace(/\s+/g, ' ');
    // Signed out after 12 hours without a warning: WCAG 2.2.1 allows that only over 20 hours.
    expect(text).toContain('This website is partially compliant');
    expect(text).toMatch(
      /signed out without a warning[^.]*\.[^.]*\. This fails WCAG 2\.2 success criterion 2\.2\.1/,
    );
    expect(text).not.toMatch(/fully compliant|not found any failure|know of no content/i);
    expect(text).toMatch(/last tested on \d{1,2} [A-Z][a-z]+ \d{4}/);
  });
});
