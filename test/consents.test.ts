/**
 * Consents (issue 13, parts 2 and 3): a data receiver's token reads only while
 * the consent behind it is AUTHORISED and unexpired, as the store has it at
 * that moment, over HTTP and WebSocket alike; its customer comes from the
 * consent, its permissions are those both grant. The consent operations, and
 * the customer's own views of its consents and of who read its data.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { analystClaims, partnerClaims, personalConsentClaims, TokenClaims } from '../src/platform/security/viewer';
import { Config, loadConfig } from '../src/platform/config';
import { Consent, ConsentStatus } from '../src/modules/consents/consent.entity';
import { BusinessCustomer } from '../src/modules/customers/business/business.entities';
import { PersonalCustomer } from '../src/modules/customers/personal/personal.entities';
import { completeCnpj, completeCpf } from '../src/platform/documents';
import { consentBearer, givenConsent, PERSONAL_PERMISSIONS } from './support/consents';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { compiledEntry } from './support/process';
import { subscribe, wsClient } from './support/ws';

interface Answer {
  status?: number;
  data?: any;
  errors?: any[];
}

interface Transport {
  name: string;
  run(authorization: string, query: string, variables?: Record<string, unknown>): Promise<Answer>;
}

let gw: TestGateway;
const alice = completeCpf('123456780');
const bob = completeCpf('223456780');
const acme = completeCnpj('112223330001');

const overHttp: Transport = {
  name: 'HTTP',
  async run(authorization, query, variables) {
    const res = await gw.query(query, variables, { authorization });
    return { status: res.status, ...res.body };
  },
};

/** One socket per operation, token in connection_init: the last `next` payload, or the `error` message's errors. */
const overWebSocket: Transport = {
  name: 'WebSocket',
  run(authorization, query, variables) {
    const client = createClient({
      url: gw.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: 0,
      lazy: true,
    });
    return new Promise<Answer>((resolve) => {
      let last: Answer = {};
      client.subscribe(
        { query, variables },
        {
          next: (value) => void (last = value as Answer),
          error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error), extensions: { code: 'SOCKET_ERROR' } }] }),
          complete: () => resolve(last),
        },
      );
    }).finally(() => client.dispose());
  },
};

/** A socket that stays open when its last operation ends (graphql-ws would close a lazy one itself), so the server's close code is the one seen. */
const keptOpenClient = (authorization: string) =>
  createClient({
    url: gw.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 60_000,
  });
const closeCode = (client: ReturnType<typeof createClient>) =>
  new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));

const codes = (answer: { errors?: any[] }) => answer.errors?.map((e) => e.extensions?.code);
const bearer = async (claims: TokenClaims) => `Bearer ${await tokenFor(claims)}`;

const CUSTOMER = 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } qualifications { occupationDescription } } }';

const CREATE = `mutation($input: CreateConsentInput!) { createConsent(input: $input) {
  consentId cpf cnpj permissions status rejectionReason rejectedBy receiver creationDateTime statusUpdateDateTime expirationDateTime } }`;
const AUTHORISE = 'mutation($id: String!) { authoriseConsent(consentId: $id) { consentId status statusUpdateDateTime } }';
const REVOKE =
  'mutation($id: String!, $reason: ConsentRejectionReason!) { revokeConsent(consentId: $id, reason: $reason) { consentId status rejectionReason rejectedBy } }';

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

beforeAll(async () => {
  // Evaluations take a minute: an open evaluation stream gets no event during a test but its first.
  gw = await startTestGateway('consents', { evaluationDelayMs: 60_000 });
  await gw.dataSource.getRepository(PersonalCustomer).insert([{ cpfNumber: alice }, { cpfNumber: bob }]);
  await gw.dataSource.getRepository(BusinessCustomer).insert({ cnpjNumber: acme });
});
afterAll(() => gw?.stop());

