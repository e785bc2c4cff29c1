/**
 * Tokens fail closed on malformed claims: a correctly signed token whose
 * `sub`, `scope`, `permissions`, `roles`, `cpf` or `cnpj` has the wrong type
 * or format is refused as a whole (UNAUTHENTICATED, 401; over WebSocket the
 * connection is refused with 4403), never read as "claim absent". Before, a
 * `cpf` that was a number, "" or an array left the token unbound to any
 * customer, so with scope customer.read it read anyone's registration.
 */
import { JWTPayload, SignJWT } from 'jose';
import { ALL_PERMISSIONS, personalConsentClaims } from '../src/platform/security/viewer';
import { seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { eventually } from './support/process';
import { subscribe, wsClient } from './support/ws';

let gw: TestGateway;
/** The person whose data the malformed tokens try to reach: a registration and a read-model customer. */
const victim = uniqueCpf();
let customerCpf: string;

const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));

/** Everything a token may carry, well-formed; each case below spoils one claim. */
const BASE = { sub: 'attacker-app', scope: 'openid customers customer.read customer.write', permissions: ALL_PERMISSIONS };

const MALFORMED: [name: string, claims: Record<string, unknown>][] = [
  ['cpf as a number', { ...BASE, cpf: 52998224725 }],
  ['cpf empty', { ...BASE, cpf: '' }],
  ['cpf as an array', { ...BASE, cpf: ['52998224725'] }],
  ['cpf as an empty array', { ...BASE, cpf: [] }],
  ['cpf null', { ...BASE, cpf: null }],
  ['cpf as an object', { ...BASE, cpf: {} }],
  ['cpf true', { ...BASE, cpf: true }],
  ['cpf with a mask', { ...BASE, cpf: '529.982.247-25' }],
  ['cpf of 10 digits', { ...BASE, cpf: '5299822472' }],
  ['cpf with a wrong check digit', { ...BASE, cpf: '52998224726' }],
  ['cpf of repeated digits', { ...BASE, cpf: '11111111111' }],
  ['cnpj as a number', { ...BASE, cnpj: 11222333000181 }],
  ['cnpj empty', { ...BASE, cnpj: '' }],
  ['cnpj as an array', { ...BASE, cnpj: ['11222333000181'] }],
  ['cnpj of 13 digits', { ...BASE, cnpj: '1122233300018' }],
  ['cnpj with a wrong check digit', { ...BASE, cnpj: '11222333000182' }],
  ['scope as an array', { ...BASE, scope: ['customer.read'] }],
  ['scope as a number', { ...BASE, scope: 1 }],
  ['scope null', { ...BASE, scope: null }],
  ['permissions as a string', { ...BASE, permissions: 'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ' }],
  ['permissions with a number', { ...BASE, permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 7] }],
  ['permissions as an object', { ...BASE, permissions: { 0: 'RESOURCES_READ' } }],
  ['roles as a string', { ...BASE, roles: 'analyst' }],
  ['roles with a null', { ...BASE, roles: ['analyst', null] }],
  ['roles null', { ...BASE, roles: null }],
  ['sub empty', { ...BASE, sub: '' }],
  ['sub blank', { ...BASE, sub: '   ' }],
  ['sub as a number', { ...BASE, sub: 42 }],
  ['sub as an array', { ...BASE, sub: ['attacker'] }],
  ['sub null', { ...BASE, sub: null }],
  ['sub with a NUL', { ...BASE, sub: 'attacker\u0000analyst' }],
  ['sub longer than the audit log keeps', { ...BASE, sub: 'x'.repeat(201) }],
];

const REGISTRATION = `query($d: String!) { customerRegistration(documentNumber: $d) { documentNumber status registerName } }`;
const CUSTOMER = `query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }`;
const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  gw = await startTestGateway('claims', { inProcessWorker: false });
  // Registered by the partner of BASE: a partner reads only its own registrations (src/platform/security/policies.ts).
  const registered = await gw.query(REGISTER, { documentNumber: victim, input: validRegistration() }, { authorization: `Bearer ${await tokenFor(BASE)}` });
  expect(registered.body.errors).toBeUndefined();
  customerCpf = (await seedCustomers(gw.dataSource, { seed: 6, personal: 1, business: 0 })).firstCpf!;
});
afterAll(() => gw?.stop());

