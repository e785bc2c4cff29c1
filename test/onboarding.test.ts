import { accountCheckDigit } from '../src/modules/customers/account-number';
import { EvaluationWorker } from '../src/modules/onboarding/evaluation.worker';
import { createGatewayPubSub } from '../src/platform/events/pubsub';
import { startTestGateway, TestGateway } from './support/gateway';
import { eventually } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway('onboarding', { evaluationDelayMs: 400 });
});
afterAll(() => gw.stop());

const STATUS = /* GraphQL */ `
  query Status($documentNumber: String!) {
    customerRegistration(documentNumber: $documentNumber) {
      documentNumber status reasons registerName birthDate isPoliticallyExposedPerson
      phone { countryCode number } address { zipCode state city } assertedIncome { value currency }
      events { sequence name context entityId idempotencyKey correlationId version status }
    }
  }
`;

describe('registerCustomer and the live evaluation', () => {
  it('answers PENDING_APPROVAL at once, then streams RECEIVED → IN_ANALYSIS → APPROVED over graphql-ws', async () => {
    const cpf = uniqueCpf();
    const client = wsClient(gw.url, { authorization: gw.analyst });
    const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    await gw.subscribed(cpf); // the subscription reached the server and listens: RECEIVED cannot be missed
    const res = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.registerCustomer).toMatchObject({ documentNumber: cpf, status: 'PENDING_APPROVAL' });

    const events = await sub.waitFor(4);
    await sub.completed;
    expect(events.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED']);
    expect(events.map((e) => e.context)).toEqual(['Customer', 'Customer', 'Customer', 'Account']);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.status)).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL', 'APPROVED', 'APPROVED']);
    for (const e of events) {
      expect(e).toMatchObject({ entityId: cpf, version: 1 });
      expect(e.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(new Set(events.map((e) => e.correlationId)).size).toBe(1);
    await client.dispose();

    const status = await gw.query(STATUS, { documentNumber: cpf });
    expect(status.body.data.customerRegistration).toMatchObject({
      status: 'APPROVED',
      reasons: null,
      isPoliticallyExposedPerson: false,
      assertedIncome: { value: 500000, currency: 'BRL' },
    });
    expect(status.body.data.customerRegistration.events.map((e: any) => e.name)).toEqual(events.map((e) => e.name));
  });

  it('feeds the Open Banking read model when approved', async () => {
    const cpf = uniqueCpf();
    const input = validRegistration({ assertedIncome: { value: '12345.67' } });
    await gw.query(REGISTER, { documentNumber: cpf, input });
    const query = `query($c: String!) { personalCustomer(cpfNumber: $c) {
      identifications { civilName socialName birthDate documents { cpfNumber } filiation { type civilName }
        contacts { postalAddresses { isMain address districtName townName countrySubDivision postCode country countryCode }
          phones { isMain type countryCallingCode areaCode number } emails { isMain email } } }
      qualifications { informedIncome { amount currency frequency } }
      financialRelations { startDate productsServicesType accounts { compeCode branchCode type subtype number checkDigit } procurators { type } } } }`;
    const customer = await eventually(async () => (await gw.query(query, { c: cpf })).body.data?.personalCustomer);
    const [identification] = customer.identifications;
    expect(identification).toMatchObject({
      civilName: input.registerName,
      socialName: input.socialName,
      birthDate: input.birthDate,
      documents: { cpfNumber: cpf },
      filiation: [{ type: 'MAE', civilName: input.motherName }],
    });
    expect(identification.contacts).toEqual({
      postalAddresses: [
        {
          isMain: true,
          address: 'Rua 6 de Março, 2500',
          districtName: 'Alter do Chão',
          townName: 'Santarem',
          countrySubDivision: 'PA',
          postCode: '68060100',
          country: 'Brasil',
          countryCode: 'BRA',
        },
      ],
      phones: [{ isMain: true, type: 'MOVEL', countryCallingCode: '55', areaCode: input.phone.number.slice(0, 2), number: input.phone.number.slice(2) }],
      emails: [{ isMain: true, email: input.email }],
    });
    expect(customer.qualifications).toEqual([{ informedIncome: { amount: 12345.67, currency: 'BRL', frequency: 'MENSAL' } }]);
    expect(customer.financialRelations).toEqual([
      expect.objectContaining({
        productsServicesType: ['CONTA_PAGAMENTO_PRE_PAGA'],
        procurators: [{ type: 'NAO_APLICA' }],
        accounts: [expect.objectContaining({ compeCode: '332', branchCode: '0001', type: 'CONTA_PAGAMENTO_PRE_PAGA', subtype: 'INDIVIDUAL' })],
      }),
    ]);
    // The read model's one account-number rule (the generator's too): the registration id on 8 digits, modulus-11 check digit.
    const [account] = customer.financialRelations[0].accounts;
    expect(account.number).toMatch(/^\d{8}$/);
    expect(account.checkDigit).toBe(accountCheckDigit(account.number));
  });

  it('reproves the sandbox CPFs of the seed, with reasons', async () => {
    const cpf = '31280646870';
    const client = wsClient(gw.url, { authorization: gw.analyst });
    const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    await gw.subscribed(cpf);
    const res = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
    expect(res.body.errors).toBeUndefined();
    const events = await sub.waitFor(3);
    expect(events.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_REPROVED']);
    expect(events[2].data).toEqual({ reasons: ['SANDBOX_DOCUMENT'] });
    await client.dispose();
    const status = await gw.query(STATUS, { documentNumber: cpf });
    expect(status.body.data.customerRegistration).toMatchObject({ status: 'REPROVED', reasons: ['SANDBOX_DOCUMENT'] });
    const customer = await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: cpf });
    expect(customer.body.data.personalCustomer).toBeNull();
  });

  it('gives a late subscriber the current state first, then completes after the decision', async () => {
    const cpf = uniqueCpf();
    await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
    const client = wsClient(gw.url, { authorization: gw.analyst });
    const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    const [first] = await sub.waitFor(1);
    expect(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS']).toContain(first.name);
    await sub.completed;
    expect(sub.received.at(-1).name).toBe('ACCOUNT_WAS_CREATED');
    const sequences = sub.received.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort());
    expect(new Set(sequences).size).toBe(sequences.length);
    // After the decision, a new subscriber gets the final state and completion.
    const again = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    await again.completed;
    expect(again.received.map((e) => e.name)).toEqual(['ACCOUNT_WAS_CREATED']);
    await client.dispose();
  });

  it('refuses a second registration while the first awaits evaluation (CUSTOMER_AWAIT_EVALUATION) and writes nothing', async () => {
    const slow = await startTestGateway('onboarding-pending', { evaluationDelayMs: 60_000 });
    try {
      const cpf = uniqueCpf();
      expect((await slow.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
      const again = await slow.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
      expect(again.body.errors?.[0].extensions?.code).toBe('CUSTOMER_AWAIT_EVALUATION');
      expect(again.body.data).toBeNull();
      const [{ n }] = await slow.dataSource.query('SELECT COUNT(*) AS n FROM customer_registrations');
      expect(Number(n)).toBe(1);
    } finally {
      await slow.stop();
    }
  });
});

describe('a stream that missed a bus message', () => {
  it('still delivers every event, from the database', async () => {
    const quiet = await startTestGateway('onboarding-resync', { inProcessWorker: false, evaluationDelayMs: 0, subscriptionResyncMs: 300 });
    try {
      const cpf = uniqueCpf();
      const client = wsClient(quiet.url, { authorization: quiet.analyst });
      const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
      await quiet.subscribed(cpf);
      await quiet.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
      await sub.waitFor(1);
      // A worker whose events go to a bus nobody listens to: the gateway only learns of them from the database.
      const deaf = new EvaluationWorker(quiet.dataSource, createGatewayPubSub(), quiet.config);
      await deaf.runDueSteps(new Date(Date.now() + 1000));
      await deaf.runDueSteps(new Date(Date.now() + 1000));
      await sub.completed;
      expect(sub.received.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED']);
      await client.dispose();
    } finally {
      await quiet.stop();
    }
  });
});
