import { ASTVisitor, OperationDefinitionNode, ValidationContext, ValidationRule } from 'graphql';
import { fragmentsOf, operationAliases, operationDepth, operationRootFieldCount } from './document-analysis';
import { overLimit } from './limit-error';
import { LimitsConfig } from './limits.config';

/**
 * The document-shape limits as graphql validation rules: they run with
 * graphql's own rules, before execution, over HTTP (Apollo) and WebSocket
 * (graphql-ws onSubscribe) alike. Each reports one LimitError per offending
 * operation, with a stable code.
 */
function perOperation(measure: (context: ValidationContext) => (operation: OperationDefinitionNode) => void): ValidationRule {
  return (context): ASTVisitor => {
    const check = measure(context);
    return { OperationDefinition: (operation) => check(operation) };
  };
}

export function maxDepthRule(limit: number): ValidationRule {
  return perOperation((context) => {
    const fragments = fragmentsOf(context.getDocument());
    return (operation) => {
      const depth = operationDepth(operation, fragments);
      if (depth > limit) context.reportError(overLimit('QUERY_TOO_DEEP', 'Query depth', depth, limit));
    };
  });
}

export function maxAliasesRule(limit: number): ValidationRule {
  return perOperation((context) => {
    const fragments = fragmentsOf(context.getDocument());
    return (operation) => {
      const aliases = operationAliases(operation, fragments);
      if (aliases > limit) context.reportError(overLimit('TOO_MANY_ALIASES', 'The number of aliases', aliases, limit));
    };
  });
}

export function maxRootFieldsRule(limit: number): ValidationRule {
  return perOperation((context) => {
    const fragments = fragmentsOf(context.getDocument());
    return (operation) => {
      const count = operationRootFieldCount(operation, fragments);
      if (count > limit) context.reportError(overLimit('TOO_MANY_ROOT_FIELDS', 'The number of root fields', count, limit));
    };
  });
}

export function maxOperationsRule(limit: number): ValidationRule {
  return (context): ASTVisitor => ({
    Document(document) {
      const count = document.definitions.filter((definition) => definition.kind === 'OperationDefinition').length;
      if (count > limit) context.reportError(overLimit('TOO_MANY_OPERATIONS', 'The number of operations in the document', count, limit));
    },
  });
}

export function limitValidationRules(limits: LimitsConfig): ValidationRule[] {
  return [
    maxOperationsRule(limits.maxOperations),
    maxDepthRule(limits.maxDepth),
    maxAliasesRule(limits.maxAliases),
    maxRootFieldsRule(limits.maxRootFields),
  ];
}
