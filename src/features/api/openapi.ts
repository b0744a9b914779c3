/**
 * The OpenAPI 3.1 document of the JSON API (decision 035), generated when the app starts from
 * the Zod schemas the routes validate with (api.schemas.ts, through Zod's own z.toJSONSchema)
 * and the operations below, each with examples that work against the demo partnership: the
 * integration test sends every example's request to the demo and holds the answer to the
 * documented status and schema, and to the example's answer.
 */
import { z } from 'zod';
import { SCOPE_LABELS, type TokenScope } from '../../core/api/tokens.js';
import { API_EXAMPLES, type ApiExample } from './openapi-examples.js';
import {
  ApiError,
  FiguresDocument,
  OrgCodeParam,
  PeriodParam,
  PillarParam,
  PublicPartnership,
  ReturnDocument,
  ReturnList,
  RevisionParam,
  SectionUpdate,
  SlugParam,
  YearParam,
  apiSchemas,
} from './api.schemas.js';

export type HttpMethod = 'get' | 'put' | 'post';

export interface ApiOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** As OpenAPI writes it: /api/v1/partnerships/{slug}. */
  readonly path: string;
  readonly tag: 'Published figures' | 'Returns';
  readonly summary: string;
  readonly description: string;
  /** The scope of API token the operation needs; none for published figures. */
  readonly token?: TokenScope;
  readonly params: readonly (readonly [name: string, schema: z.ZodType])[];
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** The error statuses it can answer, besides those every token operation can. */
  readonly errors: readonly number[];
}

const PARTNERSHIP = '/api/v1/partnerships/{slug}';
const RETURN = `${PARTNERSHIP}/organisations/{orgCode}/returns/{period}`;
const RETURN_PARAMS = [
  ['slug', SlugParam],
  ['orgCode', OrgCodeParam],
  ['period', PeriodParam],
] as const;

/** Every operation of the API, in the order the document lists them (and the tests run them). */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getPartnership',
    method: 'get',
    path: PARTNERSHIP,
    tag: 'Published figures',
    summary: 'A partnership and the years it has published',
    description:
      'The partnership’s name and the financial years it has published, latest first, each with its latest revision and where to read its figures. A partnership that has published nothing, or is not public, is answered 404, as one that does not exist.',
    params: [['slug', SlugParam]],
    response: PublicPartnership,
    errors: [404],
  },
  {
    operationId: 'getFigures',
    method: 'get',
    path: `${PARTNERSHIP}/figures/{year}`,
    tag: 'Published figures',
    summary: 'A year’s published figures (the latest revision)',
    description:
      'Every figure published for the year, in its latest revision: the same document, once parsed, as the year’s figures.json download, with its data dictionary and licence (Open Government Licence v3.0). People-counts are as published, after disclosure control.',
    params: [
      ['slug', SlugParam],
      ['year', YearParam],
    ],
    response: FiguresDocument,
    errors: [404],
  },
  {
    operationId: 'getFiguresRevision',
    method: 'get',
    path: `${PARTNERSHIP}/figures/{year}/revisions/{revision}`,
    tag: 'Published figures',
    summary: 'One revision of a year’s published figures',
    description:
      'A revision of the year’s figures as it was published. A year corrected after publishing has a revision for each correction, and each stays at its address; `correction` says why a revision corrects the one before.',
    params: [
      ['slug', SlugParam],
      ['year', YearParam],
      ['revision', RevisionParam],
    ],
    response: FiguresDocument,
    errors: [404],
  },
  {
    operationId: 'listReturns',
    method: 'get',
    path: `${PARTNERSHIP}/returns`,
    tag: 'Returns',
    summary: 'Reporting periods, and the returns you can see',
    description:
      'The partnership’s reporting periods, and for each, the return of each organisation whose returns the token’s person can see, with where it stands.',
    token: 'read',
    params: [['slug', SlugParam]],
    response: ReturnList,
    errors: [],
  },
  {
    operationId: 'getReturn',
    method: 'get',
    path: RETURN,
    tag: 'Returns',
    summary: 'One return: its figures, where it stands and its queries',
    description:
      'An organisation’s return for a period: each section the token’s person can see, with its figures, and the reviewer’s queries. `canEdit` and `canSubmit` say what this token can do with it now.',
    token: 'read',
    params: RETURN_PARAMS,
    response: ReturnDocument,
    errors: [],
  },
  {
    operationId: 'putSection',
    method: 'put',
    path: `${RETURN}/sections/{pillar}`,
    tag: 'Returns',
    summary: 'Enter a section’s figures',
    description:
      'Replaces the figures of one section (pillar) of a draft return, or one returned with queries, and marks it complete or not. The figures are checked by the same rules as the return’s form in the service; if any is not right, nothing is saved and each problem is named. Contributors limited to some pillars can change only those. The change is audited as the token’s person, via the token.',
    token: 'write',
    params: [...RETURN_PARAMS, ['pillar', PillarParam]],
    body: SectionUpdate,
    response: ReturnDocument,
    errors: [400, 409],
  },
  {
    operationId: 'submitReturn',
    method: 'post',
    path: `${RETURN}/submit`,
    tag: 'Returns',
    summary: 'Send a return for review',
    description:
      'Sends the return for review, when every section is complete. Audited as the token’s person, via the token.',
    token: 'write',
    params: RETURN_PARAMS,
    response: ReturnDocument,
    errors: [400, 409],
  },
];

