import { SignJWT, UnsecuredJWT } from 'jose';
import { analystClaims, businessConsentClaims, partnerClaims, personalConsentClaims, TokenClaims } from '../src/platform/security/viewer';
import { seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

let gw: TestGateway;
const alice = uniqueCpf();
const bob = uniqueCpf();
/** Two legal persons, seeded: acme and globex. */
let acme: string;
let globex: string;
const bearer = async (claims: TokenClaims, expiresIn: string | number = '1h') => `Bearer ${await tokenFor(claims, expiresIn)}`;

const CUSTOMER = `query($c: String!) { personalCustomer(cpfNumber: $c) {
  cpfNumber identifications { civilName contacts { emails { email } } } qualifications { occupationDescription }
  financialRelations { accounts { number } } } }`;

beforeAll(async () => {
  gw = await startTestGateway('auth', { evaluationDelayMs: 100 });
  for (const cpf of [alice, bob]) {
    await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
  }
  await eventually(async () => {
    const res = await gw.query(`{ personalCustomers(first: 10) { totalCount } }`);
    return res.body.data?.personalCustomers.totalCount === 2;
  });
  await seedCustomers(gw.dataSource, { personal: 0, business: 2, seed: 5 });
  [acme, globex] = (await gw.dataSource.query('SELECT cnpjNumber FROM business_customers ORDER BY id')).map((r: any) => r.cnpjNumber);
  expect([acme, globex]).toEqual([expect.stringMatching(/^\d{14}$/), expect.stringMatching(/^\d{14}$/)]);
});
afterAll(() => gw.stop());

const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.code;

describe('authentication', () => {
  it('gives no data without a token', async () => {
    const res = await gw.query(CUSTOMER, { c: alice }, { authorization: '' });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.body.data?.personalCustomer ?? null).toBeNull();
  });

  it.each([
    ['expired', async () => bearer(analystClaims(), -10)],
    ['malformed', async () => 'Bearer not-a-jwt'],
    ['not a bearer', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    [
      'wrongly signed',
      async () =>
        `Bearer ${await new SignJWT({ ...analystClaims() }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-another'))}`,
    ],
    ['alg none', async () => `Bearer ${new UnsecuredJWT({ ...analystClaims() }).setExpirationTime('1h').encode()}`],
    [
      'no expiry',
      async () =>
        `Bearer ${await new SignJWT({ ...analystClaims() }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('test-secret-of-at-least-thirty-two-characters!'))}`,
    ],
  ])('refuses a %s token with UNAUTHENTICATED (401)', async (_name, make) => {
    const res = await gw.query(CUSTOMER, { c: alice }, { authorization: await make() });
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });
});

describe('consent-bound tokens read only their own customer', () => {
  it('reads its own customer with every block', async () => {
    const res = await gw.query(CUSTOMER, { c: alice }, { authorization: await bearer(personalConsentClaims(alice)) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.personalCustomer.identifications[0].civilName).toBe('Nísia Floresta');
    expect(res.body.data.personalCustomer.financialRelations[0].accounts).toHaveLength(1);
  });

  it('cannot reach another customer through any root field', async () => {
    const token = await bearer(personalConsentClaims(alice));
    const attempts = [
      [CUSTOMER, { c: bob }],
      ['{ personalCustomers(first: 5) { edges { node { cpfNumber identifications { civilName } } } } }', {}],
      ['{ businessCustomers(first: 5) { totalCount } }', {}],
      ['query($c: String!) { businessCustomer(cnpjNumber: $c) { cnpjNumber } }', { c: '11222333000181' }],
      ['query($d: String!) { customerRegistration(documentNumber: $d) { status registerName } }', { d: bob }],
    ] as const;
    for (const [query, variables] of attempts) {
      const res = await gw.query(query, variables, { authorization: token });
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body.data ?? null)).not.toContain('Nísia');
    }
  });

  it('cannot reach another customer through nested fields either (aliases, fragments)', async () => {
    const token = await bearer(personalConsentClaims(alice));
    const res = await gw.query(
      `query($a: String!, $b: String!) {
        mine: personalCustomer(cpfNumber: $a) { ...all }
        theirs: personalCustomer(cpfNumber: $b) { ...all }
      }
      fragment all on PersonalCustomer { identifications { civilName } qualifications { companyCnpj } financialRelations { startDate } }`,
      { a: alice, b: bob },
      { authorization: token },
    );
    expect(res.body.data.mine.identifications).toHaveLength(1);
    expect(res.body.data.theirs).toBeNull();
    expect(res.body.errors!.map((e: any) => [e.path[0], e.extensions.code])).toEqual([['theirs', 'FORBIDDEN']]);
  });
});

