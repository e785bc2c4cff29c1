import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { DataSource } from 'typeorm';
import { MODULES } from './app';
import { declarations, ModuleRuntimes } from './platform/composition';
import { Config } from './platform/config';
import { createEventBus, EventBus } from './platform/events/pubsub';
import { GatewayServices } from './platform/graphql/context';
import { OperationPipeline } from './platform/graphql/operation-pipeline';
import { HttpDrain } from './platform/http-drain';
import { listen, urlBase } from './platform/listen';
import type { GatewayModule } from './platform/module';
import { operationalRoutes, startMetricsServer } from './platform/observability/health';
import { envelopeErrors, interactionIdInErrorBodies, notFound } from './platform/observability/http-envelope';
import { lifecycleLogger, logger } from './platform/observability/logger';
import { GatewayMetrics, registerModuleLabels } from './platform/observability/metrics';
import { loadVerificationKeys, VerificationKeys } from './platform/security/keys';
import { createLimits } from './platform/security/limits';
import { clientAddressResolver, graphqlHttpRoute, routeAdmission } from './platform/transports/http';
import { serveWebSocket } from './platform/transports/websocket';
import { buildGatewaySchema } from './schema';

export interface Gateway {
  url: string;
  /** Where /metrics is served: the main port, or METRICS_PORT's. */
  metricsUrl: string;
  httpServer: Server;
  services: GatewayServices;
  bus: EventBus;
  metrics: GatewayMetrics;
  /** The modules' runtime parts: services, workers (run here with IN_PROCESS_WORKER), pipeline hooks, routes. */
  runtime: ModuleRuntimes;
  /** Graceful: stop accepting, finish in-flight requests and the running evaluation step, close sockets (1001). */
  stop(): Promise<void>;
}

/**
 * Wires the gateway: one HTTP server carries GraphQL over HTTP and over
 * WebSocket on the same path and the Open Banking REST API — all hand their operations to the one
 * operation pipeline (src/platform/graphql) — plus health and metrics; the
 * evaluation worker runs in process unless turned off.
 */
export async function startGateway(
  config: Config,
  dataSource: DataSource,
  loadedKeys?: VerificationKeys,
  modules: readonly GatewayModule[] = MODULES,
): Promise<Gateway> {
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const keys = loadedKeys ?? (await loadVerificationKeys(config.auth.env, config.env === 'production'));
  const metrics = new GatewayMetrics(dataSource);
  const { operationNames, errorCodes } = declarations(modules);
  registerModuleLabels(operationNames, errorCodes);
  const runtime = new ModuleRuntimes(modules, { config, dataSource, pubSub: bus.pubSub, keys, registry: metrics.registry });
  await runtime.beforeStart();
  const services = runtime.services;
  const schema = await buildGatewaySchema(modules);
  const limits = createLimits(config);
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const drain = new HttpDrain(httpServer);
  const clientAddress = clientAddressResolver(app);
  let shuttingDown = false;

  const pipeline = new OperationPipeline(schema, runtime, limits, metrics);
  await pipeline.apollo.start();

  const publicBaseUrl = () => config.publicBaseUrl ?? `http://localhost:${(httpServer.address() as AddressInfo).port}`;
  const admission = (operation: string) => routeAdmission(pipeline, keys, limits, operation);
  const routes = runtime.routes({ pipeline, keys, config, dataSource, publicBaseUrl, admission });
  // Routes with their own error bodies (Open Banking REST's ResponseError) come before the GraphQL-shaped error envelope.
  for (const route of routes.filter((r) => r.beforeErrorEnvelope)) app.use(route.path, route.router);
  app.use(interactionIdInErrorBodies); // every error body carries the x-fapi-interaction-id it is answered with
  app.use(operationalRoutes(dataSource, bus, metrics, () => shuttingDown, { metrics: config.metricsPort === undefined }));
  for (const route of routes.filter((r) => !r.beforeErrorEnvelope)) app.use(route.path, route.router);
  app.use('/graphql', ...graphqlHttpRoute(pipeline, keys, limits, config.limits.maxRequestBytes, config.documents.maxBytes));
  app.use(notFound, envelopeErrors); // unknown paths and errors elsewhere: JSON with the interaction id

  // Bound before the WebSocket server is attached: that one re-emits the HTTP server's errors as its own, and a busy
  // port must read as such. Fatal: the start-up fails (exit 1) rather than hang unbound.
  await listen(httpServer, config.port, config.host);
  const websocket = serveWebSocket(httpServer, schema, pipeline, keys, config.limits, clientAddress);
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(metrics, config.metricsPort, config.host);
  if (config.inProcessWorker) runtime.startWorkers();

  const address = httpServer.address() as AddressInfo;
  return {
    url: `${urlBase(address)}/graphql`,
    metricsUrl: `${urlBase(metricsServer?.address ?? address)}/metrics`,
    httpServer,
    services,
    bus,
    metrics,
    runtime,
    async stop() {
      shuttingDown = true; // /readyz answers 503 from now on
      // Sockets close with 1001 (going away) while HTTP requests already received are answered and the workers'
      // steps in progress commit; only then do the pipeline, the event bus and the metrics server close.
      const [{ cut }] = await Promise.all([drain.stop(config.shutdownTimeoutMs), websocket.dispose(), runtime.stopWorkers()]);
      if (cut) logger.warn({ connections: cut, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'connections still busy at SHUTDOWN_TIMEOUT_MS were cut');
      await pipeline.apollo.stop();
      await runtime.stop();
      await bus.close();
      await metricsServer?.close();
      lifecycleLogger.info('gateway stopped');
    },
  };
}
