/**
 * The six GET paths of the Open Banking Brasil Customers API v1.0.3
 * (spec/customers-1.0.3.yml), each answered by one fixed GraphQL operation on
 * the gateway's own schema: the REST facade (src/modules/open-banking-rest/routes.ts) never sends
 * a client's document, only these. Each selects exactly the fields of the
 * YAML's data schema for the path (the GraphQL names are the YAML's), under
 * the customer the token's consent is bound to (`$document`).
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
import { buildSchema, getNamedType, GraphQLObjectType, parse, print } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { fullSelection } from '../../platform/graphql/full-selection';
import { projectFile } from '../../platform/project-files';

export type CustomerKindName = 'personal' | 'business';

export interface RestOperation {
  /** Path under /open-banking/customers/v1. */
  path: string;
  kind: CustomerKindName;
  /** The customer's field holding the block. */
  block: string;
  /** `list`: data is an array of the block's items (paged); `object`: data is the block's one item. */
  shape: 'list' | 'object';
  /** The YAML's data schema of the path (components/schemas). */
  dataSchema: string;
  /** The YAML's 200 response schema of the path. */
  responseSchema: string;
  /** The consent permission the path needs (the block resolver enforces it; named here for the docs and tests). */
  permission: string;
  operationName: string;
  document: string;
}

/** A path of the API (v1's operation name; v2 reuses the rest: see v2()): everything but its document, which is derived (v1Document). */
type V1Path = Omit<RestOperation, 'document'>;