describe.each([overHttp, overWebSocket])('admission over $name', (transport) => {
  const cases: [string, () => Promise<string>, string | undefined, number][] = [
    ['an AUTHORISED consent reads', async () => consentBearer(await givenConsent(gw, { cpf: alice })), undefined, 200],
    [
      'an unknown consentId is UNAUTHENTICATED',
      async () => consentBearer(await givenConsent(gw, { cpf: alice }), { consentId: 'urn:banco:no-such-consent' }),
      'UNAUTHENTICATED',
      401,
    ],
    // A token whose consent admits no read is no credential any more: 401, as the Open Banking conformance suite expects.
    [
      'a consent AWAITING_AUTHORISATION is UNAUTHENTICATED',
      async () => consentBearer(await givenConsent(gw, { cpf: alice, status: ConsentStatus.AWAITING_AUTHORISATION })),
      'UNAUTHENTICATED',
      401,
    ],
    [
      'a revoked consent is UNAUTHENTICATED',
      async () => consentBearer(await givenConsent(gw, { cpf: alice, status: ConsentStatus.REJECTED })),
      'UNAUTHENTICATED',
      401,
    ],
    ['an expired consent is UNAUTHENTICATED', async () => consentBearer(await givenConsent(gw, { cpf: alice, expired: true })), 'UNAUTHENTICATED', 401],
    [
      "a cpf claim other than the consent's is UNAUTHENTICATED",
      async () => consentBearer(await givenConsent(gw, { cpf: alice }), { cpf: bob }),
      'UNAUTHENTICATED',
      401,
    ],
    [
      'a cnpj claim on a cpf consent is UNAUTHENTICATED',
      async () => consentBearer(await givenConsent(gw, { cpf: alice }), { cnpj: acme }),
      'UNAUTHENTICATED',
      401,
    ],
    [
      "another receiver's token is UNAUTHENTICATED",
      async () => consentBearer(await givenConsent(gw, { cpf: alice }), { sub: 'another-receiver' }),
      'UNAUTHENTICATED',
      401,
    ],
  ];

  it.each(cases)('%s', async (_name, token, code, status) => {
    const answer = await transport.run(await token(), CUSTOMER, { c: alice });
    if (code === undefined) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.personalCustomer.cpfNumber).toBe(alice);
    } else {
      expect(codes(answer)).toEqual([code]);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors![0].extensions.http).toBeUndefined();
    }
    if (transport === overHttp) expect(answer.status).toBe(status);
  });

  it("binds the token to the consent's customer, with or without a cpf claim", async () => {
    const consent = await givenConsent(gw, { cpf: alice });
    for (const token of [await consentBearer(consent), await consentBearer(consent, { cpf: alice })]) {
      expect((await transport.run(token, CUSTOMER, { c: alice })).data.personalCustomer.cpfNumber).toBe(alice);
      const other = await transport.run(token, CUSTOMER, { c: bob });
      expect(codes(other)).toEqual(['FORBIDDEN']);
    }
  });

  it('grants only the permissions both the token and the consent carry', async () => {
    const noAdditionalInfo = await givenConsent(gw, { cpf: alice, permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'RESOURCES_READ'] });
    const byConsent = await transport.run(await consentBearer(noAdditionalInfo, { permissions: PERSONAL_PERMISSIONS }), CUSTOMER, { c: alice });
    expect(byConsent.data.personalCustomer).toEqual({ cpfNumber: alice, identifications: [], qualifications: null });
    expect(byConsent.errors!.map((e) => [e.path.join('.'), e.extensions.code])).toEqual([['personalCustomer.qualifications', 'FORBIDDEN']]);

    const all = await givenConsent(gw, { cpf: alice });
    const byToken = await transport.run(await consentBearer(all, { permissions: ['CUSTOMERS_PERSONAL_ADITTIONALINFO_READ'] }), CUSTOMER, { c: alice });
    expect(byToken.data.personalCustomer.identifications).toBeNull();
    expect(byToken.errors!.map((e) => [e.path.join('.'), e.extensions.code])).toEqual([['personalCustomer.identifications', 'FORBIDDEN']]);
  });
});