describe('well-formed tokens (the baseline the malformed ones must not beat)', () => {
  it('a token bound to another CPF is FORBIDDEN on the victim; an unbound partner token reads its registration', async () => {
    const bound = `Bearer ${await tokenFor({ ...BASE, cpf: uniqueCpf() })}`;
    expect(codeOf(await gw.query(REGISTRATION, { d: victim }, { authorization: bound }))).toBe('FORBIDDEN');
    expect(codeOf(await gw.query(CUSTOMER, { c: customerCpf }, { authorization: bound }))).toBe('FORBIDDEN');
    const partner = await gw.query(REGISTRATION, { d: victim }, { authorization: `Bearer ${await tokenFor(BASE)}` });
    expect(partner.body.data.customerRegistration.documentNumber).toBe(victim);
    const own = await gw.query(CUSTOMER, { c: customerCpf }, { authorization: `Bearer ${await tokenFor(personalConsentClaims(customerCpf))}` });
    expect(own.body.data.personalCustomer.identifications).toHaveLength(1);
  });
});

describe('verified tokens are remembered only until they expire (src/platform/security/viewer.ts)', () => {
  it('a token read from the cache is refused as UNAUTHENTICATED (401, "expired") once its exp has passed', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ ...BASE } as JWTPayload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const authorization = `Bearer ${token}`;
    // Twice while valid (the second answer comes from the cache)…
    for (let i = 0; i < 2; i++)
      expect((await gw.query(REGISTRATION, { d: victim }, { authorization })).body.data.customerRegistration.documentNumber).toBe(victim);
    // …then, once exp has passed, the cached viewer is not used.
    const refused = await eventually(async () => {
      const res = await gw.query(REGISTRATION, { d: victim }, { authorization });
      return res.status === 401 && res;
    }, 10_000);
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.body.errors![0].message).toMatch(/expired/);
  });

  it('a token with one byte of its signature changed is refused even after the genuine one was cached', async () => {
    const token = await sign(BASE);
    expect((await gw.query(REGISTRATION, { d: victim }, { authorization: `Bearer ${token}` })).status).toBe(200);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const res = await gw.query(REGISTRATION, { d: victim }, { authorization: `Bearer ${forged}` });
    expect([res.status, codeOf(res)]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('a signed token with a malformed claim is refused as a whole', () => {
  it.each(MALFORMED)('over HTTP: %s → UNAUTHENTICATED (401), no data', async (_name, claims) => {
    const authorization = `Bearer ${await sign(claims)}`;
    for (const [query, variables] of [
      [REGISTRATION, { d: victim }],
      [CUSTOMER, { c: customerCpf }],
    ] as const) {
      const res = await gw.query(query, variables, { authorization });
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.body.data ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('Nísia');
    }
    const register = await gw.query(REGISTER, { documentNumber: uniqueCpf(), input: validRegistration() }, { authorization });
    expect([register.status, codeOf(register)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it.each(MALFORMED)('over WebSocket: %s → connection refused (4403), no event', async (_name, claims) => {
    const client = wsClient(gw.url, { authorization: `Bearer ${await sign(claims)}` });
    try {
      const sub = subscribe(client, EVALUATION, { documentNumber: victim }, (d) => d.customerEvaluation);
      // Refused: the stream ends at once. Accepted (the old fail-open), it would deliver the victim's current state first.
      await Promise.race([sub.completed, sub.waitFor(1).catch(() => undefined)]);
      expect(sub.received).toEqual([]);
      expect((sub.errors[0] as { code?: number })?.code).toBe(4403);
    } finally {
      await client.dispose();
    }
  });
});
