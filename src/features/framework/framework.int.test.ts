import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FiguresService } from '../figures/figures.service.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let lead: TestClient;
let orgLead: TestClient;
let reviewer: TestClient;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, 'org-lead': orgLead, reviewer },
  } = await startWithMember(['partnership-lead', 'org-lead', 'reviewer']));
});
afterAll(() => t.close());

describe('the framework', () => {
  it('ships every indicator of the default catalogue to a new partnership', async () => {
    const page = await lead.get(`/manage/${p.slug}/framework`);
    const text = textOf(page.body);
    for (const id of ['W1', 'W9', 'P1', 'P8', 'I3', 'E6', 'L3', 'C5', 'A3'])
      expect(text).toContain(`${id} `);
    const methodology = textOf(
      (await reviewer.get(`/manage/${p.slug}/framework/methodology`)).body,
    );
    expect(methodology).toContain('straight line from the baseline');
    expect(methodology).toContain('never by averaging');
  });

  it('lets only the lead change it', async () => {
    expect((await orgLead.get(`/manage/${p.slug}/framework/new`)).status).toBe(403);
    expect(
      (
        await reviewer.post(
          `/manage/${p.slug}/framework/indicators/W7/switch`,
          { enabled: 'no' },
          { from: `/manage/${p.slug}/framework` },
        )
      ).status,
    ).toBe(403);
  });

  it('switches indicators off and on without touching figures already reported, and audits it', async () => {
    const period = await t.deps.returns.openPeriod(
      p,
      { kind: 'quarter', fyStartYear: 2025, quarter: 1, dueOn: '2025-08-31' },
      { userId: null, label: 'test' },
    );
    const path = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
    await orgLead.post(`${path}/sections/workforce`, {
      apprenticeship_starts: '12',
      priority_group_entrants: '3',
      work_experience_weeks: '40',
      complete: 'yes',
    });
    const off = await lead.post(
      `/manage/${p.slug}/framework/indicators/W7/switch`,
      { enabled: 'no' },
      { from: `/manage/${p.slug}/framework` },
    );
    expect(off.status).toBe(303);
    const section = await orgLead.get(`${path}/sections/workforce`);
    expect(section.body).not.toContain('id="apprenticeship_starts"');
    const kept = await t.database.db
      .selectFrom('return_values')
      .select('value')
      .where('partnership_id', '=', p.id)
      .where('item_id', '=', 'apprenticeship_starts')
      .executeTakeFirstOrThrow();
    expect(Number(kept.value)).toBe(12);
    await lead.post(
      `/manage/${p.slug}/framework/indicators/W7/switch`,
      { enabled: 'yes' },
      { from: `/manage/${p.slug}/framework` },
    );
    const edited = await lead.post(`/manage/${p.slug}/framework/indicators/W7/edit`, {
      name: 'Apprenticeships started',
      description: 'New apprenticeships.',
      methodology: 'Counted from the levy account.',
    });
    expect(edited.status).toBe(303);
    expect(textOf((await orgLead.get(`/manage/${p.slug}/framework/indicators/W7`)).body)).toContain(
      'Apprenticeships started',
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('partnership_id', '=', p.id)
      .where('entity', '=', 'indicator')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'indicator.disabled',
      'indicator.enabled',
      'indicator.wording.changed',
    ]);
    expect(audit[2]?.before).toMatchObject({ name: 'Apprenticeship starts' });
  });
});

