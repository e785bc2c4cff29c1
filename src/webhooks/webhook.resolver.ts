import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, InputType, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Viewer } from '../auth/viewer';
import { CustomerEventName } from '../onboarding/onboarding.enums';
import { GatewayContext } from '../shared/context';
import { ConnectionType, PageArgs, paginate } from '../shared/pagination';
import { DateTimeScalar } from '../shared/scalars';
import { RevealedWebhook } from './webhook.service';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entities';

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'https URL (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS).' })
  url!: string;

  @Field(() => [String], { description: 'Customer event names (CustomerEventName values) to receive.' })
  eventNames!: string[];

  @Field(() => String, { nullable: true, description: 'Event context: `Customer` (the default), `Account` or `Document`; every event name must be of it.' })
  context?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  eventNames?: string[] | null;

  @Field(() => String, { nullable: true })
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
  @Mutation(() => Webhook, { description: 'Changes the URL, events, context or status of one of the caller\'s webhooks.' })
  updateWebhook(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() context: GatewayContext,
  ) {
    return context.webhooks.update(viewerOf(context), id, input);
  }
  @Mutation(() => Boolean, { description: 'Deletes one of the caller\'s webhooks, with its delivery log.' })
  deleteWebhook(@Arg('id', () => Int) id: number, @Ctx() context: GatewayContext) {
    return context.webhooks.delete(viewerOf(context), id);
  }
  @Mutation(() => Webhook, {
    description: 'A new signing secret, shown in the answer only, to the owning partner only. For WEBHOOK_SECRET_GRACE_MS (24 h by default) deliveries carry a second '
      + 'signature made with the old secret, so a receiver can switch without losing events; after that only the new secret verifies.',
  })
  rotateWebhookSecret(@Arg('id', () => Int) id: number, @Ctx() context: GatewayContext) {
    return context.webhooks.rotateSecret(viewerOf(context), id);
  }
  @Query(() => WebhookConnection, { description: 'The caller\'s webhooks (analysts: every partner\'s).' })
  webhooks(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return paginate(context.webhooks.webhooksQuery(viewerOf(context)), page, context.config.maxPageSize, info);
  }
  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries to the caller\'s webhooks, oldest first, each with its attempts.' })
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
  redeliverWebhookEvent(
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('webhookId', () => Int) webhookId: number,
    @Ctx() context: GatewayContext,
  ) {
    return context.webhooks.redeliver(viewerOf(context), idempotencyKey, webhookId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The signing secret: only in the answers of createWebhook and rotateWebhookSecret, null elsewhere.' })
  secret(@Root() webhook: RevealedWebhook): string | null {
    return webhook.revealedSecret ?? null;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first (redeliveries included).' })
  async attempts(@Root() delivery: WebhookDelivery, @Ctx() { loaders }: GatewayContext) {
    const attempts = await loaders.childrenOf(WebhookAttempt, 'deliveryId').load(delivery.id);
    return [...attempts].sort((a, b) => a.id - b.id);
  }
}


