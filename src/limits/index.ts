import type { IncomingMessage } from 'node:http';
import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import { VerificationKeys } from '../auth/keys';
import { authenticateRequest } from '../auth/viewer';
import { Config } from '../config';
import { GatewayContext } from '../shared/context';
import { limitsPlugin } from './apollo-plugin';
import { httpLimits, HttpLimits } from './http';
import { createRateLimiter } from './rate-limiter';
import { limitValidationRules } from './validation-rules';
import { OnSubscribe, websocketLimits } from './websocket';

/**
 * Abuse limits (config.limits), wired in src/server.ts:
 * - `http`: Express middleware on /graphql — rate limit per token subject or
 *   client address (429 TOO_MANY_REQUESTS + Retry-After), document size
 *   (DOCUMENT_TOO_LARGE), and JSON errors for malformed bodies (INVALID_JSON,
 *   REQUEST_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE);
 * - `parseOptions`, `validationRules`, `plugin`: Apollo — parser token cap,
 *   QUERY_TOO_DEEP / TOO_MANY_ALIASES / TOO_MANY_ROOT_FIELDS / TOO_MANY_OPERATIONS,
 *   QUERY_TOO_COMPLEX, INTROSPECTION_DISABLED, EXECUTION_TIMEOUT, and
 *   "Did you mean" suggestions only for analysts (or everyone in development);
 * - `onSubscribe`: the same checks for operations sent over graphql-ws.
 * All of them refuse a request before any resolver, so before any SQL.
 */
export interface Limits {
  http: HttpLimits;
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugin: ApolloServerPlugin<GatewayContext>;
  onSubscribe: OnSubscribe;
}

export function createLimits(config: Config, schema: GraphQLSchema, keys: VerificationKeys): Limits {
  const rateLimiter = createRateLimiter(config.limits.rateLimit, config.redisUrl, config.redisPrefix);
  const validationRules = limitValidationRules(config.limits);
  // The rate limit runs before Apollo: it reads the token subject itself (an invalid token counts against the address).
  const subjectOf = async (request: IncomingMessage) => (await authenticateRequest(request, keys))?.subject ?? null;
  return {
    http: httpLimits(config.limits, rateLimiter, subjectOf),
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules,
    plugin: limitsPlugin(config, rateLimiter),
    onSubscribe: websocketLimits(config, schema, rateLimiter, validationRules),
  };
}

export { LimitError, LIMIT_STATUS } from './limit-error';
export type { LimitCode } from './limit-error';
export type { LimitsConfig } from './limits.config';
