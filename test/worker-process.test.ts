import { analystClaims } from '../src/platform/security/viewer';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { alive, eventually, GatewayProcess, postGraphQL, startProcess, stopProcesses } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { proxyFor, TcpProxy } from './support/tcp-proxy';

const STATUS = `query($d: String!) { customerRegistration(documentNumber: $d) { status events { name } } }`;

/**
 * `npm run worker` as a supervisor sees it: it runs until told to stop, through
 * database outages, and exits 0 on SIGTERM/SIGINT after a graceful stop.
 */
describe('standalone evaluation worker process', () => {
  let databaseUrl: string;
  /** Takes the registrations and answers their status, in this process and without a worker: the workers are the processes under test. */
  let gateway: TestGateway;
  const running: GatewayProcess[] = [];
  const auth = { authorization: '' };
  const env = () => ({ DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, EVALUATION_DELAY_MS: '300', WORKER_POLL_MS: '50' });

  beforeAll(async () => {
    auth.authorization = `Bearer ${await tokenFor(analystClaims())}`;
    gateway = await startTestGateway('worker-process', { inProcessWorker: false, evaluationDelayMs: 300 });
    databaseUrl = gateway.databaseUrl;
  }, 60_000);

  afterAll(async () => {
    await stopProcesses(running);
    await gateway?.stop();
  });

  const registerAndWaitForDecision = async (timeoutMs = 20_000) => {
    const cpf = uniqueCpf();
    const res = await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, auth);
    expect(res.errors).toBeUndefined();
    return eventually(async () => {
      const { data } = await postGraphQL(gateway.url, STATUS, { d: cpf }, auth);
      return data.customerRegistration.status === 'APPROVED' && data.customerRegistration;
    }, timeoutMs);
  };

  it('keeps running after its polls find nothing to do, decides later registrations, and exits 0 on SIGTERM', async () => {
    const worker = await startProcess('src/worker.ts', env(), /worker ready/);
    running.push(worker);
    // The worker used to exit with 0 right after its first (idle) poll: this registration then stayed pending.
    const decided = await registerAndWaitForDecision();
    expect(decided.events.map((e: { name: string }) => e.name)).toEqual([
      'CUSTOMER_WAS_RECEIVED',
      'CUSTOMER_IN_ANALYSIS',
      'CUSTOMER_WAS_APPROVED',
      'ACCOUNT_WAS_CREATED',
    ]);
    expect(alive(worker)).toBe(true);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/SIGTERM: finishing the step in progress/);
  }, 60_000);

  it('exits 0 on SIGINT as well', async () => {
    const worker = await startProcess('src/worker.ts', env(), /worker ready/);
    running.push(worker);
    await registerAndWaitForDecision();
    worker.child.kill('SIGINT');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  (testDatabaseKind === 'mysql' ? it : it.skip)(
    'survives a database outage, logs it once, and resumes when the database is back (MariaDB)',
    async () => {
      const proxy: TcpProxy = await proxyFor(databaseUrl, 3306);
      try {
        const worker = await startProcess('src/worker.ts', { ...env(), DATABASE_URL: proxy.via(databaseUrl), LOG_LEVEL: 'debug' }, /worker ready/);
        running.push(worker);
        await proxy.cut();
        const cutAt = Date.now();
        await eventually(async () => /evaluation worker poll failed; retrying with back-off/.test(worker.output()), 20_000);
        const cpf = uniqueCpf();
        expect((await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, auth)).errors).toBeUndefined();
        // The old worker exited with 0 about 100 ms into the outage: wait for four more failed polls (back-off 100, 200, 400, 800 ms).
        await eventually(async () => !alive(worker) || (worker.output().match(/evaluation worker poll failed again/g) ?? []).length >= 4, 20_000);
        expect(alive(worker)).toBe(true);
        const outageMs = Date.now() - cutAt;
        await proxy.restore();
        const restoredAt = Date.now();
        await eventually(async () => {
          const { data } = await postGraphQL(gateway.url, STATUS, { d: cpf }, auth);
          return data.customerRegistration.status === 'APPROVED';
        }, 30_000);
        console.log(`worker: outage of ${outageMs} ms survived; registration decided ${Date.now() - restoredAt} ms after the database came back`);
        expect(alive(worker)).toBe(true);
        expect(worker.output()).toMatch(/evaluation worker: recovered, polling again/);
        // One error line per outage, not one per poll.
        expect(worker.output().match(/evaluation worker poll failed; retrying with back-off/g)).toHaveLength(1);
        worker.child.kill('SIGTERM');
        expect(await worker.exited).toEqual({ code: 0, signal: null });
      } finally {
        await proxy.close();
      }
    },
    90_000,
  );
});
