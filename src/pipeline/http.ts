import type { IncomingMessage } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { VerificationKeys } from '../auth/keys';
import { authenticate, Viewer } from '../auth/viewer';
import { Limits } from '../limits';
import { GatewayError } from '../shared/errors';
import { sendError } from '../limits/http';
import { interactionId } from '../shared/interaction-id';
import { OperationPipeline } from './operation-pipeline';

declare module 'http' {
  interface IncomingMessage {
    /** The verified caller of an HTTP request (null without a token). */
    viewer?: Viewer | null;
    /** Why the token was refused, answered after the rate limit has counted the request. */
    authenticationError?: Error;
  }
}

/** The client address of an HTTP or upgrade request, honouring TRUST_PROXY (Express's own rule). */
export function clientAddressResolver(app: express.Express): (request: IncomingMessage) => string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- proxy-addr ships no types; it is what Express uses for req.ip
  const proxyAddr: (request: IncomingMessage, trust: unknown) => string = require('proxy-addr');
  return (request) => {
    try {
      return proxyAddr(request, app.get('trust proxy fn'));
    } catch {
      return request.socket.remoteAddress ?? 'unknown';
    }
  };
}

/**
 * GraphQL over HTTP on /graphql: interaction id, token, rate limit (all before
 * the body is read), body and document size, then the operation pipeline
 * through Apollo's Express integration; malformed requests get JSON errors.
 */
export function graphqlHttpRoute(pipeline: OperationPipeline, keys: VerificationKeys, limits: Limits, maxRequestBytes: number): RequestHandler[] {
  const authentication = async (req: Request, _res: Response, next: NextFunction) => {
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
    limits.http.documentSize,
    expressMiddleware(pipeline.apollo, {
      context: async ({ req }) =>
        pipeline.context(req.viewer ?? null, { transport: 'http', interactionId: req.interactionId!, clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
    }),
    limits.http.errors,
  ] as RequestHandler[];
}
