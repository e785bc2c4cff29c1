import { createServer, IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { eventually, GatewayProcess, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

jest.setTimeout(180_000);

/**
 * Webhook delivery by real `npm run worker` processes: a worker SIGKILLed in
 * the middle of an attempt, and two workers sharing one outbox.
 */
describe(`webhook delivery workers as processes on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  let partner: string;
  const workers: GatewayProcess[] = [];
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const held: ServerResponse[] = [];
  let holdFirst = true;
  let inFlight = 0;
  let maxInFlightPerId = new Map<string, number>();
  const inFlightById = new Map<string, number>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const id = `${request.url} ${String(request.headers['webhook-id'])}`; // one event goes to every subscribed webhook with one webhook-id
      received.push({ path, headers: request.headers, body });
      if (path === '/hold' && holdFirst) {
        holdFirst = false;
        held.push(response); // never answered: the worker is killed meanwhile
        return;
      }
      inFlight += 1;
      inFlightById.set(id, (inFlightById.get(id) ?? 0) + 1);
      maxInFlightPerId.set(id, Math.max(maxInFlightPerId.get(id) ?? 0, inFlightById.get(id)!));
      setTimeout(
        () => {
          inFlight -= 1;
          inFlightById.set(id, inFlightById.get(id)! - 1);
          response.writeHead(200).end('ok');
        },
        path === '/slow' ? 150 : 0,
      );
    });
  });
  let base = '';

  const workerEnv = () => ({
    DATABASE_URL: gw.databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    WORKER_POLL_MS: '50',
    EVALUATION_DELAY_MS: '200',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_TIMEOUT_MS: '3000',
    WEBHOOK_BACKOFF_BASE_MS: '100',
    WEBHOOK_BACKOFF_MAX_MS: '400',
    REDIS_URL: '',
  });
  const startWorker = async () => {
    const worker = await startProcess('src/worker.ts', workerEnv(), /worker ready/);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    gw = await startTestGateway('webhook-processes', {
      inProcessWorker: false,
      evaluationDelayMs: 200,
      webhooks: {
        allowedHosts: ['127.0.0.1'],
        timeoutMs: 3000,
        maxAttempts: 4,
        backoffBaseMs: 100,
        backoffMaxMs: 400,
        secretGraceMs: 60_000,
        disableAfterMs: 0,
      },
    });
    partner = `Bearer ${await tokenFor({ sub: 'partner-p', scope: 'customer.read customer.write webhook.read webhook.write' })}`;
  });

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }
    await gw?.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const createWebhook = async (path: string) => {
    const { body } = await gw.query(
      `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id secret } }`,
      { input: { url: `${base}${path}`, eventNames: ['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED'] } },
      { authorization: partner },
    );
    expect(body.errors).toBeUndefined();
    return body.data.createWebhook as { id: number; secret: string };
  };
  const register = async (cpf: string) => {
    const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner });
    expect(body.errors).toBeUndefined();
  };
  const statuses = async (webhookId: number) => {
    const { body } = await gw.query(
      `query($id: Int!) { webhookDeliveries(first: 100, filter: { webhookId: $id }) { edges { node { status idempotencyKey } } } }`,
      { id: webhookId },
      { authorization: partner },
    );
    return body.data.webhookDeliveries.edges.map((e: any) => e.node) as { status: string; idempotencyKey: string }[];
  };

  it('a worker SIGKILLed during an attempt: a successor sends it again with the same webhook-id, then the rest in order', async () => {
    const webhook = await createWebhook('/hold');
    const doomed = await startWorker();
    const cpf = uniqueCpf();
    await register(cpf);
    await eventually(async () => received.some((r) => r.path === '/hold'), 60_000);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await startWorker();

    await eventually(async () => {
      const rows = await statuses(webhook.id);
      return rows.length === 3 && rows.every((d) => d.status === 'SUCCEEDED');
    }, 90_000);
    const sent = received.filter((r) => r.path === '/hold');
    const verifier = new Verifier(webhook.secret);
    const names = sent.map((r) => (verifier.verify(r.body, r.headers as Record<string, string>) as { name: string }).name);
    // At least once: the killed attempt and its resend carry the same webhook-id; order holds.
    expect(sent[0].headers['webhook-id']).toBe(sent[1].headers['webhook-id']);
    expect(names.slice(0, 2)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_WAS_RECEIVED']);
    expect(names.filter((name, i) => name !== names[i - 1])).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED']);
  });

  it('two workers never send one delivery at the same time, nor twice to a 2xx receiver', async () => {
    await startWorker(); // the successor of the previous test still runs: two workers
    const webhook = await createWebhook('/slow');
    maxInFlightPerId = new Map();
    const cpfs = Array.from({ length: 4 }, () => uniqueCpf());
    for (const cpf of cpfs) await register(cpf);
    await eventually(async () => {
      const rows = await statuses(webhook.id);
      return rows.length === 12 && rows.every((d) => d.status === 'SUCCEEDED');
    }, 120_000);
    const ids = received.filter((r) => r.path === '/slow').map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(Math.max(...maxInFlightPerId.values())).toBe(1);
    expect(inFlight).toBe(0);
  });
});
