import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initiativeFormValues, readInitiative, type InitiativeInput } from './initiative-form.js';

const ORGS = [
  { id: 'o1', name: 'Mersey Valley Hospitals' },
  { id: 'o2', name: 'Riverside Council' },
];

describe('reading a joint initiative’s form', () => {
  it('lists its problems in the order of the form, each on its field', () => {
    const r = readInitiative({}, ORGS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual([
      'title',
      'partners',
      'vcse',
      'pillars',
      'status',
      'startsOn-day',
    ]);
  });

  it('refuses money pooled by an organisation that is not a partner, and money that is not money', () => {
    const r = readInitiative(
      {
        title: 'Healthy homes',
        partners: 'o1',
        'pooled-o1': 'lots',
        'pooled-o2': '500',
        vcse: 'no',
        pillars: 'community',
        status: 'active',
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2025',
      },
      ORGS,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        field: 'pooled-o1',
        text: 'The money Mersey Valley Hospitals pooled must be an amount of money, like 25000.00',
      },
      {
        field: 'pooled-o2',
        text: 'Select Riverside Council as a partner, or leave the money it pooled empty',
      },
    ]);
  });

  it('ignores partners that are not the partnership’s members', () => {
    const r = readInitiative(
      {
        title: 'Healthy homes',
        partners: ['o1', 'someone-else'],
        vcse: 'yes',
        vcsePartner: 'Walton Trust',
        pillars: ['community', 'not-a-pillar'],
        status: 'planned',
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2025',
      },
      ORGS,
    );
    expect(r).toMatchObject({
      ok: true,
      input: {
        partners: [{ organisationId: 'o1', pooledPence: 0 }],
        pillars: ['community'],
        vcsePartner: 'Walton Trust',
      },
    });
  });

  it('shows a saved initiative so that saving it again keeps it (property)', () => {
    const day = fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.record({
          pooled: fc.integer({ min: 0, max: 1_000_000_000_00 }),
          startsOn: day,
          vcse: fc.option(fc.constant('Walton Trust')),
          milestones: fc.array(
            fc.record({ title: fc.constant('A milestone'), dueOn: day, done: fc.boolean() }),
            { maxLength: 5 },
          ),
        }),
        ({ pooled, startsOn, vcse, milestones }) => {
          const input: InitiativeInput = {
            title: 'Healthy homes',
            outcomes: 'Warmer homes',
            status: 'active',
            startsOn,
            endsOn: null,
            pillars: ['community'],
            vcsePartner: vcse,
            partners: [{ organisationId: 'o2', pooledPence: pooled }],
            milestones: [...milestones].sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
            evidenceLink: null,
            evidenceNote: '',
          };
          expect(readInitiative(initiativeFormValues(input), ORGS)).toEqual({ ok: true, input });
        },
      ),
    );
  });
});
