import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { DataSource } from 'typeorm';
import { loadVerificationKeys, VerificationKeys } from './platform/security/keys';
import { Config } from './platform/config';
import { ideRoutes } from './modules/ide/ide';
import { createLimits } from './platform/security/limits';
import { operationalRoutes, startMetricsServer } from './platform/observability/health';
import { envelopeErrors, interactionIdInErrorBodies, notFound } from './platform/observability/http-envelope';
import { lifecycleLogger, logger } from './platform/observability/logger';
import { GatewayMetrics } from './platform/observability/metrics';
import { EvaluationWorker } from './modules/onboarding/evaluation.worker';
import { WebhookDeliveryWorker } from './modules/webhooks/delivery.worker';
import { createMetrics, startBackgroundWorkers } from './background-workers';
import { HttpDrain } from './platform/http-drain';
import { listen, urlBase } from './platform/listen';
import { secretBoxFor } from './modules/webhooks/secret-box';
import { reencryptWebhookSecrets } from './modules/webhooks/webhook.service';
import { documentImageRoutes } from './modules/onboarding/documents/document-image.route';
import { clientAddressResolver, graphqlHttpRoute } from './platform/transports/http';
import { OperationPipeline } from './platform/graphql/operation-pipeline';
import { OPEN_BANKING_PREFIX, OPEN_BANKING_V2, OPEN_BANKING_V2_PREFIX, openBankingRoutes } from './modules/open-banking-rest/routes';
import { serveWebSocket } from './platform/transports/websocket';
import { buildGatewaySchema } from './schema';
import { createServices, GatewayServices } from './context';
import { createEventBus, EventBus } from './platform/events/pubsub';

export interface Gateway {
  url: string;
  /** Where /metrics is served: the main port, or METRICS_PORT's. */
  metricsUrl: string;
  httpServer: Server;
  services: GatewayServices;
  bus: EventBus;
  metrics: GatewayMetrics;
  worker: EvaluationWorker | null;
  webhookWorker: WebhookDeliveryWorker | null;
  /** Graceful: stop accepting, finish in-flight requests and the running evaluation step, close sockets (1001). */
  stop(): Promise<void>;
}

/**
 * Wires the gateway: one HTTP server carries GraphQL over HTTP and over
 * WebSocket on the same path and the Open Banking REST API — all hand their operations to the one
 * operation pipeline (src/platform/graphql) — plus health and metrics; the
 * evaluation worker runs in process unless turned off.
 */
export async function startGateway(config: Config, dataSource: DataSource, loadedKeys?: VerificationKeys): Promise<Gateway> {
  // Webhook secrets sealed under the current key before anything reads them (idempotent; see secret-box.ts).
  await reencryptWebhookSecrets(dataSource, secretBoxFor(config));
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const keys = loadedKeys ?? (await loadVerificationKeys(config.auth.env, config.env === 'production'));
  const services = createServices(config, dataSource, bus.pubSub, keys);
  const metrics = createMetrics(dataSource, services.reviews);
  const schema = await buildGatewaySchema(bus.pubSub);
  const limits = createLimits(config);
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const drain = new HttpDrain(httpServer);
  const clientAddress = clientAddressResolver(app);
  let shuttingDown = false;

  const pipeline = new OperationPipeline(schema, services, limits, metrics);
  await pipeline.apollo.start();

  // Open Banking REST (src/modules/open-banking-rest): its own ResponseError bodies, so mounted before the GraphQL-shaped error envelope.
  const publicBaseUrl = () => config.publicBaseUrl ?? `http://localhost:${(httpServer.address() as AddressInfo).port}`;
  app.use(OPEN_BANKING_PREFIX, openBankingRoutes(pipeline, keys, publicBaseUrl));
  app.use(OPEN_BANKING_V2_PREFIX, openBankingRoutes(pipeline, keys, publicBaseUrl, OPEN_BANKING_V2));
  app.use(interactionIdInErrorBodies); // every error body carries the x-fapi-interaction-id it is answered with
  // Analysts' review of a document image (audited), under the same rate limit as GraphQL and REST.
  app.use(documentImageRoutes({ dataSource, storage: services.documents.storage, keys: services.keys, admit: limits.admit, clientAddress }));
  app.use(operationalRoutes(dataSource, bus, metrics, () => shuttingDown, { metrics: config.metricsPort === undefined }));
  app.use(ideRoutes());
  app.use('/graphql', ...graphqlHttpRoute(pipeline, keys, limits, config.limits.maxRequestBytes, config.documents.maxBytes));
  app.use(notFound, envelopeErrors); // unknown paths and errors elsewhere: JSON with the interaction id

  // Bound before the WebSocket server is attached: that one re-emits the HTTP server's errors as its own, and a busy
  // port must read as such. Fatal: the start-up fails (exit 1) rather than hang unbound.
  await listen(httpServer, config.port, config.host);
  const websocket = serveWebSocket(httpServer, schema, pipeline, keys, config.limits, clientAddress);
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(metrics, config.metricsPort, config.host);
  const workers = config.inProcessWorker ? startBackgroundWorkers(dataSource, bus.pubSub, config, metrics, services.documents.storage) : null;

  const address = httpServer.address() as AddressInfo;
  return {
    url: `${urlBase(address)}/graphql`,
    metricsUrl: `${urlBase(metricsServer?.address ?? address)}/metrics`,
    httpServer,
    services,
    bus,
    metrics,
    worker: workers?.evaluation ?? null,
    webhookWorker: workers?.webhooks ?? null,
    async stop() {
      shuttingDown = true; // /readyz answers 503 from now on
      // Sockets close with 1001 (going away) while HTTP requests already received are answered and the workers'
      // steps in progress commit; only then do the pipeline, the event bus and the metrics server close.
      const [{ cut }] = await Promise.all([drain.stop(config.shutdownTimeoutMs), websocket.dispose(), workers?.stop()]);
      if (cut) logger.warn({ connections: cut, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'connections still busy at SHUTDOWN_TIMEOUT_MS were cut');
      await pipeline.apollo.stop();
      await bus.close();
      await metricsServer?.close();
      lifecycleLogger.info('gateway stopped');
    },
  };
}
