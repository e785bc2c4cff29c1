import { createServer } from 'node:net';
import { analystClaims } from '../src/platform/security/viewer';
import { maskPersonalData } from '../src/platform/observability/logger';
import { dropDatabase, migratedDatabase } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { eventually, jsonLines, postGraphQL, startProcess } from './support/process';
import { EVALUATION, REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

describe('health, readiness and metrics', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('operations', { evaluationDelayMs: 100 });
  });
  afterAll(() => gw.stop());
  const base = () => gw.url.replace(/\/graphql$/, '');

  it('/healthz says the process is alive', async () => {
    const res = await fetch(`${base()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('/readyz checks the database and its migrations', async () => {
    const res = await fetch(`${base()}/readyz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true, detail: 'applied' } } });
  });

  it('/readyz fails when a migration is missing', async () => {
    await gw.dataSource.query("DELETE FROM migrations WHERE name LIKE 'Init%'");
    try {
      const res = await fetch(`${base()}/readyz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).checks.migrations.ok).toBe(false);
    } finally {
      await gw.dataSource.query('DELETE FROM migrations');
      await gw.dataSource.runMigrations({ transaction: 'each', fake: true });
    }
  });

  it('/metrics counts operations, errors, subscriptions and evaluations in Prometheus format', async () => {
    await gw.query('query Ping { __typename }');
    await gw.query('query BadCpf { personalCustomer(cpfNumber: "1") { cpfNumber } }');
    const cpf = uniqueCpf();
    const client = wsClient(gw.url, { authorization: gw.analyst });
    const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
    await gw.subscribed(cpf); // its stream listens: the registration below cannot be missed
    await eventually(async () => /^graphql_active_subscriptions 1$/m.test(await (await fetch(`${base()}/metrics`)).text()), 10_000, 20);
    await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() });
    await sub.completed;
    await client.dispose();
    const text = await eventually(async () => {
      const body = await (await fetch(`${base()}/metrics`)).text();
      return /evaluation_decision_latency_seconds_count\{decision="APPROVED"\} [1-9]/.test(body) && body;
    });
    // Ping, BadCpf, Register and the subscription's start are not registered operations: their label is `other` (see observability.test.ts).
    expect(text).toMatch(/graphql_requests_total\{operation="other",outcome="ok"\} 3/);
    expect(text).toMatch(/graphql_requests_total\{operation="other",outcome="error"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="INVALID_CPF"\} [1-9]/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="other"\} 4/);
    expect(text).toMatch(/^evaluation_queue_depth 0$/m);
    expect(text).toMatch(/^graphql_active_subscriptions 0$/m);
    expect(text).toMatch(/db_pool_connections\{state="open"\} [1-9]/);
  });
});

describe('logs', () => {
  it('mask CPFs, CNPJs and e-mails', () => {
    expect(maskPersonalData('cpf 52998224725 cnpj 11222333000181 mail ana.silva@banco.com.br')).toBe('cpf 529*****725 cnpj 112*****181 mail a***@banco.com.br');
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes in-flight requests, closes sockets with 1001 and exits 0', async () => {
    const { url: databaseUrl, config } = await migratedDatabase('shutdown');
    const auth = `Bearer ${await tokenFor(analystClaims())}`;
    const gateway = await startProcess('src/main.ts', { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, EVALUATION_DELAY_MS: '60000' });
    try {
      const cpf = uniqueCpf();
      await postGraphQL(gateway.url, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: auth });
      const client = wsClient(gateway.url, { authorization: auth });
      const sub = subscribe(client, EVALUATION, { documentNumber: cpf }, (d) => d.customerEvaluation);
      await sub.waitFor(1);
      const inFlight = Array.from({ length: 20 }, () =>
        postGraphQL(
          gateway.url,
          'query($d: String!) { customerRegistration(documentNumber: $d) { status events { name } } }',
          { d: cpf },
          { authorization: auth },
        ),
      );
      // The burst is being served (its first answer is back, the others were sent with it): stop now.
      await Promise.race(inFlight);
      gateway.child.kill('SIGTERM');
      const answers = await Promise.allSettled(inFlight);
      const answered = answers.filter((a) => a.status === 'fulfilled' && a.value.data?.customerRegistration?.status === 'PENDING_APPROVAL');
      // Requests already accepted are answered; none is cut off half-way.
      for (const a of answers) if (a.status === 'rejected') expect(String(a.reason)).toMatch(/ECONNREFUSED|fetch failed/);
      expect(answered.length).toBeGreaterThan(0);
      await sub.completed;
      expect((sub.errors[0] as { code?: number })?.code).toBe(1001);
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(gateway.output()).toMatch(/SIGTERM/);
      await client.dispose();
    } finally {
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
      await dropDatabase(config);
    }
  }, 60_000);
});

describe('start-up', () => {
  it('a busy port is one JSON line "port N is in use" and exit 1 (not a WebSocket-server error, never hangs unbound)', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    const { config, url } = await migratedDatabase('port-taken');
    try {
      const start = startProcess('src/main.ts', { DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, IN_PROCESS_WORKER: 'false', PORT: String(port) });
      const error = String(await start.catch((e: Error) => e.message));
      const output = error.slice(error.indexOf('\n') + 1).trim();
      const fatal = jsonLines(output).filter((line) => line.level >= 50);
      expect(fatal.map((line) => line.msg)).toEqual([expect.stringMatching(new RegExp(`^port ${port} is in use`))]);
      expect(output).not.toMatch(/WebSocket|EADDRINUSE|    at /);
    } finally {
      holder.close();
      await dropDatabase(config);
    }
  });
});
