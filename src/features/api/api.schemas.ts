/**
 * The JSON API's schemas, in Zod (decision 035): the routes parse their addresses and bodies with
 * them, the tests check every response against them, and the OpenAPI document is generated from
 * them at start-up (openapi.ts, with z.toJSONSchema). Each schema the document names is in
 * `apiSchemas`, under the name it has there.
 */
import { z } from 'zod';
import { PILLAR_IDS } from '../../core/pillars.js';
import { FIGURE_COLUMNS, OGL_NAME, type FigureColumn } from '../../core/publishing/open-data.js';
import { API_ERROR_CODES } from '../../http/api-errors.js';

/** The schemas the OpenAPI document names, by their name there (components/schemas). */
export const apiSchemas = z.registry<{ id: string }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemas.add(schema, { id });
  return schema;
}

// ----- Addresses ---------------------------------------------------------------------------

export const SlugParam = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .describe('The partnership’s short name, as in its public pages’ addresses (/p/{slug}).');

export const YearParam = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('A financial year: 2025-26 for the year from April 2025 to March 2026.');

export const RevisionParam = z
  .string()
  .regex(/^[1-9]\d{0,5}$/)
  .describe('A revision of the year’s publication: 1, then one more for each correction.');

export const OrgCodeParam = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9-]+$/)
  .describe('The organisation’s code in the partnership, for example its NHS ODS code.');

export const PeriodParam = z
  .string()
  .regex(/^\d{4}-\d{2}(-[qQ][1-4])?$/)
  .describe(
    'A reporting period: 2025-26 for a financial year, 2025-26-q2 for its second quarter (July to September 2025).',
  );

export const PillarParam = z
  .enum(PILLAR_IDS)
  .describe('A pillar of the framework: one section of a return.');

// ----- Errors ------------------------------------------------------------------------------

export const ApiError = named(
  'Error',
  z
    .strictObject({
      error: z.strictObject({
        code: z.enum(API_ERROR_CODES).describe('What went wrong, for programs to read.'),
        message: z.string().describe('What went wrong and what to do, in plain English.'),
        problems: z
          .array(
            z.strictObject({
              item: z.string().describe('The figure (its item) the problem is with.'),
              message: z.string(),
            }),
          )
          .optional()
          .describe('Each figure that was not right, when figures were sent.'),
      }),
    })
    .describe(
      'Every error answer. 401 comes with WWW-Authenticate: Bearer, 429 with Retry-After (seconds).',
    ),
);

// ----- Published figures (no key) ----------------------------------------------------------

const isoDate = z.iso.date();
const url = z.url();

const COLUMN_TYPES: Record<FigureColumn, z.ZodType> = {
  indicator_code: z.string(),
  indicator_name: z.string(),
  pillar: z.string(),
  unit: z.string(),
  period: z.string(),
  period_start: isoDate,
  period_end: isoDate,
  level: z.enum(['partnership', 'organisation']),
  organisation_id: z.string().nullable(),
  organisation_name: z.string().nullable(),
  value: z.number().nullable(),
  value_text: z.string(),
  hidden: z.enum(['yes', 'no']),
  note: z.string(),
  change: z.string().nullable(),
  status: z.string().nullable(),
  revision: z.int().min(1),
  published: isoDate,
  licence: z.literal(OGL_NAME),
};

/** A row of the figures: the columns of the data dictionary, each described as it describes it. */
export const FigureRow = named(
  'FigureRow',
  z
    .strictObject(
      Object.fromEntries(
        FIGURE_COLUMNS.map(([name, description]) => [
          name,
          COLUMN_TYPES[name].describe(description),
        ]),
      ) as Record<FigureColumn, z.ZodType>,
    )
    .describe(
      'One published figure: an indicator, a period, and the partnership or one organisation.',
    ),
);

export const FiguresDocument = named(
  'Figures',
  z
    .strictObject({
      title: z.string(),
      publisher: z.string().describe('The partnership that published the figures.'),
      year: z.string().describe('The financial year, as 2025/26.'),
      revision: z.int().min(1),
      published: isoDate.describe('The day this revision was published.'),
      correction: z
        .string()
        .nullable()
        .describe('Why this revision corrects the one before (null for the first).'),
      figuresAsOf: isoDate.describe('The day the figures were read when published.'),
      licence: z.strictObject({ name: z.string(), url, attribution: z.string() }),
      links: z.strictObject({
        self: url.describe('This document as a download (figures.json).'),
        page: url.describe('The public page of these figures.'),
        dictionary: url.describe('The data dictionary.'),
      }),
      columns: z
        .array(z.strictObject({ name: z.string(), description: z.string() }))
        .describe('The data dictionary: each column of the rows, in order.'),
      rows: z.array(FigureRow),
    })
    .describe(
      'A year’s published figures: the same document, byte for byte once parsed, as the figures.json download of the same address.',
    ),
);

