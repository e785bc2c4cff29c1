import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { VerificationKeys } from '../../platform/security/keys';
import { accessOf, authorizeOperation } from '../../platform/security/policies';
import { authenticate, ForbiddenError, Viewer } from '../../platform/security/viewer';
import { LimitError } from '../../platform/security/limits';
import { logger } from '../../platform/observability/logger';
import { OperationPipeline } from '../../platform/graphql/operation-pipeline';
import { NUMERIC_CNPJ_PATTERN } from '../../platform/documents';
import { GatewayError } from '../../platform/errors';
import { INTERACTION_ID_HEADER, INTERACTION_ID_PATTERN } from '../../platform/interaction-id';
import { badRequest, errorBody, StatusOptions, fromPipeline, Links, requestDateTime, RestError, withoutNulls } from './envelope';
import { CustomerKindName, OPENAPI_FILE, OPENAPI_V2_FILE, REST_OPERATIONS, REST_OPERATIONS_V2, RestOperation } from './operations';

/** The official OpenAPI files, served as they are at `<prefix>/openapi.yaml`. */
export { OPENAPI_FILE, OPENAPI_V2_FILE };
import { OpenBankingError } from './open-banking-rest.errors';

/**
 * One version of the Customers API served by the facade: where, from which
 * YAML, with which fixed operations. What differs between versions is here;
 * the request handling below is the same for all (the one pipeline).
 */
export interface RestApiVersion {
  /** Where it is served, as the spec's `servers` say. */
  prefix: string;
  /** The official OpenAPI file, served as it is at `<prefix>/openapi.yaml`. */
  openApiFile: string;
  /** The full version implemented, sent as `x-v` (Open Banking's cross-API standard). */
  apiVersion: string;
  operations: readonly RestOperation[];
  /** A refusal (thrown after admission, before any data is read) when the version cannot represent the bound customer. */
  assertRepresentable(kind: CustomerKindName, document: string): void;
  /** x-fapi-interaction-id: its pattern, and whether a request without one is refused (400) rather than given a generated one. */
  interactionId: { pattern: RegExp; required: boolean };
  /** The status of a page-size above 1000 on a list path: v1.0.3 declares no 422, 2.x marks it unprocessable. */
  pageSizeTooLargeStatus: 400 | 422;
  /** 2.x's `pagination-key` (up to 2048 characters): accepted, not needed (this facade counts no calls per page). */
  paginationKey: boolean;
  /** Statuses the version declares beyond v1's, for pipeline refusals (EXECUTION_TIMEOUT → 504 on 2.x). */
  statuses: StatusOptions;
}

/** Where the Customers API v1 is served, as the spec's `servers` say. */
export const OPEN_BANKING_PREFIX = '/open-banking/customers/v1';

/** Customers API v1.0.3. */
export const OPEN_BANKING_V1: RestApiVersion = {
  prefix: OPEN_BANKING_PREFIX,
  openApiFile: OPENAPI_FILE,
  apiVersion: '1.0.3',
  operations: REST_OPERATIONS,
  interactionId: { pattern: INTERACTION_ID_PATTERN, required: false },
  pageSizeTooLargeStatus: 400,
  paginationKey: false,
  statuses: { timeout: 500 },
  assertRepresentable(kind, document) {
    // v1.0.3's cnpjNumber is ^\d{14}$: a company with an alphanumeric CNPJ has no conforming v1 answer (docs/data-receivers.md › Open Banking).
    if (kind === 'business' && !NUMERIC_CNPJ_PATTERN.test(document)) {
      throw new GatewayError(
        OpenBankingError.ALPHANUMERIC_CNPJ,
        "The consent's company has an alphanumeric CNPJ, which Customers API 1.0.3 cannot carry (^\\d{14}$): " +
          'read it through Customers API v2 (/open-banking/customers/v2).',
      );
    }
  },
};

/** Where Customers API v2 is served. */
export const OPEN_BANKING_V2_PREFIX = '/open-banking/customers/v2';
const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Customers API v2.3.0 (issue 23). The request rules of 2.3.0 are here; its
 * six GET paths are REST_OPERATIONS_V2 (docs/data-receivers.md › Open Banking).
 */
export const OPEN_BANKING_V2: RestApiVersion = {
  prefix: OPEN_BANKING_V2_PREFIX,
  openApiFile: OPENAPI_V2_FILE,
  apiVersion: '2.3.0',
  operations: REST_OPERATIONS_V2,
  // 2.3.0: a UUID, required; absent or invalid → a generated one is returned with a 400.
  interactionId: { pattern: UUID_PATTERN, required: true },
  pageSizeTooLargeStatus: 422,
  paginationKey: true,
  statuses: { timeout: 504 },
  assertRepresentable: () => undefined,
};

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;
const MAX_INT32 = 2 ** 31 - 1;

