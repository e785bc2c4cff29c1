import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A client on the test Redis; throws (the test fails, it does not skip) when Redis does not answer. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`this test needs Redis at ${url} (TEST_REDIS_URL): ${(error as Error).message}`);
  }
  return client;
}
