import { readFileSync } from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load as parseYaml } from 'js-yaml';
import { OPENAPI_FILE, OPENAPI_V2_FILE } from '../../src/modules/open-banking-rest/routes';

/**
 * The official customers-1.0.3.yml (spec/openbanking) compiled for Ajv: the
 * GraphQL conformance test validates block items with it, the REST one whole
 * response bodies.
 */
// An OpenAPI document, walked by path in the tests.
type OpenApiDocument = any;

export const spec = parseYaml(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
export const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// The YAML gives date fields both `format: date` and a pattern ending in `|^NA$`: "NA" is what the spec tells
// holders to send when a mandatory date does not apply (e.g. no passport). Accept exactly that, validate real dates.
const fullDate = ajv.formats.date as { validate: (s: string) => boolean } | ((s: string) => boolean);
const isDate = typeof fullDate === 'function' ? fullDate : fullDate.validate;
ajv.addFormat('date', (value: string) => value === 'NA' || isDate(value));
ajv.addFormat('double', true);
ajv.addFormat('int32', true);
ajv.addSchema({ $id: 'customers.yml', components: spec.components });

/** A validator of components/schemas/<name>. */
export const validator = (name: string): ValidateFunction => ajv.compile({ $ref: `customers.yml#/components/schemas/${name}` });

/**
 * The schema the YAML gives for `status` of `GET <path>` (its `application/json`
 * or `application/json; charset=utf-8` content), resolved through components/responses.
 */
export function responseValidator(path: string, status: number): ValidateFunction {
  const responses = spec.paths[path].get.responses as Record<string, { $ref: string }>;
  const ref = (responses[String(status)] ?? responses.default).$ref;
  const response = spec.components.responses[ref.split('/').pop()!];
  const [content] = Object.values(response.content) as { schema: { $ref: string } }[];
  return validator(content.schema.$ref.split('/').pop()!);
}

/**
 * Customers API v2.3.0 (spec/openbanking/customers-2.3.0.yml), in an Ajv of its own:
 * 2.x has no "NA" fallbacks, so its dates are validated as they are.
 */
export const v2 = (() => {
  const specV2 = parseYaml(readFileSync(OPENAPI_V2_FILE, 'utf8')) as OpenApiDocument;
  const ajvV2 = new Ajv({ strict: false, allErrors: true });
  addFormats(ajvV2);
  ajvV2.addFormat('double', true);
  ajvV2.addFormat('int32', true);
  ajvV2.addFormat('url', true); // 2.x's links say format "url" (not a JSON-schema format); their pattern is checked
  ajvV2.addSchema({ $id: 'customers-v2.yml', components: specV2.components });
  const compile = (name: string): ValidateFunction => ajvV2.compile({ $ref: `customers-v2.yml#/components/schemas/${name}` });
  return {
    spec: specV2,
    ajv: ajvV2,
    validator: compile,
    /** The schema 2.3.0 gives for `status` of `GET <path>`, through components/responses. */
    responseValidator(path: string, status: number): ValidateFunction {
      const responses = specV2.paths[path].get.responses as Record<string, { $ref: string }>;
      const ref = (responses[String(status)] ?? responses.default).$ref;
      const response = specV2.components.responses[ref.split('/').pop()!];
      const [content] = Object.values(response.content) as { schema: { $ref: string } }[];
      return compile(content.schema.$ref.split('/').pop()!);
    },
  };
})();