describe('revocation takes effect at once', () => {
  it('refuses the next HTTP request and the next operation on an open socket', async () => {
    const consent = await givenConsent(gw, { cpf: alice });
    const token = await consentBearer(consent);
    const client = keptOpenClient(token);
    const closed = closeCode(client);
    const once = () =>
      new Promise<Answer>((resolve) => {
        let last: Answer = {};
        client.subscribe(
          { query: CUSTOMER, variables: { c: alice } },
          {
            next: (value) => void (last = value as Answer),
            error: (error) => resolve({ errors: error as any[] }),
            complete: () => resolve(last),
          },
        );
      });
    try {
      expect((await once()).data.personalCustomer.cpfNumber).toBe(alice);
      expect((await gw.query(CUSTOMER, { c: alice }, { authorization: token })).status).toBe(200);

      const revoked = await gw.query(REVOKE, { id: consent.consentId, reason: 'CUSTOMER_MANUALLY_REVOKED' });
      expect(revoked.body.data.revokeConsent).toEqual({
        consentId: consent.consentId,
        status: 'REJECTED',
        rejectionReason: 'CUSTOMER_MANUALLY_REVOKED',
        rejectedBy: 'USER',
      });

      const http = await gw.query(CUSTOMER, { c: alice }, { authorization: token });
      expect(http.status).toBe(401);
      expect(codes(http.body)).toEqual(['UNAUTHENTICATED']);
      expect(http.body.errors![0].message).toMatch(/revoked/);
      expect(http.body.errors![0].extensions.consentStatus).toBe('REJECTED');
      expect(codes(await once())).toEqual(['UNAUTHENTICATED']);
      // The same token is no credential any more: the socket closes as for an expired token.
      expect(await closed).toBe(4401);
    } finally {
      await client.dispose();
    }
  });

  it('closes an open subscription of a revoked consent with UNAUTHENTICATED (then the socket with 4401) at once, without waiting for an event', async () => {
    const cpf = uniqueCpf();
    const consent = await givenConsent(gw, { cpf });
    const token = await consentBearer(consent, { scope: 'openid customer.read' });
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
    const client = keptOpenClient(token);
    const closed = closeCode(client);
    try {
      const stream = subscribe(client, EVALUATION, { documentNumber: cpf }, (data) => data.customerEvaluation.name);
      expect(await stream.waitFor(1)).toEqual(['CUSTOMER_WAS_RECEIVED']);
      await gw.query(REVOKE, { id: consent.consentId, reason: 'CUSTOMER_MANUALLY_REVOKED' });
      await stream.completed; // no further event comes for a minute: the revocation itself ends the stream
      expect(stream.received).toEqual(['CUSTOMER_WAS_RECEIVED']);
      expect(stream.errors.map((e: any) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(await closed).toBe(4401);
    } finally {
      await client.dispose();
    }
  });
});

describe('expiry takes effect at once', () => {
  it('closes an open subscription when its consent expires', async () => {
    const cpf = uniqueCpf();
    const consent = await givenConsent(gw, { cpf });
    const expiresAt = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    await gw.dataSource.getRepository(Consent).update({ id: consent.id }, { expirationDateTime: expiresAt });
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
    const client = wsClient(gw.url, { authorization: await consentBearer(consent, { scope: 'openid customer.read' }) });
    try {
      const stream = subscribe(client, EVALUATION, { documentNumber: cpf }, (data) => data.customerEvaluation.name);
      expect(await stream.waitFor(1)).toEqual(['CUSTOMER_WAS_RECEIVED']);
      await stream.completed;
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
      expect(stream.errors.map((e: any) => [e.extensions?.code, e.message])).toEqual([['UNAUTHENTICATED', expect.stringMatching(/expired/)]]);
    } finally {
      await client.dispose();
    }
  });
});

describe('consent operations', () => {
  const service = async () => bearer({ sub: 'consent-service', scope: 'consents:manage' });

  it('creates, authorises and revokes, for the consent service and analysts only', async () => {
    const created = await gw.query(
      CREATE,
      { input: { cpf: alice, permissions: PERSONAL_PERMISSIONS, expirationDateTime: inOneDay(), receiver: 'tpp-1' } },
      { authorization: await service() },
    );
    expect(created.body.errors).toBeUndefined();
    const consent = created.body.data.createConsent;
    expect(consent).toMatchObject({
      cpf: alice,
      cnpj: null,
      permissions: PERSONAL_PERMISSIONS,
      status: 'AWAITING_AUTHORISATION',
      rejectionReason: null,
      receiver: 'tpp-1',
    });
    expect(consent.consentId).toMatch(/^urn:banco:[0-9a-f-]{36}$/);
    expect(consent.creationDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const authorised = await gw.query(AUTHORISE, { id: consent.consentId });
    expect(authorised.body.data.authoriseConsent.status).toBe('AUTHORISED');

    for (const authorization of [
      await bearer(partnerClaims('p')),
      await bearer(personalConsentClaims(alice)),
      await consentBearer(await givenConsent(gw, { cpf: alice })),
    ]) {
      for (const [query, variables] of [
        [AUTHORISE, { id: consent.consentId }],
        [REVOKE, { id: consent.consentId, reason: 'CUSTOMER_MANUALLY_REVOKED' }],
        ['{ consents { totalCount } }', {}],
      ] as const) {
        const res = await gw.query(query, variables, { authorization });
        expect(codes(res.body)).toEqual(['FORBIDDEN']);
      }
    }
    const revoked = await gw.query(REVOKE, { id: consent.consentId, reason: 'CUSTOMER_MANUALLY_REVOKED' }, { authorization: await service() });
    expect(revoked.body.data.revokeConsent.status).toBe('REJECTED');

    const audit = await gw.query(
      'query($d: String) { auditLog(first: 10, filter: { customerDocument: $d, subject: "consent-service" }) { edges { node { action resources } } } }',
      { d: alice },
    );
    expect(audit.body.data.auditLog.edges.map((e: any) => e.node)).toEqual([
      { action: 'CONSENT', resources: [consent.consentId, 'consent.created'].sort() },
      { action: 'CONSENT', resources: [consent.consentId, 'consent.rejected:CUSTOMER_MANUALLY_REVOKED'].sort() },
    ]);
  });

  it('refuses transitions the lifecycle does not have with CONSENT_INVALID_STATUS', async () => {
    const awaiting = await givenConsent(gw, { cpf: alice, status: ConsentStatus.AWAITING_AUTHORISATION });
    const authorised = await givenConsent(gw, { cpf: alice });
    const rejected = await givenConsent(gw, { cpf: alice, status: ConsentStatus.REJECTED });
    const expired = await givenConsent(gw, { cpf: alice, status: ConsentStatus.AWAITING_AUTHORISATION, expired: true });
    for (const [query, id] of [
      [AUTHORISE, authorised.consentId],
      [AUTHORISE, rejected.consentId],
      [AUTHORISE, expired.consentId],
      [REVOKE, rejected.consentId],
    ]) {
      const res = await gw.query(query, { id, reason: 'CUSTOMER_MANUALLY_REVOKED' });
      expect(codes(res.body)).toEqual(['CONSENT_INVALID_STATUS']);
    }
    expect((await gw.query(REVOKE, { id: awaiting.consentId, reason: 'CUSTOMER_MANUALLY_REJECTED' })).body.data.revokeConsent.rejectionReason).toBe(
      'CUSTOMER_MANUALLY_REJECTED',
    );
    expect(codes((await gw.query(AUTHORISE, { id: 'urn:banco:unknown' })).body)).toEqual(['CONSENT_NOT_FOUND']);
    const malformed = await gw.query(AUTHORISE, { id: 'not-a-urn' });
    expect(codes(malformed.body)).toEqual(['INVALID_FORMAT']);
    expect(malformed.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'consentId', code: 'INVALID_FORMAT' })]);
  });

  it('lists every input violation at once, one per field', async () => {
    const fieldsOf = async (input: Record<string, unknown>) => {
      const res = await gw.query(CREATE, { input: { permissions: PERSONAL_PERMISSIONS, expirationDateTime: inOneDay(), receiver: 'tpp', ...input } });
      expect(res.body.data ?? null).toBeNull();
      return { code: codes(res.body)![0], fields: res.body.errors![0].extensions.fields.map((f: any) => [f.field, f.code]) };
    };
    expect(await fieldsOf({})).toEqual({ code: 'REQUIRED', fields: [['input.cpf', 'REQUIRED']] });
    expect(await fieldsOf({ cpf: alice, cnpj: acme })).toEqual({ code: 'REQUIRED', fields: [['input.cnpj', 'REQUIRED']] });
    expect(await fieldsOf({ cpf: '12345678901' })).toEqual({ code: 'INVALID_CPF', fields: [['input.cpf', 'INVALID_CPF']] });
    expect(await fieldsOf({ cnpj: '12345678000100', permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'] })).toEqual({
      code: 'INVALID_CNPJ',
      fields: [['input.cnpj', 'INVALID_CNPJ']],
    });
    expect(
      await fieldsOf({
        cpf: alice,
        permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'ACCOUNTS_READ', 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'],
        expirationDateTime: new Date(Date.now() - 1000).toISOString(),
        receiver: ' ',
      }),
    ).toEqual({
      code: 'INVALID_PARAMETER',
      fields: [
        ['input.permissions.1', 'INVALID_PERMISSION'],
        ['input.permissions.2', 'INVALID_PERMISSION'],
        ['input.expirationDateTime', 'OUT_OF_RANGE'],
        ['input.receiver', 'REQUIRED'],
      ],
    });
    expect(
      await fieldsOf({ cpf: alice, permissions: [], expirationDateTime: new Date(Date.now() + 400 * 86_400_000).toISOString(), receiver: 'x'.repeat(201) }),
    ).toEqual({
      code: 'INVALID_PARAMETER',
      fields: [
        ['input.permissions', 'REQUIRED'],
        ['input.expirationDateTime', 'OUT_OF_RANGE'],
        ['input.receiver', 'TOO_LONG'],
      ],
    });
  });

  it('lists consents by status, customer and receiver, a page at a time', async () => {
    const receiver = `tpp-list-${Date.now()}`;
    const made = [
      await givenConsent(gw, { cpf: bob, receiver }),
      await givenConsent(gw, { cpf: bob, receiver, status: ConsentStatus.REJECTED }),
      await givenConsent(gw, { cnpj: acme, receiver }),
    ];
    const LIST =
      'query($f: ConsentFilter, $after: String) { consents(first: 1, after: $after, filter: $f) { totalCount edges { node { consentId cpf cnpj status } } pageInfo { hasNextPage endCursor } } }';
    const ids = async (filter: Record<string, unknown>) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: any = await gw.query(LIST, { f: { receiver, ...filter }, after }, { authorization: await service() });
        expect(res.body.errors).toBeUndefined();
        seen.push(...res.body.data.consents.edges.map((e: any) => e.node.consentId));
        if (!res.body.data.consents.pageInfo.hasNextPage) return seen;
        after = res.body.data.consents.pageInfo.endCursor;
      }
    };
    expect(await ids({})).toEqual(made.map((c) => c.consentId));
    expect(await ids({ status: 'AUTHORISED' })).toEqual([made[0].consentId, made[2].consentId]);
    expect(await ids({ cpf: bob })).toEqual([made[0].consentId, made[1].consentId]);
    expect(await ids({ cnpj: acme })).toEqual([made[2].consentId]);
  });
});

