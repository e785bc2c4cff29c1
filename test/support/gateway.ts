import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, Logger } from 'typeorm';
import { analystClaims, mintToken, TokenClaims } from '../../src/platform/security/viewer';
import { Config, DatabaseConfig, DocumentsConfig, loadConfig } from '../../src/platform/config';
import { openDataSource } from '../../src/data-source';
import { migrate } from '../../src/platform/data/migrate';
import { Gateway, startGateway } from '../../src/server';
import { MODULES } from '../../src/app';
import type { GatewayModule } from '../../src/platform/module';
import { dropDatabase, migratedDatabase } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: any[] };
}

/** Counts the SQL statements the gateway issues, for N+1 checks. */
export class SqlCounter implements Partial<Logger> {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters!';

/** Signs a token the test gateways accept. */
export function tokenFor(claims: TokenClaims, expiresIn: string | number = '1h'): Promise<string> {
  return mintToken(new TextEncoder().encode(TEST_JWT_SECRET), claims, expiresIn);
}

export interface TestGateway {
  url: string;
  databaseUrl: string;
  database: DatabaseConfig;
  dataSource: DataSource;
  config: Config;
  sql: SqlCounter;
  gateway: Gateway;
  /** Bearer header of an analyst token, the default identity of `query`. */
  analyst: string;
  /**
   * Resolves once the gateway listens for the events of `documentNumber` (a
   * `customerEvaluation` subscription reached the server and its stream is
   * registered on the bus) `count` times in all: no fixed sleep before publishing.
   */
  subscribed(documentNumber: string, count?: number, timeoutMs?: number): Promise<void>;
  /** POSTs one GraphQL operation as a client would (as an analyst unless `authorization` is given; '' sends none). */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The document settings of a test gateway: registrations of most tests use
 * made-up document tokens, so the document prerequisite is off
 * (ACCEPT_UNVERIFIED_DOCUMENTS) unless a test passes `acceptUnverified: false`;
 * images go to a directory of the gateway's own.
 */
export function testDocumentsConfig(label: string, overrides: Partial<DocumentsConfig> = {}): DocumentsConfig {
  const dir = join(tmpdir(), 'gateway-test-documents', `${label.replace(/[^A-Za-z0-9-]/g, '_')}-${randomBytes(4).toString('hex')}`);
  return { ...loadConfig().documents, acceptUnverified: true, storage: { dir }, ...overrides };
}

/** Starts a real gateway on a random port over a fresh, migrated database (a copy of the run's template: see migratedDatabase). */
export async function startTestGateway(label: string, overrides: Partial<Config> = {}, modules: readonly GatewayModule[] = MODULES): Promise<TestGateway> {
  const { config: database, url: databaseUrl } = await migratedDatabase(label);
  const ownDocuments = testDocumentsConfig(label);
  const config: Config = {
    ...loadConfig(),
    port: 0,
    database,
    demoData: false,
    auth: { env: { JWT_SECRET: TEST_JWT_SECRET } },
    documents: ownDocuments,
    // Production's poll: the worker loops start work when it is announced and when it falls due (src/platform/jobs/polling.ts).
    workerPollMs: 1_000,
    ...overrides,
  };
  const sql = new SqlCounter();
  const dataSource = await openDataSource(database, { logger: sql as unknown as Logger }, modules);
  await migrate(dataSource);
  // A module beside the gateway's own (a test fixture) has no migration: its tables come from its entities, in tests only.
  if (modules !== MODULES) await dataSource.synchronize();
  sql.statements = [];
  const gateway = await startGateway(config, dataSource, undefined, modules);
  const analyst = `Bearer ${await tokenFor(analystClaims('test-analyst'))}`;
  const subscribed = watchSubscriptions(gateway);
  return {
    subscribed,
    analyst,
    url: gateway.url,
    databaseUrl,
    database,
    dataSource,
    config,
    sql,
    gateway,
    async query(query, variables, headers = {}) {
      const { authorization = analyst, ...rest } = headers;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...rest },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
    },
    /** Stops the gateway and removes what it leaves: its database (even one a test cut off), its own image directory. */
    async stop() {
      await gateway.stop();
      if (dataSource.isInitialized) await dataSource.destroy(); // a test may have destroyed it (a database outage)
      await dropDatabase(database);
      if (config.documents === ownDocuments) rmSync(ownDocuments.storage.dir, { recursive: true, force: true });
    },
  };
}

/**
 * Counts, per document number, the bus subscriptions the gateway's streams
 * open. The pub/sub registers its listener synchronously when the stream
 * starts (before it reads the history), so once the count is reached any
 * event published afterwards reaches that stream.
 */
function watchSubscriptions(gateway: Gateway): TestGateway['subscribed'] {
  const pubSub = gateway.services.pubSub;
  const counts = new Map<string, number>();
  let waiters: (() => void)[] = [];
  const original = pubSub.subscribe.bind(pubSub);
  pubSub.subscribe = ((...args: Parameters<typeof original>) => {
    const iterable = original(...args);
    const key = String(args[1]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const current = waiters;
    waiters = [];
    current.forEach((check) => check());
    return iterable;
  }) as typeof pubSub.subscribe;
  return (documentNumber, count = 1, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no subscription to ${documentNumber} reached the gateway within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if ((counts.get(documentNumber) ?? 0) >= count) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
}
