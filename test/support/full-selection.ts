import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';

/** A selection set with every field of `typeName`, recursively (no arguments needed below it), but the fields `skip` names per type. */
export function fullSelection(schema: GraphQLSchema, typeName: string, depth = 0, skip: Record<string, readonly string[]> = {}): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  if (depth > 8) throw new Error(`selection too deep at ${typeName}`);
  return `{ ${Object.values(type.getFields())
    .filter((field) => !skip[typeName]?.includes(field.name))
    .map((field) => {
      const named = getNamedType(field.type);
      return isObjectType(named) ? `${field.name} ${fullSelection(schema, named.name, depth + 1, skip)}` : field.name;
    })
    .join(' ')} }`;
}

/** GraphQL says null where the spec omits the attribute (SUMMARY §5: omitted = null): drop nulls before validating. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}
