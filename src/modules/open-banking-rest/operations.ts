/**
 * The six GET paths of the Open Banking Brasil Customers API, v1.0.3
 * (spec/openbanking/customers-1.0.3.yml) and v2.3.0 (customers-2.3.0.yml), each
 * answered by one fixed GraphQL operation on the gateway's own schema: the REST
 * facade (src/modules/open-banking-rest/routes.ts) never sends a client's
 * document, only these. Each selects exactly the fields of its version's YAML
 * data schema for the path, in the YAML's order, under the customer the
 * token's consent is bound to (`$document`): derived from the schema and the
 * YAML (`derivedDocuments`), never written by hand.
 *
 * Lists vs objects: GraphQL exposes every block as a list; the YAML's
 * identifications are arrays (`data: [...]`, paged here) and its
 * qualifications and financial relations single objects (`data: {...}`):
 * the most recently updated record (the read model keeps one).
 *
 * Where the YAML is inconsistent (also in docs/data-receivers.md, "Open Banking REST API"):
 * - `page`/`page-size` are defined in components/parameters but referenced by
 *   no path; every path accepts them (the cross-API standard pages lists).
 * - page-size above 1000 is a 422 in the cross-API standard, a status
 *   Customers v1.0.3 does not declare: 400.
 * - every `Response…` $ref was checked: in 1.0.3 each 200 points at its own
 *   path's data schema (personal financial relations included); the
 *   `default` responses point at the 200 schema and are not used for errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, GraphQLObjectType, GraphQLSchema, parse, print } from 'graphql';
import { load as parseYaml } from 'js-yaml';
import { fullSelection } from '../../platform/graphql/full-selection';
import { projectFile } from '../../platform/project-files';

export type CustomerKindName = 'personal' | 'business';

export interface RestOperation {
  /** Path under the version's prefix (/open-banking/customers/v1, /v2). */
  path: string;
  kind: CustomerKindName;
  /** The customer's field holding the block. */
  block: string;
  /** `list`: data is an array of the block's items (paged); `object`: data is the block's one item. */
  shape: 'list' | 'object';
  /** The YAML's data schema of the path (components/schemas; the same names in 1.0.3 and 2.3.0). */
  dataSchema: string;
  /** The YAML's 200 response schema of the path. */
  responseSchema: string;
  /** The consent permission the path needs (the block resolver enforces it; named here for the docs and tests). */
  permission: string;
  operationName: string;
  document: string;
}

/** A path of the API, as v1 names its operation: everything but its document, which is derived (derivedDocuments). */
type RestPath = Omit<RestOperation, 'document'>;

const REST_PATHS: readonly RestPath[] = [
  {
    path: '/personal/identifications',
    kind: 'personal',
    block: 'identifications',
    shape: 'list',
    dataSchema: 'PersonalIdentificationData',
    responseSchema: 'ResponsePersonalCustomersIdentification',
    permission: 'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ',
    operationName: 'OpenBankingPersonalIdentifications',
  },
  {
    path: '/personal/qualifications',
    kind: 'personal',
    block: 'qualifications',
    shape: 'object',
    dataSchema: 'PersonalQualificationData',
    responseSchema: 'ResponsePersonalCustomersQualification',
    permission: 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
    operationName: 'OpenBankingPersonalQualifications',
  },
  {
    path: '/personal/financial-relations',
    kind: 'personal',
    block: 'financialRelations',
    shape: 'object',
    dataSchema: 'PersonalFinancialRelationData',
    responseSchema: 'ResponsePersonalCustomersFinancialRelation',
    permission: 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
    operationName: 'OpenBankingPersonalFinancialRelations',
  },
  {
    path: '/business/identifications',
    kind: 'business',
    block: 'identifications',
    shape: 'list',
    dataSchema: 'BusinessIdentificationData',
    responseSchema: 'ResponseBusinessCustomersIdentification',
    permission: 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ',
    operationName: 'OpenBankingBusinessIdentifications',
  },
  {
    path: '/business/qualifications',
    kind: 'business',
    block: 'qualifications',
    shape: 'object',
    dataSchema: 'BusinessQualificationData',
    responseSchema: 'ResponseBusinessCustomersQualification',
    permission: 'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
    operationName: 'OpenBankingBusinessQualifications',
  },
  {
    path: '/business/financial-relations',
    kind: 'business',
    block: 'financialRelations',
    shape: 'object',
    dataSchema: 'BusinessFinancialRelationData',
    responseSchema: 'ResponseBusinessCustomersFinancialRelation',
    permission: 'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
    operationName: 'OpenBankingBusinessFinancialRelations',
  },
];

/** The customer root field of each kind and its document argument. */
const ROOTS: Record<CustomerKindName, { field: string; argument: string }> = {
  personal: { field: 'personalCustomer', argument: 'cpfNumber' },
  business: { field: 'businessCustomer', argument: 'cnpjNumber' },
};

/** An official OpenAPI file (spec/openbanking/README.md); a deployment ships spec/ like examples/. */
const openApiFile = (name: string) => projectFile('spec', 'openbanking', name) ?? join('spec', 'openbanking', name);
export const OPENAPI_FILE = openApiFile('customers-1.0.3.yml');
export const OPENAPI_V2_FILE = openApiFile('customers-2.3.0.yml');