describe("the customer's transparency views", () => {
  const MY = `{ myConsents(first: 50) { totalCount edges { node { consentId cpf receiver status } } }
    myDataAccesses(first: 100) { totalCount edges { node { at action receiver blocks interactionId operationName } } pageInfo { hasNextPage } } }`;

  it("shows a customer its own consents and who read its data, nobody else's", async () => {
    const cpf = completeCpf('323456780');
    const other = completeCpf('423456780');
    await gw.dataSource.getRepository(PersonalCustomer).insert([{ cpfNumber: cpf }, { cpfNumber: other }]);
    const mine = await givenConsent(gw, { cpf, receiver: 'tpp-reader' });
    const theirs = await givenConsent(gw, { cpf: other, receiver: 'tpp-reader' });
    const read = await fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await consentBearer(mine),
        'x-fapi-interaction-id': 'a1b2c3d4-0000-4000-8000-000000000001',
      },
      body: JSON.stringify({ query: `query ReadMine { personalCustomer(cpfNumber: "${cpf}") { cpfNumber identifications { civilName } } }` }),
    });
    expect(read.status).toBe(200);
    expect((await gw.query(CUSTOMER, { c: other }, { authorization: await consentBearer(theirs) })).status).toBe(200);

    const second = await givenConsent(gw, { cpf, receiver: 'tpp-second', permissions: ['CUSTOMERS_PERSONAL_ADITTIONALINFO_READ'] });
    expect(
      (
        await gw.query(
          'query ReadSecond($c: String!) { personalCustomer(cpfNumber: $c) { qualifications { occupationCode } } }',
          { c: cpf },
          { authorization: await consentBearer(second) },
        )
      ).status,
    ).toBe(200);
    const readByFirst = {
      at: expect.any(String),
      action: 'READ',
      receiver: 'tpp-reader',
      blocks: ['cpfNumber', 'identifications'],
      interactionId: 'a1b2c3d4-0000-4000-8000-000000000001',
      operationName: 'ReadMine',
    };
    const readBySecond = {
      at: expect.any(String),
      action: 'READ',
      receiver: 'tpp-second',
      blocks: ['qualifications'],
      interactionId: expect.any(String),
      operationName: 'ReadSecond',
    };

    // The customer (its own app's token) sees every consent and every access.
    const customer = await gw.query(MY, {}, { authorization: await bearer(personalConsentClaims(cpf, 'customer-app')) });
    expect(customer.body.errors).toBeUndefined();
    expect(customer.body.data.myConsents.edges.map((e: any) => e.node)).toEqual([
      { consentId: mine.consentId, cpf, receiver: 'tpp-reader', status: 'AUTHORISED' },
      { consentId: second.consentId, cpf, receiver: 'tpp-second', status: 'AUTHORISED' },
    ]);
    expect(customer.body.data.myDataAccesses.edges.map((e: any) => e.node)).toEqual([readByFirst, readBySecond]);

    // A data receiver's consent token: only what concerns that receiver, never the customer's other relations.
    const receiver = await gw.query(MY, {}, { authorization: await consentBearer(mine) });
    expect(receiver.body.errors).toBeUndefined();
    expect(receiver.body.data.myConsents.edges.map((e: any) => e.node)).toEqual([
      { consentId: mine.consentId, cpf, receiver: 'tpp-reader', status: 'AUTHORISED' },
    ]);
    expect(receiver.body.data.myDataAccesses.edges.map((e: any) => e.node)).toEqual([readByFirst]);

    for (const authorization of [await bearer(partnerClaims('p')), gw.analyst]) {
      for (const query of ['{ myConsents { totalCount } }', '{ myDataAccesses { totalCount } }']) {
        const res = await gw.query(query, {}, { authorization });
        expect(codes(res.body)).toEqual(['FORBIDDEN']);
        expect(res.body.data ?? null).toBeNull();
      }
    }
  });
});

