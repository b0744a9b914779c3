/**
 * The JSON Schemas in an OpenAPI 3.1 document, compiled by Ajv as JSON Schema 2020-12 (the
 * dialect OpenAPI 3.1 uses), in strict mode so that a keyword it does not know fails: to check
 * that the schemas generated from Zod are schemas, and that real answers satisfy them too.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const DOCUMENT_ID = 'https://anchorage.test/openapi.json';

export function documentSchemas(document: { components: { schemas: Record<string, object> } }) {
  // Formats (date, uri, uri-template) are checked as JSON Schema checks them, as well as by Zod:
  // an address Zod's URL parser accepts may still not be a URI.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  // The document's references (#/components/schemas/X) point into $defs of one schema here.
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, object>;
  ajv.addSchema({ $id: DOCUMENT_ID, $defs: defs }, DOCUMENT_ID);
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return {
    /** The names of the schemas, each compiled (which fails on a schema that is not valid). */
    compileAll(): string[] {
      return Object.keys(document.components.schemas).map((name) => {
        this.validator(name);
        return name;
      });
    },
    validator(name: string) {
      let v = cache.get(name);
      if (!v) {
        v = ajv.compile({ $ref: `${DOCUMENT_ID}#/$defs/${name}` });
        cache.set(name, v);
      }
      return v;
    },
    /** What is wrong with the value against the named schema (none when it satisfies it). */
    errors(name: string, value: unknown): string[] {
      const v = this.validator(name);
      return v(value)
        ? []
        : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    },
  };
}
