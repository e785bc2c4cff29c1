import { buildSchema } from 'graphql';
import { fullSelection } from './full-selection';

const schema = buildSchema(`
  type Query { customer: Customer }
  interface Node { id: ID! }
  type Customer {
    name: String!
    old: String @deprecated(reason: "use name")
    address: Address!
    phones(first: Int = 10): [Phone!]!
    search(term: String!): [Phone!]!
    node: Node
  }
  type Address { street: String! town: Town }
  type Town { code: Int! name: String! }
  type Phone { number: String! }
`);

const selection = (options: Parameters<typeof fullSelection>[2]) => fullSelection(schema, 'Address', options);

describe('fullSelection', () => {
  it('selects every field, recursively, in the schema order', () => {
    expect(selection({})).toBe('{ street town { code name } }');
  });

  it('leaves out fields with a required argument, keeps those with a default', () => {
    expect(fullSelection(schema, 'Customer', { skip: { Customer: ['node'] } })).toBe('{ name old address { street town { code name } } phones { number } }');
  });

  it('leaves out deprecated fields when asked and the fields skip names per type', () => {
    expect(fullSelection(schema, 'Customer', { excludeDeprecated: true, skip: { Customer: ['node'], Town: ['code'] } })).toBe(
      '{ name address { street town { name } } phones { number } }',
    );
  });

  it('selects the fields fieldsAt names at each path, in its order', () => {
    const fieldsAt = (path: readonly string[]) => (({ '': ['town', 'street'], town: ['name'] }) as Record<string, string[]>)[path.join('.')];
    expect(selection({ fieldsAt })).toBe('{ town { name } street }');
    expect(selection({ fieldsAt: () => undefined })).toBe('{ street town { code name } }');
  });

  it('reads a key through the field fieldOf names, under the key as an alias, and walks fieldsAt by keys', () => {
    const fieldOf = (typeName: string, key: string) => (typeName === 'Address' && key === 'city' ? 'town' : key);
    const fieldsAt = (path: readonly string[]) => (({ '': ['city', 'street'], city: ['name'] }) as Record<string, string[]>)[path.join('.')];
    expect(selection({ fieldsAt, fieldOf })).toBe('{ city: town { name } street }');
    expect(() => selection({ fieldsAt: () => ['street'], fieldOf: () => 'zip' })).toThrow('Address has no field zip');
  });

  it('refuses a field fieldsAt names that the type lacks, an abstract field and an unknown type', () => {
    expect(() => selection({ fieldsAt: (path) => (path.length ? undefined : ['street', 'zip']) })).toThrow('Address has no field zip');
    expect(() => fullSelection(schema, 'Customer')).toThrow('Customer.node is abstract (Node)');
    expect(() => fullSelection(schema, 'Nope')).toThrow('Nope is not an object type');
  });
});