describe('consents and permissions, personal and business alike (exact FORBIDDEN errors)', () => {
  const PERSONAL = `query($c: String!) { personalCustomer(cpfNumber: $c) {
    cpfNumber identifications { civilName } qualifications { occupationCode } financialRelations { startDate } } }`;
  const BUSINESS = `query($c: String!) { businessCustomer(cnpjNumber: $c) {
    cnpjNumber identifications { companyName } qualifications { informedRevenue { amount } } financialRelations { startDate } } }`;
  const BLOCKS = ['identifications', 'qualifications', 'financialRelations'] as const;
  type Block = (typeof BLOCKS)[number];
  const without = (claims: TokenClaims, permission: string): TokenClaims => ({ ...claims, permissions: claims.permissions!.filter((p) => p !== permission) });
  const personalOf = () => personalConsentClaims(alice);
  const businessOf = () => businessConsentClaims(acme);

  interface Case {
    kind: 'personal' | 'business';
    claims: () => TokenClaims;
    customer: () => string;
    /** null: the whole customer is refused (FORBIDDEN on the root field); else the blocks refused. */
    refused: null | Block[];
  }
  const cases: [string, Case][] = [
    ['a CPF-bound token reads its own person', { kind: 'personal', claims: personalOf, customer: () => alice, refused: [] }],
    ['a CPF-bound token reads another person', { kind: 'personal', claims: personalOf, customer: () => bob, refused: null }],
    ['a CNPJ-bound token reads a person', { kind: 'personal', claims: businessOf, customer: () => alice, refused: null }],
    [
      'a CPF-bound token without CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ',
      {
        kind: 'personal',
        claims: () => without(personalOf(), 'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'),
        customer: () => alice,
        refused: ['identifications'],
      },
    ],
    [
      'a CPF-bound token without CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
      {
        kind: 'personal',
        claims: () => without(personalOf(), 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ'),
        customer: () => alice,
        refused: ['qualifications', 'financialRelations'],
      },
    ],
    [
      'a CPF-bound token holding only business permissions',
      {
        kind: 'personal',
        claims: () => ({ ...personalOf(), permissions: businessOf().permissions }),
        customer: () => alice,
        refused: [...BLOCKS],
      },
    ],
    [
      'a CPF-bound token without the customers scope',
      { kind: 'personal', claims: () => ({ ...personalOf(), scope: 'openid' }), customer: () => alice, refused: null },
    ],
    ['a CNPJ-bound token reads its own business', { kind: 'business', claims: businessOf, customer: () => acme, refused: [] }],
    ['a CNPJ-bound token reads another business', { kind: 'business', claims: businessOf, customer: () => globex, refused: null }],
    ['a CPF-bound token reads a business', { kind: 'business', claims: personalOf, customer: () => acme, refused: null }],
    [
      'a CNPJ-bound token without CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ',
      {
        kind: 'business',
        claims: () => without(businessOf(), 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'),
        customer: () => acme,
        refused: ['identifications'],
      },
    ],
    [
      'a CNPJ-bound token without CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
      {
        kind: 'business',
        claims: () => without(businessOf(), 'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ'),
        customer: () => acme,
        refused: ['qualifications', 'financialRelations'],
      },
    ],
    [
      'a CNPJ-bound token holding only personal permissions',
      {
        kind: 'business',
        claims: () => ({ ...businessOf(), permissions: personalOf().permissions }),
        customer: () => acme,
        refused: [...BLOCKS],
      },
    ],
    [
      'a CNPJ-bound token without the customers scope',
      { kind: 'business', claims: () => ({ ...businessOf(), scope: 'openid' }), customer: () => acme, refused: null },
    ],
    ['an analyst reads any business', { kind: 'business', claims: () => analystClaims(), customer: () => globex, refused: [] }],
  ];

  it.each(cases)('%s', async (_title, { kind, claims, customer, refused }) => {
    const root = kind === 'personal' ? 'personalCustomer' : 'businessCustomer';
    const res = await gw.query(kind === 'personal' ? PERSONAL : BUSINESS, { c: customer() }, { authorization: await bearer(claims()) });
    const errors = (res.body.errors ?? []).map((e: any) => [e.path?.join('.'), e.extensions?.code]).sort();
    if (refused === null) {
      expect(errors).toEqual([[root, 'FORBIDDEN']]);
      expect(res.body.data?.[root] ?? null).toBeNull();
      return;
    }
    expect(errors).toEqual(refused.map((block) => [`${root}.${block}`, 'FORBIDDEN']).sort());
    const answer = res.body.data[root];
    expect(answer[kind === 'personal' ? 'cpfNumber' : 'cnpjNumber']).toBe(customer());
    for (const block of BLOCKS) {
      if (refused.includes(block)) expect(answer[block]).toBeNull();
      else expect(answer[block]).toEqual(expect.any(Array));
    }
    // Granted identifications really came back (every seeded or approved customer has one).
    if (!refused.includes('identifications')) expect(answer.identifications.length).toBeGreaterThan(0);
  });
});

describe('permissions and scopes guard each block', () => {
  it('list queries are for analysts only, even with every permission', async () => {
    const claims = { ...analystClaims(), roles: [] };
    const res = await gw.query('{ personalCustomers(first: 1) { totalCount } }', {}, { authorization: await bearer(claims) });
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});

describe('onboarding scopes', () => {
  it('registerCustomer needs customer.write; customerRegistration needs customer.read', async () => {
    // One partner with two tokens: a partner reads only the registrations it made.
    const readOnly = await bearer({ sub: 'partner-scopes', scope: 'customer.read' });
    const writeOnly = await bearer({ sub: 'partner-scopes', scope: 'customer.write' });
    const cpf = uniqueCpf();
    expect(codeOf(await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: readOnly }))).toBe('FORBIDDEN');
    const [{ n }] = await gw.dataSource.query('SELECT COUNT(*) AS n FROM customer_registrations WHERE documentNumber = ?', [cpf]);
    expect(Number(n)).toBe(0);
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: writeOnly })).body.errors).toBeUndefined();
    const status = `query($d: String!) { customerRegistration(documentNumber: $d) { status } }`;
    expect(codeOf(await gw.query(status, { d: cpf }, { authorization: writeOnly }))).toBe('FORBIDDEN');
    expect((await gw.query(status, { d: cpf }, { authorization: readOnly })).body.data.customerRegistration.status).toBeDefined();
  });

  it('a customer-bound token may register and read only its own CPF', async () => {
    const cpf = uniqueCpf();
    const own = await bearer({ sub: 'app', scope: 'customer.read customer.write', cpf });
    expect(codeOf(await gw.query(REGISTER, { documentNumber: uniqueCpf(), input: validRegistration() }, { authorization: own }))).toBe('FORBIDDEN');
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: own })).body.errors).toBeUndefined();
  });

  it('shows reprovation reasons only to analysts (and compliance), also inside event data', async () => {
    const cpf = '27020526063';
    await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: await bearer(partnerClaims()) });
    const q = `query($d: String!) { customerRegistration(documentNumber: $d) { status reasons events { name data } } }`;
    const analystView = await eventually(async () => {
      const res = await gw.query(q, { d: cpf });
      return res.body.data.customerRegistration.status === 'REPROVED' && res.body.data.customerRegistration;
    });
    expect(analystView.reasons).toEqual(['SANDBOX_DOCUMENT']);
    expect(analystView.events.at(-1).data).toEqual({ reasons: ['SANDBOX_DOCUMENT'] });
    const partner = await gw.query(q, { d: cpf }, { authorization: await bearer(partnerClaims()) });
    expect(partner.body.data.customerRegistration.reasons).toBeNull();
    expect(partner.body.data.customerRegistration.events.at(-1)).toEqual({ name: 'CUSTOMER_WAS_REPROVED', data: {} });
    const compliance = await gw.query(q, { d: cpf }, { authorization: await bearer({ ...partnerClaims(), roles: ['compliance'] }) });
    expect(compliance.body.data.customerRegistration.reasons).toEqual(['SANDBOX_DOCUMENT']);
  });
});

