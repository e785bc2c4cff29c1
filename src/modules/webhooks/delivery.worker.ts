import { DataSource, EntityManager, In } from 'typeorm';
import { Config } from '../../platform/config';
import { GatewayPubSub } from '../../platform/events/pubsub';
import { lookahead, PollingLoop, PollOutcome } from '../../platform/jobs/polling';
import { logger } from '../../platform/observability/logger';
import { CustomerEvent } from '../onboarding';
import { secretBoxFor, signingSecrets } from '../../platform/security/secret-box';
import { AttemptResult, postOnce, SECRET_UNAVAILABLE_ATTEMPT, signatureHeaders } from './sender';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';

/**
 * How long a claim holds: WEBHOOK_TIMEOUT_MS (the attempt is aborted then) plus
 * a margin for recording its outcome. A delivery whose worker vanished is tried again after it.
 */
export function leaseMs(timeoutMs: number): number {
  return timeoutMs + Math.max(2_000, timeoutMs);
}

/** Deliveries still PENDING: the webhook_queue_depth gauge. */
export function webhookQueueDepth(dataSource: DataSource): Promise<number> {
  return dataSource.getRepository(WebhookDelivery).countBy({ status: WebhookDeliveryStatus.PENDING });
}

/** Due time of retry number `attempt` (1 = after the first failure): exponential, with jitter (half fixed, half random). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The provider's envelope, as POSTed (Bankly's field order). Reprovation
 * reasons stay with analysts: not sent. A document's refusal reasons
 * (IMAGE_TOO_SMALL, FLAT_IMAGE…) are sent: they tell the partner what photo to take again.
 */
export function envelopeOf(event: CustomerEvent, webhook: Webhook): Record<string, unknown> {
  const { reasons, ...rest } = event.data ?? {};
  const data = event.context === 'Document' && reasons !== undefined ? { ...rest, reasons } : rest;
  return {
    entityId: event.entityId,
    companyKey: webhook.ownerSubject,
    context: event.context,
    name: event.name,
    idempotencyKey: event.idempotencyKey,
    correlationId: event.correlationId,
    timestamp: new Date(event.timestamp).toISOString(),
    version: event.version,
    metadata: { sequence: event.sequence, status: event.status },
    data,
  };
}

/**
 * Sends due webhook deliveries. A delivery is claimed by one conditional
 * UPDATE (version moves on, status still PENDING, and its lease set to
 * WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS): of several workers exactly one wins,
 * and no lock is held during the HTTP call. The outcome is written only if
 * the version is still the claimed one. A worker that dies after its claim
 * leaves the delivery PENDING; once the lease ends another worker sends it
 * again, with the same webhook-id (at least once).
 *
 * Order: a delivery is due only when no earlier event of the same
 * registration for the same webhook is still PENDING (being tried or waiting
 * for a retry). FAILED ones do not hold the queue.
 */
/** One claimed and sent delivery, its outcome not yet recorded. */
interface SentAttempt {
  delivery: WebhookDelivery;
  /** The version this worker's claim set: the outcome is written only if it still holds. */
  version: number;
  attemptNumber: number;
  webhook: Webhook;
  event: CustomerEvent;
  at: Date;
  result: AttemptResult;
  outcome: 'SUCCEEDED' | 'RETRY' | 'FAILED';
}

export class WebhookDeliveryWorker {
  private loop: PollingLoop | null = null;

  private get stopped(): boolean {
    return this.loop?.stopping ?? false;
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    /** Its WORK_ENQUEUED signal (announceWork, after an event's deliveries commit) makes the loop poll at once. */
    private readonly bus: GatewayPubSub,
    private readonly onAttempt?: (result: AttemptResult, final: 'SUCCEEDED' | 'RETRY' | 'FAILED') => void,
  ) {}

  start({ keepProcessAlive = false } = {}): void {
    this.loop = new PollingLoop({
      name: 'webhook delivery worker',
      pollMs: this.config.workerPollMs,
      poll: () => this.runDue(),
      keepProcessAlive,
      bus: this.bus,
    });
    this.loop.start();
  }

