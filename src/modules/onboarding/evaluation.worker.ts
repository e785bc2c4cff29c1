import { DataSource, EntityManager, Not } from 'typeorm';
import { Config } from '../../platform/config';
import { logger } from '../../platform/observability/logger';
import { DurableWorker } from '../../platform/jobs/durable-worker';
import { GatewayPubSub } from '../../platform/events/pubsub';
import { isForeignCustomer, openCustomerAccount } from './approval';
import { appendEvent, publishEvents, registrationOwner } from './customer-events';
import { CustomerEventName, EvaluationStage, RegistrationStatus } from './onboarding.enums';
import { SANDBOX_REPROVED_CPFS } from './registration.rules';
import { CustomerEvent, CustomerRegistration, EvaluationJob } from './registration.entities';

/** Evaluation jobs not finished yet (pending analysis or decision): the evaluation_queue_depth gauge. */
export function evaluationQueueDepth(dataSource: DataSource): Promise<number> {
  return dataSource.getRepository(EvaluationJob).countBy({ stage: Not(EvaluationStage.DONE) });
}

/** Our own reprovation reason codes: the provider does not publish its list. */
export const REPROVATION_REASONS = {
  SANDBOX_DOCUMENT: 'SANDBOX_DOCUMENT',
  /** The CPF became a customer of the read model after it was registered: nothing is merged into that customer. */
  CUSTOMER_ALREADY_EXISTS: 'CUSTOMER_ALREADY_EXISTS',
  /** An analyst's manual review kept the reprovation (decideManualReview KEEP_REPROVED), after the original reasons. */
  MANUAL_REVIEW_KEPT: 'MANUAL_REVIEW_KEPT',
} as const;

/**
 * Runs due evaluation steps (start analysis, decide), each exactly once even
 * across crashes and concurrent workers: the shared durable-step machinery
 * (src/platform/jobs/durable-steps.ts).
 *
 * A failing poll (database away) is logged once, retried with exponential
 * back-off and its recovery logged; it never ends the worker (src/platform/jobs/polling.ts).
 * The test-only pause hook: TEST_PAUSE_IN_STEP=START_ANALYSIS|DECIDE.
 */
type Decision = { decision: RegistrationStatus; reasons: string[]; seconds: number };

export class EvaluationWorker extends DurableWorker<EvaluationJob, { events: CustomerEvent[]; decided?: Decision }> {
  constructor(
    dataSource: DataSource,
    pubSub: GatewayPubSub,
    private readonly config: Config,
    /** Told of every decision this worker takes (metrics). */
    private readonly onDecision?: (decision: RegistrationStatus, secondsSinceRegistration: number) => void,
  ) {
    super(
      dataSource,
      {
        name: 'evaluation worker',
        entity: EvaluationJob,
        doneStage: EvaluationStage.DONE,
        batchSize: 20,
        pollMs: config.workerPollMs,
        retryDelayMs: config.workerRetryDelayMs,
        label: (job) => `registration ${job.registrationId}`,
        step: async (manager, job) => {
          const registration = await manager.findOneByOrFail(CustomerRegistration, { id: job.registrationId });
          if (job.stage === EvaluationStage.START_ANALYSIS) return { events: await this.startAnalysis(manager, job, registration) };
          let decided: Decision | undefined;
          const events = await this.decide(manager, job, registration, (decision) => (decided = decision));
          return { events, decided };
        },
        afterCommit: ({ events, decided }, job) => {
          publishEvents(pubSub, events);
          // Once committed (a rolled-back attempt is retried, and counted then): one line and one observation per decision.
          if (!decided) return;
          logger.info(
            { registrationId: job.registrationId, decision: decided.decision, reasons: decided.reasons, secondsSinceRegistration: decided.seconds },
            'evaluation decided',
          );
          this.onDecision?.(decided.decision, decided.seconds);
        },
      },
      pubSub,
    );
  }

