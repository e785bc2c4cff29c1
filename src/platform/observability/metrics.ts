import { REST_OPERATIONS, REST_OPERATIONS_V2 } from '../../modules/open-banking-rest/operations';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { LIMIT_STATUS } from '../security/limits/limit-error';
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

/** Finds the manifest: PERSISTED_OPERATIONS_MANIFEST, else the default path from the working directory or above this file (src/ or dist/src/). */
function manifestPath(): string | null {
  const configured = process.env.PERSISTED_OPERATIONS_MANIFEST;
  if (configured) return resolve(configured);
  if (existsSync(resolve(DEFAULT_MANIFEST))) return resolve(DEFAULT_MANIFEST);
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
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
    registeredOperations = new Set([...names, ...[...REST_OPERATIONS, ...REST_OPERATIONS_V2].map((operation) => operation.operationName)]);
  }
  return registeredOperations;
}

/** Metric label of an operation name: a registered name as it is, `anonymous` when unnamed, `other` for anything else. */
export function operationLabel(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return ANONYMOUS_LABEL;
  return knownOperations().has(name) ? name : OTHER_LABEL;
}

/** Every `extensions.code` the gateway produces (limits, auth, input rules, GraphQL/Apollo's own). */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(LIMIT_STATUS),
  'UNAUTHENTICATED', 'FORBIDDEN', 'INVALID_INTERACTION_ID', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_ALLOWED', 'OPERATION_RESOLUTION_FAILURE',
  'INVALID_PARAMETER', 'INVALID_CPF', 'INVALID_CNPJ', 'ALPHANUMERIC_CNPJ', 'INVALID_CURSOR', 'PAGE_SIZE_TOO_LARGE',
  'CUSTOMER_AWAIT_EVALUATION', 'CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED', 'CUSTOMER_ALREADY_EXISTS', 'EMAIL_ALREADY_IN_USE', 'PHONE_ALREADY_IN_USE',
  'CUSTOMER_NOT_FOUND', 'CUSTOMER_NOT_APPROVED', 'CUSTOMER_ALREADY_CANCELED', 'NOTHING_TO_UPDATE',
  'REQUIRED', 'INVALID_CHARACTERS', 'TOO_LONG', 'INVALID_DATE', 'UNDERAGE', 'INVALID_FORMAT', 'COUNTRY_CODE_BLOCKED',
  'INVALID_MOBILE_NUMBER', 'INVALID_EMAIL', 'INVALID_STATE', 'INVALID_COUNTRY', 'INVALID_AMOUNT', 'TOO_MANY_DECIMALS',
  'OUT_OF_RANGE', 'INVALID_CURRENCY', 'INVALID_OCCUPATION', 'INVALID_DOCUMENT_TOKEN',
  'INVALID_IMAGE', 'INVALID_IMAGE_DIMENSIONS', 'IMAGE_TOO_LARGE', 'UPLOAD_REQUIRED', 'TOO_MANY_FILES', 'INVALID_DOCUMENT_SIDE', 'SELFIE_REQUIRED_FIRST',
  'DOCUMENT_NOT_FOUND', 'DOCUMENT_MISMATCH', 'DOCUMENT_NOT_APPROVED',
  'INVALID_WEBHOOK_URL', 'WEBHOOK_URL_NOT_ALLOWED', 'UNKNOWN_EVENT_NAME', 'UNKNOWN_CONTEXT', 'WEBHOOK_NOT_FOUND', 'EVENT_NOT_FOUND', 'EVENT_NOT_SUBSCRIBED',
  'CONSENT_NOT_FOUND', 'CONSENT_INVALID_STATUS', 'INVALID_PERMISSION',
  'CUSTOMER_NOT_REPROVED', 'MANUAL_REVIEW_ALREADY_REQUESTED', 'MANUAL_REVIEW_NOT_FOUND', 'MANUAL_REVIEW_ALREADY_CLAIMED',
  'MANUAL_REVIEW_NOT_CLAIMED_BY_YOU', 'MANUAL_REVIEW_ALREADY_DECIDED', 'MANUAL_REVIEW_NOT_PROPOSED', 'FOUR_EYES_REQUIRED',
]);

/** Metric label of an error code: a known code as it is, `other` for anything else (or none). */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && KNOWN_ERROR_CODES.has(code) ? code : OTHER_LABEL;
}

/** Values the metrics read from the domain, given by the wiring (src/server.ts). */
export interface DomainGauges {
  /** Evaluation jobs not finished yet (read while the data source is open). */
  evaluationQueueDepth(): Promise<number>;
  /** Webhook deliveries still PENDING (queued or waiting for a retry). */
  webhookQueueDepth?(): Promise<number>;
  /** Document analyses not finished yet. */
  documentAnalysisQueueDepth?(): Promise<number>;
  /** Manual reviews still OPEN. */
  openManualReviews?(): Promise<number>;
  /** Manual reviews still OPEN past their due date. */
  overdueManualReviews?(): Promise<number>;
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

  readonly decisionLatency = new Histogram({
    name: 'evaluation_decision_latency_seconds',
    help: 'Time from registration to decision (approval or reprovation), by this process.',
    labelNames: ['decision'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by this process, by outcome: succeeded, retry (failed, will be retried), failed (last attempt failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookLatency = new Histogram({
    name: 'webhook_delivery_latency_seconds',
    help: 'Duration of webhook delivery attempts (request to answer or error), by this process.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly documentAnalyses = new Counter({
    name: 'document_analyses_total',
    help: 'Document analyses finished by this process, by outcome (the final DocumentAnalysisStatus).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly manualReviewDuration = new Histogram({
    name: 'manual_review_duration_seconds',
    help: 'Time from a manual review\'s request to its final outcome (KEEP_REPROVED, or a confirmed APPROVE), by decision, by this process.',
    labelNames: ['decision'] as const,
    // Up to the seven business days and beyond (about two calendar weeks).
    buckets: [60, 600, 3_600, 4 * 3_600, 86_400, 2 * 86_400, 3 * 86_400, 5 * 86_400, 7 * 86_400, 10 * 86_400, 14 * 86_400],
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, domain: DomainGauges) {
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
    new Gauge({
      name: 'evaluation_queue_depth',
      help: 'Evaluation jobs not finished yet (pending analysis or decision).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized) this.set(await domain.evaluationQueueDepth());
      },
    });
    new Gauge({
      name: 'webhook_queue_depth',
      help: 'Webhook deliveries still PENDING (queued, in flight or waiting for a retry).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized && domain.webhookQueueDepth) this.set(await domain.webhookQueueDepth());
      },
    });
    new Gauge({
      name: 'document_analysis_queue_depth',
      help: 'Document analyses not finished yet (ANALYZING).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized && domain.documentAnalysisQueueDepth) this.set(await domain.documentAnalysisQueueDepth());
      },
    });
    new Gauge({
      name: 'manual_reviews_open',
      help: 'Manual reviews of reprovations still OPEN (waiting for an analyst, a decision or its confirmation).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized && domain.openManualReviews) this.set(await domain.openManualReviews());
      },
    });
    new Gauge({
      name: 'manual_reviews_overdue',
      help: 'Manual reviews still OPEN past their due date (7 Brazilian business days after the request).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized && domain.overdueManualReviews) this.set(await domain.overdueManualReviews());
      },
    });
  }
}
