/**
 * Three financial years (2023/24 to 2025/26) of the demo partnership's registers, and the quarters
 * of this year begun so far, entered through the same services as the pages (each entry audited,
 * its figures worked out again): the hospital trust, the council, the university and the housing
 * association keep them, at sizes near their returns' figures; the fire service and the college do
 * not, so their I, L and C figures still come from their returns. Fictional, and the same on every
 * run on the same day.
 */
import { BLANK_ENTRY, type EntryValues } from '../core/registers/entry-form.js';
import type { RegisterId } from '../core/registers/registers.js';
import type { Deps } from '../deps.js';
import type { Partnership } from '../db/schema.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';

const YEARS = [2023, 2024, 2025, 2026] as const;
const KEEPERS = ['DEMO-MVH', 'DEMO-RBC', 'DEMO-UME', 'DEMO-WVH'] as const;
/** Each keeper's size (staff, and a scale for money), near its returns' figures (returns.ts). */
const SIZE = [
  { staff: 7400, money: 2.1 },
  { staff: 3600, money: 1.6 },
  { staff: 4100, money: 0.95 },
  { staff: 850, money: 0.48 },
] as const;

const SPACES = ['Main hall', 'Education centre', 'Sports pitch', 'Garden rooms'];
const GROUPS = [
  'Walton Residents Association',
  'Saturday youth football',
  'Carers’ support group',
  'Men’s shed',
];
const CONTRACTORS: readonly { name: string; postcode: string | null; local: boolean | null }[] = [
  { name: 'Mersey Build Ltd', postcode: 'L7 8XP', local: null },
  { name: 'Warrington Joinery', postcode: 'WA5 1QG', local: null },
  { name: 'Pennine Construction', postcode: 'LS1 4AP', local: null },
  { name: 'Estuary Electrical', postcode: null, local: true },
];
const VCSE = ['Walton Community Trust', 'Mersey Food Bank', 'Riverside Youth Project'];

const blank: EntryValues = BLANK_ENTRY;

/** The first and last days of each quarter of a financial year starting in April, up to today. */
function quarters(fy: number): { from: string; to: string }[] {
  const today = new Date().toISOString().slice(0, 10);
  return [
    { from: `${fy}-04-01`, to: `${fy}-06-30` },
    { from: `${fy}-07-01`, to: `${fy}-09-30` },
    { from: `${fy}-10-01`, to: `${fy}-12-31` },
    { from: `${fy + 1}-01-01`, to: `${fy + 1}-03-31` },
  ].filter((q) => q.from <= today);
}