describe('a custom ratio indicator', () => {
  let code: string;

  it('is added by the lead in two steps, with every problem shown at once', async () => {
    const kind = await lead.get(`/manage/${p.slug}/framework/new/details`);
    expect(kind.status).toBe(400);
    expect(textOf(kind.body)).toContain('Select what kind of indicator it is');
    const empty = await lead.post(`/manage/${p.slug}/framework/new/details?kind=ratio`, {});
    expect(empty.status).toBe(400);
    const text = textOf(empty.body);
    expect(text).toContain('Enter the indicator’s name');
    expect(text).toContain('Enter a label for figure 1');
    expect(text).toContain('Select a pillar');
    const ok = await lead.post(`/manage/${p.slug}/framework/new/details?kind=ratio`, {
      name: 'Local people in leadership roles',
      description: 'The share of senior leaders who live in the local area.',
      pillar: 'workforce',
      item1: 'Senior leaders living in the local area',
      item2: 'Senior leaders',
      direction: 'higher',
      frequency: 'annual',
      methodology: 'Band 8c and above, or equivalent, on 31 March.',
      publishOrganisationLevel: 'yes',
    });
    expect(ok.status).toBe(303);
    code = ok.location?.split('/').pop() ?? '';
    expect(code).toBe('X1');
    const page = textOf((await lead.get(`/manage/${p.slug}/framework/indicators/${code}`)).body);
    expect(page).toContain(
      'Senior leaders living in the local area divided by senior leaders, as a percentage',
    );
  });

  it('gets a partnership target, appears in the annual return, and flows into dashboards and status', async () => {
    const target = await lead.post(`/manage/${p.slug}/framework/indicators/${code}/targets`, {
      baselineValue: '20',
      baselineYear: '2023',
      target1Value: '40',
      target1Year: '2027',
    });
    expect(target.status).toBe(303);

    const year = await t.deps.returns.openPeriod(
      p,
      { kind: 'year', fyStartYear: 2025, quarter: null, dueOn: '2026-06-30' },
      { userId: null, label: 'test' },
    );
    const path = `/manage/${p.slug}/organisations/${org.id}/returns/${year.id}`;
    const form = await orgLead.get(`${path}/sections/workforce`);
    expect(form.body).toContain('id="x1_1"');
    expect(textOf(form.body)).toContain('Senior leaders living in the local area');
    const tooMany = await orgLead.post(`${path}/sections/workforce`, {
      x1_1: '30',
      x1_2: '20',
      complete: 'no',
    });
    expect(textOf(tooMany.body)).toContain(
      'Senior leaders living in the local area cannot be more than senior leaders',
    );
    await orgLead.post(`${path}/sections/workforce`, { x1_1: '9', x1_2: '30', complete: 'no' });

    // Approve the return through the real workflow (other sections filled directly by the service).
    const ctx = { partnership: p, organisation: org, period: year };
    let state = await t.deps.returns.load(ctx, null);
    for (const section of state.sections) {
      const values = Object.fromEntries(
        section.items.map((i) => [i.id, i.unit === 'yes/no' ? 'yes' : '1']),
      );
      if (section.pillar === 'workforce') Object.assign(values, { x1_1: '9', x1_2: '30' });
      const { errors } = await t.deps.returns.savePillar(state, ctx, section.pillar, values, true, {
        userId: null,
        label: 'test',
      });
      expect(errors).toEqual([]);
      state = await t.deps.returns.load(ctx, null);
    }
    await t.deps.returns.submit(state, ctx, { userId: null, label: 'test' });
    state = await t.deps.returns.load(ctx, null);
    await t.deps.returns.approve(state, ctx, { userId: null, label: 'test' });

    const figures = await t.deps.figures.read(p.id);
    const x1 = figures.indicators.find((i) => i.indicator.id === code)!;
    const latest = x1.periods.at(-1)!;
    expect(latest.total.value).toBeCloseTo(30, 5);
    expect(latest.total.reported).toBe(1);
    const status = FiguresService.status(x1, figures.targets, null);
    // A line from 20% (March 2024) to 40% (March 2028) expects 30% by March 2026: on track.
    expect(status.expected).toBeCloseTo(30, 0);
    expect(status.status).toBe('on-track');

    // The dashboard is an overview; the indicator is on the Workforce page.
    const overview = textOf((await lead.get(`/manage/${p.slug}/dashboard`)).body);
    expect(overview).toContain('Workforce');
    const dashboard = textOf(
      (await lead.get(`/manage/${p.slug}/dashboard/pillars/workforce`)).body,
    );
    expect(dashboard).toContain('X1 Local people in leadership roles');
    expect(dashboard).toContain('30.0%');
    const drill = textOf((await reviewer.get(`/manage/${p.slug}/dashboard/${code}`)).body);
    expect(drill).toContain(org.name);
    expect(drill).toContain('9 ÷ 30');
    expect(drill).toContain('1 of 1 organisation');
  });

  it('keeps its computation fixed: editing changes wording only', async () => {
    await lead.post(`/manage/${p.slug}/framework/indicators/${code}/edit`, {
      name: 'Renamed',
      description: 'd',
      methodology: 'm',
    });
    const row = await t.database.db
      .selectFrom('indicators')
      .select(['name', 'computation'])
      .where('partnership_id', '=', p.id)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Renamed');
    expect(row.computation).toEqual({ kind: 'ratio', numerator: 'x1_1', denominator: 'x1_2' });
  });
});

describe('partnership totals', () => {
  it('add parts across organisations and say how many reported', async () => {
    const q = await makePartnership(t.deps);
    const a = await makeOrganisation(t.deps, q);
    const b = await makeOrganisation(t.deps, q);
    await makeOrganisation(t.deps, q);
    const year = await t.deps.returns.openPeriod(
      q,
      { kind: 'year', fyStartYear: 2025, quarter: null, dueOn: '2026-06-30' },
      { userId: null, label: 'test' },
    );
    const approveWith = async (o: Organisation, paid: number, staff: number) => {
      const ctx = { partnership: q, organisation: o, period: year };
      let state = await t.deps.returns.load(ctx, null);
      for (const section of state.sections) {
        const values = Object.fromEntries(
          section.items.map((i) => [i.id, i.unit === 'yes/no' ? 'no' : '1']),
        );
        if (section.pillar === 'workforce')
          Object.assign(values, { staff_paid_rlw: String(paid), staff_headcount: String(staff) });
        await t.deps.returns.savePillar(state, ctx, section.pillar, values, true, {
          userId: null,
          label: 'test',
        });
        state = await t.deps.returns.load(ctx, null);
      }
      await t.deps.returns.submit(state, ctx, { userId: null, label: 'test' });
      await t.deps.returns.approve(await t.deps.returns.load(ctx, null), ctx, {
        userId: null,
        label: 'test',
      });
    };
    await approveWith(a, 90, 100);
    await approveWith(b, 500, 1000);
    const w1 = (await t.deps.figures.read(q.id)).indicators.find((i) => i.indicator.id === 'W1')!;
    const total = w1.periods.at(-1)!.total;
    // (90 + 500) / (100 + 1000) = 53.6%, not the average of 90% and 50%.
    expect(total.value).toBeCloseTo((590 / 1100) * 100, 6);
    expect(total).toMatchObject({
      numerator: 590,
      denominator: 1100,
      reported: 2,
      expected: 3,
      complete: false,
    });
  });
});
