import Redis from 'ioredis';
import { analystClaims } from '../src/platform/security/viewer';
import { DatabaseConfig, defaultRedisPrefix } from '../src/platform/config';
import { dropDatabase, migratedDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, GatewayProcess, postGraphQL, startProcess } from './support/process';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

/**
 * Two deployments (each its own database) on one Redis server: Redis pub/sub
 * ignores the database number, so only REDIS_PREFIX keeps their events and
 * rate-limit counts apart.
 */
describe('two deployments sharing one Redis', () => {
  let redis: Redis;
  let auth: string;
  const databases: DatabaseConfig[] = [];
  const gateways: GatewayProcess[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = await requireRedis();
    auth = `Bearer ${await tokenFor(analystClaims())}`;
    const [a, b] = await Promise.all([migratedDatabase('isolation-a'), migratedDatabase('isolation-b')]);
    databases.push(a.config, b.config);
    const env = { REDIS_URL: TEST_REDIS_URL, JWT_SECRET: TEST_JWT_SECRET, EVALUATION_DELAY_MS: '400', WORKER_POLL_MS: '50' };
    // A keeps the default prefix (its database name), B sets one explicitly.
    prefixes.push(defaultRedisPrefix(a.config), `isolation-b-${process.pid}`);
    gateways.push(
      ...(await Promise.all([
        startProcess('src/main.ts', { ...env, DATABASE_URL: a.url }, undefined, 60_000),
        startProcess('src/main.ts', { ...env, DATABASE_URL: b.url, REDIS_PREFIX: prefixes[1] }, undefined, 60_000),
      ])),
    );
  }, 90_000);

  afterAll(async () => {
    for (const g of gateways) {
      g.child.kill('SIGTERM');
      await g.exited;
    }
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    redis.disconnect();
    for (const database of databases) await dropDatabase(database);
  });

  it('derives the default prefix from the database name', () => {
    const a = databases[0];
    const name = a.kind === 'mysql' ? new URL(a.url).pathname.slice(1) : a.path.replace(/^.*\//, '').replace(/\.sqlite$/, '');
    expect(prefixes[0]).toBe(name);
  });

  it('delivers an event of one deployment to its own subscriber and never to the other one', async () => {
    const [A, B] = gateways;
    const cpf = uniqueCpf();
    const clients = [wsClient(A.url, { authorization: auth }), wsClient(B.url, { authorization: auth })];
    const [onA, onB] = clients.map((client) => subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation));
    try {
      // Both subscriptions are live in Redis, each on its own prefixed channel.
      const channels = prefixes.map((prefix) => `${prefix}:CUSTOMER_EVENT:${cpf}`);
      await eventually(async () => {
        const counts = (await redis.pubsub('NUMSUB', ...channels)) as (string | number)[];
        return Number(counts[1]) >= 1 && Number(counts[3]) >= 1;
      });
      expect(await redis.pubsub('NUMSUB', `CUSTOMER_EVENT:${cpf}`)).toEqual([`CUSTOMER_EVENT:${cpf}`, 0]);

      expect((await postGraphQL(A.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth })).errors).toBeUndefined();
      await onA.completed;
      expect(onA.received.map((e) => [e.sequence, e.name])).toEqual([
        [1, 'CUSTOMER_WAS_RECEIVED'],
        [2, 'CUSTOMER_IN_ANALYSIS'],
        [3, 'CUSTOMER_WAS_APPROVED'],
        [4, 'ACCOUNT_WAS_CREATED'],
      ]);
      // B's subscriber heard nothing of A's customer, though it listened the whole time.
      expect(onB.received).toEqual([]);
      expect(onB.errors).toEqual([]);

      // The same CPF registered on B: B's subscriber gets B's events, from B's database and channel.
      expect((await postGraphQL(B.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth })).errors).toBeUndefined();
      await onB.completed;
      expect(onB.received.map((e) => [e.sequence, e.name])).toEqual([
        [1, 'CUSTOMER_WAS_RECEIVED'],
        [2, 'CUSTOMER_IN_ANALYSIS'],
        [3, 'CUSTOMER_WAS_APPROVED'],
        [4, 'ACCOUNT_WAS_CREATED'],
      ]);
      expect(onB.received[0].correlationId).not.toBe(onA.received[0].correlationId);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  }, 60_000);

  it("keeps each deployment's rate-limit counts under its own prefix", async () => {
    const [A, B] = gateways;
    await postGraphQL(A.url, '{ __typename }', undefined, { authorization: auth });
    await postGraphQL(B.url, '{ __typename }', undefined, { authorization: auth });
    const [keysA, keysB] = await Promise.all(prefixes.map((prefix) => redis.keys(`${prefix}:gateway:rate:*`)));
    expect(keysA).toEqual([`${prefixes[0]}:gateway:rate:subject:analyst`]);
    expect(keysB).toEqual([`${prefixes[1]}:gateway:rate:subject:analyst`]);
  });
});
