import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { requestTrailPlugin } from './audit/request-trail.plugin';
import { loadVerificationKeys } from './auth/keys';
import { authenticate, authenticateRequest, Viewer } from './auth/viewer';
import { Config } from './config';
import { ideRoutes } from './ide/ide';
import { createLimits } from './limits';
import { operationalRoutes } from './observability/health';
import { logger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { observabilityPlugin } from './observability/observability.plugin';
import { EvaluationWorker } from './onboarding/evaluation.worker';
import { allowListPlugin } from './persisted/persisted-operations.plugin';
import { buildGatewaySchema } from './schema';
import { createContext, createServices, GatewayContext, GatewayServices } from './shared/context';
import { formatGatewayError } from './shared/error-formatting';
import { connectionInteractionId, interactionId } from './shared/interaction-id';
import { jitExecution } from './shared/jit-executor';
import { createEventBus, EventBus } from './shared/pubsub';

export interface Gateway {
  url: string;
  httpServer: Server;
  services: GatewayServices;
  bus: EventBus;
  metrics: GatewayMetrics;
  worker: EvaluationWorker | null;
  /** Graceful: stop accepting, finish in-flight requests and the running evaluation step, close sockets (1001). */
  stop(): Promise<void>;
}

/**
 * Wires the gateway: one HTTP server carries GraphQL over HTTP (Apollo on
 * Express) and over WebSocket (graphql-ws) on the same path, plus health and
 * metrics; the evaluation worker runs in process unless turned off.
 */
export async function startGateway(config: Config, dataSource: DataSource): Promise<Gateway> {
  const bus = await createEventBus(config.redisUrl, config.redisPrefix);
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const services = createServices(config, dataSource, bus.pubSub, keys);
  const metrics = new GatewayMetrics(dataSource);
  const schema = await buildGatewaySchema(bus.pubSub);
  const limits = createLimits(config, schema, keys);
  const app = express();
  app.set('trust proxy', config.trustProxy);
  const httpServer = createServer(app);
  let shuttingDown = false;

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer; expiry?: NodeJS.Timeout }>(
    {
      schema,
      // The token travels in connection_init: { authorization: "Bearer …" }.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const viewer = await authenticate(typeof header === 'string' ? header : null, keys).catch(() => null);
        if (!viewer) return false; // graphql-ws closes with 4403 Forbidden
        ctx.extra.viewer = viewer;
        const ttl = viewer.expiresAt * 1000 - Date.now();
        ctx.extra.expiry = setTimeout(() => ctx.extra.socket.close(4401, 'Token expired'), Math.min(ttl, 2 ** 31 - 1)).unref();
        return true;
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      // The abuse limits first (refusals go back as an error message); only accepted operations count as active.
      onSubscribe: async (ctx, id, payload) => {
        const checked = await limits.onSubscribe(ctx, id, payload);
        if (!Array.isArray(checked)) metrics.activeSubscriptions.inc();
        return checked;
      },
      onComplete: () => void metrics.activeSubscriptions.dec(),
      context: (ctx) => createContext(services, ctx.extra.viewer ?? null, connectionInteractionId(ctx.extra.request)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GatewayContext>({
    gateway: jitExecution(schema), // graphql-jit execution; same schema, validation and plugins
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Abuse limits (src/limits): parser token cap and shape rules here, cost/introspection/timeout in limits.plugin.
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    introspection: true, // limits.plugin refuses it per caller: analysts only, outside development
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints here; its per-field hook would instrument every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      limits.plugin, // before the plugins that read error codes in willSendResponse
      requestTrailPlugin,
      observabilityPlugin(metrics),
      ...(config.persistedOperations.mode === 'allowlist' ? [allowListPlugin(config.persistedOperations.manifestFile)] : []),
    ],
  });
  await apollo.start();

  app.use(operationalRoutes(dataSource, bus, metrics, () => shuttingDown));
  app.use(ideRoutes());
  app.use('/graphql', interactionId, limits.http.rateLimit, express.json({ limit: config.limits.maxRequestBytes }), limits.http.documentSize, expressMiddleware(apollo, {
    context: async ({ req }) =>
      createContext(services, await authenticateRequest(req, keys), req.interactionId!, config.limits.executionTimeoutMs),
  }), limits.http.errors);

  const worker = config.inProcessWorker
    ? new EvaluationWorker(dataSource, bus.pubSub, config, (decision, seconds) => metrics.decisionLatency.observe({ decision }, seconds))
    : null;
  worker?.start();

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    services,
    bus,
    metrics,
    worker,
    async stop() {
      shuttingDown = true;
      await worker?.stop();
      await apollo.stop();
      await bus.close();
      logger.info('gateway stopped');
    },
  };
}
