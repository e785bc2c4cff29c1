import { randomUUID } from 'node:crypto';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { logger } from './observability/logger';
import { GatewayError, InputError } from './errors';
import { PlatformError } from './platform-errors';

/** Codes produced by GraphQL/Apollo themselves that are safe to show as they are. */
const PUBLIC_CODES = new Set<string>([
  PlatformError.GRAPHQL_PARSE_FAILED,
  PlatformError.GRAPHQL_VALIDATION_FAILED,
  PlatformError.BAD_USER_INPUT,
  PlatformError.PERSISTED_QUERY_NOT_FOUND,
  PlatformError.PERSISTED_QUERY_NOT_SUPPORTED,
  PlatformError.OPERATION_RESOLUTION_FAILURE,
  PlatformError.BAD_REQUEST,
]);

/**
 * The single place where errors become what a client sees: gateway errors keep
 * their code and details, class-validator failures become field violations,
 * anything unexpected is masked with a correlation id and logged in full.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = rootCause(error);
  if (original instanceof GatewayError) {
    // `http` tells Apollo the status code; it is not for the body.
    const { http: _status, ...extensions } = original.extensions;
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  if (original instanceof ArgumentValidationError) {
    const violations = original.extensions.validationErrors as { property: string; constraints?: Record<string, string>; children?: unknown[] }[];
    const input = new InputError(
      violations.flatMap((v) =>
        Object.values(v.constraints ?? { invalid: 'is invalid' }).map((message) => ({ field: v.property, code: PlatformError.INVALID_PARAMETER, message })),
      ),
      PlatformError.INVALID_PARAMETER,
    );
    return { message: input.message, path: formatted.path, locations: formatted.locations, extensions: { ...input.extensions } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && PUBLIC_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return maskedError(original, formatted.path);
}

/**
 * The error that started it all: graphql-js and Apollo wrap what a resolver,
 * the executor or a plugin threw (with or without a path), and the log must
 * hold the driver's `ECONNREFUSED`, not the wrapper's stack.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && !(current instanceof GatewayError)) current = current.originalError;
  return current;
}

/** An internal error as a client sees it: no message, no stack; the cause is logged under the correlation id. */
export function maskedError(cause: unknown, path?: GraphQLFormattedError['path']): GraphQLFormattedError {
  const correlationId = randomUUID();
  logger.error({ correlationId, err: describeError(cause) }, 'internal error (masked for the client)');
  return { message: 'Internal server error', ...(path ? { path } : {}), extensions: { code: PlatformError.INTERNAL_SERVER_ERROR, correlationId } };
}

/**
 * An error as a plain object for the log: name, message, driver code, stack and
 * its cause chain. Done here rather than by pino's serializer, which skips
 * errors it does not recognise (another realm's, or a driver's plain objects).
 */
function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const { name, message, stack, code, errno, cause } = error as Error & { code?: unknown; errno?: unknown; cause?: unknown };
  return {
    type: name ?? error.constructor?.name,
    message: message === undefined ? String(error) : String(message),
    ...(code !== undefined ? { code } : {}),
    ...(errno !== undefined ? { errno } : {}),
    ...(stack ? { stack } : {}),
    ...(cause && depth < 3 ? { cause: describeError(cause, depth + 1) } : {}),
  };
}
