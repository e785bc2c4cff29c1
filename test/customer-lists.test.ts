import { seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TestGateway } from './support/gateway';

/** Connections: stable order, cursors that walk every node once, filters that match the data. */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway('customer-lists', { inProcessWorker: false });
  await seedCustomers(gw.dataSource, { personal: 120, business: 60, seed: 3 });
}, 60_000);
afterAll(() => gw.stop());

const PAGE = `query($first: Int!, $after: String, $filter: CustomerFilter) {
  personalCustomers(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { cpfNumber identifications { civilName socialName updateDateTime contacts { postalAddresses { countrySubDivision } } } financialRelations { productsServicesType } } }
  } }`;

async function all(filter?: object, first = 25) {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const res: any = await gw.query(PAGE, { first, after, filter });
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data.personalCustomers;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((e: any) => e.node));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

it('walks every customer exactly once, in a stable order, across pages', async () => {
  const { nodes, totalCount } = await all(undefined, 25);
  expect(totalCount).toBe(120);
  expect(nodes).toHaveLength(120);
  expect(new Set(nodes.map((n) => n.cpfNumber)).size).toBe(120);
  const again = await all(undefined, 50);
  expect(again.nodes.map((n) => n.cpfNumber)).toEqual(nodes.map((n) => n.cpfNumber));
});

it('filters by state, product/service type, name and update date range — and only those match', async () => {
  const everyone = (await all(undefined, 200)).nodes;
  const states = (n: any) => n.identifications.flatMap((i: any) => i.contacts.postalAddresses.map((a: any) => a.countrySubDivision));
  const products = (n: any) => n.financialRelations.flatMap((r: any) => r.productsServicesType);

  const sp = await all({ state: 'SP' });
  expect(sp.nodes.map((n) => n.cpfNumber).sort()).toEqual(
    everyone
      .filter((n) => states(n).includes('SP'))
      .map((n) => n.cpfNumber)
      .sort(),
  );
  expect(sp.totalCount).toBe(sp.nodes.length);
  expect(sp.nodes.length).toBeGreaterThan(0);

  const cards = await all({ productServiceType: 'CARTAO_CREDITO' });
  expect(cards.nodes.map((n) => n.cpfNumber).sort()).toEqual(
    everyone
      .filter((n) => products(n).includes('CARTAO_CREDITO'))
      .map((n) => n.cpfNumber)
      .sort(),
  );

  const someone = everyone[17].identifications[0].civilName as string;
  const part = someone.split(' ')[0].toLowerCase();
  const byName = await all({ name: part.toUpperCase() });
  const expected = everyone.filter((n) => n.identifications.some((i: any) => `${i.civilName}|${i.socialName}`.toLowerCase().includes(part)));
  expect(byName.nodes.map((n) => n.cpfNumber).sort()).toEqual(expected.map((n) => n.cpfNumber).sort());

  const times = everyone.map((n) => n.identifications[0].updateDateTime).sort();
  const [from, to] = [times[30], times[80]];
  const ranged = await all({ updatedFrom: from, updatedTo: to });
  const inRange = everyone.filter((n) => n.identifications.some((i: any) => i.updateDateTime >= from && i.updateDateTime <= to));
  expect(ranged.nodes.map((n) => n.cpfNumber).sort()).toEqual(inRange.map((n) => n.cpfNumber).sort());

  const combined = await all({ state: 'SP', productServiceType: 'CARTAO_CREDITO' });
  expect(combined.nodes.every((n) => states(n).includes('SP') && products(n).includes('CARTAO_CREDITO'))).toBe(true);
});

it('treats LIKE wildcards in the name filter literally', async () => {
  const res = await gw.query(PAGE, { first: 10, filter: { name: '%' } });
  expect(res.body.data.personalCustomers.totalCount).toBe(0);
  const underscore = await gw.query(PAGE, { first: 10, filter: { name: '_' } });
  expect(underscore.body.data.personalCustomers.totalCount).toBe(0);
});

it('answers an empty page after the last cursor', async () => {
  const first = await gw.query(PAGE, { first: 1000 });
  const last = first.body.data.personalCustomers.pageInfo.endCursor;
  const res = await gw.query(PAGE, { first: 10, after: last });
  expect(res.body.data.personalCustomers).toMatchObject({ totalCount: 120, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
});

it('counts the whole set only when totalCount is selected', async () => {
  const counts = async (query: string) => {
    const before = gw.sql.statements.length;
    expect((await gw.query(query)).body.errors).toBeUndefined();
    return gw.sql.statements.slice(before).filter((s) => /COUNT\(/i.test(s)).length;
  };
  expect(await counts('{ personalCustomers(first: 5) { edges { node { cpfNumber } } } }')).toBe(0);
  expect(await counts('{ personalCustomers(first: 5) { totalCount } }')).toBe(1);
  expect(await counts('{ personalCustomers(first: 5) { ...total } } fragment total on PersonalCustomerConnection { totalCount }')).toBe(1);
});