/** Where a version's documents come from: its YAML, its operation names, the schema field answering each YAML name. */
interface DocumentSource {
  openApiFile: string;
  operationName(path: RestPath): string;
  /** The field of `type` that answers the YAML's property `key` (selected under the YAML's name); default: the field `key`. */
  fieldOf?(type: GraphQLObjectType, key: string): string;
}

interface OpenApiSchema {
  $ref?: string;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
}

let gatewaySchema: GraphQLSchema | undefined;

/**
 * A version's documents, derived from the two declarations that already determine them: the GraphQL schema
 * (schema/schema.graphql, kept equal to the code's by test/schema.test.ts) gives each block's type, the YAML's
 * data schema the fields and their order (GraphQL answers in selection order, so the REST body's keys come in
 * the YAML's order). A YAML field the GraphQL type cannot answer stops the gateway.
 */
function derivedDocuments(source: DocumentSource): Map<string, string> {
  gatewaySchema ??= buildSchema(readFileSync(projectFile('schema', 'schema.graphql') ?? join('schema', 'schema.graphql'), 'utf8'));
  const schema = gatewaySchema;
  const schemas = (parseYaml(readFileSync(source.openApiFile, 'utf8')) as { components: { schemas: Record<string, OpenApiSchema> } }).components.schemas;
  const resolve = (node: OpenApiSchema | undefined): OpenApiSchema | undefined => {
    if (node?.items) return resolve(node.items);
    return node?.$ref ? resolve(schemas[node.$ref.replace('#/components/schemas/', '')]) : node;
  };
  const fieldOf = source.fieldOf && ((typeName: string, key: string) => source.fieldOf!(schema.getType(typeName) as GraphQLObjectType, key));
  return new Map(
    REST_PATHS.map((path) => {
      const root = ROOTS[path.kind];
      const operationName = source.operationName(path);
      const customerType = getNamedType(schema.getQueryType()!.getFields()[root.field].type) as GraphQLObjectType;
      const blockType = getNamedType(customerType.getFields()[path.block].type).name;
      const fieldsAt = (at: readonly string[]) => {
        const node = at.reduce<OpenApiSchema | undefined>((parent, name) => resolve(parent?.properties?.[name]), schemas[path.dataSchema]);
        return node?.properties ? Object.keys(node.properties) : undefined;
      };
      const selection = fullSelection(schema, blockType, { fieldsAt, fieldOf });
      const document = `query ${operationName}($document: String!) { customer: ${root.field}(${root.argument}: $document) { ${path.block} ${selection} } }`;
      return [operationName, print(parse(document))];
    }),
  );
}

/** A version's six operations; their documents are derived on first use (the schema file is read then). */
function restOperations(source: DocumentSource): readonly RestOperation[] {
  let documents: Map<string, string> | undefined;
  return REST_PATHS.map((path) => {
    const operationName = source.operationName(path);
    return {
      ...path,
      operationName,
      get document() {
        documents ??= derivedDocuments(source);
        return documents.get(operationName)!;
      },
    };
  });
}

/** Customers API v1.0.3: every YAML name is the schema's field of that name. */
export const REST_OPERATIONS = restOperations({ openApiFile: OPENAPI_FILE, operationName: (path) => path.operationName });

/** What the schema's 1.0.3-shaped fields say: `Customers API 1.0.3 shape (…): use <the 2.x field>.` */
const V1_SHAPE = /^Customers API 1\.0\.3 shape \(.*\): use (\w+)\.$/;

/** 2.3.0 names the schema answers with another field without deprecating the 1.0.3 one (which v1 still reads). */
const V2_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // 2.3.0 requires an area code: its phones are those with one (a foreign number has no 2.x representation).
  PersonalContacts: { phones: 'phonesWithAreaCode' },
  BusinessContacts: { phones: 'phonesWithAreaCode' },
  // 2.3.0 calls the nationality document's free text `additionalInfo`; the schema keeps 1.0.3's `typeAdditionalInfo`.
  NationalityOtherDocument: { additionalInfo: 'typeAdditionalInfo' },
};

/**
 * Customers API v2.3.0 (issue 23): the same six paths, blocks, shapes, YAML schema names and permissions as v1,
 * over the same schema. Where a 1.0.3-shaped field is deprecated for its 2.x twin (amounts as strings
 * `informedIncome: income`, the nullable `…OrNull` twins of fields 1.0.3 fills with NA, `appointedProcurators`
 * and `heldAccounts` without 1.0.3's placeholder entries), the 2.x operation reads the twin under the YAML's
 * name: a null is omitted from the body, as 2.x omits absent fields.
 */
export const REST_OPERATIONS_V2 = restOperations({
  openApiFile: OPENAPI_V2_FILE,
  operationName: (path) => path.operationName.replace(/^OpenBanking/, 'OpenBankingV2'),
  fieldOf(type, key) {
    const renamed = V2_FIELDS[type.name]?.[key];
    if (renamed) return renamed;
    const twin = V1_SHAPE.exec(type.getFields()[key]?.deprecationReason ?? '')?.[1];
    return twin && type.getFields()[twin] ? twin : key;
  },
});
