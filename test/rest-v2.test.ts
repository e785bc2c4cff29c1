/**
 * Customers API v2.3.0 beside v1 (issue 23): the official YAML served at
 * /open-banking/customers/v2/openapi.yaml, `x-v: 2.3.0`, 2.3.0's required UUID
 * interaction id, and error bodies that validate against the 2.3.0 YAML. The six
 * data paths (REST_OPERATIONS_V2) answer 2.3.0 bodies from the same GraphQL
 * schema and pipeline as v1 (also for a sample of generated customers), and
 * agree with v1 on the fields both carry.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IdSequence, recordCustomers } from '../src/modules/customers/customer-records';
import {
  EnumCustomerPhoneType,
  EnumInformedIncomeFrequency,
  EnumPersonalOtherDocumentType,
  EnumProcuratorsTypePersonal,
  EnumSex,
} from '../src/modules/customers/enums';
import { businessCustomerRecord, personalCustomerRecord } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { completeCnpj, isAlphanumericCnpj } from '../src/platform/documents';
import { REST_OPERATIONS_V2 } from '../src/modules/open-banking-rest/operations';
import { errorBody, fromPipeline } from '../src/modules/open-banking-rest/envelope';
import { OPEN_BANKING_V1, OPEN_BANKING_V2, OPEN_BANKING_V2_PREFIX, OPENAPI_V2_FILE } from '../src/modules/open-banking-rest/routes';
import { consentBearer, givenConsent } from './support/consents';
import { startTestGateway, TestGateway } from './support/gateway';
import { v2 } from './support/openapi';
import { rest as restV1 } from './support/rest';

const BASE = 'https://api.banco-gateway.com.br';
let gw: TestGateway;
/** A natural person with an informed income, one without (SEM_FREQUENCIA_RENDA_INFORMADA), and a company. */
const bearer: Record<string, string> = {};
const SAMPLE = 24;
const ALPHANUMERIC_EMPLOYER = completeCnpj('12ABC34501DE');
/** More generated customers, each with its consent: every v2 answer for them must conform too. */
const sample: { kind: 'personal' | 'business'; bearer: string; alphanumeric?: boolean }[] = [];

