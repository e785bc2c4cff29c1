import { DataSource, Logger } from 'typeorm';
import { Config, DatabaseConfig, loadConfig } from '../../src/config';
import { openDataSource } from '../../src/database/data-source';
import { migrate } from '../../src/database/migrate';
import { Gateway, startGateway } from '../../src/server';
import { dropDatabase, freshDatabase } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
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

export interface TestGateway {
  url: string;
  databaseUrl: string;
  database: DatabaseConfig;
  dataSource: DataSource;
  config: Config;
  sql: SqlCounter;
  gateway: Gateway;
  /** POSTs one GraphQL operation as a client would. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Starts a real gateway on a random port over a fresh, migrated database. */
export async function startTestGateway(label: string, overrides: Partial<Config> = {}): Promise<TestGateway> {
  const { config: database, url: databaseUrl } = await freshDatabase(label);
  const config: Config = { ...loadConfig(), port: 0, database, demoData: false, ...overrides };
  const sql = new SqlCounter();
  const dataSource = await openDataSource(database, { logger: sql as unknown as Logger });
  await migrate(dataSource);
  sql.statements = [];
  const gateway = await startGateway(config, dataSource);
  return {
    url: gateway.url,
    databaseUrl,
    database,
    dataSource,
    config,
    sql,
    gateway,
    async query(query, variables, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async stop() {
      await gateway.stop();
      await dataSource.destroy();
      await dropDatabase(database);
    },
  };
}
