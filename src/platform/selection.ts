import {
  FieldNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  OperationDefinitionNode,
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

type FragmentMap = GraphQLResolveInfo['fragments'];

/** The variables an operation's @skip/@include read (what its selection depends on besides the document), computed once per operation. */
export function conditionVariables(operation: OperationDefinitionNode, fragments: FragmentMap): readonly string[] {
  let names = conditionVariablesOf.get(operation);
  if (!names) {
    const found = new Set<string>();
    const visit = (selectionSet: SelectionSetNode | undefined) => {
      for (const selection of selectionSet?.selections ?? []) {
        for (const directive of selection.directives ?? []) {
          if (directive.name.value !== GraphQLSkipDirective.name && directive.name.value !== GraphQLIncludeDirective.name) continue;
          for (const argument of directive.arguments ?? []) if (argument.value.kind === Kind.VARIABLE) found.add(argument.value.name.value);
        }
        if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
      }
    };
    visit(operation.selectionSet);
    for (const fragment of Object.values(fragments)) visit(fragment.selectionSet);
    names = [...found].sort();
    conditionVariablesOf.set(operation, names);
  }
  return names;
}
const conditionVariablesOf = new WeakMap<OperationDefinitionNode, readonly string[]>();

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
