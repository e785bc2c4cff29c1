import { ApolloServerPlugin } from '@apollo/server';
import { ParseOptions, ValidationRule } from 'graphql';
import { Viewer } from '../viewer';
import { Config } from '../../config';
import { GatewayContext } from '../../graphql/context';
import { limitsPlugin } from './apollo-plugin';
import { httpLimits, HttpLimits } from './http';
import { createRateLimiter } from './rate-limiter';
import { LimitError, overLimit } from './limit-error';
import { limitValidationRules } from './validation-rules';
import { PlatformError } from '../../platform-errors';

/**
 * Abuse limits (config.limits), wired in src/server.ts:
 * - `http`: Express middleware on /graphql — rate limit per token subject or
 *   client address (429 TOO_MANY_REQUESTS + Retry-After), document size
 *   (DOCUMENT_TOO_LARGE), and JSON errors for malformed bodies (INVALID_JSON,
 *   REQUEST_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE);
 * - `parseOptions`, `validationRules`, `plugin`: Apollo — graphql's parser token cap,
 *   QUERY_TOO_DEEP / TOO_MANY_ALIASES (graphql-armor's rules) / TOO_MANY_ROOT_FIELDS / TOO_MANY_OPERATIONS,
 *   QUERY_TOO_COMPLEX, INTROSPECTION_DISABLED, EXECUTION_TIMEOUT, and
 *   "Did you mean" suggestions only for analysts (or everyone in development);
 * - `admit` and `documentTooLarge`: what every transport checks before handing
 *   an operation to the pipeline (src/platform/graphql), HTTP before it even reads the body.
 * All of them refuse a request before any resolver, so before any SQL.
 */
export interface Limits {
  http: HttpLimits;
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Counts one operation of this client (token subject, else address); throws TOO_MANY_REQUESTS past the limit. */
  admit(viewer: Viewer | null, clientAddress: string): Promise<void>;
  /** DOCUMENT_TOO_LARGE for a `query` text over MAX_DOCUMENT_BYTES. */
  documentTooLarge(query: unknown): LimitError | undefined;
}

export function createLimits(config: Config): Limits {
  const rateLimiter = createRateLimiter(config.limits.rateLimit, config.redisUrl, config.redisPrefix);
  const admit = (viewer: Viewer | null, clientAddress: string) => rateLimiter.consume(viewer ? `subject:${viewer.subject}` : `address:${clientAddress}`);
  const documentTooLarge = (query: unknown) => {
    if (typeof query !== 'string') return undefined;
    const bytes = Buffer.byteLength(query, 'utf8');
    return bytes > config.limits.maxDocumentBytes
      ? overLimit(PlatformError.DOCUMENT_TOO_LARGE, 'The GraphQL document size in bytes', bytes, config.limits.maxDocumentBytes)
      : undefined;
  };
  return {
    http: httpLimits(config.limits, admit, documentTooLarge),
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: limitValidationRules(config.limits),
    plugin: limitsPlugin(config, rateLimiter),
    admit,
    documentTooLarge,
  };
}

export { LimitError, LIMIT_STATUS } from './limit-error';
export type { LimitCode } from './limit-error';
export type { LimitsConfig } from './limits.config';
