import { analystClaims } from '../src/platform/security/viewer';
import { dropDatabase, migratedDatabase, testDatabaseKind } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, freePort, GatewayProcess, jsonLines, postGraphQL, runToExit, startProcess, stopProcesses } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

/** Metric family names of a Prometheus text exposition. */
const families = (text: string) => [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]).sort();

describe('operating the gateway and the worker as processes', () => {
  const running: GatewayProcess[] = [];

  afterAll(async () => {
    await stopProcesses(running);
  });

  it("the standalone worker logs one JSON line per decision and serves /metrics on METRICS_PORT with the gateway's metric families", async () => {
    // The gateway takes the registrations, in this process and without a worker: the worker is the process under test.
    const gateway = await startTestGateway('operations-processes', { inProcessWorker: false });
    const databaseUrl = gateway.databaseUrl;
    try {
      const metricsPort = await freePort();
      const worker = await startProcess(
        'src/worker.ts',
        {
          DATABASE_URL: databaseUrl,
          JWT_SECRET: TEST_JWT_SECRET,
          EVALUATION_DELAY_MS: '100',
          WORKER_POLL_MS: '50',
          METRICS_PORT: String(metricsPort),
          LOG_LEVEL: 'info',
        },
        /worker ready/,
      );
      running.push(worker);
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      expect(jsonLines(worker.output()).find((line) => /^worker ready/.test(line.msg))?.metricsUrl).toBe(metricsUrl);

      const analyst = { authorization: `Bearer ${await tokenFor(analystClaims())}` };
      const cpfs = [uniqueCpf(), uniqueCpf()];
      for (const cpf of cpfs)
        expect((await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, analyst)).errors).toBeUndefined();
      const decisions = await eventually(async () => {
        const lines = jsonLines(worker.output()).filter((line) => line.msg === 'evaluation decided');
        return lines.length >= 2 && lines;
      }, 30_000);
      expect(decisions).toHaveLength(2);
      for (const line of decisions)
        expect(line).toMatchObject({ decision: 'APPROVED', reasons: [], registrationId: expect.anything(), secondsSinceRegistration: expect.any(Number) });

      const workerMetrics = await (await fetch(metricsUrl)).text();
      expect(workerMetrics).toMatch(/^evaluation_decision_latency_seconds_count\{decision="APPROVED"\} 2$/m);
      expect(workerMetrics).toMatch(/^evaluation_queue_depth 0$/m);
      // Its polls may hold a connection right now: the pool gauge is only required to be there, idle and in use apart.
      expect(workerMetrics).toMatch(/^db_pool_connections\{state="in_use"\} \d+$/m);
      expect(workerMetrics).toMatch(/^db_pool_connections\{state="idle"\} \d+$/m);
      const gatewayMetrics = await (await fetch(gateway.gateway.metricsUrl)).text();
      expect(families(workerMetrics)).toEqual(families(gatewayMetrics));

      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(jsonLines(worker.output()).map((line) => line.msg)).toEqual(
        expect.arrayContaining(['worker starting', 'SIGTERM: finishing the step in progress', 'stopped']),
      );
    } finally {
      await gateway.stop();
    }
  }, 120_000);

  it('npm run seed, output not a terminal: a progress line every --progress-ms, then the summary', async () => {
    const { url, config } = await migratedDatabase('seed-progress');
    try {
      const { code, output } = await runToExit('scripts/seed.ts', ['--personal', '400', '--business', '100', '--batch', '25', '--progress-ms', '100'], {
        DATABASE_URL: url,
      });
      expect(code).toBe(0);
      const progress = output.split('\n').filter((line) => line.startsWith('seeding: '));
      expect(progress[0]).toBe('seeding: 0/500 customers (0%) | 0 rows | 0 rows/s');
      expect(progress.length).toBeGreaterThanOrEqual(2);
      const done = progress.map((line) => Number(/^seeding: (\d+)\/500 /.exec(line)![1]));
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(output).toMatch(/^seeded 400 personal and 100 business customers \(seed 1\)/m);
      expect(output).not.toMatch(/\u001b\[|\r/); // no terminal control sequences (the bar) in a log
    } finally {
      await dropDatabase(config);
    }
  }, 120_000);
});

describe('pool gauges tell idle from in use', () => {
  it('idle: nothing in use; a held connection (a transaction) is in use; on SQLite a second transaction waits for it', async () => {
    // No in-process workers: their polls would borrow a connection at any moment (the gauge would rightly show it).
    const gw = await startTestGateway('pool-gauges', { inProcessWorker: false });
    const gauge = async (state: string) => {
      const text = await (await fetch(gw.gateway.metricsUrl)).text();
      return Number(new RegExp(`^db_pool_connections\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    };
    try {
      await gw.query('{ personalCustomers(first: 5) { totalCount } }');
      // The scrape's own queue-depth queries are not counted: the gauge is read before them. (The request's audit
      // record may still be being written just after its answer.)
      await eventually(async () => (await gauge('in_use')) === 0, 10_000, 20);
      expect(await gauge('in_use')).toBe(0);
      expect(await gauge('idle')).toBe(await gauge('open'));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = gw.dataSource.manager.transaction(async (manager) => {
        await manager.query('SELECT 1');
        await held;
      });
      const second = gw.dataSource.manager.transaction((manager) => manager.query('SELECT 1'));
      await eventually(async () => (await gauge('in_use')) >= 1, 10_000, 20);
      if (testDatabaseKind === 'sqlite') {
        expect(await gauge('in_use')).toBe(1);
        expect(await gauge('idle')).toBe(0);
        expect(await gauge('waiting')).toBe(1);
      } else {
        expect(await gauge('in_use')).toBeGreaterThanOrEqual(1);
        expect((await gauge('idle')) + (await gauge('in_use'))).toBe(await gauge('open'));
      }
      release();
      await Promise.all([first, second]);
      await eventually(async () => (await gauge('in_use')) === 0, 10_000, 20);
      expect(await gauge('waiting')).toBe(0);
    } finally {
      await gw.stop();
    }
  }, 60_000);
});
