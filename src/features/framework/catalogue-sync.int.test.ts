/**
 * Catalogue sync: a new or changed default indicator reaches partnerships that already exist, by
 * an explicit step that is audited and does nothing the second time; never by reading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from '../../core/framework/types.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import { makePartnership, startTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listCommitments, listIndicators } from './framework.repo.js';
import {
  canonicalJson,
  SHIPPED_CATALOGUE,
  syncCatalogue,
  type Catalogue,
} from './catalogue-sync.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

const NEW_INDICATOR: IndicatorDefinition = {
  id: 'C9',
  pillar: 'community',
  commitment: 'community-new',
  name: 'Community meals served',
  description: 'Meals served to residents at community events.',
  unit: 'count',
  direction: 'higher',
  frequency: 'annual',
  computation: { kind: 'value', item: 'community_meals' },
  items: [
    {
      id: 'community_meals',
      label: 'Community meals served',
      unit: 'count',
      min: 0,
      integer: true,
      required: true,
    },
  ],
  source: 'Event records',
  methodology: 'Meals served at events open to residents in the financial year.',
  publishOrganisationLevel: true,
};

/** The shipped catalogue with one indicator and commitment added and three indicators changed. */
function nextCatalogue(): Catalogue {
  const indicators = SHIPPED_CATALOGUE.indicators.map((d): IndicatorDefinition => {
    if (d.id === 'P1') return { ...d, methodology: `${d.methodology} Now with a footnote.` };
    if (d.id === 'W1') return { ...d, name: 'Staff paid the Real Living Wage or more' };
    // A changed computation would rewrite figures already reported: refused.
    if (d.id === 'P6') return { ...d, computation: { kind: 'value', item: 'tenders_total' } };
    return d;
  });
  return {
    commitments: [
      ...SHIPPED_CATALOGUE.commitments,
      {
        id: 'community-new',
        pillar: 'community',
        title: 'Feed the community',
        description: 'Meals for residents.',
      },
    ],
    indicators: [...indicators, NEW_INDICATOR],
  };
}

async function indicator(partnershipId: string, code: string) {
  return t.database.db
    .selectFrom('indicators')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .executeTakeFirst();
}

async function catalogueAudits(partnershipId: string) {
  return t.database.db
    .selectFrom('audit_log')
    .select(['actor_label', 'after'])
    .where('partnership_id', '=', partnershipId)
    .where('action', '=', 'framework.catalogue-updated')
    .execute();
}

describe('catalogue sync', () => {
  it('gives a new partnership the whole catalogue, so the shipped catalogue has nothing more to add', async () => {
    const p = await makePartnership(t.deps);
    const rows = await t.database.db
      .selectFrom('indicators')
      .select('code')
      .where('partnership_id', '=', p.id)
      .execute();
    expect(rows.map((r) => r.code).sort()).toEqual(
      SHIPPED_CATALOGUE.indicators.map((d) => d.id).sort(),
    );
    const changes = await syncCatalogue(t.database.db, { partnershipId: p.id });
    expect(changes).toEqual([]);
    expect(await catalogueAudits(p.id)).toEqual([]);
  });

  it('brings a new and a changed indicator to an existing partnership, audited once, keeping its own wording and choices', async () => {
    const p = await makePartnership(t.deps);
    // The partnership's own choices: W1 reworded, P3 switched off.
    await t.deps.framework.editWording(
      p.id,
      'W1',
      { name: 'Our staff on the Real Living Wage', description: 'Ours.', methodology: 'Ours.' },
      SYSTEM_ACTOR,
    );
    await t.deps.framework.setEnabled(p.id, 'P3', false, SYSTEM_ACTOR);
    const p6Before = await indicator(p.id, 'P6');
    // Reading the framework writes nothing: the new indicator is not there yet.
    await listIndicators(t.database.db, p.id);
    expect(await indicator(p.id, 'C9')).toBeUndefined();

    const catalogue = nextCatalogue();
    const changes = await syncCatalogue(t.database.db, { catalogue });
    const mine = changes.find((c) => c.partnershipId === p.id);
    expect(mine).toMatchObject({
      commitmentsAdded: ['community-new'],
      indicatorsAdded: ['C9'],
      refused: [{ code: 'P6', reason: expect.stringMatching(/new indicator code/) as unknown }],
    });
    expect(mine?.indicatorsUpdated).toEqual({ P1: ['methodology'] });

    // The new indicator, switched on, with its definition and commitment.
    const c9 = await indicator(p.id, 'C9');
    expect(c9).toMatchObject({ origin: 'catalogue', enabled: true, name: NEW_INDICATOR.name });
    expect(canonicalJson(c9!.computation)).toBe(canonicalJson(NEW_INDICATOR.computation));
    const commitments = await listCommitments(t.database.db, p.id);
    expect(commitments.find((c) => c.code === 'community-new')?.title).toBe('Feed the community');
    // The changed methodology, where the partnership had not reworded it.
    expect((await indicator(p.id, 'P1'))?.methodology).toMatch(/Now with a footnote\.$/);
    // Its own wording and choices are left alone; the refused computation is unchanged.
    expect(await indicator(p.id, 'W1')).toMatchObject({
      name: 'Our staff on the Real Living Wage',
      wording_edited: true,
    });
    expect((await indicator(p.id, 'P3'))?.enabled).toBe(false);
    expect(canonicalJson((await indicator(p.id, 'P6'))?.computation)).toBe(
      canonicalJson(p6Before?.computation),
    );

    const audits = await catalogueAudits(p.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_label: 'Anchorage (catalogue update)',
      after: { indicators_added: ['C9'], commitments_added: ['community-new'] },
    });

    // The second time, nothing to do: no change and no audit entry (the refusal is still reported).
    const again = await syncCatalogue(t.database.db, { catalogue });
    expect(again.find((c) => c.partnershipId === p.id)).toEqual({
      partnershipId: p.id,
      commitmentsAdded: [],
      commitmentsUpdated: [],
      indicatorsAdded: [],
      indicatorsUpdated: {},
      refused: [expect.objectContaining({ code: 'P6' })],
    });
    expect(await catalogueAudits(p.id)).toHaveLength(1);
  });

  it('reaches partnerships that have reworded nothing with the new wording', async () => {
    const p = await makePartnership(t.deps);
    await syncCatalogue(t.database.db, { catalogue: nextCatalogue(), partnershipId: p.id });
    expect((await indicator(p.id, 'W1'))?.name).toBe('Staff paid the Real Living Wage or more');
  });
});
