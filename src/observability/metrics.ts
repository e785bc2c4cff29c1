import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource, Not } from 'typeorm';
import { EvaluationStage } from '../onboarding/onboarding.enums';
import { EvaluationJob } from '../onboarding/registration.entities';
import { sqlStatements } from './sql-statements';

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
    new Gauge({
      name: 'evaluation_queue_depth',
      help: 'Evaluation jobs not finished yet (pending analysis or decision).',
      registers: [this.registry],
      async collect() {
        if (dataSource.isInitialized) this.set(await dataSource.getRepository(EvaluationJob).countBy({ stage: Not(EvaluationStage.DONE) }));
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database connections by state (MySQL/MariaDB pool; SQLite is one embedded connection).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { pool?: { _allConnections?: unknown[]; _freeConnections?: unknown[]; config?: { connectionLimit?: number } } }).pool;
        if (pool?._allConnections) {
          const all = pool._allConnections.length;
          const free = pool._freeConnections?.length ?? 0;
          this.set({ state: 'open' }, all);
          this.set({ state: 'idle' }, free);
          this.set({ state: 'in_use' }, all - free);
          this.set({ state: 'limit' }, pool.config?.connectionLimit ?? 0);
        } else {
          this.set({ state: 'open' }, 1);
        }
      },
    });
  }
}
