import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { createSourceEventStream, DocumentNode, ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { stageEnd, stageStart } from '../observability/stages';
import { GatewayContext } from './context';
import { PlatformError } from '../platform-errors';
import { BoundedMap } from '../bounded-map';

/**
 * What a subscription's execution leaves for its transport: the source event
 * stream, and what is needed to execute the operation once per event. Only
 * transports that can stream (graphql-ws) put a holder in the context.
 */
export interface SubscriptionHolder {
  source?: AsyncIterable<unknown>;
  document?: DocumentNode;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export type StreamingContext = GatewayContext & { subscription?: SubscriptionHolder };

function badUserInput(errors: readonly GraphQLError[]): ExecutionResult {
  return { errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: PlatformError.BAD_USER_INPUT } })) };
}

/**
 * graphql-jit builds some errors (e.g. a failing resolver's) without
 * `extensions`, which Apollo's error formatting reads before ours runs: give
 * them an empty one, keeping the original error for the formatter to unwrap.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => !error.extensions)) return result;
  const errors = result.errors.map((error) =>
    error.extensions
      ? error
      : new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: error.originalError ?? error,
          extensions: {},
        }),
  );
  return { ...result, errors };
}

/**
 * The executor of the operation pipeline (Apollo Server 5 takes a custom one
 * only through its `gateway` option; parsing, validation, the limits and every
 * plugin stay Apollo's). Queries and mutations run on graphql-jit: each
 * operation is compiled once into plain JavaScript and cached, which cuts the
 * per-field work of large list answers (see the benchmark). A subscription
 * only creates its source stream here, under the same checks; the transport
 * then executes it per event (src/platform/graphql/operation-pipeline.ts).
 */
export function pipelineExecutor(schema: GraphQLSchema, cacheSize = 1000): GatewayInterface {
  const compiled = new BoundedMap<string, CompiledQuery>(cacheSize);

  const executor: GatewayExecutor = async (requestContext) => {
    const { operation, document } = requestContext;
    if (!operation) {
      const name = requestContext.operationName ?? requestContext.request.operationName;
      const message = name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message, { extensions: { code: PlatformError.OPERATION_RESOLUTION_FAILURE } })] };
    }
    const context = requestContext.context as StreamingContext;
    const raw = requestContext.request.variables ?? {};
    // Variables are coerced by graphql-js first, so bad ones get the same BAD_USER_INPUT errors as without JIT.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
    if (variables.errors) return badUserInput(variables.errors);

    if (operation.operation === 'subscription') {
      const holder = context.subscription;
      if (!holder) throw new Error('subscription reached the executor without a streaming transport');
      const source = await createSourceEventStream({
        schema,
        document,
        contextValue: context,
        variableValues: raw,
        operationName: requestContext.operationName ?? undefined,
      });
      if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
      Object.assign(holder, { source, document, operationName: requestContext.operationName ?? undefined, variables: raw });
      return { data: {} };
    }

    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, document, requestContext.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      compiled.set(key, result);
      query = result;
    }
    context.operation = { key, name: requestContext.operationName ?? null };
    const start = stageStart();
    const result = await query.query(undefined, context, raw);
    stageEnd('execution', start);
    return withExtensions(result);
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
