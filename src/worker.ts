import 'reflect-metadata';
import { MODULES } from './app';
import { openDataSource } from './data-source';
import { declarations, ModuleRuntimes } from './platform/composition';
import { loadConfig } from './platform/config';
import { migrate } from './platform/data/migrate';
import { runEntryPoint, stopOnSignals } from './platform/entry-point';
import { createEventBus } from './platform/events/pubsub';
import { urlBase } from './platform/listen';
import { startMetricsServer } from './platform/observability/health';
import { lifecycleLogger as log } from './platform/observability/logger';
import { GatewayMetrics, registerModuleLabels } from './platform/observability/metrics';
import { loadVerificationKeys } from './platform/security/keys';

/**
 * `npm run worker`: the evaluation worker, the document analysis worker (src/modules/onboarding/documents) and the webhook delivery worker (src/modules/webhooks) alone, for deployments where gateway
 * instances run with IN_PROCESS_WORKER=false. Several workers may run at once:
 * each step is claimed under a row lock, so no registration is decided twice.
 * Events reach subscribers through Redis (REDIS_URL). Built from the same module list as the gateway (src/app.ts), so it wires
 * its in-process workers (src/background-workers.ts); with METRICS_PORT it serves
 * /metrics (on HOST) with the gateway's metric families.
 *
 * It runs until SIGTERM/SIGINT (then finishes the step in progress and exits 0):
 * a database or Redis outage is logged and retried, never a reason to exit.
 * It exits non-zero only when it cannot start (configuration, database, migrations, a busy METRICS_PORT).
 */
async function main() {
  const config = loadConfig('worker'); // before the database: a configuration error migrates nothing
  log.info({ env: config.env, database: config.database.kind }, 'worker starting');
  if (!config.redisUrl) log.warn('REDIS_URL is not set: events from this worker reach no gateway subscribers (they stay in the database)');
  const dataSource = await openDataSource(config.database);
  const applied = await migrate(dataSource);
  if (applied.length) log.info({ migrations: applied }, `migrations applied: ${applied.join(', ')}`);
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  // The worker verifies no token; the modules' services only need the keys' shape.
  const keys = await loadVerificationKeys(config.auth.env, false);
  const metrics = new GatewayMetrics(dataSource);
  const { operationNames, errorCodes } = declarations(MODULES);
  registerModuleLabels(operationNames, errorCodes);
  const runtime = new ModuleRuntimes(MODULES, { config, dataSource, pubSub: bus.pubSub, keys, registry: metrics.registry });
  await runtime.beforeStart(); // as the gateway does (e.g. webhook secrets sealed under the current key)
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(metrics, config.metricsPort, config.host);
  runtime.startWorkers({ keepProcessAlive: true });
  stopOnSignals(
    'finishing the step in progress',
    async () => {
      await runtime.stop();
      await bus.close();
      await metricsServer?.close();
      await dataSource.destroy();
    },
    config.shutdownTimeoutMs,
  );
  const metricsUrl = metricsServer ? `${urlBase(metricsServer.address)}/metrics` : null;
  log.info(
    { database: config.database.kind, events: bus.kind, pollMs: config.workerPollMs, metricsUrl },
    `worker ready (database: ${config.database.kind}, events: ${bus.kind}, poll every ${config.workerPollMs} ms${metricsUrl ? `, metrics at ${metricsUrl}` : ''})`,
  );
}

runEntryPoint(main);
