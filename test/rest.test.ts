import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Logger } from 'typeorm';
import { analystClaims } from '../src/platform/security/viewer';
import { AuditEntry } from '../src/modules/audit/audit.entity';
import { ConfigError, loadConfig } from '../src/platform/config';
import { ConsentRejectedBy, ConsentRejectionReason, ConsentStatus } from '../src/modules/consents/consent.entity';
import { PersonalCustomer } from '../src/modules/customers/personal/personal.entities';
import { openDataSource } from '../src/data-source';
import { completeCpf } from '../src/platform/documents';
import { OPEN_BANKING_PREFIX, OPENAPI_FILE } from '../src/modules/open-banking-rest/routes';
import { REST_OPERATIONS } from '../src/modules/open-banking-rest/operations';
import { startGateway, Gateway } from '../src/server';
import { consentBearer, givenConsent } from './support/consents';
import { dropDatabase, migratedDatabase } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { eventually, postGraphQL, startProcess } from './support/process';
import { givenRestCustomers, rest, RestCustomers } from './support/rest';

/**
 * The Open Banking Customers API v1.0.3 over real HTTP (issue 13, part 1):
 * each GET path answers the consent's customer, pages its lists, refuses
 * with the spec's statuses and ResponseError body, and goes through the same
 * pipeline as GraphQL (consent admission, audit, rate limit, masking).
 * Bodies are validated against the YAML in test/rest-conformance.test.ts.
 */
const BASE = 'https://api.banco-gateway.com.br';
const IDENTIFICATIONS = 3;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let gw: TestGateway;
let customers: RestCustomers;
let personal: string;
let business: string;

beforeAll(async () => {
  gw = await startTestGateway('rest', { publicBaseUrl: BASE, inProcessWorker: false });
  customers = await givenRestCustomers(gw, IDENTIFICATIONS);
  personal = await consentBearer(await givenConsent(gw, { cpf: customers.cpf }));
  business = await consentBearer(await givenConsent(gw, { cnpj: customers.cnpj }));
}, 60_000);
afterAll(() => gw?.stop());

const tokenOf = (kind: string) => (kind === 'personal' ? personal : business);
const errorCodes = (body: { errors?: { code: string }[] }) => body.errors?.map((e) => e.code);

/** The ids of the identification records of `document`, as GraphQL gives them to an analyst. */
async function identificationIds(kind: 'personal' | 'business', document: string): Promise<string[]> {
  const query =
    kind === 'personal'
      ? 'query($d: String!) { c: personalCustomer(cpfNumber: $d) { identifications { id: personalId } } }'
      : 'query($d: String!) { c: businessCustomer(cnpjNumber: $d) { identifications { id: businessId } } }';
  const res = await gw.query(query, { d: document });
  return res.body.data.c.identifications.map((i: { id: string }) => i.id);
}
const idOf = (kind: string, item: Record<string, string>) => (kind === 'personal' ? item.personalId : item.businessId);