/** The request headers of the YAML's components/parameters, checked when present. */
const HEADER_RULES: readonly { name: string; valid: (value: string) => boolean; rule: string }[] = [
  { name: 'authorization', valid: (v) => v.length <= 2048, rule: 'at most 2048 characters' },
  {
    name: 'x-fapi-auth-date',
    valid: (v) =>
      v.length === 29 && /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)$/.test(v),
    rule: 'an RFC 7231 date of 29 characters, e.g. "Sun, 10 Sep 2017 19:43:31 UTC"',
  },
  { name: 'x-fapi-customer-ip-address', valid: (v) => v.length >= 1 && v.length <= 100, rule: '1 to 100 characters' },
  { name: 'x-customer-user-agent', valid: (v) => v.length >= 1 && v.length <= 100, rule: '1 to 100 characters' },
];

interface Paging {
  page: number;
  pageSize: number;
  /** Which of the two the request named: `links.self` repeats those, normalized (never the raw request target). */
  given: { page: boolean; pageSize: boolean };
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** For the request's log line: what the REST facade answered, and for whom. */
    rest?: { operation?: string; client?: string; error?: RestError };
  }
}

function sendError(res: Response, error: RestError): void {
  res.locals.rest = { ...res.locals.rest, error };
  res.status(error.status);
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res.type('application/json; charset=utf-8').send(JSON.stringify(errorBody(error)));
}

/**
 * `page` and `page-size` (the YAML's components/parameters; no path of 1.0.3
 * references them, the cross-API standard pages every list): anything else in
 * the query, a repeated or non-integer value, page < 1, page-size outside 1–1000 → 400.
 */
function paging(req: Request, version: RestApiVersion, shape: RestOperation['shape']): Paging | RestError {
  const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const params = new URLSearchParams(search);
  for (const key of new Set(params.keys())) {
    const known = key === 'page' || key === 'page-size' || (version.paginationKey && key === 'pagination-key');
    if (!known)
      return badRequest(
        OpenBankingError.INVALID_PARAMETER,
        `Unknown query parameter "${key}": only page, page-size${version.paginationKey ? ' and pagination-key' : ''} are accepted.`,
      );
    if (params.getAll(key).length > 1) return badRequest(OpenBankingError.INVALID_PARAMETER, `The query parameter ${key} is given more than once.`);
  }
  if ((params.get('pagination-key')?.length ?? 0) > 2048)
    return badRequest(OpenBankingError.INVALID_PARAMETER, 'pagination-key must be at most 2048 characters.');
  const integer = (key: string, fallback: number, max: number): number | RestError => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    const value = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 1 && value <= max))
      return badRequest(OpenBankingError.INVALID_PARAMETER, `${key} must be an integer from 1 to ${max}, got "${raw.slice(0, 50)}".`);
    return value;
  };
  const page = integer('page', 1, MAX_INT32);
  if (typeof page !== 'number') return page;
  const pageSize = integer('page-size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof pageSize !== 'number') {
    // Above the maximum (a well-formed integer): 2.x calls it unprocessable (422).
    const raw = params.get('page-size')!;
    // 2.x declares 422 (and page parameters) only on the list paths.
    return /^\d{1,10}$/.test(raw) && Number(raw) > MAX_PAGE_SIZE && shape === 'list' ? { ...pageSize, status: version.pageSizeTooLargeStatus } : pageSize;
  }
  return { page, pageSize, given: { page: params.has('page'), pageSize: params.has('page-size') } };
}

function invalidHeader(req: Request): RestError | null {
  for (const { name, valid, rule } of HEADER_RULES) {
    const value = req.headers[name];
    if (value !== undefined && (typeof value !== 'string' || !valid(value)))
      return badRequest(OpenBankingError.INVALID_HEADER, `The header ${name} must be ${rule}.`);
  }
  return null;
}

/** The key of a REST route in the authorization table (src/platform/security/policies.ts OPERATIONS). */
export function restRouteKey(path: string, method = 'GET', prefix = OPEN_BANKING_PREFIX): string {
  return `${method} ${prefix}${path}`;
}

/** The REST paths have no customer parameter: the customer is the one the admitted token's consent is bound to. */
function boundDocument(viewer: Viewer | null, kind: CustomerKindName): string {
  const document = kind === 'personal' ? viewer?.boundCustomer?.cpf : viewer?.boundCustomer?.cnpj;
  if (!document) {
    throw new ForbiddenError(
      kind === 'personal'
        ? 'The token is not bound to a natural person (CPF): the personal endpoints need a consent for one.'
        : 'The token is not bound to a company (CNPJ): the business endpoints need a consent for one.',
    );
  }
  return document;
}

