/**
 * The demo partnership's charter: version 1 adopted in April 2024 after a consultation, version
 * 2 adopted in July 2025 with its changes and reasons, signatures (two members still to sign
 * version 2 again) and pledges tied to indicators, through the same service the pages use; the
 * signatures of version 1, made before version 2 replaced it, are written as history.
 */
import { transition } from '../core/charter/versions.js';
import type { Partnership } from '../db/schema.js';
import type { CharterVersion } from '../features/charter/charter.service.js';
import type { Deps } from '../deps.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';
import { prioritiesService } from '../features/priorities/priorities.service.js';
import { DEMO_PASSWORD } from './seed.js';

interface DemoItem {
  readonly kind: 'principle' | 'commitment';
  readonly pillar?: string;
  readonly title: string;
  readonly body: string;
  readonly indicators?: readonly string[];
}

const VERSION_1: readonly DemoItem[] = [
  {
    kind: 'principle',
    title: 'Local people first',
    body: 'We use our jobs, spending, land and buildings to benefit the people and places of Cheshire and Merseyside, starting with the communities that need it most.',
  },
  {
    kind: 'principle',
    title: 'Made with our communities',
    body: 'We agree what we do with residents and the voluntary sector, and we tell them what happened to what they said.',
  },
  {
    kind: 'principle',
    title: 'Open about progress',
    body: 'We publish how we are doing against every commitment, including where we are behind.',
  },
  {
    kind: 'commitment',
    pillar: 'workforce',
    title: 'Pay at least the Real Living Wage',
    body: 'Every member pays its own staff at least the Real Living Wage, and asks the same of its contractors.',
    indicators: ['W1', 'W2', 'W3'],
  },
  {
    kind: 'commitment',
    pillar: 'workforce',
    title: 'Recruit locally',
    body: 'We open routes into work for local people, with apprenticeships and work experience.',
    indicators: ['W4', 'W6', 'W7'],
  },
  {
    kind: 'commitment',
    pillar: 'procurement',
    title: 'Spend locally',
    body: 'We spend more of our budgets with suppliers in Cheshire and Merseyside.',
    indicators: ['P1', 'P5'],
  },
  {
    kind: 'commitment',
    pillar: 'infrastructure',
    title: 'Open our buildings',
    body: 'Community groups can use our halls, rooms and grounds free or at cost.',
    indicators: ['I1'],
  },
  {
    kind: 'commitment',
    pillar: 'environment',
    title: 'Cut our carbon',
    body: 'We cut our scope 1 and 2 emissions in line with the NHS net zero trajectory.',
    indicators: ['E1', 'E2'],
  },
  {
    kind: 'commitment',
    pillar: 'partners',
    title: 'Work as one',
    body: 'We run joint initiatives and pool money where working together does more.',
    indicators: ['L1', 'L2'],
  },
  {
    kind: 'commitment',
    pillar: 'community',
    title: 'Give time',
    body: 'Our staff volunteer in their communities, with paid time to do so.',
    indicators: ['C4'],
  },
];

/** Version 2's changes: the same keys, each change with its reason. */
const CHANGED: Readonly<Record<string, { body: string; indicators?: string[]; note: string }>> = {
  'Spend locally': {
    body: 'We spend more of our budgets with suppliers in Cheshire and Merseyside, and with small firms and social enterprises in its most deprived areas.',
    indicators: ['P1', 'P2', 'P3', 'P4', 'P5'],
    note: 'Residents and the voluntary sector asked that small firms and social enterprises in the most deprived areas be named, not only local ones.',
  },
  'Recruit locally': {
    body: 'We open routes into work for local people, especially from our most deprived neighbourhoods, with apprenticeships, work experience and support for care leavers and veterans.',
    indicators: ['W4', 'W5', 'W6', 'W7', 'W8'],
    note: 'The consultation asked for priority groups to be named and for the most deprived areas to be counted.',
  },
};

const REMOVED = {
  title: 'Give time',
  note: 'Volunteering is now part of the new commitment to answer local priorities, which residents said mattered more.',
};

const ADDED: DemoItem = {
  kind: 'commitment',
  pillar: 'community',
  title: 'Answer local priorities',
  body: 'We answer every priority residents raise with us, in public, and say what we did about it.',
  indicators: ['C1', 'C2', 'C3', 'C4'],
};

