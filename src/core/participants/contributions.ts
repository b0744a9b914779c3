/**
 * Everything a participant contributed, across partnerships, as they download it (SPEC §2.8: "a
 * participant can download ... their own data"): their account, their responses to consultations
 * (and the partnership's public answers), the local priorities they raised, the ones they
 * supported, the flags they raised and their answers to consultations' surveys (with the district
 * and deprivation decile kept of a home postcode: the postcode itself never is). Pure: the JSON
 * document and the CSV rows.
 *
 * Nothing here names anyone else: not who entered, moderated or answered something, not who else
 * supported a priority. A priority someone else raised is named by its title only while it is
 * published (a hidden one may have been hidden for what its words said about someone).
 */
import { ANSWER_LABELS, SUGGESTION_STATE_LABELS, isAnswerKind } from '../charter/consultation.js';
import { pillarTitle } from '../pillars.js';
import type { SurveyAnswerValue } from '../charter/survey.js';

export interface PublicAnswer {
  readonly kind: string;
  readonly reason: string;
  readonly commitmentKeys: readonly string[];
  readonly indicatorCodes: readonly string[];
  readonly answeredAt: Date;
}

export interface ResponseContribution {
  readonly id: string;
  readonly partnershipName: string;
  readonly versionNumber: number;
  readonly versionTitle: string;
  /** The commitment responded to, or null for a suggested new commitment. */
  readonly commitmentKey: string | null;
  readonly commitmentTitle: string | null;
  /** A suggested new commitment's title and pillar. */
  readonly suggestedTitle: string | null;
  readonly pillar: string | null;
  readonly stance: 'agree' | 'disagree' | null;
  readonly comment: string;
  readonly amendment: string;
  readonly state: string;
  readonly hiddenReason: string | null;
  readonly displayName: string | null;
  readonly createdAt: Date;
  readonly answer: PublicAnswer | null;
}

export interface PriorityContribution {
  readonly id: string;
  readonly partnershipName: string;
  readonly title: string;
  readonly description: string;
  readonly area: string | null;
  readonly pillar: string;
  readonly state: string;
  readonly hiddenReason: string | null;
  readonly displayName: string | null;
  readonly createdAt: Date;
  /** How many people support it, the person included if they do. */
  readonly supporters: number;
  readonly answer: PublicAnswer | null;
}

export interface SupportContribution {
  readonly priorityId: string;
  readonly partnershipName: string;
  /** The priority's title while it is published; null otherwise. */
  readonly priorityTitle: string | null;
  readonly priorityState: string;
  readonly supportedAt: Date;
}

export interface FlagContribution {
  readonly id: string;
  readonly partnershipName: string;
  readonly about: 'response' | 'priority';
  readonly subjectId: string;
  readonly reason: string;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
}

/** One question of a survey and the person's answer to it, in words ('' when not answered). */
export interface SurveyQuestionAnswer {
  readonly question: string;
  readonly answer: string;
}

export interface SurveyContribution {
  readonly id: string;
  readonly partnershipName: string;
  readonly versionNumber: number;
  /** Every question of the version's survey, in order. */
  readonly answers: readonly SurveyQuestionAnswer[];
  /** The local authority district code of the home postcode given, if any. */
  readonly area: string | null;
  /** The deprivation decile of its neighbourhood, when known. */
  readonly imdDecile: number | null;
  readonly createdAt: Date;
}

