import { createPubSub, PubSubEventTarget } from '@graphql-yoga/subscription';
import Redis, { RedisOptions } from 'ioredis';
import { logger } from '../observability/logger';

/**
 * The event bus behind subscriptions. In one process it is in memory; with
 * REDIS_URL it is backed by Redis pub/sub, so an event published by any
 * instance or worker reaches subscribers on every instance.
 * Payloads must survive JSON (dates become strings).
 *
 * Redis pub/sub ignores the database number, so every channel carries the
 * deployment's REDIS_PREFIX (`<prefix>:CUSTOMER_EVENT:<document>`,
 * `<prefix>:CONSENT_REVOKED`, `<prefix>:WORK_ENQUEUED`).
 *
 * A Redis outage is not fatal: commands that fail are logged, ioredis
 * reconnects with back-off and re-subscribes, and on reconnection every local
 * listener gets a `{ resync: true }` marker so open streams re-read the event
 * history at once (events published meanwhile are in the database, never lost).
 */
export interface CustomerEventMessage {
  registrationId: number | null;
  sequence: number;
  name: string;
  context: string;
  entityId: string;
  idempotencyKey: string;
  correlationId: string;
  timestamp: string | Date;
  version: number;
  status: string | null;
  data: Record<string, unknown>;
}

/** Sent locally (never through Redis) after the bus reconnects: "you may have missed events". */
export interface BusResync {
  resync: true;
}

export function isResync(message: object): message is BusResync {
  return (message as BusResync).resync === true;
}

/** A consent stopped admitting reads (src/modules/consents): open streams of its tokens end at once, on every instance. */
export interface ConsentRevokedMessage {
  consentId: string;
}

type Channels = {
  CUSTOMER_EVENT: [documentNumber: string, event: CustomerEventMessage | BusResync];
  CONSENT_REVOKED: [message: ConsentRevokedMessage | BusResync];
  /** Work was enqueued (src/platform/jobs/polling.ts, announceWork): worker loops poll at once. No payload. */
  WORK_ENQUEUED: [];
};

function buildPubSub(eventTarget?: PubSubEventTarget<Channels>) {
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

/** Clients being closed on purpose (their `close` is no outage). */
const closingClients = new WeakSet<Redis>();

/** Logs a Redis client's connection trouble once per outage, and its return. */
export function watchRedisConnection(client: Redis, name: string, onReady?: () => void): void {
  let down = false;
  const closing = () => closingClients.has(client);
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error({ err: error, client: name }, 'Redis unreachable; retrying in the background');
  });
  client.on('close', () => {
    if (!down && !closing()) {
      down = true;
      logger.warn({ client: name }, 'Redis connection lost; retrying in the background');
    }
  });
  client.on('ready', () => {
    if (down) logger.info({ client: name }, 'Redis connection back');
    down = false;
    onReady?.();
  });
}

/**
 * Redis pub/sub as an EventTarget, like @graphql-yoga/redis-event-target but
 * with the channel prefix and without unhandled rejections: a publish or
 * subscribe that fails during an outage is logged, and the subscriptions are
 * re-issued whenever the subscriber connection becomes ready again.
 */
type Listener = ((event: CustomEvent) => void) | { handleEvent(event: CustomEvent): void };

function redisEventTarget(publishClient: Redis, subscribeClient: Redis, prefix: string) {
  const callbacksForTopic = new Map<string, Set<(event: CustomEvent) => void>>();
  const channel = (topic: string) => `${prefix}:${topic}`;
  const report = (what: string) => (error: unknown) => logger.warn({ err: error }, `Redis ${what} failed (the event is in the database; open streams resync)`);

  const dispatchLocally = (topic: string, detail: unknown) => {
    const event = new CustomEvent(topic, { detail });
    for (const callback of callbacksForTopic.get(topic) ?? []) callback(event);
  };

  subscribeClient.on('message', (name: string, message: string) => {
    if (!name.startsWith(`${prefix}:`)) return;
    dispatchLocally(name.slice(prefix.length + 1), message === '' ? null : JSON.parse(message));
  });

  let connectedBefore = false;
  watchRedisConnection(publishClient, 'publish');
  watchRedisConnection(subscribeClient, 'subscribe', () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    // ioredis re-subscribes by itself, except for SUBSCRIBEs that failed while it was away.
    const topics = [...callbacksForTopic.keys()];
    if (topics.length) subscribeClient.subscribe(...topics.map(channel)).catch(report('re-subscribe'));
    for (const topic of topics) dispatchLocally(topic, { resync: true } satisfies BusResync);
  });

  const target = {
    addEventListener(topic: string, callbackOrOptions: Listener | null) {
      if (callbackOrOptions == null) return;
      const callback = 'handleEvent' in callbackOrOptions ? callbackOrOptions.handleEvent : callbackOrOptions;
      let callbacks = callbacksForTopic.get(topic);
      if (!callbacks) {
        callbacks = new Set();
        callbacksForTopic.set(topic, callbacks);
        subscribeClient.subscribe(channel(topic)).catch(report('subscribe'));
      }
      callbacks.add(callback);
    },
    dispatchEvent(event: CustomEvent) {
      publishClient.publish(channel(event.type), event.detail === undefined ? '' : JSON.stringify(event.detail)).catch(report('publish'));
      return true;
    },
    removeEventListener(topic: string, callbackOrOptions: Listener | null) {
      if (callbackOrOptions == null) return;
      const callback = 'handleEvent' in callbackOrOptions ? callbackOrOptions.handleEvent : callbackOrOptions;
      const callbacks = callbacksForTopic.get(topic);
      if (!callbacks) return;
      callbacks.delete(callback);
      if (callbacks.size > 0) return;
      callbacksForTopic.delete(topic);
      subscribeClient.unsubscribe(channel(topic)).catch(report('unsubscribe'));
    },
  };
  return target as unknown as PubSubEventTarget<Channels>;
}

export async function createEventBus(redisUrl: string | undefined, prefix: string): Promise<EventBus> {
  if (!redisUrl) return { pubSub: buildPubSub(), kind: 'memory', close: async () => undefined };
  const options: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    // Reconnect for ever, at most every 2 s (ioredis' default would also do; explicit for the reader).
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  };
  const publish = new Redis(redisUrl, options);
  const subscribe = new Redis(redisUrl, options);
  const target = redisEventTarget(publish, subscribe, prefix);
  await Promise.all([publish.connect(), subscribe.connect()]);
  return {
    pubSub: buildPubSub(target),
    kind: 'redis',
    redis: { publish, subscribe },
    async close() {
      await Promise.all([quitRedis(publish), quitRedis(subscribe)]);
    },
  };
}

/** QUIT politely, but never wait more than a second for a Redis that is away. */
export async function quitRedis(client: Redis): Promise<void> {
  closingClients.add(client);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
  clearTimeout(timer);
  client.disconnect();
}
