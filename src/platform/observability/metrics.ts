import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { PLATFORM_ERRORS } from '../platform-errors';
import { sqliteConnectionUse } from '../data/data-source';
import { sqlStatements } from './sql-statements';
import { STAGES, stageTimings } from './stages';

/** The parts of a mysql2 pool the pool gauge reads (its own bookkeeping; no public API tells idle from in use). */
interface MysqlPoolLists {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/**
 * Label values are bounded: a client chooses operation names and could
 * otherwise create one time series per request. Operations are labelled with
 * their name only when it is a registered one (the persisted-operations
 * manifest), `anonymous` when unnamed and `other` otherwise; error codes only
 * with codes the gateway itself produces, `other` otherwise.
 */
export const OTHER_LABEL = 'other';
export const ANONYMOUS_LABEL = 'anonymous';
const DEFAULT_MANIFEST = join('examples', 'generated', 'persisted-operations.json');

let registeredOperations: ReadonlySet<string> | null = null;
const moduleOperations = new Set<string>();
const moduleErrorCodes = new Set<string>();

/** Operation names and error codes the modules declare (src/platform/composition.ts): labelled as themselves. */
export function registerModuleLabels(operationNames: Iterable<string>, errorCodes: Iterable<string>): void {
  for (const name of operationNames) moduleOperations.add(name);
  for (const code of errorCodes) moduleErrorCodes.add(code);
  registeredOperations = null;
}

/** Finds the manifest: PERSISTED_OPERATIONS_MANIFEST, else the default path from the working directory or above this file (src/ or dist/src/). */
function manifestPath(): string | null {
  const configured = process.env.PERSISTED_OPERATIONS_MANIFEST;
  if (configured) return resolve(configured);
  if (existsSync(resolve(DEFAULT_MANIFEST))) return resolve(DEFAULT_MANIFEST);
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULT_MANIFEST))) return join(dir, DEFAULT_MANIFEST);
  }
  return null;
}

/** The operation names of a persisted-operations manifest file (`{ hash: { operationName, document } }`). */
export function operationNamesOf(manifestFile: string): string[] {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { operationName?: unknown }>;
  return Object.values(manifest).flatMap((entry) => (typeof entry?.operationName === 'string' ? [entry.operationName] : []));
}

/** Replaces the registered operation names (read from the manifest on first use otherwise). */
export function registerOperationNames(names: Iterable<string>): void {
  registeredOperations = new Set(names);
}

function knownOperations(): ReadonlySet<string> {
  if (!registeredOperations) {
    const file = manifestPath();
    let names: string[] = [];
    try {
      names = file ? operationNamesOf(file) : [];
    } catch {
      names = []; // an unreadable manifest leaves every name as `other`; the allow-list plugin reports it
    }
    // The REST facade's fixed operations are registered too: their series carry their own names.
    // Operations the modules run themselves (the REST facade's) are registered too: their series carry their own names.
    registeredOperations = new Set([...names, ...moduleOperations]);
  }
  return registeredOperations;
}

/** Metric label of an operation name: a registered name as it is, `anonymous` when unnamed, `other` for anything else. */
export function operationLabel(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return ANONYMOUS_LABEL;
  return knownOperations().has(name) ? name : OTHER_LABEL;
}

/** Every `extensions.code` the platform produces (src/platform/platform-errors.ts); modules register theirs. */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(PLATFORM_ERRORS));

/** Metric label of an error code: a known code as it is, `other` for anything else (or none). */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && (KNOWN_ERROR_CODES.has(code) || moduleErrorCodes.has(code)) ? code : OTHER_LABEL;
}

/**
 * Prometheus metrics for /metrics. Counted once per request/subscription/step,
 * never per resolver, so the hot path stays cheap.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations over HTTP, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Latency of GraphQL operations over HTTP, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors sent to clients, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly activeSubscriptions = new Gauge({
    name: 'graphql_active_subscriptions',
    help: 'Subscriptions currently open over graphql-ws.',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'db_statements_total',
      help: 'SQL statements sent by this process.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sqlStatements.total);
      },
    });
    // First of the domain gauges: prom-client collects them all at once, and the queue-depth gauges below borrow pool
    // connections for their own queries; read before them, the pool shows the traffic, not the scrape.
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database connections by state: open, idle, in_use (borrowed by a query or transaction), limit, waiting (requests queued for one). MySQL/MariaDB: the pool; SQLite: one embedded connection, in use while a transaction holds it.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const sqlite = sqliteConnectionUse(dataSource);
        if (sqlite) {
          this.set({ state: 'open' }, dataSource.isInitialized ? 1 : 0);
          this.set({ state: 'in_use' }, sqlite.inUse);
          this.set({ state: 'idle' }, dataSource.isInitialized ? 1 - sqlite.inUse : 0);
          this.set({ state: 'limit' }, 1);
          this.set({ state: 'waiting' }, sqlite.waiting);
          return;
        }
        // mysql2's pool keeps every connection in _allConnections and the idle ones also in _freeConnections.
        const pool = (dataSource.driver as unknown as { pool?: MysqlPoolLists }).pool;
        if (!pool?._allConnections) return;
        const all = pool._allConnections.length;
        const free = pool._freeConnections?.length ?? 0;
        this.set({ state: 'open' }, all);
        this.set({ state: 'idle' }, free);
        this.set({ state: 'in_use' }, all - free);
        this.set({ state: 'limit' }, pool.config?.connectionLimit ?? 0);
        this.set({ state: 'waiting' }, pool._connectionQueue?.length ?? 0);
      },
    });
    if (stageTimings.enabled) {
      new Counter({
        name: 'gateway_stage_milliseconds_total',
        help: 'Wall-clock milliseconds spent per request stage (STAGE_TIMINGS=true, for npm run bench).',
        labelNames: ['stage'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const stage of STAGES) this.inc({ stage }, stageTimings.totals[stage]);
        },
      });
    }
  }
}

/** A gauge read from the database at scrape time (queue depths and the like), registered by a module. */
export function databaseGauge(registry: Registry, dataSource: DataSource, name: string, help: string, read: () => Promise<number>): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      if (dataSource.isInitialized) this.set(await read());
    },
  });
}