export const PublishedYear = named(
  'PublishedYear',
  z.strictObject({
    year: z.string().describe('The financial year, as 2025/26.'),
    key: YearParam,
    revision: z
      .int()
      .min(1)
      .describe('Its latest revision; revisions 1 to this one stay reachable.'),
    published: isoDate.describe('The day the latest revision was published.'),
    correction: z
      .string()
      .nullable()
      .describe('Why the latest revision corrects the one before (null when never corrected).'),
    links: z.strictObject({
      self: url.describe('The latest revision’s figures in this API.'),
      revision: z
        .string()
        .meta({ format: 'uri-template' })
        .describe(
          'The address of one revision’s figures, with {revision} to be replaced by its number.',
        ),
      page: url.describe('The public page of the year’s figures.'),
      json: url.describe('The figures as a JSON download.'),
      csv: url.describe('The figures as a CSV download.'),
    }),
  }),
);

export const PublicPartnership = named(
  'Partnership',
  z
    .strictObject({
      name: z.string(),
      slug: SlugParam,
      years: z.array(PublishedYear).describe('The years published, latest first.'),
      links: z.strictObject({
        self: url,
        page: url.describe('The partnership’s public page.'),
        dictionary: url.describe('The data dictionary of the figures.'),
      }),
    })
    .describe('A partnership that has published figures, and what it has published.'),
);

// ----- Returns (with an API token) ---------------------------------------------------------

const RETURN_STATUSES = ['not-started', 'draft', 'submitted', 'returned', 'approved'] as const;

const returnStatus = z
  .enum(RETURN_STATUSES)
  .describe(
    'not-started (nothing entered yet), draft, submitted (sent for review), returned (sent back with queries) or approved.',
  );

export const Period = named(
  'Period',
  z.strictObject({
    key: PeriodParam,
    label: z.string().describe('As people say it: 2025/26, or Q2 2025/26.'),
    kind: z.enum(['year', 'quarter']),
    startsOn: isoDate,
    endsOn: isoDate,
    dueOn: isoDate.describe('The day returns for the period are due.'),
  }),
);

const OrganisationRef = z.strictObject({ code: OrgCodeParam, name: z.string() });

export const ReturnSummary = named(
  'ReturnSummary',
  z.strictObject({
    organisation: OrganisationRef,
    period: PeriodParam,
    status: returnStatus,
    revision: z
      .int()
      .min(1)
      .nullable()
      .describe('The revision now being worked on or decided (null when not started).'),
    links: z.strictObject({ self: url }),
  }),
);

export const ReturnList = named(
  'ReturnList',
  z
    .strictObject({
      partnership: z.strictObject({ name: z.string(), slug: SlugParam }),
      periods: z.array(Period).describe('The partnership’s reporting periods, latest first.'),
      returns: z
        .array(ReturnSummary)
        .describe(
          'A return for each period of each organisation whose returns you can see, latest period first.',
        ),
    })
    .describe('The reporting periods, and the returns the token’s person can see.'),
);

export const Figure = named(
  'Figure',
  z.strictObject({
    item: z.string().describe('The figure’s identifier: the key to send its value under.'),
    label: z.string(),
    unit: z.string(),
    required: z.boolean().describe('Needed before the section can be marked complete.'),
    wholeNumber: z.boolean(),
    value: z.number().nullable().describe('The figure as entered, or null when none yet.'),
    note: z.string().nullable(),
    confidence: z.enum(['low', 'medium', 'high']).nullable(),
  }),
);

export const Section = named(
  'Section',
  z.strictObject({
    pillar: PillarParam,
    title: z.string(),
    status: z.enum(['not-started', 'in-progress', 'completed']),
    canEdit: z
      .boolean()
      .describe('Whether this token can change the section’s figures now (PUT the section).'),
    figures: z.array(Figure),
    links: z.strictObject({ self: url.describe('PUT the section’s figures here.') }),
  }),
);

export const Query = named(
  'Query',
  z.strictObject({
    item: z.string().nullable().describe('The figure the query is about, or null for the return.'),
    from: z.enum(['reviewer', 'organisation']),
    text: z.string(),
    at: z.iso.datetime({ offset: true }),
  }),
);

export const ReturnDocument = named(
  'Return',
  z
    .strictObject({
      organisation: OrganisationRef,
      period: Period,
      revision: z.int().min(1),
      status: returnStatus.exclude(['not-started']),
      canSubmit: z.boolean().describe('Whether this token can send the return for review now.'),
      problems: z
        .array(z.string())
        .describe('What stops the return being sent for review, in plain English.'),
      sections: z
        .array(Section)
        .describe('The sections (pillars) the token’s person can see, in the framework’s order.'),
      queries: z.array(Query).describe('The reviewer’s queries on this revision, and the answers.'),
      links: z.strictObject({
        self: url,
        submit: url.describe('POST here to send the return for review.'),
        page: url.describe('The return in the service, for people.'),
      }),
    })
    .describe('One organisation’s return for one reporting period.'),
);

export const SectionUpdate = named(
  'SectionUpdate',
  z
    .strictObject({
      values: z
        .record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]))
        .describe(
          'The section’s figures by item: a number (or text as typed in the form, such as "1,250"), true or false for yes/no, null for none. A figure left out is cleared, as an empty box in the form is.',
        ),
      complete: z
        .boolean()
        .optional()
        .describe(
          'Mark the section complete (false when left out): every required figure must then be given.',
        ),
    })
    .describe(
      'A section’s figures, checked by the same rules as the return’s form in the service.',
    ),
);
