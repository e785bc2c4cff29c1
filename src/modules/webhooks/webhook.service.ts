import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isAnalyst } from '../../platform/security/policies';
import { Viewer } from '../../platform/security/viewer';
import { Config } from '../../platform/config';
import { GatewayPubSub } from '../../platform/events/pubsub';
import { announceWork } from '../../platform/jobs/polling';
import { contextOf, CustomerEventName } from '../onboarding';
import { CustomerEvent } from '../onboarding';
import { BusinessRuleError, Violations } from '../../platform/errors';
import { logger } from '../../platform/observability/logger';
import { testEnvelope, WEBHOOK_TEST } from './event-catalog';
import { SecretBox, secretBoxFor, signingSecrets } from '../../platform/security/secret-box';
import { AttemptResult, postOnce, SECRET_UNAVAILABLE_ATTEMPT, signatureHeaders } from './sender';
import { pendingDelivery } from './outbox';
import { checkUrl } from './webhook-url';
import { WEBHOOK_CONTEXTS, Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';
import { WebhookError } from './webhooks.errors';

export interface WebhookChanges {
  url?: string | null;
  eventNames?: string[] | null;
  context?: string | null;
  status?: WebhookStatus | null;
}

/** A Webhook with its secret, only as answered by createWebhook and rotateWebhookSecret. */
export type RevealedWebhook = Webhook & { revealedSecret?: string };

const KNOWN_EVENTS = new Set<string>(Object.values(CustomerEventName));

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The one context of `names`, or null when they span several (the stored `context`). */
export function contextOfNames(names: readonly string[]): string | null {
  const contexts = contextsOfNames(names);
  return contexts.length === 1 ? contexts[0] : null;
}

/** The contexts of `names`, in WEBHOOK_CONTEXTS order. */
export function contextsOfNames(names: readonly string[]): string[] {
  const present = new Set(names.filter((name) => KNOWN_EVENTS.has(name)).map((name) => contextOf(name as CustomerEventName)));
  return WEBHOOK_CONTEXTS.filter((context) => present.has(context));
}

/**
 * Seals every secret not sealed under the current key: secrets written before
 * encryption and, after a key rotation, those under a key now in
 * WEBHOOK_SECRET_OLD_KEYS. Run at every start-up; each row changes only if it
 * still holds what was read, so instances starting together agree. Returns
 * how many webhooks changed (their secrets are never logged).
 */
export async function reencryptWebhookSecrets(dataSource: DataSource, box: SecretBox): Promise<number> {
  const rows = await dataSource
    .getRepository(Webhook)
    .createQueryBuilder('w')
    .select(['w.id', 'w.secret', 'w.previousSecret'])
    .where('w.secret NOT LIKE :current OR (w.previousSecret IS NOT NULL AND w.previousSecret NOT LIKE :current)', { current: `v1:${box.currentId}:%` })
    .getMany();
  let changed = 0;
  const unopenable: number[] = [];
  for (const row of rows) {
    let sealed: { secret: string; previousSecret: string | null };
    try {
      sealed = { secret: box.reseal(row.secret), previousSecret: row.previousSecret === null ? null : box.reseal(row.previousSecret) };
    } catch {
      unopenable.push(row.id); // under a key no longer configured: left as is (its attempts fail SECRET_UNAVAILABLE until rotated)
      continue;
    }
    const update = dataSource.createQueryBuilder().update(Webhook).set(sealed).where('id = :id AND secret = :secret', { id: row.id, secret: row.secret });
    if (row.previousSecret === null) update.andWhere('previousSecret IS NULL');
    else update.andWhere('previousSecret = :previous', { previous: row.previousSecret });
    changed += (await update.execute()).affected ?? 0;
  }
  if (changed) logger.info({ webhooks: changed, keyId: box.currentId }, 'webhook secrets sealed under the current key');
  if (unopenable.length) {
    logger.error(
      { webhookIds: unopenable.slice(0, 100), count: unopenable.length },
      'webhook secrets sealed under a key that is neither WEBHOOK_SECRET_KEY nor in WEBHOOK_SECRET_OLD_KEYS',
    );
  }
  return changed;
}

/** What sendTestWebhookEvent answers: the one attempt's outcome. */
export interface TestDelivery extends AttemptResult {
  idempotencyKey: string;
  at: Date;
}

/**
 * Webhook use cases, free of GraphQL. A partner reaches only the webhooks
 * whose owner is its token subject (another's id answers WEBHOOK_NOT_FOUND,
 * as an unknown one does); analysts reach all. Input is checked in full
 * (URL rules with a DNS lookup included) before anything is written.
 */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    /** Told of deliveries queued here (redelivery, a webhook enabled again): the delivery workers poll at once. */
    private readonly bus: GatewayPubSub,
  ) {}

  private get box(): SecretBox {
    return secretBoxFor(this.config);
  }

  private resealedOrNull(stored: string): string | null {
    try {
      return this.box.reseal(stored);
    } catch {
      return null;
    }
  }

  /**
   * `current`: the webhook being changed. A webhook's names may span several
   * contexts; `context`, when given (the argument of the one-context API, kept
   * working), still restricts them: a name of another context is refused
   * EVENT_NOT_IN_CONTEXT.
   */
  private async validate(changes: WebhookChanges, violations = new Violations(), current?: Webhook): Promise<void> {
    if (changes.url !== undefined && changes.url !== null) {
      const refusal = await checkUrl(changes.url.trim(), this.config.webhooks.allowedHosts);
      if (refusal) violations.add('input.url', refusal.code, refusal.message);
    }
    if (changes.eventNames !== undefined && changes.eventNames !== null) {
      if (changes.eventNames.length === 0) violations.add('input.eventNames', WebhookError.REQUIRED, 'at least one event name');
      const unknown = changes.eventNames.filter((name) => !KNOWN_EVENTS.has(name));
      if (unknown.length) violations.add('input.eventNames', WebhookError.UNKNOWN_EVENT_NAME, `unknown event names: ${unknown.join(', ')}`);
    }
    if (changes.context !== undefined && changes.context !== null) {
      if (!(WEBHOOK_CONTEXTS as readonly string[]).includes(changes.context)) {
        violations.add('input.context', WebhookError.UNKNOWN_CONTEXT, `context must be one of ${WEBHOOK_CONTEXTS.join(', ')}`);
      } else {
        const names = (changes.eventNames ?? current?.eventNames ?? []).filter((name) => KNOWN_EVENTS.has(name));
        const foreign = names.filter((name) => contextOf(name as CustomerEventName) !== changes.context);
        if (foreign.length) {
          violations.add(
            'input.eventNames',
            WebhookError.EVENT_NOT_IN_CONTEXT,
            `not events of context ${changes.context}: ${foreign.join(', ')} (omit context to subscribe to events of several contexts)`,
          );
        }
      }
    }
    violations.throwIfAny();
  }

  async create(viewer: Viewer, input: { url: string; eventNames: string[]; context?: string | null }): Promise<RevealedWebhook> {
    await this.validate(input);
    const secret = newSecret();
    const eventNames = [...new Set(input.eventNames)] as CustomerEventName[];
    const webhook = await this.dataSource.getRepository(Webhook).save({
      ownerSubject: viewer.subject,
      url: input.url.trim(),
      eventNames,
      context: contextOfNames(eventNames),
      status: WebhookStatus.ENABLED,
      secret: this.box.seal(secret),
      previousSecret: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      disabledReason: null,
    });
    return Object.assign(webhook, { revealedSecret: secret });
  }

  /**
   * The webhook if `viewer` may reach it (`ownerOnly`: only its partner, never
   * staff, for answers that carry its secret); WEBHOOK_NOT_FOUND otherwise.
   */
  async get(viewer: Viewer, id: number, ownerOnly = false): Promise<Webhook> {
    const webhook = await this.dataSource.getRepository(Webhook).findOneBy({ id });
    if (!webhook || ((ownerOnly || !isAnalyst(viewer)) && webhook.ownerSubject !== viewer.subject)) {
      throw new BusinessRuleError(WebhookError.WEBHOOK_NOT_FOUND, `No webhook ${id}.`);
    }
    return webhook;
  }

  async update(viewer: Viewer, id: number, changes: WebhookChanges): Promise<Webhook> {
    const violations = new Violations();
    const webhook = await this.get(viewer, id);
    await this.validate(changes, violations, webhook);
    const patch: Partial<Webhook> = {};
    if (changes.url) patch.url = changes.url.trim();
    if (changes.eventNames) patch.eventNames = [...new Set(changes.eventNames)] as CustomerEventName[];
    if (patch.eventNames) patch.context = contextOfNames(patch.eventNames);
    if (changes.status) patch.status = changes.status;
    if (changes.status === WebhookStatus.ENABLED) Object.assign(patch, { disabledReason: null, failingSince: null });
    if (Object.keys(patch).length) await this.dataSource.getRepository(Webhook).update({ id: webhook.id }, patch);
    if (changes.status === WebhookStatus.ENABLED) announceWork(this.bus); // its PENDING deliveries are due again
    return this.dataSource.getRepository(Webhook).findOneByOrFail({ id: webhook.id });
  }

  /** Deletes the webhook with its deliveries and their attempts. */
  async delete(viewer: Viewer, id: number): Promise<boolean> {
    const webhook = await this.get(viewer, id);
    await this.dataSource.getRepository(Webhook).delete({ id: webhook.id });
    return true;
  }

  /** A new secret, for the owning partner only; the old one keeps signing too (second signature) for WEBHOOK_SECRET_GRACE_MS. */
  async rotateSecret(viewer: Viewer, id: number): Promise<RevealedWebhook> {
    const webhook = await this.get(viewer, id, true);
    const secret = newSecret();
    await this.dataSource.getRepository(Webhook).update(
      { id: webhook.id },
      {
        secret: this.box.seal(secret),
        // Sealed under the current key; null when no configured key opens it (rotating is then how a partner recovers).
        previousSecret: this.resealedOrNull(webhook.secret),
        previousSecretExpiresAt: new Date(Date.now() + this.config.webhooks.secretGraceMs),
      },
    );
    const rotated = await this.dataSource.getRepository(Webhook).findOneByOrFail({ id: webhook.id });
    return Object.assign(rotated, { revealedSecret: secret });
  }

  /** Queries for `webhooks` and `webhookDeliveries`, limited to what `viewer` may see. */
  webhooksQuery(viewer: Viewer) {
    const query = this.dataSource.getRepository(Webhook).createQueryBuilder('w');
    if (!isAnalyst(viewer)) query.where('w.ownerSubject = :owner', { owner: viewer.subject });
    return query;
  }

  deliveriesQuery(
    viewer: Viewer,
    filter: {
      webhookId?: number | null;
      status?: WebhookDeliveryStatus | null;
      eventName?: CustomerEventName | null;
      entityId?: string | null;
      from?: Date | null;
      to?: Date | null;
    } = {},
  ) {
    const query = this.dataSource.getRepository(WebhookDelivery).createQueryBuilder('d');
    query.where('1 = 1');
    if (!isAnalyst(viewer)) {
      query.andWhere('EXISTS (SELECT 1 FROM webhooks o WHERE o.id = d.webhookId AND o.ownerSubject = :owner)', { owner: viewer.subject });
    }
    if (filter.webhookId != null) query.andWhere('d.webhookId = :webhookId', { webhookId: filter.webhookId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.eventName) query.andWhere('d.eventName = :eventName', { eventName: filter.eventName });
    if (filter.entityId) query.andWhere('d.entityId = :entityId', { entityId: filter.entityId });
    if (filter.from) query.andWhere('d.createdAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.createdAt < :to', { to: filter.to });
    return query;
  }

  /**
   * POSTs a signed WEBHOOK_TEST event to the webhook now, once (no retry, not
   * in the outbox, whatever its status and subscriptions), through the same
   * sender as deliveries: URL rules, connected-address check, timeout, no
   * redirect, answer body unread. Answers the attempt's outcome.
   */
  async sendTest(viewer: Viewer, id: number): Promise<TestDelivery> {
    const webhook = await this.get(viewer, id);
    const at = new Date();
    const idempotencyKey = randomUUID();
    const body = JSON.stringify(testEnvelope(webhook, idempotencyKey, randomUUID(), at));
    const { timeoutMs, allowedHosts } = this.config.webhooks;
    let secrets: string[];
    try {
      secrets = signingSecrets(this.box, webhook, at);
    } catch {
      return { ...SECRET_UNAVAILABLE_ATTEMPT, idempotencyKey, at }; // as a delivery attempt would
    }
    const result = await postOnce(webhook.url, body, signatureHeaders(secrets, idempotencyKey, body, at), { timeoutMs, allowedHosts });
    logger.info(
      { webhookId: webhook.id, event: WEBHOOK_TEST, httpStatus: result.httpStatus, errorClass: result.errorClass, durationMs: result.durationMs },
      'webhook test event',
    );
    return { ...result, idempotencyKey, at };
  }

  /**
   * Queues the event for the webhook again, with the same webhook-id (its
   * idempotency key) and a fresh attempt budget; the attempt log is kept. A
   * delivery still PENDING is left as it is. A webhook subscribed after the
   * event gets a first delivery of it.
   */
  async redeliver(viewer: Viewer, idempotencyKey: string, webhookId: number): Promise<WebhookDelivery> {
    const webhook = await this.get(viewer, webhookId);
    const event = await this.dataSource.getRepository(CustomerEvent).findOneBy({ idempotencyKey });
    // Events of another partner's customers are as unknown as missing ones.
    if (!event || event.registeredBy !== webhook.ownerSubject) {
      throw new BusinessRuleError(WebhookError.EVENT_NOT_FOUND, `No event with idempotency key ${idempotencyKey}.`);
    }
    if (!webhook.eventNames.includes(event.name)) {
      throw new BusinessRuleError(WebhookError.EVENT_NOT_SUBSCRIBED, `Webhook ${webhook.id} is not subscribed to ${event.name}.`);
    }
    const deliveries = this.dataSource.getRepository(WebhookDelivery);
    const existing = await deliveries.findOneBy({ webhookId: webhook.id, eventId: event.id });
    if (!existing) {
      await deliveries.insert(pendingDelivery(webhook.id, event, new Date()));
    } else if (existing.status !== WebhookDeliveryStatus.PENDING) {
      await deliveries
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ status: WebhookDeliveryStatus.PENDING, attemptCount: 0, nextAttemptAt: new Date(), version: () => 'version + 1' })
        .where('id = :id AND status <> :pending', { id: existing.id, pending: WebhookDeliveryStatus.PENDING })
        .execute();
    }
    announceWork(this.bus);
    return deliveries.findOneByOrFail({ webhookId: webhook.id, eventId: event.id });
  }
}
