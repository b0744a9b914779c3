import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../framework/catalogue.js';
import { CALCULATORS } from '../figures/registry.js';
import { formValues, readEntry, type EntryValues } from './entry-form.js';
import { rollUp } from '../framework/rollup.js';
import { initiativeFigures, type InitiativeFacts } from './initiatives.js';
import {
  capitalShare,
  contractorIsLocal,
  periodTotals,
  recordedMoneyProblem,
  REGISTER_LIST,
  REGISTERS,
  type PeriodSpan,
} from './registers.js';

const Q1: PeriodSpan = { id: 'q1', startsOn: '2025-04-01', endsOn: '2025-06-30' };
const Q2: PeriodSpan = { id: 'q2', startsOn: '2025-07-01', endsOn: '2025-09-30' };
const FY: PeriodSpan = { id: 'fy', startsOn: '2025-04-01', endsOn: '2026-03-31' };

const isoDay = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('the registers', () => {
  it('feed the indicators their calculators are declared for, and those indicators name them', () => {
    const feeds: Record<string, string> = {
      'community-use': 'register.community-use',
      land: 'register.homes',
      capital: 'register.capital-local',
      engagement: 'register.engagement-activities',
      volunteering: 'register.volunteering',
      grants: 'register.grants',
    };
    for (const r of REGISTER_LIST) {
      const calculator = feeds[r.id] as keyof typeof CALCULATORS;
      expect(CALCULATORS[calculator].indicators, r.id).toContain(r.indicator);
      expect(CALCULATORS[calculator].computed).toBe('stored');
      const indicator = CATALOGUE.find((i) => i.id === r.indicator);
      expect(indicator?.pillar).toBe(r.pillar);
      expect(indicator?.computation).toMatchObject({ kind: 'calculator', calculator });
      // Organisations without the register still report by hand.
      expect(indicator?.computation).toHaveProperty('fallback');
    }
  });

  it('give each register its own id in URLs', () => {
    expect(new Set(REGISTER_LIST.map((r) => r.param)).size).toBe(REGISTER_LIST.length);
  });
});

describe('periodTotals', () => {
  it('adds each organisation’s amounts dated within each period, dates inclusive', () => {
    const totals = periodTotals(
      [
        { organisationId: 'a', date: '2025-04-01', amount: 250 },
        { organisationId: 'a', date: '2025-06-30', amount: 100 },
        { organisationId: 'a', date: '2025-07-01', amount: 7 },
        { organisationId: 'b', date: '2025-03-31', amount: 1000 },
      ],
      [Q1, Q2, FY],
    );
    const of = (o: string, p: string) =>
      totals.find((t) => t.organisationId === o && t.periodId === p);
    expect(of('a', 'q1')).toMatchObject({ total: 350, entries: 2 });
    expect(of('a', 'q2')).toMatchObject({ total: 7, entries: 1 });
    expect(of('a', 'fy')).toMatchObject({ total: 357, entries: 3 });
    // Nothing in a period is no figure, not zero: the organisation may report by hand.
    expect(of('b', 'q1')).toBeUndefined();
  });

  it('gives the quarters of a year the same total as the year (property)', () => {
    const quarters: PeriodSpan[] = [
      Q1,
      Q2,
      { id: 'q3', startsOn: '2025-10-01', endsOn: '2025-12-31' },
      { id: 'q4', startsOn: '2026-01-01', endsOn: '2026-03-31' },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            organisationId: fc.constantFrom('a', 'b'),
            date: isoDay,
            amount: fc.integer({ min: 0, max: 10_000_000 }),
          }),
        ),
        (amounts) => {
          const totals = periodTotals(amounts, [...quarters, FY]);
          for (const org of ['a', 'b']) {
            const sum = (ids: string[]) =>
              totals
                .filter((t) => t.organisationId === org && ids.includes(t.periodId))
                .reduce((s, t) => s + t.total, 0);
            expect(sum(quarters.map((q) => q.id))).toBe(sum(['fy']));
            const inYear = amounts.filter(
              (x) => x.organisationId === org && x.date >= FY.startsOn && x.date <= FY.endsOn,
            );
            expect(sum(['fy'])).toBe(inYear.reduce((s, x) => s + x.amount, 0));
          }
        },
      ),
    );
  });
});