/** An answer as text: the option, the options chosen joined by "; ", the point on the scale, the words. */
export function surveyAnswerText(value: SurveyAnswerValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

export interface Contributions {
  readonly account: {
    readonly email: string;
    readonly createdAt: Date;
    readonly lastSignInAt: Date | null;
  };
  readonly responses: readonly ResponseContribution[];
  readonly priorities: readonly PriorityContribution[];
  readonly supports: readonly SupportContribution[];
  readonly flags: readonly FlagContribution[];
  readonly surveys: readonly SurveyContribution[];
  /** Partnerships the person follows (for emails when they open a consultation). */
  readonly follows: readonly { readonly partnershipName: string; readonly since: Date }[];
}

export function stateLabel(state: string): string {
  return (SUGGESTION_STATE_LABELS as Readonly<Record<string, string>>)[state] ?? state;
}

export function answerLabel(kind: string): string {
  return isAnswerKind(kind) ? ANSWER_LABELS[kind] : kind;
}

export const STANCE_LABELS: Readonly<Record<'agree' | 'disagree', string>> = {
  agree: 'Agree',
  disagree: 'Disagree',
};

export function contributionCount(c: Contributions): number {
  return (
    c.responses.length + c.priorities.length + c.supports.length + c.flags.length + c.surveys.length
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function answerJson(a: PublicAnswer | null) {
  return a
    ? {
        answer: answerLabel(a.kind),
        reason: a.reason,
        commitments: [...a.commitmentKeys],
        indicators: [...a.indicatorCodes],
        answeredAt: iso(a.answeredAt),
      }
    : null;
}

/** The JSON download: one document, dates in ISO 8601, states and answers in words. */
export function contributionsDocument(c: Contributions, exportedAt: Date) {
  return {
    exportedAt: iso(exportedAt),
    account: {
      email: c.account.email,
      createdAt: iso(c.account.createdAt),
      lastSignInAt: iso(c.account.lastSignInAt),
    },
    consultationResponses: c.responses.map((r) => ({
      id: r.id,
      partnership: r.partnershipName,
      charterVersion: r.versionNumber,
      charterVersionTitle: r.versionTitle,
      commitment: r.commitmentKey,
      commitmentTitle: r.commitmentTitle,
      suggestedTitle: r.suggestedTitle,
      pillar: r.pillar ? pillarTitle(r.pillar) : null,
      stance: r.stance ? STANCE_LABELS[r.stance] : null,
      comment: r.comment,
      amendment: r.amendment,
      state: stateLabel(r.state),
      hiddenReason: r.hiddenReason,
      nameShown: r.displayName,
      createdAt: iso(r.createdAt),
      publicAnswer: answerJson(r.answer),
    })),
    localPriorities: c.priorities.map((p) => ({
      id: p.id,
      partnership: p.partnershipName,
      title: p.title,
      description: p.description,
      area: p.area,
      pillar: pillarTitle(p.pillar),
      state: stateLabel(p.state),
      hiddenReason: p.hiddenReason,
      nameShown: p.displayName,
      supporters: p.supporters,
      createdAt: iso(p.createdAt),
      publicAnswer: answerJson(p.answer),
    })),
    prioritiesSupported: c.supports.map((s) => ({
      priorityId: s.priorityId,
      partnership: s.partnershipName,
      priority: s.priorityTitle,
      priorityState: stateLabel(s.priorityState),
      supportedAt: iso(s.supportedAt),
    })),
    flagsRaised: c.flags.map((f) => ({
      id: f.id,
      partnership: f.partnershipName,
      about: f.about,
      aboutId: f.subjectId,
      reason: f.reason,
      createdAt: iso(f.createdAt),
      resolvedAt: iso(f.resolvedAt),
    })),
    surveyAnswers: c.surveys.map((s) => ({
      id: s.id,
      partnership: s.partnershipName,
      charterVersion: s.versionNumber,
      answers: s.answers.map((a) => ({ question: a.question, answer: a.answer })),
      area: s.area,
      deprivationDecile: s.imdDecile,
      createdAt: iso(s.createdAt),
    })),
    partnershipsFollowed: c.follows.map((f) => ({
      partnership: f.partnershipName,
      since: iso(f.since),
    })),
  };
}

export const CSV_HEADER = [
  'What',
  'Partnership',
  'Charter version',
  'Commitment',
  'Title',
  'Pillar',
  'Stance',
  'Comment',
  'Suggested words or description',
  'Area',
  'State',
  'Why it is hidden',
  'Name shown',
  'When',
  'Supporters',
  'Answer',
  'Reason for the answer',
  'Answered',
  'Question',
  'Your answer',
  'Deprivation decile',
  'Email address',
  'Id',
] as const;

type Row = Record<(typeof CSV_HEADER)[number], string>;

function row(values: Partial<Row>): string[] {
  return CSV_HEADER.map((h) => values[h] ?? '');
}

function answerCells(a: PublicAnswer | null): Partial<Row> {
  return a
    ? {
        Answer: answerLabel(a.kind),
        'Reason for the answer': a.reason,
        Answered: a.answeredAt.toISOString(),
      }
    : {};
}

/**
 * The CSV download: a header, then one row per thing, the first column saying what it is. Cells
 * are plain text here; the download makes them safe for spreadsheets (http/csv-download.ts).
 */
export function contributionsCsvRows(c: Contributions): string[][] {
  return [
    [...CSV_HEADER],
    row({
      What: 'Account',
      'Email address': c.account.email,
      When: c.account.createdAt.toISOString(),
    }),
    ...c.responses.map((r) =>
      row({
        What: r.commitmentKey ? 'Response to a commitment' : 'Suggested new commitment',
        Partnership: r.partnershipName,
        'Charter version': String(r.versionNumber),
        Commitment: r.commitmentKey ?? '',
        Title: r.commitmentKey ? (r.commitmentTitle ?? '') : (r.suggestedTitle ?? ''),
        Pillar: r.pillar ? pillarTitle(r.pillar) : '',
        Stance: r.stance ? STANCE_LABELS[r.stance] : '',
        Comment: r.comment,
        'Suggested words or description': r.amendment,
        State: stateLabel(r.state),
        'Why it is hidden': r.hiddenReason ?? '',
        'Name shown': r.displayName ?? 'Anonymous',
        When: r.createdAt.toISOString(),
        ...answerCells(r.answer),
        Id: r.id,
      }),
    ),
    ...c.priorities.map((p) =>
      row({
        What: 'Local priority raised',
        Partnership: p.partnershipName,
        Title: p.title,
        Pillar: pillarTitle(p.pillar),
        'Suggested words or description': p.description,
        Area: p.area ?? '',
        State: stateLabel(p.state),
        'Why it is hidden': p.hiddenReason ?? '',
        'Name shown': p.displayName ?? 'Anonymous',
        When: p.createdAt.toISOString(),
        Supporters: String(p.supporters),
        ...answerCells(p.answer),
        Id: p.id,
      }),
    ),
    ...c.supports.map((s) =>
      row({
        What: 'Local priority supported',
        Partnership: s.partnershipName,
        Title: s.priorityTitle ?? '',
        State: stateLabel(s.priorityState),
        When: s.supportedAt.toISOString(),
        Id: s.priorityId,
      }),
    ),
    ...c.flags.map((f) =>
      row({
        What: f.about === 'response' ? 'Flag raised on a response' : 'Flag raised on a priority',
        Partnership: f.partnershipName,
        Comment: f.reason,
        State: f.resolvedAt ? 'Looked at by a moderator' : 'Waiting for a moderator',
        When: f.createdAt.toISOString(),
        Id: f.id,
      }),
    ),
    ...c.surveys.flatMap((s) =>
      s.answers.map((a) =>
        row({
          What: 'Survey answer',
          Partnership: s.partnershipName,
          'Charter version': String(s.versionNumber),
          Question: a.question,
          'Your answer': a.answer,
          Area: s.area ?? '',
          'Deprivation decile': s.imdDecile === null ? '' : String(s.imdDecile),
          When: s.createdAt.toISOString(),
          Id: s.id,
        }),
      ),
    ),
    ...c.follows.map((f) =>
      row({
        What: 'Partnership followed',
        Partnership: f.partnershipName,
        When: f.since.toISOString(),
      }),
    ),
  ];
}
