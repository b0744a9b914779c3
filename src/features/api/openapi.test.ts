/**
 * The OpenAPI document as generated: valid OpenAPI 3.1 (checked by a maintained validator of the
 * specification's own JSON schemas), every operation with at least one example of a request and
 * its answer, and every example's answer valid against the Zod schema its status documents.
 * That the examples work against the demo is openapi.int.test.ts's.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { documentSchemas } from '../../../test/helpers/openapi.js';
import { ApiError, apiSchemas } from './api.schemas.js';
import { API_EXAMPLES } from './openapi-examples.js';
import { API_OPERATIONS, exampleResponse, openApiDocument } from './openapi.js';

const BASE = 'https://anchorage.example';
const document = openApiDocument(BASE);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(Validator.supportedVersions.has('3.1')).toBe(true);
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('holds schemas that are JSON Schema 2020-12, as OpenAPI 3.1 takes them', () => {
    const schemas = documentSchemas(document);
    expect(schemas.compileAll().length).toBeGreaterThan(8);
  });

  it('describes every schema the operations name, generated from the Zod schemas', () => {
    const names = Object.keys(document.components.schemas).sort();
    expect(names).toContain('Figures');
    expect(names).toContain('Return');
    expect(names).toContain('SectionUpdate');
    expect(names).toContain('Error');
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1],
    );
    for (const name of refs) expect(names, name).toContain(name);
    // The data dictionary's words are the columns' descriptions.
    const row = document.components.schemas.FigureRow as {
      properties: Record<string, { description?: string }>;
    };
    expect(row.properties.value_text?.description).toMatch(/as the page shows it/);
  });

  it('gives every operation an example of a request and its answer', () => {
    for (const op of API_OPERATIONS) {
      const examples = API_EXAMPLES.filter((e) => e.operationId === op.operationId);
      expect(examples.length, op.operationId).toBeGreaterThan(0);
      const operation = (document.paths[op.path] as Record<string, Record<string, unknown>>)[
        op.method
      ] as {
        parameters: { name: string; examples: Record<string, { value: string }> }[];
        responses: Record<string, { content: Record<string, { examples?: object }> }>;
      };
      for (const e of examples) {
        for (const p of operation.parameters)
          expect(p.examples[e.name]?.value, `${op.operationId} ${e.name} ${p.name}`).toBeTruthy();
        expect(
          Object.keys(
            operation.responses[String(e.status)]?.content['application/json']?.examples ?? {},
          ),
          `${op.operationId} ${e.name}`,
        ).toContain(e.name);
        if (op.body) expect(e.body, `${op.operationId} ${e.name}`).toBeDefined();
      }
      expect(
        examples.some((e) => e.status === 200),
        `${op.operationId} has an example that succeeds`,
      ).toBe(true);
    }
  });

  it('gives every example an answer its documented schema accepts', () => {
    const schemas = documentSchemas(document);
    for (const e of API_EXAMPLES) {
      const op = API_OPERATIONS.find((o) => o.operationId === e.operationId);
      expect(op, e.operationId).toBeDefined();
      const schema: z.ZodType = e.status === 200 ? op!.response : ApiError;
      const answer = exampleResponse(e, BASE);
      const parsed = schema.safeParse(answer);
      expect(parsed.error?.issues ?? [], `${e.operationId} ${e.name}`).toEqual([]);
      // And the JSON Schema generated from it accepts it too.
      const name = apiSchemas.get(schema)?.id ?? '';
      expect(schemas.errors(name, answer), `${e.operationId} ${e.name}`).toEqual([]);
      if (op!.body) expect(op!.body.safeParse(e.body).success, e.name).toBe(true);
      for (const [, param] of op!.params) expect(apiSchemas.has(param)).toBe(false);
    }
  });

  it('writes the examples’ addresses for the service it is served by', () => {
    expect(JSON.stringify(document)).not.toContain('{base}');
    expect(JSON.stringify(document)).toContain(`${BASE}/api/v1/partnerships/demo/figures/2024-25`);
    expect(document.servers).toEqual([{ url: BASE }]);
  });
});