const SIGNATORIES: Readonly<Record<string, { name: string; role: string }>> = {
  'DEMO-MVH': { name: 'Dr Helen Marsh', role: 'Chief Executive' },
  'DEMO-RBC': { name: 'Cllr Tom Reid', role: 'Leader of the Council' },
  'DEMO-UME': { name: 'Professor Amina Yusuf', role: 'Vice-Chancellor' },
  'DEMO-WVH': { name: 'Gareth Owen', role: 'Chief Executive' },
  'DEMO-NCF': { name: 'Chief Fire Officer Jo Clarke', role: 'Chief Fire Officer' },
  'DEMO-SHC': { name: 'Dr Sian Price', role: 'Principal' },
};

/** The members that have signed version 2 (the others signed version 1 only). */
const SIGNED_AGAIN = ['DEMO-MVH', 'DEMO-RBC', 'DEMO-UME', 'DEMO-SHC'];

const PLEDGES = [
  {
    org: 'DEMO-MVH',
    commitment: 'Pay at least the Real Living Wage',
    pledge: 'Pay every directly employed member of staff at least the Real Living Wage',
    targetText: 'All directly employed staff',
    indicatorCode: 'W1',
    targetValue: 100,
    dueOn: '2026-03-31',
  },
  {
    org: 'DEMO-MVH',
    commitment: 'Spend locally',
    pledge: 'Spend at least a quarter of our supplier spend in Cheshire and Merseyside',
    targetText: 'A quarter of supplier spend',
    indicatorCode: 'P1',
    targetValue: 25,
    dueOn: '2027-03-31',
  },
  {
    org: 'DEMO-RBC',
    commitment: 'Open our buildings',
    pledge: 'Open the town hall and libraries to community groups for 2,000 hours a year',
    targetText: '2,000 hours a year',
    indicatorCode: 'I1',
    targetValue: 2000,
    dueOn: '2026-03-31',
  },
  {
    org: 'DEMO-UME',
    commitment: 'Recruit locally',
    pledge: 'Start 40 apprenticeships a year, half of them for local people',
    targetText: '40 apprenticeship starts a year',
    indicatorCode: 'W7',
    targetValue: 40,
    dueOn: '2026-03-31',
  },
  {
    org: 'DEMO-RBC',
    commitment: 'Answer local priorities',
    pledge: 'Hold a residents’ panel in each ward every year',
    targetText: 'One panel in each of 21 wards',
    indicatorCode: null,
    targetValue: null,
    dueOn: '2027-03-31',
  },
] as const;

export async function seedDemoCharter(
  deps: Deps,
  partnership: Partnership,
  actor: AuditActor,
): Promise<void> {
  const charter = deps.charter;
  const pid = partnership.id;

  // Version 1: drafted, consulted on in early 2024, adopted on 1 April 2024.
  const v1 = await charter.startDraft(pid, actor);
  await charter.updateDetails(
    pid,
    v1.id,
    {
      title: 'Cheshire and Merseyside Anchor Charter',
      summary:
        'The first charter of the network, written with residents and the voluntary sector at twelve events across the nine boroughs.',
    },
    actor,
  );
  for (const item of VERSION_1)
    await charter.addItem(
      pid,
      v1.id,
      {
        kind: item.kind,
        pillar: item.pillar ?? null,
        title: item.title,
        body: item.body,
        indicatorCodes: item.indicators ?? [],
        changeNote: '',
      },
      actor,
    );
  await consultAndAdopt(deps, pid, v1.id, actor, {
    opens: '2024-01-15',
    closes: '2024-03-15',
    adoptedOn: '2024-04-01',
  });

  // Version 2: the changes asked for in 2025, adopted on 1 July 2025.
  const v2 = await charter.startDraft(pid, actor);
  await charter.updateDetails(
    pid,
    v2.id,
    {
      title: 'Cheshire and Merseyside Anchor Charter',
      summary:
        'The second version, after a year of delivery and the spring 2025 consultation: it names small firms, social enterprises and priority groups, and commits to answering local priorities in public.',
    },
    actor,
  );
  const draft = await charter.version(pid, v2.id);
  for (const item of draft?.items ?? []) {
    const change = CHANGED[item.title];
    if (change)
      await charter.updateItem(
        pid,
        v2.id,
        item.id,
        {
          pillar: item.pillar,
          title: item.title,
          body: change.body,
          indicatorCodes: change.indicators ?? item.indicator_codes,
          changeNote: change.note,
        },
        actor,
      );
    if (item.title === REMOVED.title)
      await charter.removeItem(pid, v2.id, item.id, REMOVED.note, actor);
  }
  await charter.addItem(
    pid,
    v2.id,
    {
      kind: ADDED.kind,
      pillar: ADDED.pillar ?? null,
      title: ADDED.title,
      body: ADDED.body,
      indicatorCodes: ADDED.indicators ?? [],
      changeNote: 'Residents asked for a public answer to every priority they raise.',
    },
    actor,
  );
  await consultAndAdopt(
    deps,
    pid,
    v2.id,
    actor,
    { opens: '2025-04-14', closes: '2025-06-13', adoptedOn: '2025-07-01' },
    (version) => seedDemoConsultation(deps, version, actor),
  );

  // Signatures: all six signed version 1; four have signed version 2 so far.
  const db = deps.database.db;
  const versions = await charter.versions(pid);
  for (const [code, who] of Object.entries(SIGNATORIES)) {
    const org = await findOrganisationByCode(db, pid, code);
    if (!org) continue;
    for (const v of [...versions].reverse()) {
      if (v.number === 2 && !SIGNED_AGAIN.includes(code)) continue;
      await db
        .insertInto('charter_signatures')
        .values({
          partnership_id: pid,
          version_id: v.id,
          organisation_id: org.id,
          signatory_name: who.name,
          signatory_role: who.role,
          signed_on: v.number === 1 ? '2024-04-22' : '2025-07-15',
        })
        .execute();
    }
  }

  const adopted = await charter.adopted(pid);
  const keyOf = new Map((adopted?.items ?? []).map((i) => [i.title, i.key]));
  for (const p of PLEDGES) {
    const org = await findOrganisationByCode(db, pid, p.org);
    const key = keyOf.get(p.commitment);
    if (!org || !key) continue;
    await charter.addPledge(
      pid,
      org.id,
      {
        commitmentKey: key,
        pledge: p.pledge,
        indicatorCode: p.indicatorCode,
        targetValue: p.targetValue,
        targetText: p.targetText,
        dueOn: p.dueOn,
      },
      actor,
    );
  }
}

