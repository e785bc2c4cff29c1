import { GraphQLSchema } from 'graphql';
import { fullSelection as derive } from '../../src/platform/graphql/full-selection';

/** A selection set with every field of `typeName`, recursively, but the fields `skip` names per type (src/platform/graphql/full-selection.ts). */
export function fullSelection(schema: GraphQLSchema, typeName: string, skip: Record<string, readonly string[]> = {}): string {
  return derive(schema, typeName, { skip });
}

/** GraphQL says null where the spec omits the attribute (SUMMARY §5: omitted = null): drop nulls before validating. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
