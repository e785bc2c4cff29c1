import type { IncomingMessage } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { VerificationKeys } from '../security/keys';
import { authenticate, Viewer } from '../security/viewer';
import { Limits } from '../security/limits';
import { GatewayError } from '../errors';
import { sendGatewayError } from '../security/limits/http';
import { sendJsonError } from '../observability/http-envelope';
import { authorizeOperation } from '../security/policies';
import { interactionId } from '../interaction-id';
import { MultipartError, parseMultipart } from '../graphql/multipart';
import { stageEnd, stageStart, stageTimings } from '../observability/stages';
import { OperationPipeline } from '../graphql/operation-pipeline';

declare module 'http' {
  interface IncomingMessage {
    /** The verified caller of an HTTP request (null without a token). */
    viewer?: Viewer | null;
    /** Why the token was refused, answered after the rate limit has counted the request. */
    authenticationError?: Error;
    /** STAGE_TIMINGS: when admission started. */
    admissionStart?: number;
  }
}

/** The client address of an HTTP or upgrade request, honouring TRUST_PROXY (Express's own rule). */
export function clientAddressResolver(app: express.Express): (request: IncomingMessage) => string {
  const proxyAddr: (request: IncomingMessage, trust: unknown) => string = require('proxy-addr');
  return (request) => {
    try {
      return proxyAddr(request, app.get('trust proxy fn'));
    } catch {
      return request.socket.remoteAddress ?? 'unknown';
    }
  };
}

/** Apollo's CSRF prevention headers: a multipart request without one is refused by Apollo, so it is not even parsed. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * File uploads: a multipart request (GraphQL multipart request spec) becomes
 * the same operation body as JSON, its one file an `Upload` value
 * (./multipart.ts). The body is parsed whole before the operation runs, so a
 * malformed one is answered 400 here, never after; the file is cut one byte
 * past `maxFileBytes` (the resolver refuses it as IMAGE_TOO_LARGE; the rest of
 * the body is discarded, never buffered). Without a preflight header the body
 * is left unread and Apollo's CSRF check refuses it.
 */
function multipartUploads(maxFileBytes: number, maxFieldBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (!PREFLIGHT_HEADERS.some((name) => req.headers[name])) {
      req.body = {};
      // Unread, but drained once answered: else the next request on this keep-alive connection stalls.
      res.once('finish', () => req.resume());
      return next();
    }
    parseMultipart(req, { maxFiles: 1, maxFileBytes, maxFieldBytes })
      .then((body) => {
        req.body = body;
        next();
      })
      .catch((error: unknown) => {
        if (!(error instanceof MultipartError)) return next(error);
        if (res.headersSent || error.status === 499) return; // the client went away
        sendJsonError(req, res, error.status, error.code, error.message);
      });
  };
}

/**
 * The admission of every HTTP request the gateway serves (/graphql and modules' routes), in this order, all before a
 * body is read: interaction id (refused 400 when malformed), token, rate limit (an invalid token counts against the
 * address), the module's admission hook (consents: the token's consent as the database has it now), then the refusal
 * of a token that did not pass (401). The admitted caller is `req.viewer` (null without a token).
 */
export function httpAdmission(pipeline: OperationPipeline, keys: VerificationKeys, limits: Limits): RequestHandler[] {
  const authentication = async (req: Request, _res: Response, next: NextFunction) => {
    req.admissionStart = stageStart();
    try {
      req.viewer = await authenticate(req.headers.authorization, keys);
    } catch (error) {
      req.viewer = null;
      req.authenticationError = error as Error;
    }
    next();
  };
  // The consent check reads the database: after the rate limit has counted the request.
  const admission = async (req: Request, _res: Response, next: NextFunction) => {
    if (req.authenticationError) return next();
    try {
      req.viewer = await pipeline.admit(req.viewer ?? null);
    } catch (error) {
      req.viewer = null;
      req.authenticationError = error as Error;
    }
    next();
  };
  const refuseUnauthenticated = (req: Request, res: Response, next: NextFunction) => {
    if (!req.authenticationError) return next();
    const error = req.authenticationError;
    if (!(error instanceof GatewayError)) return next(error);
    sendGatewayError(req, res, error, 401);
  };
  return [interactionId, authentication, limits.http.rateLimit, admission, refuseUnauthenticated];
}

/**
 * A module's HTTP route admitted like /graphql (`httpAdmission`), then authorized by its declaration `operation` in
 * the one authorization table (src/platform/security/policies.ts): the handler after these runs only for a caller
 * the table lets in (`req.viewer`); a refusal answers the same error body as /graphql.
 */
export function routeAdmission(pipeline: OperationPipeline, keys: VerificationKeys, limits: Limits, operation: string): RequestHandler[] {
  const authorization = (req: Request, res: Response, next: NextFunction) => {
    try {
      authorizeOperation(operation, req.viewer ?? null);
    } catch (error) {
      if (!(error instanceof GatewayError)) return next(error);
      return sendGatewayError(req, res, error);
    }
    next();
  };
  return [...httpAdmission(pipeline, keys, limits), authorization];
}

/**
 * GraphQL over HTTP on /graphql: the HTTP admission (interaction id, token, rate limit, consent; all before
 * the body is read), body (JSON, or multipart with one file) and document size, then the operation pipeline
 * through Apollo's Express integration; malformed requests get JSON errors.
 */
export function graphqlHttpRoute(
  pipeline: OperationPipeline,
  keys: VerificationKeys,
  limits: Limits,
  maxRequestBytes: number,
  maxFileBytes: number,
): RequestHandler[] {
  return [
    ...httpAdmission(pipeline, keys, limits),
    express.json({ limit: maxRequestBytes }),
    multipartUploads(maxFileBytes, maxRequestBytes),
    limits.http.documentSize,
    // Admission: token, rate limit, consent, body and document size (STAGE_TIMINGS).
    (req: Request, _res: Response, next: NextFunction) => {
      stageEnd('admission', req.admissionStart!);
      next();
    },
    expressMiddleware(pipeline.apollo, {
      context: async ({ req, res }) => {
        const origin = { transport: 'http' as const, interactionId: req.interactionId!, clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
        if (stageTimings.enabled) {
          // Serialization: from the response being ready (the pipeline's last plugin) until it is written.
          const timing = { ready: 0 };
          res.once('finish', () => timing.ready && stageEnd('serialization', timing.ready));
          return pipeline.context(req.viewer ?? null, { ...origin, timing });
        }
        return pipeline.context(req.viewer ?? null, origin);
      },
    }),
    limits.http.errors,
  ] as RequestHandler[];
}
