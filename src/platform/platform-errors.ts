import { codesOf, ErrorCatalog } from './error-codes';
import type { LimitCode } from './security/limits/limit-error';

/** The limits' codes (src/platform/security/limits; README › Abuse limits has the variables). */
const LIMIT_ERRORS: Record<LimitCode, string> = {
  QUERY_TOO_DEEP: 'the document nests deeper than `MAX_QUERY_DEPTH` (400; `limit`, `actual`)',
  QUERY_TOO_COMPLEX: 'the cost (pages count `first` times) is over `MAX_QUERY_COST` (400; `limit`, `actual`)',
  TOO_MANY_ALIASES: 'more aliases than `MAX_ALIASES` (400)',
  TOO_MANY_ROOT_FIELDS: 'more root fields than `MAX_ROOT_FIELDS` (400)',
  TOO_MANY_OPERATIONS: 'more operations in one document than `MAX_OPERATIONS_PER_DOCUMENT` (400)',
  DOCUMENT_TOO_LARGE: 'the document is over `MAX_DOCUMENT_BYTES` or `MAX_QUERY_TOKENS` (413)',
  REQUEST_TOO_LARGE: 'the body is over `MAX_REQUEST_BYTES` (413)',
  TOO_MANY_REQUESTS: 'the rate limit: over `RATE_LIMIT_POINTS` per window (429, `Retry-After`)',
  TOO_MANY_SUBSCRIPTIONS: 'more open subscriptions than allowed per connection or per token subject',
  EXECUTION_TIMEOUT: 'the operation ran past `EXECUTION_TIMEOUT_MS` (503)',
  INTROSPECTION_DISABLED: 'introspection by a non-analyst outside development (403)',
  INVALID_JSON: 'a body that is not JSON (400)',
  UNSUPPORTED_MEDIA_TYPE: 'a charset or content encoding the gateway does not read (415)',
  BAD_REQUEST: 'a wrong content type, method or request envelope (400)',
};

/**
 * Every `extensions.code` the platform itself produces, whatever the module: authentication, the pipeline,
 * the limits, the generic input rules (each module's table says where they apply to its inputs). Metrics label
 * these as themselves; the README's table "Codes every operation can get" is rendered from it.
 */
export const PLATFORM_ERRORS = {
  UNAUTHENTICATED: 'no token, or a token that is invalid, expired, revoked or bound to a consent that is not usable (401)',
  FORBIDDEN: 'the token lacks the scope, role or consent permission the operation needs',
  INTERNAL_SERVER_ERROR: 'anything unexpected: masked, with a correlation id to quote (the log has the cause)',
  GRAPHQL_PARSE_FAILED: 'the document is not GraphQL',
  GRAPHQL_VALIDATION_FAILED: 'the document does not fit the schema (also: introspection that fans out)',
  BAD_USER_INPUT: 'a variable or argument of the wrong type',
  OPERATION_RESOLUTION_FAILURE: 'the operation to run cannot be told (several operations and no `operationName`, or an unknown one)',
  PERSISTED_QUERY_NOT_FOUND: 'an automatic persisted query hash the gateway does not know (send the document with it)',
  PERSISTED_QUERY_NOT_SUPPORTED: 'automatic persisted queries are off',
  PERSISTED_QUERY_NOT_ALLOWED: '`PERSISTED_OPERATIONS=allowlist`: a document not in the manifest',
  SUBSCRIPTION_REQUIRES_WEBSOCKET: 'a subscription sent over HTTP: subscriptions are served over WebSocket (graphql-ws)',
  ...LIMIT_ERRORS,
  INVALID_PARAMETER: 'several field errors at once: each is in `extensions.fields`',
  REQUIRED: 'a required field is empty',
  TOO_LONG: 'a text over its length',
  INVALID_FORMAT: 'a value of the wrong format',
  INVALID_CHARACTERS: 'a free text breaking the one text rule (see *Errors a partner can get*)',
  INVALID_DATE: 'not a real `YYYY-MM-DD` date',
  INVALID_CPF: 'not 11 digits with valid check digits',
  INVALID_CNPJ: 'not a valid CNPJ (14 characters, valid check digits)',
  INVALID_CURSOR: '`after` is not a cursor this API issued',
  PAGE_SIZE_TOO_LARGE: '`first` over `MAX_PAGE_SIZE`',
  INVALID_INTERACTION_ID: 'an `x-fapi-interaction-id` header that does not match its pattern (400)',
  NOT_FOUND: 'no such path (404; REST: also no record at it)',
  TOO_MANY_FILES: 'a multipart request with more than one file (413)',
} as const satisfies ErrorCatalog;

export const PLATFORM_ERROR_TABLES = { platform: PLATFORM_ERRORS };

/** The typed codes: `PlatformError.UNAUTHENTICATED`, for the platform's throw sites and any module's use of a platform code. */
export const PlatformError = codesOf(PLATFORM_ERRORS);
export type PlatformErrorCode = keyof typeof PlatformError;
