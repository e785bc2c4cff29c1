import 'reflect-metadata';
import { loadConfig } from './platform/config';
import { openDataSource } from './data-source';
import { migrate } from './platform/data/migrate';
import { createMetrics, startBackgroundWorkers } from './background-workers';
import { startMetricsServer } from './platform/observability/health';
import { lifecycleLogger as log } from './platform/observability/logger';
import { createDocumentStorage } from './modules/onboarding/documents/storage';
import { ManualReviewService } from './modules/onboarding/reviews/manual-review.service';
import { urlBase } from './platform/listen';
import { secretBoxFor } from './modules/webhooks/secret-box';
import { reencryptWebhookSecrets } from './modules/webhooks/webhook.service';
import { runEntryPoint, stopOnSignals } from './platform/entry-point';
import { createEventBus } from './platform/events/pubsub';

/**
 * `npm run worker`: the evaluation worker, the document analysis worker (src/modules/onboarding/documents) and the webhook delivery worker (src/modules/webhooks) alone, for deployments where gateway
 * instances run with IN_PROCESS_WORKER=false. Several workers may run at once:
 * each step is claimed under a row lock, so no registration is decided twice.
 * Events reach subscribers through Redis (REDIS_URL). Wired as the gateway wires
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
  await reencryptWebhookSecrets(dataSource, secretBoxFor(config)); // as the gateway does: sealed under the current key
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const metrics = createMetrics(dataSource, new ManualReviewService(dataSource, bus.pubSub, config));
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(metrics, config.metricsPort, config.host);
  const workers = startBackgroundWorkers(dataSource, bus.pubSub, config, metrics, createDocumentStorage(config.documents.storage), { keepProcessAlive: true });
  stopOnSignals('finishing the step in progress', async () => {
    await workers.stop();
    await bus.close();
    await metricsServer?.close();
    await dataSource.destroy();
  }, config.shutdownTimeoutMs);
  const metricsUrl = metricsServer ? `${urlBase(metricsServer.address)}/metrics` : null;
  log.info(
    { database: config.database.kind, events: bus.kind, pollMs: config.workerPollMs, metricsUrl },
    `worker ready (database: ${config.database.kind}, events: ${bus.kind}, poll every ${config.workerPollMs} ms${metricsUrl ? `, metrics at ${metricsUrl}` : ''})`,
  );
}

runEntryPoint(main);
