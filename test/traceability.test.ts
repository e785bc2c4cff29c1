import { personalConsentClaims } from '../src/platform/security/viewer';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

let gw: TestGateway;
const cpf = uniqueCpf();
beforeAll(async () => {
  gw = await startTestGateway('traceability', { evaluationDelayMs: 100 });
  await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { 'x-fapi-interaction-id': 'register-0001' });
  await eventually(
    async () => (await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: cpf })).body.data?.personalCustomer,
  );
});
afterAll(() => gw.stop());

const AUDIT = `query($f: AuditFilter) { auditLog(first: 100, filter: $f) { totalCount edges { node { subject action customerDocument resources interactionId operationName at } } } }`;

describe('x-fapi-interaction-id', () => {
  it('is echoed when valid and generated as a UUID when absent', async () => {
    const given = await gw.query('{ __typename }', {}, { 'x-fapi-interaction-id': 'abc-123' });
    expect(given.headers.get('x-fapi-interaction-id')).toBe('abc-123');
    const generated = await gw.query('{ __typename }');
    expect(generated.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is refused with INVALID_INTERACTION_ID when it breaks the spec pattern', async () => {
    for (const bad of ['-starts-with-dash', 'has space', 'x'.repeat(101), 'ünïcode']) {
      const res = await gw.query(
        '{ __typename }',
        {},
        { 'x-fapi-interaction-id': encodeURIComponent(bad) === bad ? bad : bad.replace(/[^\x20-\x7e]/g, '_') + '!' },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions?.code).toBe('INVALID_INTERACTION_ID');
    }
  });

  it('is attached to every error', async () => {
    const res = await gw.query('{ personalCustomer(cpfNumber: "123") { cpfNumber } }', {}, { 'x-fapi-interaction-id': 'trace-me' });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CPF', interactionId: 'trace-me' });
  });
});

describe('audit log', () => {
  it('records who read which blocks of which customer, under which interaction id', async () => {
    const token = `Bearer ${await tokenFor(personalConsentClaims(cpf, 'consent-42'))}`;
    const read = await gw.query(
      'query ReadMine($c: String!) { personalCustomer(cpfNumber: $c) { identifications { civilName } financialRelations { startDate } } }',
      { c: cpf },
      { authorization: token, 'x-fapi-interaction-id': 'read-0042' },
    );
    expect(read.body.errors).toBeUndefined();
    const audit = await gw.query(AUDIT, { f: { customerDocument: cpf, interactionId: 'read-0042' } });
    expect(audit.body.data.auditLog.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        subject: 'consent-42',
        action: 'READ',
        customerDocument: cpf,
        resources: ['financialRelations', 'identifications'],
        interactionId: 'read-0042',
        operationName: 'ReadMine',
      }),
    ]);
  });

  it('records registrations', async () => {
    const audit = await gw.query(AUDIT, { f: { customerDocument: cpf, interactionId: 'register-0001' } });
    expect(audit.body.data.auditLog.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        subject: 'test-analyst',
        action: 'REGISTER',
        resources: ['registration.createdAt', 'registration.documentNumber', 'registration.status'],
      }),
    ]);
  });

  it('does not record refused reads, and is for analysts only', async () => {
    const other = uniqueCpf();
    const token = `Bearer ${await tokenFor(personalConsentClaims(other))}`;
    await gw.query(
      'query($c: String!) { personalCustomer(cpfNumber: $c) { identifications { civilName } } }',
      { c: cpf },
      { authorization: token, 'x-fapi-interaction-id': 'refused-1' },
    );
    const audit = await gw.query(AUDIT, { f: { interactionId: 'refused-1' } });
    expect(audit.body.data.auditLog.totalCount).toBe(0);
    const asCustomer = await gw.query(AUDIT, { f: {} }, { authorization: token });
    expect(asCustomer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
