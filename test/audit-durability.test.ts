import { randomUUID } from 'node:crypto';
import { openDataSource } from '../src/data-source';
import { analystClaims } from '../src/platform/security/viewer';
import { seedCustomers } from '../src/modules/demo/generator';
import { dropDatabase, migratedDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { startProcess } from './support/process';

const PAGE = `query Page($first: Int!, $after: String) {
  personalCustomers(first: $first, after: $after) { edges { cursor node { cpfNumber identifications { civilName } } } }
}`;

/**
 * The audit log is written in groups (src/modules/audit/audit-trail.ts AuditWriter):
 * concurrent requests' rows are committed together, and each answer waits for
 * its own rows' commit. So a gateway killed with SIGKILL right after answering
 * has lost no audit row of any answer a client received, while other requests
 * (and their group's write) were still in flight.
 */
describe('audit log, group commit', () => {
  it('every answer received before SIGKILL has its audit rows committed', async () => {
    const { url: databaseUrl, config } = await migratedDatabase('audit-durability');
    const gateway = await startProcess('src/main.ts', { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, IN_PROCESS_WORKER: 'false' });
    const dataSource = await openDataSource(config);
    const received: { interactionId: string; cpfs: string[] }[] = [];
    try {
      await seedCustomers(dataSource, { personal: 60, business: 0, seed: 22 });
      const token = await tokenFor(analystClaims('audit-durability'));
      let stop = false;
      let failed: string | undefined;
      // 8 clients in a loop: pages of 1 to 20 customers, each request under its own interaction id.
      const client = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const interactionId = randomUUID();
          const first = 1 + ((n * 7 + i) % 20);
          try {
            const response = await fetch(gateway.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-fapi-interaction-id': interactionId },
              body: JSON.stringify({ query: PAGE, variables: { first } }),
            });
            const body = (await response.json()) as { data?: { personalCustomers: { edges: { node: { cpfNumber: string } }[] } }; errors?: unknown[] };
            if (stop) return; // answered after the kill was decided: counted only if it arrived before (below)
            if (response.status !== 200 || body.errors) failed ??= JSON.stringify(body).slice(0, 300);
            else received.push({ interactionId, cpfs: body.data!.personalCustomers.edges.map((edge) => edge.node.cpfNumber) });
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      // Kill as soon as 200 answers have arrived, with the other clients' requests still in flight.
      while (received.length < 200 && !failed) await new Promise((resolve) => setImmediate(resolve));
      const answered = received.slice(); // exactly the answers received before the kill
      gateway.child.kill('SIGKILL');
      stop = true;
      await gateway.exited;
      await Promise.all(clients);
      expect(failed).toBeUndefined();
      expect(answered.length).toBeGreaterThanOrEqual(200);

      const rows = (await dataSource.query('SELECT interactionId, customerDocument FROM audit_log')) as { interactionId: string; customerDocument: string }[];
      const byInteraction = new Map<string, string[]>();
      for (const row of rows) byInteraction.set(row.interactionId, [...(byInteraction.get(row.interactionId) ?? []), row.customerDocument]);
      const missing = answered.filter(({ interactionId, cpfs }) => {
        const audited = new Set(byInteraction.get(interactionId) ?? []);
        return cpfs.some((cpf) => !audited.has(cpf));
      });
      expect(missing).toEqual([]);
    } finally {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
      await gateway.exited;
      await dataSource.destroy();
      await dropDatabase(config);
    }
  }, 120_000);
});
