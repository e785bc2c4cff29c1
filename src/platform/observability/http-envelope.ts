import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { INTERACTION_ID_HEADER, INTERACTION_ID_PATTERN } from '../interaction-id';
import { logger } from './logger';
import { PlatformError } from '../platform-errors';

/**
 * The HTTP envelope around every route: whatever answers an error — Apollo's
 * own HTTP checks (405, CSRF, missing body, batching, a token refused while
 * building the context), the /graphql limits, Express — the body's
 * `errors[].extensions.interactionId` equals the `x-fapi-interaction-id`
 * response header. Unknown paths and errors outside /graphql answer JSON, not
 * Express's HTML page.
 */

/** The request's interaction id: the one /graphql validated, else a valid one the client sent, else a new one (also set on the response). */
export function responseInteractionId(req: Request, res: Response): string {
  const current = res.getHeader(INTERACTION_ID_HEADER);
  if (typeof current === 'string') return current;
  const given = req.headers[INTERACTION_ID_HEADER];
  const id = req.interactionId ?? (typeof given === 'string' && INTERACTION_ID_PATTERN.test(given) ? given : randomUUID());
  req.interactionId ??= id;
  if (!res.headersSent) res.setHeader(INTERACTION_ID_HEADER, id);
  return id;
}

function withInteractionId(body: string, id: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const errors = (parsed as { errors?: unknown })?.errors;
  if (!Array.isArray(errors) || errors.every((e) => (e as { extensions?: { interactionId?: unknown } })?.extensions?.interactionId === id)) return null;
  for (const error of errors) {
    if (!error || typeof error !== 'object') continue;
    const extensions = ((error as { extensions?: Record<string, unknown> }).extensions ??= {});
    extensions.interactionId = id;
  }
  return JSON.stringify(parsed);
}

/**
 * Mount first: an error response (status ≥ 400) whose JSON body has `errors`
 * gets the interaction id in each error's extensions. Successful responses and
 * partial results (200) are not inspected, so the hot path does not pay for it.
 */
export const interactionIdInErrorBodies: RequestHandler = (req, res, next) => {
  const send = res.send;
  res.send = function sendWithInteractionId(this: Response, body?: unknown) {
    if (res.statusCode >= 400 && (typeof body === 'string' || Buffer.isBuffer(body))) {
      const text = String(body);
      if (text.includes('"errors"')) {
        const patched = withInteractionId(text, responseInteractionId(req, res));
        if (patched !== null) return send.call(this, typeof body === 'string' ? patched : Buffer.from(patched));
      }
    }
    return send.call(this, body);
  } as Response['send'];
  next();
};

/** A GraphQL-shaped JSON error answered outside Apollo, with the interaction id in the body too (and any `headers`, e.g. Retry-After). */
export function sendJsonError(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  const interactionId = responseInteractionId(req, res);
  res.set(headers);
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions, interactionId } }] }));
}

/** Mount last: any path no route answered. */
export const notFound: RequestHandler = (req, res) => {
  sendJsonError(req, res, 404, PlatformError.NOT_FOUND, 'Not found: GraphQL is served at /graphql.');
};

/** Mount last: errors thrown outside /graphql (which has its own handler) become JSON, never Express's HTML page. */
export const envelopeErrors: ErrorRequestHandler = (error, req, res, _next) => {
  if (res.headersSent) {
    res.end();
    return;
  }
  const status = Number(error?.status ?? error?.statusCode);
  if (status >= 400 && status < 500) return sendJsonError(req, res, status, PlatformError.BAD_REQUEST, 'The request could not be understood.');
  const correlationId = randomUUID();
  logger.error({ correlationId, err: error, path: req.path }, 'internal error (masked for the client)');
  sendJsonError(req, res, 500, PlatformError.INTERNAL_SERVER_ERROR, 'Internal server error', { correlationId });
};
