import { loadConfig } from '../src/platform/config';
import { completeCpf } from '../src/platform/documents';
import { IdSequence, recordCustomers } from '../src/modules/customers/customer-records';
import { businessCustomerRecord } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { REST_OPERATIONS } from '../src/modules/open-banking-rest/operations';
import { consentBearer, givenConsent } from './support/consents';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { ajv, responseValidator, validator } from './support/openapi';
import { givenRestCustomers, rest, RestCustomers, RestResponse } from './support/rest';

/**
 * Issue 13, part 4: every response of the six endpoints — success, each page,
 * and each error status the spec declares (400, 401, 403, 404, 405, 406, 429,
 * 500) — validates as a whole body against the path's response schema in
 * the official customers-1.0.3.yml, with links built from a PUBLIC_BASE_URL.
 * The run includes a company with an alphanumeric CNPJ (issue 23): 1.0.3 has
 * no representation for it, its answer is the spec's 404.
 */
const BASE = 'https://api.banco-gateway.com.br';

let gw: TestGateway;
let limited: TestGateway;
let broken: TestGateway;
let customers: RestCustomers;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  const limits = loadConfig().limits;
  gw = await startTestGateway('rest-conformance', { publicBaseUrl: BASE, inProcessWorker: false });
  limited = await startTestGateway('rest-conformance-limited', {
    publicBaseUrl: BASE,
    inProcessWorker: false,
    limits: { ...limits, rateLimit: { ...limits.rateLimit, points: 1 } },
  });
  broken = await startTestGateway('rest-conformance-broken', { publicBaseUrl: BASE, inProcessWorker: false });
  await broken.dataSource.destroy(); // every statement now fails: a masked 500
  customers = await givenRestCustomers(gw, 3);
  // The demo set's company with an alphanumeric CNPJ: v1.0.3 cannot carry it, its answer is a conforming 404.
  const alphanumeric = businessCustomerRecord(new Random(42), 8, await IdSequence.fromDatabase(gw.dataSource));
  await gw.dataSource.transaction((manager) => recordCustomers(manager, [alphanumeric]));
  bearer.alphanumeric = await consentBearer(await givenConsent(gw, { cnpj: alphanumeric.cnpjNumber }));
  bearer.personal = await consentBearer(await givenConsent(gw, { cpf: customers.cpf }));
  bearer.business = await consentBearer(await givenConsent(gw, { cnpj: customers.cnpj }));
}, 90_000);
afterAll(async () => {
  await gw?.stop();
  await limited?.stop();
  await broken?.stop();
});

function expectValid(path: string, res: RestResponse, status: number): void {
  expect([path, res.status]).toEqual([path, status]);
  const validate = responseValidator(path, status);
  if (!validate(res.body)) throw new Error(`${path} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body).slice(0, 2000)}`);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('x-fapi-interaction-id')).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$/);
}

describe.each(REST_OPERATIONS.map((operation) => [operation.path, operation] as const))('GET %s', (path, operation) => {
  it('answers bodies that validate against the YAML, for success, every page and every error status', async () => {
    const authorization = bearer[operation.kind];
    expectValid(path, await rest(gw, path, { headers: { authorization } }), 200);
    if (operation.shape === 'list') {
      for (let page = 1; page <= 3; page += 1) {
        const res = await rest(gw, `${path}?page=${page}&page-size=1`, { headers: { authorization } });
        expectValid(path, res, 200);
        expect(Object.keys(res.body.links).length).toBeGreaterThan(1);
      }
    }
    const other = operation.kind === 'personal' ? bearer.business : bearer.personal;
    const missing = await consentBearer(await givenConsent(gw, operation.kind === 'personal' ? { cpf: completeCpf('777888999') } : { cnpj: '11444777000161' }));
    const refusals: [number, RestResponse][] = [
      [400, await rest(gw, `${path}?page=0`, { headers: { authorization } })],
      [400, await rest(gw, `${path}?page-size=1001`, { headers: { authorization } })],
      [400, await rest(gw, `${path}?unknown=1`, { headers: { authorization } })],
      [400, await rest(gw, path, { headers: { authorization, 'x-fapi-auth-date': 'yesterday' } })],
      [400, await rest(gw, path, { headers: { authorization, 'x-fapi-interaction-id': '_' } })],
      [401, await rest(gw, path)],
      [401, await rest(gw, path, { headers: { authorization: 'Bearer x' } })],
      [403, await rest(gw, path, { headers: { authorization: other } })],
      [404, await rest(gw, path, { headers: { authorization: missing } })],
      [404, await rest(gw, `${path}/unknown`, { headers: { authorization } })],
      ...(operation.kind === 'business' ? [[404, await rest(gw, path, { headers: { authorization: bearer.alphanumeric } })] as [number, RestResponse]] : []),
      [405, await rest(gw, path, { method: 'POST', headers: { authorization } })],
      [406, await rest(gw, path, { headers: { authorization, accept: 'text/html' } })],
    ];
    for (const [status, res] of refusals) expectValid(path, res, status);

    await rest(limited, path); // the address's one request of the window
    const tooMany = await rest(limited, path);
    expectValid(path, tooMany, 429);
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);

    const failing = await rest(broken, path, {
      headers: {
        authorization: `Bearer ${await tokenFor({ sub: 'receiver', scope: 'openid customers', consentId: 'urn:banco:5e1f0c7a-3b2d-4e8f-9a6b-1c0d2e3f4a5b' })}`,
      },
    });
    expectValid(path, failing, 500);
    expect(failing.body.errors[0].code).toBe('INTERNAL_SERVER_ERROR');
    expect(failing.body.errors[0].detail).toMatch(/^Internal server error \(correlation id [0-9a-f-]{36}\)\.$/);
    expect(JSON.stringify(failing.body)).not.toMatch(/SQL|select|Pool|connection|stack|at /i);
  });
});

it('the validator really rejects non-conforming envelopes (sanity check)', () => {
  const meta = { totalRecords: 1, totalPages: 1, requestDateTime: '2021-05-21T08:30:00Z' };
  const validate = validator('ResponseError');
  expect(validate({ errors: [{ code: 'X', title: 'Y', detail: 'Z' }], meta })).toBe(true);
  expect(validate({ errors: [{ message: 'GraphQL-shaped', extensions: { code: 'X' } }] })).toBe(false);
  expect(validate({ errors: [{ code: 'X', title: 'Y', detail: 'Z' }], meta: { ...meta, requestDateTime: '2021-05-21T08:30:00.000Z' } })).toBe(false);
  const qualification = responseValidator('/personal/qualifications', 200);
  expect(qualification({ data: [], links: { self: `${BASE}/x` }, meta })).toBe(false);
  expect(responseValidator('/personal/identifications', 200)({ data: [], links: { self: 'http://localhost:4000/x' }, meta })).toBe(false);
});
