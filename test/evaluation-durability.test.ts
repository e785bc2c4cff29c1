import { openDataSource } from '../src/data-source';
import { analystClaims } from '../src/platform/security/viewer';
import { dropDatabase, migratedDatabase } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, postGraphQL, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

const STATUSES = `query($d: String!) { customerRegistration(documentNumber: $d) { status events { name } } }`;

describe('durable evaluation', () => {
  it('finishes every evaluation exactly once after the gateway is killed with SIGKILL mid-way', async () => {
    const { url: databaseUrl, config } = await migratedDatabase('durability');
    const env = { DATABASE_URL: databaseUrl, EVALUATION_DELAY_MS: '1500', WORKER_POLL_MS: '50', JWT_SECRET: TEST_JWT_SECRET };
    const auth = { authorization: `Bearer ${await tokenFor(analystClaims())}` };
    const cpfs = [...Array.from({ length: 6 }, () => uniqueCpf()), '10161401856', '60673397068'];
    const first = await startProcess('src/main.ts', env);
    try {
      for (const cpf of cpfs) {
        const res = await postGraphQL(first.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, auth);
        expect(res.errors).toBeUndefined();
      }
      // Kill once the worker is busy: some in analysis, none decided yet.
      await eventually(async () => {
        const res = await postGraphQL(first.url, STATUSES, { d: cpfs[0] }, auth);
        return res.data.customerRegistration.events.length >= 2;
      });
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }

    const second = await startProcess('src/main.ts', env);
    try {
      for (const cpf of cpfs) {
        const decided = await eventually(async () => {
          const res = await postGraphQL(second.url, STATUSES, { d: cpf }, auth);
          const registration = res.data.customerRegistration;
          return registration.status !== 'PENDING_APPROVAL' && registration;
        }, 20_000);
        const expected = cpf === '10161401856' || cpf === '60673397068' ? ['CUSTOMER_WAS_REPROVED'] : ['CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED'];
        expect(decided.events.map((e: { name: string }) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', ...expected]);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const dataSource = await openDataSource(config);
    try {
      const [events] = await dataSource.query('SELECT COUNT(*) AS n FROM customer_events');
      // RECEIVED, IN_ANALYSIS and the decision; an approval adds ACCOUNT_WAS_CREATED.
      expect(Number(events.n)).toBe(cpfs.reduce((n, cpf) => n + (cpf === '10161401856' || cpf === '60673397068' ? 3 : 4), 0));
      const [jobs] = await dataSource.query("SELECT COUNT(*) AS n FROM evaluation_jobs WHERE stage <> 'DONE'");
      expect(Number(jobs.n)).toBe(0);
      // Approval fed the read model once per approved customer, never twice.
      const [identifications] = await dataSource.query('SELECT COUNT(*) AS n FROM personal_identifications');
      expect(Number(identifications.n)).toBe(6);
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  }, 120_000);
});

describe('durable evaluation, worker killed inside a step', () => {
  it('finishes the registrations exactly once after the worker is killed with SIGKILL inside a DECIDE transaction', async () => {
    // The gateway only takes the registrations and answers their status: it runs in this process, without a worker;
    // the workers under test are processes on its database.
    const gateway = await startTestGateway('durability-mid-transaction', { inProcessWorker: false, evaluationDelayMs: 400 });
    const { dataSource } = gateway;
    const env = { DATABASE_URL: gateway.databaseUrl, EVALUATION_DELAY_MS: '400', WORKER_POLL_MS: '50', JWT_SECRET: TEST_JWT_SECRET };
    const auth = { authorization: `Bearer ${await tokenFor(analystClaims())}` };
    const cpfs = [uniqueCpf(), uniqueCpf(), '10161401856'];
    try {
      // Registered before any worker runs (on SQLite the paused transaction holds the write lock).
      for (const cpf of cpfs) {
        const res = await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, auth);
        expect(res.errors).toBeUndefined();
      }
      // This worker stops inside its first DECIDE transaction, after the writes, before the commit (test-only hook).
      const doomed = await startProcess('src/worker.ts', { ...env, TEST_PAUSE_IN_STEP: 'DECIDE' }, /worker ready/);
      try {
        await eventually(async () => /paused inside DECIDE transaction of registration \d+/.test(doomed.output()), 20_000);
      } finally {
        doomed.child.kill('SIGKILL');
        expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
      }
      const killedIn = Number(/paused inside DECIDE transaction of registration (\d+)/.exec(doomed.output())![1]);
      // The decision it had written died with its transaction.
      const [killed] = await dataSource.query('SELECT status FROM customer_registrations WHERE id = ?', [killedIn]);
      expect(killed.status).toBe('PENDING_APPROVAL');
      const [pendingEvents] = await dataSource.query('SELECT COUNT(*) AS n FROM customer_events WHERE registrationId = ?', [killedIn]);
      expect(Number(pendingEvents.n)).toBe(2);

      const successor = await startProcess('src/worker.ts', env, /worker ready/);
      try {
        for (const cpf of cpfs) {
          const decided = await eventually(async () => {
            const res = await postGraphQL(gateway.url, STATUSES, { d: cpf }, auth);
            const registration = res.data.customerRegistration;
            return registration.status !== 'PENDING_APPROVAL' && registration;
          }, 20_000);
          const [expectedStatus, ...expectedEvents] =
            cpf === '10161401856' ? ['REPROVED', 'CUSTOMER_WAS_REPROVED'] : ['APPROVED', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED'];
          expect(decided.status).toBe(expectedStatus);
          expect(decided.events.map((e: { name: string }) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', ...expectedEvents]);
        }
      } finally {
        successor.child.kill('SIGTERM');
        expect(await successor.exited).toEqual({ code: 0, signal: null });
      }

      const duplicates = await dataSource.query(
        'SELECT registrationId, name, COUNT(*) AS n FROM customer_events GROUP BY registrationId, name HAVING COUNT(*) > 1',
      );
      expect(duplicates).toEqual([]);
      const [events] = await dataSource.query('SELECT COUNT(*) AS n FROM customer_events');
      // RECEIVED, IN_ANALYSIS and the decision; an approval adds ACCOUNT_WAS_CREATED.
      expect(Number(events.n)).toBe(cpfs.reduce((n, cpf) => n + (cpf === '10161401856' ? 3 : 4), 0));
      const [jobs] = await dataSource.query("SELECT COUNT(*) AS n FROM evaluation_jobs WHERE stage <> 'DONE'");
      expect(Number(jobs.n)).toBe(0);
      const [identifications] = await dataSource.query('SELECT COUNT(*) AS n FROM personal_identifications');
      expect(Number(identifications.n)).toBe(2);
    } finally {
      await gateway.stop();
    }
  }, 120_000);

  it('ignores the pause hook outside NODE_ENV=test', async () => {
    const { url: databaseUrl, config } = await migratedDatabase('durability-hook-inert');
    const env = { DATABASE_URL: databaseUrl, EVALUATION_DELAY_MS: '200', WORKER_POLL_MS: '50', JWT_SECRET: TEST_JWT_SECRET };
    const auth = { authorization: `Bearer ${await tokenFor(analystClaims())}` };
    const cpf = uniqueCpf();
    // NODE_ENV=development with the hook set: the worker must decide normally.
    const gateway = await startProcess('src/main.ts', { ...env, NODE_ENV: 'development', TEST_PAUSE_IN_STEP: 'DECIDE' });
    try {
      expect((await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, auth)).errors).toBeUndefined();
      await eventually(async () => (await postGraphQL(gateway.url, STATUSES, { d: cpf }, auth)).data.customerRegistration.status === 'APPROVED', 20_000);
      expect(gateway.output()).not.toMatch(/paused inside/);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      await dropDatabase(config);
    }
  }, 60_000);
});
