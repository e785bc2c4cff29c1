import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Executes HTTP operations with graphql-jit instead of graphql-js: each
 * operation is compiled once into plain JavaScript and cached, which cuts the
 * per-field work and allocations of large list answers (see the benchmark).
 * Apollo Server 5 takes a custom executor only through its `gateway` option;
 * parsing, validation, the abuse limits and every plugin stay Apollo's.
 * Subscriptions (graphql-ws) keep graphql-js.
 */
export function jitExecution(schema: GraphQLSchema, cacheSize = 1000): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();

  const executor: GatewayExecutor = async (requestContext) => {
    if (!requestContext.operation) {
      const name = requestContext.operationName ?? requestContext.request.operationName;
      const message = name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] };
    }
    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, requestContext.document, requestContext.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      if (compiled.size >= cacheSize) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, result);
      query = result;
    }
    // Variables are coerced by graphql-js first, so bad ones get the same BAD_USER_INPUT errors as without JIT.
    const variables = getVariableValues(schema, requestContext.operation.variableDefinitions ?? [], requestContext.request.variables ?? {});
    if (variables.errors) {
      return { errors: variables.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } })) };
    }
    return query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
