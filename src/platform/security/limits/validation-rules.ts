import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { fragmentsOf, operationRootFieldCount } from './document-analysis';
import { LimitCode, overLimit } from './limit-error';
import { LimitsConfig } from './limits.config';
import { PlatformError } from '../../platform-errors';

/**
 * The document-shape limits as graphql validation rules: they run with
 * graphql's own rules, before execution, over HTTP (Apollo) and WebSocket
 * (graphql-ws onSubscribe) alike. Each reports one LimitError per offending
 * operation, with a stable code.
 */

/** graphql-armor's rejection ("… limit of 6 exceeded, found 7.") reported as our LimitError instead of its own. */
function reportAs(code: LimitCode, what: string, limit: number) {
  return {
    n: limit,
    exposeLimits: true, // the message then carries the measure, read back here
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const actual = Number(/found (\d+)\.$/.exec(error.message)?.[1] ?? limit + 1);
        context?.reportError(overLimit(code, what, actual, limit));
      },
    ],
  };
}

/**
 * Fragments (inline or spread) add no level. `__schema` selections are not measured (the standard introspection
 * query nests 15 deep, its `ofType` chains): graphql's own MaxIntrospectionDepthRule, one of the rules it always
 * runs, refuses the introspection that fans out (`fields { type { fields { type { fields …`).
 */
const maxDepth = (limit: number) =>
  maxDepthRule({ ...reportAs(PlatformError.QUERY_TOO_DEEP, 'Query depth', limit), flattenFragments: true, ignoreIntrospection: true });

/** Every alias counts, `__typename`'s too; a fragment counts once per spread. */
const maxAliases = (limit: number) => maxAliasesRule({ ...reportAs(PlatformError.TOO_MANY_ALIASES, 'The number of aliases', limit), allowList: [] });

/** Distinct root fields of each operation (graphql merges repeated response keys into one). No library counts these. */
function maxRootFields(limit: number): ValidationRule {
  return (context) => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(operation) {
        const count = operationRootFieldCount(operation, fragments);
        if (count > limit) context.reportError(overLimit(PlatformError.TOO_MANY_ROOT_FIELDS, 'The number of root fields', count, limit));
      },
    };
  };
}

function maxOperations(limit: number): ValidationRule {
  return (context) => ({
    Document(document) {
      const count = document.definitions.filter((definition) => definition.kind === 'OperationDefinition').length;
      if (count > limit) context.reportError(overLimit(PlatformError.TOO_MANY_OPERATIONS, 'The number of operations in the document', count, limit));
    },
  });
}

export function limitValidationRules(limits: LimitsConfig): ValidationRule[] {
  return [maxOperations(limits.maxOperations), maxDepth(limits.maxDepth), maxAliases(limits.maxAliases), maxRootFields(limits.maxRootFields)];
}
