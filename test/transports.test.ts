/**
 * The guarantees of the operation pipeline, from one table of cases run over
 * every transport the gateway speaks (HTTP and graphql-ws): audit, allow-list,
 * error masking with the interaction id, execution deadline, subscriptions
 * only where they can stream. Each transport is used as a client would.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { analystClaims, partnerClaims, personalConsentClaims } from '../src/platform/security/viewer';
import { Config, loadConfig } from '../src/platform/config';
import { PersonalCustomer } from '../src/modules/customers/personal/personal.entities';
import { LimitsConfig } from '../src/platform/security/limits/limits.config';
import { completeCpf } from '../src/platform/documents';
import { dropDatabase, migratedDatabase } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway, tokenFor } from './support/gateway';
import { eventually, startProcess } from './support/process';
import { proxyFor } from './support/tcp-proxy';
import { uniqueCpf, validRegistration } from './support/registration';

interface Body {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** What a client gets back: a result (`data` and/or `errors`), or the errors of a refusal. */
interface Answer {
  data?: any;
  errors?: any[];
}

interface Transport {
  name: string;
  run(gw: TestGateway, authorization: string, body: Body): Promise<Answer>;
}

const overHttp: Transport = {
  name: 'HTTP',
  async run(gw, authorization, body) {
    const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    return (await response.json()) as Answer;
  },
};

/** One socket per operation, token in connection_init: the last `next` payload, or the `error` message's errors. */
const overWebSocket: Transport = {
  name: 'WebSocket',
  run(gw, authorization, body) {
    const client = createClient({
      url: gw.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: 0,
      lazy: true,
    });
    return new Promise<Answer>((resolve) => {
      let last: Answer = {};
      client.subscribe(body as never, {
        next: (value) => void (last = value as Answer),
        error: (error) =>
          resolve({ errors: Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error), extensions: { code: 'SOCKET_ERROR' } }] }),
        complete: () => resolve(last),
      });
    }).finally(() => client.dispose());
  },
};

const TRANSPORTS = [overHttp, overWebSocket];

function testConfig(limits: Partial<LimitsConfig> = {}, config: Partial<Config> = {}): Partial<Config> {
  const base = loadConfig().limits;
  return { inProcessWorker: false, ...config, limits: { ...base, introspectionForAll: false, ...limits, rateLimit: { ...base.rateLimit, points: 100_000 } } };
}

const codes = (answer: Answer) => answer.errors?.map((e) => e.extensions?.code);

