/**
 * A canceled CPF registered again by another partner (issue 19, "What to build" 2): a new registration
 * (its own id and events, the new partner's), which needs documents that partner submitted after the
 * cancellation; the earlier partner keeps its canceled registration, read-only, and sees nothing of the
 * new one; the read model's customer is renewed by the new approval only. Documents on, as in production;
 * evaluations stepped by hand so each state is observed where it holds.
 */
import { EvaluationWorker } from '../src/modules/onboarding/evaluation.worker';
import { approvedDocuments } from './support/documents';
import { startTestGateway, TestGateway, testDocumentsConfig, tokenFor } from './support/gateway';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

jest.setTimeout(120_000);

const REGISTRATION = /* GraphQL */ `
  query Registration($d: String!) {
    customerRegistration(documentNumber: $d) { documentNumber status registerName canceledAt events { sequence name } }
  }
`;
const UPDATE = 'mutation($d: String!) { updateCustomer(documentNumber: $d, input: { occupation: "OCP0002" }) { status } }';
const CANCEL = 'mutation($d: String!) { cancelCustomer(documentNumber: $d, reason: HOLDER_REQUEST) { status } }';
const CUSTOMER =
  'query($c: String!) { personalCustomer(cpfNumber: $c) { identifications { personalId civilName } financialRelations { accounts { number } } } }';

const codesOf = (body: { errors?: any[] }) => (body.errors ?? []).map((e) => e.extensions?.code);

let gw: TestGateway;
let partnerA: string;
let partnerB: string;

beforeAll(async () => {
  gw = await startTestGateway('re-registration', {
    evaluationDelayMs: 3_600_000,
    documents: testDocumentsConfig('re-registration', { acceptUnverified: false, analysisDelayMs: 0 }),
  });
  const scope = 'customer.read customer.write customer.update';
  partnerA = `Bearer ${await tokenFor({ sub: 'partner-a', scope })}`;
  partnerB = `Bearer ${await tokenFor({ sub: 'partner-b', scope })}`;
});
afterAll(() => gw?.stop());

/** Runs the due evaluation steps as if an hour had passed: a pending registration is decided. */
async function decideNow(): Promise<void> {
  const worker = new EvaluationWorker(gw.dataSource, gw.gateway.services.pubSub, gw.config);
  await worker.runDueSteps(new Date(Date.now() + 2 * 3_600_000));
  await worker.runDueSteps(new Date(Date.now() + 2 * 3_600_000));
}

const registrationRows = (cpf: string) =>
  gw.dataSource.query(`SELECT * FROM customer_registrations WHERE ${gw.dataSource.driver.escape('documentNumber')} = ? ORDER BY id`, [cpf]);

