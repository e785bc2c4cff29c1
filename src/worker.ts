import 'reflect-metadata';
import { loadConfig } from './config';
import { openDataSource } from './data-source';
import { migrate } from './database/migrate';
import { DocumentAnalysisWorker } from './onboarding/documents/document.worker';
import { createDocumentStorage } from './onboarding/documents/storage';
import { EvaluationWorker } from './onboarding/evaluation.worker';
import { WebhookDeliveryWorker } from './webhooks/delivery.worker';
import { runEntryPoint, stopOnSignals } from './shared/entry-point';
import { createEventBus } from './shared/pubsub';

/**
 * `npm run worker`: the evaluation worker, the document analysis worker (src/onboarding/documents) and the webhook delivery worker (src/webhooks) alone, for deployments where gateway
 * instances run with IN_PROCESS_WORKER=false. Several workers may run at once:
 * each step is claimed under a row lock, so no registration is decided twice.
 * Events reach subscribers through Redis (REDIS_URL).
 *
 * It runs until SIGTERM/SIGINT (then finishes the step in progress and exits 0):
 * a database or Redis outage is logged and retried, never a reason to exit.
 * It exits non-zero only when it cannot start (configuration, database, migrations).
 */
async function main() {
  const config = loadConfig('worker'); // before the database: a configuration error migrates nothing
  if (!config.redisUrl) console.warn('REDIS_URL is not set: events from this worker reach no gateway subscribers (they stay in the database)');
  const dataSource = await openDataSource(config.database);
  await migrate(dataSource);
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const worker = new EvaluationWorker(dataSource, bus.pubSub, config);
  worker.start({ keepProcessAlive: true });
  const documentWorker = new DocumentAnalysisWorker(dataSource, bus.pubSub, config, createDocumentStorage(config.documents.storage));
  documentWorker.start({ keepProcessAlive: true });
  const webhookWorker = new WebhookDeliveryWorker(dataSource, config);
  webhookWorker.start({ keepProcessAlive: true });
  console.log(`worker ready (database: ${config.database.kind}, events: ${bus.kind}, poll every ${config.workerPollMs} ms)`);

  stopOnSignals('finishing the step in progress', async () => {
    await worker.stop();
    await documentWorker.stop();
    await webhookWorker.stop();
    await bus.close();
    await dataSource.destroy();
  });
}

runEntryPoint(main);
