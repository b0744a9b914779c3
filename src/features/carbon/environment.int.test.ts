/**
 * The environment pages: an organisation lead enters a year's activity data (problems named,
 * input kept), sees emissions by scope and source with the factor beside each and the net-zero
 * paths, switches to one year's factors without JavaScript; a viewer reads but cannot enter; the
 * partnership lead sees every organisation; a platform administrator enters a factor set by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { signedIn, startWithMember, type TestApp } from '../../../test/helpers/app.js';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/carbon',
);

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let viewer: TestClient;
let lead: TestClient;
let page: string;
let form: string;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, viewer, 'partnership-lead': lead },
  } = await startWithMember(['org-lead', 'viewer', 'partnership-lead'], {
    organisation: { name: 'Riverside Trust' },
  }));
  for (const file of [
    'ghg-conversion-factors-2022-flat-format.csv',
    'ghg-conversion-factors-2025-flat-format_scope3_and_outside_scopes_only.csv',
  ])
    await t.deps.carbonFactors.loadFile(file, fs.readFileSync(path.join(FIXTURES, file)), {
      userId: null,
      label: 'test',
    });
  page = `/manage/${p.slug}/organisations/${org.id}/environment`;
  form = `${page}/activity`;
});

afterAll(async () => {
  await t?.close();
});

describe('an organisation’s environment page', () => {
  it('says plainly when nothing is recorded', async () => {
    const res = await orgLead.get(page);
    expect(res.status).toBe(200);
    expect(textOf(res.body)).toContain('No activity data recorded yet');
  });

  it('names each problem in the activity form and keeps what was typed', async () => {
    const res = await orgLead.post(`${form}?year=2022`, {
      'q-electricity': 'lots',
      'q-electricity-renewable': '50',
      'q-gas': '2,000,000',
    });
    expect(res.status).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Electricity bought: enter a number of kWh of 0 or more');
    // The renewable share is not questioned while the electricity itself cannot be read.
    expect(text).not.toContain('Renewable electricity is part of the electricity bought');
    expect(res.body).toContain('value="lots"');
    expect(res.body).toContain('href="#q-electricity"');

    const more = await orgLead.post(`${form}?year=2022`, {
      'q-electricity-renewable': '50',
      'q-gas': '2,000,000',
    });
    expect(more.status).toBe(400);
    expect(textOf(more.body)).toContain('Renewable electricity is part of the electricity bought');
  });

  it('saves a year and shows emissions by source with the factor, its year and unit beside each', async () => {
    const saved = await orgLead.post(`${form}?year=2022`, {
      'q-electricity': '1000000',
      'q-electricity-renewable': '250000',
      'q-gas': '2,000,000',
      'q-waste-recycling': '30',
      'q-waste-landfill': '70',
    });
    expect(saved.status).toBe(303);
    const res = await orgLead.get(`${page}?year=2022`);
    const text = textOf(res.body);
    expect(text).toContain('Activity data for 2022/23 saved');
    expect(text).toContain('0.19338 kg CO2e per kWh, 2022');
    expect(text).toContain('193.4 tCO2e');
    expect(text).toContain('0.18254 kg CO2e per kWh (Gross CV), 2022');
    expect(text).toContain('365.1 tCO2e');
    // E1 = 193.38 + 365.08
    expect(text).toContain('558.5 tCO2e');
    expect(text).toContain('25.0% of 1,000,000 kWh');
    expect(text).toContain('30.0% of 100 tonnes');
    expect(res.body).toContain('<svg');
    expect(text).toContain('NHS Carbon Footprint path');
    expect(text).toContain('UK Government GHG conversion factors 2022');
  });

  it('compares at one year’s factors by a link that works without JavaScript', async () => {
    await orgLead.post(`${form}?year=2025`, { 'q-electricity': '1000000' });
    const own = textOf((await orgLead.get(`${page}?year=2025`)).body);
    expect(own).toContain('no 2025 factor: 2022’s used');
    expect(own).toContain('0.01853 kg CO2e per kWh, 2025');
    // E2 for 2025: (558.46 − 193.38) ÷ 558.46 = 65.4% lower than 2022, the baseline year.
    expect(own).toMatch(/2022\/23\s+Scope 1\s+365\.1 tCO2e[\s\S]*?E2\s+Baseline/);
    expect(own).toMatch(/2025\/26[\s\S]*?E2\s+65\.4%/);
    const fixed = await orgLead.get(`${page}?year=2025&basis=2022`);
    expect(fixed.status).toBe(200);
    const text = textOf(fixed.body);
    expect(text).toContain('Shown at 2022’s conversion factors for every year');
    expect(text).toContain('0.01769 kg CO2e per kWh, 2022');
  });

  it('lets a viewer read but not enter activity data', async () => {
    const res = await viewer.get(page);
    expect(res.status).toBe(200);
    expect(textOf(res.body)).not.toContain('Enter or correct activity data');
    expect((await viewer.get(form)).status).toBe(403);
  });
});

describe('the partnership’s environment page', () => {
  it('shows each organisation’s scope 1 and 2 emissions and the partnership’s path', async () => {
    const res = await lead.get(`/manage/${p.slug}/environment`);
    expect(res.status).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Riverside Trust');
    expect(text).toContain('558.5 tCO2e (1 organisation)');
    expect(text).toContain('NHS Carbon Footprint Plus path');
    expect((await orgLead.get(`/manage/${p.slug}/environment`)).status).toBe(403);
  });
});

describe('conversion factors entered by hand', () => {
  it('a platform administrator adds a 2025 scope 2 factor and 2025 uses it at once', async () => {
    const { client: admin } = await signedIn(t, { platformAdmin: true });
    const bad = await admin.post('/admin/factors', { year: '25', 'f-electricity-0': 'x' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter the year the factors are for');
    const ok = await admin.post('/admin/factors', {
      year: '2025',
      name: '2025 scope 1 and 2',
      'f-electricity-0': '0.17700',
    });
    expect(ok.status).toBe(303);
    expect(textOf((await admin.get('/admin/factors')).body)).toContain('2025 scope 1 and 2');
    const text = textOf((await orgLead.get(`${page}?year=2025`)).body);
    expect(text).toContain('0.177 kg CO2e per kWh, 2025');
    expect(text).toMatch(/\b177(\.0)? tCO2e/);
    expect((await orgLead.get('/admin/factors')).status).toBe(403);
  });
});
