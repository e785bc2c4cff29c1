import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isAnalyst } from '../auth/policies';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { contextOf, CustomerEventName } from '../onboarding/onboarding.enums';
import { CustomerEvent } from '../onboarding/registration.entities';
import { BusinessRuleError, Violations } from '../shared/errors';
import { checkUrl } from './webhook-url';
import { WEBHOOK_CONTEXTS, Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';

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

/**
 * Webhook use cases, free of GraphQL. A partner reaches only the webhooks
 * whose owner is its token subject (another's id answers WEBHOOK_NOT_FOUND,
 * as an unknown one does); analysts reach all. Input is checked in full
 * (URL rules with a DNS lookup included) before anything is written.
 */
export class WebhookService {
  constructor(private readonly dataSource: DataSource, private readonly config: Config) {}

  /** `current`: the webhook being changed, whose context or names the change keeps. */
  private async validate(changes: WebhookChanges, violations = new Violations(), current?: Webhook): Promise<void> {
    if (changes.url !== undefined && changes.url !== null) {
      const refusal = await checkUrl(changes.url.trim(), this.config.webhooks.allowedHosts);
      if (refusal) violations.add('input.url', refusal.code, refusal.message);
    }
    if (changes.eventNames !== undefined && changes.eventNames !== null) {
      if (changes.eventNames.length === 0) violations.add('input.eventNames', 'REQUIRED', 'at least one event name');
      const unknown = changes.eventNames.filter((name) => !KNOWN_EVENTS.has(name));
      if (unknown.length) violations.add('input.eventNames', 'UNKNOWN_EVENT_NAME', `unknown event names: ${unknown.join(', ')}`);
    }
    if (changes.context !== undefined && changes.context !== null && !(WEBHOOK_CONTEXTS as readonly string[]).includes(changes.context)) {
      violations.add('input.context', 'UNKNOWN_CONTEXT', `context must be one of ${WEBHOOK_CONTEXTS.join(', ')}`);
    } else {
      const context = changes.context ?? current?.context ?? WEBHOOK_CONTEXTS[0];
      const names = (changes.eventNames ?? current?.eventNames ?? []).filter((name) => KNOWN_EVENTS.has(name));
      const foreign = names.filter((name) => contextOf(name as CustomerEventName) !== context);
      if (foreign.length) violations.add('input.eventNames', 'EVENT_NOT_IN_CONTEXT', `not events of context ${context}: ${foreign.join(', ')}`);
    }
    violations.throwIfAny();
  }

  async create(viewer: Viewer, request: { url: string; eventNames: string[]; context?: string | null }): Promise<RevealedWebhook> {
    const input = { ...request, context: request.context ?? WEBHOOK_CONTEXTS[0] };
    await this.validate(input);
    const secret = newSecret();
    const webhook = await this.dataSource.getRepository(Webhook).save({
      ownerSubject: viewer.subject,
      url: input.url.trim(),
      eventNames: [...new Set(input.eventNames)] as CustomerEventName[],
      context: input.context,
      status: WebhookStatus.ENABLED,
      secret,
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
      throw new BusinessRuleError('WEBHOOK_NOT_FOUND', `No webhook ${id}.`);
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
    if (changes.context) patch.context = changes.context;
    if (changes.status) patch.status = changes.status;
    if (changes.status === WebhookStatus.ENABLED) Object.assign(patch, { disabledReason: null, failingSince: null });
    if (Object.keys(patch).length) await this.dataSource.getRepository(Webhook).update({ id: webhook.id }, patch);
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
    await this.dataSource.getRepository(Webhook).update({ id: webhook.id }, {
      secret,
      previousSecret: webhook.secret,
      previousSecretExpiresAt: new Date(Date.now() + this.config.webhooks.secretGraceMs),
    });
    const rotated = await this.dataSource.getRepository(Webhook).findOneByOrFail({ id: webhook.id });
    return Object.assign(rotated, { revealedSecret: secret });
  }

  /** Queries for `webhooks` and `webhookDeliveries`, limited to what `viewer` may see. */
  webhooksQuery(viewer: Viewer) {
    const query = this.dataSource.getRepository(Webhook).createQueryBuilder('w');
    if (!isAnalyst(viewer)) query.where('w.ownerSubject = :owner', { owner: viewer.subject });
    return query;
  }

  deliveriesQuery(viewer: Viewer, filter: { webhookId?: number | null; status?: WebhookDeliveryStatus | null; eventName?: CustomerEventName | null; entityId?: string | null; from?: Date | null; to?: Date | null } = {}) {
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
      throw new BusinessRuleError('EVENT_NOT_FOUND', `No event with idempotency key ${idempotencyKey}.`);
    }
    if (!webhook.eventNames.includes(event.name) || webhook.context !== event.context) {
      throw new BusinessRuleError('EVENT_NOT_SUBSCRIBED', `Webhook ${webhook.id} is not subscribed to ${event.name}.`);
    }
    const deliveries = this.dataSource.getRepository(WebhookDelivery);
    const existing = await deliveries.findOneBy({ webhookId: webhook.id, eventId: event.id });
    if (!existing) {
      await deliveries.insert({
        webhookId: webhook.id, eventId: event.id, sequence: event.sequence, eventName: event.name,
        entityId: event.entityId, idempotencyKey: event.idempotencyKey, status: WebhookDeliveryStatus.PENDING,
        attemptCount: 0, nextAttemptAt: new Date(), version: 0,
      });
    } else if (existing.status !== WebhookDeliveryStatus.PENDING) {
      await deliveries.createQueryBuilder().update(WebhookDelivery)
        .set({ status: WebhookDeliveryStatus.PENDING, attemptCount: 0, nextAttemptAt: new Date(), version: () => 'version + 1' })
        .where('id = :id AND status <> :pending', { id: existing.id, pending: WebhookDeliveryStatus.PENDING })
        .execute();
    }
    return deliveries.findOneByOrFail({ webhookId: webhook.id, eventId: event.id });
  }
}


