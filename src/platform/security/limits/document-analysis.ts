import {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLNamedType,
  GraphQLSchema,
  GraphQLSkipDirective,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  valueFromAST,
} from 'graphql';

/**
 * What graphql-armor (src/platform/security/limits/validation-rules.ts) does not measure: the
 * root fields of the executed operation and its cost, which scales with `first`.
 */
export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The fields of the operation's root selection (through fragments), by response key. */
export function rootFields(operation: OperationDefinitionNode, fragments: Fragments): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.set(selection.alias?.value ?? selection.name.value, selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}

/** Distinct root fields, `__typename` aside (graphql merges repeated response keys into one). */
export function operationRootFieldCount(operation: OperationDefinitionNode, fragments: Fragments): number {
  return [...rootFields(operation, fragments).values()].filter((field) => field.name.value !== '__typename').length;
}

/** Whether the operation asks for `__schema` or `__type` (only valid at the root). */
export function selectsIntrospection(operation: OperationDefinitionNode, fragments: Fragments): boolean {
  return [...rootFields(operation, fragments).values()].some((field) => INTROSPECTION_ROOTS.has(field.name.value));
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!parent) return undefined;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function isSkipped(node: { readonly directives?: readonly DirectiveNode[] }, variables: Record<string, unknown>): boolean {
  if (!node.directives?.length) return false;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return true;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return true;
  } catch {
    // An invalid directive argument fails execution anyway; count the selection.
  }
  return false;
}

/** The page size a field with a `first` argument asks for (its default when absent), within 1..maxPageSize. */
function pageSizeOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, maxPageSize: number): number | null {
  const argument = field.args.find((arg) => arg.name === 'first');
  if (!argument) return null;
  const given = node.arguments?.find((arg) => arg.name.value === 'first');
  let value: unknown = argument.defaultValue;
  if (given) {
    value = given.value.kind === Kind.VARIABLE ? variables[given.value.name.value] : valueFromAST(given.value, argument.type, variables);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return maxPageSize;
  return Math.min(Math.max(Math.floor(value), 1), maxPageSize);
}

const SATURATED = Number.MAX_SAFE_INTEGER;

/**
 * Estimated cost of executing the operation: every field counts 1 (`__typename`
 * 0), plus its selection; under a field with a `first` argument (a connection)
 * every list-typed child field counts `first` times (`edges` of a page of 100
 * costs 100 × its selection). Other lists (the few records of one customer,
 * loaded in one batched statement per level) count once. Skipped selections
 * (@skip/@include) are free. `variables` must already be coerced.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
  maxPageSize: number,
): number {
  // Memoised per fragment and page size, so fragments that spread each other many times cost linear time
  // to measure, never exponential; a fragment cycle (refused by graphql's NoFragmentCyclesRule) counts as empty.
  const memo = new Map<string, number>();
  function fragmentCost(name: string, pageSize: number): number {
    const id = `${name}:${pageSize}`;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    memo.set(id, 0); // while it is being measured
    const cost = costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, pageSize);
    memo.set(id, cost);
    return cost;
  }
  function costOf(set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, pageSize: number): number {
    let total = 0;
    const spread = new Set<string>();
    for (const selection of set?.selections ?? []) {
      if (isSkipped(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const field = fieldDefinition(schema, parent, selection.name.value);
        if (!field) continue;
        const times = pageSize > 1 && isListType(getNullableType(field.type)) ? pageSize : 1;
        const childPageSize = pageSizeOf(field, selection, variables, maxPageSize) ?? 1;
        total += times * (1 + costOf(selection.selectionSet, getNamedType(field.type), childPageSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent;
        total += costOf(selection.selectionSet, type, pageSize);
      } else if (!spread.has(selection.name.value)) {
        // graphql executes a fragment spread twice in one selection set once.
        spread.add(selection.name.value);
        total += fragmentCost(selection.name.value, pageSize);
      }
      if (total >= SATURATED) return SATURATED;
    }
    return total;
  }
  const root = schema.getRootType(operation.operation) ?? undefined;
  return Math.min(costOf(operation.selectionSet, root, 1), SATURATED);
}