/** The errors any operation with a token can answer. */
const TOKEN_ERRORS = [401, 403, 404, 429];

const STATUS_TEXT: Record<number, string> = {
  200: 'What was asked for.',
  400: 'What was sent is not right: nothing was changed.',
  401: 'No API token, or one that does not work: missing, unknown, revoked, expired, or its account disabled.',
  403: 'The token’s person cannot do this, or the token can only read.',
  404: 'Nothing at this address, or nothing the token’s person can see (another partnership’s, say).',
  409: 'The return cannot be changed in its state now (sent for review, approved).',
  429: 'Too many requests with this token: wait the seconds Retry-After says.',
};

const withoutDialect = (schema: object) => {
  const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
};

const ref = (schema: z.ZodType) => {
  const meta = apiSchemas.get(schema);
  if (!meta) throw new Error('An API schema in the document has no name in apiSchemas');
  return { $ref: `#/components/schemas/${meta.id}` };
};

/** The document, for a service at `baseUrl`; examples' addresses are written for it. */
export function openApiDocument(baseUrl: string) {
  const components = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, object> };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const examples = API_EXAMPLES.filter((e) => e.operationId === op.operationId);
    const statuses = [200, ...op.errors, ...(op.token ? TOKEN_ERRORS : [])];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: op.token
        ? `${op.description}\n\nNeeds an API token that can ${op.token === 'read' ? 'read (either kind)' : `${SCOPE_LABELS.write.toLowerCase()}`}.`
        : op.description,
      security: op.token ? [{ apiToken: [] }] : [],
      parameters: op.params.map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        description: schema.description,
        schema: withoutDialect(z.toJSONSchema(schema)),
        examples: Object.fromEntries(
          examples.map((e) => [e.name, { value: e.params[name] ?? '' }]),
        ),
      })),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: ref(op.body),
                  examples: Object.fromEntries(
                    examples
                      .filter((e) => e.body !== undefined)
                      .map((e) => [e.name, { value: e.body }]),
                  ),
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        statuses.map((status) => [
          String(status),
          {
            description: STATUS_TEXT[status] ?? '',
            ...(status === 401
              ? { headers: { 'WWW-Authenticate': header('Bearer realm="Anchorage"') } }
              : status === 429
                ? { headers: { 'Retry-After': header('Seconds to wait.') } }
                : {}),
            content: {
              'application/json': {
                schema: ref(status === 200 ? op.response : ApiError),
                ...responseExamples(examples, status, baseUrl),
              },
            },
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Anchorage API',
      version: '1.0.0',
      summary: 'Published social value figures, without a key; returns, with a personal API token.',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: baseUrl }],
    tags: [
      {
        name: 'Published figures',
        description:
          'What partnerships have published, as their public pages show it. No key is needed, and the figures are under the Open Government Licence v3.0.',
      },
      {
        name: 'Returns',
        description:
          'Organisations’ returns, read and filled in by a program, as a person. Make a personal API token on your account’s API tokens page (/account/api-tokens).',
      },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(components.schemas).map(([id, schema]) => [id, withoutDialect(schema)]),
      ),
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A personal API token (anc_ and 43 more characters), made on /account/api-tokens. It acts as you, with your roles as they are when it is used, in one partnership; it can read, or read and write; it expires, and you can revoke it.',
        },
      },
    },
  };
}

const DESCRIPTION = [
  'Two parts: **published figures**, for anyone, with no key; and **returns**, for the people who fill them in, with a personal API token sent as `Authorization: Bearer anc_…`.',
  '',
  'Every answer is JSON. An error is `{ "error": { "code": "not_found", "message": "…" } }`; a 401 comes with `WWW-Authenticate: Bearer`, a 429 with `Retry-After`. Requests with a token are limited per token (120 a minute unless the service is set otherwise). Published figures carry an ETag: send it back in `If-None-Match` to be answered 304 when nothing changed.',
  '',
  'Each operation’s examples work against the demonstration partnership (`demo`) as `anchorage demo` sets it up; those with a token name the demo account whose token they use.',
].join('\n');

function header(description: string) {
  return { description, schema: { type: 'string' } };
}

/** An example's answer as the document shows it: its addresses for this service. */
export function exampleResponse(example: ApiExample, baseUrl: string): unknown {
  return JSON.parse(JSON.stringify(example.response).replaceAll('{base}', baseUrl)) as unknown;
}

function responseExamples(examples: readonly ApiExample[], status: number, baseUrl: string) {
  const these = examples.filter((e) => e.status === status);
  if (these.length === 0) return {};
  return {
    examples: Object.fromEntries(
      these.map((e) => [
        e.name,
        {
          summary: e.summary,
          ...(e.demoAccount ? { 'x-demo-account': e.demoAccount } : {}),
          value: exampleResponse(e, baseUrl),
        },
      ]),
    ),
  };
}