describe.each(REST_OPERATIONS.map((operation) => [operation.path, operation] as const))('GET %s', (path, operation) => {
  it("answers the consent's customer in the spec's envelope, echoing the interaction id", async () => {
    const interactionId = '3f1c1a2e-6b1e-4f5a-9d0e-1c2b3a4d5e6f';
    const res = await rest(gw, path, {
      headers: { authorization: tokenOf(operation.kind), 'x-fapi-interaction-id': interactionId, accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fapi-interaction-id')).toBe(interactionId);
    expect(res.headers.get('x-v')).toBe('1.0.3');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'links', 'meta']);
    expect(res.body.links).toEqual({ self: `${BASE}${OPEN_BANKING_PREFIX}${path}` });
    expect(res.body.meta.requestDateTime).toMatch(DATE_TIME);
    if (operation.shape === 'list') {
      expect(res.body.data.map((item: Record<string, string>) => idOf(operation.kind, item))).toEqual(
        await identificationIds(operation.kind, operation.kind === 'personal' ? customers.cpf : customers.cnpj),
      );
      expect(res.body.meta).toMatchObject({ totalRecords: IDENTIFICATIONS, totalPages: 1 });
    } else {
      expect(Array.isArray(res.body.data)).toBe(false);
      expect(res.body.data.updateDateTime).toMatch(DATE_TIME);
      expect(res.body.meta).toMatchObject({ totalRecords: 1, totalPages: 1 });
    }
    expect(JSON.stringify(res.body)).not.toContain('null');
  });

  it("refuses a consent without the path's permission: 403 with the spec's body", async () => {
    const others = REST_OPERATIONS.filter((o) => o.kind === operation.kind && o.permission !== operation.permission).map((o) => o.permission);
    const consent = await givenConsent(gw, {
      [operation.kind === 'personal' ? 'cpf' : 'cnpj']: operation.kind === 'personal' ? customers.cpf : customers.cnpj,
      permissions: [...new Set(others), 'RESOURCES_READ'],
    });
    const res = await rest(gw, path, { headers: { authorization: await consentBearer(consent) } });
    expect(res.status).toBe(403);
    expect(errorCodes(res.body)).toEqual(['FORBIDDEN']);
    expect(res.body.errors[0]).toEqual({ code: 'FORBIDDEN', title: 'Forbidden', detail: `The consent lacks the permission ${operation.permission}.` });
    expect(res.body.meta.requestDateTime).toMatch(DATE_TIME);
  });

  it("refuses a token bound to the other kind of customer, and an analyst's token: 403", async () => {
    const other = operation.kind === 'personal' ? business : personal;
    for (const authorization of [other, `Bearer ${await tokenFor(analystClaims())}`]) {
      const res = await rest(gw, path, { headers: { authorization } });
      expect([res.status, errorCodes(res.body)]).toEqual([403, ['FORBIDDEN']]);
    }
  });

  it("refuses the same token once its consent is revoked, and an expired, an unauthorised or an unknown consent: 401 (the conformance suite's consent-deletion test)", async () => {
    const owner = operation.kind === 'personal' ? { cpf: customers.cpf } : { cnpj: customers.cnpj };
    const consent = await givenConsent(gw, owner);
    const authorization = await consentBearer(consent);
    expect((await rest(gw, path, { headers: { authorization } })).status).toBe(200);
    await gw.gateway.services.consents.revoke(consent.consentId, ConsentRejectionReason.CUSTOMER_MANUALLY_REVOKED, ConsentRejectedBy.USER);
    const revoked = await rest(gw, path, { headers: { authorization } });
    expect([revoked.status, errorCodes(revoked.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(revoked.body.errors[0].title).toBe('Unauthorized');
    expect(revoked.body.errors[0].detail).toMatch(/revoked/);
    for (const setUp of [{ expired: true }, { status: ConsentStatus.AWAITING_AUTHORISATION }]) {
      const refused = await rest(gw, path, { headers: { authorization: await consentBearer(await givenConsent(gw, { ...owner, ...setUp })) } });
      expect([refused.status, errorCodes(refused.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
    const unknown = await rest(gw, path, {
      headers: { authorization: await consentBearer(consent, { consentId: 'urn:banco:00000000-0000-4000-8000-000000000000' }) },
    });
    expect([unknown.status, errorCodes(unknown.body)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it("answers only the consent's customer: the other customer needs its own consent, and there is no way to name one", async () => {
    const other = operation.kind === 'personal' ? { cpf: customers.otherCpf } : { cnpj: customers.otherCnpj };
    const res = await rest(gw, path, { headers: { authorization: await consentBearer(await givenConsent(gw, other)) } });
    expect(res.status).toBe(200);
    if (operation.shape === 'list') {
      const mine = await identificationIds(operation.kind, operation.kind === 'personal' ? customers.cpf : customers.cnpj);
      expect(res.body.data).toHaveLength(1);
      expect(mine).not.toContain(idOf(operation.kind, res.body.data[0]));
    }
    const named = await rest(
      gw,
      `${path}?${operation.kind === 'personal' ? 'cpfNumber' : 'cnpjNumber'}=${operation.kind === 'personal' ? customers.cpf : customers.cnpj}`,
      {
        headers: { authorization: tokenOf(operation.kind) },
      },
    );
    expect([named.status, errorCodes(named.body)]).toEqual([400, ['INVALID_PARAMETER']]);
    // A token claiming one customer under another customer's consent is not valid for it.
    const consent = await givenConsent(gw, other);
    const mismatch = await rest(gw, path, {
      headers: { authorization: await consentBearer(consent, operation.kind === 'personal' ? { cpf: customers.cpf } : { cnpj: customers.cnpj }) },
    });
    expect([mismatch.status, errorCodes(mismatch.body)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('refuses bad query parameters, methods and Accept headers', async () => {
    const authorization = tokenOf(operation.kind);
    for (const query of ['page=0', 'page-size=1001', 'page-size=0', 'page=abc', 'page=1.5', 'page=-1', 'page-size=', 'foo=bar', 'page=1&page=2']) {
      const res = await rest(gw, `${path}?${query}`, { headers: { authorization } });
      expect([query, res.status, errorCodes(res.body)]).toEqual([query, 400, ['INVALID_PARAMETER']]);
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      const res = await rest(gw, path, { method, headers: { authorization } });
      expect([method, res.status, res.headers.get('allow')]).toEqual([method, 405, 'GET']);
      if (method !== 'HEAD') expect(errorCodes(res.body)).toEqual(['METHOD_NOT_ALLOWED']);
    }
    for (const accept of ['text/html', 'application/xml, text/plain']) {
      const res = await rest(gw, path, { headers: { authorization, accept } });
      expect([accept, res.status, errorCodes(res.body)]).toEqual([accept, 406, ['NOT_ACCEPTABLE']]);
    }
    for (const accept of ['*/*', 'application/*', 'text/html, application/json;q=0.5']) {
      expect([accept, (await rest(gw, path, { headers: { authorization, accept } })).status]).toEqual([accept, 200]);
    }
  });
});

/** One request written by hand on a socket to the gateway (loopback): the request target exactly as given, which fetch would normalize. */
function rawGet(target: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const lines = [`GET ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...rest] = raw.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      let body = rest.join('\r\n\r\n');
      // Express answers JSON with Content-Length; a chunked answer is decoded just enough for a JSON body.
      if (/transfer-encoding: chunked/i.test(head))
        body = body
          .split('\r\n')
          .filter((_, i) => i % 2 === 1)
          .join('');
      resolve({ status, body: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('links come from PUBLIC_BASE_URL and the route only (issue 19)', () => {
  const path = '/personal/identifications';
  it.each([
    ['an absolute-form target naming another host', `http://evil.example${OPEN_BANKING_PREFIX}${path}`, `${BASE}${OPEN_BANKING_PREFIX}${path}`],
    [
      'an absolute-form target with paging',
      `http://evil.example:8080${OPEN_BANKING_PREFIX}${path}?page-size=2&page=1`,
      `${BASE}${OPEN_BANKING_PREFIX}${path}?page=1&page-size=2`,
    ],
    [
      'leading zeros and reordered parameters',
      `${OPEN_BANKING_PREFIX}${path}?page-size=0002&page=01`,
      `${BASE}${OPEN_BANKING_PREFIX}${path}?page=1&page-size=2`,
    ],
  ])('%s', async (_name, target, self) => {
    const res = await rawGet(target, { authorization: personal, accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.links.self).toBe(self);
    expect(JSON.stringify(res.body.links)).not.toMatch(/evil\.example|0002|01&/);
  });
});

describe('paging of identifications', () => {
  it.each(['personal', 'business'] as const)('%s: pages 1..n with first/prev/next/last and meta', async (kind) => {
    const path = `/${kind}/identifications`;
    const all = await identificationIds(kind, kind === 'personal' ? customers.cpf : customers.cnpj);
    const at = (page: number, size: number) => `${BASE}${OPEN_BANKING_PREFIX}${path}?page=${page}&page-size=${size}`;
    for (const size of [1, 2]) {
      const totalPages = Math.ceil(IDENTIFICATIONS / size);
      const seen: string[] = [];
      for (let page = 1; page <= totalPages; page += 1) {
        const res = await rest(gw, `${path}?page=${page}&page-size=${size}`, { headers: { authorization: tokenOf(kind) } });
        expect(res.status).toBe(200);
        expect(res.body.meta).toMatchObject({ totalRecords: IDENTIFICATIONS, totalPages });
        const links: Record<string, string> = { self: at(page, size) };
        if (page > 1) Object.assign(links, { first: at(1, size), prev: at(page - 1, size) });
        if (page < totalPages) Object.assign(links, { next: at(page + 1, size), last: at(totalPages, size) });
        expect(res.body.links).toEqual(links);
        seen.push(...res.body.data.map((item: Record<string, string>) => idOf(kind, item)));
      }
      expect(seen).toEqual(all);
      const beyond = await rest(gw, `${path}?page=${totalPages + 1}&page-size=${size}`, { headers: { authorization: tokenOf(kind) } });
      expect([beyond.status, errorCodes(beyond.body)]).toEqual([400, ['INVALID_PARAMETER']]);
      expect(beyond.body.errors[0].detail).toBe(`page ${totalPages + 1} is past the last page (${totalPages}).`);
    }
    const edge = await rest(gw, `${path}?page-size=1000&page=1`, { headers: { authorization: tokenOf(kind) } });
    expect([edge.status, edge.body.data.length, edge.body.meta.totalPages]).toEqual([200, IDENTIFICATIONS, 1]);
  });

  it('objects are one record on one page: page 2 of a qualification is past the last page', async () => {
    const res = await rest(gw, '/personal/qualifications?page=2', { headers: { authorization: personal } });
    expect([res.status, errorCodes(res.body)]).toEqual([400, ['INVALID_PARAMETER']]);
    expect((await rest(gw, '/personal/qualifications?page=1&page-size=1', { headers: { authorization: personal } })).status).toBe(200);
  });
});

describe('headers', () => {
  const path = '/personal/identifications';

  it('generates an interaction id when absent, refuses an invalid one with a new one', async () => {
    const plain = await rest(gw, path, { headers: { authorization: personal } });
    expect(plain.headers.get('x-fapi-interaction-id')).toMatch(UUID);
    const bad = await rest(gw, path, { headers: { authorization: personal, 'x-fapi-interaction-id': '-starts-with-a-dash' } });
    expect([bad.status, errorCodes(bad.body)]).toEqual([400, ['INVALID_INTERACTION_ID']]);
    expect(bad.headers.get('x-fapi-interaction-id')).toMatch(UUID);
  });

  it('validates x-fapi-auth-date, x-fapi-customer-ip-address, x-customer-user-agent and the Authorization length', async () => {
    const valid = {
      'x-fapi-auth-date': 'Sun, 10 Sep 2017 19:43:31 UTC',
      'x-fapi-customer-ip-address': '203.0.113.7',
      'x-customer-user-agent': 'Mozilla/5.0 (Receiver)',
    };
    expect((await rest(gw, path, { headers: { authorization: personal, ...valid } })).status).toBe(200);
    const invalid: Record<string, string>[] = [
      { 'x-fapi-auth-date': '2017-09-10T19:43:31Z' },
      { 'x-fapi-auth-date': 'Sun, 10 Sep 2017 19:43:31 CET' },
      { 'x-fapi-customer-ip-address': 'x'.repeat(101) },
      { 'x-customer-user-agent': 'x'.repeat(101) },
      { authorization: `Bearer ${'x'.repeat(2100)}` },
    ];
    for (const headers of invalid) {
      const res = await rest(gw, path, { headers: { authorization: personal, ...headers } });
      expect([Object.keys(headers)[0], res.status, errorCodes(res.body)]).toEqual([Object.keys(headers)[0], 400, ['INVALID_HEADER']]);
    }
  });

  it('refuses a missing or invalid token with 401', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }, { authorization: 'Basic dXNlcjpwYXNz' }] as Record<string, string>[]) {
      const res = await rest(gw, path, { headers });
      expect([res.status, errorCodes(res.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
  });
});

describe('the rest of the prefix', () => {
  it('serves the official YAML at openapi.yaml', async () => {
    const res = await rest(gw, '/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.body).toBe(readFileSync(OPENAPI_FILE, 'utf8').replace(/^\uFEFF/, '')); // fetch drops the file's byte order mark
    expect((await rest(gw, '/openapi.yaml', { method: 'POST' })).status).toBe(405);
  });

  it('answers 404 as a ResponseError for unknown paths and for a consent whose customer has no record', async () => {
    for (const path of ['/personal', '/personal/identifications/', '/personal/accounts', '/PERSONAL/identifications']) {
      const res = await rest(gw, path, { headers: { authorization: personal } });
      expect([path, res.status, errorCodes(res.body)]).toEqual([path, 404, ['NOT_FOUND']]);
    }
    const nobody = await consentBearer(await givenConsent(gw, { cpf: completeCpf('111222333') }));
    const res = await rest(gw, '/personal/identifications', { headers: { authorization: nobody } });
    expect([res.status, errorCodes(res.body)]).toEqual([404, ['NOT_FOUND']]);
  });

  it('audits a REST read like a GraphQL read: subject, customer, block, interaction id, operation', async () => {
    const consent = await givenConsent(gw, { cpf: customers.cpf });
    const interactionId = '0b8f5a3c-2d1e-4c6b-8a9f-7e6d5c4b3a21';
    expect(
      (await rest(gw, '/personal/financial-relations', { headers: { authorization: await consentBearer(consent), 'x-fapi-interaction-id': interactionId } }))
        .status,
    ).toBe(200);
    const graphqlId = '1c9f6b4d-3e2f-4d7c-9b0a-8f7e6d5c4b32';
    const graphql = await gw.query(
      'query Direct($c: String!) { personalCustomer(cpfNumber: $c) { financialRelations { startDate } } }',
      { c: customers.cpf },
      {
        authorization: await consentBearer(consent),
        'x-fapi-interaction-id': graphqlId,
      },
    );
    expect(graphql.body.errors).toBeUndefined();
    const rows = await eventually(async () => {
      const found = await gw.dataSource.getRepository(AuditEntry).find({ where: [{ interactionId }, { interactionId: graphqlId }], order: { id: 'ASC' } });
      return found.length === 2 ? found : null;
    });
    const shape = (row: AuditEntry) => ({ subject: row.subject, action: row.action, customerDocument: row.customerDocument, resources: row.resources });
    expect(shape(rows[0])).toEqual({ subject: consent.receiver, action: 'READ', customerDocument: customers.cpf, resources: ['financialRelations'] });
    expect(shape(rows[1])).toEqual(shape(rows[0]));
    expect(rows.map((row) => row.operationName)).toEqual(['OpenBankingPersonalFinancialRelations', 'Direct']);
    // Its metrics carry the fixed operation's own name, like a registered GraphQL operation's.
    const metrics = await (await fetch(gw.gateway.metricsUrl)).text();
    expect(metrics).toMatch(/^graphql_requests_total\{operation="OpenBankingPersonalFinancialRelations",outcome="ok"\} [1-9]/m);
  });
});

describe('a second gateway instance on the same database', () => {
  let second: Gateway;
  let secondUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const dataSource = await openDataSource(gw.database, {
      logger: { logQuery() {}, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} } as Logger,
    });
    second = await startGateway({ ...gw.config, port: 0 }, dataSource);
    secondUrl = second.url.replace(/\/graphql$/, '');
    close = async () => {
      await second.stop();
      await dataSource.destroy();
    };
  });
  afterAll(() => close?.());

  it('refuses a consent revoked through the first at once', async () => {
    const consent = await givenConsent(gw, { cpf: customers.cpf });
    const authorization = await consentBearer(consent);
    expect((await rest(secondUrl, '/personal/identifications', { headers: { authorization } })).status).toBe(200);
    await gw.gateway.services.consents.revoke(consent.consentId, ConsentRejectionReason.CUSTOMER_MANUALLY_REVOKED, ConsentRejectedBy.USER);
    const res = await rest(secondUrl, '/personal/identifications', { headers: { authorization } });
    expect([res.status, errorCodes(res.body)]).toEqual([401, ['UNAUTHENTICATED']]);
  });
});

describe('a gateway with a tiny rate limit and no PUBLIC_BASE_URL', () => {
  let limited: TestGateway;
  beforeAll(async () => {
    const limits = loadConfig().limits;
    limited = await startTestGateway('rest-limited', {
      inProcessWorker: false,
      limits: { ...limits, rateLimit: { ...limits.rateLimit, points: 2, windowSeconds: 60 } },
    });
  });
  afterAll(() => limited?.stop());

  it('builds links from http://localhost:<port>, then answers 429 with Retry-After, with or without a valid token', async () => {
    const { cpf } = await givenRestCustomers(limited, 1, 17);
    const authorization = await consentBearer(await givenConsent(limited, { cpf }));
    expect(limited.config.publicBaseUrl).toBeUndefined();
    const first = await rest(limited, '/personal/identifications', { headers: { authorization } });
    expect(first.status).toBe(200);
    expect(first.body.links.self).toBe(`http://localhost:${new URL(limited.url).port}${OPEN_BANKING_PREFIX}/personal/identifications`);
    expect((await rest(limited, '/personal/qualifications', { headers: { authorization } })).status).toBe(200);
    const refused = await rest(limited, '/personal/identifications', { headers: { authorization } });
    expect([refused.status, errorCodes(refused.body)]).toEqual([429, ['TOO_MANY_REQUESTS']]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Without a valid token the request counts against the client address.
    let anonymous = await rest(limited, '/personal/identifications');
    for (let i = 0; i < 3 && anonymous.status !== 429; i += 1) anonymous = await rest(limited, '/personal/identifications');
    expect([anonymous.status, errorCodes(anonymous.body), Number(anonymous.headers.get('retry-after')) > 0]).toEqual([429, ['TOO_MANY_REQUESTS'], true]);
  });
});

describe('a gateway process', () => {
  it("builds links from PUBLIC_BASE_URL and logs the receiver's headers in the request's log line", async () => {
    const { config: database, url } = await migratedDatabase('rest-process');
    const env = {
      DATABASE_URL: url,
      JWT_SECRET: TEST_JWT_SECRET,
      IN_PROCESS_WORKER: 'false',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      PUBLIC_BASE_URL: 'https://api.banco.example.com.br/',
    };
    const gateway = await startProcess('src/main.ts', env);
    try {
      const cpf = completeCpf('321654987');
      const dataSource = await openDataSource(database);
      await dataSource.getRepository(PersonalCustomer).insert({ cpfNumber: cpf });
      await dataSource.destroy();
      const analyst = { authorization: `Bearer ${await tokenFor(analystClaims())}` };
      const created = await postGraphQL(
        gateway.url,
        'mutation($i: CreateConsentInput!) { createConsent(input: $i) { consentId } }',
        {
          i: {
            cpf,
            permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'],
            receiver: 'tpp-logged',
            expirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
          },
        },
        analyst,
      );
      const consentId = created.data.createConsent.consentId;
      await postGraphQL(gateway.url, 'mutation($id: String!) { authoriseConsent(consentId: $id) { status } }', { id: consentId }, analyst);
      const interactionId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
      const res = await rest(gateway.url.replace(/\/graphql$/, ''), '/personal/identifications?page-size=10', {
        headers: {
          authorization: `Bearer ${await tokenFor({ sub: 'tpp-logged', scope: 'openid customers', permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'], consentId })}`,
          'x-fapi-interaction-id': interactionId,
          'x-fapi-auth-date': 'Sun, 10 Sep 2017 19:43:31 UTC',
          'x-fapi-customer-ip-address': '203.0.113.9',
          'x-customer-user-agent': 'ReceiverApp/2.1',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        data: [],
        links: { self: `https://api.banco.example.com.br${OPEN_BANKING_PREFIX}/personal/identifications?page-size=10` },
        meta: { totalRecords: 0, totalPages: 0 },
      });
      const line = await eventually(
        async () =>
          gateway
            .output()
            .split('\n')
            .find((l) => l.includes('"rest request"') && l.includes(interactionId)),
        10_000,
        50,
      );
      expect(JSON.parse(line)).toMatchObject({
        transport: 'rest',
        interactionId,
        method: 'GET',
        path: `${OPEN_BANKING_PREFIX}/personal/identifications`,
        status: 200,
        operation: 'OpenBankingPersonalIdentifications',
        client: 'tpp-logged',
        fapiAuthDate: 'Sun, 10 Sep 2017 19:43:31 UTC',
        fapiCustomerIpAddress: '203.0.113.9',
        customerUserAgent: 'ReceiverApp/2.1',
      });
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      await dropDatabase(database);
    }
  }, 90_000);
});

describe('PUBLIC_BASE_URL', () => {
  const withEnv = (env: Record<string, string | undefined>) => {
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
    try {
      return loadConfig();
    } finally {
      for (const [key, value] of Object.entries(saved))
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
  };

  it('is required in production, optional elsewhere, and must be a bare http(s) origin', () => {
    expect(() => withEnv({ NODE_ENV: 'production', PUBLIC_BASE_URL: undefined })).toThrow(ConfigError);
    expect(
      withEnv({
        NODE_ENV: 'production',
        PUBLIC_BASE_URL: 'https://api.banco.com.br/',
        JWT_SECRET: 'x'.repeat(40),
        WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      }).publicBaseUrl,
    ).toBe('https://api.banco.com.br');
    expect(() => withEnv({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://api.banco.com.br' })).toThrow(/PUBLIC_BASE_URL must be https in production/);
    expect(withEnv({ NODE_ENV: 'test', PUBLIC_BASE_URL: undefined }).publicBaseUrl).toBeUndefined();
    for (const bad of ['api.banco.com.br', 'ftp://api.banco.com.br', 'https://api.banco.com.br/?x=1', 'https://user:pw@api.banco.com.br']) {
      expect(() => withEnv({ NODE_ENV: 'test', PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
  });
});
