import { getNamedType, GraphQLSchema, isLeafType, isNonNullType, isObjectType } from 'graphql';

export interface FullSelectionOptions {
  /** Fields left out, per type name (e.g. the fields another API version adds). */
  skip?: Readonly<Record<string, readonly string[]>>;
  /** Leave out deprecated fields (default: keep them). */
  excludeDeprecated?: boolean;
  /**
   * The fields to select at `path` (field names from `typeName` down), in this order — GraphQL answers in
   * selection order, so it is the order of the response's keys (e.g. a REST contract's). A name the type
   * lacks is an error; undefined selects every field in the schema's order.
   */
  fieldsAt?: (path: readonly string[]) => readonly string[] | undefined;
  /**
   * The field of `typeName` that answers the response key `key` (default: the field named `key`), selected
   * under that key as an alias (`key: field`): a contract's name for a field the schema names otherwise.
   * `fieldsAt` paths are response keys.
   */
  fieldOf?: (typeName: string, key: string) => string;
}

const MAX_DEPTH = 8;

/**
 * The selection set (`{ a b { c } }`) of every field of the object type `typeName`, recursively: what a
 * read of the whole record selects, derived from the schema instead of written by hand. Fields with a
 * required argument cannot be selected without one and are left out; abstract types are refused.
 */
export function fullSelection(schema: GraphQLSchema, typeName: string, options: FullSelectionOptions = {}): string {
  return selectionOf(schema, typeName, options, []);
}

function selectionOf(schema: GraphQLSchema, typeName: string, options: FullSelectionOptions, path: readonly string[]): string {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`fullSelection: ${typeName} is not an object type of the schema`);
  if (path.length > MAX_DEPTH) throw new Error(`fullSelection: selection too deep at ${[typeName, ...path].join('.')}`);
  const all = type.getFields();
  const fieldOf = (key: string) => options.fieldOf?.(typeName, key) ?? key;
  const keys = options.fieldsAt?.(path) ?? Object.keys(all);
  const missing = keys.filter((key) => !all[fieldOf(key)]).map(fieldOf);
  if (missing.length) throw new Error(`fullSelection: ${typeName} has no field ${missing.join(', ')}`);
  const selected = keys
    .map((key) => ({ key, field: all[fieldOf(key)] }))
    .filter(
      ({ field }) =>
        !options.skip?.[typeName]?.includes(field.name) &&
        !(options.excludeDeprecated && field.deprecationReason != null) &&
        !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined),
    );
  return `{ ${selected
    .map(({ key, field }) => {
      const named = getNamedType(field.type);
      const read = key === field.name ? key : `${key}: ${field.name}`;
      if (isObjectType(named)) return `${read} ${selectionOf(schema, named.name, options, [...path, key])}`;
      if (!isLeafType(named)) throw new Error(`fullSelection: ${typeName}.${field.name} is abstract (${named.name}): no full selection`);
      return read;
    })
    .join(' ')} }`;
}