describe('subscriptions authenticate over the socket', () => {
  const closeCodeOf = (sub: { errors: unknown[] }) => (sub.errors[0] as { code?: number })?.code;

  it('refuses a connection without a valid token (4403)', async () => {
    for (const params of [undefined, { authorization: 'Bearer nope' }]) {
      const client = wsClient(gw.url, params);
      const sub = subscribe(client, EVALUATION, { documentNumber: alice }, (d) => d);
      await sub.completed;
      expect(closeCodeOf(sub)).toBe(4403);
      await client.dispose();
    }
  });

  it('checks scopes and consent on each subscribe', async () => {
    const client = wsClient(gw.url, { authorization: await bearer({ sub: 'app', scope: 'customer.read', cpf: alice }) });
    const own = subscribe(client, EVALUATION, { documentNumber: alice }, (d) => d.customerEvaluation);
    await own.completed;
    expect(own.received.at(-1).name).toBe('ACCOUNT_WAS_CREATED');
    const other = subscribe(client, EVALUATION, { documentNumber: bob }, (d) => d.customerEvaluation);
    await other.completed;
    expect(other.received).toEqual([]);
    expect((other.errors[0] as any).extensions?.code ?? (other.errors[0] as any)[0]?.extensions?.code).toBe('FORBIDDEN');
    await client.dispose();
  });

  it('closes the socket when the token expires (4401)', async () => {
    const client = wsClient(gw.url, { authorization: await bearer({ sub: 'short', scope: 'customer.read' }, '2s') });
    const sub = subscribe(client, EVALUATION, { documentNumber: uniqueCpf() }, (d) => d);
    const started = Date.now();
    await sub.completed;
    expect(closeCodeOf(sub)).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5000);
    await client.dispose();
  });
});
