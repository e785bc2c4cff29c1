import { analystClaims, businessConsentClaims, partnerClaims, personalConsentClaims, TokenClaims } from '../src/platform/security/viewer';
import { seedCustomers } from '../src/modules/demo/generator';
import { EvaluationWorker } from '../src/modules/onboarding/evaluation.worker';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

/**
 * Finding 10: every customer datum a response carries is audited, whatever
 * fields, aliases, fragments or lists it came through; refused blocks and
 * data-free selections (`totalCount`) are not. Each case reads under its own
 * x-fapi-interaction-id and compares the exact rows `auditLog` gives back.
 */
let gw: TestGateway;
let cpfs: string[];
let cnpjs: string[];
const registered = uniqueCpf();
let caseNumber = 0;

const bearer = async (claims: TokenClaims) => `Bearer ${await tokenFor(claims)}`;

beforeAll(async () => {
  // Evaluations wait a minute, so a second registration of a CPF meets it pending; the one decided registration
  // below is moved on by hand.
  gw = await startTestGateway('audit', { evaluationDelayMs: 60_000 });
  await seedCustomers(gw.dataSource, { personal: 12, business: 6, seed: 10 });
  cpfs = (await gw.dataSource.query('SELECT cpfNumber FROM personal_customers ORDER BY id')).map((r: any) => r.cpfNumber);
  cnpjs = (await gw.dataSource.query('SELECT cnpjNumber FROM business_customers ORDER BY id')).map((r: any) => r.cnpjNumber);
  expect([cpfs.length, cnpjs.length]).toEqual([12, 6]);
  // Registered by a partner: partners read only their own registrations, the customer's own token and staff any.
  const res = await gw.query(REGISTER, { documentNumber: registered, input: validRegistration() }, { authorization: await bearer(partnerClaims()) });
  expect(res.body.errors).toBeUndefined();
  // Decided (so it no longer changes under the cases below): its two steps run now, on the gateway's bus.
  const worker = new EvaluationWorker(gw.dataSource, gw.gateway.services.pubSub, gw.config);
  await worker.runDueSteps(new Date(Date.now() + 120_000));
  await worker.runDueSteps(new Date(Date.now() + 120_000));
  await eventually(
    async () =>
      (await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { decidedAt } }', { d: registered })).body.data?.customerRegistration
        ?.decidedAt,
  );
});
afterAll(() => gw?.stop());

interface Row {
  customerDocument: string;
  action: string;
  resources: string[];
}

const AUDIT = `query($f: AuditFilter) { auditLog(first: 1000, filter: $f) { totalCount edges { node { subject action customerDocument resources interactionId } } } }`;

