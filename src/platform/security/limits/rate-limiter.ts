import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { logger } from '../../observability/logger';
import { quitRedis } from '../../events/pubsub';
import { LimitError } from './limit-error';
import { LimitsConfig } from './limits.config';
import { PlatformError } from '../../platform-errors';

/**
 * Requests per client in a fixed window: in Redis when REDIS_URL is set (shared
 * by every gateway instance, keys under REDIS_PREFIX), in memory otherwise.
 * While Redis is unreachable each instance fails open to its own in-memory count
 * (logged once per outage) rather than refuse, wait, or let everything through.
 */
export interface ClientRateLimiter {
  readonly kind: 'memory' | 'redis';
  /** Counts one request of `client`; throws TOO_MANY_REQUESTS (with Retry-After) past the limit. */
  consume(client: string): Promise<void>;
  /** Resolves once the store answers (at most a few seconds; the fallback covers the rest). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createRateLimiter(limits: LimitsConfig['rateLimit'], redisUrl: string | undefined, redisPrefix = ''): ClientRateLimiter {
  const options = { points: limits.points, duration: limits.windowSeconds, keyPrefix: limits.keyPrefix };
  const memory = new RateLimiterMemory(options);
  let limiter: RateLimiterAbstract = memory;
  let redis: Redis | null = null;
  let closing = false;
  if (redisUrl) {
    // No offline queue: while disconnected a command fails at once and the insurance limiter answers.
    redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    let down = false;
    const lost = (error?: Error) => {
      if (down || closing) return;
      down = true;
      logger.warn({ err: error }, 'rate limiter: Redis unreachable, counting in memory on this instance until it is back');
    };
    redis.on('error', lost); // reconnects by itself; consume() falls back meanwhile
    redis.on('close', () => lost());
    redis.on('ready', () => {
      if (down) logger.info('rate limiter: Redis back, counting in Redis again');
      down = false;
    });
    const keyPrefix = redisPrefix ? `${redisPrefix}:${limits.keyPrefix}` : limits.keyPrefix;
    limiter = new RateLimiterRedis({ ...options, keyPrefix, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }

  return {
    kind: redis ? 'redis' : 'memory',
    async consume(client) {
      try {
        await limiter.consume(client);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) {
          // A store failure the fallback could not absorb: log it, do not lock clients out.
          logger.error({ err: rejection }, 'rate limiter failed; request let through');
          return;
        }
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new LimitError(
          PlatformError.TOO_MANY_REQUESTS,
          `Too many requests: at most ${limits.points} every ${limits.windowSeconds} s. Retry in ${retryAfter} s.`,
          { limit: limits.points, windowSeconds: limits.windowSeconds, retryAfterSeconds: retryAfter },
          { 'retry-after': String(retryAfter) },
        );
      }
    },
    async ready() {
      if (!redis || redis.status === 'ready') return;
      const client = redis;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 3_000);
        client.once('ready', done);
      });
    },
    async close() {
      closing = true;
      if (redis) await quitRedis(redis);
    },
  };
}
