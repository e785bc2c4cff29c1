import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { loadVerificationKeys } from './auth/keys';
import { authenticate, Viewer } from './auth/viewer';
import { requestTrailPlugin } from './audit/request-trail.plugin';
import { Config } from './config';
import { EvaluationWorker } from './onboarding/evaluation.worker';
import { buildGatewaySchema } from './schema';
import { createContext, createServices, GatewayContext, GatewayServices } from './shared/context';
import { formatGatewayError } from './shared/error-formatting';
import { createGatewayPubSub } from './shared/pubsub';
import { INTERACTION_ID_HEADER, INTERACTION_ID_PATTERN, interactionId } from './shared/interaction-id';

/** A WebSocket connection keeps the interaction id of its upgrade request (or gets a new one). */
function connectionInteractionId(request: IncomingMessage): string {
  const given = request.headers[INTERACTION_ID_HEADER];
  if (typeof given === 'string' && INTERACTION_ID_PATTERN.test(given)) return given;
  request.interactionId ??= randomUUID();
  return request.interactionId;
}

export interface Gateway {
  url: string;
  services: GatewayServices;
  httpServer: Server;
  worker: EvaluationWorker | null;
  stop(): Promise<void>;
}

/**
 * Wires the gateway: one HTTP server carries GraphQL over HTTP (Apollo on
 * Express) and over WebSocket (graphql-ws) on the same path; the evaluation
 * worker runs in process unless turned off. Returns once listening.
 */
export async function startGateway(config: Config, dataSource: DataSource): Promise<Gateway> {
  const pubSub = createGatewayPubSub();
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const services = createServices(config, dataSource, pubSub, keys);
  const schema = await buildGatewaySchema(pubSub);
  const app = express();
  const httpServer = createServer(app);

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
        ctx.extra.expiry = setTimeout(() => ctx.extra.socket.close(4401, 'Token expired'), Math.min(ttl, 2 ** 31 - 1));
        return true;
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      context: (ctx) => createContext(services, ctx.extra.viewer ?? null, connectionInteractionId(ctx.extra.request)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
      requestTrailPlugin,
    ],
  });
  await apollo.start();

  app.use('/graphql', interactionId, express.json({ limit: '100kb' }), expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, await authenticate(req.headers.authorization, keys), req.interactionId!),
    }));

  const worker = config.inProcessWorker ? new EvaluationWorker(dataSource, pubSub, config) : null;
  worker?.start();

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    services,
    worker,
    async stop() {
      await worker?.stop();
      await apollo.stop();
    },
  };
}