/** The audit rows of one request, sorted by customer then action. */
async function rowsOf(interactionId: string): Promise<Row[]> {
  const res = await gw.query(AUDIT, { f: { interactionId } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.auditLog.edges
    .map(({ node }: any) => ({ customerDocument: node.customerDocument, action: node.action, resources: node.resources }))
    .sort((a: Row, b: Row) => a.customerDocument.localeCompare(b.customerDocument) || a.action.localeCompare(b.action));
}

/** Sends `query` under a fresh interaction id and returns the response and the rows it left. */
async function read(query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const interactionId = `audit-case-${++caseNumber}`;
  const res = await gw.query(query, variables, { 'x-fapi-interaction-id': interactionId, ...(authorization ? { authorization } : {}) });
  return { res, rows: await rowsOf(interactionId), interactionId };
}

const row = (customerDocument: string, resources: string[], action = 'READ'): Row => ({ customerDocument, action, resources });
const sortedRows = (rows: Row[]) => [...rows].sort((a, b) => a.customerDocument.localeCompare(b.customerDocument) || a.action.localeCompare(b.action));

const PERSONAL_BLOCKS = 'identifications { civilName } qualifications { occupationCode } financialRelations { startDate }';
const BUSINESS_BLOCKS = 'identifications { companyName } qualifications { informedRevenue { amount } } financialRelations { startDate }';

describe('every read shape leaves exactly the rows of what it returned', () => {
  const P = () => cpfs[0];
  const B = () => cnpjs[0];
  const cases: [string, () => { query: string; variables?: Record<string, unknown>; expected: Row[] }][] = [
    [
      'personalCustomer { cpfNumber } only',
      () => ({
        query: 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }',
        variables: { c: P() },
        expected: [row(P(), ['cpfNumber'])],
      }),
    ],
    [
      'personalCustomer { __typename } only (it tells the CPF is a customer)',
      () => ({
        query: 'query($c: String!) { personalCustomer(cpfNumber: $c) { __typename } }',
        variables: { c: P() },
        expected: [row(P(), ['__typename'])],
      }),
    ],
    [
      'personalCustomer with every block',
      () => ({
        query: `query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber ${PERSONAL_BLOCKS} } }`,
        variables: { c: P() },
        expected: [row(P(), ['cpfNumber', 'financialRelations', 'identifications', 'qualifications'])],
      }),
    ],
    [
      'personalCustomer through aliases, a named fragment and an inline fragment',
      () => ({
        query: `query($c: String!) { a: personalCustomer(cpfNumber: $c) { ...id } b: personalCustomer(cpfNumber: $c) { ... on PersonalCustomer { qualifications { occupationCode } } } }
        fragment id on PersonalCustomer { number: cpfNumber }`,
        variables: { c: P() },
        expected: [row(P(), ['cpfNumber', 'qualifications'])],
      }),
    ],
    [
      'personalCustomer with @include(if: false) / @skip(if: true) fields (not returned, not audited)',
      () => ({
        query: `query($c: String!, $no: Boolean!) { personalCustomer(cpfNumber: $c) { cpfNumber @include(if: $no) qualifications @skip(if: true) { occupationCode } identifications { civilName } } }`,
        variables: { c: P(), no: false },
        expected: [row(P(), ['identifications'])],
      }),
    ],
    [
      'personalCustomer of an unknown CPF (null: nothing returned)',
      () => ({
        query: 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }',
        variables: { c: uniqueCpf() },
        expected: [],
      }),
    ],
    [
      'businessCustomer { cnpjNumber } only',
      () => ({
        query: 'query($c: String!) { businessCustomer(cnpjNumber: $c) { cnpjNumber } }',
        variables: { c: B() },
        expected: [row(B(), ['cnpjNumber'])],
      }),
    ],
    [
      'businessCustomer with every block',
      () => ({
        query: `query($c: String!) { businessCustomer(cnpjNumber: $c) { ${BUSINESS_BLOCKS} } }`,
        variables: { c: B() },
        expected: [row(B(), ['financialRelations', 'identifications', 'qualifications'])],
      }),
    ],
    [
      'personalCustomers { edges { cursor } } only',
      () => ({
        query: '{ personalCustomers(first: 3) { edges { cursor } } }',
        expected: cpfs.slice(0, 3).map((c) => row(c, ['cursor'])),
      }),
    ],
    [
      'personalCustomers { edges { node { cpfNumber } } } only',
      () => ({
        query: '{ personalCustomers(first: 3) { edges { node { cpfNumber } } } }',
        expected: cpfs.slice(0, 3).map((c) => row(c, ['cpfNumber'])),
      }),
    ],
    [
      'personalCustomers with blocks only, after a cursor',
      () => ({
        query: `query($after: String) { personalCustomers(first: 2, after: $after) { edges { node { identifications { civilName } } } } }`,
        variables: { after: Buffer.from('cursor:v1:0').toString('base64url') },
        expected: cpfs.slice(0, 2).map((c) => row(c, ['identifications'])),
      }),
    ],
    [
      'personalCustomers { totalCount pageInfo { hasNextPage } } (no customer datum)',
      () => ({
        query: '{ personalCustomers(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage } } }',
        expected: [],
      }),
    ],
    [
      'personalCustomers { pageInfo { startCursor endCursor } } (the cursors of the first and last customers)',
      () => ({
        query: '{ personalCustomers(first: 3) { pageInfo { startCursor endCursor } } }',
        expected: [row(cpfs[0], ['cursor']), row(cpfs[2], ['cursor'])],
      }),
    ],
    [
      'businessCustomers with cnpjNumber and a block',
      () => ({
        query: '{ businessCustomers(first: 2) { totalCount edges { cursor node { cnpjNumber qualifications { informedRevenue { amount } } } } } }',
        expected: cnpjs.slice(0, 2).map((c) => row(c, ['cnpjNumber', 'cursor', 'qualifications'])),
      }),
    ],
    [
      'one customer through two root fields: one row, resources merged',
      () => ({
        query: `query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } personalCustomers(first: 1) { edges { node { identifications { civilName } } } } }`,
        variables: { c: P() },
        expected: [row(P(), ['cpfNumber', 'identifications'])],
      }),
    ],
    [
      'customerRegistration (analyst: reasons visible)',
      () => ({
        query: 'query($d: String!) { customerRegistration(documentNumber: $d) { status reasons events { name } } }',
        variables: { d: registered },
        expected: [row(registered, ['registration.events', 'registration.reasons', 'registration.status'])],
      }),
    ],
    [
      'customerRegistration of a CPF never registered (null)',
      () => ({
        query: 'query($d: String!) { customerRegistration(documentNumber: $d) { status } }',
        variables: { d: uniqueCpf() },
        expected: [],
      }),
    ],
  ];

  it.each(cases)('%s', async (_title, make) => {
    const { query, variables, expected } = make();
    const { res, rows } = await read(query, variables);
    expect(res.body.errors).toBeUndefined();
    expect(rows).toEqual(sortedRows(expected));
  });

  it('customerRegistration read by a partner: reasons come back null, so they are not recorded', async () => {
    const { res, rows } = await read(
      'query($d: String!) { customerRegistration(documentNumber: $d) { status reasons } }',
      { d: registered },
      await bearer(partnerClaims()),
    );
    expect(res.body.data.customerRegistration.reasons).toBeNull();
    expect(rows).toEqual([row(registered, ['registration.status'])]);
  });

  it('rows can be found by customer through auditLog(filter: {customerDocument})', async () => {
    const { interactionId } = await read('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: cpfs[5] });
    const res = await gw.query(AUDIT, { f: { customerDocument: cpfs[5] } });
    expect(res.body.data.auditLog.edges.map(({ node }: any) => node)).toContainEqual({
      subject: 'test-analyst',
      action: 'READ',
      customerDocument: cpfs[5],
      resources: ['cpfNumber'],
      interactionId,
    });
  });
});

describe('lists', () => {
  it('a page of N customers audits N documents, in one INSERT', async () => {
    gw.sql.statements = [];
    const { res, rows } = await read('{ personalCustomers(first: 10) { edges { node { cpfNumber qualifications { occupationCode } } } } }');
    const returned = res.body.data.personalCustomers.edges.map((e: any) => e.node.cpfNumber);
    expect(returned).toHaveLength(10);
    expect(rows.map((r) => r.customerDocument).sort()).toEqual([...returned].sort());
    expect(rows.every((r) => r.action === 'READ' && r.resources.join() === 'cpfNumber,qualifications')).toBe(true);
    const inserts = gw.sql.statements.filter((s) => /^INSERT INTO [`"]?audit_log/i.test(s));
    // The auditLog read that follows writes nothing; the page itself wrote one statement.
    expect(inserts).toHaveLength(1);
  });
});

describe('refused reads audit nothing for the refused part', () => {
  it('a consent for another CPF (FORBIDDEN) leaves no row', async () => {
    const { res, rows } = await read(
      `query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber ${PERSONAL_BLOCKS} } }`,
      { c: cpfs[1] },
      await bearer(personalConsentClaims(cpfs[0])),
    );
    expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(rows).toEqual([]);
  });

  it('a CPF-bound token reading a business, and a business token reading a person, leave no row', async () => {
    for (const [query, variables, token] of [
      ['query($c: String!) { businessCustomer(cnpjNumber: $c) { cnpjNumber } }', { c: cnpjs[0] }, await bearer(personalConsentClaims(cpfs[0]))],
      ['query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: cpfs[0] }, await bearer(businessConsentClaims(cnpjs[0]))],
      ['{ personalCustomers(first: 3) { edges { node { cpfNumber } } } }', {}, await bearer({ ...analystClaims(), roles: [] })],
    ] as const) {
      const { res, rows } = await read(query, variables, token);
      expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(rows).toEqual([]);
    }
  });

  it('a block the consent lacks (FORBIDDEN) is not recorded; the granted ones are', async () => {
    const claims = { ...personalConsentClaims(cpfs[0]), permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'] };
    const { res, rows } = await read(
      `query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber ${PERSONAL_BLOCKS} } }`,
      { c: cpfs[0] },
      await bearer(claims),
    );
    expect(res.body.errors!.map((e: any) => [e.path.join('.'), e.extensions.code]).sort()).toEqual([
      ['personalCustomer.financialRelations', 'FORBIDDEN'],
      ['personalCustomer.qualifications', 'FORBIDDEN'],
    ]);
    expect(rows).toEqual([row(cpfs[0], ['cpfNumber', 'identifications'])]);
  });

  it('only refused blocks selected (FORBIDDEN): no row', async () => {
    const claims = { ...businessConsentClaims(cnpjs[0]), permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'] };
    const { res, rows } = await read(
      'query($c: String!) { businessCustomer(cnpjNumber: $c) { qualifications { informedRevenue { amount } } } }',
      { c: cnpjs[0] },
      await bearer(claims),
    );
    expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(rows).toEqual([]);
  });
});

describe('registrations', () => {
  it('a registration is audited as REGISTER with the fields it answered', async () => {
    const cpf = uniqueCpf();
    const { res, rows } = await read(REGISTER, { documentNumber: cpf, input: validRegistration() });
    expect(res.body.errors).toBeUndefined();
    expect(rows).toEqual([row(cpf, ['registration.createdAt', 'registration.documentNumber', 'registration.status'], 'REGISTER')]);
    // Registering it again is refused with a code that tells the CPF's state: audited as a rejected attempt.
    const again = await read(REGISTER, { documentNumber: cpf, input: validRegistration() });
    expect(again.res.body.errors?.[0].extensions.code).toBe('CUSTOMER_AWAIT_EVALUATION');
    expect(again.rows).toEqual([row(cpf, ['rejected:CUSTOMER_AWAIT_EVALUATION'], 'REGISTER')]);
  });

  it('a refused registration (FORBIDDEN) and a malformed CPF leave no row', async () => {
    const forbidden = await read(REGISTER, { documentNumber: uniqueCpf(), input: validRegistration() }, await bearer({ sub: 'ro', scope: 'customer.read' }));
    expect(forbidden.res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(forbidden.rows).toEqual([]);
    const malformed = await read(REGISTER, { documentNumber: '123', input: validRegistration() });
    expect(malformed.res.body.errors?.[0].extensions.code).toBe('INVALID_CPF');
    expect(malformed.rows).toEqual([]);
  });
});

describe('subscriptions', () => {
  it('each event sent is audited (fields of the event), under the subscriber', async () => {
    const subject = `audit-subscriber-${Date.now()}`;
    const client = wsClient(gw.url, { authorization: await bearer({ sub: subject, scope: 'customer.read', cpf: registered }) });
    const sub = subscribe(
      client,
      'subscription($d: String!) { customerEvaluation(documentNumber: $d) { name status } }',
      { d: registered },
      (d) => d.customerEvaluation,
    );
    await sub.completed;
    await client.dispose();
    // A decided registration: the current state (the decision), then the stream completes.
    expect(sub.received).toHaveLength(1);
    const res = await gw.query(AUDIT, { f: { subject } });
    expect(res.body.data.auditLog.edges.map(({ node }: any) => [node.customerDocument, node.action, node.resources])).toEqual([
      [registered, 'READ', ['event.name', 'event.status']],
    ]);
  });

  it('a refused subscription (FORBIDDEN) leaves no row', async () => {
    const subject = `audit-refused-${Date.now()}`;
    const client = wsClient(gw.url, { authorization: await bearer({ sub: subject, scope: 'customer.read', cpf: cpfs[0] }) });
    const sub = subscribe(client, EVALUATION, { documentNumber: registered }, (d) => d.customerEvaluation);
    await sub.completed;
    await client.dispose();
    expect(sub.received).toEqual([]);
    expect(JSON.stringify(sub.errors)).toContain('FORBIDDEN');
    expect((await gw.query(AUDIT, { f: { subject } })).body.data.auditLog.totalCount).toBe(0);
  });
});
