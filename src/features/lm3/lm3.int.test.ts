import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makePartnership,
  openYear,
  signedIn,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let period: ReportingPeriod;
let lead: TestClient;
const supplierIds: Record<string, string> = {};
const tokens: Record<string, string> = {};
const actor = { userId: null, label: 'test' };

/*
 * Spend in 2025/26 (1 April 2025 – 31 March 2026), by hand:
 *   Alpha (local)   £1,000 + £500             = £1,500
 *   Beta (local)    £2,000 − £500 credit note = £1,500
 *   Gamma (local)   £1,000 (asked, never answers)
 *   Faraway (not local) £4,000
 *   (Alpha's £9,999 on 1 March 2025 is in the year before.)
 * R1 = £8,000; R2 = £4,000.
 * Alpha answers 50% staff costs, 80% of them local, 30% of the rest local: 0.5×0.8 + 0.5×0.3 = 0.55
 *   → £1,500 × 0.55 = £825.
 * Beta answers 40%, 25%, 10%: 0.4×0.25 + 0.6×0.1 = 0.16 → £1,500 × 0.16 = £240.
 * R3 = £1,065; LM3 = (8,000 + 4,000 + 1,065) ÷ 8,000 = 1.633125.
 */
const CSV = [
  'Date,Supplier,Amount',
  '01/04/2025,Alpha Local Ltd,"1,000.00"',
  '15/05/2025,Alpha Local Ltd,500.00',
  '02/04/2025,Beta Local Ltd,"2,000.00"',
  '03/04/2025,Beta Local Ltd,(500.00)',
  '05/04/2025,Gamma Local CIC,"1,000.00"',
  '04/04/2025,Faraway plc,"4,000.00"',
  '01/03/2025,Alpha Local Ltd,"9,999.00"',
  '',
].join('\r\n');

const POSTCODES: Record<string, string> = {
  'Alpha Local Ltd': 'L1 8JQ',
  'Beta Local Ltd': 'L3 9PP',
  'Gamma Local CIC': 'L7 8XP',
  'Faraway plc': 'M1 1AE',
};

async function auditActions(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('partnership_id', '=', p.id)
    .where('action', 'like', 'lm3.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead },
  } = await startWithMember(['partnership-lead'], {
    app: { reference: true },
    partnership: { name: 'Mersey Anchors' },
    organisation: { name: 'Riverside Hospital' },
  }));
  period = await openYear(t.deps, p, 2025, { actor });
  await importSpendCsv(t, p, org, CSV, { actor });
  const suppliers = await t.database.db
    .selectFrom('suppliers')
    .select(['id', 'name'])
    .where('partnership_id', '=', p.id)
    .execute();
  for (const s of suppliers) {
    supplierIds[s.name] = s.id;
    await t.deps.suppliers.update(
      p.id,
      s.id,
      {
        name: s.name,
        postcode: POSTCODES[s.name] ?? '',
        type: 'sme',
        vatNumber: '',
        companyNumber: '',
        charityNumber: '',
      },
      actor,
    );
  }
});
afterAll(() => t.close());

const surveyToken = (body: string, supplier: string) => {
  const m = new RegExp(`${supplier}[\\s\\S]*?http://anchorage\\.test/survey/([A-Za-z0-9_-]+)`).exec(
    body,
  );
  if (!m?.[1]) throw new Error(`No link for ${supplier}`);
  return m[1];
};