it("another partner re-registers a canceled CPF as a new registration; the earlier one stays its partner's, read-only", async () => {
  const cpf = uniqueCpf();
  const documentsA = await approvedDocuments(gw, cpf, partnerA);
  const first = await gw.query(
    REGISTER,
    { documentNumber: cpf, input: validRegistration({ registerName: 'Cliente Da Parceira A', documentation: documentsA }) },
    { authorization: partnerA },
  );
  expect(first.body.errors).toBeUndefined();
  await decideNow();
  const approvedByA = (await gw.query(REGISTRATION, { d: cpf }, { authorization: partnerA })).body.data.customerRegistration;
  expect(approvedByA.status).toBe('APPROVED');
  const readModelA = (await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer;
  expect(readModelA.identifications[0].civilName).toBe('Cliente Da Parceira A');

  // Partner B reaches nothing of A's: the answers for a CPF never registered, and no row changes.
  const before = await registrationRows(cpf);
  expect((await gw.query(REGISTRATION, { d: cpf }, { authorization: partnerB })).body).toEqual({ data: { customerRegistration: null } });
  expect(codesOf((await gw.query(UPDATE, { d: cpf }, { authorization: partnerB })).body)).toEqual(['CUSTOMER_NOT_FOUND']);
  expect(codesOf((await gw.query(CANCEL, { d: cpf }, { authorization: partnerB })).body)).toEqual(['CUSTOMER_NOT_FOUND']);
  expect(await registrationRows(cpf)).toEqual(before);

  // B's documents of before the cancellation will not do afterwards.
  const earlyB = await approvedDocuments(gw, cpf, partnerB);
  expect((await gw.query(CANCEL, { d: cpf }, { authorization: partnerA })).body.errors).toBeUndefined();

  const inputB = (documentation: Record<string, string>) => validRegistration({ registerName: 'Cliente Da Parceira B', documentation });
  const slots = ['input.documentation.idCardBack', 'input.documentation.idCardFront', 'input.documentation.selfie'];
  const fieldsOf = (body: { errors?: any[] }) => (body.errors?.[0]?.extensions?.fields ?? []).map((f: any) => `${f.field}:${f.code}`).sort();
  for (const documentation of [documentsA, earlyB]) {
    const refused = await gw.query(REGISTER, { documentNumber: cpf, input: inputB(documentation) }, { authorization: partnerB });
    expect(fieldsOf(refused.body)).toEqual(slots.map((slot) => `${slot}:DOCUMENT_NOT_FOUND`));
    expect((await registrationRows(cpf)).length).toBe(1);
  }

  const documentsB = await approvedDocuments(gw, cpf, partnerB);
  const second = await gw.query(REGISTER, { documentNumber: cpf, input: inputB(documentsB) }, { authorization: partnerB });
  expect(second.body.errors).toBeUndefined();
  const rows = await registrationRows(cpf);
  expect(rows.map((r: any) => [r.registeredBy, r.status])).toEqual([
    ['partner-a', 'CANCELED'],
    ['partner-b', 'PENDING_APPROVAL'],
  ]);
  expect(rows[1].id).not.toBe(rows[0].id);

  // The read model still shows A's customer until B's registration is approved.
  expect((await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer.identifications[0].civilName).toBe('Cliente Da Parceira A');
  await decideNow();

  // A: its canceled registration, unchanged and read-only; nothing of B's.
  const seenByA = (await gw.query(REGISTRATION, { d: cpf }, { authorization: partnerA })).body.data.customerRegistration;
  expect(seenByA).toMatchObject({ status: 'CANCELED', registerName: 'Cliente Da Parceira A' });
  expect(seenByA.events.map((e: any) => e.name)).toEqual([
    'CUSTOMER_WAS_RECEIVED',
    'CUSTOMER_IN_ANALYSIS',
    'CUSTOMER_WAS_APPROVED',
    'ACCOUNT_WAS_CREATED',
    'CUSTOMER_WAS_CANCELED',
  ]);
  expect(codesOf((await gw.query(UPDATE, { d: cpf }, { authorization: partnerA })).body)).toEqual(['CUSTOMER_NOT_APPROVED']);
  expect(codesOf((await gw.query(CANCEL, { d: cpf }, { authorization: partnerA })).body)).toEqual(['CUSTOMER_ALREADY_CANCELED']);

  // B: its own registration and event stream, numbered on in the CPF's history.
  const seenByB = (await gw.query(REGISTRATION, { d: cpf }, { authorization: partnerB })).body.data.customerRegistration;
  expect(seenByB).toMatchObject({ status: 'APPROVED', registerName: 'Cliente Da Parceira B', canceledAt: null });
  expect(seenByB.events.map((e: any) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED']);
  expect(seenByB.events[0].sequence).toBeGreaterThan(seenByA.events.at(-1).sequence);

  // The same read-model customer, renewed by B's approval: B's data, the same personalId, a second account.
  const renewed = (await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer;
  expect(renewed.identifications).toEqual([{ personalId: readModelA.identifications[0].personalId, civilName: 'Cliente Da Parceira B' }]);
  expect(renewed.financialRelations[0].accounts).toHaveLength(2);

  // Staff and the customer's own token see the CPF's latest registration: B's.
  expect((await gw.query(REGISTRATION, { d: cpf })).body.data.customerRegistration.registerName).toBe('Cliente Da Parceira B');
});

it("one live registration per CPF: while B's is under evaluation, A cannot register the CPF again", async () => {
  const cpf = uniqueCpf();
  const documentsA = await approvedDocuments(gw, cpf, partnerA);
  expect(
    (await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ documentation: documentsA }) }, { authorization: partnerA })).body.errors,
  ).toBeUndefined();
  await decideNow();
  expect((await gw.query(CANCEL, { d: cpf }, { authorization: partnerA })).body.errors).toBeUndefined();
  const documentsB = await approvedDocuments(gw, cpf, partnerB);
  expect(
    (await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ documentation: documentsB }) }, { authorization: partnerB })).body.errors,
  ).toBeUndefined();
  const documentsA2 = await approvedDocuments(gw, cpf, partnerA);
  const again = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ documentation: documentsA2 }) }, { authorization: partnerA });
  expect(codesOf(again.body)).toEqual(['CUSTOMER_AWAIT_EVALUATION']);
  expect((await registrationRows(cpf)).map((r: any) => [r.registeredBy, r.status])).toEqual([
    ['partner-a', 'CANCELED'],
    ['partner-b', 'PENDING_APPROVAL'],
  ]);
});
