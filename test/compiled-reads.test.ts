import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import { seedCustomers } from '../src/modules/demo/generator';
import { REST_OPERATIONS, REST_OPERATIONS_V2 } from '../src/modules/open-banking-rest/operations';
import { OPEN_BANKING_V2_PREFIX } from '../src/modules/open-banking-rest/routes';
import { buildGatewaySchema } from '../src/schema';
import { consentBearer, givenConsent, PERSONAL_PERMISSIONS } from './support/consents';
import { startTestGateway, TestGateway } from './support/gateway';
import { givenRestCustomers } from './support/rest';

/**
 * Reads compiled once per operation (src/modules/customers/compiled-read.ts):
 * every read-model document goes through its compiled read
 * (`gateway_compiled_reads_total`), no read-model field has a resolver of its
 * own, and aliases, fragments, @skip/@include and refused blocks answer as
 * the field-by-field execution did.
 */
const ROOTS = ['personalCustomer', 'personalCustomers', 'businessCustomer', 'businessCustomers'];

let gw: TestGateway;
let schema: GraphQLSchema;
let cpf: string;
let cnpj: string;

beforeAll(async () => {
  schema = await buildGatewaySchema();
  gw = await startTestGateway('compiled-reads', { inProcessWorker: false });
  ({ cpf, cnpj } = await givenRestCustomers(gw, 2));
  await seedCustomers(gw.dataSource, { personal: 12, business: 4, seed: 3 });
}, 60_000);
afterAll(() => gw?.stop());

/** `gateway_compiled_reads_total` by operation and cache outcome, from /metrics. */
async function compiledReads(): Promise<Map<string, number>> {
  const text = await (await fetch(gw.gateway.metricsUrl)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^gateway_compiled_reads_total\{operation="([^"]*)",cache="(hit|miss)"\} (\d+)/gm)) {
    counts.set(`${match[1]}:${match[2]}`, Number(match[3]));
  }
  return counts;
}

function delta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of after) if (value !== (before.get(key) ?? 0)) out[key] = value - (before.get(key) ?? 0);
  return out;
}

it('gives no read-model field a resolver of its own: below the four root fields every field is a property read', () => {
  const seen = new Set<string>();
  const withResolvers: string[] = [];
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) withResolvers.push(`${type.name}.${field.name}`);
      const named = getNamedType(field.type);
      if (isObjectType(named)) visit(named);
    }
  };
  const query = schema.getQueryType()!.getFields();
  for (const root of ROOTS) visit(getNamedType(query[root].type) as GraphQLObjectType);
  expect(seen.size).toBeGreaterThan(30);
  expect(withResolvers).toEqual([]);
});

it('runs every read-model document through its compiled read: the REST v1/v2 operations and the example operations', async () => {
  const examples = ['PersonalCustomer', 'PersonalCustomersPage', 'BusinessCustomer'].map((name) => ({
    name,
    document: readFileSync(join(__dirname, '..', 'examples', 'operations', `${name}.graphql`), 'utf8'),
  }));
  const variables: Record<string, Record<string, unknown>> = {
    PersonalCustomer: { cpfNumber: cpf },
    PersonalCustomersPage: { first: 5 },
    BusinessCustomer: { cnpjNumber: cnpj },
  };
  const before = await compiledReads();
  for (const { name, document } of examples) {
    const res = await gw.query(document, variables[name]);
    expect({ name, errors: res.body.errors }).toEqual({ name, errors: undefined });
  }
  for (const operation of [...REST_OPERATIONS, ...REST_OPERATIONS_V2]) {
    const res = await gw.query(operation.document, { document: operation.kind === 'personal' ? cpf : cnpj });
    expect({ operation: operation.operationName, errors: res.body.errors }).toEqual({ operation: operation.operationName, errors: undefined });
    expect(res.body.data.customer[operation.block].length).toBeGreaterThan(0);
  }
  const counted = delta(before, await compiledReads());
  const total = (name: string) => (counted[`${name}:miss`] ?? 0) + (counted[`${name}:hit`] ?? 0);
  for (const name of [...examples.map((example) => example.name), ...[...REST_OPERATIONS, ...REST_OPERATIONS_V2].map((op) => op.operationName)]) {
    expect({ name, reads: total(name) }).toEqual({ name, reads: 1 });
  }
});