describe('the LM3 page', () => {
  it('lists the local suppliers by spend, not the others, with LM3 before any answers', async () => {
    const page = await lead.get(`/manage/${p.slug}/lm3?year=2025`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Alpha Local Ltd');
    expect(text).toContain('Beta Local Ltd');
    expect(text).toContain('Gamma Local CIC');
    expect(text).not.toContain('Faraway plc');
    // No answers: LM3 = 1 + R2/R1 = 1.5.
    expect(text).toContain('LM3 1.50');
    expect(text).toContain('R1 Spend considered £8,000');
    expect(text).toContain('0 of 0 asked');
  });

  it('refuses to create links without a supplier or with a wrong email address, keeping the input', async () => {
    const none = await lead.post(`/manage/${p.slug}/lm3/surveys`, { year: '2025' });
    expect(none.status).toBe(400);
    expect(textOf(none.body)).toContain('Select at least one supplier');
    expect(none.body).toContain('href="#supplier"');

    const alpha = supplierIds['Alpha Local Ltd']!;
    const bad = await lead.post(`/manage/${p.slug}/lm3/surveys`, {
      year: '2025',
      supplier: [alpha],
      [`email-${alpha}`]: 'not an email',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain(`href="#email-${alpha}"`);
    expect(bad.body).toContain('value="not an email"');

    const farAway = await lead.post(`/manage/${p.slug}/lm3/surveys`, {
      year: '2025',
      supplier: [supplierIds['Faraway plc']!],
    });
    expect(farAway.status).toBe(400);
    expect(await t.database.db.selectFrom('lm3_surveys').select('id').execute()).toEqual([]);
  });

  it('creates links, shows each once, emails one, and stores only hashes', async () => {
    const alpha = supplierIds['Alpha Local Ltd']!;
    const page = await lead.post(`/manage/${p.slug}/lm3/surveys`, {
      year: '2025',
      supplier: [alpha, supplierIds['Beta Local Ltd']!, supplierIds['Gamma Local CIC']!],
      [`email-${alpha}`]: 'accounts@alpha.example',
    });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const name of ['Alpha Local Ltd', 'Beta Local Ltd', 'Gamma Local CIC'])
      tokens[name] = surveyToken(page.body, name);
    expect(textOf(page.body)).toContain('Emailed to accounts@alpha.example');

    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'accounts@alpha.example')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Mersey Anchors');
    expect(mail.body_text).toContain(`http://anchorage.test/survey/${tokens['Alpha Local Ltd']}`);

    const stored = await t.database.db.selectFrom('lm3_surveys').select('token_hash').execute();
    expect(stored).toHaveLength(3);
    for (const s of stored) expect(Object.values(tokens)).not.toContain(s.token_hash);

    const again = await lead.get(`/manage/${p.slug}/lm3?year=2025`);
    expect(again.body).not.toContain(tokens['Alpha Local Ltd']);
    expect(textOf(again.body)).toContain('0 of 3 asked');
    expect(await auditActions()).toEqual([
      'lm3.survey.created',
      'lm3.survey.created',
      'lm3.survey.created',
    ]);
  });
});

describe('the public survey', () => {
  it('names the supplier, the partnership and the area, and validates each answer', async () => {
    const supplier = t.client();
    const url = `/survey/${tokens['Alpha Local Ltd']}`;
    const form = await supplier.get(url);
    expect(form.status).toBe(200);
    const text = textOf(form.body);
    expect(text).toContain('Alpha Local Ltd');
    expect(text).toContain('Mersey Anchors');
    expect(text).toContain('staff living in Liverpool');

    const wrong = await supplier.post(url, {
      staffCostPct: '',
      staffLocalPct: '120',
      suppliersLocalPct: '30',
    });
    expect(wrong.status).toBe(400);
    const wrongText = textOf(wrong.body);
    expect(wrongText).toContain('There is a problem');
    expect(wrongText).toContain('Enter the percentage of your costs that are staff costs');
    expect(wrongText).toContain(
      'The percentage of your staff costs paid to staff living in Liverpool must be between 0 and 100',
    );
    expect(wrong.body).toContain('href="#staffCostPct"');
    expect(wrong.body).toContain('href="#staffLocalPct"');
    expect(wrong.body).toContain('value="120"');
    expect(wrong.body).toContain('value="30"');

    const noToken = await supplier.post(
      url,
      { staffCostPct: '50', staffLocalPct: '80', suppliersLocalPct: '30' },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);

    const ok = await supplier.post(url, {
      staffCostPct: '50',
      staffLocalPct: '80%',
      suppliersLocalPct: '30',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`${url}/thank-you`);
    const done = await supplier.get(ok.location!);
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain('Your answers have been sent');
    expect(textOf(done.body)).toContain('80%');
  });

  it('works out LM3 again when an answer arrives, matching the figure worked out by hand', async () => {
    const supplier = t.client();
    const res = await supplier.post(`/survey/${tokens['Beta Local Ltd']}`, {
      staffCostPct: '40',
      staffLocalPct: '25',
      suppliersLocalPct: '10',
    });
    expect(res.status).toBe(303);

    const row = await t.database.db
      .selectFrom('calculator_results')
      .selectAll()
      .where('organisation_id', '=', org.id)
      .where('period_id', '=', period.id)
      .where('calculator', '=', 'lm3')
      .executeTakeFirstOrThrow();
    expect(Number(row.value)).toBeCloseTo(1.633125, 6);
    expect(Number(row.denominator)).toBe(800_000);
    expect(Number(row.numerator)).toBeCloseTo(1_306_500, 4);
    expect(row.detail).toMatchObject({ answered: 2, asked: 3, r2: 400_000, r2Answered: 300_000 });

    const page = textOf((await lead.get(`/manage/${p.slug}/lm3?year=2025`)).body);
    expect(page).toContain('LM3 1.63');
    expect(page).toContain('R3 Re-spent locally by the suppliers that answered £1,065');
    expect(page).toContain('2 of 3 asked');
    expect(page).toContain('Share of R2 their answers cover 75.0%');

    const figures = await t.deps.figures.read(p.id);
    const p8 = figures.indicators.find((f) => f.indicator.id === 'P8');
    expect(p8).toBeDefined();
    expect(JSON.stringify(p8)).toContain('1.633125');
  });

  it('replaces an answer given again before the link closes, and audits both', async () => {
    const supplier = t.client();
    const url = `/survey/${tokens['Alpha Local Ltd']}`;
    const form = await supplier.get(url);
    expect(textOf(form.body)).toContain('You can change your answers until');
    expect(form.body).toContain('value="50"');
    const res = await supplier.post(url, {
      staffCostPct: '50',
      staffLocalPct: '80',
      suppliersLocalPct: '30',
    });
    expect(res.status).toBe(303);
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'lm3.survey.answered')).toHaveLength(2);
    expect(actions.filter((a) => a === 'lm3.survey.answer-replaced')).toHaveLength(1);
    expect(await t.database.db.selectFrom('lm3_surveys').select('id').execute()).toHaveLength(3);
  });

  it('refuses a withdrawn link, and the old link once a new one is sent', async () => {
    const gammaUrl = `/survey/${tokens['Gamma Local CIC']}`;
    const survey = await t.database.db
      .selectFrom('lm3_surveys')
      .select('id')
      .where('supplier_id', '=', supplierIds['Gamma Local CIC']!)
      .executeTakeFirstOrThrow();
    const revoked = await lead.post(
      `/manage/${p.slug}/lm3/surveys/${survey.id}/revoke`,
      {},
      { from: `/manage/${p.slug}/lm3?year=2025` },
    );
    expect(revoked.status).toBe(303);

    const supplier = t.client();
    const gone = await supplier.get(gammaUrl);
    expect(gone.status).toBe(410);
    expect(textOf(gone.body)).toContain('This survey link has been withdrawn');
    const csrf = await supplier.fetchToken();
    const refused = await supplier.post(
      gammaUrl,
      { staffCostPct: '10', staffLocalPct: '10', suppliersLocalPct: '10' },
      { csrf },
    );
    expect(refused.status).toBe(410);

    const reissued = await lead.post(`/manage/${p.slug}/lm3/surveys/${survey.id}/reissue`, {
      email: '',
    });
    expect(reissued.status).toBe(200);
    const fresh = surveyToken(reissued.body, 'Gamma Local CIC');
    expect((await supplier.get(gammaUrl)).status).toBe(404);
    expect((await supplier.get(`/survey/${fresh}`)).status).toBe(200);

    const unknown = await supplier.get('/survey/not-a-real-token-at-all-000000000');
    expect(unknown.status).toBe(404);
    expect(textOf(unknown.body)).toContain('This link does not work');

    expect(await auditActions()).toContain('lm3.survey.revoked');
    expect(await auditActions()).toContain('lm3.survey.reissued');
  });

  it('closes a link after its deadline', async () => {
    await t.database.db
      .updateTable('lm3_surveys')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('supplier_id', '=', supplierIds['Beta Local Ltd']!)
      .execute();
    const res = await t.client().get(`/survey/${tokens['Beta Local Ltd']}`);
    expect(res.status).toBe(410);
    expect(textOf(res.body)).toContain('This survey has closed');
  });
});

