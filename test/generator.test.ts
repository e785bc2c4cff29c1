import { DEMO_BUSINESS_CUSTOMERS, DEMO_FIRST_CNPJ, DEMO_FIRST_CPF, DEMO_PERSONAL_CUSTOMERS, loadDemoDataIfEmpty } from '../src/modules/demo/demo-data';
import {
  concatGeneratedData,
  countRows,
  generateBusinessCustomers,
  generatePersonalCustomers,
  personalCpf,
  seedCustomers,
} from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { startTestGateway, TestGateway } from './support/gateway';

/**
 * The synthetic data generator seeding a real database (the generator's own
 * rules, which touch no database, are its unit spec: src/modules/demo/generator.spec.ts).
 */

describe('seeding a database', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('generator');
  });
  afterAll(() => gw.stop());

  const count = async (table: string) => Number((await gw.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('loads the demo set into an empty database, once', async () => {
    const first = await loadDemoDataIfEmpty(gw.dataSource);
    expect(first).toEqual({
      created: true,
      personal: DEMO_PERSONAL_CUSTOMERS,
      business: DEMO_BUSINESS_CUSTOMERS,
      firstCpf: DEMO_FIRST_CPF,
      firstCnpj: DEMO_FIRST_CNPJ,
    });
    const second = await loadDemoDataIfEmpty(gw.dataSource);
    expect(second).toEqual({ created: false, personal: 0, business: 0, firstCpf: DEMO_FIRST_CPF, firstCnpj: DEMO_FIRST_CNPJ });
    expect(await count('personal_customers')).toBe(DEMO_PERSONAL_CUSTOMERS);
  });

  it('appends N customers after existing ones (same seed again gives new ones)', async () => {
    const progress: number[] = [];
    const result = await seedCustomers(gw.dataSource, {
      personal: 230,
      business: 70,
      seed: 42,
      batchSize: 100,
      onProgress: (p) => progress.push(p.personal + p.business),
    });
    expect(result).toMatchObject({ personal: 230, business: 70 });
    expect(progress[progress.length - 1]).toBe(300);
    expect(await count('personal_customers')).toBe(DEMO_PERSONAL_CUSTOMERS + 230);
    expect(await count('business_customers')).toBe(DEMO_BUSINESS_CUSTOMERS + 70);
    expect(await count('personal_identifications')).toBe(DEMO_PERSONAL_CUSTOMERS + 230);
    expect(await count('personal_financial_relations')).toBe(DEMO_PERSONAL_CUSTOMERS + 230);
    expect(await count('economic_activities')).toBeGreaterThanOrEqual(DEMO_BUSINESS_CUSTOMERS + 70);
    // The demo seed was 42 as well: the appended customers continue its sequence.
    expect(result.firstCpf).toBe(personalCpf(42, DEMO_PERSONAL_CUSTOMERS));
    const rows = countRows(
      concatGeneratedData(
        generatePersonalCustomers(new Random(42), 230, DEMO_PERSONAL_CUSTOMERS),
        generateBusinessCustomers(new Random(42), 70, DEMO_BUSINESS_CUSTOMERS),
      ),
    );
    expect(result.rows).toBe(rows);
  });

  it('skips tax ids that are already present', async () => {
    // A customer created elsewhere (next id) holding the CPF that the next seeded index (= MAX(id)) would get.
    const before = await count('personal_customers');
    const maxId = Number((await gw.dataSource.query('SELECT MAX(id) AS m FROM personal_customers'))[0].m);
    const takenCpf = personalCpf(42, maxId + 1);
    await gw.dataSource.query(
      `INSERT INTO personal_customers (id, cpfNumber, createdAt, updatedAt) VALUES (${maxId + 1}, '${takenCpf}', '2025-01-01 00:00:00', '2025-01-01 00:00:00')`,
    );
    const result = await seedCustomers(gw.dataSource, { personal: 5, business: 0, seed: 42 });
    expect(result.personal).toBe(5);
    expect(result.firstCpf).toBe(personalCpf(42, maxId + 2));
    expect(await count('personal_customers')).toBe(before + 6);
  });

  it('serves the generated customers through the GraphQL API', async () => {
    const data = generatePersonalCustomers(new Random(42), 1, DEMO_PERSONAL_CUSTOMERS + 10);
    const cpf = data.personalCustomers[0].cpfNumber;
    const res = await gw.query(
      'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName contacts { phones { areaCode number } } } } }',
      { c: cpf },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.personalCustomer.cpfNumber).toBe(cpf);
    expect(res.body.data.personalCustomer.identifications[0].civilName).toBe(data.personalIdentifications[0].civilName);
    expect(res.body.data.personalCustomer.identifications[0].contacts.phones[0].number).toBe(data.phones[0].number);

    const company = generateBusinessCustomers(new Random(42), 1, 3);
    const business = await gw.query(
      'query($c: String!) { businessCustomer(cnpjNumber: $c) { identifications { companyName } qualifications { economicActivities { code isMain } } } }',
      {
        c: company.businessCustomers[0].cnpjNumber,
      },
    );
    expect(business.body.errors).toBeUndefined();
    expect(business.body.data.businessCustomer.identifications[0].companyName).toBe(company.businessIdentifications[0].companyName);
    expect(business.body.data.businessCustomer.qualifications[0].economicActivities.filter((a: { isMain: boolean }) => a.isMain)).toHaveLength(1);
  });
});
