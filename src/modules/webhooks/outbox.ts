import { EntityManager } from 'typeorm';
import { CustomerEvent } from '../onboarding';
import { Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';

/** The row of a delivery of `event` to a webhook, due at `dueAt`, with a full attempt budget. */
export function pendingDelivery(webhookId: number, event: CustomerEvent, dueAt: Date) {
  return {
    webhookId,
    eventId: event.id,
    sequence: event.sequence,
    eventName: event.name,
    entityId: event.entityId,
    idempotencyKey: event.idempotencyKey,
    status: WebhookDeliveryStatus.PENDING,
    attemptCount: 0,
    nextAttemptAt: dueAt,
    version: 0,
  };
}

/**
 * The outbox: called inside the transaction that records `event`, it writes
 * one PENDING delivery per enabled webhook of the partner whose request
 * started the event's history (`event.registeredBy`, its token subject)
 * subscribed to the event's name (whatever its context: one webhook may take
 * events of several): a partner never receives events
 * of another partner's customers. The event and its deliveries commit (or
 * vanish) together.
 */
export async function enqueueDeliveries(manager: EntityManager, event: CustomerEvent): Promise<number> {
  const registeredBy = event.registeredBy;
  if (!registeredBy) return 0;
  const webhooks = await manager.find(Webhook, { where: { status: WebhookStatus.ENABLED, ownerSubject: registeredBy } });
  const rows = webhooks.filter((webhook) => webhook.eventNames.includes(event.name)).map((webhook) => pendingDelivery(webhook.id, event, event.timestamp));
  if (rows.length) await manager.insert(WebhookDelivery, rows);
  return rows.length;
}