describe('who may use the LM3 page', () => {
  it('links to it from the partnership spend page for leads only', async () => {
    const page = await lead.get(`/manage/${p.slug}/spend?year=2025`);
    expect(page.body).toContain(`/manage/${p.slug}/lm3?year=2025`);
    const { client: reviewer } = await signedIn(t, { role: 'reviewer', partnership: p });
    const theirs = await reviewer.get(`/manage/${p.slug}/spend?year=2025`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toContain(`/manage/${p.slug}/lm3`);
    expect((await reviewer.get(`/manage/${p.slug}/lm3`)).status).toBe(403);
  });

  it("gives another partnership's lead 404, under either partnership", async () => {
    const other = await makePartnership(t.deps);
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: other });
    expect((await client.get(`/manage/${p.slug}/lm3`)).status).toBe(404);
    const survey = await t.database.db
      .selectFrom('lm3_surveys')
      .select('id')
      .where('partnership_id', '=', p.id)
      .executeTakeFirstOrThrow();
    const csrf = await client.fetchToken();
    for (const action of ['revoke', 'reissue']) {
      const res = await client.post(
        `/manage/${other.slug}/lm3/surveys/${survey.id}/${action}`,
        {},
        { csrf },
      );
      expect(res.status, action).toBe(404);
    }
    expect(
      (await client.get(`/manage/${other.slug}/lm3/surveys/${survey.id}/reissue`)).status,
    ).toBe(404);
  });
});
