import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { buildGatewaySchema } from './schema';
import { createContext, GatewayContext } from './shared/context';
import { formatGatewayError } from './shared/error-formatting';

export interface Gateway {
  url: string;
  httpServer: Server;
  stop(): Promise<void>;
}

/** Wires schema, Apollo Server and Express on one HTTP server; returns once listening. */
export async function startGateway(config: Config, dataSource: DataSource): Promise<Gateway> {
  const schema = await buildGatewaySchema();
  const app = express();
  const httpServer = createServer(app);

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async () => createContext(config, dataSource) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    stop: () => apollo.stop(),
  };
}
