/**
 * Form text is checked in one place before any handler reads it: a NUL or other control
 * character is refused with a page that names the field (it used to reach the database and end
 * in a 500), text is kept in Unicode normal form C, every field has a hard cap, an uploaded
 * file's name is made safe before it is stored or shown, and bodies are forms only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../db/schema.js';
import { MAX_FIELD_LENGTH } from '../lib/text.js';
import { textOf, type TestClient } from '../../test/helpers/client.js';
import { openYear, returnIn, startWithMember, type TestApp } from '../../test/helpers/app.js';
import { importSpendCsv } from '../../test/helpers/spend.js';

let t: TestApp;
let uploadDir: string;
let p: Partnership;
let org: Organisation;
let period: ReportingPeriod;
let lead: TestClient;
let orgLead: TestClient;
let supplierId: string;
let returnPath: string;

const NUL = 'Acme\u0000Ltd';

beforeAll(async () => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-form-input-'));
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, 'org-lead': orgLead },
  } = await startWithMember(['partnership-lead', 'org-lead'], {
    app: { config: { UPLOAD_DIR: uploadDir } },
  }));
  period = await openYear(t.deps, p, 2025);
  // A return sent back with a query, so that the organisation can answer it.
  await returnIn(t, { partnership: p, organisation: org, period }, 'returned');
  returnPath = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
  await importSpendCsv(t, p, org, 'Date,Supplier,Amount\r\n01/04/2025,Acme Ltd,100.00\r\n');
  supplierId = (
    await t.database.db
      .selectFrom('suppliers')
      .select('id')
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

/** A 400 page that says which field holds the character and what to do. */
function expectRefused(page: { status: number; body: string }, field: string) {
  expect(page.status).toBe(400);
  const text = textOf(page.body);
  expect(text).toContain(`The “${field}” box contains a hidden character that cannot be saved`);
  expect(text).toContain('Type it again instead of pasting it');
}

describe('a NUL character in a text field', () => {
  it('is refused in an evidence note, and nothing is saved', async () => {
    const page = await orgLead.post(`${returnPath}/items/staff_headcount`, {
      note: `Counted on ${NUL}`,
      confidence: 'high',
      links: '',
    });
    expectRefused(page, 'note');
    const saved = await t.database.db
      .selectFrom('return_values')
      .select('note')
      .where('partnership_id', '=', p.id)
      .execute();
    expect(saved).toEqual([]);
  });

  it('is refused in an organisation name', async () => {
    const page = await lead.post(`/manage/${p.slug}/organisations/${org.id}/edit`, {
      name: NUL,
      type: 'nhs-trust',
      code: org.code,
      postcode: 'L7 8XP',
    });
    expectRefused(page, 'name');
    const row = await t.database.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(org.name);
  });

  it('is refused in an indicator’s wording', async () => {
    const page = await lead.post(`/manage/${p.slug}/framework/indicators/W1/edit`, {
      name: 'Staff paid the Real Living Wage',
      description: `Staff ${NUL}`,
      methodology: 'Counted',
    });
    expectRefused(page, 'description');
  });

  it('is refused in a supplier’s details', async () => {
    const page = await orgLead.post(`/manage/${p.slug}/suppliers/${supplierId}/edit`, {
      name: NUL,
      type: 'sme',
      postcode: '',
      vatNumber: '',
      companyNumber: '',
      charityNumber: '',
    });
    expectRefused(page, 'name');
  });

  it('is refused in the name of a person invited', async () => {
    const page = await lead.post(`/manage/${p.slug}/people/invite`, {
      displayName: NUL,
      email: 'nul@test.example',
      role: 'reviewer',
    });
    expectRefused(page, 'display name');
    const invited = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', 'nul@test.example')
      .execute();
    expect(invited).toEqual([]);
  });

  it('is refused in an answer to a query', async () => {
    const page = await orgLead.post(`${returnPath}/answer`, { body: NUL }, { from: returnPath });
    expectRefused(page, 'body');
  });

  it('is refused in a search, and a repeated search term is read as one', async () => {
    expectRefused(await orgLead.get(`/manage/${p.slug}/suppliers?q=Acme%00`), 'q');
    const page = await orgLead.get(`/manage/${p.slug}/suppliers?q=Acme&q=Bolt`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Acme Ltd');
  });

  it('in the path matches nothing', async () => {
    expect((await lead.get(`/manage/${p.slug}%00`)).status).toBe(404);
    expect((await lead.get(`/p/a%00b`)).status).toBe(404);
  });
});

describe('an evidence file whose name holds a NUL', () => {
  it('is kept under its name without it, and the page that follows says so', async () => {
    const page = await orgLead.upload(
      `${returnPath}/items/staff_headcount/files`,
      'evi\u0000dence\u0007.pdf',
      '%PDF-1.4\n%test\n%%EOF\n',
      'application/pdf',
    );
    expect(page.status).toBe(303);
    const files = await t.database.db
      .selectFrom('evidence_files')
      .select(['original_name', 'stored_name'])
      .where('partnership_id', '=', p.id)
      .execute();
    expect(files.map((f) => f.original_name)).toEqual(['evidence.pdf']);
    expect(fs.existsSync(path.join(uploadDir, files[0]!.stored_name))).toBe(true);
    const next = await orgLead.get(page.location!);
    expect(textOf(next.body)).toContain('evidence.pdf has been added as evidence');
    // Nothing is left behind in the temporary folder.
    expect(fs.readdirSync(path.join(uploadDir, 'tmp'))).toEqual([]);
  });
});

describe('every text field', () => {
  it('is kept in Unicode normal form C', async () => {
    const page = await lead.post(`/manage/${p.slug}/organisations/${org.id}/edit`, {
      name: 'Cafe\u0301 Trust',
      type: 'nhs-trust',
      code: org.code,
      postcode: 'L7 8XP',
    });
    expect(page.status).toBe(303);
    const row = await t.database.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Caf\u00e9 Trust');
  });

  it(`is at most ${MAX_FIELD_LENGTH.toLocaleString('en-GB')} characters, and says so`, async () => {
    const page = await orgLead.post(`${returnPath}/items/staff_headcount`, {
      note: 'x'.repeat(MAX_FIELD_LENGTH + 1),
    });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain('The “note” box must be 10,000 characters or fewer');
  });

  it('is held to its own limit on the form’s page, with the form’s error summary', async () => {
    const page = await orgLead.post(`${returnPath}/items/staff_headcount`, {
      note: 'x'.repeat(4001),
    });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain('The note must be 4,000 characters or fewer');
    expect(page.body).toContain('nhsuk-error-summary');
  });

  it('is refused with its own message where a single line is expected', async () => {
    const page = await lead.post(`/manage/${p.slug}/people/invite`, {
      displayName: 'Line one\r\nBcc: someone@evil.example',
      email: 'lines@test.example',
      role: 'reviewer',
    });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain('The name must be on one line');
  });
});

describe('a body that is not a form', () => {
  it('is refused, as JSON or as plain text', async () => {
    const token = lead.csrfToken ?? (await lead.fetchToken());
    for (const [type, payload] of [
      ['application/json', JSON.stringify({ name: { $ne: '' }, _csrf: token })],
      ['application/json', 'null'],
      ['text/plain', `name=x&_csrf=${token}`],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/manage/${p.slug}/organisations/${org.id}/edit?_csrf=${encodeURIComponent(token)}`,
        headers: {
          'content-type': type,
          cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        payload,
      });
      expect(res.statusCode, `${type} ${payload}`).toBe(415);
    }
  });
});
