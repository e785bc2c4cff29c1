/**
 * The lean read path (src/platform/data/direct-rows.ts) reads only the columns a
 * selection needs: whatever the selection, every field must answer what the
 * full selection answers, and the SQL must not read columns nobody asked for.
 */
import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import { PostalAddress } from '../src/modules/customers/contacts/contact.entities';
import { PersonalCustomer, PersonalIdentification } from '../src/modules/customers/personal/personal.entities';
import { seedCustomers } from '../src/modules/demo/generator';
import { buildGatewaySchema } from '../src/schema';
import { fullSelection } from './support/full-selection';
import { startTestGateway, TestGateway } from './support/gateway';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGatewaySchema();
});

/** Every leaf field under `typeName`, as a path of field names. */
function leafPaths(typeName: string, prefix: string[] = []): string[][] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    return isObjectType(named) ? leafPaths(named.name, [...prefix, field.name]) : [[...prefix, field.name]];
  });
}

function selectionOf(path: string[]): string {
  return path.reduceRight((inner, name) => (inner ? `${name} { ${inner} }` : name), '');
}

/** The full answer cut down to one path: what a query selecting only that path must answer. */
function project(value: unknown, path: string[]): unknown {
  if (path.length === 0 || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => project(item, path));
  const [head, ...rest] = path;
  return { [head]: project((value as Record<string, unknown>)[head], rest) };
}

/** Both read strategies: everything below the customers in one JSON statement, or level by level. */
describe.each([
  ['in one JSON statement (read ahead)', 1000],
  ['level by level', 0],
])('read %s', (_strategy, readAheadMaxCustomers) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('read-path', { inProcessWorker: false, readAheadMaxCustomers });
    await seedCustomers(gw.dataSource, { personal: 30, business: 10, seed: 5 });
  });
  afterAll(() => gw?.stop());

  describe.each([
    ['personalCustomers', 'PersonalCustomer'],
    ['businessCustomers', 'BusinessCustomer'],
  ])('%s', (root, typeName) => {
    it('answers every field selected alone exactly as within the full selection', async () => {
      const full = await gw.query(`{ ${root}(first: 50) { edges { node ${fullSelection(schema, typeName)} } } }`);
      expect(full.body.errors).toBeUndefined();
      const nodes = full.body.data[root].edges.map((edge: { node: unknown }) => edge.node);
      expect(nodes.length).toBeGreaterThan(5);
      const paths = leafPaths(typeName);
      expect(paths.length).toBeGreaterThan(40);
      for (const path of paths) {
        const narrow = await gw.query(`{ ${root}(first: 50) { edges { node { ${selectionOf(path)} } } } }`);
        expect({ path: path.join('.'), errors: narrow.body.errors }).toEqual({ path: path.join('.'), errors: undefined });
        const answered = narrow.body.data[root].edges.map((edge: { node: unknown }) => edge.node);
        expect({ path: path.join('.'), answered }).toEqual({ path: path.join('.'), answered: nodes.map((node: unknown) => project(node, path)) });
      }
    });
  });

  it('reads computed fields from the columns they depend on (geographicCoordinates)', async () => {
    const addresses = await gw.dataSource.getRepository(PostalAddress).find({ where: {}, order: { id: 'ASC' } });
    const located = addresses.find((a) => a.personalIdentificationId !== null && a.coordinates.latitude !== null);
    expect(located).toBeDefined();
    const identification = await gw.dataSource.getRepository(PersonalIdentification).findOneByOrFail({ id: located!.personalIdentificationId! });
    const customer = await gw.dataSource.getRepository(PersonalCustomer).findOneByOrFail({ id: identification.customerId });
    const res = await gw.query(
      'query($c: String!) { personalCustomer(cpfNumber: $c) { identifications { contacts { postalAddresses { geographicCoordinates { latitude longitude } } } } } }',
      { c: customer.cpfNumber },
    );
    const answered = res.body.data.personalCustomer.identifications.flatMap((i: any) => i.contacts.postalAddresses.map((a: any) => a.geographicCoordinates));
    expect(answered).toContainEqual({ latitude: located!.coordinates.latitude, longitude: located!.coordinates.longitude });
  });

  it('selects only the columns the selection needs (plus keys)', async () => {
    const before = gw.sql.statements.length;
    const res = await gw.query('{ personalCustomers(first: 10) { edges { node { identifications { civilName } } } } }');
    expect(res.body.errors).toBeUndefined();
    const [select] = gw.sql.statements.slice(before).filter((sql) => /personal_identifications/.test(sql));
    expect(select).toMatch(/civilName/);
    expect(select).not.toMatch(/birthDate|socialName|brandName|companyCnpj/);
  });

  it('reads a page and everything nested under it in a constant number of statements, whatever the page size', async () => {
    const nested = (
      first: number,
    ) => `{ personalCustomers(first: ${first}) { edges { node { cpfNumber identifications { civilName contacts { phones { number } } }
      qualifications { occupationCode } financialRelations { productsServicesType accounts { number } } } } } }`;
    for (const first of [3, 25]) {
      const before = gw.sql.statements.length;
      const res = await gw.query(nested(first));
      expect(res.body.errors).toBeUndefined();
      const reads = gw.sql.statements.slice(before).filter((sql) => /^\s*SELECT/i.test(sql));
      expect({ first, reads: reads.length }).toEqual({ first, reads: readAheadMaxCustomers ? 2 : 7 });
    }
  });
});
