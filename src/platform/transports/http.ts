import type { IncomingMessage } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { VerificationKeys } from '../security/keys';
import { authenticate, Viewer } from '../security/viewer';
import { Limits } from '../security/limits';
import { GatewayError } from '../errors';
import { sendError } from '../security/limits/http';
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
        sendError(req, res, error.status, error.code, error.message);
      });
  };
}

/**
 * GraphQL over HTTP on /graphql: interaction id, token, rate limit (all before
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
    const { code, http, ...extensions } = error.extensions as { code: string; http?: { status?: number } };
    sendError(req, res, http?.status ?? 401, code, error.message, extensions);
  };
  return [
    interactionId,
    authentication,
    limits.http.rateLimit, // an invalid token counts against the address
    admission,
    refuseUnauthenticated,
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
