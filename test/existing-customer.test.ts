/**
 * Onboarding opens new customers only. registerCustomer for a CPF that is
 * already a natural-person customer of the Open Banking read model (here
 * loaded by the demo generator) is refused with CUSTOMER_ALREADY_EXISTS and
 * writes nothing; and when the customer appears between the registration and
 * its approval, the worker reproves the registration instead of grafting the
 * partner's name, e-mail, phone and a new account onto that customer.
 */
import { personalCpf, seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TestGateway } from './support/gateway';
import { eventually, GatewayProcess, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

let gw: TestGateway;
let worker: GatewayProcess | null = null;

const TABLES = [
  'customer_registrations',
  'evaluation_jobs',
  'customer_events',
  'personal_customers',
  'personal_identifications',
  'personal_qualifications',
  'personal_financial_relations',
  'personal_accounts',
  'emails',
  'phones',
] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await gw.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(n);
  }
  return counts;
}

const CUSTOMER = `query($c: String!) { personalCustomer(cpfNumber: $c) {
  identifications { civilName socialName contacts { emails { email } phones { areaCode number } } filiation { civilName } }
  qualifications { informedIncome { amount } }
  financialRelations { productsServicesType accounts { compeCode number type } } } }`;
const STATUS = `query($d: String!) { customerRegistration(documentNumber: $d) { status reasons events { name } } }`;

/** Adds one read-model customer with the demo generator and returns its CPF (as `npm run seed` or the demo data would). */
async function seedOneCustomer(seed: number): Promise<string> {
  const result = await seedCustomers(gw.dataSource, { seed, personal: 1, business: 0 });
  return result.firstCpf!;
}

/** The CPF the generator will give the next customer it adds with `seed`. */
async function nextSeededCpf(seed: number): Promise<string> {
  const [{ max }] = await gw.dataSource.query('SELECT MAX(id) AS max FROM personal_customers');
  return personalCpf(seed, Number(max ?? 0));
}

beforeAll(async () => {
  // No worker in the gateway: the race test starts the real worker process once the customer is in place.
  gw = await startTestGateway('existing-customer', { inProcessWorker: false, evaluationDelayMs: 100 });
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
  await gw?.stop();
});

describe('registerCustomer for a CPF that is already a customer of the read model', () => {
  it('is refused with CUSTOMER_ALREADY_EXISTS and writes nothing', async () => {
    const cpf = await seedOneCustomer(11);
    const before = await rowCounts();
    const customerBefore = (await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer;
    expect(customerBefore.identifications).toHaveLength(1);

    const res = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0].path).toEqual(['registerCustomer']);
    expect(res.body.errors![0].extensions.code).toBe('CUSTOMER_ALREADY_EXISTS');

    expect(await rowCounts()).toEqual(before);
    expect((await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer).toEqual(customerBefore);
    expect((await gw.query(STATUS, { d: cpf })).body.data.customerRegistration).toBeNull();
  });
});

describe('a customer that appears between the registration and its approval', () => {
  it('gets the registration reproved (CUSTOMER_ALREADY_EXISTS), never merged into it', async () => {
    const seed = 12;
    const cpf = await nextSeededCpf(seed);
    const input = validRegistration();
    const registered = await gw.query(REGISTER, { documentNumber: cpf, input });
    expect(registered.body.errors).toBeUndefined();
    // A fresh CPF registered at the same time is the control: the same worker approves it.
    const control = uniqueCpf();
    expect((await gw.query(REGISTER, { documentNumber: control, input: validRegistration() })).body.errors).toBeUndefined();

    // The customer is loaded into the read model while the registration waits for its evaluation.
    expect(await seedOneCustomer(seed)).toBe(cpf);
    const customerBefore = (await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer;
    expect(customerBefore.identifications).toHaveLength(1);

    worker = await startProcess('src/worker.ts', { DATABASE_URL: gw.databaseUrl, WORKER_POLL_MS: '50' }, /worker ready/);
    const decided = await eventually(async () => {
      const registration = (await gw.query(STATUS, { d: cpf })).body.data.customerRegistration;
      return registration.status !== 'PENDING_APPROVAL' && registration;
    });
    expect(decided.status).toBe('REPROVED');
    expect(decided.reasons).toEqual(['CUSTOMER_ALREADY_EXISTS']);
    expect(decided.events.map((e: { name: string }) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_REPROVED']);

    // Nothing of the partner's data reached the existing customer.
    const customerAfter = (await gw.query(CUSTOMER, { c: cpf })).body.data.personalCustomer;
    expect(customerAfter).toEqual(customerBefore);
    expect(JSON.stringify(customerAfter)).not.toContain(input.email);
    expect(JSON.stringify(customerAfter)).not.toContain('Nísia Floresta');
    expect(customerAfter.financialRelations.flatMap((r: { productsServicesType: string[] }) => r.productsServicesType)).not.toContain(
      'CONTA_PAGAMENTO_PRE_PAGA',
    );

    const approved = await eventually(async () => {
      const registration = (await gw.query(STATUS, { d: control })).body.data.customerRegistration;
      return registration.status !== 'PENDING_APPROVAL' && registration;
    });
    expect(approved.status).toBe('APPROVED');
    expect((await gw.query(CUSTOMER, { c: control })).body.data.personalCustomer.identifications[0].civilName).toBe('Nísia Floresta');
  });
});
