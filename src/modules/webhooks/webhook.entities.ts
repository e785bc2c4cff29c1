import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CreatedAtColumn, EnumColumn, IdentityColumn, TextColumn, UpdatedAtColumn } from '../../platform/data/columns';
import { CustomerEventName, EVENT_CONTEXTS } from '../onboarding';
import { CustomerEvent } from '../onboarding';
import { DateTimeScalar } from '../../platform/scalars';

/**
 * Partner webhooks: subscriptions (`webhooks`), the durable outbox of
 * deliveries (`webhook_deliveries`, one row per event and webhook, written in
 * the transaction that records the event) and the log of every attempt
 * (`webhook_attempts`).
 */

export enum WebhookStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookStatus, { name: 'WebhookStatus', description: 'Only ENABLED webhooks receive new events.' });

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: waiting for its (next) attempt; SUCCEEDED: a 2xx answer; FAILED: WEBHOOK_MAX_ATTEMPTS attempts without one.',
});

/** Bankly's `context`s: a webhook subscribes to event names of one or several. */
export const WEBHOOK_CONTEXTS = EVENT_CONTEXTS;

@ObjectType('Webhook', { description: "A partner's subscription to customer events." })
@Entity('webhooks')
export class Webhook {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Token subject of the partner that created it: it alone (and analysts) may see or change it. */
  @Index()
  @IdentityColumn()
  ownerSubject!: string;

  @Field({ description: 'Where events are POSTed: https (plain http only for WEBHOOK_ALLOWED_HOSTS).' })
  @TextColumn(2000)
  url!: string;

  @Field(() => [CustomerEventName])
  @Column({ type: 'simple-json' })
  eventNames!: CustomerEventName[];

  @Field(() => String, {
    nullable: true,
    description: 'The one context of its event names (`Customer`, `Account` or `Document`); null when they span several: see `contexts`.',
  })
  @TextColumn(20, { nullable: true })
  context!: string | null;

  @Field(() => WebhookStatus)
  @EnumColumn(WebhookStatus)
  status!: WebhookStatus;

  /**
   * Standard Webhooks secret (`whsec_` + base64), shown once, on creation or
   * rotation; stored sealed with AES-256-GCM (`v1:…`, see ./secret-box.ts).
   */
  @TextColumn(300)
  secret!: string;

  /** The secret before the last rotation, sealed: deliveries carry a signature with it too until `previousSecretExpiresAt`. */
  @TextColumn(300, { nullable: true })
  previousSecret!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Until when deliveries are also signed with the secret before the last rotation.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when every attempt has failed; null after a success.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  failingSince!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the gateway disabled the webhook (WEBHOOK_DISABLE_AFTER_MS of failures); null otherwise.' })
  @TextColumn(300, { nullable: true })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar)
  @CreatedAtColumn()
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @UpdatedAtColumn()
  updatedAt!: Date;
}

@ObjectType('WebhookDelivery', { description: 'One event for one webhook, with its attempts.' })
@Entity('webhook_deliveries')
@Index(['webhookId', 'eventId'], { unique: true })
@Index(['status', 'nextAttemptAt'])
@Index(['webhookId', 'entityId', 'sequence'])
export class WebhookDelivery {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  webhookId!: number;

  @ManyToOne(() => Webhook, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  webhook?: Relation<Webhook>;

  @Column({ type: 'integer' })
  eventId!: number;

  @ManyToOne(() => CustomerEvent, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  event?: Relation<CustomerEvent>;

  @Field(() => Int, { description: "The event's position in its CPF's history: deliveries of one CPF to one webhook go in this order." })
  @Column({ type: 'integer' })
  sequence!: number;

  @Field(() => CustomerEventName)
  @EnumColumn(CustomerEventName)
  eventName!: CustomerEventName;

  @Field({ description: "The customer's document number (CPF)." })
  @Index()
  @TextColumn(11)
  entityId!: string;

  @Field({ description: "The event's idempotency key, sent as `webhook-id` on every attempt." })
  @TextColumn(36)
  idempotencyKey!: string;

  @Field(() => WebhookDeliveryStatus)
  @EnumColumn(WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  /**
   * Claims of the current round, the attempt budget's counter (a redelivery
   * starts a new round). Clients see the `attemptCount` field resolver instead:
   * every recorded attempt, redeliveries included.
   */
  @Column({ type: 'integer', default: 0 })
  attemptCount!: number;

  /** Due time of the next attempt; while an attempt runs, the end of its lease. Shown only while PENDING (field resolver). */
  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  /** Moved on by every claim: two workers never send one delivery at once. */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Field(() => DateTimeScalar)
  @CreatedAtColumn()
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @UpdatedAtColumn()
  updatedAt!: Date;
}

@ObjectType('WebhookAttempt', { description: "One POST of a delivery. The receiver's answer body is never kept." })
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @Column({ type: 'integer' })
  deliveryId!: number;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  delivery?: Relation<WebhookDelivery>;

  @Field(() => DateTimeScalar)
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when there was none.' })
  @Column({ type: 'integer', nullable: true })
  httpStatus!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why no answer: TIMEOUT, CONNECTION_ERROR, URL_NOT_ALLOWED, DNS_ERROR, SECRET_UNAVAILABLE (the secret is sealed under a key the gateway no longer has).',
  })
  @TextColumn(40, { nullable: true })
  errorClass!: string | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  durationMs!: number;

  @Field()
  @Column({ type: 'boolean' })
  succeeded!: boolean;
}
