/**
 * The OpenAPI document's examples, each a request that works against the demo partnership as
 * `anchorage demo` sets it up, and the answer it gets (shortened: lists keep their first
 * entries). `{base}` in an answer stands for the service's address. Examples run in this order
 * (the integration test sends each to the demo): reading the data contributor's return for the
 * quarter now open, entering the two sections left to them, and sending it for review.
 */
export interface ApiExample {
  readonly operationId: string;
  /** Its key in the document (the same for its parameters, body and answer). */
  readonly name: string;
  readonly summary: string;
  /** The demo account whose API token sends the request (operations with a token). */
  readonly demoAccount?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly status: number;
  readonly response: unknown;
}

const DEMO = 'Cheshire and Merseyside Anchor Network (demonstration)';
const MVH = 'Mersey Valley Hospitals NHS Foundation Trust';
const CONTRIBUTOR = 'contributor@demo.anchorage.example';
const API = '{base}/api/v1/partnerships/demo';
const Q2 = `${API}/organisations/DEMO-MVH/returns/2026-27-q2`;
const Q2_PAGE =
  '{base}/manage/demo/organisations/5f243c70-a15e-4c34-aadd-e43feecc5d1f/returns/90fed0fe-5ceb-4c22-83ed-f5af398b8c1b';
const RETURN_PARAMS = { slug: 'demo', orgCode: 'DEMO-MVH', period: '2026-27-q2' };

const LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  attribution:
    'Contains public sector information licensed under the Open Government Licence v3.0.',
};

const COLUMN = {
  name: 'indicator_code',
  description: 'The indicator’s code in the framework, for example W1.',
};

const W1 = {
  indicator_code: 'W1',
  indicator_name: 'Directly employed staff paid at least the Real Living Wage',
  pillar: 'workforce',
  unit: '%',
};
const W2 = {
  indicator_code: 'W2',
  indicator_name: 'Contracted-out staff paid at least the Real Living Wage',
  pillar: 'workforce',
  unit: '%',
};
const YEAR_2025 = { period: '2025/26', period_start: '2025-04-01', period_end: '2026-03-31' };
const YEAR_2024 = { period: '2024/25', period_start: '2024-04-01', period_end: '2025-03-31' };

const Q2_PERIOD = {
  key: '2026-27-q2',
  label: 'Q2 2026/27',
  kind: 'quarter',
  startsOn: '2026-07-01',
  endsOn: '2026-09-30',
  dueOn: '2026-11-30',
};

const count = (item: string, label: string, value: number | null) => ({
  item,
  label,
  unit: 'count',
  required: true,
  wholeNumber: true,
  value,
  note: null,
  confidence: null,
});
const pounds = (item: string, label: string, value: number | null) => ({
  item,
  label,
  unit: '£',
  required: true,
  wholeNumber: false,
  value,
  note: null,
  confidence: null,
});

const WORKFORCE = {
  apprenticeship_starts: 14,
  priority_group_entrants: 9,
  work_experience_weeks: 36,
};
const PROCUREMENT = {
  spend_total_gbp: 52_000_000,
  spend_local_gbp: 23_400_000,
  spend_deprived_gbp: 9_100_000,
  spend_sme_gbp: 14_800_000,
  spend_vcse_gbp: 1_250_000.5,
  spend_location_known_gbp: 50_100_000,
  tenders_total: 42,
  tenders_sv_weighted_10pc: 31,
};

function workforce(values: Partial<typeof WORKFORCE>, status: string, canEdit: boolean) {
  return {
    pillar: 'workforce',
    title: 'Workforce',
    status,
    canEdit,
    figures: [
      count('apprenticeship_starts', 'Apprenticeship starts', values.apprenticeship_starts ?? null),
      count(
        'priority_group_entrants',
        'People from priority groups supported into work',
        values.priority_group_entrants ?? null,
      ),
      count(
        'work_experience_weeks',
        'Weeks of work experience and placements offered',
        values.work_experience_weeks ?? null,
      ),
    ],
    links: { self: `${Q2}/sections/workforce` },
  };
}

function procurement(values: Partial<typeof PROCUREMENT>, status: string, canEdit: boolean) {
  return {
    pillar: 'procurement',
    title: 'Procurement',
    status,
    canEdit,
    // The section's other six figures are left out of the example.
    figures: [
      pounds('spend_total_gbp', 'Total spend with suppliers (£)', values.spend_total_gbp ?? null),
      count(
        'tenders_sv_weighted_10pc',
        'Tenders with social value weighted at 10% or more',
        values.tenders_sv_weighted_10pc ?? null,
      ),
    ],
    links: { self: `${Q2}/sections/procurement` },
  };
}