  /** Stops polling and lets the attempts in flight finish and record their outcome. */
  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /**
   * Sends every delivery due now (in parallel across CPFs and webhooks); resolves to how many this worker attempted and
   * when the first delivery of the next poll interval falls due.
   */
  async runDue(now = new Date(), batchSize = 200): Promise<PollOutcome> {
    const rows = await this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin(Webhook, 'w', 'w.id = d.webhookId')
      .where('d.status = :pending AND d.nextAttemptAt <= :until AND w.status = :enabled', {
        pending: WebhookDeliveryStatus.PENDING,
        until: lookahead(now, this.config.workerPollMs),
        enabled: WebhookStatus.ENABLED,
      })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhookId = d.webhookId
        AND e.entityId = d.entityId AND e.sequence < d.sequence AND e.status = :pending)`,
      )
      .orderBy('d.nextAttemptAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      // LIMIT, not take(): each delivery has one webhook, so the join repeats no row, and take() would cost every poll a
      // second statement (TypeORM's DISTINCT pre-query for joins).
      .limit(batchSize)
      .getMany();
    const due = rows.filter((delivery) => delivery.nextAttemptAt <= now);
    const nextDueAt = rows.find((delivery) => delivery.nextAttemptAt > now)?.nextAttemptAt ?? null;
    if (due.length === 0) return { done: 0, nextDueAt };
    // The batch's webhooks and events in two statements; its attempts in parallel; their outcomes in one transaction.
    const webhooks = new Map(
      (await this.dataSource.getRepository(Webhook).findBy({ id: In([...new Set(due.map((d) => d.webhookId))]) })).map((w) => [w.id, w]),
    );
    const events = new Map(
      (await this.dataSource.getRepository(CustomerEvent).findBy({ id: In([...new Set(due.map((d) => d.eventId))]) })).map((e) => [e.id, e]),
    );
    const sent = await Promise.all(
      due.map((delivery) => {
        const webhook = webhooks.get(delivery.webhookId);
        const event = events.get(delivery.eventId);
        // A webhook or event deleted meanwhile: the cascade removes the delivery.
        return this.stopped || !webhook || !event ? null : this.attempt(delivery, webhook, event);
      }),
    );
    const attempted = sent.filter((s): s is SentAttempt => s !== null);
    await this.record(attempted);
    return { done: attempted.length, nextDueAt };
  }

  /**
   * A success clears `failingSince`; a failure sets it if unset, and once it is
   * older than WEBHOOK_DISABLE_AFTER_MS disables the webhook with the reason.
   */
  private async trackHealth(manager: EntityManager, webhook: Webhook, result: AttemptResult, at: Date): Promise<void> {
    if (result.succeeded) {
      await manager
        .createQueryBuilder()
        .update(Webhook)
        .set({ failingSince: null })
        .where('id = :id AND failingSince IS NOT NULL', { id: webhook.id })
        .execute();
      return;
    }
    await manager.createQueryBuilder().update(Webhook).set({ failingSince: at }).where('id = :id AND failingSince IS NULL', { id: webhook.id }).execute();
    const { disableAfterMs } = this.config.webhooks;
    const current = await manager.findOneBy(Webhook, { id: webhook.id });
    if (!disableAfterMs || !current?.failingSince || current.status !== WebhookStatus.ENABLED) return;
    const since = new Date(current.failingSince);
    if (at.getTime() - since.getTime() < disableAfterMs) return;
    const last = result.httpStatus !== null ? `HTTP ${result.httpStatus}` : result.errorClass;
    await manager.update(
      Webhook,
      { id: webhook.id },
      {
        status: WebhookStatus.DISABLED,
        disabledReason: `every delivery attempt has failed since ${since.toISOString()} (last: ${last}); re-enable with updateWebhook(status: ENABLED)`,
      },
    );
    logger.warn({ webhookId: webhook.id, failingSince: since.toISOString() }, 'webhook disabled after failing deliveries');
  }

  /** Claims one delivery and POSTs it; the outcome is recorded with the batch's (see record). Null when another worker has it. */
  private async attempt(delivery: WebhookDelivery, webhook: Webhook, event: CustomerEvent): Promise<SentAttempt | null> {
    const { timeoutMs, maxAttempts, allowedHosts } = this.config.webhooks;
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({
        version: () => 'version + 1',
        attemptCount: () => 'attemptCount + 1',
        nextAttemptAt: new Date(Date.now() + leaseMs(timeoutMs)),
      })
      .where('id = :id AND version = :version AND status = :pending', { id: delivery.id, version: delivery.version, pending: WebhookDeliveryStatus.PENDING })
      .execute();
    if (!claimed.affected) return null; // another worker has it
    const attemptNumber = delivery.attemptCount + 1;
    const body = JSON.stringify(envelopeOf(event, webhook));
    const at = new Date();
    let secrets: string[];
    try {
      secrets = signingSecrets(secretBoxFor(this.config), webhook, at);
    } catch {
      // Sealed under a key this process does not have (see secret-box.ts): a failed attempt, nothing sent, the batch goes on.
      logger.error({ webhookId: webhook.id }, 'webhook secret cannot be opened with WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_OLD_KEYS');
      const result = SECRET_UNAVAILABLE_ATTEMPT;
      return { delivery, version: delivery.version + 1, attemptNumber, webhook, event, at, result, outcome: attemptNumber >= maxAttempts ? 'FAILED' : 'RETRY' };
    }
    const result = await postOnce(webhook.url, body, signatureHeaders(secrets, event.idempotencyKey, body, at), { timeoutMs, allowedHosts });
    const outcome: SentAttempt['outcome'] = result.succeeded ? 'SUCCEEDED' : attemptNumber >= maxAttempts ? 'FAILED' : 'RETRY';
    return { delivery, version: delivery.version + 1, attemptNumber, webhook, event, at, result, outcome };
  }

  /**
   * The outcomes of a batch in one transaction (one commit, and on SQLite the
   * one shared connection never interleaves transactions). A worker that dies
   * before it commits leaves its deliveries to be sent again after the lease,
   * with the same webhook-id (at least once).
   */
  private async record(attempts: readonly SentAttempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const { backoffBaseMs, backoffMaxMs } = this.config.webhooks;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(
        WebhookAttempt,
        attempts.map(({ delivery, at, result }) => ({
          deliveryId: delivery.id,
          at,
          httpStatus: result.httpStatus,
          errorClass: result.errorClass,
          durationMs: result.durationMs,
          succeeded: result.succeeded,
        })),
      );
      for (const { delivery, version, attemptNumber, outcome } of attempts) {
        await manager
          .createQueryBuilder()
          .update(WebhookDelivery)
          .set(
            outcome === 'RETRY'
              ? { nextAttemptAt: new Date(Date.now() + backoffMs(attemptNumber, backoffBaseMs, backoffMaxMs)) }
              : { status: outcome === 'SUCCEEDED' ? WebhookDeliveryStatus.SUCCEEDED : WebhookDeliveryStatus.FAILED },
          )
          .where('id = :id AND version = :version', { id: delivery.id, version })
          .execute();
      }
      // Health once per webhook: its last attempt of the batch tells.
      const lastByWebhook = new Map(attempts.map((attempt) => [attempt.webhook.id, attempt]));
      for (const { webhook, result, at } of lastByWebhook.values()) await this.trackHealth(manager, webhook, result, at);
    });
    for (const { webhook, delivery, event, attemptNumber, result, outcome } of attempts) {
      logger.info(
        {
          webhookId: webhook.id,
          deliveryId: delivery.id,
          event: event.name,
          attempt: attemptNumber,
          httpStatus: result.httpStatus,
          errorClass: result.errorClass,
          durationMs: result.durationMs,
          outcome,
        },
        'webhook delivery attempt',
      );
      this.onAttempt?.(result, outcome);
    }
  }
}
