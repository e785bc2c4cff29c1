import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import Redis from 'ioredis';

/**
 * The event bus behind subscriptions. In one process it is in memory; with
 * REDIS_URL it is backed by Redis pub/sub, so an event published by any
 * instance or worker reaches subscribers on every instance.
 * Payloads must survive JSON (dates become strings).
 */
export interface CustomerEventMessage {
  registrationId: number;
  sequence: number;
  name: string;
  context: string;
  entityId: string;
  idempotencyKey: string;
  correlationId: string;
  timestamp: string | Date;
  version: number;
  status: string;
  data: Record<string, unknown>;
}

type Channels = { CUSTOMER_EVENT: [documentNumber: string, event: CustomerEventMessage] };

function buildPubSub(eventTarget?: ReturnType<typeof createRedisEventTarget>) {
  return createPubSub<Channels>(eventTarget ? { eventTarget } : undefined);
}

export type GatewayPubSub = ReturnType<typeof buildPubSub>;

export interface EventBus {
  pubSub: GatewayPubSub;
  kind: 'memory' | 'redis';
  /** Redis clients, for health checks; absent in memory. */
  redis?: { publish: Redis; subscribe: Redis };
  close(): Promise<void>;
}

export function createGatewayPubSub(): GatewayPubSub {
  return buildPubSub();
}

export async function createEventBus(redisUrl: string | undefined): Promise<EventBus> {
  if (!redisUrl) return { pubSub: buildPubSub(), kind: 'memory', close: async () => undefined };
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const publish = new Redis(redisUrl, options);
  const subscribe = new Redis(redisUrl, options);
  await Promise.all([publish.connect(), subscribe.connect()]);
  return {
    pubSub: buildPubSub(createRedisEventTarget({ publishClient: publish, subscribeClient: subscribe })),
    kind: 'redis',
    redis: { publish, subscribe },
    async close() {
      await Promise.allSettled([publish.quit(), subscribe.quit()]);
    },
  };
}