const V1_PATHS: readonly V1Path[] = [
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

interface OpenApiSchema {
  $ref?: string;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
}

/**
 * The v1 documents, derived once (on first use) from the two declarations that already determine them:
 * the GraphQL schema (schema/schema.graphql, kept equal to the code's by test/schema.test.ts) gives the
 * block's type, the YAML's data schema the fields and their order (GraphQL answers in selection order, so
 * the REST body's keys come in the YAML's order). A YAML field the GraphQL type lacks stops the gateway.
 */
let v1Documents: Map<string, string> | undefined;
function v1Document(operation: V1Path): string {
  if (!v1Documents) {
    const schema = buildSchema(readFileSync(projectFile('schema', 'schema.graphql') ?? join('schema', 'schema.graphql'), 'utf8'));
    const openApiFile = projectFile('spec', 'openbanking', 'customers-1.0.3.yml') ?? join('spec', 'openbanking', 'customers-1.0.3.yml');
    const schemas = (parseYaml(readFileSync(openApiFile, 'utf8')) as { components: { schemas: Record<string, OpenApiSchema> } }).components.schemas;
    const resolve = (node: OpenApiSchema | undefined): OpenApiSchema | undefined => {
      if (node?.items) return resolve(node.items);
      return node?.$ref ? resolve(schemas[node.$ref.replace('#/components/schemas/', '')]) : node;
    };
    v1Documents = new Map(
      V1_PATHS.map((path) => {
        const root = ROOTS[path.kind];
        const customerType = getNamedType(schema.getQueryType()!.getFields()[root.field].type) as GraphQLObjectType;
        const blockType = getNamedType(customerType.getFields()[path.block].type).name;
        const fieldsAt = (at: readonly string[]) => {
          const node = at.reduce<OpenApiSchema | undefined>((parent, name) => resolve(parent?.properties?.[name]), schemas[path.dataSchema]);
          return node?.properties ? Object.keys(node.properties) : undefined;
        };
        const selection = fullSelection(schema, blockType, { fieldsAt });
        const document = `query ${path.operationName}($document: String!) { customer: ${root.field}(${root.argument}: $document) { ${path.block} ${selection} } }`;
        return [path.operationName, print(parse(document))];
      }),
    );
  }
  return v1Documents.get(operation.operationName)!;
}

/** Customers API v1.0.3: the six paths, each document derived from the schema and the YAML (v1Document). */
export const REST_OPERATIONS: readonly RestOperation[] = V1_PATHS.map((path) => ({
  ...path,
  get document() {
    return v1Document(path);
  },
}));

/** The YAML's contacts (addresses, phones, e-mails): the same fields for natural and legal persons. */
const CONTACTS_SELECTION = `      contacts {
        postalAddresses {
          isMain
          address
          additionalInfo
          districtName
          townName
          ibgeTownCode
          countrySubDivision
          postCode
          country
          countryCode
          geographicCoordinates {
            latitude
            longitude
          }
        }
        phones {
          isMain
          type
          additionalInfo
          countryCallingCode
          areaCode
          number
          phoneExtension
        }
        emails {
          isMain
          email
        }
      }
`;

/** 2.x's contacts: the 1.0.3 fields but those rendering NA, read through their nullable twins. */
const CONTACTS_SELECTION_V2 = CONTACTS_SELECTION.replace('phones {', 'phones: phonesWithAreaCode {')
  .replace('countryCallingCode\n', 'countryCallingCode: countryCallingCodeOrNull\n')
  .replace('phoneExtension\n', 'phoneExtension: phoneExtensionOrNull\n');

/** A v2 path: 2.3.0 keeps v1's paths, blocks, shapes, YAML schema names and permissions; its own operation. */
function v2(path: string, operationName: string, document: string): RestOperation {
  const { operationName: _v1, ...shared } = V1_PATHS.find((candidate) => candidate.path === path)!;
  return { ...shared, operationName, document };
}

/**
 * Customers API v2.3.0 (issue 23): the six paths, each a plain GraphQL
 * operation over the same schema as v1's. 2.x's names come through
 * aliases (`informedIncome: income`): GraphQL keeps both shapes side by side,
 * the 1.0.3 ones deprecated in favour of the 2.x ones. Where 1.0.3 answers the
 * literal NA (stored NULL) or a placeholder entry such as NAO_APLICA or SEM_TIPO_CONTA,
 * the 2.x operation reads the field's nullable twin (`…OrNull`, `appointedProcurators`,
 * `heldAccounts`): a null is omitted from the body, as 2.x omits absent fields.
 */
export const REST_OPERATIONS_V2: readonly RestOperation[] = [
  v2(
    '/personal/qualifications',
    'OpenBankingV2PersonalQualifications',
    /* GraphQL */ `
query OpenBankingV2PersonalQualifications($document: String!) {
  customer: personalCustomer(cpfNumber: $document) {
    qualifications {
      updateDateTime
      companyCnpj
      occupationCode
      occupationDescription
      informedIncome: income {
        frequency
        amount {
          amount
          currency
        }
        date
      }
      informedPatrimony: patrimony {
        amount {
          amount
          currency
        }
        year
      }
      employerCnpjCpf
      employerName
    }
  }
}
`,
  ),
  v2(
    '/business/qualifications',
    'OpenBankingV2BusinessQualifications',
    /* GraphQL */ `
query OpenBankingV2BusinessQualifications($document: String!) {
  customer: businessCustomer(cnpjNumber: $document) {
    qualifications {
      updateDateTime
      economicActivities {
        code: cnaeCode
        isMain
      }
      informedRevenue: revenue {
        frequency
        frequencyAdditionalInfo
        amount {
          amount
          currency
        }
        year
      }
      informedPatrimony: patrimony {
        amount {
          amount
          currency
        }
        date
      }
    }
  }
}
`,
  ),
  v2(
    '/personal/identifications',
    'OpenBankingV2PersonalIdentifications',
    /* GraphQL */ `
query OpenBankingV2PersonalIdentifications($document: String!) {
  customer: personalCustomer(cpfNumber: $document) {
    identifications {
      updateDateTime
      personalId
      brandName
      civilName
      socialName: socialNameOrNull
      birthDate
      maritalStatusCode
      maritalStatusAdditionalInfo
      sex: sexOrNull
      companiesCnpj
      documents {
        cpfNumber
        passport {
          number
          country
          expirationDate
          issueDate
        }
      }
      otherDocuments: otherDocumentsOrNull {
        type
        typeAdditionalInfo: typeAdditionalInfoOrNull
        number
        checkDigit
        additionalInfo
        expirationDate: expirationDateOrNull
      }
      hasBrazilianNationality
      nationality: nationalityOrNull {
        otherNationalitiesInfo
        documents {
          type
          number
          expirationDate: expirationDateOrNull
          issueDate: issueDateOrNull
          country
          additionalInfo: typeAdditionalInfo
        }
      }
      filiation: filiationOrNull {
        type
        civilName
        socialName
      }
${CONTACTS_SELECTION_V2}    }
  }
}
`,
  ),
  v2(
    '/personal/financial-relations',
    'OpenBankingV2PersonalFinancialRelations',
    /* GraphQL */ `
query OpenBankingV2PersonalFinancialRelations($document: String!) {
  customer: personalCustomer(cpfNumber: $document) {
    financialRelations {
      updateDateTime
      startDate
      productsServicesType
      productsServicesTypeAdditionalInfo
      procurators: appointedProcurators {
        type
        cpfNumber
        civilName
        socialName: socialNameOrNull
      }
      accounts: heldAccounts {
        compeCode
        branchCode: branchCodeOrNull
        number
        checkDigit
        type
        subtype
      }
      paychecksBankLink {
        employerName
        employerCnpjCpf
        paycheckBankCnpj
        paycheckBankIspb
        accountOpeningDate
      }
      portabilitiesReceived {
        employerName
        employerCnpjCpf
        paycheckBankDetainerCnpj
        paycheckBankDetainerIspb
        portabilityApprovalDate
      }
    }
  }
}
`,
  ),
  v2(
    '/business/identifications',
    'OpenBankingV2BusinessIdentifications',
    /* GraphQL */ `
query OpenBankingV2BusinessIdentifications($document: String!) {
  customer: businessCustomer(cnpjNumber: $document) {
    identifications {
      updateDateTime
      businessId
      brandName
      companyName
      tradeName
      incorporationDate
      cnpjNumber
      companiesCnpj
      otherDocuments {
        type
        number
        country
        expirationDate: expirationDateOrNull
      }
      parties {
        personType
        type
        civilName: civilNameOrNull
        socialName: socialNameOrNull
        companyName: companyNameOrNull
        tradeName
        startDate
        shareholding: shareholdingFraction
        documentType
        documentNumber
        documentAdditionalInfo
        documentCountry
        documentExpirationDate: documentExpirationDateOrNull
        documentIssueDate
      }
${CONTACTS_SELECTION_V2}    }
  }
}
`,
  ),
  v2(
    '/business/financial-relations',
    'OpenBankingV2BusinessFinancialRelations',
    /* GraphQL */ `
query OpenBankingV2BusinessFinancialRelations($document: String!) {
  customer: businessCustomer(cnpjNumber: $document) {
    financialRelations {
      updateDateTime
      startDate
      productsServicesType
      procurators: appointedProcurators {
        type
        cnpjCpfNumber
        civilName
        socialName: socialNameOrNull
      }
      accounts: heldAccounts {
        compeCode
        branchCode: branchCodeOrNull
        number
        checkDigit
        type
      }
    }
  }
}
`,
  ),
];
