import { DataSource } from 'typeorm';
import { AuditTrail } from './modules/audit/audit-trail';
import { VerificationKeys } from './platform/security/keys';
import { Viewer } from './platform/security/viewer';
import { Config } from './platform/config';
import { ConsentService } from './modules/consents/consent.service';
import { executionTimeout } from './platform/security/limits/limit-error';
import { DocumentService } from './modules/onboarding/documents/document.service';
import { createDocumentStorage } from './modules/onboarding/documents/storage';
import { RegistrationService } from './modules/onboarding/registration.service';
import { ManualReviewService } from './modules/onboarding/reviews/manual-review.service';
import { WebhookService } from './modules/webhooks/webhook.service';
import { GatewayContext, GatewayServices, RequestOrigin } from './platform/graphql/context';
import { Loaders } from './platform/loaders';
import { GatewayPubSub } from './platform/events/pubsub';

/**
 * The composition of the services and of the per-operation context: the
 * plumbing's shapes (src/platform/graphql/context.ts) with the domain's parts added.
 */
declare module './platform/graphql/context' {
  interface GatewayServices {
    registrations: RegistrationService;
    documents: DocumentService;
    webhooks: WebhookService;
    /** The consent store and the consent check of admission (every transport, every operation). */
    consents: ConsentService;
    /** Manual review of reprovations: the analysts' queue (src/modules/onboarding/reviews). */
    reviews: ManualReviewService;
  }

  interface GatewayContext {
    /** Customer data touched by this operation, written to the audit log when it ends (per event for subscriptions). */
    audit: AuditTrail;
  }
}

export type { GatewayContext, GatewayServices, RequestOrigin, Transport } from './platform/graphql/context';

export function createServices(config: Config, dataSource: DataSource, pubSub: GatewayPubSub, keys: VerificationKeys): GatewayServices {
  return {
    config, dataSource, pubSub, keys,
    registrations: new RegistrationService(dataSource, pubSub, config),
    documents: new DocumentService(dataSource, pubSub, config, createDocumentStorage(config.documents.storage)),
    webhooks: new WebhookService(dataSource, config),
    consents: new ConsentService(dataSource, pubSub, config.consents),
    reviews: new ManualReviewService(dataSource, pubSub, config),
  };
}

/**
 * One context per operation, whatever the transport. Past EXECUTION_TIMEOUT_MS no
 * loader sends SQL any more (EXECUTION_TIMEOUT): a check per batch, not per
 * field, keeps the hot path free.
 */
export function createContext(services: GatewayServices, viewer: Viewer | null, origin: RequestOrigin): GatewayContext {
  const timeoutMs = services.config.limits.executionTimeoutMs;
  let deadline = performance.now() + timeoutMs;
  const beforeBatch = () => {
    if (performance.now() > deadline) throw executionTimeout(timeoutMs);
  };
  return {
    ...services,
    ...origin,
    viewer,
    loaders: new Loaders(services.dataSource, beforeBatch),
    audit: new AuditTrail(),
    restartDeadline: () => void (deadline = performance.now() + timeoutMs),
  };
}