function q2Return(
  status: string,
  sections: unknown[],
  extra: { canSubmit: boolean; problems: string[] },
) {
  return {
    organisation: { code: 'DEMO-MVH', name: MVH },
    period: Q2_PERIOD,
    revision: 1,
    status,
    ...extra,
    sections,
    queries: [],
    links: { self: Q2, submit: `${Q2}/submit`, page: Q2_PAGE },
  };
}

export const API_EXAMPLES: readonly ApiExample[] = [
  {
    operationId: 'getPartnership',
    name: 'demo',
    summary: 'The demo partnership: three years published, 2024/25 corrected once',
    params: { slug: 'demo' },
    status: 200,
    response: {
      name: DEMO,
      slug: 'demo',
      years: [
        {
          year: '2024/25',
          key: '2024-25',
          revision: 2,
          published: '2026-12-03',
          correction:
            'Weaver Vale Homes asked for only the partnership total to be shown for W2, contracted-out staff paid the Real Living Wage.',
          links: {
            self: `${API}/figures/2024-25`,
            revision: `${API}/figures/2024-25/revisions/{revision}`,
            page: '{base}/p/demo/figures/2024-25',
            json: '{base}/p/demo/figures/2024-25/figures.json',
            csv: '{base}/p/demo/figures/2024-25/figures.csv',
          },
        },
      ],
      links: {
        self: API,
        page: '{base}/p/demo',
        dictionary: '{base}/p/demo/figures/data-dictionary',
      },
    },
  },
  {
    operationId: 'getPartnership',
    name: 'unknown',
    summary: 'A partnership that does not exist, or has published nothing',
    params: { slug: 'no-such-partnership' },
    status: 404,
    response: {
      error: {
        code: 'not_found',
        message: 'There are no published figures for this partnership.',
      },
    },
  },
  {
    operationId: 'getFigures',
    name: 'demo-2025-26',
    summary: 'The demo partnership’s figures for 2025/26 (two of its rows)',
    params: { slug: 'demo', year: '2025-26' },
    status: 200,
    response: {
      title: `${DEMO}: figures for 2025/26`,
      publisher: DEMO,
      year: '2025/26',
      revision: 1,
      published: '2026-12-03',
      correction: null,
      figuresAsOf: '2026-12-03',
      licence: LICENCE,
      links: {
        self: '{base}/p/demo/figures/2025-26/figures.json',
        page: '{base}/p/demo/figures/2025-26',
        dictionary: '{base}/p/demo/figures/data-dictionary',
      },
      columns: [COLUMN],
      rows: [
        {
          ...W1,
          ...YEAR_2025,
          level: 'partnership',
          organisation_id: null,
          organisation_name: null,
          value: 95.45454545454545,
          value_text: '95.5%',
          hidden: 'no',
          note: '6 of 6 organisations; pay known for 100.0% of directly employed staff, for the 3 of them whose figure the service worked out; worked out from counts rounded to the nearest 5',
          change: null,
          status: 'On track',
          revision: 1,
          published: '2026-12-03',
          licence: 'Open Government Licence v3.0',
        },
        {
          ...W1,
          ...YEAR_2025,
          level: 'organisation',
          organisation_id: '5f243c70-a15e-4c34-aadd-e43feecc5d1f',
          organisation_name: MVH,
          value: 87.5,
          value_text: '87.5%',
          hidden: 'no',
          note: 'Pay known for 100.0% of directly employed staff; worked out from counts rounded to the nearest 5',
          change: null,
          status: null,
          revision: 1,
          published: '2026-12-03',
          licence: 'Open Government Licence v3.0',
        },
      ],
    },
  },
  {
    operationId: 'getFigures',
    name: 'not-published',
    summary: 'A year the demo partnership has not published',
    params: { slug: 'demo', year: '2026-27' },
    status: 404,
    response: {
      error: { code: 'not_found', message: 'There are no published figures for this year.' },
    },
  },
  {
    operationId: 'getFiguresRevision',
    name: 'demo-2024-25-revision-1',
    summary:
      'The demo partnership’s first revision of 2024/25, before its correction: Weaver Vale Homes’ own W2 figure is shown (one of its rows)',
    params: { slug: 'demo', year: '2024-25', revision: '1' },
    status: 200,
    response: {
      title: `${DEMO}: figures for 2024/25`,
      publisher: DEMO,
      year: '2024/25',
      revision: 1,
      published: '2026-12-03',
      correction: null,
      figuresAsOf: '2026-12-03',
      licence: LICENCE,
      links: {
        self: '{base}/p/demo/figures/2024-25/revisions/1/figures.json',
        page: '{base}/p/demo/figures/2024-25/revisions/1',
        dictionary: '{base}/p/demo/figures/data-dictionary',
      },
      columns: [COLUMN],
      rows: [
        {
          ...W2,
          ...YEAR_2024,
          level: 'organisation',
          organisation_id: '5d3e2422-c624-4e96-a9b1-fa96ebc01b1c',
          organisation_name: 'Weaver Vale Homes',
          value: 58.333333333333336,
          value_text: '58.3%',
          hidden: 'no',
          note: 'From the approved return; worked out from counts rounded to the nearest 5',
          change: null,
          status: null,
          revision: 1,
          published: '2026-12-03',
          licence: 'Open Government Licence v3.0',
        },
      ],
    },
  },
  {
    operationId: 'listReturns',
    name: 'contributor',
    summary:
      'The demo data contributor’s periods and returns (Mersey Valley Hospitals’; the first two)',
    demoAccount: CONTRIBUTOR,
    params: { slug: 'demo' },
    status: 200,
    response: {
      partnership: { name: DEMO, slug: 'demo' },
      periods: [
        Q2_PERIOD,
        {
          key: '2026-27-q1',
          label: 'Q1 2026/27',
          kind: 'quarter',
          startsOn: '2026-04-01',
          endsOn: '2026-06-30',
          dueOn: '2026-08-30',
        },
      ],
      returns: [
        {
          organisation: { code: 'DEMO-MVH', name: MVH },
          period: '2026-27-q2',
          status: 'draft',
          revision: 1,
          links: { self: Q2 },
        },
        {
          organisation: { code: 'DEMO-MVH', name: MVH },
          period: '2026-27-q1',
          status: 'approved',
          revision: 1,
          links: { self: `${API}/organisations/DEMO-MVH/returns/2026-27-q1` },
        },
      ],
    },
  },
  {
    operationId: 'listReturns',
    name: 'no-token',
    summary: 'Without an API token',
    params: { slug: 'demo' },
    status: 401,
    response: {
      error: {
        code: 'unauthenticated',
        message: 'Send your API token in the Authorization header: Authorization: Bearer anc_…',
      },
    },
  },
  {
    operationId: 'getReturn',
    name: 'contributor-q2',
    summary:
      'Mersey Valley Hospitals’ return for Q2 2026/27, as the demo data contributor (workforce and procurement) sees it: the other sections are complete, these two not started',
    demoAccount: CONTRIBUTOR,
    params: RETURN_PARAMS,
    status: 200,
    response: q2Return(
      'draft',
      [workforce({}, 'not-started', true), procurement({}, 'not-started', true)],
      {
        canSubmit: false,
        problems: [
          'Workforce is not marked as complete.',
          'Procurement is not marked as complete.',
        ],
      },
    ),
  },
  {
    operationId: 'putSection',
    name: 'not-right',
    summary: 'Figures that are not right: nothing is saved, and each problem is named',
    demoAccount: CONTRIBUTOR,
    params: { ...RETURN_PARAMS, pillar: 'workforce' },
    body: {
      values: {
        apprenticeship_starts: -3,
        priority_group_entrants: 'twelve',
        work_experience_weeks: 36,
      },
      complete: true,
    },
    status: 400,
    response: {
      error: {
        code: 'invalid',
        message: 'Some figures are not right, so nothing was saved.',
        problems: [
          { item: 'apprenticeship_starts', message: 'Apprenticeship starts must be 0 or more' },
          {
            item: 'priority_group_entrants',
            message: 'People from priority groups supported into work must be a number, like 1,250',
          },
        ],
      },
    },
  },
  {
    operationId: 'putSection',
    name: 'workforce',
    summary: 'The workforce figures, marked complete',
    demoAccount: CONTRIBUTOR,
    params: { ...RETURN_PARAMS, pillar: 'workforce' },
    body: { values: WORKFORCE, complete: true },
    status: 200,
    response: q2Return(
      'draft',
      [workforce(WORKFORCE, 'completed', true), procurement({}, 'not-started', true)],
      { canSubmit: false, problems: ['Procurement is not marked as complete.'] },
    ),
  },
  {
    operationId: 'putSection',
    name: 'procurement',
    summary: 'The procurement figures, in pounds and pence, marked complete',
    demoAccount: CONTRIBUTOR,
    params: { ...RETURN_PARAMS, pillar: 'procurement' },
    body: { values: PROCUREMENT, complete: true },
    status: 200,
    response: q2Return(
      'draft',
      [workforce(WORKFORCE, 'completed', true), procurement(PROCUREMENT, 'completed', true)],
      { canSubmit: true, problems: [] },
    ),
  },
  {
    operationId: 'submitReturn',
    name: 'contributor-q2',
    summary: 'Sending the return for review, now every section is complete',
    demoAccount: CONTRIBUTOR,
    params: RETURN_PARAMS,
    status: 200,
    response: q2Return(
      'submitted',
      [workforce(WORKFORCE, 'completed', false), procurement(PROCUREMENT, 'completed', false)],
      { canSubmit: false, problems: ['This return has already been submitted.'] },
    ),
  },
];
