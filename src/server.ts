import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { Config } from './config';
import { EvaluationWorker } from './onboarding/evaluation.worker';
import { buildGatewaySchema } from './schema';
import { createContext, createServices, GatewayContext } from './shared/context';
import { formatGatewayError } from './shared/error-formatting';
import { createGatewayPubSub } from './shared/pubsub';

export interface Gateway {
  url: string;
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
  const services = createServices(config, dataSource, pubSub);
  const schema = await buildGatewaySchema(pubSub);
  const app = express();
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer({ schema, context: () => createContext(services) }, wsServer);

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use('/graphql', express.json({ limit: '100kb' }), expressMiddleware(apollo, { context: async () => createContext(services) }));

  const worker = config.inProcessWorker ? new EvaluationWorker(dataSource, pubSub, config) : null;
  worker?.start();

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    worker,
    async stop() {
      await worker?.stop();
      await apollo.stop();
    },
  };
}
