import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { envelopeErrors, sendJsonError } from '../../observability/http-envelope';
import { GatewayError } from '../../errors';
import { Viewer } from '../viewer';
import { LIMIT_STATUS, LimitCode, LimitError } from './limit-error';
import { LimitsConfig } from './limits.config';
import { PlatformError } from '../../platform-errors';

/**
 * Express middleware around Apollo on /graphql: the per-client rate limit
 * (before the body is even read), the document size, and one error handler
 * that turns every body-parser failure (invalid JSON, too large, bad charset…)
 * and anything else thrown on the route into a GraphQL-shaped JSON error,
 * never Express's HTML page or a stack trace.
 */
export interface HttpLimits {
  /** Counts the request against its client (req.viewer, else address), before the body is read. */
  rateLimit: RequestHandler;
  documentSize: RequestHandler;
  errors: ErrorRequestHandler;
}

/**
 * A gateway error answered outside Apollo: its status (a limit's own, else the `http` extension the error carries,
 * else `fallbackStatus`), its code, message and public extensions, and a limit's headers (Retry-After).
 */
export function sendGatewayError(req: Request, res: Response, error: GatewayError, fallbackStatus = 400): void {
  const { code, http, ...extensions } = error.extensions as { code: string; http?: { status?: number } };
  const status = error instanceof LimitError ? error.status : (http?.status ?? fallbackStatus);
  sendJsonError(req, res, status, code, error.message, extensions, error instanceof LimitError ? error.headers : {});
}

/** The `query` texts of the request: the POST body's, or every `query` search parameter of a GET. */
function documentsOf(req: Request): unknown[] {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    return new URLSearchParams(search).getAll('query');
  }
  const body: unknown = req.body;
  if (Array.isArray(body)) return body.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>).query : undefined));
  return body && typeof body === 'object' ? [(body as Record<string, unknown>).query] : [];
}

const BODY_ERRORS: Record<string, { code: LimitCode; message: string }> = {
  'entity.parse.failed': {
    code: PlatformError.INVALID_JSON,
    message: 'The request body is not valid JSON (an object with `query`, `variables`, `operationName`).',
  },
  'entity.too.large': { code: PlatformError.REQUEST_TOO_LARGE, message: 'The request body is too large.' },
  'charset.unsupported': { code: PlatformError.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported charset: send UTF-8 JSON.' },
  'encoding.unsupported': { code: PlatformError.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported content encoding.' },
  'request.size.invalid': { code: PlatformError.BAD_REQUEST, message: 'The request body does not match its Content-Length.' },
  'request.aborted': { code: PlatformError.BAD_REQUEST, message: 'The request was aborted.' },
};

export function httpLimits(
  limits: LimitsConfig,
  admit: (viewer: Viewer | null, clientAddress: string) => Promise<void>,
  documentTooLarge: (query: unknown) => LimitError | undefined,
): HttpLimits {
  return {
    // Runs after authentication (req.viewer), before the body is read.
    async rateLimit(req, res, next) {
      try {
        await admit(req.viewer ?? null, req.ip ?? req.socket.remoteAddress ?? 'unknown');
      } catch (error) {
        if (error instanceof LimitError) return sendGatewayError(req, res, error);
        throw error;
      }
      next();
    },

    documentSize(req, res, next) {
      for (const query of documentsOf(req)) {
        const tooLarge = documentTooLarge(query);
        if (tooLarge) return sendGatewayError(req, res, tooLarge);
      }
      next();
    },

    errors(error, req, res, next) {
      const known = typeof error?.type === 'string' ? BODY_ERRORS[error.type] : undefined;
      if (!known || res.headersSent) return envelopeErrors(error, req, res, next);
      const extensions = known.code === PlatformError.REQUEST_TOO_LARGE ? { limit: limits.maxRequestBytes } : {};
      sendJsonError(req, res, LIMIT_STATUS[known.code], known.code, known.message, extensions);
    },
  };
}
