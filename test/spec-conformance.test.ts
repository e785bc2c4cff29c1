import { seedCustomers } from '../src/modules/demo/generator';
import { buildGatewaySchema } from '../src/schema';
import { CNPJ_PATTERN, isAlphanumericCnpj } from '../src/platform/documents';
import { fullSelection, withoutNulls } from './support/full-selection';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { ajv, validator } from './support/openapi';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

/**
 * A query selecting every field of each of the six Open Banking types returns
 * JSON that validates against the `data` item schema of the official
 * customers-1.0.3.yml, for generated customers, for a customer created by
 * an approved registration, and for customers canceled and renewed by a re-registration.
 * The generated companies include alphanumeric CNPJs (about one in ten).
 */

/** The fields GraphQL adds for Customers API 2.x (issue 23), next to the 1.0.3 ones this test checks (rest-v2.test.ts checks them against 2.3.0). */
const V2_FIELDS = {
  PersonalQualification: ['income', 'patrimony', 'employerCnpjCpf', 'employerName'],
  BusinessQualification: ['revenue', 'patrimony'],
  EconomicActivity: ['cnaeCode'],
  PersonalIdentification: ['socialNameOrNull', 'sexOrNull', 'companiesCnpj', 'otherDocumentsOrNull', 'nationalityOrNull', 'filiationOrNull'],
  PersonalDocument: ['passport'],
  PersonalOtherDocument: ['typeAdditionalInfoOrNull', 'expirationDateOrNull'],
  NationalityOtherDocument: ['expirationDateOrNull', 'issueDateOrNull'],
  BusinessIdentification: ['companiesCnpj'],
  BusinessOtherDocument: ['expirationDateOrNull'],
  PartiesParticipation: ['civilNameOrNull', 'socialNameOrNull', 'companyNameOrNull', 'shareholdingFraction', 'documentExpirationDateOrNull'],
  CustomerPhone: ['countryCallingCodeOrNull', 'phoneExtensionOrNull'],
  PersonalContacts: ['phonesWithAreaCode'],
  BusinessContacts: ['phonesWithAreaCode'],
  PersonalFinancialRelation: ['appointedProcurators', 'heldAccounts', 'paychecksBankLink', 'portabilitiesReceived'],
  BusinessFinancialRelation: ['appointedProcurators', 'heldAccounts'],
  PersonalProcurator: ['socialNameOrNull'],
  BusinessProcurator: ['socialNameOrNull'],
  PersonalAccount: ['branchCodeOrNull'],
  BusinessAccount: ['branchCodeOrNull'],
};

/** A numeric CNPJ standing in for an alphanumeric one when the rest of its record is checked against 1.0.3. */
const NUMERIC_STAND_IN = '11222333000181';

let gw: TestGateway;
let cpfs: string[];
let cnpjs: string[];
let approvedCpf: string;
let lifecycleCpfs: string[];

beforeAll(async () => {
  gw = await startTestGateway('conformance', { evaluationDelayMs: 100 });
  await seedCustomers(gw.dataSource, { personal: 40, business: 40, seed: 7 });
  cpfs = (await gw.dataSource.query('SELECT cpfNumber FROM personal_customers')).map((r: { cpfNumber: string }) => r.cpfNumber);
  cnpjs = (await gw.dataSource.query('SELECT cnpjNumber FROM business_customers')).map((r: { cnpjNumber: string }) => r.cnpjNumber);
  approvedCpf = uniqueCpf();
  await gw.query(REGISTER, { documentNumber: approvedCpf, input: validRegistration({ socialName: null }) });
  await eventually(
    async () => (await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: approvedCpf })).body.data?.personalCustomer,
  );
  lifecycleCpfs = await canceledAndRenewedCustomers();
}, 60_000);

