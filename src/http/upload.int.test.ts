/**
 * Every upload form receives its file the one way (http/upload.ts): no file chosen is a 400 that
 * asks for one, a file over the limit is a 413 that names the limit, and nothing refused is left
 * on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../db/schema.js';
import { textOf, type TestClient } from '../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let forms: { name: string; url: string; prompt: string }[];

/** Files under the upload folder (received, kept or left behind), by path. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  t = await startTestApp({ config: { UPLOAD_MAX_MB: '0.05', SPEND_UPLOAD_MAX_MB: '0.05' } });
  p = await makePartnership(t.deps);
  org = await makeOrganisation(t.deps, p);
  orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: org })).client;
  const period = await t.deps.returns.openPeriod(
    p,
    { kind: 'year', fyStartYear: 2025, quarter: null, dueOn: '2026-06-30' },
    { userId: null, label: 'test' },
  );
  const ret = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
  forms = [
    {
      name: 'evidence file',
      url: `${ret}/items/staff_headcount/files`,
      prompt: 'Select a file to upload',
    },
    { name: 'return template', url: `${ret}/upload`, prompt: 'Select a CSV or XLSX file' },
    {
      name: 'spend file',
      url: `/manage/${p.slug}/organisations/${org.id}/spend/import`,
      prompt: 'Select a CSV or XLSX spend file',
    },
    {
      name: 'supplier register',
      url: `/manage/${p.slug}/suppliers/upload`,
      prompt: 'Select a CSV file of supplier details',
    },
  ];
  // Each page once, so that the return exists and the client holds a form token.
  await orgLead.get(ret);
});

afterAll(async () => {
  await t?.close();
});

describe('every upload form', () => {
  it('asks for a file when none was chosen', async () => {
    for (const form of forms) {
      const none = await orgLead.upload(form.url, '', '');
      expect(none.status, form.name).toBe(400);
      expect(textOf(none.body), form.name).toContain(form.prompt);
    }
  });

  it('refuses a file over the limit with 413, naming the limit, and keeps nothing of it', async () => {
    const before = filesUnder(t.deps.config.uploadDir);
    for (const form of forms) {
      const big = await orgLead.upload(form.url, 'big.csv', Buffer.alloc(60_000, 'a'));
      expect(big.status, form.name).toBe(413);
      expect(textOf(big.body), form.name).toContain('The file must be smaller than 0.1 MB');
    }
    expect(filesUnder(t.deps.config.uploadDir)).toEqual(before);
  });
});
