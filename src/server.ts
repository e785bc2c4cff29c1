import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import { DataSource } from 'typeorm';
import { loadVerificationKeys } from './auth/keys';
import { Config } from './config';
import { ideRoutes } from './ide/ide';
import { createLimits } from './limits';
import { operationalRoutes, startMetricsServer } from './observability/health';
import { envelopeErrors, interactionIdInErrorBodies, notFound } from './observability/http-envelope';
import { logger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { documentAnalysisQueueDepth } from './onboarding/documents/document.service';
import { DocumentAnalysisWorker } from './onboarding/documents/document.worker';
import { evaluationQueueDepth, EvaluationWorker } from './onboarding/evaluation.worker';
import { WebhookDeliveryWorker, webhookQueueDepth } from './webhooks/delivery.worker';
import { clientAddressResolver, graphqlHttpRoute } from './pipeline/http';
import { OperationPipeline } from './pipeline/operation-pipeline';
import { OPEN_BANKING_PREFIX, OPEN_BANKING_V2, OPEN_BANKING_V2_PREFIX, openBankingRoutes } from './rest/routes';
import { serveWebSocket } from './pipeline/websocket';
import { buildGatewaySchema } from './schema';
import { createServices, GatewayServices } from './context';
import { createEventBus, EventBus } from './shared/pubsub';

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
 * operation pipeline (src/pipeline) — plus health and metrics; the
 * evaluation worker runs in process unless turned off.
 */
export async function startGateway(config: Config, dataSource: DataSource): Promise<Gateway> {
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const services = createServices(config, dataSource, bus.pubSub, keys);
  const metrics = new GatewayMetrics(dataSource, {
    evaluationQueueDepth: () => evaluationQueueDepth(dataSource),
    webhookQueueDepth: () => webhookQueueDepth(dataSource),
    documentAnalysisQueueDepth: () => documentAnalysisQueueDepth(dataSource),
    openManualReviews: () => services.reviews.countOpen(),
    overdueManualReviews: () => services.reviews.countOpen(new Date()),
  });
  services.reviews.onClosed((decision, seconds) => metrics.manualReviewDuration.observe({ decision }, seconds));
  const schema = await buildGatewaySchema(bus.pubSub);
  const limits = createLimits(config);
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  let shuttingDown = false;

  let websocket: { dispose(): Promise<void> } | undefined;
  const pipeline = new OperationPipeline(schema, services, limits, metrics, [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    { serverWillStart: async () => ({ drainServer: async () => void (await websocket?.dispose()) }) },
  ]);
  await pipeline.apollo.start();
  const clientAddress = clientAddressResolver(app);
  websocket = serveWebSocket(httpServer, schema, pipeline, keys, config.limits, clientAddress);

  // Open Banking REST (src/rest): its own ResponseError bodies, so mounted before the GraphQL-shaped error envelope.
  const publicBaseUrl = () => config.publicBaseUrl ?? `http://localhost:${(httpServer.address() as AddressInfo).port}`;
  app.use(OPEN_BANKING_PREFIX, openBankingRoutes(pipeline, keys, publicBaseUrl));
  app.use(OPEN_BANKING_V2_PREFIX, openBankingRoutes(pipeline, keys, publicBaseUrl, OPEN_BANKING_V2));
  app.use(interactionIdInErrorBodies); // every error body carries the x-fapi-interaction-id it is answered with
  app.use(operationalRoutes(dataSource, bus, metrics, () => shuttingDown, { metrics: config.metricsPort === undefined }));
  app.use(ideRoutes());
  app.use('/graphql', ...graphqlHttpRoute(pipeline, keys, limits, config.limits.maxRequestBytes, config.documents.maxBytes));
  app.use(notFound, envelopeErrors); // unknown paths and errors elsewhere: JSON with the interaction id
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(metrics, config.metricsPort);

  const worker = config.inProcessWorker
    ? new EvaluationWorker(dataSource, bus.pubSub, config, (decision, seconds) => metrics.decisionLatency.observe({ decision }, seconds))
    : null;
  worker?.start();
  const documentWorker = config.inProcessWorker
    ? new DocumentAnalysisWorker(dataSource, bus.pubSub, config, services.documents.storage, (status) => metrics.documentAnalyses.inc({ outcome: status }))
    : null;
  documentWorker?.start();
  const webhookWorker = config.inProcessWorker ? new WebhookDeliveryWorker(dataSource, config, (result, outcome) => {
      metrics.webhookDeliveries.inc({ outcome: outcome.toLowerCase() });
      metrics.webhookLatency.observe(result.durationMs / 1000);
    }) : null;
  webhookWorker?.start();

  // A port already taken is fatal: fail the start-up (exit non-zero) rather than hang unbound.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${metricsServer?.port ?? port}/metrics`,
    httpServer,
    services,
    bus,
    metrics,
    worker,
    webhookWorker,
    async stop() {
      shuttingDown = true;
      await worker?.stop();
      await documentWorker?.stop();
      await webhookWorker?.stop();
      await pipeline.apollo.stop();
      await bus.close();
      await metricsServer?.close();
      logger.info('gateway stopped');
    },
  };
}
