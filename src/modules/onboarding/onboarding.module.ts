import { Counter, Histogram } from 'prom-client';
import type { GatewayModule } from '../../platform/module';
import { databaseGauge } from '../../platform/observability/metrics';
import { DocumentAnalysis } from './documents/document-analysis.entity';
import { documentImageRoutes } from './documents/document-image.route';
import { DocumentAnalysisResolver } from './documents/document.resolver';
import { documentAnalysisQueueDepth, DocumentService } from './documents/document.service';
import { DocumentAnalysisWorker } from './documents/document.worker';
import { createDocumentStorage } from './documents/storage';
import { evaluationQueueDepth, EvaluationWorker } from './evaluation.worker';
import { ONBOARDING_ERRORS } from './onboarding.errors';
import { CustomerEvent, CustomerRegistration, EvaluationJob, EventStream } from './registration.entities';
import { RegistrationResolver } from './registration.resolver';
import { RegistrationService } from './registration.service';
import { ManualReview } from './reviews/manual-review.entity';
import { ManualReviewResolver } from './reviews/manual-review.resolver';
import { ManualReviewService } from './reviews/manual-review.service';

declare module '../../platform/graphql/context' {
  interface GatewayServices {
    registrations: RegistrationService;
    documents: DocumentService;
    /** Manual review of reprovations: the analysts' queue (src/modules/onboarding/reviews). */
    reviews: ManualReviewService;
  }
}

/**
 * Bankly-style onboarding: document analysis, registration, the durable
 * automatic evaluation, update and cancel, and analysts' manual review.
 */
export const onboardingModule: GatewayModule = {
  name: 'onboarding',
  entities: [CustomerRegistration, EvaluationJob, CustomerEvent, EventStream, DocumentAnalysis, ManualReview],
  resolvers: [RegistrationResolver, DocumentAnalysisResolver, ManualReviewResolver],
  errorCodes: ONBOARDING_ERRORS,
  setup: ({ config, dataSource, pubSub, registry }) => {
    const storage = createDocumentStorage(config.documents.storage);
    const registrations = new RegistrationService(dataSource, pubSub, config);
    const documents = new DocumentService(dataSource, pubSub, config, storage);
    const reviews = new ManualReviewService(dataSource, pubSub, config);

    const decisionLatency = new Histogram({
      name: 'evaluation_decision_latency_seconds',
      help: 'Time from registration to decision (approval or reprovation), by this process.',
      labelNames: ['decision'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    const documentAnalyses = new Counter({
      name: 'document_analyses_total',
      help: 'Document analyses finished by this process, by outcome (the final DocumentAnalysisStatus).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    const manualReviewDuration = new Histogram({
      name: 'manual_review_duration_seconds',
      help: "Time from a manual review's request to its final outcome (KEEP_REPROVED, or a confirmed APPROVE), by decision, by this process.",
      labelNames: ['decision'] as const,
      // Up to the seven business days and beyond (about two calendar weeks).
      buckets: [60, 600, 3_600, 4 * 3_600, 86_400, 2 * 86_400, 3 * 86_400, 5 * 86_400, 7 * 86_400, 10 * 86_400, 14 * 86_400],
      registers: [registry],
    });
    databaseGauge(registry, dataSource, 'evaluation_queue_depth', 'Evaluation jobs not finished yet (pending analysis or decision).', () =>
      evaluationQueueDepth(dataSource),
    );
    databaseGauge(registry, dataSource, 'document_analysis_queue_depth', 'Document analyses not finished yet (ANALYZING).', () =>
      documentAnalysisQueueDepth(dataSource),
    );
    databaseGauge(
      registry,
      dataSource,
      'manual_reviews_open',
      'Manual reviews of reprovations still OPEN (waiting for an analyst, a decision or its confirmation).',
      () => reviews.countOpen(),
    );
    databaseGauge(
      registry,
      dataSource,
      'manual_reviews_overdue',
      'Manual reviews still OPEN past their due date (7 Brazilian business days after the request).',
      () => reviews.countOpen(new Date()),
    );
    reviews.onClosed((decision, seconds) => manualReviewDuration.observe({ decision }, seconds));

    return {
      services: { registrations, documents, reviews },
      // The analysts' review of a document image (audited), admitted as every HTTP request is.
      routes: ({ dataSource: source, admission }) => [{ path: '/', router: documentImageRoutes({ dataSource: source, storage, admission }) }],
      workers: [
        new EvaluationWorker(dataSource, pubSub, config, (decision, seconds) => decisionLatency.observe({ decision }, seconds)),
        new DocumentAnalysisWorker(dataSource, pubSub, config, storage, (status) => documentAnalyses.inc({ outcome: status })),
      ],
    };
  },
};
