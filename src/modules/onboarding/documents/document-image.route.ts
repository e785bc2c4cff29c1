import type { IncomingMessage } from 'node:http';
import express, { Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../audit';
import { VerificationKeys } from '../../../platform/security/keys';
import { authorizeOperation } from '../../../platform/security/policies';
import { authenticate, Viewer } from '../../../platform/security/viewer';
import { LimitError } from '../../../platform/security/limits';
import { responseInteractionId, sendJsonError } from '../../../platform/observability/http-envelope';
import { GatewayError } from '../../../platform/errors';
import { DocumentAnalysis } from './document-analysis.entity';
import { DocumentStorage } from './storage';
import { OnboardingError } from '../onboarding.errors';
import { PlatformError } from '../../../platform/platform-errors';

/** The analysis token's shape (submitDocument answers 32 hexadecimal characters): anything else is unknown without a query. */
const TOKEN = /^[0-9a-f]{32}$/;

export const DOCUMENT_IMAGE_PATH = '/documents/:token/image';
/** Its key in the authorization table. */
export const DOCUMENT_IMAGE_OPERATION = 'GET /documents/{token}/image';

/**
 * GET /documents/{token}/image: the image a document analysis was made of, for
 * the analyst deciding a manual review (ManualReviews lists each registration's
 * documentAnalyses tokens). Policy `documentImage` (analysts only): partners
 * and customers are refused before the token is looked up (403, so nothing
 * says whether it exists); an unknown token is 404. Every image answered is
 * first written to the audit log (action READ, resource
 * `documentImage:<token>`, the CPF it belongs to, the analyst, the interaction
 * id): no image leaves without its audit row. Every request, refused ones
 * included, counts against the rate limit GraphQL and REST share (per token
 * subject, else per address).
 */
export interface DocumentImageDeps {
  dataSource: DataSource;
  storage: DocumentStorage;
  keys: VerificationKeys;
  /** The shared rate limit (Limits.admit): TOO_MANY_REQUESTS past it. */
  admit(viewer: Viewer | null, clientAddress: string): Promise<void>;
  clientAddress(request: IncomingMessage): string;
}

export function documentImageRoutes({ dataSource, storage, keys, admit, clientAddress }: DocumentImageDeps): Router {
  const router = express.Router();
  router.get(DOCUMENT_IMAGE_PATH, async (req: Request<{ token: string }>, res: Response) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    let viewer: Viewer | null = null;
    let refused: GatewayError | null = null; // a token present but not valid: counted per address first, then refused
    try {
      viewer = await authenticate(req.headers.authorization, keys);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      refused = error;
    }
    try {
      await admit(viewer, clientAddress(req));
      if (refused) throw refused;
      authorizeOperation(DOCUMENT_IMAGE_OPERATION, viewer); // the one authorization table (src/platform/security/policies.ts)
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error instanceof LimitError) res.set(error.headers);
      const status = error instanceof LimitError ? error.status : error.code === PlatformError.UNAUTHENTICATED ? 401 : 403;
      sendJsonError(req, res, status, error.code, error.message);
      return;
    }
    const { token } = req.params;
    const analysis = TOKEN.test(token) ? await dataSource.getRepository(DocumentAnalysis).findOneBy({ token }) : null;
    if (!analysis) {
      sendJsonError(req, res, 404, OnboardingError.DOCUMENT_NOT_FOUND, 'No document analysis has this token.');
      return;
    }
    const image = await storage.get(analysis.storageKey);
    const audit = new AuditTrail();
    audit.record(analysis.documentNumber, `documentImage:${analysis.token}`);
    await audit.flush(dataSource, { subject: viewer!.subject, interactionId: responseInteractionId(req, res), operationName: 'documentImage' });
    res.status(200).type(analysis.contentType).send(image);
  });
  return router;
}