/** Opens a consultation with past dates and adopts the version after it closed. */
async function consultAndAdopt(
  deps: Deps,
  partnershipId: string,
  versionId: string,
  actor: AuditActor,
  dates: { opens: string; closes: string; adoptedOn: string },
  whileOpen?: (version: CharterVersion) => Promise<void>,
) {
  const opened = await deps.charter.move(
    partnershipId,
    versionId,
    () => ({
      state: 'consultation',
      consultation_opens: dates.opens,
      consultation_closes: dates.closes,
      pre_moderation: false,
    }),
    { action: 'charter.consultation.opened', actor },
  );
  await whileOpen?.(opened);
  const unanswered = await deps.consultation.unanswered(versionId);
  await deps.charter.move(
    partnershipId,
    versionId,
    (inside) => {
      const t = transition(inside.version.state, 'adopt', {
        closes: inside.version.consultation_closes,
        today: dates.adoptedOn,
        unansweredSuggestions: unanswered,
      });
      if (!t.ok) throw new Error(t.reason);
      return { state: 'adopted', adopted_on: dates.adoptedOn };
    },
    { action: 'charter.version.adopted', actor },
  );
}

/** Demo residents: light accounts with no role, who took part in the 2025 consultation. */
export const DEMO_RESIDENTS = [
  { email: 'resident@demo.anchorage.example', name: 'Participant' },
  { email: 'resident2@demo.anchorage.example', name: 'Participant' },
] as const;

/**
 * The spring 2025 consultation on version 2: responses under a name and anonymous, one entered
 * by staff from a paper form, one hidden by a moderator with its reason, and a public answer to
 * every suggestion, each pointing at what it led to.
 */
