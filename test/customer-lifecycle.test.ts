/**
 * After the approval: updateCustomer and cancelCustomer (Bankly PATCH
 * /customers/{documentNumber} and its /cancel), the re-registration of a
 * canceled CPF, and ACCOUNT_WAS_CREATED — through HTTP, graphql-ws and real
 * webhook deliveries, on a real database.
 */
import { Webhook as Verifier } from 'standardwebhooks';
import { accountCheckDigit } from '../src/modules/customers/account-number';
import { recordCustomers } from '../src/modules/customers/customer-records';
import { IdSequence, personalCustomerRecord } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { dropDatabase, freshDatabase, testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, uniqueMobile, validRegistration } from './support/registration';
import { Receiver } from './support/webhook-receiver';
import { subscribe, wsClient } from './support/ws';

jest.setTimeout(120_000);

const UPDATE = /* GraphQL */ `
  mutation Update($documentNumber: String!, $input: UpdateCustomerInput!) {
    updateCustomer(documentNumber: $documentNumber, input: $input) {
      documentNumber status email socialName phone { countryCode number } address { zipCode addressLine buildingNumber city state }
      assertedIncome { value currency } occupation pep { level } isPoliticallyExposedPerson
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($documentNumber: String!, $reason: CancelReason!) {
    cancelCustomer(documentNumber: $documentNumber, reason: $reason) { documentNumber status cancelReason canceledAt }
  }
`;
const STATUS = /* GraphQL */ `
  query Status($documentNumber: String!) {
    customerRegistration(documentNumber: $documentNumber) {
      status email registerName cancelReason canceledAt
      events { sequence name context status correlationId data }
    }
  }
`;
const CUSTOMER = /* GraphQL */ `
  query Customer($c: String!) {
    personalCustomer(cpfNumber: $c) {
      identifications { updateDateTime personalId civilName socialName
        contacts { postalAddresses { address additionalInfo districtName townName countrySubDivision postCode }
          phones { countryCallingCode areaCode number } emails { email } } }
      qualifications { updateDateTime occupationDescription informedIncome { amount currency } }
      financialRelations { updateDateTime startDate productsServicesType productsServicesTypeAdditionalInfo
        accounts { compeCode branchCode number checkDigit type subtype } }
    }
  }
`;
const RESUME = /* GraphQL */ `
  subscription Resume($documentNumber: String!, $afterSequence: Int) {
    customerEvaluation(documentNumber: $documentNumber, afterSequence: $afterSequence) { sequence name status }
  }
`;
const CREATE_WEBHOOK = /* GraphQL */ `
  mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { id secret } }
`;

const codeOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;
const namesOf = (events: { name: string }[]) => events.map((e) => e.name);

