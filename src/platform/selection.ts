import {
  FieldNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';

/**
 * What a GraphQL selection asks for, the one walker of selection sets:
 * fragments (inline and named) expanded, aliases merged under the field name.
 */

/** Fields selected under `nodes` (name → the field nodes asking for it), with fragments expanded and @skip/@include applied. */
export function selectedFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes): Map<string, FieldNode[]> {
  const included = (node: SelectionNode) => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
  };
  return collectFields(nodes, info.fragments, (field) => field.name.value, included);
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
  return collectFields(
    nodes,
    fragments,
    (field) => field.alias?.value ?? field.name.value,
    () => true,
  );
}

/** The one walk: fields under `nodes` grouped by `keyOf`, inline and named fragments expanded, selections `included` kept. */
function collectFields(
  nodes: readonly FieldNode[],
  fragments: FragmentMap,
  keyOf: (field: FieldNode) => string,
  included: (selection: SelectionNode) => boolean,
): Map<string, FieldNode[]> {
  const groups = new Map<string, FieldNode[]>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = keyOf(selection);
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
