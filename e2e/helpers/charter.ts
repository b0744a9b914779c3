/**
 * A charter in every state its pages show, for the journeys that open every page: version 1
 * consulted on (a response under a name with a suggested change, answered; a suggested new
 * commitment; one hidden with its reason), closed, adopted, signed by an organisation with a
 * pledge; version 2 a draft with its words; local priorities (one supported and answered, one
 * hidden). Long words, as people write them.
 */
import { addDays, isoDate } from '../../src/core/periods.js';
import type { Deps } from '../../src/deps.js';
import { prioritiesService } from '../../src/features/priorities/priorities.service.js';
import { SurveyService } from '../../src/features/survey/survey.service.js';
import { FIXTURE_ACTOR, type OwnPartnership } from './fixtures.js';
import { unique } from './pages.js';

export interface CharterIds {
  /** For each version: its id, an item's id and a response's id (version 2 has none). */
  readonly versions: { versionId: string; charterItemId: string; responseId: string }[];
  readonly pledgeId: string;
  readonly key: string;
  /** A local priority, supported and answered with what it led to (another one is hidden). */
  readonly priorityId: string;
  /** A survey question on the draft version 2. */
  readonly questionId: string;
}

export async function charterInEveryState(
  deps: Deps,
  own: OwnPartnership,
  organisationId: string,
): Promise<CharterIds> {
  const pid = own.partnership.id;
  const today = isoDate(new Date());
  const v1 = await deps.charter.startDraft(pid, FIXTURE_ACTOR);
  const item = (kind: 'principle' | 'commitment', pillar: string | null, title: string) =>
    deps.charter.addItem(
      pid,
      v1.id,
      {
        kind,
        pillar,
        title,
        body: `${title}: every member organisation, including subcontracted facilities-management providers, commits to this throughout the partnership’s area.`,
        indicatorCodes: kind === 'commitment' ? ['W1', 'W2'] : [],
        changeNote: '',
      },
      FIXTURE_ACTOR,
    );
  await item('principle', null, 'Accountability to neighbourhoods and communities');
  const c1 = await item('commitment', 'workforce', 'Pay at least the Real Living Wage to everyone');
  const opened = await deps.charter.move(
    pid,
    v1.id,
    () => ({
      state: 'consultation',
      consultation_opens: today,
      consultation_closes: addDays(today, 20),
      pre_moderation: false,
    }),
    { action: 'charter.consultation.opened', actor: FIXTURE_ACTOR },
  );
  const resident = await deps.accounts.createUser(
    {
      email: `reflow-resident-${unique()}@e2e.anchorage.example`,
      displayName: 'Participant',
      password: `resident-${unique()}`,
    },
    FIXTURE_ACTOR,
  );
  const who = { kind: 'participant' as const, userId: resident.id };
  const answered = await deps.consultation.respond(
    opened,
    {
      itemKey: c1.key,
      stance: 'agree',
      comment: 'Subcontracted cleaners, porters and caterers deserve this too.',
      amendment: 'Name subcontracted facilities-management staff explicitly.',
      displayName: 'Residents’ association of Birkenhead',
    },
    who,
  );
  await deps.consultation.respond(
    opened,
    {
      itemKey: null,
      stance: null,
      title: 'Answer neighbourhood priorities publicly',
      pillar: 'community',
      amendment: 'Publish every neighbourhood priority and what was done about it.',
      comment: '',
      displayName: null,
    },
    who,
  );
  const hidden = await deps.consultation.respond(
    opened,
    {
      itemKey: c1.key,
      stance: 'disagree',
      comment: 'Rude words',
      amendment: '',
      displayName: null,
    },
    { kind: 'assisted', actor: FIXTURE_ACTOR, enteredHow: 'Paper form at the library' },
  );
  await deps.consultation.moderate(
    pid,
    hidden.id,
    'hide',
    'It named a member of staff.',
    FIXTURE_ACTOR,
  );
  await deps.consultation.answer(
    pid,
    answered.id,
    {
      kind: 'partly-accepted',
      reason: 'Subcontracted facilities-management staff are now named in the commitment.',
      commitmentKeys: [c1.key],
      indicatorCodes: ['W2'],
      initiativeIds: [],
    },
    FIXTURE_ACTOR,
  );
  await deps.charter.move(pid, v1.id, () => ({ consultation_closed_at: new Date() }), {
    action: 'charter.consultation.closed',
    actor: FIXTURE_ACTOR,
  });
  await deps.charter.move(pid, v1.id, () => ({ state: 'adopted', adopted_on: today }), {
    action: 'charter.version.adopted',
    actor: FIXTURE_ACTOR,
  });
  await deps.charter.sign(
    pid,
    organisationId,
    {
      signatoryName: 'Professor Amina Yusuf-Okonkwo',
      signatoryRole: 'Vice-Chancellor and Chief Executive',
      signedOn: today,
    },
    FIXTURE_ACTOR,
  );
  const pledge = await deps.charter.addPledge(
    pid,
    organisationId,
    {
      commitmentKey: c1.key,
      pledge: 'Move every subcontracted facilities-management worker onto the Real Living Wage',
      indicatorCode: 'W2',
      targetValue: 100,
      targetText: 'All subcontracted facilities-management staff',
      dueOn: '2027-03-31',
    },
    FIXTURE_ACTOR,
  );
  // Local priorities: one supported and answered with what it led to, one hidden with its reason.
  const priorities = prioritiesService(deps);
  const priority = await priorities.raise(
    pid,
    {
      title: 'Apprenticeships for school leavers in the neighbourhoods around the hospitals',
      description:
        'Young people in Birkenhead and Wallasey cannot find apprenticeships, while the hospitals and the university struggle to recruit facilities-management staff.',
      area: own.partnership.local_area[0] ?? null,
      pillar: 'workforce',
      displayName: 'Residents’ association of Birkenhead',
    },
    who,
  );
  await priorities.support(pid, priority.id, resident.id);
  await priorities.answer(
    pid,
    priority.id,
    {
      kind: 'partly-accepted',
      reason: 'The members will offer apprenticeships in facilities management from next year.',
      commitmentKeys: [c1.key],
      indicatorCodes: ['W2', 'C3'],
      initiativeIds: [],
    },
    FIXTURE_ACTOR,
  );
  const hiddenPriority = await priorities.raise(
    pid,
    {
      title: 'Rude words',
      description: 'Rude words',
      area: null,
      pillar: 'community',
      displayName: null,
    },
    { kind: 'assisted', actor: FIXTURE_ACTOR, enteredHow: 'Paper form at the library' },
  );
  await priorities.moderate(
    pid,
    hiddenPriority.id,
    'hide',
    'It named a member of staff.',
    FIXTURE_ACTOR,
  );
  const v2 = await deps.charter.startDraft(pid, FIXTURE_ACTOR);
  const draft = await deps.charter.version(pid, v2.id);
  // A survey question on the draft, for the survey's question pages.
  const question = await new SurveyService(deps).addQuestion(
    v2,
    {
      kind: 'single',
      prompt:
        'How did you hear about the consultation on the Wirral Anchor Institutions’ charter for social value?',
      options: [
        'A leaflet through the door from the Birkenhead and Wallasey neighbourhood teams',
        'A friend or neighbour',
      ],
      required: false,
    },
    FIXTURE_ACTOR,
  );
  return {
    versions: [
      { versionId: v1.id, charterItemId: c1.id, responseId: answered.id },
      {
        versionId: v2.id,
        charterItemId: draft?.items[0]?.id ?? '',
        responseId: answered.id,
      },
    ],
    pledgeId: pledge.id,
    key: c1.key,
    priorityId: priority.id,
    questionId: question.id,
  };
}
