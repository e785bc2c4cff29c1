import type { IncomingMessage } from 'node:http';
import {
  ExecutionArgs, getOperationAST, getVariableValues, GraphQLError, GraphQLSchema, parse, specifiedRules, validate, ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { GatewayError } from '../shared/errors';
import { introspectionDisabled, seesSchema, stripSuggestions, tokenLimitError } from './apollo-plugin';
import { fragmentsOf, operationCost, selectsIntrospection } from './document-analysis';
import { LimitError, overLimit } from './limit-error';
import { ClientRateLimiter } from './rate-limiter';

export interface WebSocketContext {
  extra: { viewer?: Viewer; request?: IncomingMessage };
}

export type OnSubscribe = (ctx: WebSocketContext, id: string, payload: SubscribePayload) => Promise<ExecutionArgs | readonly GraphQLError[]>;

/**
 * graphql-ws `onSubscribe`: the same limits as over HTTP for every operation
 * sent on a socket — rate (per token subject), document size, parser token
 * cap, graphql's rules plus the limit rules, introspection, cost — before it
 * runs. Returns the execution arguments, or the errors graphql-ws sends back
 * in an `error` message (each with extensions.code).
 */
export function websocketLimits(config: Config, schema: GraphQLSchema, rateLimiter: ClientRateLimiter, limitRules: ValidationRule[]): OnSubscribe {
  const { limits } = config;
  const rules = [...specifiedRules, ...limitRules];
  return async (ctx, _id, payload) => {
    const viewer = ctx.extra.viewer ?? null;
    const privileged = seesSchema(config, viewer);
    const refuse = (code: string, message: string) => [new GatewayError(code, privileged ? message : stripSuggestions(message))];
    try {
      await rateLimiter.consume(viewer ? `subject:${viewer.subject}` : `address:${ctx.extra.request?.socket.remoteAddress ?? 'unknown'}`);
    } catch (error) {
      if (error instanceof LimitError) return [error];
      throw error;
    }

    const { query, operationName, variables } = payload;
    if (typeof query !== 'string' || query === '') return refuse('BAD_REQUEST', 'The operation must have a non-empty `query`.');
    const bytes = Buffer.byteLength(query, 'utf8');
    if (bytes > limits.maxDocumentBytes) return [overLimit('DOCUMENT_TOO_LARGE', 'The GraphQL document size in bytes', bytes, limits.maxDocumentBytes)];

    let document;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      return [tokenLimitError((error as Error).message) ?? refuse('GRAPHQL_PARSE_FAILED', (error as Error).message)[0]];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      return invalid.map((error) => (error instanceof LimitError ? error : refuse('GRAPHQL_VALIDATION_FAILED', error.message)[0]));
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return refuse('OPERATION_RESOLUTION_FAILURE', 'Unable to identify the operation to run: give a valid `operationName`.');
    const fragments = fragmentsOf(document);
    if (!privileged && selectsIntrospection(operation, fragments)) return [introspectionDisabled()];
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 10 });
    if (coerced.errors) return coerced.errors.map((error) => refuse('BAD_USER_INPUT', error.message)[0]);
    const cost = operationCost(schema, operation, fragments, coerced.coerced, config.maxPageSize);
    if (cost > limits.maxCost) return [overLimit('QUERY_TOO_COMPLEX', 'The estimated query cost', cost, limits.maxCost)];

    return { schema, document, operationName, variableValues: variables };
  };
}
