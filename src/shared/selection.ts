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
  return fieldNamesOf(info.fieldNodes, info.fragments);
}

/** `requestedFieldNames` for any field nodes of a document (e.g. a field further down, read ahead). */
export function fieldNamesOf(nodes: readonly FieldNode[], fragments: FragmentMap): readonly string[] {
  // A field asked for in several places (a fragment and a sibling) merges their selections: not cached by one node.
  const key = nodes.length === 1 ? nodes[0] : undefined;
  let names = key && namesByNode.get(key);
  if (!names) {
    names = [...subFields(nodes, fragments).values()].map((group) => group[0].name.value);
    names = [...new Set(names)].sort();
    if (key) namesByNode.set(key, names);
  }
  return names;
}

type FragmentMap = GraphQLResolveInfo['fragments'];

/** The fields selected under `nodes`, grouped by response key (alias or name), fragments expanded, directives ignored. */
export function subFields(nodes: readonly FieldNode[], fragments: FragmentMap): Map<string, FieldNode[]> {
  const groups = new Map<string, FieldNode[]>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = groups.get(key);
        if (group) group.push(selection);
        else groups.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return groups;
}

const namesByNode = new WeakMap<FieldNode, readonly string[]>();
