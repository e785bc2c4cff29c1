import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { runOutboxHooks } from '../../platform/events/outbox';
import { CustomerEventMessage, GatewayPubSub } from '../../platform/events/pubsub';
import { announceWork } from '../../platform/jobs/polling';
import { contextOf, CustomerEventName, RegistrationStatus } from './onboarding.enums';
import { CustomerEvent, CustomerRegistration, EventStream } from './registration.entities';

/** Version of our event envelope (Bankly's `version` field). */
export const EVENT_VERSION = 1;

/** Whose history an event joins, and what it carries of its owner. */
export interface EventOwner {
  /** CPF: the history's key; events are numbered per CPF across contexts. */
  documentNumber: string;
  /** Null before the CPF has a registration (document analyses). */
  registrationId: number | null;
  correlationId: string;
  /** Token subject of the partner whose webhooks receive the event. */
  registeredBy: string | null;
  /** The registration's status after the event; null without a registration. */
  status: RegistrationStatus | null;
}

export function registrationOwner(registration: CustomerRegistration): EventOwner {
  return {
    documentNumber: registration.documentNumber,
    registrationId: registration.id,
    correlationId: registration.correlationId,
    registeredBy: registration.registeredBy,
    status: registration.status,
  };
}

/**
 * The CPF's next sequence number, inside the caller's transaction: one upsert
 * of the CPF's counter row, which stays locked until commit (InnoDB record
 * lock; SQLite's write lock), so appends for one CPF queue instead of
 * colliding. An UPDATE-then-INSERT would take a gap lock on MySQL for a CPF's
 * first event, and two such transactions deadlock on their INSERTs.
 */
async function nextSequence(manager: EntityManager, entityId: string): Promise<number> {
  // A history older than the counter continues after its last event (a plain read: no lock taken).
  const { last } =
    (await manager.createQueryBuilder(CustomerEvent, 'e').select('MAX(e.sequence)', 'last').where('e.entityId = :entityId', { entityId }).getRawOne()) ?? {};
  const first = Number(last ?? 0) + 1;
  const upsert =
    manager.connection.options.type === 'better-sqlite3'
      ? 'INSERT INTO event_streams (entityId, lastSequence) VALUES (?, ?) ON CONFLICT (entityId) DO UPDATE SET lastSequence = lastSequence + 1'
      : 'INSERT INTO event_streams (entityId, lastSequence) VALUES (?, ?) ON DUPLICATE KEY UPDATE lastSequence = lastSequence + 1';
  await manager.query(upsert, [entityId, first]);
  return (await manager.findOneByOrFail(EventStream, { entityId })).lastSequence;
}

/**
 * Appends an event to a CPF's history inside the caller's transaction; its
 * context follows from its name. The unique (CPF, sequence) index backs the
 * counter. In the same transaction, the event's webhook deliveries join the
 * outbox (src/modules/webhooks): they commit or vanish together.
 */
export async function appendEvent(
  manager: EntityManager,
  owner: EventOwner,
  name: CustomerEventName,
  data: Record<string, unknown>,
  now: Date,
): Promise<CustomerEvent> {
  const sequence = await nextSequence(manager, owner.documentNumber);
  const event = await manager.save(
    manager.create(CustomerEvent, {
      registrationId: owner.registrationId,
      sequence,
      name,
      context: contextOf(name),
      entityId: owner.documentNumber,
      idempotencyKey: randomUUID(),
      correlationId: owner.correlationId,
      registeredBy: owner.registeredBy,
      timestamp: now,
      version: EVENT_VERSION,
      status: owner.status,
      data,
    }),
  );
  await runOutboxHooks(manager, event); // e.g. webhook deliveries (src/modules/webhooks/outbox.ts)
  return event;
}

export function toMessage(event: CustomerEvent): CustomerEventMessage {
  const { id: _id, registration: _registration, registeredBy: _registeredBy, ...message } = event;
  return message;
}

/** Publishes committed events, in order, to subscribers on every instance. */
export function publishEvents(pubSub: GatewayPubSub, events: CustomerEvent[]): void {
  for (const event of events) pubSub.publish('CUSTOMER_EVENT', event.entityId, toMessage(event));
  // The transaction that recorded them may have queued work with them (an evaluation, an analysis, webhook deliveries).
  if (events.length) announceWork(pubSub);
}
