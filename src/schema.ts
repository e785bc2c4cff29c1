import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { MODULES } from './app';
import { declarations } from './platform/composition';
import { createGatewayPubSub, GatewayPubSub } from './platform/events/pubsub';
import type { GatewayModule } from './platform/module';
import { guardRootFields } from './platform/security/policies';

/** The whole GraphQL schema, code first, from the modules' resolvers. `npm run schema:emit` writes it to schema/schema.graphql. */
export async function buildGatewaySchema(pubSub: GatewayPubSub = createGatewayPubSub(), modules: readonly GatewayModule[] = MODULES): Promise<GraphQLSchema> {
  const resolvers = declarations(modules).resolvers as unknown as [Function, ...Function[]];
  // Every root field behind the one authorization table (src/platform/security/policies.ts), on every transport.
  const schema = await buildSchema({ resolvers, pubSub, validate: { forbidUnknownValues: false } });
  return guardRootFields(schema);
}