describe(`customer lifecycle on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  const receiver = new Receiver();
  /** The partner registering the customers: its webhooks receive their events. */
  let partner: string;
  let webhookSecrets: Record<string, string>;

  beforeAll(async () => {
    await receiver.start();
    gw = await startTestGateway('customer-lifecycle', {
      evaluationDelayMs: 200,
      webhooks: {
        allowedHosts: ['127.0.0.1'],
        timeoutMs: 5_000,
        maxAttempts: 3,
        backoffBaseMs: 100,
        backoffMaxMs: 400,
        secretGraceMs: 60_000,
        disableAfterMs: 0,
      },
    });
    partner = `Bearer ${await tokenFor({ sub: 'lifecycle-partner', scope: 'customer.read customer.write customer.update webhook.write' })}`;
    webhookSecrets = {};
    for (const [path, context, eventNames] of [
      ['/customer', 'Customer', ['CUSTOMER_WAS_UPDATED', 'CUSTOMER_WAS_CANCELED']],
      ['/account', 'Account', ['ACCOUNT_WAS_CREATED']],
    ] as const) {
      const { body } = await gw.query(CREATE_WEBHOOK, { input: { url: `${receiver.base}${path}`, context, eventNames } }, { authorization: partner });
      expect(body.errors).toBeUndefined();
      webhookSecrets[path] = body.data.createWebhook.secret;
    }
  });

  afterAll(async () => {
    await gw?.stop();
    await receiver.stop();
  });

  async function status(cpf: string) {
    const { body } = await gw.query(STATUS, { documentNumber: cpf });
    expect(body.errors).toBeUndefined();
    return body.data.customerRegistration;
  }

  async function readModel(cpf: string) {
    const { body } = await gw.query(CUSTOMER, { c: cpf });
    expect(body.errors).toBeUndefined();
    return body.data.personalCustomer;
  }

  /** Registers a customer (as the partner) and waits for its approval and account. */
  async function approvedCustomer(input = validRegistration()) {
    const cpf = uniqueCpf();
    const { body } = await gw.query(REGISTER, { documentNumber: cpf, input }, { authorization: partner });
    expect(body.errors).toBeUndefined();
    await eventually(async () => namesOf((await status(cpf)).events).includes('ACCOUNT_WAS_CREATED'));
    return { cpf, input };
  }

  /** Read-model date-times have whole seconds: waits until the clock is past `instant`'s second, so a later write shows a later one. */
  const nextSecond = (instant: string) => eventually(async () => Math.floor(Date.now() / 1000) > Date.parse(instant) / 1000);

  /** Everything an update or a cancellation of `cpf` could write (the other customers keep changing meanwhile), to prove a refusal wrote nothing. */
  async function snapshot(cpf: string) {
    const q = (name: string) => gw.dataSource.driver.escape(name);
    const registration = await gw.dataSource.query(`SELECT * FROM customer_registrations WHERE ${q('documentNumber')} = ?`, [cpf]);
    const events = await gw.dataSource.query(`SELECT * FROM customer_events WHERE ${q('entityId')} = ? ORDER BY id`, [cpf]);
    const [{ n: deliveries }] = await gw.dataSource.query(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE ${q('entityId')} = ?`, [cpf]);
    return { registration, events, deliveries: Number(deliveries), customer: await readModel(cpf) };
  }

  /** The envelopes the receiver got at `path` for `cpf`, verified with that webhook's secret. */
  function delivered(path: string, cpf: string) {
    const verifier = new Verifier(webhookSecrets[path]);
    return receiver
      .at(path)
      .map(({ body, headers }) => verifier.verify(body, headers as Record<string, string>) as any)
      .filter((envelope) => envelope.entityId === cpf);
  }

  describe('the approval', () => {
    it('emits ACCOUNT_WAS_CREATED (context Account) right after CUSTOMER_WAS_APPROVED, with the account the read model shows', async () => {
      const cpf = uniqueCpf();
      const client = wsClient(gw.url, { authorization: gw.analyst });
      const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
      await gw.subscribed(cpf);
      expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner })).body.errors).toBeUndefined();
      const events = await sub.waitFor(4);
      await sub.completed;
      await client.dispose();
      expect(namesOf(events)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED']);
      expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
      expect(events.map((e) => e.context)).toEqual(['Customer', 'Customer', 'Customer', 'Account']);
      expect(events[3]).toMatchObject({ entityId: cpf, status: 'APPROVED', correlationId: events[0].correlationId });

      const [account] = (await readModel(cpf)).financialRelations[0].accounts;
      expect(events[3].data).toEqual({
        compeCode: '332',
        branchCode: '0001',
        number: account.number,
        checkDigit: account.checkDigit,
        type: 'CONTA_PAGAMENTO_PRE_PAGA',
      });
      expect(account.checkDigit).toBe(accountCheckDigit(account.number));

      // The partner's Account webhook gets it, signed, in the provider's envelope.
      const [envelope] = await eventually(async () => delivered('/account', cpf).length > 0 && delivered('/account', cpf));
      expect(envelope).toMatchObject({ name: 'ACCOUNT_WAS_CREATED', context: 'Account', entityId: cpf, data: events[3].data });
    });
  });

  describe('updateCustomer', () => {
    it('changes the registration and the read model identification and qualification in one step, and emits CUSTOMER_WAS_UPDATED', async () => {
      const { cpf } = await approvedCustomer();
      const before = await readModel(cpf);
      await nextSecond(before.identifications[0].updateDateTime);

      const phone = { countryCode: '55', number: uniqueMobile() };
      const email = `Updated.${cpf}@Example.com`;
      const { body } = await gw.query(
        UPDATE,
        {
          documentNumber: cpf,
          input: {
            email,
            phone,
            socialName: 'Nísia',
            occupation: 'OCP0001',
            pep: { level: 'SELF' },
            address: {
              zipCode: '01310100',
              addressLine: 'Avenida Paulista',
              buildingNumber: '1000',
              complement: 'Conj 42',
              neighborhood: 'Bela Vista',
              city: 'Sao Paulo',
              state: 'SP',
              country: 'BR',
            },
            assertedIncome: { value: '7500.5' },
          },
        },
        { authorization: partner },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.updateCustomer).toEqual({
        documentNumber: cpf,
        status: 'APPROVED',
        email: email.toLowerCase(),
        socialName: 'Nísia',
        phone,
        address: { zipCode: '01310100', addressLine: 'Avenida Paulista', buildingNumber: '1000', city: 'Sao Paulo', state: 'SP' },
        assertedIncome: { value: 7500.5, currency: 'BRL' },
        occupation: 'OCP0001',
        pep: { level: 'SELF' },
        isPoliticallyExposedPerson: true,
      });

      const after = await readModel(cpf);
      const [identification] = after.identifications;
      expect(identification).toMatchObject({
        personalId: before.identifications[0].personalId, // the spec's immutable id
        civilName: before.identifications[0].civilName,
        socialName: 'Nísia',
        contacts: {
          postalAddresses: [
            {
              address: 'Avenida Paulista, 1000',
              additionalInfo: 'Conj 42',
              districtName: 'Bela Vista',
              townName: 'Sao Paulo',
              countrySubDivision: 'SP',
              postCode: '01310100',
            },
          ],
          phones: [{ countryCallingCode: '55', areaCode: phone.number.slice(0, 2), number: phone.number.slice(2) }],
          emails: [{ email: email.toLowerCase() }],
        },
      });
      expect(after.qualifications).toEqual([
        expect.objectContaining({ occupationDescription: 'OCP0001', informedIncome: { amount: 7500.5, currency: 'BRL' } }),
      ]);
      expect(Date.parse(identification.updateDateTime)).toBeGreaterThan(Date.parse(before.identifications[0].updateDateTime));
      expect(Date.parse(after.qualifications[0].updateDateTime)).toBeGreaterThan(Date.parse(before.qualifications[0].updateDateTime));
      expect(identification.updateDateTime).toMatch(/:\d{2}Z$/);
      expect(after.financialRelations).toEqual(before.financialRelations); // not touched by an update

      // The event names the fields, never their values; it is in the history and is the stream's current state.
      const { events } = await status(cpf);
      const updated = events.at(-1);
      expect(updated).toMatchObject({ name: 'CUSTOMER_WAS_UPDATED', context: 'Customer', status: 'APPROVED', sequence: events.length });
      expect(updated.data).toEqual({ changedFields: ['email', 'phone', 'socialName', 'address', 'assertedIncome', 'occupation', 'pep'] });
      const client = wsClient(gw.url, { authorization: gw.analyst });
      const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
      const [current] = await sub.waitFor(1);
      expect(current).toMatchObject({ name: 'CUSTOMER_WAS_UPDATED', sequence: updated.sequence, data: updated.data });
      await client.dispose();

      const [envelope] = await eventually(async () => delivered('/customer', cpf).length > 0 && delivered('/customer', cpf));
      expect(envelope).toMatchObject({ name: 'CUSTOMER_WAS_UPDATED', context: 'Customer', entityId: cpf, data: updated.data });
    });

    it('names and moves only what changed: a value equal to the current one changes nothing', async () => {
      const { cpf, input } = await approvedCustomer();
      const before = await readModel(cpf);
      await nextSecond(before.identifications[0].updateDateTime);
      const { body } = await gw.query(
        UPDATE,
        { documentNumber: cpf, input: { occupation: 'OCP0002', email: input.email, pep: input.pep } },
        { authorization: partner },
      );
      expect(body.errors).toBeUndefined();
      const after = await readModel(cpf);
      expect(after.identifications).toEqual(before.identifications);
      expect(after.qualifications[0].occupationDescription).toBe('OCP0002');
      expect(Date.parse(after.qualifications[0].updateDateTime)).toBeGreaterThan(Date.parse(before.qualifications[0].updateDateTime));
      expect((await status(cpf)).events.at(-1).data).toEqual({ changedFields: ['occupation'] });

      // Only current values: no write, no event.
      const unchanged = await snapshot(cpf);
      const again = await gw.query(
        UPDATE,
        { documentNumber: cpf, input: { occupation: 'OCP0002', phone: input.phone, address: input.address } },
        { authorization: partner },
      );
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data.updateCustomer).toMatchObject({ status: 'APPROVED', occupation: 'OCP0002' });
      expect(await snapshot(cpf)).toEqual(unchanged);
    });

    it('refuses every invalid field at once, with the registration rules, and writes nothing', async () => {
      const { cpf } = await approvedCustomer();
      const before = await snapshot(cpf);
      const { body } = await gw.query(
        UPDATE,
        {
          documentNumber: cpf,
          input: {
            email: 'not-an-email',
            phone: { countryCode: '55', number: '123' },
            socialName: 'a\u0000b',
            address: { zipCode: '123', addressLine: 'Rua', buildingNumber: '1', neighborhood: 'Centro', city: 'Belem', state: 'XX', country: 'BR' },
            assertedIncome: { value: '1.234' },
            occupation: 'OCP9999',
          },
        },
        { authorization: partner },
      );
      expect(body.data).toBeNull();
      expect(codeOf(body)).toBe('INVALID_PARAMETER');
      expect(body.errors![0].extensions.fields.map((f: any) => [f.field, f.code])).toEqual([
        ['input.socialName', 'INVALID_CHARACTERS'],
        ['input.phone.number', 'INVALID_MOBILE_NUMBER'],
        ['input.email', 'INVALID_EMAIL'],
        ['input.address.zipCode', 'INVALID_FORMAT'],
        ['input.address.state', 'INVALID_STATE'],
        ['input.assertedIncome.value', 'TOO_MANY_DECIMALS'],
        ['input.occupation', 'INVALID_OCCUPATION'],
      ]);
      expect(await snapshot(cpf)).toEqual(before);
    });

    it('refuses an empty update (NOTHING_TO_UPDATE)', async () => {
      const { cpf } = await approvedCustomer();
      const { body } = await gw.query(UPDATE, { documentNumber: cpf, input: { email: null } }, { authorization: partner });
      expect(codeOf(body)).toBe('NOTHING_TO_UPDATE');
      expect(body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'input', code: 'NOTHING_TO_UPDATE' })]);
    });

    it('refuses an e-mail or a phone in use by another customer, and writes nothing', async () => {
      const other = await approvedCustomer();
      const { cpf } = await approvedCustomer();
      const before = await snapshot(cpf);
      const emailTaken = await gw.query(UPDATE, { documentNumber: cpf, input: { email: other.input.email.toUpperCase() } }, { authorization: partner });
      expect(codeOf(emailTaken.body)).toBe('EMAIL_ALREADY_IN_USE');
      expect(emailTaken.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'input.email', code: 'EMAIL_ALREADY_IN_USE' })]);
      const phoneTaken = await gw.query(UPDATE, { documentNumber: cpf, input: { phone: other.input.phone } }, { authorization: partner });
      expect(codeOf(phoneTaken.body)).toBe('PHONE_ALREADY_IN_USE');
      expect(phoneTaken.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'input.phone.number', code: 'PHONE_ALREADY_IN_USE' })]);
      const both = await gw.query(UPDATE, { documentNumber: cpf, input: { email: other.input.email, phone: other.input.phone } }, { authorization: partner });
      expect(codeOf(both.body)).toBe('INVALID_PARAMETER');
      expect(both.body.errors![0].extensions.fields.map((f: any) => f.code)).toEqual(['EMAIL_ALREADY_IN_USE', 'PHONE_ALREADY_IN_USE']);
      expect(await snapshot(cpf)).toEqual(before);
      // Its own current e-mail and phone are not "another customer's".
      const own = (await status(cpf)).email;
      expect((await gw.query(UPDATE, { documentNumber: cpf, input: { email: own } }, { authorization: partner })).body.errors).toBeUndefined();
    });

    it('refuses a foreign phone a read-model customer holds (stored without an area code: NULL, issue 23)', async () => {
      const holder = personalCustomerRecord(new Random(2323), 0, new IdSequence());
      // Keys from the database: the worker writes customers meanwhile.
      delete holder.id;
      for (const identification of holder.identifications) delete identification.id;
      const foreign = { countryCode: '351', number: `91${String(Date.now()).slice(-7)}` };
      holder.identifications[0].phones = [
        {
          isMain: true,
          type: 'MOVEL',
          additionalInfo: null,
          countryCallingCodeOrNull: foreign.countryCode,
          areaCodeOrNull: null,
          number: foreign.number,
          phoneExtensionOrNull: null,
        },
      ];
      await gw.dataSource.transaction((manager) => recordCustomers(manager, [holder]));
      const { cpf } = await approvedCustomer();
      const { body } = await gw.query(UPDATE, { documentNumber: cpf, input: { phone: foreign } }, { authorization: partner });
      expect(codeOf(body)).toBe('PHONE_ALREADY_IN_USE');
    });

    it('gives a new e-mail and phone to one of two customers racing for them; the other gets EMAIL_ALREADY_IN_USE and PHONE_ALREADY_IN_USE', async () => {
      const a = await approvedCustomer();
      const b = await approvedCustomer();
      const input = { email: `raced.${a.cpf}@example.com`, phone: { countryCode: '55', number: uniqueMobile() } };
      const results = await Promise.all([a, b].map(({ cpf }) => gw.query(UPDATE, { documentNumber: cpf, input }, { authorization: partner })));
      const won = results.filter((r) => !r.body.errors);
      const lost = results.filter((r) => r.body.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].body.errors![0].extensions.fields.map((f: any) => [f.field, f.code])).toEqual([
        ['input.email', 'EMAIL_ALREADY_IN_USE'],
        ['input.phone.number', 'PHONE_ALREADY_IN_USE'],
      ]);
    });

    it('refuses an unknown CPF (CUSTOMER_NOT_FOUND) and a customer not approved (CUSTOMER_NOT_APPROVED)', async () => {
      const unknown = await gw.query(UPDATE, { documentNumber: uniqueCpf(), input: { occupation: 'OCP0001' } }, { authorization: partner });
      expect(codeOf(unknown.body)).toBe('CUSTOMER_NOT_FOUND');
      expect(unknown.body.data).toBeNull();

      const reproved = '31280646870'; // a sandbox CPF: always reproved
      expect((await gw.query(REGISTER, { documentNumber: reproved, input: validRegistration() }, { authorization: partner })).body.errors).toBeUndefined();
      await eventually(async () => (await status(reproved)).status === 'REPROVED');
      const before = await snapshot(reproved);
      expect(codeOf((await gw.query(UPDATE, { documentNumber: reproved, input: { occupation: 'OCP0001' } }, { authorization: partner })).body)).toBe(
        'CUSTOMER_NOT_APPROVED',
      );
      expect(codeOf((await gw.query(CANCEL, { documentNumber: reproved, reason: 'HOLDER_REQUEST' }, { authorization: partner })).body)).toBe(
        'CUSTOMER_NOT_APPROVED',
      );
      expect(await snapshot(reproved)).toEqual(before);
    });

    it('refuses a customer still pending evaluation (CUSTOMER_NOT_APPROVED)', async () => {
      const slow = await startTestGateway('customer-lifecycle-pending', { evaluationDelayMs: 60_000 });
      try {
        const cpf = uniqueCpf();
        expect((await slow.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner })).body.errors).toBeUndefined();
        expect(codeOf((await slow.query(UPDATE, { documentNumber: cpf, input: { occupation: 'OCP0001' } }, { authorization: partner })).body)).toBe(
          'CUSTOMER_NOT_APPROVED',
        );
        expect(codeOf((await slow.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: partner })).body)).toBe(
          'CUSTOMER_NOT_APPROVED',
        );
      } finally {
        await slow.stop();
      }
    });

    it('needs the customer.update scope, and a CPF-bound token acts on its own CPF only (FORBIDDEN)', async () => {
      const { cpf } = await approvedCustomer();
      const before = await snapshot(cpf);
      const writer = `Bearer ${await tokenFor({ sub: 'writer', scope: 'customer.read customer.write' })}`;
      for (const [query, variables] of [
        [UPDATE, { documentNumber: cpf, input: { occupation: 'OCP0001' } }],
        [CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }],
      ] as const) {
        expect(codeOf((await gw.query(query, variables, { authorization: writer })).body)).toBe('FORBIDDEN');
        const boundToAnother = `Bearer ${await tokenFor({ sub: 'app', scope: 'customer.update', cpf: uniqueCpf() })}`;
        expect(codeOf((await gw.query(query, variables, { authorization: boundToAnother })).body)).toBe('FORBIDDEN');
        expect(codeOf((await gw.query(query, variables, { authorization: '' })).body)).toBe('UNAUTHENTICATED');
      }
      expect(await snapshot(cpf)).toEqual(before);
      const boundToIt = `Bearer ${await tokenFor({ sub: 'app', scope: 'customer.update', cpf })}`;
      expect((await gw.query(UPDATE, { documentNumber: cpf, input: { occupation: 'OCP0001' } }, { authorization: boundToIt })).body.errors).toBeUndefined();
    });
  });

  describe('cancelCustomer', () => {
    it('cancels: status, reason, event, the account closed but kept in the read model, e-mail and phone released', async () => {
      const { cpf, input } = await approvedCustomer();
      const before = await readModel(cpf);
      await nextSecond(before.financialRelations[0].updateDateTime);

      const { body } = await gw.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: partner });
      expect(body.errors).toBeUndefined();
      expect(body.data.cancelCustomer).toMatchObject({ documentNumber: cpf, status: 'CANCELED', cancelReason: 'HOLDER_REQUEST' });
      const canceledAt = body.data.cancelCustomer.canceledAt;
      expect(Date.parse(canceledAt)).toBeGreaterThan(Date.parse(before.financialRelations[0].updateDateTime));

      const registration = await status(cpf);
      expect(registration).toMatchObject({ status: 'CANCELED', cancelReason: 'HOLDER_REQUEST', canceledAt });
      expect(registration.events.at(-1)).toMatchObject({
        name: 'CUSTOMER_WAS_CANCELED',
        context: 'Customer',
        status: 'CANCELED',
        data: { reason: 'HOLDER_REQUEST' },
      });

      // The relation stays (the spec wants an account), with no active product: OUTROS, saying when the account closed.
      const after = await readModel(cpf);
      const [relation] = after.financialRelations;
      expect(relation).toMatchObject({
        startDate: before.financialRelations[0].startDate,
        productsServicesType: ['OUTROS'],
        productsServicesTypeAdditionalInfo: `Conta de pagamento pré-paga encerrada em ${canceledAt.slice(0, 10)}; sem produto vigente`,
        accounts: before.financialRelations[0].accounts,
      });
      expect(relation.productsServicesTypeAdditionalInfo.length).toBeLessThanOrEqual(100);
      expect(Date.parse(relation.updateDateTime)).toBeGreaterThan(Date.parse(before.financialRelations[0].updateDateTime));
      expect(after.identifications).toEqual(before.identifications);

      const [envelope] = await eventually(async () => delivered('/customer', cpf).length > 0 && delivered('/customer', cpf));
      expect(envelope).toMatchObject({ name: 'CUSTOMER_WAS_CANCELED', context: 'Customer', entityId: cpf, data: { reason: 'HOLDER_REQUEST' } });

      // Another customer may now use the e-mail and the phone.
      const other = uniqueCpf();
      const taken = await gw.query(
        REGISTER,
        { documentNumber: other, input: validRegistration({ email: input.email, phone: input.phone }) },
        { authorization: partner },
      );
      expect(taken.body.errors).toBeUndefined();
    });

    it('refuses a second cancellation (CUSTOMER_ALREADY_CANCELED), an update of a canceled customer and an unknown CPF', async () => {
      const { cpf } = await approvedCustomer();
      expect((await gw.query(CANCEL, { documentNumber: cpf, reason: 'COMMERCIAL_DISAGREEMENT' }, { authorization: partner })).body.errors).toBeUndefined();
      const before = await snapshot(cpf);
      expect(codeOf((await gw.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: partner })).body)).toBe(
        'CUSTOMER_ALREADY_CANCELED',
      );
      expect(codeOf((await gw.query(UPDATE, { documentNumber: cpf, input: { occupation: 'OCP0001' } }, { authorization: partner })).body)).toBe(
        'CUSTOMER_NOT_APPROVED',
      );
      expect(codeOf((await gw.query(CANCEL, { documentNumber: uniqueCpf(), reason: 'HOLDER_REQUEST' }, { authorization: partner })).body)).toBe(
        'CUSTOMER_NOT_FOUND',
      );
      expect(codeOf((await gw.query(CANCEL, { documentNumber: '123', reason: 'HOLDER_REQUEST' }, { authorization: partner })).body)).toBe('INVALID_CPF');
      expect(await snapshot(cpf)).toEqual(before);
      expect((await status(cpf)).cancelReason).toBe('COMMERCIAL_DISAGREEMENT');
    });
  });

  it('cancels once when two cancellations race: the other gets CUSTOMER_ALREADY_CANCELED', async () => {
    const { cpf } = await approvedCustomer();
    const results = await Promise.all(
      ['HOLDER_REQUEST', 'COMMERCIAL_DISAGREEMENT'].map((reason) => gw.query(CANCEL, { documentNumber: cpf, reason }, { authorization: partner })),
    );
    expect(results.map((r) => codeOf(r.body) ?? 'OK').sort()).toEqual(['CUSTOMER_ALREADY_CANCELED', 'OK']);
    expect(namesOf((await status(cpf)).events).filter((name) => name === 'CUSTOMER_WAS_CANCELED')).toHaveLength(1);
  });

  describe('a canceled CPF registering again', () => {
    it('replaces the registration in place, is approved again with a new account, and the event history continues', async () => {
      const { cpf } = await approvedCustomer();
      const first = await readModel(cpf);
      expect((await gw.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: partner })).body.errors).toBeUndefined();
      const canceled = await status(cpf);
      const [{ id }] = await gw.dataSource.query(`SELECT id FROM customer_registrations WHERE ${gw.dataSource.driver.escape('documentNumber')} = ?`, [cpf]);

      const input = validRegistration({ registerName: 'Nísia Floresta Brasileira Augusta' });
      const again = await gw.query(REGISTER, { documentNumber: cpf, input }, { authorization: partner });
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data.registerCustomer).toMatchObject({ documentNumber: cpf, status: 'PENDING_APPROVAL' });
      // The new evaluation, live, resumed after the cancellation (which ended the previous one).
      const client = wsClient(gw.url, { authorization: gw.analyst });
      const sub = subscribe(client, RESUME, { documentNumber: cpf, afterSequence: canceled.events.at(-1).sequence }, (d) => d.customerEvaluation);
      await sub.completed;
      await client.dispose();
      expect(sub.received.map((e) => [e.sequence, e.name, e.status])).toEqual([
        [6, 'CUSTOMER_WAS_RECEIVED', 'PENDING_APPROVAL'],
        [7, 'CUSTOMER_IN_ANALYSIS', 'PENDING_APPROVAL'],
        [8, 'CUSTOMER_WAS_APPROVED', 'APPROVED'],
        [9, 'ACCOUNT_WAS_CREATED', 'APPROVED'],
      ]);

      const registration = await status(cpf);
      expect(registration).toMatchObject({ status: 'APPROVED', registerName: input.registerName, email: input.email, cancelReason: null, canceledAt: null });
      expect(namesOf(registration.events)).toEqual([
        'CUSTOMER_WAS_RECEIVED',
        'CUSTOMER_IN_ANALYSIS',
        'CUSTOMER_WAS_APPROVED',
        'ACCOUNT_WAS_CREATED',
        'CUSTOMER_WAS_CANCELED',
        'CUSTOMER_WAS_RECEIVED',
        'CUSTOMER_IN_ANALYSIS',
        'CUSTOMER_WAS_APPROVED',
        'ACCOUNT_WAS_CREATED',
      ]);
      expect(registration.events.map((e: any) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // A new registration: a new correlation id for its events.
      const correlation = new Set(registration.events.slice(5).map((e: any) => e.correlationId));
      expect(correlation.size).toBe(1);
      expect(correlation.has(canceled.events[0].correlationId)).toBe(false);
      // The same row.
      const rows = await gw.dataSource.query(`SELECT id FROM customer_registrations WHERE ${gw.dataSource.driver.escape('documentNumber')} = ?`, [cpf]);
      expect(rows).toEqual([{ id }]);

      // The same read-model customer, renewed: new identification data, the same personalId, a second account, the product active again.
      const renewed = await readModel(cpf);
      expect(renewed.identifications).toHaveLength(1);
      expect(renewed.identifications[0]).toMatchObject({
        personalId: first.identifications[0].personalId,
        civilName: input.registerName,
        contacts: expect.objectContaining({ emails: [{ email: input.email }] }),
      });
      const [relation] = renewed.financialRelations;
      expect(renewed.financialRelations).toHaveLength(1);
      expect(relation).toMatchObject({
        productsServicesType: ['CONTA_PAGAMENTO_PRE_PAGA'],
        productsServicesTypeAdditionalInfo: null,
        startDate: first.financialRelations[0].startDate,
      });
      const [old, fresh] = relation.accounts;
      expect(relation.accounts).toHaveLength(2);
      expect(old).toEqual(first.financialRelations[0].accounts[0]);
      expect(fresh.number).not.toBe(old.number);
      expect(fresh.number).toBe(`02${old.number}`);
      expect(fresh.checkDigit).toBe(accountCheckDigit(fresh.number));
      expect(registration.events.at(-1).data).toMatchObject({ number: fresh.number, checkDigit: fresh.checkDigit });
    });

    it('takes one of two re-registrations racing for the canceled CPF; the other gets CUSTOMER_AWAIT_EVALUATION', async () => {
      const { cpf } = await approvedCustomer();
      expect((await gw.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: partner })).body.errors).toBeUndefined();
      const results = await Promise.all(
        [validRegistration(), validRegistration()].map((input) => gw.query(REGISTER, { documentNumber: cpf, input }, { authorization: partner })),
      );
      expect(results.map((r) => codeOf(r.body) ?? 'OK').sort()).toEqual(['CUSTOMER_AWAIT_EVALUATION', 'OK']);
      await eventually(async () => (await status(cpf)).status === 'APPROVED');
      expect(namesOf((await status(cpf)).events).filter((name) => name === 'CUSTOMER_WAS_RECEIVED')).toHaveLength(2);
    });

    it('still refuses to replace an APPROVED registration (CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED)', async () => {
      const { cpf } = await approvedCustomer();
      const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner });
      expect(codeOf(body)).toBe('CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED');
    });
  });
});

