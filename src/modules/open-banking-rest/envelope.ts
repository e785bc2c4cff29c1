import type { GraphQLFormattedError } from 'graphql';
import { OpenBankingError, OpenBankingErrorCode } from './open-banking-rest.errors';
import { PlatformError } from '../../platform/platform-errors';

/**
 * The Customers API v1.0.3 bodies: `{ data, links, meta }` for a 200 and
 * `ResponseError` (`{ errors: [{ code, title, detail }], meta }`) for every
 * error, with the spec's statuses. Nothing GraphQL-shaped leaves these paths.
 */

export interface Meta {
  totalRecords: number;
  totalPages: number;
  requestDateTime: string;
}

export interface Links {
  self: string;
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
}

export interface RestError {
  status: number;
  /** An OpenBankingError, or the code of a deliberate gateway error the pipeline answered (`fromPipeline`). */
  code: string;
  detail: string;
  headers?: Record<string, string>;
}

/** RFC 3339 UTC without milliseconds: the spec's `YYYY-MM-DDTHH:mm:ssZ` (at most 20 characters). */
export function requestDateTime(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The titles of the spec's error responses (components/responses). */
const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  504: 'Gateway timeout',
};

export function errorBody(error: RestError, now = new Date()) {
  return {
    errors: [{ code: error.code.slice(0, 255), title: TITLES[error.status] ?? TITLES[500], detail: error.detail.slice(0, 2048) }],
    meta: { totalRecords: 0, totalPages: 0, requestDateTime: requestDateTime(now) },
  };
}

export const badRequest = (code: OpenBankingErrorCode, detail: string): RestError => ({ status: 400, code, detail });

/**
 * A refusal of the operation pipeline (admission, authorization, limits,
 * masking) as the spec's status: the pipeline's `extensions.code` decides.
 * Anything the spec has no status for is a 500: a deliberate gateway error
 * (an execution timeout) with its code and message, an unexpected failure
 * (masked by the pipeline) with only its correlation id.
 */
/** What a version maps beyond v1: the status of the execution deadline (v1 declares no 504: 500). */
export interface StatusOptions {
  timeout: 500 | 504;
}

export function fromPipeline(errors: readonly GraphQLFormattedError[], statuses: StatusOptions = { timeout: 500 }): RestError {
  const first = errors[0];
  const extensions = (first?.extensions ?? {}) as Record<string, unknown>;
  const code = String(extensions.code ?? OpenBankingError.INTERNAL_SERVER_ERROR);
  switch (code) {
    case OpenBankingError.UNAUTHENTICATED:
      return { status: 401, code, detail: first.message };
    case OpenBankingError.FORBIDDEN:
    case PlatformError.INTROSPECTION_DISABLED:
      return { status: 403, code: OpenBankingError.FORBIDDEN, detail: first.message };
    case OpenBankingError.ALPHANUMERIC_CNPJ:
      return { status: 404, code, detail: first.message };
    case OpenBankingError.TOO_MANY_REQUESTS: {
      const retryAfter = Number(extensions.retryAfterSeconds);
      return { status: 429, code, detail: first.message, headers: Number.isFinite(retryAfter) ? { 'retry-after': String(retryAfter) } : {} };
    }
    default: {
      // Masked by the pipeline (unexpected): only its correlation id. Otherwise a gateway error whose message is public (e.g. EXECUTION_TIMEOUT).
      if (typeof extensions.correlationId === 'string' || !first) {
        const correlationId = typeof extensions.correlationId === 'string' ? ` (correlation id ${extensions.correlationId})` : '';
        return { status: 500, code: OpenBankingError.INTERNAL_SERVER_ERROR, detail: `Internal server error${correlationId}.` };
      }
      return { status: code === OpenBankingError.EXECUTION_TIMEOUT ? statuses.timeout : 500, code, detail: first.message };
    }
  }
}

/** JSON as the spec's data schemas want it: an absent optional field is omitted, never `null` (the spec counts an omitted attribute as null). */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    ) as T;
  }
  return value;
}