export async function seedDemoRegisters(
  deps: Deps,
  partnership: Partnership,
  actor: AuditActor,
): Promise<void> {
  const db = deps.database.db;
  const organisations = [];
  for (const code of KEEPERS) {
    const o = await findOrganisationByCode(db, partnership.id, code);
    if (o) organisations.push(o);
  }
  const add = (organisationId: string, register: RegisterId, values: Partial<EntryValues>) =>
    deps.registers.add(partnership.id, organisationId, register, { ...blank, ...values }, actor);

  const today = new Date().toISOString().slice(0, 10);
  for (const [n, o] of organisations.entries()) {
    const size = SIZE[n] ?? SIZE[3];
    for (const [t, fy] of YEARS.entries()) {
      const growth = 1 + 0.12 * t;
      for (const [q, { from, to }] of quarters(fy).entries()) {
        const k = n + q + t;
        // A quarter's run of bookings, and staff volunteering for the quarter.
        await add(o.id, 'community-use', {
          title: SPACES[k % SPACES.length] ?? 'Main hall',
          detail: `${GROUPS[(k + 1) % GROUPS.length] ?? ''} and others`,
          occurredOn: from,
          endsOn: to < today ? to : null,
          hours: Math.round(((size.staff / 8) * growth * (0.9 + 0.05 * q)) / 0.25) * 0.25,
          evidenceNote: 'Room booking system export',
        });
        await add(o.id, 'volunteering', {
          title: VCSE[k % VCSE.length] ?? '',
          occurredOn: from,
          hours: Math.round((size.staff / 10) * growth * (0.9 + 0.05 * q) * 2) / 2,
          detail: 'Paid volunteering leave, all staff groups',
        });
        for (let e = 0; e < 2 + Math.min(t, 2); e++)
          await add(o.id, 'engagement', {
            title:
              [
                'Listening event',
                'Health and wellbeing drop-in',
                'Budget consultation',
                'Youth forum',
              ][(k + e) % 4] ?? '',
            occurredOn: `${from.slice(0, 8)}${String(5 + 7 * e).padStart(2, '0')}`,
            participants: Math.round((30 + 4 * n + 6 * e) * growth),
            participantsDeprived: e % 3 === 2 ? null : Math.round((11 + n + 2 * e) * growth),
            detail: 'Kirkdale, Everton and Anfield wards',
          });
      }
      if (fy === 2026) continue;
      for (const [c, contractor] of CONTRACTORS.entries()) {
        await add(o.id, 'capital', {
          title:
            ['Ward refurbishment', 'Roof replacement', 'Car park resurfacing', 'LED lighting'][c] ??
            '',
          detail: contractor.name,
          contractorPostcode: contractor.postcode,
          localStated: contractor.local,
          occurredOn: `${fy}-${String(6 + 2 * c).padStart(2, '0')}-10`,
          amountPence:
            Math.round(
              (1_800_000 + 900_000 * c) * size.money * (1 + 0.1 * t) * (c === 2 ? 1 - 0.2 * t : 1),
            ) * 100,
          evidenceLink: 'https://www.contractsfinder.service.gov.uk/',
        });
      }
      await add(o.id, 'grants', {
        title: VCSE[(n + t) % VCSE.length] ?? '',
        occurredOn: `${fy}-10-01`,
        amountPence: Math.round(250_000 * size.money * (1 + 0.1 * t)) * 100,
        detail: 'Community health grants scheme',
      });
      if ((n + t) % 2 === 0)
        await add(o.id, 'land', {
          title: `${['Former nurses’ home', 'Depot site', 'Old library', 'Garage block'][n] ?? 'Site'}, phase ${t + 1}`,
          releasedFor: n === 2 ? 'community' : 'housing',
          homes: n === 2 ? 0 : 24 + 12 * t + 6 * n,
          occurredOn: `${fy}-09-20`,
          detail: 'Transferred to a registered provider; a third of the homes affordable',
        });
    }
  }

  const byCode = new Map(organisations.map((o, i) => [KEEPERS[i], o.id]));
  const partner = (code: (typeof KEEPERS)[number], pounds: number) => {
    const id = byCode.get(code);
    return id ? [{ organisationId: id, pooledPence: pounds * 100 }] : [];
  };
  const initiatives = [
    {
      title: 'Healthy homes partnership',
      outcomes: 'Fewer hospital admissions from cold and damp homes',
      status: 'active' as const,
      startsOn: '2023-06-01',
      endsOn: null,
      pillars: ['infrastructure', 'community'] as const,
      vcsePartner: 'Walton Community Trust',
      partners: [...partner('DEMO-MVH', 120_000), ...partner('DEMO-WVH', 80_000)],
      milestones: [
        { title: 'First 200 homes surveyed', dueOn: '2023-12-31', done: true },
        { title: 'Repairs in 150 homes', dueOn: '2025-03-31', done: true },
        { title: 'Evaluation published', dueOn: '2026-06-30', done: false },
      ],
    },
    {
      title: 'Anchor jobs pathway',
      outcomes: 'Local residents into entry-level jobs across the anchors',
      status: 'active' as const,
      startsOn: '2024-04-01',
      endsOn: null,
      pillars: ['workforce', 'partners'] as const,
      vcsePartner: null,
      partners: [
        ...partner('DEMO-MVH', 60_000),
        ...partner('DEMO-RBC', 60_000),
        ...partner('DEMO-UME', 30_000),
      ],
      milestones: [
        { title: 'First cohort of 30 starts', dueOn: '2024-09-30', done: true },
        { title: 'Second cohort of 50 starts', dueOn: '2025-09-30', done: true },
      ],
    },
    {
      title: 'Shared local supplier portal',
      outcomes: 'More spend with local SMEs and VCSE suppliers',
      status: 'completed' as const,
      startsOn: '2023-09-01',
      endsOn: '2025-03-31',
      pillars: ['procurement'] as const,
      vcsePartner: 'Mersey Food Bank',
      partners: [...partner('DEMO-RBC', 45_000), ...partner('DEMO-UME', 20_000)],
      milestones: [{ title: 'Portal live', dueOn: '2024-06-30', done: true }],
    },
    {
      title: 'Green corridors',
      outcomes: 'Tree planting and active travel routes between anchor sites',
      status: 'active' as const,
      startsOn: '2025-05-01',
      endsOn: null,
      pillars: ['environment', 'community'] as const,
      vcsePartner: 'Riverside Youth Project',
      partners: [...partner('DEMO-RBC', 90_000), ...partner('DEMO-WVH', 15_000)],
      milestones: [{ title: '1,000 trees planted', dueOn: '2026-03-31', done: false }],
    },
  ];
  for (const i of initiatives)
    await deps.initiatives.add(
      partnership.id,
      {
        ...i,
        pillars: [...i.pillars],
        evidenceLink: null,
        evidenceNote: 'Partnership board minutes',
      },
      actor,
    );
}