beforeAll(async () => {
  gw = await startTestGateway('rest-v2', { publicBaseUrl: BASE, inProcessWorker: false });
  const ids = await IdSequence.fromDatabase(gw.dataSource);
  const rng = new Random(23);
  const [informed, none] = [personalCustomerRecord(rng, 0, ids), personalCustomerRecord(rng, 1, ids)];
  informed.qualifications[0].informedIncome.frequency = EnumInformedIncomeFrequency.MENSAL;
  // 2.x data 1.0.3 has no place for: a salary account held here and a salary portability received (an alphanumeric employer CNPJ).
  informed.financialRelations[0].paychecksBankLinks = [
    {
      employerName: 'Padaria Estrela Ltda',
      employerCnpjCpf: '11444777000161',
      paycheckBankCnpj: '60701190000104',
      paycheckBankIspb: '60701190',
      accountOpeningDate: '2024-03-01',
    },
  ];
  Object.assign(informed.qualifications[0], { employerCnpjCpf: ALPHANUMERIC_EMPLOYER, employerName: 'Nova Era Serviços Ltda' });
  informed.financialRelations[0].portabilitiesReceived = [
    {
      employerName: 'Nova Era Serviços Ltda',
      employerCnpjCpf: ALPHANUMERIC_EMPLOYER,
      paycheckBankDetainerCnpj: '00000000000191',
      paycheckBankDetainerIspb: '00000000',
      portabilityApprovalDate: '2025-02-10',
    },
  ];
  none.qualifications[0].informedIncome.frequency = EnumInformedIncomeFrequency.SEM_FREQUENCIA_RENDA_INFORMADA;
  // What the onboarding write path stores for what a registration does not ask (src/modules/onboarding/approval.ts):
  // sex NAO_DISPONIVEL, a SEM_OUTROS_DOCUMENTOS entry, a NAO_APLICA procurator, a foreign phone without area code.
  const [identification, relation] = [none.identifications[0], none.financialRelations[0]];
  identification.sex = EnumSex.NAO_DISPONIVEL;
  identification.otherDocuments = [
    {
      type: EnumPersonalOtherDocumentType.SEM_OUTROS_DOCUMENTOS,
      typeAdditionalInfoOrNull: null,
      numberOrNull: null,
      checkDigitOrNull: null,
      additionalInfo: null,
      expirationDateOrNull: null,
    },
  ];
  identification.phones = [
    ...identification.phones,
    {
      isMain: false,
      type: EnumCustomerPhoneType.MOVEL,
      additionalInfo: null,
      countryCallingCodeOrNull: '351',
      areaCodeOrNull: null,
      number: '912345678',
      phoneExtensionOrNull: null,
    },
  ];
  relation.procurators = [{ type: EnumProcuratorsTypePersonal.NAO_APLICA, cpfNumberOrNull: null, civilNameOrNull: null, socialNameOrNull: null }];
  await gw.dataSource.transaction((manager) => recordCustomers(manager, [informed, none]));
  bearer.informed = await consentBearer(await givenConsent(gw, { cpf: informed.cpfNumber }));
  bearer.none = await consentBearer(await givenConsent(gw, { cpf: none.cpfNumber }));
  // Companies: the demo set's alphanumeric one (v1 answers it 404, v2 serves it) and a numeric one.
  const companies = [businessCustomerRecord(new Random(42), 8, ids), businessCustomerRecord(new Random(42), 0, ids)];
  await gw.dataSource.transaction((manager) => recordCustomers(manager, companies));
  bearer.alphanumeric = await consentBearer(await givenConsent(gw, { cnpj: companies[0].cnpjNumber }));
  bearer.business = await consentBearer(await givenConsent(gw, { cnpj: companies[1].cnpjNumber }));
  // A demo-sized sample of the generator's other draws (passports, foreign partners, procurators, placeholder entries…).
  const people = Array.from({ length: SAMPLE }, (_, i) => personalCustomerRecord(new Random(23), i + 2, ids));
  const firms = Array.from({ length: SAMPLE }, (_, i) => businessCustomerRecord(new Random(42), i < 7 ? i + 1 : i + 2, ids)); // 0 and 8 are above
  await gw.dataSource.transaction((manager) => recordCustomers(manager, [...people, ...firms]));
  for (const person of people) sample.push({ kind: 'personal', bearer: await consentBearer(await givenConsent(gw, { cpf: person.cpfNumber })) });
  for (const firm of firms)
    sample.push({
      kind: 'business',
      bearer: await consentBearer(await givenConsent(gw, { cnpj: firm.cnpjNumber })),
      alphanumeric: isAlphanumericCnpj(firm.cnpjNumber),
    });
}, 120_000);
afterAll(() => gw?.stop());

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(`${gw.url.replace(/\/graphql$/, '')}${OPEN_BANKING_V2_PREFIX}${path}`, { method, headers });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // the YAML
  }
  return { status: response.status, headers: response.headers, body };
}

function expectError(path: string, res: Awaited<ReturnType<typeof get>>, status: number, code: string): void {
  expect([path, res.status, res.body.errors?.[0]?.code]).toEqual([path, status, code]);
  const validate = v2.responseValidator(path, status);
  if (!validate(res.body)) throw new Error(`${path} ${status}: ${v2.ajv.errorsText(validate.errors)}`);
  expect(res.headers.get('x-v')).toBe('2.3.0');
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
}

