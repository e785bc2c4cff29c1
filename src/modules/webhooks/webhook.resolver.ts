import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, InputType, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Viewer } from '../../platform/security/viewer';
import { CustomerEventName } from '../onboarding';
import { GatewayContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs, paginate } from '../../platform/pagination';
import { DateTimeScalar } from '../../platform/scalars';
import { GraphQLJSONObject } from 'graphql-scalars';
import { EVENT_TYPES, exampleEnvelope, WEBHOOK_TEST } from './event-catalog';
import { contextsOfNames, RevealedWebhook } from './webhook.service';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'https URL (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS).' })
  url!: string;

  @Field(() => [String], { description: 'Event names (CustomerEventName values, of any contexts: see webhookEventTypes) to receive.' })
  eventNames!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Optional: `Customer`, `Account` or `Document` restricts the event names to that context (EVENT_NOT_IN_CONTEXT otherwise). Omit it to subscribe to events of several contexts.',
  })
  context?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  eventNames?: string[] | null;

  @Field(() => String, { nullable: true, description: 'As in createWebhook: restricts the (new or current) event names to one context.' })
  context?: string | null;

  @Field(() => WebhookStatus, { nullable: true, description: 'DISABLED stops deliveries (pending ones wait); ENABLED resumes them.' })
  status?: WebhookStatus | null;
}

@InputType()
export class WebhookDeliveryFilter {
  @Field(() => Int, { nullable: true })
  webhookId?: number | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  status?: WebhookDeliveryStatus | null;

  @Field(() => CustomerEventName, { nullable: true })
  eventName?: CustomerEventName | null;

  @Field(() => String, { nullable: true, description: 'CPF of the event.' })
  entityId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Deliveries created at or after.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Deliveries created before.' })
  to?: Date | null;
}

@ObjectType({ description: "One field of an event's `data`." })
class WebhookEventDataField {
  @Field()
  name!: string;

  @Field({ description: 'GraphQL-style type, e.g. String, [String], DateTime, CancelReason.' })
  type!: string;

  @Field()
  description!: string;
}

@ObjectType({ description: 'An event a webhook can receive, with an example of the envelope POSTed.' })
class WebhookEventType {
  @Field({ description: "The envelope's `name`." })
  name!: string;

  @Field({ description: "The envelope's `context`: Customer, Account, Document (Webhook for WEBHOOK_TEST)." })
  context!: string;

  @Field()
  description!: string;

  @Field({ description: 'Whether createWebhook accepts it in eventNames (WEBHOOK_TEST is sent on request only).' })
  subscribable!: boolean;

  @Field(() => [WebhookEventDataField], { description: 'What `data` carries.' })
  dataFields!: WebhookEventDataField[];

  @Field(() => GraphQLJSONObject, { description: 'A complete example envelope, as POSTed.' })
  example!: Record<string, unknown>;
}

@ObjectType({ description: "The outcome of sendTestWebhookEvent's one attempt (not retried, not in webhookDeliveries)." })
class WebhookTestDelivery {
  @Field({ description: "The test event's idempotencyKey, sent as webhook-id." })
  idempotencyKey!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when there was none.' })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why no answer: TIMEOUT, CONNECTION_ERROR, URL_NOT_ALLOWED, DNS_ERROR, SECRET_UNAVAILABLE.' })
  errorClass!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field({ description: 'A 2xx answer within WEBHOOK_TIMEOUT_MS.' })
  succeeded!: boolean;
}

@ObjectType()
class WebhookConnection extends ConnectionType(Webhook, 'Webhook') {}

@ObjectType()
class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery, 'WebhookDelivery') {}

const viewerOf = (context: GatewayContext): Viewer => context.viewer!;