async function auditRowsOf(gw: TestGateway, subject: string) {
  const res = await gw.query(
    'query($s: String) { auditLog(first: 100, filter: { subject: $s }) { edges { node { action customerDocument resources interactionId } } } }',
    { s: subject },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.auditLog.edges.map((e: any) => e.node);
}

let gw: TestGateway;
let cpf: string;
beforeAll(async () => {
  gw = await startTestGateway('transports', testConfig());
  cpf = completeCpf('987654321');
  await gw.dataSource.getRepository(PersonalCustomer).insert({ cpfNumber: cpf });
});
afterAll(() => gw?.stop());

describe.each(TRANSPORTS)('over $name', (transport) => {
  it('audits a consent-bound read of personalCustomer (finding 1)', async () => {
    const subject = `consent-${transport.name}-${Math.random().toString(36).slice(2)}`;
    const token = `Bearer ${await tokenFor(personalConsentClaims(cpf, subject))}`;
    const answer = await transport.run(gw, token, {
      query: 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }',
      variables: { c: cpf },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.personalCustomer.cpfNumber).toBe(cpf);
    const rows = await auditRowsOf(gw, subject);
    expect(rows.map((r: any) => [r.action, r.customerDocument])).toEqual([['READ', cpf]]);
    expect(rows[0].resources).toContain('identifications');
  });

  it('audits a partner registerCustomer (finding 1)', async () => {
    const subject = `partner-${transport.name}-${Math.random().toString(36).slice(2)}`;
    const token = `Bearer ${await tokenFor(partnerClaims(subject))}`;
    const documentNumber = uniqueCpf();
    const answer = await transport.run(gw, token, {
      query: 'mutation($d: String!, $i: RegisterCustomerInput!) { registerCustomer(documentNumber: $d, input: $i) { status } }',
      variables: { d: documentNumber, i: validRegistration() },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.registerCustomer.status).toBe('PENDING_APPROVAL');
    const rows = await auditRowsOf(gw, subject);
    expect(rows.map((r: any) => [r.action, r.customerDocument])).toEqual([['REGISTER', documentNumber]]);
  });

  it('puts the interaction id in the body of every error (finding 15)', async () => {
    const answer = await transport.run(gw, gw.analyst, { query: '{ personalCustomer(cpfNumber: "123") { cpfNumber } }' });
    expect(codes(answer)).toEqual(['INVALID_CPF']);
    expect(answer.errors![0].extensions.interactionId).toMatch(/^[0-9a-f-]{36}$/);
    const invalid = await transport.run(gw, gw.analyst, { query: '{ nope }' });
    expect(codes(invalid)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(invalid.errors![0].extensions.interactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(invalid.errors![0].extensions.http).toBeUndefined();
  });

  it('refuses introspection for a non-analyst with INTROSPECTION_DISABLED', async () => {
    const token = `Bearer ${await tokenFor(partnerClaims())}`;
    const answer = await transport.run(gw, token, { query: '{ __schema { types { name } } }' });
    expect(codes(answer)).toEqual(['INTROSPECTION_DISABLED']);
    expect(answer.data ?? null).toBeNull();
  });

  it('refuses a subscription only where it cannot stream: SUBSCRIPTION_REQUIRES_WEBSOCKET over HTTP (finding 5)', async () => {
    const query = 'subscription($d: String!) { customerEvaluation(documentNumber: $d) { name } }';
    if (transport === overHttp) {
      for (const authorization of ['', gw.analyst]) {
        const response = await fetch(gw.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query, variables: { d: uniqueCpf() } }),
        });
        const body = (await response.json()) as Answer;
        expect({ status: response.status, codes: codes(body) }).toEqual({ status: 400, codes: ['SUBSCRIPTION_REQUIRES_WEBSOCKET'] });
      }
    } else {
      // A registration's first event arrives over the socket, then the client leaves.
      const documentNumber = uniqueCpf();
      const partner = `Bearer ${await tokenFor(partnerClaims())}`;
      await overHttp.run(gw, partner, {
        query: 'mutation($d: String!, $i: RegisterCustomerInput!) { registerCustomer(documentNumber: $d, input: $i) { status } }',
        variables: { d: documentNumber, i: validRegistration() },
      });
      const client = createClient({
        url: gw.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: partner },
        retryAttempts: 0,
        lazy: true,
      });
      try {
        const first = await new Promise<any>((resolve, reject) => {
          const dispose = client.subscribe(
            { query, variables: { d: documentNumber } },
            {
              next: (value) => {
                dispose();
                resolve(value);
              },
              error: reject,
              complete: () => undefined,
            },
          );
        });
        expect(first).toEqual({ data: { customerEvaluation: { name: 'CUSTOMER_WAS_RECEIVED' } } });
      } finally {
        await client.dispose();
      }
    }
  });
});

