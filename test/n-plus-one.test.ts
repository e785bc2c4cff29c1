import { seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TestGateway } from './support/gateway';

/**
 * Every relation goes through per-request DataLoaders: one nested query issues
 * the same number of SQL statements for a page of 10 customers as for 200.
 */
let gw: TestGateway;
beforeAll(async () => {
  // No in-process worker: its polling would add statements unrelated to the query.
  gw = await startTestGateway('n-plus-one', { inProcessWorker: false });
  await seedCustomers(gw.dataSource, { personal: 200, business: 200, seed: 11 });
}, 60_000);
afterAll(() => gw.stop());

const PERSONAL = `query Page($first: Int!) { personalCustomers(first: $first) { totalCount edges { node {
  cpfNumber
  identifications {
    civilName documents { cpfNumber } otherDocuments { type number } nationality { otherNationalitiesInfo documents { number } }
    filiation { type civilName } contacts { postalAddresses { townName } phones { number } emails { email } }
  }
  qualifications { occupationCode informedIncome { amount } }
  financialRelations { productsServicesType accounts { number } procurators { civilName } }
} } } }`;

const BUSINESS = `query Page($first: Int!) { businessCustomers(first: $first) { totalCount edges { node {
  cnpjNumber
  identifications { companyName otherDocuments { number } parties { civilName } contacts { postalAddresses { townName } phones { number } emails { email } } }
  qualifications { economicActivities { code } informedRevenue { amount } }
  financialRelations { productsServicesType accounts { number } procurators { civilName } }
} } } }`;

async function statementsFor(query: string, first: number): Promise<{ count: number; customers: number; selects: string[] }> {
  const before = gw.sql.statements.length;
  const res = await gw.query(query, { first });
  expect(res.body.errors).toBeUndefined();
  const statements = gw.sql.statements.slice(before);
  const data = res.body.data.personalCustomers ?? res.body.data.businessCustomers;
  return { count: statements.length, customers: data.edges.length, selects: statements.filter((s) => /^\s*SELECT/i.test(s)) };
}

it.each([
  ['personal', PERSONAL],
  ['business', BUSINESS],
])('%s: the SQL statement count does not grow with the page size', async (_kind, query) => {
  const small = await statementsFor(query, 10);
  const large = await statementsFor(query, 200);
  expect(small.customers).toBe(10);
  expect(large.customers).toBe(200);
  expect(large.count).toBe(small.count);
  // One statement per relation level, not per customer.
  expect(large.selects.length).toBeLessThanOrEqual(16);
});
