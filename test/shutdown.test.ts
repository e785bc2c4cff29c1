import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect, Socket } from 'node:net';
import WebSocket from 'ws';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { seedCustomers } from '../src/modules/demo/generator';
import { analystClaims } from '../src/platform/security/viewer';
import { dropDatabase, migratedDatabase } from './support/database';
import { SUBMIT_DOCUMENT } from './support/documents';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { noisePng } from './support/images';
import { eventually, GatewayProcess, startProcess, stopProcesses } from './support/process';
import { uniqueCpf } from './support/registration';

/**
 * SIGTERM as an orchestrator sends it to a gateway started as in production (not NODE_ENV=test, where Apollo
 * installs no signal handler of its own): requests already received are answered — one whose body is still
 * trickling in, six large reads in progress — sockets close with 1001, and the process exits 0 (it used to
 * exit 143 within ~20 ms and reset most of those requests).
 */
describe('graceful shutdown of a production gateway', () => {
  let databaseUrl: string;
  let database: Awaited<ReturnType<typeof migratedDatabase>>['config'];
  const running: GatewayProcess[] = [];
  const production = () => ({
    NODE_ENV: 'production',
    ACCEPT_UNVERIFIED_DOCUMENTS: 'false',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    PUBLIC_BASE_URL: 'https://api.gateway.test',
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
  });

  beforeAll(async () => {
    ({ url: databaseUrl, config: database } = await migratedDatabase('shutdown'));
    const dataSource = await openDataSource(database);
    await migrate(dataSource);
    await seedCustomers(dataSource, { personal: 1000, business: 0, seed: 21 });
    await dataSource.destroy();
  }, 120_000);

  afterAll(async () => {
    await stopProcesses(running);
    await dropDatabase(database);
  });

  const start = async () => {
    const gateway = await startProcess('src/main.ts', production());
    running.push(gateway);
    return gateway;
  };

  it('answers an upload whose body is still arriving when SIGTERM comes, closes sockets with 1001, refuses new connections, exits 0', async () => {
    const gateway = await start();
    const { hostname, port } = new URL(gateway.url);
    const cpf = uniqueCpf();
    const partner = `Bearer ${await tokenFor({ sub: 'partner-shutdown', scope: 'customer.read customer.write' })}`;

    // A WebSocket client, connected and acknowledged.
    const ws = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const acknowledged = new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && resolve());
      ws.on('error', reject);
    });
    const wsClosed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: partner } })));
    await acknowledged;

    // A multipart upload (GraphQL multipart request spec) over a raw socket, its file sent in small pieces.
    const boundary = '----shutdown-test-boundary';
    const file = noisePng(200, 200, 7);
    const head = [
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n`,
      JSON.stringify({
        query: SUBMIT_DOCUMENT,
        operationName: 'SubmitDocument',
        variables: { documentNumber: cpf, documentType: 'SELFIE', documentSide: 'FRONT', image: null },
      }),
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n`,
      JSON.stringify({ 0: ['variables.image'] }),
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="selfie.png"\r\nContent-Type: image/png\r\n\r\n`,
    ].join('');
    const tail = `\r\n--${boundary}--\r\n`;
    const body = Buffer.concat([Buffer.from(head), file, Buffer.from(tail)]);
    const socket: Socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Expect: 100-continue makes the server say when it has read the request's headers: then it is "received".
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ${partner}\r\napollo-require-preflight: true\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await eventually(async () => answer.startsWith('HTTP/1.1 100 Continue'), 10_000, 10);
    const pieces = 12;
    const size = Math.ceil(body.length / pieces);
    socket.write(body.subarray(0, size));

    gateway.child.kill('SIGTERM');
    await eventually(async () => /SIGTERM: shutting down/.test(gateway.output()), 10_000, 10);
    expect(await wsClosed).toBe(1001);
    // No new connections: the listening socket closes (once the connections already queued at it are accepted),
    // while the upload keeps the process up.
    await eventually(
      async () => {
        const outcome = await new Promise<string>((resolve) => {
          const probe = connect(Number(port), hostname);
          probe.on('connect', () => {
            probe.destroy();
            resolve('connected');
          });
          probe.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        return outcome === 'ECONNREFUSED';
      },
      10_000,
      20,
    );

    for (let i = 1; i < pieces; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40)); // the trickle itself, not a wait for a condition
      socket.write(body.subarray(i * size, (i + 1) * size));
    }
    await ended;
    const response = answer.slice(answer.indexOf('HTTP/1.1 200'));
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    const json = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, ''));
    expect(json.errors).toBeUndefined();
    expect(json.data.submitDocument).toMatchObject({ status: 'ANALYZING', documentType: 'SELFIE' });

    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(gateway.output()).toMatch(/"msg":"gateway stopped"/);
  }, 90_000);

  it('answers six pages of 1,000 customers requested at once when SIGTERM comes 30 ms later, and exits 0', async () => {
    const gateway = await start();
    const analyst = `Bearer ${await tokenFor(analystClaims('shutdown-analyst'))}`;
    const query = '{ personalCustomers(first: 1000) { totalCount edges { node { cpfNumber identifications { civilName } } } } }';
    // Each read on its own connection, written whole to the socket before the 30 ms start: all six are "received".
    const reads = Array.from({ length: 6 }, () => post(gateway.url, JSON.stringify({ query }), { authorization: analyst }));
    await Promise.all(reads.map((read) => read.sent));
    setTimeout(() => gateway.child.kill('SIGTERM'), 30);
    const answers = await Promise.all(
      reads.map((read) =>
        read.answer.then(
          (a) => ({ status: a.status, body: JSON.parse(a.body) as { data?: any; errors?: unknown[] } }),
          (error: Error) => ({ status: 0, body: { errors: [error.message] } as { data?: any; errors?: unknown[] } }),
        ),
      ),
    );
    if (answers.some((a) => a.status !== 200))
      console.log(
        gateway
          .output()
          .split('\n')
          .filter((l) => !/"level":20/.test(l))
          .join('\n'),
      );
    expect(answers.map((a) => [a.status, a.body.errors ?? null, a.body.data?.personalCustomers.edges.length])).toEqual(Array(6).fill([200, null, 1000]));
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(gateway.output()).toMatch(/"msg":"SIGTERM: shutting down"/);
  }, 90_000);
});

/** A POST on a connection of its own: `sent` once the whole request has been handed to the socket, `answer` with the response. */
function post(url: string, body: string, headers: Record<string, string>) {
  let sent!: () => void;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('finish', () => sent());
    req.end(body);
  });
  return { sent: sentPromise, answer };
}
