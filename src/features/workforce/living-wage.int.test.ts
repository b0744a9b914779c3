import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../../test/helpers/client.js';
import { importPayroll, PAYROLL_FIXTURE } from '../../../test/helpers/payroll.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { applicableRate, LIVING_WAGE_RATES } from '../../core/workforce/living-wage.js';
import { LivingWage } from './living-wage.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ reference: true });
});
afterAll(() => t.close());

const audit = () =>
  t.database.db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'entity_id', 'before', 'after', 'actor_label'])
    .where('entity', '=', 'living_wage_rates')
    .orderBy('id')
    .execute();

const NEXT = {
  yearLabel: '2026/27',
  uk: '14.10',
  london: '£15.55',
  'announcedOn-day': '21',
  'announcedOn-month': '10',
  'announcedOn-year': '2026',
  'appliesFrom-day': '1',
  'appliesFrom-month': '5',
  'appliesFrom-year': '2027',
};

/** The 2024/25 rates' form as published, with the UK rate given. */
const rates2024 = (uk: string) => ({
  yearLabel: '2024/25',
  uk,
  london: '13.85',
  'announcedOn-day': '23',
  'announcedOn-month': '10',
  'announcedOn-year': '2024',
  'appliesFrom-day': '1',
  'appliesFrom-month': '5',
  'appliesFrom-year': '2025',
});

