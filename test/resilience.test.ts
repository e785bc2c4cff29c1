import { analystClaims } from '../src/platform/security/viewer';
import { dropDatabase, migratedDatabase, testDatabaseKind } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { alive, eventually, GatewayProcess, postGraphQL, startProcess, stopProcesses } from './support/process';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { proxyFor, TcpProxy } from './support/tcp-proxy';
import { subscribe, wsClient } from './support/ws';

const STATUS = `query($d: String!) { customerRegistration(documentNumber: $d) { status events { name } } }`;

interface Readiness {
  status: number;
  body: { status: string; failed: string[]; checks: Record<string, { ok: boolean; detail?: string }> };
  text: string;
}

async function readyz(gateway: GatewayProcess): Promise<Readiness> {
  const res = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

/**
 * Dependencies going away and coming back, simulated with a TCP proxy in front
 * of the real (shared) MariaDB and Redis: the gateway and the worker stay up,
 * /readyz says which dependency failed (and nothing about where it lives), and
 * the evaluation and its events reach subscribers once the dependency is back.
 */
describe('outages of Redis and the database', () => {
  const processes: GatewayProcess[] = [];
  const proxies: TcpProxy[] = [];
  const databases: Awaited<ReturnType<typeof migratedDatabase>>['config'][] = [];
  let auth: string;

  beforeAll(async () => {
    (await requireRedis()).disconnect();
    auth = `Bearer ${await tokenFor(analystClaims())}`;
  });

  afterAll(async () => {
    await stopProcesses(processes);
    for (const proxy of proxies) await proxy.close();
    for (const database of databases) await dropDatabase(database);
  });

  it('survives a Redis outage: not ready while it lasts, requests still served, events delivered after it', async () => {
    const { url: databaseUrl, config } = await migratedDatabase('resilience-redis');
    databases.push(config);
    const redis = await proxyFor(TEST_REDIS_URL, 6379);
    proxies.push(redis);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.via(TEST_REDIS_URL),
      JWT_SECRET: TEST_JWT_SECRET,
      EVALUATION_DELAY_MS: '1000',
      WORKER_POLL_MS: '50',
      LOG_LEVEL: 'info',
      RATE_LIMIT_POINTS: '1000',
    };
    const gateway = await startProcess('src/main.ts', { ...env, IN_PROCESS_WORKER: 'false' });
    processes.push(gateway);
    const worker = await startProcess('src/worker.ts', env, /worker ready/);
    processes.push(worker);
    expect(await readyz(gateway)).toMatchObject({ status: 200, body: { status: 'ready', failed: [] } });

    const cpf = uniqueCpf();
    const client = wsClient(gateway.url, { authorization: auth });
    const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    try {
      await cutRedisAndWaitUntilNotReady();
      // Requests are served (the rate limiter counts in memory meanwhile) and the registration commits.
      const started = Date.now();
      const res = await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth });
      expect(res.errors).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      // The worker decides during the outage; its publishes fail (they used to kill the process).
      await eventually(async () => {
        const { data } = await postGraphQL(gateway.url, STATUS, { d: cpf }, { authorization: auth });
        return data.customerRegistration.status === 'APPROVED';
      }, 20_000);
      // Still not ready, still alive, after the failed publishes had their time to fail (ioredis gives up after 3 reconnection attempts).
      await eventually(async () => /Redis publish failed/.test(worker.output()) && /Redis publish failed/.test(gateway.output()), 20_000);
      expect(alive(gateway) && alive(worker)).toBe(true);
      expect((await readyz(gateway)).status).toBe(503);
      expect(gateway.output()).toMatch(/rate limiter: Redis unreachable, counting in memory/);

      await redis.restore();
      const restoredAt = Date.now();
      await eventually(async () => (await readyz(gateway)).status === 200, 20_000);
      console.log(`Redis back: /readyz ready again after ${Date.now() - restoredAt} ms`);
      // The events published meanwhile reach the subscriber through the resync, each once, in order.
      await sub.completed;
      console.log(`Redis back: subscriber complete ${Date.now() - restoredAt} ms later`);
      expect(sub.errors).toEqual([]);
      expect(sub.received.map((e) => [e.sequence, e.name])).toEqual([
        [1, 'CUSTOMER_WAS_RECEIVED'],
        [2, 'CUSTOMER_IN_ANALYSIS'],
        [3, 'CUSTOMER_WAS_APPROVED'],
        [4, 'ACCOUNT_WAS_CREATED'],
      ]);
      expect(alive(gateway) && alive(worker)).toBe(true);
      expect(gateway.output()).not.toMatch(/MaxRetriesPerRequestError[\s\S]*Unhandled|unhandled/i);
    } finally {
      await client.dispose();
    }

    // And both still stop gracefully.
    gateway.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    async function cutRedisAndWaitUntilNotReady() {
      await redis.cut();
      const cutAt = Date.now();
      const notReady = await eventually(async () => {
        const r = await readyz(gateway);
        return r.status === 503 && r;
      }, 20_000);
      console.log(`Redis cut: /readyz not ready after ${Date.now() - cutAt} ms`);
      expect(notReady.body.status).toBe('not ready');
      expect(notReady.body.failed).toEqual(['redis']);
      expect(notReady.body.checks.redis).toEqual({ ok: false, detail: 'unreachable' });
      expect(notReady.text).not.toContain(String(redis.port));
      expect(notReady.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect|Connection/);
    }
  }, 120_000);

  (testDatabaseKind === 'mysql' ? it : it.skip)(
    'survives a database outage: /readyz names the database, not its address, and the evaluation resumes (MariaDB)',
    async () => {
      const { url: databaseUrl, config } = await migratedDatabase('resilience-database');
      databases.push(config);
      const database = await proxyFor(databaseUrl, 3306);
      proxies.push(database);
      const gateway = await startProcess('src/main.ts', {
        DATABASE_URL: database.via(databaseUrl),
        JWT_SECRET: TEST_JWT_SECRET,
        EVALUATION_DELAY_MS: '1500',
        WORKER_POLL_MS: '50',
        SUBSCRIPTION_RESYNC_MS: '500',
        LOG_LEVEL: 'debug',
      });
      processes.push(gateway);
      const cpf = uniqueCpf();
      const client = wsClient(gateway.url, { authorization: auth });
      const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
      try {
        expect((await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth })).errors).toBeUndefined();
        await sub.waitFor(1);

        await database.cut();
        const cutAt = Date.now();
        const notReady = await eventually(async () => {
          const r = await readyz(gateway);
          return r.status === 503 && r;
        }, 20_000);
        console.log(`database cut: /readyz not ready after ${Date.now() - cutAt} ms`);
        expect(notReady.body).toEqual({
          status: 'not ready',
          failed: ['database'],
          checks: { database: { ok: false, detail: 'unreachable' }, accepting: { ok: true } },
        });
        expect(notReady.text).not.toContain(String(database.port));
        expect(notReady.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|gw_test_|mysql|mariadb/i);
        // The reason is in the log instead.
        await eventually(async () => /readiness: check failed/.test(gateway.output()));
        // Worker polls and the subscriber's re-reads fail meanwhile, and the process stays.
        await eventually(async () => /evaluation worker poll failed/.test(gateway.output()), 20_000);
        await eventually(async () => /re-reading the event history failed/.test(gateway.output()), 20_000);
        expect(alive(gateway)).toBe(true);

        await database.restore();
        const restoredAt = Date.now();
        await eventually(async () => (await readyz(gateway)).status === 200, 20_000);
        console.log(`database back: /readyz ready again after ${Date.now() - restoredAt} ms`);
        const decided = await eventually(async () => {
          const { data } = await postGraphQL(gateway.url, STATUS, { d: cpf }, { authorization: auth });
          return data?.customerRegistration?.status === 'APPROVED' && data.customerRegistration;
        }, 20_000);
        expect(decided.events.map((e: { name: string }) => e.name)).toEqual([
          'CUSTOMER_WAS_RECEIVED',
          'CUSTOMER_IN_ANALYSIS',
          'CUSTOMER_WAS_APPROVED',
          'ACCOUNT_WAS_CREATED',
        ]);
        // The subscriber's stream outlived the outage (its re-reads failed meanwhile) and got each event once, in order.
        await sub.completed;
        expect(sub.errors).toEqual([]);
        expect(sub.received.map((e) => [e.sequence, e.name])).toEqual([
          [1, 'CUSTOMER_WAS_RECEIVED'],
          [2, 'CUSTOMER_IN_ANALYSIS'],
          [3, 'CUSTOMER_WAS_APPROVED'],
          [4, 'ACCOUNT_WAS_CREATED'],
        ]);
        expect(alive(gateway)).toBe(true);
      } finally {
        await client.dispose();
      }
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
    },
    120_000,
  );
});
