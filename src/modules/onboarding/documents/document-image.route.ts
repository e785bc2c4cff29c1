import express, { Request, RequestHandler, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../audit';
import { sendJsonError } from '../../../platform/observability/http-envelope';
import { DocumentAnalysis } from './document-analysis.entity';
import { DocumentStorage } from './storage';
import { OnboardingError } from '../onboarding.errors';

/** The analysis token's shape (submitDocument answers 32 hexadecimal characters): anything else is unknown without a query. */
const TOKEN = /^[0-9a-f]{32}$/;

export const DOCUMENT_IMAGE_PATH = '/documents/:token/image';
/** Its key in the authorization table. */
export const DOCUMENT_IMAGE_OPERATION = 'GET /documents/{token}/image';

/**
 * GET /documents/{token}/image: the image a document analysis was made of, for
 * the analyst deciding a manual review (ManualReviews lists each registration's
 * documentAnalyses tokens). Admitted as every HTTP request is, in the same order
 * (`admission`: interaction id, token, the rate limit GraphQL and REST share —
 * refused requests count too —, consent), then authorized by the policy
 * `documentImage` of the one authorization table (analysts only): partners and
 * customers are refused before the token is looked up (403, so nothing says
 * whether it exists); an unknown token is 404. Refusals are the same error
 * bodies as /graphql's. Every image answered is first written to the audit log
 * (action READ, resource `documentImage:<token>`, the CPF it belongs to, the
 * analyst, the interaction id): no image leaves without its audit row.
 */
export interface DocumentImageDeps {
  dataSource: DataSource;
  storage: DocumentStorage;
  /** The platform's HTTP admission and authorization of a route (RouteDeps.admission). */
  admission(operation: string): RequestHandler[];
}

export function documentImageRoutes({ dataSource, storage, admission }: DocumentImageDeps): Router {
  const router = express.Router();
  // Refusals included: nothing of this path is cached or sniffed.
  const privateAnswer: RequestHandler = (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  };
  router.get(DOCUMENT_IMAGE_PATH, privateAnswer, ...admission(DOCUMENT_IMAGE_OPERATION), async (req: Request<{ token: string }>, res: Response) => {
    const { token } = req.params;
    const analysis = TOKEN.test(token) ? await dataSource.getRepository(DocumentAnalysis).findOneBy({ token }) : null;
    if (!analysis) {
      sendJsonError(req, res, 404, OnboardingError.DOCUMENT_NOT_FOUND, 'No document analysis has this token.');
      return;
    }
    const image = await storage.get(analysis.storageKey);
    const audit = new AuditTrail();
    audit.record(analysis.documentNumber, `documentImage:${analysis.token}`);
    await audit.flush(dataSource, { subject: req.viewer!.subject, interactionId: req.interactionId!, operationName: 'documentImage' });
    res.status(200).type(analysis.contentType).send(image);
  });
  return router;
}
