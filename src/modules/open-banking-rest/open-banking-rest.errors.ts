import { codesOf } from '../../platform/error-codes';

/**
 * Every `code` of the REST facade's `ResponseError` (docs/data-receivers.md › Open Banking, `npm run docs:errors`),
 * with its status and the response of the YAML's `components/responses` it is (the spec leaves `code` free: these are
 * the gateway's, the same as its GraphQL codes where both say the same thing).
 */
export const OPEN_BANKING_REST_ERRORS = {
  INVALID_PARAMETER:
    '400 `BadRequest`: a query parameter other than `page`/`page-size` (2.x: also `pagination-key`), repeated, not an integer in range (`page=0`, `page=abc`, `page-size=1001`), a page past the last; 2.x answers a `page-size` over 1000 on a list path 422 `UnprocessableEntity`',
  INVALID_HEADER:
    '400 `BadRequest`: a header outside its rule: `authorization` over 2048 characters, `x-fapi-auth-date` not an RFC 7231 date, `x-fapi-customer-ip-address` or `x-customer-user-agent` not 1 to 100 characters',
  INVALID_INTERACTION_ID: '400 `BadRequest`: `x-fapi-interaction-id` outside its pattern (2.x: also absent); the answer carries a generated one',
  UNAUTHENTICATED:
    "401 `Unauthorized`: no token, an invalid or expired one; a consent that is unknown, granted to another receiver, or for another customer than the token's claim; a consent `AWAITING_AUTHORISATION`, `REJECTED` (revoked) or expired — at once, on every instance",
  FORBIDDEN:
    "403 `Forbidden`: the consent lacks the path's permission; the token is not bound to a customer of the path's kind (a business consent on a personal path, partner or analyst tokens)",
  NOT_FOUND:
    "404 `NotFound`: an unknown path under the version's prefix; the consent's customer has no record (or no qualification / financial relation) at this institution",
  ALPHANUMERIC_CNPJ: "404 `NotFound`, v1 business paths: the consent's company has an alphanumeric CNPJ, which 1.0.3 cannot carry (read it through v2; below)",
  METHOD_NOT_ALLOWED: '405 `MethodNotAllowed`: any method but `GET` on the six paths and `openapi.yaml` (`Allow: GET`)',
  NOT_ACCEPTABLE: '406 `NotAcceptable`: an `Accept` header that excludes `application/json` (`*/*`, `application/*` or none are fine)',
  TOO_MANY_REQUESTS: '429 `TooManyRequests`: the rate limit (the one GraphQL has, counted per token subject, else per address), with `Retry-After`',
  INTERNAL_SERVER_ERROR: '500 `InternalServerError`: masked, the detail carries only a correlation id, under which the cause is logged',
  EXECUTION_TIMEOUT: 'the operation ran past `EXECUTION_TIMEOUT_MS`: 500 on v1 (which declares no 504), 504 `GatewayTimeout` on 2.x',
} as const;

export const OPEN_BANKING_REST_ERROR_TABLES = { 'open-banking-rest': OPEN_BANKING_REST_ERRORS };

/** The typed codes: `OpenBankingError.NOT_FOUND`. */
export const OpenBankingError = codesOf(OPEN_BANKING_REST_ERRORS);
export type OpenBankingErrorCode = keyof typeof OpenBankingError;
