import {
  FieldNode, getDirectiveValues, GraphQLIncludeDirective, GraphQLResolveInfo, GraphQLSkipDirective, Kind, SelectionSetNode,
} from 'graphql';

/**
 * What a GraphQL selection asks for, the one walker of selection sets:
 * fragments (inline and named) expanded, aliases merged under the field name.
 */

/** Fields selected under `nodes` (name → the field nodes asking for it), with fragments expanded and @skip/@include applied. */
export function selectedFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const included = (node: FieldNode | { directives?: FieldNode['directives'] }) => {
    if (!node.directives?.length) return true;
    const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, info.variableValues);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, info.variableValues);
    return include?.if !== false;
  };
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection as FieldNode)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const list = fields.get(name);
        if (list) list.push(selection);
        else fields.set(name, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return fields;
}

/**
 * The field names selected under the current field, @skip/@include ignored (a
 * superset, fine for choosing columns), computed once per field node of a
 * document (documents are cached, so a query shape costs one walk).
 */
export function requestedFieldNames(info: GraphQLResolveInfo): readonly string[] {
  // A field asked for in several places (a fragment and a sibling) merges their selections: not cached by one node.
  const key = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  let names = key && namesByNode.get(key);
  if (!names) {
    const set = new Set<string>();
    const visit = (selectionSet: SelectionSetNode | undefined) => {
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) set.add(selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else visit(info.fragments[selection.name.value]?.selectionSet);
      }
    };
    for (const node of info.fieldNodes) visit(node.selectionSet);
    names = [...set].sort();
    if (key) namesByNode.set(key, names);
  }
  return names;
}

const namesByNode = new WeakMap<FieldNode, readonly string[]>();
