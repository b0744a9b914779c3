/**
 * Every upload form receives its file the one way (http/upload.ts): no file chosen is a 400 that
 * asks for one, a file over the limit is a 413 that names the limit, and nothing refused is left
 * on disk. Its CSRF token travels in the form's body, before the file, never in the address.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../db/schema.js';
import { textOf, type TestClient } from '../../test/helpers/client.js';
import { openYear, startWithMember, type TestApp } from '../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let forms: { name: string; url: string; page: string; prompt: string }[];

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-upload-test-'));

/** Files under the upload folder (received, kept or left behind), by path. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead },
  } = await startWithMember(['org-lead'], {
    // A folder of its own: other test files' apps receive and delete files at the same time.
    app: {
      config: {
        UPLOAD_MAX_MB: '0.05',
        SPEND_UPLOAD_MAX_MB: '0.05',
        UPLOAD_DIR: uploadDir,
      },
    },
  }));
  const period = await openYear(t.deps, p, 2025, { actor: { userId: null, label: 'test' } });
  const ret = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
  forms = [
    {
      name: 'evidence file',
      url: `${ret}/items/staff_headcount/files`,
      page: `${ret}/items/staff_headcount`,
      prompt: 'Select a file to upload',
    },
    {
      name: 'return template',
      url: `${ret}/upload`,
      page: `${ret}/upload`,
      prompt: 'Select a CSV or XLSX file',
    },
    {
      name: 'spend file',
      url: `/manage/${p.slug}/organisations/${org.id}/spend/import`,
      page: `/manage/${p.slug}/organisations/${org.id}/spend/import`,
      prompt: 'Select a CSV or XLSX spend file',
    },
    {
      name: 'supplier register',
      url: `/manage/${p.slug}/suppliers/upload`,
      page: `/manage/${p.slug}/suppliers/upload`,
      prompt: 'Select a CSV file of supplier details',
    },
  ];
  // Each page once, so that the return exists and the client holds a form token.
  await orgLead.get(ret);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
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

describe('the CSRF token of an upload form', () => {
  it('is a field of the form, before the file, and never in the form’s address', async () => {
    for (const form of forms) {
      const page = await orgLead.get(form.page);
      expect(page.status, form.name).toBe(200);
      const multipart = [...page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].filter((m) =>
        /enctype="multipart\/form-data"/.test(m[1] ?? ''),
      );
      expect(multipart.length, form.name).toBe(1);
      for (const [, attributes = '', inner = ''] of multipart) {
        expect(attributes, form.name).not.toContain('_csrf');
        const token = inner.indexOf('name="_csrf"');
        expect(token, form.name).toBeGreaterThanOrEqual(0);
        expect(token, form.name).toBeLessThan(inner.indexOf('type="file"'));
      }
      // And no form on the page carries a token in its address.
      for (const m of page.body.matchAll(/<form\b[^>]*\baction="([^"]*)"/g)) {
        expect(m[1], form.name).not.toContain('_csrf');
      }
    }
  });

  it('is accepted from the body, and refused when missing or sent in the query string', async () => {
    const before = filesUnder(t.deps.config.uploadDir);
    for (const form of forms) {
      const inBody = await orgLead.upload(form.url, '', '');
      expect(inBody.status, form.name).toBe(400);
      expect(textOf(inBody.body), form.name).toContain(form.prompt);
      for (const token of ['none', 'query'] as const) {
        const refused = await orgLead.upload(
          form.url,
          'spend.csv',
          'Date,Supplier,Amount\r\n',
          'text/csv',
          {
            token,
          },
        );
        expect(refused.status, `${form.name}, token ${token}`).toBe(403);
        expect(textOf(refused.body), `${form.name}, token ${token}`).toContain(
          'This form has expired',
        );
      }
    }
    expect(filesUnder(t.deps.config.uploadDir)).toEqual(before);
  });

  it('is refused in a multipart body sent to a form that takes no file', async () => {
    const res = await orgLead.upload('/account/password', 'x.csv', 'x', 'text/csv');
    expect(res.status).toBe(403);
    expect(textOf(res.body)).toContain('This form has expired');
  });
});