  private async startAnalysis(manager: EntityManager, job: EvaluationJob, registration: CustomerRegistration) {
    const now = new Date();
    const event = await appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_IN_ANALYSIS, {}, now);
    await manager.update(
      EvaluationJob,
      { id: job.id },
      {
        stage: EvaluationStage.DECIDE,
        runAt: new Date(now.getTime() + Math.ceil(this.config.evaluationDelayMs / 2)),
      },
    );
    return [event];
  }

  private async decide(
    manager: EntityManager,
    job: EvaluationJob,
    registration: CustomerRegistration,
    decided: (decision: { decision: RegistrationStatus; reasons: string[]; seconds: number }) => void,
  ) {
    const now = new Date();
    const reasons = await this.reprovationReasons(manager, registration);
    const events = await recordDecision(manager, registration, reasons, this.config.institution, now);
    await manager.update(EvaluationJob, { id: job.id }, { stage: EvaluationStage.DONE });
    decided({ decision: registration.status, reasons, seconds: (now.getTime() - new Date(registration.createdAt).getTime()) / 1000 });
    return events;
  }

  /**
   * The automatic decision. Sandbox CPFs of the provider are always reproved;
   * so is a CPF that became a customer of the read model, other than the one
   * this registration opened before its cancellation, since it was registered
   * (checked in the step's transaction; one inserted concurrently makes the
   * approval fail on the unique CPF and the step is retried).
   */
  private async reprovationReasons(manager: EntityManager, registration: CustomerRegistration): Promise<string[]> {
    const reasons: string[] = [];
    if (SANDBOX_REPROVED_CPFS.has(registration.documentNumber)) reasons.push(REPROVATION_REASONS.SANDBOX_DOCUMENT);
    if (await isForeignCustomer(manager, registration)) reasons.push(REPROVATION_REASONS.CUSTOMER_ALREADY_EXISTS);
    return reasons;
  }
}

/**
 * The one decision path, automatic or manual (src/modules/onboarding/reviews): without
 * reasons the registration is APPROVED, its next account opened in the read
 * model (a new customer, or its own canceled one renewed) and
 * CUSTOMER_WAS_APPROVED then ACCOUNT_WAS_CREATED appended; with reasons it is
 * REPROVED with them and CUSTOMER_WAS_REPROVED carries them. Runs in the
 * caller's transaction (a rollback discards everything, `registration`'s
 * in-memory changes aside); returns the events to publish after commit.
 */
export async function recordDecision(
  manager: EntityManager,
  registration: CustomerRegistration,
  reasons: string[],
  institution: Config['institution'],
  now: Date,
): Promise<CustomerEvent[]> {
  const approved = reasons.length === 0;
  registration.status = approved ? RegistrationStatus.APPROVED : RegistrationStatus.REPROVED;
  registration.reasons = approved ? null : reasons;
  registration.decidedAt = now;
  let opened: Awaited<ReturnType<typeof openCustomerAccount>> | null = null;
  if (approved) {
    registration.accountGeneration += 1;
    opened = await openCustomerAccount(manager, registration, institution, now);
    registration.customerId = opened.customerId;
  }
  await manager.update(
    CustomerRegistration,
    { id: registration.id },
    {
      status: registration.status,
      reasons: registration.reasons,
      decidedAt: now,
      customerId: registration.customerId,
      accountGeneration: registration.accountGeneration,
    },
  );
  const owner = registrationOwner(registration);
  return opened
    ? [
        await appendEvent(manager, owner, CustomerEventName.CUSTOMER_WAS_APPROVED, {}, now),
        // The prepaid account the approval opened has its own event, context Account.
        await appendEvent(manager, owner, CustomerEventName.ACCOUNT_WAS_CREATED, { ...opened.account }, now),
      ]
    : [await appendEvent(manager, owner, CustomerEventName.CUSTOMER_WAS_REPROVED, { reasons }, now)];
}
