/**
 * Alphanumeric CNPJs (issue 23, point 3): Receita Federal issues them to new
 * companies from July 2026. A company with one is a business customer like any
 * other — GraphQL argument, consent, token claim, filters — its letters are
 * uppercase only and compare byte-exact on both databases; v1.0.3 REST cannot
 * carry it (`^\d{14}$`) and answers a 404 ALPHANUMERIC_CNPJ naming v2.
 */
import { businessConsentClaims } from '../src/platform/security/viewer';
import { ConsentStatus } from '../src/modules/consents/consent.entity';
import { BusinessCustomer } from '../src/modules/customers/business/business.entities';
import { IdSequence, recordCustomers } from '../src/modules/customers/customer-records';
import { businessCustomerRecord, hasAlphanumericCnpj } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { isAlphanumericCnpj } from '../src/platform/documents';
import { consentBearer, givenConsent } from './support/consents';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { rest } from './support/rest';

let gw: TestGateway;
/** The demo set's alphanumeric company (seed 42, index 8), as the generator writes it. */
let cnpj: string;
const lower = (value: string) => value.toLowerCase();

beforeAll(async () => {
  gw = await startTestGateway('alphanumeric-cnpj', { publicBaseUrl: 'https://api.banco-gateway.com.br', inProcessWorker: false });
  expect(hasAlphanumericCnpj(42, 8)).toBe(true);
  const record = businessCustomerRecord(new Random(42), 8, await IdSequence.fromDatabase(gw.dataSource));
  cnpj = record.cnpjNumber;
  expect(isAlphanumericCnpj(cnpj)).toBe(true);
  await gw.dataSource.transaction((manager) => recordCustomers(manager, [record]));
}, 60_000);
afterAll(() => gw?.stop());

const COMPANY = 'query($c: String!) { businessCustomer(cnpjNumber: $c) { cnpjNumber identifications { cnpjNumber companyName } } }';

describe(`a company with an alphanumeric CNPJ`, () => {
  it('is read through GraphQL by its CNPJ; lowercase or a wrong check digit is INVALID_CNPJ', async () => {
    const found = await gw.query(COMPANY, { c: cnpj });
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data.businessCustomer.cnpjNumber).toBe(cnpj);
    expect(found.body.data.businessCustomer.identifications[0].cnpjNumber).toBe(cnpj);

    for (const wrong of [lower(cnpj), `${cnpj.slice(0, 13)}${(Number(cnpj[13]) + 1) % 10}`]) {
      const refused = await gw.query(COMPANY, { c: wrong });
      expect(refused.body.data?.businessCustomer ?? null).toBeNull();
      expect(refused.body.errors![0].extensions.code).toBe('INVALID_CNPJ');
    }
  });

  it('compares byte-exact in the database: its lowercase spelling finds nothing (SQLite and MariaDB alike)', async () => {
    const repository = gw.dataSource.getRepository(BusinessCustomer);
    expect(await repository.findOneBy({ cnpjNumber: cnpj })).not.toBeNull();
    expect(await repository.findOneBy({ cnpjNumber: lower(cnpj) })).toBeNull();
  });

  it('takes a consent (createConsent), and the consents filter matches its exact spelling only', async () => {
    const create = 'mutation($i: CreateConsentInput!) { createConsent(input: $i) { consentId cnpj status } }';
    const input = {
      cnpj,
      permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'RESOURCES_READ'],
      expirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      receiver: 'receiver-alnum',
    };
    const created = await gw.query(create, { i: input });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createConsent).toMatchObject({ cnpj, status: 'AWAITING_AUTHORISATION' });

    const refused = await gw.query(create, { i: { ...input, cnpj: lower(cnpj) } });
    expect(refused.body.errors![0].extensions.code).toBe('INVALID_CNPJ');

    const filtered = 'query($c: String!) { consents(filter: { cnpj: $c }) { edges { node { consentId } } } }';
    const exact = await gw.query(filtered, { c: cnpj });
    expect(exact.body.data.consents.edges.map((e: any) => e.node.consentId)).toEqual([created.body.data.createConsent.consentId]);
    const other = await gw.query(filtered, { c: lower(cnpj) });
    expect(other.body.data.consents.edges).toEqual([]);
  });

  it('is the customer of a token whose cnpj claim carries it; a lowercase claim makes the token invalid (UNAUTHENTICATED)', async () => {
    const own = await gw.query(COMPANY, { c: cnpj }, { authorization: `Bearer ${await tokenFor(businessConsentClaims(cnpj))}` });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.businessCustomer.cnpjNumber).toBe(cnpj);

    const invalid = await gw.query(COMPANY, { c: cnpj }, { authorization: `Bearer ${await tokenFor(businessConsentClaims(lower(cnpj)))}` });
    expect(invalid.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('gets a 404 ALPHANUMERIC_CNPJ from v1.0.3 REST (its pattern is ^\\d{14}$), after admission: no consent, no answer', async () => {
    const authorization = await consentBearer(await givenConsent(gw, { cnpj }));
    for (const path of ['/business/identifications', '/business/qualifications', '/business/financial-relations']) {
      const res = await rest(gw, path, { headers: { authorization } });
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body.errors[0].code).toBe('ALPHANUMERIC_CNPJ');
      expect(res.body.errors[0].detail).toContain('/open-banking/customers/v2');
    }
    const revoked = await consentBearer(await givenConsent(gw, { cnpj, status: ConsentStatus.REJECTED }));
    expect((await rest(gw, '/business/identifications', { headers: { authorization: revoked } })).status).toBe(401);
  });
});
