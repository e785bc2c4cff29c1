import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { DatabaseConfig, SQLITE_BUSY_TIMEOUT_MS } from '../config';
import { CountingLogger } from '../observability/sql-statements';
import { GatewayNamingStrategy } from './naming';

/**
 * One DataSource factory for both databases. SQLite (better-sqlite3) is the
 * embedded default; MySQL/MariaDB (mysql2) is production. Schema changes go
 * through the migrations in /migrations only: `synchronize` stays off.
 * The entities are the caller's: the gateway's list and its `openDataSource`
 * are in src/data-source.ts.
 */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export const migrationsGlob = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export interface DataSourceSettings {
  logger?: Logger;
  poolSize?: number;
  /** TypeORM's `mariadb` driver type avoids false schema differences on MariaDB; found by `openDataSource`. */
  flavor?: 'mysql' | 'mariadb';
}

export function createDataSource(config: DatabaseConfig, entities: EntityList, options: DataSourceSettings = {}): DataSource {
  // Every statement is counted (db_statements_total); a given logger also sees them.
  const logger = new CountingLogger(options.logger);
  const common = {
    entities,
    migrations: [migrationsGlob],
    synchronize: false,
    logger,
    logging: ['query' as const],
    namingStrategy: new GatewayNamingStrategy(),
  };
  let settings: DataSourceOptions;
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    settings = {
      ...common,
      type: 'better-sqlite3',
      database: config.path,
      // WAL lets readers run while the evaluation worker writes; busy timeout absorbs short lock waits.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process loses nothing,
        // a power cut may lose the last commits (never corrupts); the reads' audit inserts stop paying an fsync each.
        db.pragma('synchronous = NORMAL');
        db.pragma(`busy_timeout = ${config.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS}`);
        db.pragma('foreign_keys = ON');
      },
    };
  } else {
    settings = {
      ...common,
      type: options.flavor ?? 'mysql',
      url: config.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: options.poolSize ?? 10,
      supportBigNumbers: true,
      bigNumberStrings: true,
      // Prepared statements are cached per connection (src/platform/data/direct-rows.ts); the server caps them all
      // together (max_prepared_stmt_count, 16 382 by default), shared by every instance: keep each pool's share small.
      extra: { maxPreparedStatements: 128 },
    };
  }
  return new DataSource(settings);
}

/** Asks a MySQL-protocol server whether it is MariaDB, so TypeORM reads its schema right. */
async function detectFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as { version: string }[])[0].version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** The embedded connection's use: held by a transaction (in use) or not, and transactions queued for it. */
export interface SqliteConnectionUse {
  inUse: 0 | 1;
  waiting: number;
}
const sqliteUse = new WeakMap<DataSource, SqliteConnectionUse>();

/** How the SQLite connection of `dataSource` is used right now; null for a MySQL pool (read its own lists). */
export function sqliteConnectionUse(dataSource: DataSource): SqliteConnectionUse | null {
  return sqliteUse.get(dataSource) ?? null;
}

/**
 * SQLite runs on one connection: two transactions begun at once would nest
 * ("cannot start a transaction within a transaction") and fail. They are
 * queued instead, in arrival order; MySQL has a pool and row locks for that.
 * The connection counts as in use while a transaction holds it (across its awaits); a statement outside
 * one runs synchronously (better-sqlite3), so no other code ever sees the connection busy with it.
 */
function oneTransactionAtATime(dataSource: DataSource): DataSource {
  const manager = dataSource.manager;
  const begin = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const use: SqliteConnectionUse = { inUse: 0, waiting: 0 };
  sqliteUse.set(dataSource, use);
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    use.waiting += 1;
    const run = tail
      .then(() => {
        use.waiting -= 1;
        use.inUse = 1;
        return begin(...args);
      })
      .finally(() => (use.inUse = 0));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
  return dataSource;
}

/** Creates and initialises a data source for `config` with `entities`. */
export async function openDatabase(config: DatabaseConfig, entities: EntityList, options: DataSourceSettings = {}): Promise<DataSource> {
  const flavor = config.kind === 'mysql' ? (options.flavor ?? (await detectFlavor(config.url))) : undefined;
  const dataSource = await createDataSource(config, entities, { ...options, flavor }).initialize();
  return config.kind === 'sqlite' ? oneTransactionAtATime(dataSource) : dataSource;
}
