import { describe, expect, it } from 'vitest';
import {
  byStatus,
  initiativeFacts,
  milestonesText,
  moneyPublished,
  pooledText,
  publicInitiative,
  ranIn,
  type InitiativeRecord,
} from './initiative-public.js';

const record = (over: Partial<InitiativeRecord> = {}): InitiativeRecord => ({
  id: 'i-1',
  title: 'Healthy homes',
  outcomes: 'Warmer homes',
  status: 'active',
  startsOn: '2025-05-01',
  endsOn: null,
  pillars: ['infrastructure', 'community'],
  vcsePartner: 'Walton Community Trust',
  partners: [
    { organisationId: 'trust', pooledPence: 1_250_000 },
    { organisationId: 'council', pooledPence: 0 },
  ],
  milestones: [
    { title: 'Survey', dueOn: '2025-09-30', done: true },
    { title: 'Fit', dueOn: '2026-01-31', done: false },
  ],
  updatedAt: new Date('2025-10-01T10:00:00Z'),
  ...over,
});

describe('the public facts of a joint initiative', () => {
  it('leaves out the evidence and the money each partner pooled', () => {
    const withEvidence = {
      ...record(),
      evidenceLink: 'https://intranet.example/x',
      evidenceNote: 'Ask Jo Bloggs',
    };
    const shown = publicInitiative(withEvidence, true);
    expect(JSON.stringify(shown)).not.toMatch(/intranet|Bloggs|evidence/);
    expect(shown).not.toHaveProperty('partners');
    expect(shown.partnerIds).toEqual(['trust', 'council']);
    expect(shown.pooled).toEqual({ pence: 1_250_000, recordedFor: 1 });
  });

  it('publishes the money in all only when every member’s own L2 may be published', () => {
    expect(moneyPublished({ byOrganisation: true, withheldBy: 0 })).toBe(true);
    expect(moneyPublished({ byOrganisation: true, withheldBy: 1 })).toBe(false);
    expect(moneyPublished({ byOrganisation: false, withheldBy: 0 })).toBe(false);
    expect(publicInitiative(record(), false).pooled).toBeNull();
  });

  it('says money nobody recorded is not recorded, never £0', () => {
    const none = publicInitiative(
      record({
        partners: [
          { organisationId: 'a', pooledPence: 0 },
          { organisationId: 'b', pooledPence: 0 },
        ],
      }),
      true,
    );
    expect(pooledText(none)).toBe('Not recorded');
    expect(pooledText(publicInitiative(record(), true))).toBe(
      '£12,500.00 (recorded for 1 of 2 partners)',
    );
    expect(
      pooledText(
        publicInitiative(record({ partners: [{ organisationId: 'a', pooledPence: 500 }] }), true),
      ),
    ).toBe('£5.00');
    expect(pooledText(publicInitiative(record(), false))).toBe('Not published');
  });

  it('counts milestones done, and says when there are none', () => {
    expect(milestonesText(record().milestones)).toBe('1 of 2 milestones done');
    expect(milestonesText([{ done: true }])).toBe('1 of 1 milestone done');
    expect(milestonesText([])).toBe('No milestones recorded');
  });

  it('gives the facts in the report’s words', () => {
    const names: Record<string, string> = { trust: 'Walton Trust', council: 'Kirkby Council' };
    expect(initiativeFacts(publicInitiative(record(), true), (id) => names[id] ?? id)).toEqual([
      { key: 'Status', value: 'Running' },
      { key: 'When', value: 'From 1 May 2025' },
      { key: 'Pillars', value: 'Infrastructure and Community engagement' },
      { key: 'Partners', value: 'Walton Trust and Kirkby Council' },
      { key: 'Voluntary sector partner', value: 'Walton Community Trust' },
      { key: 'Outcomes sought', value: 'Warmer homes' },
      { key: 'Milestones', value: '1 of 2 done' },
    ]);
  });

  it('runs in a span when it started by its end and had not ended before it; planned never', () => {
    const i = record({ startsOn: '2025-05-01', endsOn: '2025-12-31' });
    expect(ranIn(i, '2025-04-01', '2026-03-31')).toBe(true);
    expect(ranIn(i, '2026-04-01', '2027-03-31')).toBe(false);
    expect(ranIn(i, '2024-04-01', '2025-03-31')).toBe(false);
    expect(ranIn({ ...i, status: 'planned' }, '2025-04-01', '2026-03-31')).toBe(false);
  });

  it('groups by status, what is running first, leaving out empty groups', () => {
    const groups = byStatus([
      record({ id: 'a', status: 'completed' }),
      record({ id: 'b', status: 'active' }),
      record({ id: 'c', status: 'completed' }),
    ]);
    expect(groups.map((g) => [g.label, g.initiatives.map((i) => i.id)])).toEqual([
      ['Running', ['b']],
      ['Completed', ['a', 'c']],
    ]);
  });
});