describe('capital spend with local contractors', () => {
  it('places a contractor by its postcode’s district first, then by what was stated', () => {
    expect(contractorIsLocal('E08000035', ['E08000035'], false)).toBe(true);
    expect(contractorIsLocal('E09000001', ['E08000035'], true)).toBe(false);
    expect(contractorIsLocal(null, ['E08000035'], true)).toBe(true);
    expect(contractorIsLocal(null, ['E08000035'], null)).toBeNull();
  });

  it('keeps payments of unknown location in the total, and says how much is known (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amountPence: fc.integer({ min: 1, max: 1_000_000_000_00 }),
            local: fc.constantFrom(true, false, null),
          }),
        ),
        (payments) => {
          const s = capitalShare(payments);
          expect(s.totalPence).toBe(payments.reduce((t, p) => t + p.amountPence, 0));
          expect(s.localPence).toBeLessThanOrEqual(s.knownPence);
          expect(s.knownPence).toBeLessThanOrEqual(s.totalPence);
          expect(Number.isInteger(s.localPence)).toBe(true);
        },
      ),
    );
  });
});

describe('joint initiatives', () => {
  const base: InitiativeFacts = {
    id: 'i1',
    startsOn: '2024-09-01',
    endsOn: null,
    status: 'active',
    vcse: true,
    partners: [
      { organisationId: 'a', pooledPence: 5_000_000 },
      { organisationId: 'b', pooledPence: 2_500_050 },
    ],
  };
  const FY24: PeriodSpan = { id: 'fy24', startsOn: '2024-04-01', endsOn: '2025-03-31' };

  it('counts an initiative for each partner in every year it runs, and its money in the year it started', () => {
    const f = initiativeFigures([base], [FY24, FY]);
    expect(f.find((x) => x.organisationId === 'a' && x.periodId === 'fy24')).toMatchObject({
      initiatives: 1,
      pooledPence: 5_000_000,
      vcseInitiatives: 1,
    });
    expect(f.find((x) => x.organisationId === 'b' && x.periodId === 'fy')).toMatchObject({
      initiatives: 1,
      pooledPence: 0,
      vcseInitiatives: 1,
    });
  });

  it('does not count a planned initiative, nor one that ended before the year', () => {
    const planned = { ...base, status: 'planned' as const };
    const ended = { ...base, status: 'completed' as const, endsOn: '2025-03-01' };
    expect(initiativeFigures([planned], [FY24, FY])).toEqual([]);
    const f = initiativeFigures([ended], [FY24, FY]);
    expect(f.filter((x) => x.periodId === 'fy')).toEqual([]);
    expect(f.filter((x) => x.periodId === 'fy24')).toHaveLength(2);
  });

  it('never counts more VCSE initiatives than initiatives (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.uuid(),
            startsOn: isoDay,
            endsOn: fc.option(isoDay),
            status: fc.constantFrom('planned', 'active', 'completed', 'stopped'),
            vcse: fc.boolean(),
            partners: fc.uniqueArray(
              fc.record({
                organisationId: fc.constantFrom('a', 'b', 'c'),
                pooledPence: fc.integer({ min: 0, max: 1e9 }),
              }),
              { selector: (p) => p.organisationId },
            ),
          }),
        ),
        (list) => {
          const valid = list.map((i) =>
            i.endsOn !== null && i.endsOn < i.startsOn ? { ...i, endsOn: i.startsOn } : i,
          );
          for (const f of initiativeFigures(valid, [FY24, FY])) {
            expect(f.vcseInitiatives).toBeLessThanOrEqual(f.initiatives);
            expect(f.initiatives).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('gives a partnership total that counts a shared initiative once (property)', () => {
    const L1 = CATALOGUE.find((i) => i.id === 'L1');
    if (!L1) throw new Error('L1 is in the catalogue');
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.uuid(),
            vcse: fc.boolean(),
            partners: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 }),
          }),
          { selector: (i) => i.id },
        ),
        fc.integer({ min: 0, max: 50 }),
        (list, handEntered) => {
          const facts: InitiativeFacts[] = list.map((i) => ({
            ...base,
            id: i.id,
            vcse: i.vcse,
            partners: i.partners.map((organisationId) => ({ organisationId, pooledPence: 1 })),
          }));
          const figures = initiativeFigures(facts, [FY]);
          const results = figures.map((f) => ({
            organisationId: f.organisationId,
            result: {
              value: f.initiatives,
              counted: f.initiativeIds,
              missing: [],
              source: 'calculator' as const,
            },
          }));
          expect(rollUp(L1, results).value ?? 0).toBe(list.length);
          // An organisation outside the register adds the count it typed in.
          const withHand = [
            ...results,
            {
              organisationId: 'd',
              result: { value: handEntered, missing: [], source: 'items' as const },
            },
          ];
          expect(rollUp(L1, withHand).value).toBe(
            list.length > 0 ? list.length + handEntered : handEntered,
          );
          const vcse = figures.map((f) => ({
            organisationId: f.organisationId,
            result: {
              value: f.vcseInitiatives,
              counted: f.vcseInitiativeIds,
              missing: [],
              source: 'calculator' as const,
            },
          }));
          expect(rollUp(L1, vcse).value ?? 0).toBe(list.filter((i) => i.vcse).length);
        },
      ),
    );
  });
});