describe(`the lifecycle migration on ${testDatabaseKind}`, () => {
  it('backfills registrations made before it: e-mail key, customer link and first account of the approved ones', async () => {
    const { config } = await freshDatabase('lifecycle-migration');
    const dataSource = await openDataSource(config);
    const q = (name: string) => dataSource.driver.escape(name);
    try {
      await migrate(dataSource);
      // Back to the schema before the lifecycle columns, whatever the migration holding them is called.
      // Each look releases its query runner: on MariaDB an unreleased one keeps a pool connection for good.
      const hasLifecycleColumns = async () => {
        const runner = dataSource.createQueryRunner();
        try {
          return (await runner.getTable('customer_registrations'))!.columns.some((c) => c.name === 'emailKey');
        } finally {
          await runner.release();
        }
      };
      while (await hasLifecycleColumns()) await dataSource.undoLastMigration();

      const columns = [
        'documentNumber',
        'status',
        'registerName',
        'birthDate',
        'occupation',
        'motherName',
        'email',
        'phoneKey',
        'correlationId',
        'phoneCountryCode',
        'phoneNumber',
        'addressZipCode',
        'addressAddressLine',
        'addressBuildingNumber',
        'addressNeighborhood',
        'addressCity',
        'addressState',
        'addressCountry',
        'assertedIncomeValue',
        'assertedIncomeCurrency',
        'pepLevel',
        'documentationSelfie',
        'documentationIdCardFront',
        'documentationIdCardBack',
      ];
      const registration = (cpf: string, status: string, email: string) => [
        cpf,
        status,
        'Nísia',
        '1990-10-12',
        'OCP0082',
        'Dionísia',
        email,
        `55:${cpf}`,
        '8fc7b833-30fc-45f0-961b-9b5c4af87362',
        '55',
        '93991234567',
        '68060100',
        'Rua',
        '1',
        'Centro',
        'Belem',
        'PA',
        'BR',
        '10.00',
        'BRL',
        'NONE',
        'a',
        'b',
        'c',
      ];
      const insert = `INSERT INTO customer_registrations (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      const [approved, reproved] = [uniqueCpf(), uniqueCpf()];
      await dataSource.query(`INSERT INTO personal_customers (${q('cpfNumber')}) VALUES (?), (?)`, [uniqueCpf(), approved]);
      await dataSource.query(insert, registration(approved, 'APPROVED', 'approved@example.com'));
      await dataSource.query(insert, registration(reproved, 'REPROVED', 'reproved@example.com'));

      await migrate(dataSource);
      const [customer] = await dataSource.query(`SELECT id FROM personal_customers WHERE ${q('cpfNumber')} = ?`, [approved]);
      const rows = await dataSource.query(
        `SELECT ${q('documentNumber')}, ${q('emailKey')}, ${q('customerId')}, ${q('accountGeneration')} FROM customer_registrations ORDER BY id`,
      );
      expect(
        rows.map((r: any) => ({ ...r, customerId: r.customerId === null ? null : Number(r.customerId), accountGeneration: Number(r.accountGeneration) })),
      ).toEqual([
        { documentNumber: approved, emailKey: 'approved@example.com', customerId: Number(customer.id), accountGeneration: 1 },
        { documentNumber: reproved, emailKey: 'reproved@example.com', customerId: null, accountGeneration: 0 },
      ]);
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });
});
