import { appendEvent } from '../src/modules/onboarding/customer-events';
import { CustomerEventName } from '../src/modules/onboarding/onboarding.enums';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway } from './support/gateway';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

jest.setTimeout(120_000);

/** Each CPF's onboarding history is numbered 1, 2, … whatever arrives at once. */
describe(`event history numbering on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('event-history', { evaluationDelayMs: 60_000 });
  });
  afterAll(() => gw.stop());

  it('accepts 16 registrations of new CPFs sent at once (their first events never deadlock)', async () => {
    const cpfs = Array.from({ length: 16 }, () => uniqueCpf());
    const answers = await Promise.all(cpfs.map((cpf) => gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })));
    expect(answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(cpfs.map(() => 'OK'));
    const rows: { entityId: string; sequence: number }[] = await gw.dataSource.query('SELECT entityId, sequence FROM customer_events');
    expect(rows.filter((r) => cpfs.includes(r.entityId)).map((r) => Number(r.sequence))).toEqual(cpfs.map(() => 1));
  });

  it('numbers 12 events appended at once to one new CPF 1..12, none lost', async () => {
    const cpf = uniqueCpf();
    const owner = { documentNumber: cpf, registrationId: null, correlationId: 'c0ffee00-0000-4000-8000-000000000000', registeredBy: null, status: null };
    await Promise.all(
      Array.from({ length: 12 }, () =>
        gw.dataSource.transaction((manager) => appendEvent(manager, owner, CustomerEventName.DOCUMENT_WAS_RECEIVED, {}, new Date())),
      ),
    );
    const rows: { sequence: number }[] = await gw.dataSource.query('SELECT sequence FROM customer_events WHERE entityId = ? ORDER BY sequence', [cpf]);
    expect(rows.map((r) => Number(r.sequence))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