/** The block item an object endpoint answers: the one updated last (the read model keeps one per customer). */
function latest(items: Record<string, unknown>[]): Record<string, unknown> {
  return items.reduce((a, b) => (String(b.updateDateTime ?? '') > String(a.updateDateTime ?? '') ? b : a));
}

/**
 * One version of the Open Banking Customers API (`version`; v1.0.3 under
 * /open-banking/customers/v1 by default): each of the six GET paths runs its fixed GraphQL operation
 * (src/modules/open-banking-rest/operations.ts) through the operation pipeline, as transport
 * `rest` — the same rate limit, consent admission, authorization, limits,
 * audit trail, metrics, logs and error masking as GraphQL — and answers the
 * YAML's envelope or its `ResponseError`. Mount before the routes that
 * answer GraphQL-shaped errors.
 */
export function openBankingRoutes(pipeline: OperationPipeline, keys: VerificationKeys, baseUrl: () => string, version = OPEN_BANKING_V1): express.Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const openApi = readFileSync(version.openApiFile);
  // Like the schema's root fields: a route without an authorization declaration stops the gateway from starting.
  const routeKey = (path: string) => restRouteKey(path, 'GET', version.prefix);
  const undeclared = ['/openapi.yaml', ...version.operations.map((operation) => operation.path)].filter((path) => !accessOf(routeKey(path)));
  if (undeclared.length)
    throw new Error(`No authorization declared (src/platform/security/policies.ts OPERATIONS) for: ${undeclared.map(routeKey).join(', ')}`);
  // Derived documents (operations.ts) are built now: a schema the YAML does not fit stops the start, not a request.
  for (const operation of version.operations) void operation.document;

  const interaction: RequestHandler = (req, res, next) => {
    const given = req.headers[INTERACTION_ID_HEADER];
    // openapi.yaml is no resource of the API: a client fetching it needs no interaction id.
    const { pattern } = version.interactionId;
    const required = version.interactionId.required && req.path !== '/openapi.yaml';
    const valid = given === undefined ? !required : typeof given === 'string' && pattern.test(given);
    req.interactionId = valid && typeof given === 'string' ? given : randomUUID();
    res.setHeader(INTERACTION_ID_HEADER, req.interactionId);
    res.setHeader('x-v', version.apiVersion);
    res.once('finish', () => logLine(req, res, version.prefix));
    if (!valid)
      return sendError(
        res,
        badRequest(
          OpenBankingError.INVALID_INTERACTION_ID,
          `The header ${INTERACTION_ID_HEADER} ${required ? 'is required and ' : ''}must match ${pattern.source}.`,
        ),
      );
    next();
  };

  const getOnly =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) => {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendError(res, { status: 405, code: OpenBankingError.METHOD_NOT_ALLOWED, detail: `${req.method.slice(0, 20)} is not allowed here: only GET.` });
      }
      return handler(req, res, next);
    };

  const endpoint =
    (operation: RestOperation): RequestHandler =>
    async (req, res) => {
      res.locals.rest = { operation: operation.operationName };
      if (!req.accepts('application/json'))
        return sendError(res, {
          status: 406,
          code: OpenBankingError.NOT_ACCEPTABLE,
          detail: 'The response is application/json; the Accept header excludes it.',
        });
      const header = invalidHeader(req);
      if (header) return sendError(res, header);
      const page = paging(req, version, operation.shape);
      if ('status' in page) return sendError(res, page);
      // An object is the one record of its response: there is no page after the first.
      if (operation.shape === 'object' && page.page > 1)
        return sendError(res, badRequest(OpenBankingError.INVALID_PARAMETER, `page ${page.page} is past the last page (1).`));

      const clientAddress = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      let viewer: Viewer | null;
      try {
        viewer = await authenticate(req.headers.authorization, keys);
      } catch (error) {
        viewer = null;
        res.locals.rest.error = { status: 401, code: OpenBankingError.UNAUTHENTICATED, detail: (error as Error).message };
      }
      if (!viewer) {
        // Counted against the address, as /graphql counts a request without a valid token.
        try {
          await pipeline.limits.admit(null, clientAddress);
        } catch (error) {
          if (error instanceof LimitError) return sendError(res, fromPipeline([{ message: error.message, extensions: error.extensions }], version.statuses));
          throw error;
        }
        return sendError(
          res,
          res.locals.rest.error ?? { status: 401, code: OpenBankingError.UNAUTHENTICATED, detail: 'A bearer token bound to a consent is required.' },
        );
      }
      res.locals.rest.client = viewer.subject;

      const context = pipeline.context(viewer, { transport: 'rest', interactionId: req.interactionId!, clientAddress });
      const outcome = await pipeline.run({ query: operation.document, operationName: operation.operationName }, context, (admitted) => {
        // The route's own declaration (src/platform/security/policies.ts), then the GraphQL operation's inside the pipeline.
        authorizeOperation(routeKey(operation.path), admitted);
        const document = boundDocument(admitted, operation.kind);
        version.assertRepresentable(operation.kind, document);
        return { document };
      });
      if (outcome.kind === 'refused') return sendError(res, fromPipeline(outcome.errors, version.statuses));
      if (outcome.kind !== 'result') return sendError(res, fromPipeline([], version.statuses));
      const { data, errors } = outcome.result;
      if (errors?.length) return sendError(res, fromPipeline(errors, version.statuses));
      const customer = (data as { customer?: Record<string, unknown> | null } | undefined)?.customer;
      if (!customer)
        return sendError(res, { status: 404, code: OpenBankingError.NOT_FOUND, detail: "The consent's customer has no record at this institution." });
      const items = (customer[operation.block] ?? []) as Record<string, unknown>[];

      // Links are PUBLIC_BASE_URL + the route's own path + its normalized parameters: nothing of the raw request
      // target (an absolute-form `GET http://evil.example/…`, odd encodings, other parameters) ever reaches one.
      const routePath = `${baseUrl()}${version.prefix}${operation.path}`;
      const selfQuery = [page.given.page ? `page=${page.page}` : '', page.given.pageSize ? `page-size=${page.pageSize}` : ''].filter(Boolean).join('&');
      const self = selfQuery ? `${routePath}?${selfQuery}` : routePath;
      if (operation.shape === 'object') {
        if (items.length === 0)
          return sendError(res, { status: 404, code: OpenBankingError.NOT_FOUND, detail: `The customer has no ${operation.block} record.` });
        return sendData(res, withoutNulls(latest(items)), { self }, 1, 1);
      }
      const totalPages = Math.ceil(items.length / page.pageSize);
      if (page.page > Math.max(totalPages, 1))
        return sendError(res, badRequest(OpenBankingError.INVALID_PARAMETER, `page ${page.page} is past the last page (${Math.max(totalPages, 1)}).`));
      const at = (n: number) => `${routePath}?page=${n}&page-size=${page.pageSize}`;
      // The spec's Links: first and prev unless this is the first page, next and last unless it is the last.
      const links: Links = { self };
      if (page.page > 1) Object.assign(links, { first: at(1), prev: at(page.page - 1) });
      if (page.page < totalPages) Object.assign(links, { next: at(page.page + 1), last: at(totalPages) });
      const slice = items.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
      return sendData(res, withoutNulls(slice), links, items.length, totalPages);
    };

  router.use(interaction);
  router.all(
    '/openapi.yaml',
    getOnly((_req, res) => {
      res.type('application/yaml').send(openApi);
    }),
  );
  for (const operation of version.operations) router.all(operation.path, getOnly(endpoint(operation)));
  router.use((req, res) =>
    sendError(res, { status: 404, code: OpenBankingError.NOT_FOUND, detail: `No resource at ${version.prefix}${req.path.slice(0, 200)}.` }),
  );
  const failed: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) return void res.end();
    const correlationId = randomUUID();
    logger.error(
      { correlationId, interactionId: req.interactionId, err: error, path: req.path },
      'internal error on the Open Banking REST API (masked for the client)',
    );
    sendError(res, { status: 500, code: OpenBankingError.INTERNAL_SERVER_ERROR, detail: `Internal server error (correlation id ${correlationId}).` });
  };
  router.use(failed);
  return router;
}

function sendData(res: Response, data: unknown, links: Links, totalRecords: number, totalPages: number): void {
  res.status(200).json({ data, links, meta: { totalRecords, totalPages, requestDateTime: requestDateTime() } });
}

/**
 * One log line per REST request, with the Open Banking headers the audit
 * log has no column for (x-fapi-auth-date, x-fapi-customer-ip-address,
 * x-customer-user-agent); the operation's own line and audit entries carry
 * the same interaction id.
 */
function logLine(req: Request, res: Response, prefix: string): void {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string).slice(0, 100) : undefined);
  const rest = res.locals.rest ?? {};
  logger.info(
    {
      transport: 'rest',
      interactionId: req.interactionId,
      method: req.method,
      path: `${prefix}${req.path}`.slice(0, 300),
      status: res.statusCode,
      operation: rest.operation,
      client: rest.client ?? 'anonymous',
      error: rest.error ? { code: rest.error.code, detail: rest.error.status === 500 ? rest.error.detail : undefined } : undefined,
      fapiAuthDate: header('x-fapi-auth-date'),
      fapiCustomerIpAddress: header('x-fapi-customer-ip-address'),
      customerUserAgent: header('x-customer-user-agent'),
    },
    'rest request',
  );
}
