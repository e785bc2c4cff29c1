import { DataSource, EntityManager } from 'typeorm';
import { Config } from '../../../platform/config';
import { logger } from '../../../platform/observability/logger';
import { DurableWorker } from '../../../platform/jobs/durable-worker';
import { GatewayPubSub } from '../../../platform/events/pubsub';
import { appendEvent, publishEvents } from '../customer-events';
import { CustomerEventName } from '../onboarding.enums';
import { CustomerEvent } from '../registration.entities';
import { analyseDocument, AnalysisOutcome } from './analysis';
import { DocumentAnalysis } from './document-analysis.entity';
import { DOCUMENT_REASONS, DocumentAnalysisStage, DocumentAnalysisStatus } from './document.enums';
import { documentEventData, documentEventOwner } from './document.service';
import { DocumentStorage } from './storage';

/** A storage read that fails this many times in a row ends the analysis UNEXPECTED_ERROR. */
export const MAX_STORAGE_ATTEMPTS = 5;

/**
 * Runs due document analyses: read the stored image, apply our rules
 * (./analysis.ts), write the outcome and DOCUMENT_WAS_PROCESSED in one durable
 * step (src/platform/jobs/durable-steps.ts), so each analysis finishes exactly once
 * across crashes and concurrent workers. Runs wherever the evaluation worker
 * runs. Test-only pause hook: TEST_PAUSE_IN_STEP=ANALYZE_DOCUMENT.
 */
export class DocumentAnalysisWorker extends DurableWorker<DocumentAnalysis, { event: CustomerEvent; status: DocumentAnalysisStatus }> {
  constructor(
    dataSource: DataSource,
    pubSub: GatewayPubSub,
    config: Config,
    private readonly storage: DocumentStorage,
    /** Told of every finished analysis (metrics). */
    onOutcome?: (status: DocumentAnalysisStatus) => void,
  ) {
    super(
      dataSource,
      {
        name: 'document analysis worker',
        entity: DocumentAnalysis,
        doneStage: DocumentAnalysisStage.DONE,
        batchSize: 10,
        pollMs: config.workerPollMs,
        retryDelayMs: config.workerRetryDelayMs,
        label: (job) => `document analysis ${job.id}`,
        step: (manager, job) => this.analyse(manager, job),
        afterCommit: (result, job) => {
          publishEvents(pubSub, [result.event]);
          logger.info({ documentAnalysisId: job.id, outcome: result.status }, 'document analysis decided');
          onOutcome?.(result.status);
        },
      },
      pubSub,
    );
  }

  private async analyse(manager: EntityManager, job: DocumentAnalysis) {
    const analysis = await manager.findOneByOrFail(DocumentAnalysis, { id: job.id });
    const outcome = await this.outcome(analysis);
    const now = new Date();
    Object.assign(analysis, outcome);
    await manager.update(DocumentAnalysis, { id: analysis.id }, { status: outcome.status, reasons: outcome.reasons, stage: DocumentAnalysisStage.DONE });
    const event = await appendEvent(manager, documentEventOwner(analysis), CustomerEventName.DOCUMENT_WAS_PROCESSED, documentEventData(analysis, true), now);
    return { event, status: outcome.status };
  }

  /** A storage read that fails is retried by the step machinery; after MAX_STORAGE_ATTEMPTS the analysis ends UNEXPECTED_ERROR. */
  private async outcome(analysis: DocumentAnalysis): Promise<AnalysisOutcome> {
    let bytes: Buffer;
    try {
      bytes = await this.storage.get(analysis.storageKey);
    } catch (error) {
      // `attempts` already counts this try (the claim incremented it in this transaction).
      if (analysis.attempts < MAX_STORAGE_ATTEMPTS) throw error;
      logger.error({ err: error, token: analysis.token }, 'document analysis: the stored image stays unreadable; ending UNEXPECTED_ERROR');
      return { status: DocumentAnalysisStatus.UNEXPECTED_ERROR, reasons: [DOCUMENT_REASONS.STORAGE_UNAVAILABLE] };
    }
    return analyseDocument(analysis.documentNumber, bytes, analysis.contentType);
  }
}