describe.each(TRANSPORTS)('allow-list mode over $name (finding 2)', (transport) => {
  let allowlisted: TestGateway;
  beforeAll(async () => {
    allowlisted = await startTestGateway(
      'transports-allowlist',
      testConfig({}, { persistedOperations: { mode: 'allowlist', manifestFile: 'examples/generated/persisted-operations.json' } }),
    );
  });
  afterAll(() => allowlisted?.stop());

  it('refuses ad-hoc queries and mutations with PERSISTED_QUERY_NOT_ALLOWED, before any SQL', async () => {
    const partner = `Bearer ${await tokenFor(partnerClaims())}`;
    const before = allowlisted.sql.statements.length;
    const query = await transport.run(allowlisted, partner, { query: '{ customerRegistration(documentNumber: "52998224725") { status } }' });
    expect(codes(query)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    const mutation = await transport.run(allowlisted, partner, {
      query: 'mutation($d: String!, $i: RegisterCustomerInput!) { registerCustomer(documentNumber: $d, input: $i) { status } }',
      variables: { d: uniqueCpf(), i: validRegistration() },
    });
    expect(codes(mutation)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    expect(allowlisted.sql.statements.slice(before).filter((s) => /customer_registrations|INSERT/i.test(s))).toEqual([]);
  });

  it('refuses before any validation: an unknown field, a wrong argument, a syntax error or an unknown hash all get PERSISTED_QUERY_NOT_ALLOWED (issue 19)', async () => {
    const partner = `Bearer ${await tokenFor(partnerClaims())}`;
    for (const request of [
      { query: '{ noSuchField }' }, // was GRAPHQL_VALIDATION_FAILED "Cannot query field \"noSuchField\"": which fields exist leaked
      { query: '{ customerRegistration(noSuchArgument: 1) { status } }' },
      { query: '{ personalCustomer(cpfNumber: "52998224725") { secretField } }', operationName: 'Nope' },
      { query: '{ customerRegistration(' },
      { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
    ]) {
      const answer = await transport.run(allowlisted, partner, request);
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
      expect(JSON.stringify(answer)).not.toMatch(/Cannot query|Unknown argument|Syntax Error|noSuchField|secretField|Did you mean/);
    }
  });

  it('runs a registered operation by its hash alone', async () => {
    const manifest = require('../examples/generated/persisted-operations.json') as Record<string, { document: string }>;
    const [hash] = Object.entries(manifest).find(([, entry]) => /query CustomerRegistration\b/.test(entry.document))!;
    const partner = `Bearer ${await tokenFor(partnerClaims())}`;
    const answer = await transport.run(allowlisted, partner, {
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      variables: { documentNumber: uniqueCpf() },
    });
    expect(answer).toEqual({ data: { customerRegistration: null } });
  });
});

describe.each(TRANSPORTS)('execution deadline over $name (finding 4)', (transport) => {
  let slow: TestGateway;
  beforeAll(async () => {
    slow = await startTestGateway('transports-deadline', testConfig({ executionTimeoutMs: 1, maxCost: 100_000 }));
    const rows = Array.from({ length: 1000 }, (_, i) => ({ cpfNumber: completeCpf(String(200_000_000 + i)) }));
    for (let i = 0; i < rows.length; i += 100) await slow.dataSource.getRepository(PersonalCustomer).insert(rows.slice(i, i + 100));
  });
  afterAll(() => slow?.stop());

  it('stops a long operation with one EXECUTION_TIMEOUT, before the nested SQL', async () => {
    const before = slow.sql.statements.length;
    const answer = await transport.run(slow, slow.analyst, {
      query: '{ personalCustomers(first: 1000) { edges { node { cpfNumber identifications { civilName } } } } }',
    });
    expect(codes(answer)).toEqual(['EXECUTION_TIMEOUT']);
    expect(slow.sql.statements.slice(before).filter((s) => /personal_identifications/.test(s))).toEqual([]);
  });
});

describe.each(TRANSPORTS)('database outage over $name (finding 3)', (transport) => {
  let broken: TestGateway;
  beforeAll(async () => {
    broken = await startTestGateway('transports-outage', testConfig());
    await broken.dataSource.destroy(); // every statement now fails in the driver or the ORM
  });
  afterAll(async () => {
    await broken?.stop();
  });

  it('answers INTERNAL_SERVER_ERROR with a correlation id and the interaction id, and nothing of the cause', async () => {
    const answer = await transport.run(broken, broken.analyst, { query: '{ personalCustomers(first: 5) { edges { node { cpfNumber } } } }' });
    expect(codes(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
    const [error] = answer.errors!;
    expect(error.message).toBe('Internal server error');
    expect(Object.keys(error.extensions).sort()).toEqual(['code', 'correlationId', 'interactionId']);
    expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|Pool|connection|SQL|select|stack|at /i);
  });
});

describe('subscriptions per connection and per subject (finding 11)', () => {
  let capped: TestGateway;
  beforeAll(async () => {
    capped = await startTestGateway('transports-caps', testConfig({ maxSubscriptionsPerConnection: 3, maxSubscriptionsPerSubject: 5 }));
  });
  afterAll(() => capped?.stop());

  const active = async () => (await capped.gateway.metrics.activeSubscriptions.get()).values[0]?.value ?? 0;

  it('refuses past MAX_SUBSCRIPTIONS_PER_CONNECTION, then past MAX_SUBSCRIPTIONS_PER_SUBJECT across sockets, with TOO_MANY_SUBSCRIPTIONS', async () => {
    const token = `Bearer ${await tokenFor(analystClaims(`caps-${Math.random()}`))}`;
    const clients = [0, 1, 2].map(() =>
      createClient({
        url: capped.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: token },
        retryAttempts: 0,
        lazy: true,
      }),
    );
    const refused: string[][] = [[], [], []];
    /** One more subscription (of a CPF never registered: it stays open and silent); waits until it is open or refused. */
    const open = async (index: number) => {
      const [activeBefore, refusedBefore] = [await active(), refused[index].length];
      clients[index].subscribe(
        { query: 'subscription($d: String!) { customerEvaluation(documentNumber: $d) { name } }', variables: { d: uniqueCpf() } },
        {
          next: () => undefined,
          error: (errors) => void refused[index].push(...(errors as any[]).map((e) => e.extensions?.code)),
          complete: () => undefined,
        },
      );
      await eventually(async () => (await active()) > activeBefore || refused[index].length > refusedBefore, 10_000, 20);
    };
    try {
      for (let i = 0; i < 4; i++) await open(0);
      expect({ active: await active(), refused: refused[0] }).toEqual({ active: 3, refused: ['TOO_MANY_SUBSCRIPTIONS'] });
      for (let i = 0; i < 3; i++) await open(1);
      expect({ active: await active(), refused: refused[1] }).toEqual({ active: 5, refused: ['TOO_MANY_SUBSCRIPTIONS'] });
      await open(2);
      expect(refused[2]).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      await clients[0].dispose();
      await eventually(async () => (await active()) === 2, 10_000, 20); // closing a socket releases its subscriptions
      await open(2);
      expect({ active: await active(), refused: refused[2] }).toEqual({ active: 3, refused: ['TOO_MANY_SUBSCRIPTIONS'] });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

describe('internal errors in a running gateway process (finding 15)', () => {
  it('logs the cause of an internal error under the correlation id the client got, over HTTP and WebSocket', async () => {
    const { config: database, url } = await migratedDatabase('transports-cause');
    const proxy = database.kind === 'mysql' ? await proxyFor(url, 3306) : null;
    // SQLite's outage is a write lock held past the busy timeout: a short one keeps the wait short.
    const env = {
      DATABASE_URL: proxy ? proxy.via(url) : url,
      JWT_SECRET: TEST_JWT_SECRET,
      IN_PROCESS_WORKER: 'false',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SQLITE_BUSY_TIMEOUT_MS: '200',
    };
    const gateway = await startProcess('src/main.ts', env);
    // The outage: MariaDB's connections cut (through a proxy); SQLite locked by another writer past the busy timeout.
    let release = async () => undefined as void;
    try {
      if (proxy) {
        await proxy.cut();
      } else {
        const Database = require('better-sqlite3');
        const holder = new Database(database.kind === 'sqlite' ? database.path : '');
        holder.exec('BEGIN EXCLUSIVE');
        release = async () => holder.close();
      }
      const partner = `Bearer ${await tokenFor(partnerClaims())}`;
      const register = { query: 'mutation($d: String!, $i: RegisterCustomerInput!) { registerCustomer(documentNumber: $d, input: $i) { status } }' };
      const fake = { url: gateway.url } as TestGateway;
      for (const transport of TRANSPORTS) {
        const answer = await transport.run(fake, partner, { ...register, variables: { d: uniqueCpf(), i: validRegistration() } });
        expect(codes(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
        const { correlationId, interactionId } = answer.errors![0].extensions;
        expect(interactionId).toBeTruthy();
        const line = await eventually(
          async () =>
            gateway
              .output()
              .split('\n')
              .find((l) => l.includes(correlationId)),
          10_000,
          50,
        );
        const logged = JSON.parse(line);
        expect(logged.err.message).toMatch(proxy ? /ECONNREFUSED|connect|closed|Connection lost/i : /database is locked/i);
        expect(logged.err.message).not.toBe('Internal server error');
      }
    } finally {
      await release();
      gateway.child.kill('SIGKILL');
      await gateway.exited;
      await proxy?.close();
      await dropDatabase(database);
    }
  }, 60_000);
});

describe('WebSocket resources (finding 17)', () => {
  let small: TestGateway;
  beforeAll(async () => {
    small = await startTestGateway('transports-ws-resources', testConfig({ maxConnectionsPerAddress: 2, maxRequestBytes: 64 * 1024 }));
  });
  afterAll(() => small?.stop());

  const socketUrl = () => small.url.replace(/^http/, 'ws');
  const opened = (socket: WebSocket) =>
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });

  it('refuses a frame over MAX_REQUEST_BYTES from its header, before the token is checked (close 1009)', async () => {
    const socket = new WebSocket(socketUrl(), 'graphql-transport-ws');
    await opened(socket);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => undefined); // the server may reset the rest of the frame
    const payload = { authorization: 'x'.repeat(8 * 1024 * 1024) };
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
    expect(await closed).toBe(1009);
    // The gateway is unharmed and still serves clients.
    expect((await small.query('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('holds at most MAX_CONNECTIONS_PER_ADDRESS sockets per client address: 429 on the upgrade', async () => {
    const sockets = [new WebSocket(socketUrl(), 'graphql-transport-ws'), new WebSocket(socketUrl(), 'graphql-transport-ws')];
    try {
      await Promise.all(sockets.map(opened));
      const third = new WebSocket(socketUrl(), 'graphql-transport-ws');
      const status = await new Promise<number>((resolve) => {
        third.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        third.once('open', () => resolve(101));
        third.once('error', () => undefined);
      });
      expect(status).toBe(429);
      sockets.pop()!.close();
      // A closed socket frees its place.
      await eventually(
        async () => {
          const retry = new WebSocket(socketUrl(), 'graphql-transport-ws');
          retry.on('error', () => undefined);
          const ok = await new Promise<boolean>((resolve) => {
            retry.once('open', () => resolve(true));
            retry.once('unexpected-response', () => resolve(false));
          });
          if (ok) sockets.push(retry);
          return ok;
        },
        10_000,
        50,
      );
    } finally {
      sockets.forEach((s) => s.close());
    }
  });
});

/**
 * The Open Banking REST facade (src/modules/open-banking-rest) runs fixed operations through the
 * same pipeline: the cases of the table above that a REST client can provoke.
 */
describe('over REST (src/modules/open-banking-rest)', () => {
  const rest = (target: TestGateway, path: string, authorization?: string) =>
    fetch(`${target.url.replace(/\/graphql$/, '')}/open-banking/customers/v1${path}`, { headers: authorization ? { authorization } : {} });

  it('audits a consent-bound read (finding 1)', async () => {
    const subject = `consent-REST-${Math.random().toString(36).slice(2)}`;
    const response = await rest(gw, '/personal/identifications', `Bearer ${await tokenFor(personalConsentClaims(cpf, subject))}`);
    expect(response.status).toBe(200);
    const rows = await auditRowsOf(gw, subject);
    expect(rows.map((r: any) => [r.action, r.customerDocument, r.interactionId])).toEqual([['READ', cpf, response.headers.get('x-fapi-interaction-id')]]);
    expect(rows[0].resources).toContain('identifications');
  });

  it('runs its own fixed operations in allow-list mode (finding 2)', async () => {
    const allowlisted = await startTestGateway(
      'transports-allowlist-rest',
      testConfig({}, { persistedOperations: { mode: 'allowlist', manifestFile: 'examples/generated/persisted-operations.json' } }),
    );
    try {
      const response = await rest(allowlisted, '/personal/identifications', `Bearer ${await tokenFor(personalConsentClaims(cpf))}`);
      expect(response.status).toBe(404); // the operation ran: this gateway's database has no such customer
      expect(((await response.json()) as any).errors[0].code).toBe('NOT_FOUND');
    } finally {
      await allowlisted.stop();
    }
  });

  it('masks a database outage: 500 with a correlation id, the interaction id in the header, nothing of the cause (finding 3)', async () => {
    const broken = await startTestGateway('transports-outage-rest', testConfig());
    await broken.dataSource.destroy();
    try {
      const response = await rest(broken, '/personal/identifications', `Bearer ${await tokenFor(personalConsentClaims(cpf))}`);
      const body = (await response.json()) as any;
      expect([response.status, body.errors[0].code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
      expect(body.errors[0].detail).toMatch(/^Internal server error \(correlation id [0-9a-f-]{36}\)\.$/);
      expect(response.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(body)).not.toMatch(/SQL|select|Pool|connection|stack|at /i);
    } finally {
      await broken.stop();
    }
  });
});