async function seedDemoConsultation(deps: Deps, version: CharterVersion, actor: AuditActor) {
  const pid = version.partnership_id;
  const residents = [];
  for (const r of DEMO_RESIDENTS) {
    const user = await deps.accounts.createUser(
      { email: r.email, displayName: r.name, password: DEMO_PASSWORD },
      actor,
    );
    residents.push(user.id);
  }
  const [first, second] = residents;
  const current = await deps.charter.version(pid, version.id);
  const key = (title: string) => current?.items.find((i) => i.title === title)?.key ?? null;
  const participant = (userId: string | undefined) => ({
    kind: 'participant' as const,
    userId: userId ?? '',
  });
  // The demo moderator typed in a paper form from a drop-in session.
  const moderator = await deps.database.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'moderator@demo.anchorage.example')
    .executeTakeFirstOrThrow();
  const staff = {
    kind: 'assisted' as const,
    actor: { userId: moderator.id, label: moderator.email },
    enteredHow: 'Paper form at the Birkenhead library drop-in, 3 May 2025',
  };
  const c = deps.consultation;
  const spend = await c.respond(
    version,
    {
      itemKey: key('Spend locally'),
      stance: 'agree',
      comment: 'Local is good, but the big local firms get it all.',
      amendment:
        'Name small firms and social enterprises in our poorest areas, not just local ones.',
      displayName: 'Maya, Wallasey',
    },
    participant(first),
  );
  const recruit = await c.respond(
    version,
    {
      itemKey: key('Recruit locally'),
      stance: 'agree',
      comment: '',
      amendment: 'Say you will help care leavers and veterans into work.',
      displayName: null,
    },
    participant(second),
  );
  const paper = await c.respond(
    version,
    {
      itemKey: key('Pay at least the Real Living Wage'),
      stance: 'agree',
      comment: 'My daughter cleans at the hospital through an agency. Does this cover her?',
      amendment: '',
      displayName: 'Mrs P',
    },
    staff,
  );
  const rude = await c.respond(
    version,
    {
      itemKey: key('Cut our carbon'),
      stance: 'disagree',
      comment: 'A waste of money. The estates manager should be sacked.',
      amendment: '',
      displayName: null,
    },
    participant(second),
  );
  const priorities = await c.respond(
    version,
    {
      itemKey: null,
      stance: null,
      title: 'Answer local priorities',
      pillar: 'community',
      amendment: 'Publish every local priority residents raise and say what you did about it.',
      comment: 'We raise things at meetings and never hear back.',
      displayName: 'Friends of Tranmere Park',
    },
    participant(second),
  );
  // Cards handed in at three community events, typed in by the moderator: agree or disagree only.
  const cards: [string, number, number][] = [
    ['Pay at least the Real Living Wage', 18, 3],
    ['Recruit locally', 14, 2],
    ['Spend locally', 22, 6],
    ['Open our buildings', 9, 1],
    ['Cut our carbon', 11, 7],
    ['Work as one', 8, 0],
  ];
  const events = [
    'Cards at the Wirral community event, 17 May 2025',
    'Cards at the Runcorn market stall, 24 May 2025',
    'Cards at the Sefton carers’ coffee morning, 31 May 2025',
  ];
  let n = 0;
  for (const [title, agree, disagree] of cards)
    for (const stance of [
      ...Array<'agree'>(agree).fill('agree'),
      ...Array<'disagree'>(disagree).fill('disagree'),
    ])
      await c.respond(
        version,
        { itemKey: key(title), stance, comment: '', amendment: '', displayName: null },
        { ...staff, enteredHow: events[n++ % events.length] ?? '' },
      );

  // The consultation ran in spring 2025: its responses are dated within it.
  const db = deps.database.db;
  for (const [row, on] of [
    [spend, '2025-04-22T10:15:00Z'],
    [recruit, '2025-05-02T19:40:00Z'],
    [rude, '2025-05-09T08:05:00Z'],
    [priorities, '2025-05-20T13:30:00Z'],
  ] as const)
    await db
      .updateTable('consultation_responses')
      .set({ created_at: new Date(on) })
      .where('id', '=', row.id)
      .execute();
  // Typed in after the last event.
  await db
    .updateTable('consultation_responses')
    .set({ created_at: new Date('2025-06-02T11:00:00Z') })
    .where('version_id', '=', version.id)
    .where('entered_by', 'is not', null)
    .execute();
  await db
    .updateTable('consultation_responses')
    .set({ created_at: new Date('2025-05-03T11:00:00Z') })
    .where('id', '=', paper.id)
    .execute();
  await c.moderate(pid, rude.id, 'hide', 'It named a member of staff.', actor);
  await c.answer(
    pid,
    spend.id,
    {
      kind: 'accepted',
      reason:
        'Version 2 names small firms and social enterprises in the most deprived areas, and P2 to P4 now show them.',
      commitmentKeys: [key('Spend locally') ?? 'C3'],
      indicatorCodes: ['P2', 'P3', 'P4'],
      initiativeIds: [],
    },
    actor,
  );
  await c.answer(
    pid,
    recruit.id,
    {
      kind: 'accepted',
      reason: 'Priority groups are named in version 2, and W8 counts people supported into work.',
      commitmentKeys: [key('Recruit locally') ?? 'C2'],
      indicatorCodes: ['W5', 'W8'],
      initiativeIds: [],
    },
    actor,
  );
  await c.answer(
    pid,
    priorities.id,
    {
      kind: 'partly-accepted',
      reason:
        'Version 2 commits to answering every local priority in public. We did not add a new pillar: it sits under community engagement, and C3 shows how many are answered.',
      commitmentKeys: [key('Answer local priorities') ?? 'C8'],
      indicatorCodes: ['C3'],
      initiativeIds: [],
    },
    actor,
  );
  // Answered after the consultation closed, before version 2 was adopted.
  await db
    .updateTable('public_answers')
    .set({ answered_at: new Date('2025-06-24T09:00:00Z') })
    .where('partnership_id', '=', pid)
    .execute();
}