/** Customers after the onboarding lifecycle: one canceled (account closed, product OUTROS), one renewed by a re-registration (two accounts). */
async function canceledAndRenewedCustomers(): Promise<string[]> {
  const partner = { authorization: `Bearer ${await tokenFor({ sub: 'conformance-lifecycle', scope: 'customer.read customer.write customer.update' })}` };
  const accounts = async (cpf: string) =>
    (await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { financialRelations { accounts { number } } } }', { c: cpf })).body.data
      ?.personalCustomer?.financialRelations[0].accounts.length ?? 0;
  const cancel = (cpf: string) =>
    gw.query('mutation($d: String!) { cancelCustomer(documentNumber: $d, reason: HOLDER_REQUEST) { status } }', { d: cpf }, partner);
  const [canceled, renewed] = [uniqueCpf(), uniqueCpf()];
  for (const cpf of [canceled, renewed]) {
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, partner)).body.errors).toBeUndefined();
    await eventually(async () => (await accounts(cpf)) === 1);
    expect((await cancel(cpf)).body.errors).toBeUndefined();
  }
  expect((await gw.query(REGISTER, { documentNumber: renewed, input: validRegistration() }, partner)).body.errors).toBeUndefined();
  await eventually(async () => (await accounts(renewed)) === 2);
  return [canceled, renewed];
}
afterAll(() => gw.stop());

const cases = [
  ['personal', 'PersonalCustomer', 'identifications', 'PersonalIdentificationData'],
  ['personal', 'PersonalCustomer', 'qualifications', 'PersonalQualificationData'],
  ['personal', 'PersonalCustomer', 'financialRelations', 'PersonalFinancialRelationData'],
  ['business', 'BusinessCustomer', 'identifications', 'BusinessIdentificationData'],
  ['business', 'BusinessCustomer', 'qualifications', 'BusinessQualificationData'],
  ['business', 'BusinessCustomer', 'financialRelations', 'BusinessFinancialRelationData'],
] as const;

describe.each(cases)('%s %s.%s', (kind, typeName, field, specSchema) => {
  it(`validates against ${specSchema} of customers-1.0.3.yml`, async () => {
    const schema = await buildGatewaySchema();
    const blockType = (schema.getType(typeName) as import('graphql').GraphQLObjectType)
      .getFields()
      [field].type.toString()
      .replace(/[[\]!]/g, '');
    const root = kind === 'personal' ? 'personalCustomer(cpfNumber: $id)' : 'businessCustomer(cnpjNumber: $id)';
    const query = `query Every($id: String!) { customer: ${root} { ${field} ${fullSelection(schema, blockType, V2_FIELDS)} } }`;
    const validate = validator(specSchema);
    const ids = kind === 'personal' ? [...cpfs, approvedCpf, ...lifecycleCpfs] : cnpjs;
    if (kind === 'business') expect(cnpjs.filter(isAlphanumericCnpj).length).toBeGreaterThan(0);
    let validated = 0;
    for (const id of ids) {
      const res = await gw.query(query, { id });
      expect(res.body.errors).toBeUndefined();
      const items = res.body.data.customer[field] as unknown[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        // GraphQL carries alphanumeric CNPJs (Receita Federal, from July 2026; 1.0.3 says ^\d{14}$): the CNPJ against 2.3.0's pattern, the rest against 1.0.3.
        const cnpj = (item as { cnpjNumber?: string }).cnpjNumber;
        if (cnpj !== undefined && isAlphanumericCnpj(cnpj)) {
          expect(cnpj).toMatch(CNPJ_PATTERN);
          (item as { cnpjNumber?: string }).cnpjNumber = NUMERIC_STAND_IN;
        }
        const ok = validate(withoutNulls(item));
        if (!ok) throw new Error(`${typeName} ${id} ${field}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(item)}`);
        validated += 1;
      }
    }
    expect(validated).toBeGreaterThanOrEqual(ids.length);
  });
});

it('the validator really rejects non-conforming data (sanity check)', () => {
  const validate = validator('PersonalQualificationData');
  expect(validate({ updateDateTime: '2021-05-21T08:30:00Z' })).toBe(false);
  expect(
    validate({
      updateDateTime: '2021-05-21T08:30:00Z',
      companyCnpj: '50685362000135',
      occupationCode: 'NOT_AN_ENUM',
      occupationDescription: 'x',
      informedIncome: { frequency: 'DIARIA', amount: 1.5, currency: 'BRL', date: '2021-05-21' },
      informedPatrimony: { amount: 1.5, currency: 'BRL', year: 2010 },
    }),
  ).toBe(false);
});
