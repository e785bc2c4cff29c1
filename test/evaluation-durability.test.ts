import { openDataSource } from '../src/database/data-source';
import { analystClaims } from '../src/auth/viewer';
import { dropDatabase, freshDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, postGraphQL, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

const STATUSES = `query($d: String!) { customerRegistration(documentNumber: $d) { status events { name } } }`;

describe('durable evaluation', () => {
  it('finishes every evaluation exactly once after the gateway is killed with SIGKILL mid-way', async () => {
    const { url: databaseUrl, config } = await freshDatabase('durability');
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
        const expected = cpf === '10161401856' || cpf === '60673397068' ? 'CUSTOMER_WAS_REPROVED' : 'CUSTOMER_WAS_APPROVED';
        expect(decided.events.map((e: { name: string }) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', expected]);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const dataSource = await openDataSource(config);
    try {
      const [events] = await dataSource.query('SELECT COUNT(*) AS n FROM customer_events');
      expect(Number(events.n)).toBe(cpfs.length * 3);
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