describe('reading an entry’s form', () => {
  const capital = REGISTERS.capital;

  it('names each missing field in its message, on the box it belongs to', () => {
    const r = readEntry(capital, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['title', 'detail', 'amount', 'occurredOn-day']);
    expect(r.problems[0]?.text).toBe('Enter the project');
    expect(r.problems[3]?.text).toBe('Enter the date paid');
  });

  it('reads money to whole pence, a postcode normalised and dates from three boxes', () => {
    const r = readEntry(capital, {
      title: 'Ward 4',
      detail: 'Builders Ltd',
      contractorPostcode: 'ls14ap',
      localStated: 'unknown',
      amount: '£125,000.5',
      'occurredOn-day': '3',
      'occurredOn-month': '2',
      'occurredOn-year': '2026',
      evidenceLink: 'https://example.org/contract',
    });
    expect(r).toMatchObject({
      ok: true,
      values: {
        amountPence: 12_500_050,
        contractorPostcode: 'LS1 4AP',
        localStated: null,
        occurredOn: '2026-02-03',
        evidenceLink: 'https://example.org/contract',
      },
    });
  });

  it('refuses a date that does not exist, a link that is not a web address and more deprived residents than residents', () => {
    const r = readEntry(REGISTERS.engagement, {
      title: 'Listening event',
      'occurredOn-day': '31',
      'occurredOn-month': '2',
      'occurredOn-year': '2026',
      participants: '10',
      participantsDeprived: '11',
      evidenceLink: 'javascript:alert(1)',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual([
      'occurredOn-day',
      'participantsDeprived',
      'evidenceLink',
    ]);
  });

  it('shows a saved entry so that saving it again keeps it (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REGISTER_LIST),
        fc.integer({ min: 1, max: 1_000_000_000_00 }),
        fc.integer({ min: 1, max: 100_000_00 }),
        fc.integer({ min: 0, max: 100_000 }),
        isoDay,
        (def, pence, centiHours, n, day) => {
          const values: EntryValues = {
            title: 'A title',
            detail: 'Some detail',
            occurredOn: day,
            endsOn: null,
            hours: centiHours / 100,
            homes: n,
            amountPence: pence,
            contractorPostcode: 'LS1 4AP',
            localStated: true,
            releasedFor: 'housing',
            participants: n,
            participantsDeprived: Math.floor(n / 2),
            evidenceLink: 'https://example.org/x',
            evidenceNote: 'note',
          };
          const r = readEntry(def, formValues(def, values));
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          for (const f of def.fields) expect(r.values[f.column], f.name).toEqual(values[f.column]);
        },
      ),
    );
  });
});

describe('recordedMoneyProblem', () => {
  const bound = BigInt(Number.MAX_SAFE_INTEGER);

  it('lets the money recorded come to 2^53 − 1 pence and not a penny more', () => {
    expect(recordedMoneyProblem('Walton ICS', 0n)).toBeNull();
    expect(recordedMoneyProblem('Walton ICS', bound)).toBeNull();
    expect(recordedMoneyProblem('Walton ICS', bound + 1n)).toBe(
      'With this, the money recorded in Walton ICS’s registers and joint initiatives would come ' +
        'to £90,071,992,547,409.92. That is more than £90,071,992,547,409.91, the most this ' +
        'service adds up exactly, so nothing was saved. Check the amount.',
    );
  });

  it('keeps every period total of amounts within it exact, which past it is not', () => {
    const total = (amounts: readonly bigint[]) =>
      periodTotals(
        amounts.map((a) => ({ organisationId: 'o', date: '2025-05-01', amount: Number(a) })),
        [Q1],
      )[0]?.total;
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: bound / 16n }), { minLength: 1, maxLength: 24 }),
        (amounts) => {
          const sum = amounts.reduce((a, b) => a + b, 0n);
          fc.pre(recordedMoneyProblem('P', sum) === null);
          expect(BigInt(total(amounts) ?? 0)).toBe(sum);
        },
      ),
    );
    // A penny and another past the bound, the second is lost.
    expect(BigInt(total([bound, 1n, 1n]) ?? 0)).not.toBe(bound + 2n);
  });
});
