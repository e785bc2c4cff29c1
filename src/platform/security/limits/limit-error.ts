import { GatewayError } from '../../errors';
import { PlatformError } from '../../platform-errors';

/** Stable codes of requests refused by an abuse limit, with the HTTP status each answers. */
export const LIMIT_STATUS = {
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COMPLEX: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_ROOT_FIELDS: 400,
  TOO_MANY_OPERATIONS: 400,
  DOCUMENT_TOO_LARGE: 413,
  REQUEST_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  TOO_MANY_SUBSCRIPTIONS: 429,
  EXECUTION_TIMEOUT: 503,
  INTROSPECTION_DISABLED: 403,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
} as const;

export type LimitCode = keyof typeof LIMIT_STATUS;

/**
 * A request refused by a limit. The HTTP status (and headers such as
 * Retry-After) ride on the instance, not in `extensions`, so they never show
 * in the response body; the limits plugin applies them to the response.
 */
export class LimitError extends GatewayError {
  readonly status: number;

  constructor(
    code: LimitCode,
    message: string,
    extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, extensions);
    this.status = LIMIT_STATUS[code];
  }
}

/** `limit` and `actual` are the same two extension keys on every over-the-limit error. */
export function overLimit(code: LimitCode, what: string, actual: number, limit: number): LimitError {
  return new LimitError(code, `${what} is ${actual}, over the limit of ${limit}.`, { limit, actual });
}

export function executionTimeout(limitMs: number): LimitError {
  return new LimitError(PlatformError.EXECUTION_TIMEOUT, `The operation ran longer than ${limitMs} ms and was stopped.`, { limit: limitMs });
}
