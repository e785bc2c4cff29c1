import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CustomerEventMessage, GatewayPubSub } from '../shared/pubsub';
import { CustomerEventName, RegistrationStatus } from './onboarding.enums';
import { CustomerEvent, CustomerRegistration } from './registration.entities';
import { enqueueDeliveries } from '../webhooks/outbox';

/** Version of our event envelope (Bankly's `version` field). */
export const EVENT_VERSION = 1;

/**
 * Appends an event to a registration's history inside the caller's
 * transaction. The unique (registration, name) index makes a second copy of
 * the same event impossible, whatever the workers do. In the same
 * transaction, the event's webhook deliveries join the outbox (src/webhooks).
 */
export async function appendEvent(
  manager: EntityManager,
  registration: CustomerRegistration,
  name: CustomerEventName,
  data: Record<string, unknown>,
  now: Date,
): Promise<CustomerEvent> {
  const sequence = (await manager.countBy(CustomerEvent, { registrationId: registration.id })) + 1;
  const event = await manager.save(
    manager.create(CustomerEvent, {
      registrationId: registration.id,
      sequence,
      name,
      context: 'Customer',
      entityId: registration.documentNumber,
      idempotencyKey: randomUUID(),
      correlationId: registration.correlationId,
      timestamp: now,
      version: EVENT_VERSION,
      status: registration.status as RegistrationStatus,
      data,
    }),
  );
  await enqueueDeliveries(manager, event, registration.registeredBy);
  return event;
}

export function toMessage(event: CustomerEvent): CustomerEventMessage {
  const { id: _id, registration: _registration, ...message } = event;
  return message;
}

/** Publishes committed events, in order, to subscribers on every instance. */
export function publishEvents(pubSub: GatewayPubSub, events: CustomerEvent[]): void {
  for (const event of events) pubSub.publish('CUSTOMER_EVENT', event.entityId, toMessage(event));
}