describe('npm run token', () => {
  it('creates an AUTHORISED consent in the configured database and mints a token that reads with it', async () => {
    const root = join(__dirname, '..');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [compiledEntry('scripts/token.ts'), 'personal', alice, '--sub', 'dev-receiver'],
        {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: gw.databaseUrl, JWT_SECRET: TEST_JWT_SECRET },
        },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const token = stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'dev-receiver', cpf: alice, consentId: expect.stringMatching(/^urn:banco:/) });
    const consents = await gw.query(
      'query($r: String) { consents(filter: { receiver: $r }) { edges { node { consentId status permissions expirationDateTime } } } }',
      { r: 'dev-receiver' },
    );
    const [consent] = consents.body.data.consents.edges.map((e: any) => e.node);
    expect(consent).toMatchObject({ consentId: claims.consentId, status: 'AUTHORISED', permissions: PERSONAL_PERMISSIONS });
    expect(Date.parse(consent.expirationDateTime) - Date.now()).toBeGreaterThan(364 * 86_400_000);
    const res = await gw.query(CUSTOMER, { c: alice }, { authorization: `Bearer ${token}` });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.personalCustomer.cpfNumber).toBe(alice);
  }, 60_000);
});

describe('customer tokens without a consent', () => {
  let strict: TestGateway;
  beforeAll(async () => {
    const base: Config = loadConfig();
    strict = await startTestGateway('consents-strict', { inProcessWorker: false, consents: { ...base.consents, consentlessPermissions: false } });
    await strict.dataSource.getRepository(PersonalCustomer).insert({ cpfNumber: alice });
  });
  afterAll(() => strict?.stop());

  it('keep their own views but read no Open Banking block where CONSENTLESS_PERMISSIONS is off (production)', async () => {
    const authorization = await bearer(personalConsentClaims(alice));
    const res = await strict.query(CUSTOMER, { c: alice }, { authorization });
    expect(res.body.data.personalCustomer).toEqual({ cpfNumber: alice, identifications: null, qualifications: null });
    expect(codes(res.body)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const mine = await strict.query('{ myConsents { totalCount } }', {}, { authorization });
    expect(mine.body).toEqual({ data: { myConsents: { totalCount: 0 } } });
    // With a consent, the same gateway reads.
    const withConsent = await strict.query(CUSTOMER, { c: alice }, { authorization: await consentBearer(await givenConsent(strict, { cpf: alice })) });
    expect(withConsent.body.errors).toBeUndefined();
  });

  it('refuses a malformed consentId claim as UNAUTHENTICATED', async () => {
    const res = await strict.query(CUSTOMER, { c: alice }, { authorization: await bearer({ ...analystClaims(), consentId: 'consent-1' }) });
    expect(res.status).toBe(401);
    expect(codes(res.body)).toEqual(['UNAUTHENTICATED']);
  });
});
