import { DataSource } from 'typeorm';
import { Config } from './platform/config';
import { GatewayMetrics } from './platform/observability/metrics';
import { documentAnalysisQueueDepth } from './modules/onboarding/documents/document.service';
import { DocumentAnalysisWorker } from './modules/onboarding/documents/document.worker';
import { DocumentStorage } from './modules/onboarding/documents/storage';
import { evaluationQueueDepth, EvaluationWorker } from './modules/onboarding/evaluation.worker';
import { ManualReviewService } from './modules/onboarding/reviews/manual-review.service';
import { GatewayPubSub } from './platform/events/pubsub';
import { WebhookDeliveryWorker, webhookQueueDepth } from './modules/webhooks/delivery.worker';

/**
 * The one wiring of the metrics and the background workers, shared by the gateway (src/server.ts, workers in
 * process) and the standalone worker (src/worker.ts), so both expose the same metric families and count the same way.
 */
export function createMetrics(dataSource: DataSource, reviews: ManualReviewService): GatewayMetrics {
  const metrics = new GatewayMetrics(dataSource, {
    evaluationQueueDepth: () => evaluationQueueDepth(dataSource),
    webhookQueueDepth: () => webhookQueueDepth(dataSource),
    documentAnalysisQueueDepth: () => documentAnalysisQueueDepth(dataSource),
    openManualReviews: () => reviews.countOpen(),
    overdueManualReviews: () => reviews.countOpen(new Date()),
  });
  reviews.onClosed((decision, seconds) => metrics.manualReviewDuration.observe({ decision }, seconds));
  return metrics;
}

export interface BackgroundWorkers {
  evaluation: EvaluationWorker;
  documents: DocumentAnalysisWorker;
  webhooks: WebhookDeliveryWorker;
  /** Stops polling; resolves once each worker's step in progress has committed. */
  stop(): Promise<void>;
}

/**
 * Starts the evaluation, document analysis and webhook delivery workers, their outcomes counted in `metrics`.
 * `keepProcessAlive`: the standalone worker has nothing else holding its process open.
 */
export function startBackgroundWorkers(
  dataSource: DataSource, pubSub: GatewayPubSub, config: Config, metrics: GatewayMetrics, storage: DocumentStorage, { keepProcessAlive = false } = {},
): BackgroundWorkers {
  const evaluation = new EvaluationWorker(dataSource, pubSub, config, (decision, seconds) => metrics.decisionLatency.observe({ decision }, seconds));
  const documents = new DocumentAnalysisWorker(dataSource, pubSub, config, storage, (status) => metrics.documentAnalyses.inc({ outcome: status }));
  const webhooks = new WebhookDeliveryWorker(dataSource, config, (result, outcome) => {
    metrics.webhookDeliveries.inc({ outcome: outcome.toLowerCase() });
    metrics.webhookLatency.observe(result.durationMs / 1000);
  });
  for (const worker of [evaluation, documents, webhooks]) worker.start({ keepProcessAlive });
  return {
    evaluation,
    documents,
    webhooks,
    async stop() {
      await Promise.all([evaluation.stop(), documents.stop(), webhooks.stop()]);
    },
  };
}