/**
 * Local priorities residents raised in 2025–26: supported by others, three answered in public
 * (one linked to a joint initiative), one still waiting, so C3 reads 3 of 4.
 */
export async function seedDemoPriorities(deps: Deps, partnership: Partnership, actor: AuditActor) {
  const pid = partnership.id;
  const service = prioritiesService(deps);
  const db = deps.database.db;
  const residents = await db
    .selectFrom('users')
    .select('id')
    .where(
      'email',
      'in',
      DEMO_RESIDENTS.map((r) => r.email),
    )
    .orderBy('email')
    .execute();
  const [first, second] = residents.map((r) => r.id);
  const initiatives = await deps.initiatives.list(pid);
  const raised = [];
  for (const [who, p, on] of [
    [
      first,
      {
        title: 'Free rooms for youth clubs in the evenings',
        description:
          'Our youth club lost its hall. Hospital and council rooms sit empty after 6pm.',
        area: 'E08000015',
        pillar: 'infrastructure',
        displayName: 'Wirral Youth Forum',
      },
      '2025-05-12T18:00:00Z',
    ],
    [
      second,
      {
        title: 'Local jobs for people leaving care',
        description:
          'Care leavers in Knowsley struggle to get a first job. Ring-fence apprenticeships for them.',
        area: 'E08000011',
        pillar: 'workforce',
        displayName: null,
      },
      '2025-07-02T09:30:00Z',
    ],
    [
      first,
      {
        title: 'Warmer homes before winter',
        description:
          'Damp, cold homes make people ill. Pool money to insulate the worst homes first.',
        area: null,
        pillar: 'partners',
        displayName: 'Maya, Wallasey',
      },
      '2025-09-20T12:00:00Z',
    ],
    [
      second,
      {
        title: 'Buy food for hospitals from local farms',
        description: 'Cheshire farms could supply hospital kitchens and cut food miles.',
        area: null,
        pillar: 'procurement',
        displayName: null,
      },
      '2026-10-05T16:45:00Z',
    ],
  ] as const) {
    const row = await service.raise(pid, p, { kind: 'participant', userId: who ?? '' });
    await db
      .updateTable('local_priorities')
      .set({ created_at: new Date(on) })
      .where('id', '=', row.id)
      .execute();
    raised.push(row);
  }
  const [rooms, careLeavers, homes] = raised;
  if (rooms && second) await service.support(pid, rooms.id, second);
  if (careLeavers && first) await service.support(pid, careLeavers.id, first);
  const healthyHomes = initiatives.find((i) => /homes/i.test(i.title));
  const answers = [
    [
      rooms,
      {
        kind: 'accepted' as const,
        reason:
          'Members now list rooms free for community groups after 6pm; I1 counts the hours used.',
        commitmentKeys: ['C4'],
        indicatorCodes: ['I1'],
        initiativeIds: [],
      },
    ],
    [
      careLeavers,
      {
        kind: 'partly-accepted' as const,
        reason:
          'We do not ring-fence apprenticeships, but care leavers are guaranteed an interview, and W8 counts them.',
        commitmentKeys: ['C2'],
        indicatorCodes: ['W8'],
        initiativeIds: [],
      },
    ],
    [
      homes,
      {
        kind: 'already-covered' as const,
        reason: 'The members already pool money in a joint initiative for warmer, drier homes.',
        commitmentKeys: ['C6'],
        indicatorCodes: ['L2'],
        initiativeIds: healthyHomes ? [healthyHomes.id] : [],
      },
    ],
  ] as const;
  for (const [row, answer] of answers)
    if (row)
      await service.answer(
        pid,
        row.id,
        {
          ...answer,
          commitmentKeys: [...answer.commitmentKeys],
          indicatorCodes: [...answer.indicatorCodes],
          initiativeIds: [...answer.initiativeIds],
        },
        actor,
      );
}