it('compiles a document once: the same operation again is a cache hit, new variables of @include are a variant of their own', async () => {
  const document = `query CompiledOnce($cpf: String!, $withBlocks: Boolean!) { personalCustomer(cpfNumber: $cpf) {
    cpfNumber identifications @include(if: $withBlocks) { civilName } } }`;
  const label = 'anonymous'; // not a registered operation name: metrics label it as unknown, counted all the same
  const reads = async (withBlocks: boolean) => {
    const before = await compiledReads();
    const res = await gw.query(document.replace('query CompiledOnce', 'query'), { cpf, withBlocks });
    expect(res.body.errors).toBeUndefined();
    return { data: res.body.data.personalCustomer, counted: delta(before, await compiledReads()) };
  };
  const first = await reads(true);
  expect(first.data.identifications.length).toBe(2);
  expect(first.counted).toEqual({ [`${label}:miss`]: 1 });
  expect((await reads(true)).counted).toEqual({ [`${label}:hit`]: 1 });
  const without = await reads(false);
  expect(without.data).toEqual({ cpfNumber: cpf });
  expect(without.counted).toEqual({ [`${label}:miss`]: 1 });
  expect((await reads(false)).counted).toEqual({ [`${label}:hit`]: 1 });
});

it('answers aliases of one field with different selections, fragments, @skip and __typename as the full selection does', async () => {
  const full = await gw.query(
    `query($cpf: String!) { personalCustomer(cpfNumber: $cpf) { cpfNumber identifications { civilName birthDate socialNameOrNull
      contacts { phones { number phoneExtension } phonesWithAreaCode { areaCode } } } financialRelations { accounts { number } heldAccounts { number } } } }`,
    { cpf },
  );
  expect(full.body.errors).toBeUndefined();
  const customer = full.body.data.personalCustomer;
  const res = await gw.query(
    `query($cpf: String!, $skipAccounts: Boolean!) {
      personalCustomer(cpfNumber: $cpf) {
        __typename
        names: identifications { civilName }
        ...Born
        relations: financialRelations { accounts @skip(if: $skipAccounts) { number } held: heldAccounts { number } }
        ... on PersonalCustomer { document: cpfNumber identifications { contacts { phones { extension: phoneExtension } } } }
      }
    }
    fragment Born on PersonalCustomer { identifications { birthDate twin: socialNameOrNull contacts { ...Phones } } }
    fragment Phones on PersonalContacts { phones { number } areaCodes: phonesWithAreaCode { areaCode } }`,
    { cpf, skipAccounts: true },
  );
  expect(res.body.errors).toBeUndefined();
  type Identification = { civilName: string; birthDate: string; socialNameOrNull: string | null; contacts: any };
  expect(res.body.data.personalCustomer).toEqual({
    __typename: 'PersonalCustomer',
    names: customer.identifications.map((i: Identification) => ({ civilName: i.civilName })),
    identifications: customer.identifications.map((i: Identification) => ({
      birthDate: i.birthDate,
      twin: i.socialNameOrNull,
      contacts: {
        phones: i.contacts.phones.map((p: { number: string; phoneExtension: string }) => ({ number: p.number, extension: p.phoneExtension })),
        areaCodes: i.contacts.phonesWithAreaCode,
      },
    })),
    relations: customer.financialRelations.map((r: { heldAccounts: unknown }) => ({ held: r.heldAccounts })),
    document: cpf,
  });
});

it('reads no block the consent does not cover: its field is null with FORBIDDEN at its path, and its table is not read', async () => {
  const identificationsOnly = PERSONAL_PERMISSIONS.filter((permission) => !permission.includes('ADITTIONALINFO'));
  const bearer = await consentBearer(await givenConsent(gw, { cpf, permissions: identificationsOnly }));
  const before = gw.sql.statements.length;
  const res = await gw.query(
    'query($cpf: String!) { personalCustomer(cpfNumber: $cpf) { identifications { civilName } qualifications { occupationCode } } }',
    { cpf },
    { authorization: bearer },
  );
  expect(res.body.data.personalCustomer.qualifications).toBeNull();
  expect(res.body.data.personalCustomer.identifications).toHaveLength(2);
  expect(res.body.errors).toEqual([
    expect.objectContaining({ path: ['personalCustomer', 'qualifications'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
  ]);
  const reads = gw.sql.statements.slice(before).filter((sql) => /^\s*SELECT/i.test(sql));
  expect(reads.some((sql) => /personal_identifications/.test(sql))).toBe(true);
  expect(reads.some((sql) => /personal_qualifications/.test(sql))).toBe(false);
});

it('serves a REST GET from the same compiled read as the GraphQL document it runs', async () => {
  const bearer = await consentBearer(await givenConsent(gw, { cpf }));
  const before = await compiledReads();
  const answer = await fetch(`${gw.url.replace(/\/graphql$/, '')}${OPEN_BANKING_V2_PREFIX}/personal/identifications`, {
    headers: { authorization: bearer, 'x-fapi-interaction-id': randomUUID() },
  });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { data: unknown[] }).data).toHaveLength(2);
  // Compiled when the test above ran the same document over GraphQL: the same hash and operation name.
  expect(delta(before, await compiledReads())).toEqual({ 'OpenBankingV2PersonalIdentifications:hit': 1 });
});
