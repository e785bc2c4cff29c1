import { DataSource } from 'typeorm';
import { Config } from '../../../platform/config';
import { logger } from '../../../platform/observability/logger';
import { dueJobs, runDurableStep, testPauseStage } from '../../../platform/jobs/durable-steps';
import { PollingLoop } from '../../../platform/jobs/polling';
import { GatewayPubSub } from '../../../platform/events/pubsub';
import { appendEvent, publishEvents } from '../customer-events';
import { CustomerEventName } from '../onboarding.enums';
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
export class DocumentAnalysisWorker {
  private loop: PollingLoop | null = null;
  private readonly pauseStage = testPauseStage();

  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly config: Config,
    private readonly storage: DocumentStorage,
    /** Told of every finished analysis (metrics). */
    private readonly onOutcome?: (status: DocumentAnalysisStatus) => void,
  ) {}

  start({ keepProcessAlive = false } = {}): void {
    this.loop = new PollingLoop({ name: 'document analysis worker', pollMs: this.config.workerPollMs, poll: () => this.runDueSteps(), keepProcessAlive });
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Runs every analysis due now; returns how many this worker finished. */
  async runDueSteps(now = new Date(), batchSize = 10): Promise<number> {
    const due = await dueJobs(this.dataSource, DocumentAnalysis, DocumentAnalysisStage.DONE, now, batchSize);
    let applied = 0;
    for (const job of due) {
      if (this.loop?.stopping) break;
      if (await this.analyse(job)) applied += 1;
    }
    return applied;
  }

  private async analyse(job: DocumentAnalysis): Promise<boolean> {
    const result = await runDurableStep(this.dataSource, DocumentAnalysis, job, async (manager) => {
      const analysis = await manager.findOneByOrFail(DocumentAnalysis, { id: job.id });
      const outcome = await this.outcome(analysis);
      const now = new Date();
      Object.assign(analysis, outcome);
      await manager.update(DocumentAnalysis, { id: analysis.id }, { status: outcome.status, reasons: outcome.reasons, stage: DocumentAnalysisStage.DONE });
      const event = await appendEvent(manager, documentEventOwner(analysis), CustomerEventName.DOCUMENT_WAS_PROCESSED, documentEventData(analysis, true), now);
      return { event, status: outcome.status };
    }, { label: `document analysis ${job.id}`, retryDelayMs: this.config.workerPollMs * 10, pauseStage: this.pauseStage });
    if (!result) return false;
    publishEvents(this.pubSub, [result.event]);
    logger.info({ documentAnalysisId: job.id, outcome: result.status }, 'document analysis decided');
    this.onOutcome?.(result.status);
    return true;
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
