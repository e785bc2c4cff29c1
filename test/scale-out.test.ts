import Redis from 'ioredis';
import { analystClaims } from '../src/platform/security/viewer';
import { openDataSource } from '../src/data-source';
import { defaultRedisPrefix } from '../src/platform/config';
import { dropDatabase, migratedDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, GatewayProcess, postGraphQL, startProcess, stopProcesses } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Two gateway instances and two workers on one database and one Redis: a client
 * on instance A sees, exactly once and in order, the evaluation of a customer
 * registered on instance B and decided by whichever worker claimed it. The workers
 * poll once a minute (the longest WORKER_POLL_MS): they start each step because instance B's WORK_ENQUEUED signal
 * reached them through Redis, and at the due time of the step a poll saw.
 */
describe('scale-out over Redis', () => {
  const processes: GatewayProcess[] = [];
  let databaseUrl: string;
  let database: Awaited<ReturnType<typeof migratedDatabase>>['config'];
  let auth: string;

  beforeAll(async () => {
    ({ url: databaseUrl, config: database } = await migratedDatabase('scale-out'));
    auth = `Bearer ${await tokenFor(analystClaims())}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, JWT_SECRET: TEST_JWT_SECRET, EVALUATION_DELAY_MS: '600', WORKER_POLL_MS: '60000' };
    // The database is a migrated copy of the run's template; one instance first, then the others together.
    processes.push(await startProcess('src/main.ts', { ...env, IN_PROCESS_WORKER: 'false' }));
    const [b, w1, w2] = await Promise.all([
      startProcess('src/main.ts', { ...env, IN_PROCESS_WORKER: 'false' }),
      startProcess('src/worker.ts', env, /worker ready/),
      startProcess('src/worker.ts', env, /worker ready/),
    ]);
    processes.push(b, w1, w2);
    // Both workers' SUBSCRIBE to the work signal has reached Redis: no registration below can come before it.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const channel = `${defaultRedisPrefix(database)}:WORK_ENQUEUED`;
      await eventually(async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]) >= 2, 15_000, 20);
    } finally {
      redis.disconnect();
    }
  }, 90_000);

  afterAll(async () => {
    await stopProcesses(processes, 'SIGTERM');
    await dropDatabase(database);
  });

  const [A, B] = [0, 1];
  /** Waits until Redis has a subscriber on each document's event channel (the instance's SUBSCRIBE completed). */
  const listenedTo = async (documents: string[]) => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      await eventually(
        async () => {
          const channels = await Promise.all(documents.map((d) => redis.pubsub('CHANNELS', `*${d}*`) as Promise<string[]>));
          return channels.every((list) => list.length > 0);
        },
        15_000,
        20,
      );
    } finally {
      redis.disconnect();
    }
  };
  const evaluationOn = (instance: GatewayProcess, cpf: string) => {
    const client = wsClient(instance.url, { authorization: auth });
    return { client, sub: subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation) };
  };

  it('delivers every event once, in order, to a client on another instance', async () => {
    const cpfs = [uniqueCpf(), uniqueCpf(), uniqueCpf(), '145.774.718-92'.replace(/\D/g, '')];
    const watchers = cpfs.map((cpf) => evaluationOn(processes[A], cpf));
    await listenedTo(cpfs);
    for (const cpf of cpfs) {
      const res = await postGraphQL(processes[B].url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth });
      expect(res.errors).toBeUndefined();
    }
    for (const [i, { sub, client }] of watchers.entries()) {
      await sub.completed;
      const decision =
        i === 3
          ? [[3, 'CUSTOMER_WAS_REPROVED']]
          : [
              [3, 'CUSTOMER_WAS_APPROVED'],
              [4, 'ACCOUNT_WAS_CREATED'],
            ];
      expect(sub.received.map((e) => [e.sequence, e.name])).toEqual([[1, 'CUSTOMER_WAS_RECEIVED'], [2, 'CUSTOMER_IN_ANALYSIS'], ...decision]);
      await client.dispose();
    }
  }, 60_000);

  it('keeps delivering to clients on A when instance B dies', async () => {
    const cpfs = [uniqueCpf(), uniqueCpf(), uniqueCpf()];
    const watchers = cpfs.map((cpf) => evaluationOn(processes[A], cpf));
    await listenedTo(cpfs);
    for (const cpf of cpfs) {
      await postGraphQL(processes[B].url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth });
    }
    processes[B].child.kill('SIGKILL');
    await processes[B].exited;
    for (const { sub, client } of watchers) {
      await sub.completed;
      expect(sub.received.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED']);
      await client.dispose();
    }
  }, 60_000);

  it('never lets two workers decide one registration twice', async () => {
    const dataSource = await openDataSource(database);
    try {
      // A unique index on (registrationId, name) makes a second decision fail rather than be stored, so counting
      // events could never catch it. What can: a step that ran twice leaves a failed attempt on its job
      // (lastError, a retried runAt) and more than one committed attempt per step, and the worker logs the failure.
      const jobs: { stage: string; attempts: number; lastError: string | null }[] = await dataSource.query(
        'SELECT stage, attempts, lastError FROM evaluation_jobs',
      );
      expect(jobs).toHaveLength(7);
      expect(jobs.map((j) => ({ ...j, attempts: Number(j.attempts) }))).toEqual(jobs.map(() => ({ stage: 'DONE', attempts: 2, lastError: null })));
      for (const worker of processes.slice(2)) expect(worker.output()).not.toMatch(/evaluation worker poll failed/);
      // Three Customer events per registration, plus ACCOUNT_WAS_CREATED for each of the 6 approvals (one sandbox CPF is reproved).
      const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM customer_events');
      expect(Number(n)).toBe(7 * 3 + 6);
    } finally {
      await dataSource.destroy();
    }
  });
});
