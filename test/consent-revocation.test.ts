import Redis from 'ioredis';
import { analystClaims } from '../src/platform/security/viewer';
import { defaultRedisPrefix } from '../src/platform/config';
import { PersonalCustomer } from '../src/modules/customers/personal/personal.entities';
import { openDataSource } from '../src/data-source';
import { completeCpf } from '../src/platform/documents';
import { PERSONAL_PERMISSIONS } from './support/consents';
import { dropDatabase, migratedDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, GatewayProcess, postGraphQL, startProcess, stopProcesses } from './support/process';
import { TEST_REDIS_URL } from './support/redis';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

/**
 * Revocation "at once, on every instance": two gateway processes on one
 * database and one Redis. A consent revoked through instance A is refused by
 * instance B on its very next request, and B's open subscription of it ends
 * with UNAUTHENTICATED without waiting for an event (the conformance suite's
 * consent-deletion test: the same token after revocation gets 401).
 */
describe('consent revocation across instances', () => {
  const processes: GatewayProcess[] = [];
  let database: Awaited<ReturnType<typeof migratedDatabase>>['config'];
  let analyst: string;
  const reader = completeCpf('523456780');

  beforeAll(async () => {
    const fresh = await migratedDatabase('consent-revocation');
    database = fresh.config;
    analyst = `Bearer ${await tokenFor(analystClaims())}`;
    // No worker: a registration stays at its first event, so an open evaluation stream only ends by revocation.
    const env = { DATABASE_URL: fresh.url, REDIS_URL: TEST_REDIS_URL, JWT_SECRET: TEST_JWT_SECRET, IN_PROCESS_WORKER: 'false' };
    processes.push(await startProcess('src/main.ts', env));
    processes.push(await startProcess('src/main.ts', env));
    const dataSource = await openDataSource(database);
    await dataSource.getRepository(PersonalCustomer).insert({ cpfNumber: reader });
    await dataSource.destroy();
  }, 90_000);

  afterAll(async () => {
    await stopProcesses(processes, 'SIGTERM');
    if (database) await dropDatabase(database);
  });

  const [A, B] = [0, 1];
  const on = (instance: number, query: string, variables: Record<string, unknown>, authorization = analyst) =>
    postGraphQL(processes[instance].url, query, variables, { authorization });
  const READ = 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }';

  async function authorisedConsent(cpf: string, receiver: string): Promise<string> {
    const created = await on(A, 'mutation($i: CreateConsentInput!) { createConsent(input: $i) { consentId } }', {
      i: { cpf, permissions: PERSONAL_PERMISSIONS, receiver, expirationDateTime: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const consentId = created.data.createConsent.consentId;
    expect((await on(A, 'mutation($id: String!) { authoriseConsent(consentId: $id) { status } }', { id: consentId })).data.authoriseConsent.status).toBe(
      'AUTHORISED',
    );
    return consentId;
  }
  const revoke = (consentId: string) =>
    on(A, 'mutation($id: String!) { revokeConsent(consentId: $id, reason: CUSTOMER_MANUALLY_REVOKED) { status } }', { id: consentId });
  const bearer = async (sub: string, consentId: string) =>
    `Bearer ${await tokenFor({ sub, scope: 'openid customers customer.read', permissions: PERSONAL_PERMISSIONS, consentId })}`;

  it('refuses the next request on the other instance', async () => {
    const consentId = await authorisedConsent(reader, 'tpp-read');
    const token = await bearer('tpp-read', consentId);
    for (const instance of [A, B]) expect((await on(instance, READ, { c: reader }, token)).data.personalCustomer.cpfNumber).toBe(reader);
    expect((await revoke(consentId)).data.revokeConsent.status).toBe('REJECTED');
    for (const instance of [B, A]) {
      const response = await fetch(processes[instance].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ query: READ, variables: { c: reader } }),
      });
      expect(response.status).toBe(401);
      const refused = (await response.json()) as { data?: unknown; errors?: any[] };
      expect(refused.errors!.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(refused.data ?? null).toBeNull();
    }
  });

  it("ends the other instance's open subscription at once", async () => {
    const cpf = uniqueCpf();
    expect((await on(A, REGISTER, { documentNumber: cpf, input: validRegistration() })).errors).toBeUndefined();
    const consentId = await authorisedConsent(cpf, 'tpp-stream');
    const client = wsClient(processes[B].url, { authorization: await bearer('tpp-stream', consentId) });
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const stream = subscribe(client, EVALUATION, { documentNumber: cpf }, (data) => data.customerEvaluation.name);
      expect(await stream.waitFor(1)).toEqual(['CUSTOMER_WAS_RECEIVED']);
      // B's SUBSCRIBE to revocations (the only one: A holds no stream) has reached Redis.
      const channel = `${defaultRedisPrefix(database)}:CONSENT_REVOKED`;
      await eventually(async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]) > 0, 15_000, 20);
      await revoke(consentId);
      await stream.completed;
      expect(stream.received).toEqual(['CUSTOMER_WAS_RECEIVED']);
      expect(stream.errors.map((e: any) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      redis.disconnect();
      await client.dispose();
    }
  });
});