describe('the Real Living Wage table', () => {
  it('starts with the rates of SPEC §4, as the core has them, for the payroll import to use', async () => {
    const rates = await LivingWage.rates(t.database.db);
    expect(rates).toEqual(LIVING_WAGE_RATES);
    // Read in a transaction too (the import's merge reads it there).
    const inTrx = await t.database.db.transaction().execute((trx) => LivingWage.rates(trx));
    expect(applicableRate(inTrx, '2026-03-31', true)?.pence).toBe(1385);
  });

  it('is shown with the rule on the methodology page of a partnership', async () => {
    const p = await makePartnership(t.deps);
    const viewer = await signedInAs(t, 'reviewer', p);
    const page = await viewer.get(`/manage/${p.slug}/framework/methodology`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('The Real Living Wage (W1 and W2)');
    expect(text).toContain('the new rates apply from that day, and until then the previous');
    expect(text).toMatch(/2024\/25[^£]+£12\.60[^£]+£13\.85\D+23 October 2024\D+1 May 2025/);
    expect(text).toMatch(/2018\/19[^£]+£9\.00[^£]+£10\.55\D+5 November 2018\D+1 May 2019/);
  });
});

describe('a platform administrator keeping the table', () => {
  it('adds the next year’s rates after showing every problem, and the change is audited', async () => {
    const { client, user } = await signedIn(t, { platformAdmin: true });
    const list = await client.get('/admin/living-wage');
    expect(list.status).toBe(200);
    expect(textOf(list.body)).toContain('Add the 2026/27 rates');

    const form = await client.get('/admin/living-wage/new');
    expect(form.body).toContain('value="2026/27"');

    const bad = await client.post('/admin/living-wage/new', {
      ...NEXT,
      uk: 'fourteen',
      london: '',
      'appliesFrom-day': '31',
      'appliesFrom-month': '2',
    });
    expect(bad.status).toBe(400);
    const badText = textOf(bad.body);
    expect(badText).toContain('There is a problem');
    expect(badText).toContain('Enter the UK rate in pounds and pence, like 13.45');
    expect(badText).toContain('Enter the London rate');
    expect(badText).toContain('Enter a real date, like 1 5 2026');
    for (const id of ['uk', 'london', 'appliesFrom-day'])
      expect(bad.body).toContain(`href="#${id}"`);
    expect(bad.body).toContain('value="2026/27"');

    // Checked against the table: rates that would apply before 2025/26's are refused.
    const early = await client.post('/admin/living-wage/new', {
      ...NEXT,
      'announcedOn-year': '2025',
      'announcedOn-month': '1',
      'appliesFrom-year': '2026',
      'appliesFrom-month': '4',
    });
    expect(early.status).toBe(400);
    expect(textOf(early.body)).toContain('The rates must apply after the 2025/26 rates');
    const again = await client.post('/admin/living-wage/new', { ...NEXT, yearLabel: '2025/26' });
    expect(textOf(again.body)).toContain('The table already has rates for 2025/26');
    expect(await audit()).toEqual([]);

    const ok = await client.post('/admin/living-wage/new', NEXT);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/admin/living-wage');
    const after = textOf((await client.get('/admin/living-wage')).body);
    expect(after).toContain('The 2026/27 rates have been added.');
    expect(after).toMatch(/2026\/27[^£]+£14\.10[^£]+£15\.55\D+21 October 2026\D+1 May 2027/);
    expect(after).toContain(`by ${user.email}`);
    const rates = await LivingWage.rates(t.database.db);
    expect(rates.at(-1)).toEqual({
      yearLabel: '2026/27',
      ukPence: 1410,
      londonPence: 1555,
      announcedOn: '2026-10-21',
      appliesFrom: '2027-05-01',
    });
    expect(applicableRate(rates, '2027-05-01', false)?.pence).toBe(1410);
    expect(applicableRate(rates, '2027-04-30', false)?.pence).toBe(1345);
    expect(await audit()).toEqual([
      {
        action: 'living-wage.added',
        entity: 'living_wage_rates',
        entity_id: '2026/27',
        before: null,
        after: rates.at(-1),
        actor_label: user.email,
      },
    ]);
  });

  it('corrects a mistaken entry, recording it before and after, and says which payroll figures used the old rate', async () => {
    const p = await makePartnership(t.deps);
    const organisation = await makeOrganisation(t.deps, p);
    await importPayroll(t, { partnership: p, organisation }, { path: PAYROLL_FIXTURE }, 2025);
    const lead = await signedInAs(t, 'partnership-lead', p);
    const workforce = `/manage/${p.slug}/organisations/${organisation.id}/workforce`;
    expect(textOf((await lead.get(workforce)).body)).not.toContain('since corrected');

    const { client, user } = await signedIn(t, { platformAdmin: true });
    const form = await client.get('/admin/living-wage/2024-25/edit');
    expect(form.status).toBe(200);
    expect(form.body).toContain('value="12.60"');
    expect(form.body).toContain('value="13.85"');
    expect((await client.get('/admin/living-wage/1999-00/edit')).status).toBe(404);

    const ok = await client.post('/admin/living-wage/2024-25/edit', rates2024('12.61'));
    expect(ok.status).toBe(303);
    expect(textOf((await client.get(ok.location ?? '')).body)).toContain(
      'The 2024/25 rates have been corrected. One organisation’s payroll figures for a year were measured against the old rates',
    );
    const entry = await t.deps.livingWage.entry('2024/25');
    expect(entry.ukPence).toBe(1261);
    // The figures still say which rate they used, and that it has been corrected since.
    const page = textOf((await lead.get(workforce)).body);
    expect(page).toContain('UK rate £12.60 an hour (2024/25)');
    expect(page).toContain('Measured against a rate since corrected');
    expect(page).toContain('the UK rate for 2024/25 was £12.60 an hour and is now £12.61');
    const corrected = (await audit()).filter((a) => a.action === 'living-wage.corrected');
    expect(corrected).toEqual([
      {
        action: 'living-wage.corrected',
        entity: 'living_wage_rates',
        entity_id: '2024/25',
        before: LIVING_WAGE_RATES.find((r) => r.yearLabel === '2024/25'),
        after: { ...entry },
        actor_label: user.email,
      },
    ]);
    const log = textOf((await client.get('/admin/audit')).body);
    expect(log).toContain('Real Living Wage rates corrected');

    // Put back as published: the figures were measured against that rate, so nothing is said.
    const back = await client.post('/admin/living-wage/2024-25/edit', rates2024('12.60'));
    const confirmed = textOf((await client.get(back.location ?? '')).body);
    expect(confirmed).toContain('The 2024/25 rates have been corrected.');
    expect(confirmed).not.toContain('measured against the old rates');
    expect(textOf((await lead.get(workforce)).body)).not.toContain('since corrected');
  });

  it('is the platform administrator’s alone', async () => {
    const p = await makePartnership(t.deps);
    const lead = await signedInAs(t, 'partnership-lead', p);
    expect((await lead.get('/admin/living-wage')).status).toBe(403);
    const post = await lead.post('/admin/living-wage/new', NEXT);
    expect(post.status).toBe(403);
  });
});
