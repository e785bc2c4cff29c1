import { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { DocumentNode, getVariableValues, GraphQLError, GraphQLFormattedError, OperationDefinitionNode, visit } from 'graphql';
import { isAnalyst } from '../policies';
import { Viewer } from '../viewer';
import { Config } from '../../config';
import { GatewayContext } from '../../graphql/context';
import { fragmentsOf, operationCost, selectsIntrospection } from './document-analysis';
import { stageEnd, stageStart } from '../../observability/stages';
import { LimitError, overLimit } from './limit-error';
import { ClientRateLimiter } from './rate-limiter';
import { PlatformError } from '../../platform-errors';
import { BoundedMap } from '../../bounded-map';

/** graphql-js appends its suggestions as ` Did you mean "x"?` (or `… the enum value "X"?`) at the end of a message. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

function stripSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** Whether this caller may introspect the schema and see "Did you mean" suggestions. */
function seesSchema(config: Config, viewer: Viewer | null): boolean {
  return config.limits.introspectionForAll || isAnalyst(viewer);
}

function introspectionDisabled(): LimitError {
  return new LimitError(PlatformError.INTROSPECTION_DISABLED, 'Introspection is only available to analysts.');
}

/** graphql's parser gives up past `maxTokens` with a syntax error (spelled "more that" in graphql 16). */
const TOO_MANY_TOKENS = /Document contains more tha[nt] (\d+) tokens/;

/** The parser's token cap as the limit it is: DOCUMENT_TOO_LARGE. */
function tokenLimitError(message: string): LimitError | undefined {
  const match = TOO_MANY_TOKENS.exec(message);
  if (!match) return undefined;
  const limit = Number(match[1]);
  return new LimitError(PlatformError.DOCUMENT_TOO_LARGE, `The GraphQL document has more than ${limit} tokens.`, { limit, unit: 'tokens' });
}

/**
 * What the limits need of a document, worked out once per parsed document
 * (Apollo caches the parsed DocumentNode per query text, so the same object
 * comes back for the same document): its fragments, whether an operation
 * selects introspection, the variables that can change its cost, and the
 * costs already computed for those variables' values.
 */
interface DocumentAnalysis {
  fragments: ReturnType<typeof fragmentsOf>;
  introspection(operation: OperationDefinitionNode): boolean;
  costVariables: string[];
  costs: BoundedMap<string, number>;
}

const analyses = new WeakMap<DocumentNode, DocumentAnalysis>();

function analysisOf(document: DocumentNode): DocumentAnalysis {
  let analysis = analyses.get(document);
  if (analysis) return analysis;
  const fragments = fragmentsOf(document);
  const introspection = new Map<OperationDefinitionNode, boolean>();
  const costVariables = new Set<string>();
  let depth = 0; // inside a `first` argument or a directive
  visit(document, {
    Argument: { enter: (node) => void (node.name.value === 'first' && depth++), leave: (node) => void (node.name.value === 'first' && depth--) },
    Directive: { enter: () => void depth++, leave: () => void depth-- },
    Variable: (node) => void (depth > 0 && costVariables.add(node.name.value)),
  });
  analysis = {
    fragments,
    introspection(operation) {
      let selects = introspection.get(operation);
      if (selects === undefined) introspection.set(operation, (selects = selectsIntrospection(operation, fragments)));
      return selects;
    },
    costVariables: [...costVariables],
    costs: new BoundedMap(100),
  };
  analyses.set(document, analysis);
  return analysis;
}

function costCacheKey(names: readonly string[], variables: Record<string, unknown>): string {
  return names.map((name) => JSON.stringify(variables[name] ?? null)).join(',');
}

/** The LimitError behind an error of the response (Apollo wraps validation and field errors). */
function limitErrorOf(error: unknown): LimitError | undefined {
  if (error instanceof LimitError) return error;
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  if (original instanceof LimitError) return original;
  const parseFailed = error instanceof GraphQLError && error.extensions?.code === PlatformError.GRAPHQL_PARSE_FAILED;
  return parseFailed ? tokenLimitError(error.message) : undefined;
}

/**
 * The Apollo side of the limits, after graphql validation (where the
 * document-shape rules ran) and before execution: introspection for analysts
 * only, the query cost (which needs the variables), the execution timeout;
 * then, on the way out, the limit codes and HTTP statuses, and suggestions
 * stripped for callers who may not see the schema.
 */
export function limitsPlugin(config: Config, rateLimiter: ClientRateLimiter): ApolloServerPlugin<GatewayContext> {
  const { limits } = config;
  return {
    async serverWillStart() {
      await rateLimiter.ready();
      return {
        async serverWillStop() {
          await rateLimiter.close();
        },
      };
    },

    async requestDidStart({ contextValue }) {
      const privileged = seesSchema(config, contextValue.viewer);
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return; // execution reports the unknown operation
          const start = stageStart();
          try {
            const analysis = analysisOf(document);
            const fragments = analysis.fragments;
            if (!privileged && analysis.introspection(operation)) throw introspectionDisabled();
            const raw = request.variables && typeof request.variables === 'object' && !Array.isArray(request.variables) ? request.variables : {};
            const variables = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 1 });
            if (variables.errors) return; // execution refuses them (BAD_USER_INPUT) before any resolver runs
            // The cost depends on the document and on the variables it reads in `first` and @skip/@include only.
            const key = `${operation.name?.value ?? ''}|${costCacheKey(analysis.costVariables, variables.coerced)}`;
            let cost = analysis.costs.get(key);
            if (cost === undefined) {
              cost = operationCost(schema, operation, fragments, variables.coerced, config.maxPageSize);
              analysis.costs.set(key, cost);
            }
            if (cost > limits.maxCost) throw overLimit(PlatformError.QUERY_TOO_COMPLEX, 'The estimated query cost', cost, limits.maxCost);
          } finally {
            stageEnd('cost', start);
          }
        },

        // The execution timeout is enforced by the request's loaders (src/context.ts): no
        // willResolveField hook here, since any such hook makes Apollo wrap every field of every response.

        // Apollo refuses some malformed requests (a persisted-query hash that does not match, an unknown
        // persisted-query version) with a 400 but no code, which would be masked as INTERNAL_SERVER_ERROR.
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const status = (error.extensions?.http as { status?: number } | undefined)?.status;
            if (error.extensions && error.extensions.code === undefined && status && status >= 400 && status < 500) {
              (error.extensions as Record<string, unknown>).code = PlatformError.BAD_REQUEST;
            }
          }
        },

        async willSendResponse(requestContext) {
          rewriteErrors(requestContext, privileged);
        },
      };
    },
  };
}

/** Limit codes instead of Apollo's wrappers, one EXECUTION_TIMEOUT instead of one per abandoned field, the limit's status and headers. */
function rewriteErrors(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>, privileged: boolean): void {
  const { response } = requestContext;
  if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
  const sources = requestContext.errors ?? [];
  const errors: GraphQLFormattedError[] = [];
  let timeoutReported = false;
  response.body.singleResult.errors.forEach((error, index) => {
    let rewritten: GraphQLFormattedError = error;
    const limit = limitErrorOf(sources[index]);
    if (limit) {
      if (limit.code === PlatformError.EXECUTION_TIMEOUT) {
        if (timeoutReported) return;
        timeoutReported = true;
      }
      rewritten = { ...error, message: limit.message, extensions: { ...error.extensions, ...limit.extensions } };
      response.http.status = limit.status;
      for (const [name, value] of Object.entries(limit.headers)) response.http.headers.set(name, value);
    }
    if (!privileged && SUGGESTION.test(rewritten.message)) rewritten = { ...rewritten, message: stripSuggestions(rewritten.message) };
    errors.push(rewritten);
  });
  response.body.singleResult = { ...response.body.singleResult, errors };
}