@Resolver(() => Webhook)
export class WebhookResolver {
  @Mutation(() => Webhook, { description: 'Subscribes the caller to customer events. The answer carries the signing secret: the only time it is shown.' })
  createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() context: GatewayContext) {
    return context.webhooks.create(viewerOf(context), input);
  }
  @Mutation(() => Webhook, { description: "Changes the URL, events, context or status of one of the caller's webhooks." })
  updateWebhook(@Arg('id', () => Int) id: number, @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput, @Ctx() context: GatewayContext) {
    return context.webhooks.update(viewerOf(context), id, input);
  }
  @Mutation(() => Boolean, { description: "Deletes one of the caller's webhooks, with its delivery log." })
  deleteWebhook(@Arg('id', () => Int) id: number, @Ctx() context: GatewayContext) {
    return context.webhooks.delete(viewerOf(context), id);
  }
  @Mutation(() => Webhook, {
    description:
      'A new signing secret, shown in the answer only, to the owning partner only. For WEBHOOK_SECRET_GRACE_MS (24 h by default) deliveries carry a second ' +
      'signature made with the old secret, so a receiver can switch without losing events; after that only the new secret verifies.',
  })
  rotateWebhookSecret(@Arg('id', () => Int) id: number, @Ctx() context: GatewayContext) {
    return context.webhooks.rotateSecret(viewerOf(context), id);
  }
  @Query(() => WebhookConnection, { description: "The caller's webhooks (analysts: every partner's)." })
  webhooks(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return paginate(context.webhooks.webhooksQuery(viewerOf(context)), page, context.config.maxPageSize, info);
  }
  @Query(() => WebhookDeliveryConnection, { description: "Deliveries to the caller's webhooks, oldest first, each with its attempts." })
  webhookDeliveries(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true }) filter: WebhookDeliveryFilter | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return paginate(context.webhooks.deliveriesQuery(viewerOf(context), filter ?? {}), page, context.config.maxPageSize, info);
  }
  @Mutation(() => WebhookDelivery, {
    description: 'Sends an event to a webhook again, with the same webhook-id, and a fresh attempt budget (a delivery still PENDING is left as is).',
  })
  redeliverWebhookEvent(@Arg('idempotencyKey') idempotencyKey: string, @Arg('webhookId', () => Int) webhookId: number, @Ctx() context: GatewayContext) {
    return context.webhooks.redeliver(viewerOf(context), idempotencyKey, webhookId);
  }

  @Mutation(() => WebhookTestDelivery, {
    description: "POSTs a signed WEBHOOK_TEST event to one of the caller's webhooks now, once, whatever its status and event names, and answers the outcome.",
  })
  sendTestWebhookEvent(@Arg('id', () => Int) id: number, @Ctx() context: GatewayContext) {
    return context.webhooks.sendTest(viewerOf(context), id);
  }

  @Query(() => [WebhookEventType], { description: 'Every event a webhook can receive: name, context, data fields and an example envelope.' })
  webhookEventTypes(): WebhookEventType[] {
    return EVENT_TYPES.map((type) => ({
      name: type.name,
      context: type.context,
      description: type.description,
      subscribable: type.name !== WEBHOOK_TEST,
      dataFields: type.dataFields,
      example: exampleEnvelope(type),
    }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The signing secret: only in the answers of createWebhook and rotateWebhookSecret, null elsewhere.',
  })
  secret(@Root() webhook: RevealedWebhook): string | null {
    return webhook.revealedSecret ?? null;
  }

  @FieldResolver(() => [String], { description: 'The contexts of its event names (one webhook, one secret, several contexts).' })
  contexts(@Root() webhook: Webhook): string[] {
    return contextsOfNames(webhook.eventNames);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first (redeliveries included).' })
  async attempts(@Root() delivery: WebhookDelivery, @Ctx() { loaders }: GatewayContext) {
    const attempts = await loaders.childrenOf(WebhookAttempt, 'deliveryId').load(delivery.id);
    return [...attempts].sort((a, b) => a.id - b.id);
  }

  @FieldResolver(() => Int, { description: 'Attempts made in all, redeliveries included: the length of `attempts`.' })
  async attemptCount(@Root() delivery: WebhookDelivery, @Ctx() { loaders }: GatewayContext) {
    return (await loaders.childrenOf(WebhookAttempt, 'deliveryId').load(delivery.id)).length;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due while PENDING; null once SUCCEEDED or FAILED.' })
  nextAttemptAt(@Root() delivery: WebhookDelivery): Date | null {
    return delivery.status === WebhookDeliveryStatus.PENDING ? delivery.nextAttemptAt : null;
  }
}
