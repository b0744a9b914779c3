import { describe, expect, it } from 'vitest';
import {
  CSV_HEADER,
  contributionCount,
  contributionsCsvRows,
  contributionsDocument,
  surveyAnswerText,
  type Contributions,
} from './contributions.js';

const at = new Date('2027-03-01T10:00:00Z');

const contributions: Contributions = {
  account: { email: 'sam@example.org', createdAt: at, lastSignInAt: null },
  responses: [
    {
      id: 'r1',
      partnershipName: 'Riverside',
      versionNumber: 2,
      versionTitle: 'Second charter',
      commitmentKey: null,
      commitmentTitle: null,
      suggestedTitle: 'Buy local bread',
      pillar: 'procurement',
      stance: null,
      comment: '',
      amendment: 'Members buy bread locally.',
      state: 'hidden',
      hiddenReason: 'Named a shop owner',
      displayName: null,
      createdAt: at,
      answer: {
        kind: 'partly-accepted',
        reason: 'Added to P1.',
        commitmentKeys: ['P1'],
        indicatorCodes: [],
        answeredAt: at,
      },
    },
  ],
  priorities: [],
  supports: [
    {
      priorityId: 'lp1',
      partnershipName: 'Riverside',
      priorityTitle: null,
      priorityState: 'hidden',
      supportedAt: at,
    },
  ],
  flags: [],
  surveys: [
    {
      id: 's1',
      partnershipName: 'Riverside',
      versionNumber: 2,
      answers: [
        { question: 'How did you hear?', answer: 'Leaflet; Radio' },
        { question: 'Anything else?', answer: '=1+1' },
      ],
      area: 'E08000012',
      imdDecile: 3,
      createdAt: at,
    },
  ],
  follows: [{ partnershipName: 'Riverside', since: at }],
};

describe('the download of a participant’s contributions', () => {
  it('counts what they contributed', () => {
    expect(contributionCount(contributions)).toBe(3);
  });

  it('says states, answers and pillars in words, dates in ISO 8601', () => {
    const doc = contributionsDocument(contributions, at);
    expect(doc.exportedAt).toBe('2027-03-01T10:00:00.000Z');
    expect(doc.consultationResponses[0]).toMatchObject({
      suggestedTitle: 'Buy local bread',
      pillar: 'Procurement',
      state: 'Hidden',
      hiddenReason: 'Named a shop owner',
      nameShown: null,
      publicAnswer: { answer: 'Partly accepted', commitments: ['P1'] },
    });
    expect(doc.prioritiesSupported[0]).toMatchObject({ priority: null, priorityState: 'Hidden' });
    expect(doc.surveyAnswers).toEqual([
      {
        id: 's1',
        partnership: 'Riverside',
        charterVersion: 2,
        answers: [
          { question: 'How did you hear?', answer: 'Leaflet; Radio' },
          { question: 'Anything else?', answer: '=1+1' },
        ],
        area: 'E08000012',
        deprivationDecile: 3,
        createdAt: '2027-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('gives one CSV row per thing, the first column saying what it is', () => {
    const rows = contributionsCsvRows(contributions);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    for (const r of rows) expect(r).toHaveLength(CSV_HEADER.length);
    const col = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    expect(rows.map((r) => r[0])).toEqual([
      'What',
      'Account',
      'Suggested new commitment',
      'Local priority supported',
      'Survey answer',
      'Survey answer',
      'Partnership followed',
    ]);
    expect(rows[1]?.[col('Email address')]).toBe('sam@example.org');
    expect(rows[2]?.[col('Name shown')]).toBe('Anonymous');
    expect(rows[2]?.[col('Answer')]).toBe('Partly accepted');
    expect(rows[3]?.[col('Title')]).toBe('');
    expect(rows[4]?.[col('Question')]).toBe('How did you hear?');
    expect(rows[4]?.[col('Your answer')]).toBe('Leaflet; Radio');
    expect(rows[4]?.[col('Area')]).toBe('E08000012');
    expect(rows[4]?.[col('Deprivation decile')]).toBe('3');
    expect(rows[5]?.[col('Id')]).toBe('s1');
    expect(rows[6]?.[col('Partnership')]).toBe('Riverside');
  });

  it('says a survey answer in words', () => {
    expect(surveyAnswerText(['Leaflet', 'Radio'])).toBe('Leaflet; Radio');
    expect(surveyAnswerText(4)).toBe('4');
    expect(surveyAnswerText('More buses')).toBe('More buses');
    expect(surveyAnswerText(undefined)).toBe('');
  });
});