it("serves the official 2.3.0 YAML beside v1's, with x-v 2.3.0 (no interaction id needed for the file)", async () => {
  const res = await get('/openapi.yaml');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
  expect(res.headers.get('x-v')).toBe('2.3.0');
  expect(res.body).toBe(readFileSync(OPENAPI_V2_FILE, 'utf8').replace(/^\uFEFF/, ''));
  expect(v2.spec.info.version).toBe('2.3.0');
});

describe.each(Object.keys(v2.spec.paths))('GET %s on v2', (path) => {
  it('requires a UUID x-fapi-interaction-id (400 with a generated one), and answers 2.3.0 error bodies', async () => {
    const missing = await get(path);
    expectError(path, missing, 400, 'INVALID_INTERACTION_ID');
    expect(missing.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const notUuid = await get(path, { 'x-fapi-interaction-id': 'abc-123' }); // valid on v1, not on 2.x
    expectError(path, notUuid, 400, 'INVALID_INTERACTION_ID');
    expect(notUuid.headers.get('x-fapi-interaction-id')).not.toBe('abc-123');

    const interactionId = randomUUID();
    const served = REST_OPERATIONS_V2.some((operation) => operation.path === path);
    const anonymous = await get(path, { 'x-fapi-interaction-id': interactionId });
    if (served) expectError(path, anonymous, 401, 'UNAUTHENTICATED');
    else expectError(path, anonymous, 404, 'NOT_FOUND');
    expect(anonymous.headers.get('x-fapi-interaction-id')).toBe(interactionId);

    expectError(path, await get('/openapi.yaml', { 'x-fapi-interaction-id': interactionId }, 'POST'), 405, 'METHOD_NOT_ALLOWED');
  });
});

function expectValid200(path: string, body: unknown): void {
  const validate = v2.responseValidator(path, 200);
  if (!validate(body)) throw new Error(`${path}: ${v2.ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
}

describe.each(REST_OPERATIONS_V2.map((operation) => [operation.path, operation] as const))('GET %s on v2 (served)', (path, operation) => {
  const headers = (authorization: string, extra: Record<string, string> = {}) => ({ authorization, 'x-fapi-interaction-id': randomUUID(), ...extra });

  it('answers 2.3.0 bodies: amounts as decimal strings with their currency, no NA, https links, x-v 2.3.0', async () => {
    const own = operation.kind === 'personal' ? bearer.informed : bearer.business;
    const res = await get(path, headers(own));
    expect(res.status).toBe(200);
    expectValid200(path, res.body);
    expect(res.headers.get('x-v')).toBe('2.3.0');
    expect(res.body.links.self).toBe(`${BASE}${OPEN_BANKING_V2_PREFIX}${path}`);
    expect(JSON.stringify(res.body.data)).not.toMatch(/"NA"/);
    if (operation.dataSchema === 'PersonalFinancialRelationData') {
      expect(res.body.data.paychecksBankLink).toEqual([
        {
          employerName: 'Padaria Estrela Ltda',
          employerCnpjCpf: '11444777000161',
          paycheckBankCnpj: '60701190000104',
          paycheckBankIspb: '60701190',
          accountOpeningDate: '2024-03-01',
        },
      ]);
      expect(res.body.data.portabilitiesReceived).toEqual([
        expect.objectContaining({ employerCnpjCpf: ALPHANUMERIC_EMPLOYER, portabilityApprovalDate: '2025-02-10' }),
      ]);
      // v1 has no place for them.
      expect(JSON.stringify((await restV1(gw, path, { headers: { authorization: own } })).body)).not.toMatch(/paycheck|portabilit/i);
    }
    if (operation.dataSchema === 'PersonalQualificationData') {
      expect([res.body.data.employerCnpjCpf, res.body.data.employerName]).toEqual([ALPHANUMERIC_EMPLOYER, 'Nova Era Serviços Ltda']);
      expect(res.body.data.informedIncome.amount).toEqual({ amount: expect.stringMatching(/^\d{1,15}\.\d{2,4}$/), currency: 'BRL' });
      expect(res.body.data.informedPatrimony.amount).toEqual({ amount: expect.stringMatching(/^-?\d{1,15}\.\d{2,4}$/), currency: 'BRL' });
      // No income informed: 2.x omits the optional object (v1 keeps its SEM_FREQUENCIA_RENDA_INFORMADA record).
      const none = await get(path, headers(bearer.none));
      expect(none.status).toBe(200);
      expectValid200(path, none.body);
      expect(none.body.data).not.toHaveProperty('informedIncome');
    } else if (operation.dataSchema === 'BusinessQualificationData') {
      expect(res.body.data.informedRevenue.amount).toEqual({ amount: expect.stringMatching(/^-?\d{1,15}\.\d{2,4}$/), currency: 'BRL' });
      expect(res.body.data.economicActivities.every((a: { code: string }) => /^\d{7}$/.test(a.code))).toBe(true);
    }
    if (operation.kind === 'personal') {
      // The second natural person (no income informed, the onboarding path's placeholders) conforms too: 2.x leaves them out.
      const none = await get(path, headers(bearer.none));
      expect(none.status).toBe(200);
      expectValid200(path, none.body);
      if (operation.dataSchema === 'PersonalIdentificationData') {
        expect(none.body.data[0]).not.toHaveProperty('sex');
        expect(none.body.data[0]).not.toHaveProperty('otherDocuments');
        expect(none.body.data[0].contacts.phones.length).toBeGreaterThan(0);
        expect(none.body.data[0].contacts.phones.map((phone: { number: string }) => phone.number)).not.toContain('912345678');
      }
      if (operation.dataSchema === 'PersonalFinancialRelationData') expect(none.body.data.procurators).toEqual([]);
    } else {
      // A company with an alphanumeric CNPJ: v2 serves it (v1 cannot: 404 ALPHANUMERIC_CNPJ).
      const alphanumeric = await get(path, headers(bearer.alphanumeric));
      expect(alphanumeric.status).toBe(200);
      expectValid200(path, alphanumeric.body);
      expect(JSON.stringify(alphanumeric.body.data)).not.toMatch(/"NA"/);
      expect((await restV1(gw, path, { headers: { authorization: bearer.alphanumeric } })).status).toBe(404);
    }
  });

  it('agrees with v1 on every field both versions carry', async () => {
    const own = operation.kind === 'personal' ? bearer.informed : bearer.business;
    const [one, two] = [await restV1(gw, path, { headers: { authorization: own } }), await get(path, headers(own))];
    expect([one.status, two.status]).toEqual([200, 200]);
    const [a, b] = [one.body.data, two.body.data];
    if (operation.dataSchema === 'PersonalQualificationData') {
      for (const key of ['updateDateTime', 'companyCnpj', 'occupationCode', 'occupationDescription']) expect([key, b[key]]).toEqual([key, a[key]]);
      expect(b.informedIncome).toEqual({
        frequency: a.informedIncome.frequency,
        date: a.informedIncome.date,
        amount: { amount: expect.any(String), currency: a.informedIncome.currency },
      });
      expect(Number(b.informedIncome.amount.amount)).toBe(a.informedIncome.amount);
      expect(b.informedPatrimony.year).toBe(a.informedPatrimony.year);
      expect(b.informedPatrimony.amount.currency).toBe(a.informedPatrimony.currency);
      expect(Number(b.informedPatrimony.amount.amount)).toBe(a.informedPatrimony.amount);
    } else if (operation.dataSchema === 'BusinessQualificationData') {
      expect(b.updateDateTime).toBe(a.updateDateTime);
      expect(b.economicActivities).toEqual(
        a.economicActivities.map((x: { code: number; isMain: boolean }) => ({ code: String(x.code).padStart(7, '0'), isMain: x.isMain })),
      );
      expect(Number(b.informedRevenue.amount.amount)).toBe(a.informedRevenue.amount);
      expect(b.informedRevenue.amount.currency).toBe(a.informedRevenue.currency);
      expect(b.informedRevenue.frequency ?? 'SEM_FREQUENCIA_FATURAMENTO_INFORMADO').toBe(a.informedRevenue.frequency);
      expect(b.informedRevenue.year).toBe(a.informedRevenue.year);
      if (a.informedPatrimony.date !== 'NA') {
        expect(b.informedPatrimony).toEqual({ amount: { amount: expect.any(String), currency: a.informedPatrimony.currency }, date: a.informedPatrimony.date });
        expect(Number(b.informedPatrimony.amount.amount)).toBe(a.informedPatrimony.amount);
      } else expect(b).not.toHaveProperty('informedPatrimony');
    } else if (operation.shape === 'list') {
      // Identifications: the same records, page for page; 2.x's twins carry 1.0.3's values minus its NA.
      expect(b.map((x: { updateDateTime: string }) => x.updateDateTime)).toEqual(a.map((x: { updateDateTime: string }) => x.updateDateTime));
      a.forEach((one: Record<string, any>, n: number) => {
        const two = b[n];
        const shared =
          operation.kind === 'personal'
            ? ['personalId', 'brandName', 'civilName', 'birthDate', 'maritalStatusCode', 'hasBrazilianNationality']
            : ['businessId', 'brandName', 'companyName', 'incorporationDate', 'cnpjNumber'];
        for (const key of shared) expect([key, two[key]]).toEqual([key, one[key]]);
        expect(two.companiesCnpj).toEqual(operation.kind === 'personal' ? one.companyCnpj : one.companyCnpjNumber);
        expect(two.contacts.emails).toEqual(one.contacts.emails);
        expect(two.contacts.phones.map((p: { number: string }) => p.number)).toEqual(one.contacts.phones.map((p: { number: string }) => p.number));
        if (operation.kind === 'personal') {
          expect(two.socialName ?? 'NA').toBe(one.socialName);
          expect(two.documents.cpfNumber).toBe(one.documents.cpfNumber);
          expect(two.documents.passport?.number ?? 'NA').toBe(one.documents.passportNumber);
        } else {
          expect(two.parties.map((p: { documentNumber: string }) => p.documentNumber)).toEqual(
            one.parties.map((p: { documentNumber: string }) => p.documentNumber),
          );
          expect(two.parties.map((p: { shareholding?: string }) => (p.shareholding ? Number(p.shareholding) : 'NA'))).toEqual(
            one.parties.map((p: { shareholding: string }) => (p.shareholding === 'NA' ? 'NA' : Number(p.shareholding))),
          );
        }
      });
    } else {
      // Financial relations: the same head; 2.x lists the procurators and accounts that exist (no placeholder entries).
      for (const key of ['updateDateTime', 'startDate', 'productsServicesType']) expect([key, b[key]]).toEqual([key, a[key]]);
      const document = operation.kind === 'personal' ? 'cpfNumber' : 'cnpjCpfNumber';
      expect(b.procurators.map((p: Record<string, string>) => [p.type, p[document], p.civilName])).toEqual(
        a.procurators
          .filter((p: { type: string }) => !['NAO_APLICA', 'NAO_POSSUI'].includes(p.type))
          .map((p: Record<string, string>) => [p.type, p[document], p.civilName]),
      );
      expect(b.accounts.map((x: { number: string }) => x.number)).toEqual(
        a.accounts.filter((x: { type: string }) => x.type !== 'SEM_TIPO_CONTA').map((x: { number: string }) => x.number),
      );
    }
  });

  it('answers each error status with a 2.3.0 body: 400, 401, 403, 404, 405, 406, 422 where the YAML declares it', async () => {
    const own = operation.kind === 'personal' ? bearer.informed : bearer.business;
    const other = operation.kind === 'personal' ? bearer.business : bearer.informed;
    const missing = await consentBearer(await givenConsent(gw, operation.kind === 'personal' ? { cpf: '52998224725' } : { cnpj: '11444777000161' }));
    const cases: [number, string, Awaited<ReturnType<typeof get>>][] = [
      [400, 'INVALID_PARAMETER', await get(`${path}?unknown=1`, headers(own))],
      [400, 'INVALID_PARAMETER', await get(`${path}?page=0`, headers(own))],
      [401, 'UNAUTHENTICATED', await get(path, headers('Bearer x'))],
      [403, 'FORBIDDEN', await get(path, headers(other))],
      [404, 'NOT_FOUND', await get(path, headers(missing))],
      [405, 'METHOD_NOT_ALLOWED', await get(path, headers(own), 'POST')],
      [406, 'NOT_ACCEPTABLE', await get(path, headers(own, { accept: 'text/html' }))],
      // 422 where the YAML marks page-size unprocessable (the list paths), else 400.
      [v2.spec.paths[path].get.responses['422'] ? 422 : 400, 'INVALID_PARAMETER', await get(`${path}?page-size=1001`, headers(own))],
    ];
    for (const [status, code, res] of cases) expectError(path, res, status, code);
    // pagination-key is 2.x's: accepted (up to 2048 characters), never needed here.
    expect((await get(`${path}?pagination-key=abc`, headers(own))).status).toBe(200);
  });
});

it('answers 2.3.0 on every served path for a sample of generated natural and legal persons (alphanumeric CNPJs included), never NA', async () => {
  expect(sample.filter((customer) => customer.alphanumeric).length).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (const customer of sample) {
    for (const operation of REST_OPERATIONS_V2.filter((candidate) => candidate.kind === customer.kind)) {
      const res = await get(operation.path, { authorization: customer.bearer, 'x-fapi-interaction-id': randomUUID() });
      expect([operation.path, res.status]).toEqual([operation.path, 200]);
      expectValid200(operation.path, res.body);
      expect(JSON.stringify(res.body.data)).not.toMatch(/"NA"|NAO_APLICA|NAO_POSSUI|SEM_TIPO_CONTA|SEM_OUTROS_DOCUMENTOS|SEM_FILIACAO|NAO_DISPONIVEL/);
      for (const key of Object.keys(Array.isArray(res.body.data) ? res.body.data[0] : res.body.data)) seen.add(`${operation.path} ${key}`);
      if (operation.dataSchema === 'PersonalIdentificationData' && res.body.data[0].documents.passport) seen.add('passport');
      if (operation.dataSchema.endsWith('FinancialRelationData') && res.body.data.procurators.length > 0) seen.add(`${operation.path} procurator`);
    }
  }
  // The sample reaches the 2.x-only shapes (else this test would prove little).
  for (const shape of [
    'passport',
    '/personal/financial-relations paychecksBankLink',
    '/personal/financial-relations procurator',
    '/business/financial-relations procurator',
    '/business/identifications companiesCnpj',
  ]) {
    expect([shape, seen.has(shape)]).toEqual([shape, true]);
  }
}, 120_000);

it('maps the execution deadline to 504 on v2 (500 on v1, which declares no 504), with a 2.3.0 GatewayTimeout body', () => {
  const timeout = [{ message: 'The operation exceeded its execution time limit.', extensions: { code: 'EXECUTION_TIMEOUT' } }];
  expect(fromPipeline(timeout, OPEN_BANKING_V2.statuses)).toMatchObject({ status: 504, code: 'EXECUTION_TIMEOUT' });
  expect(fromPipeline(timeout, OPEN_BANKING_V1.statuses)).toMatchObject({ status: 500, code: 'EXECUTION_TIMEOUT' });
  const body = errorBody(fromPipeline(timeout, OPEN_BANKING_V2.statuses));
  expect(body.errors[0].title).toBe('Gateway timeout');
  for (const path of Object.keys(v2.spec.paths)) expect(v2.responseValidator(path, 504)(body)).toBe(true);
});
