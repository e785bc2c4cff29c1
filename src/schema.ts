import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { MODULES } from './app';
import { declarations } from './platform/composition';
import { createGatewayPubSub } from './platform/events/pubsub';
import type { GatewayModule } from './platform/module';
import { guardRootFields } from './platform/security/policies';

/**
 * One schema per module list and process. It holds nothing of a gateway: services, the event bus and the viewer reach
 * resolvers through the context, and every subscription has its own `subscribe` (type-graphql's `pubSub` option, which
 * it requires once a schema has subscriptions, serves only topic-based ones, which this schema has none of). Building
 * it takes about 100 ms, which each gateway of a process (the tests start hundreds) would otherwise pay again.
 */
const schemas = new WeakMap<readonly GatewayModule[], Promise<GraphQLSchema>>();

/** The whole GraphQL schema, code first, from the modules' resolvers. `npm run schema:emit` writes it to schema/schema.graphql. */
export function buildGatewaySchema(modules: readonly GatewayModule[] = MODULES): Promise<GraphQLSchema> {
  let schema = schemas.get(modules);
  if (!schema) {
    schema = build(modules);
    schemas.set(modules, schema);
    schema.catch(() => schemas.delete(modules)); // a failed build is not remembered
  }
  return schema;
}

async function build(modules: readonly GatewayModule[]): Promise<GraphQLSchema> {
  const resolvers = declarations(modules).resolvers as unknown as [Function, ...Function[]];
  // Every root field behind the one authorization table (src/platform/security/policies.ts), on every transport.
  const schema = await buildSchema({ resolvers, pubSub: createGatewayPubSub(), validate: { forbidUnknownValues: false } });
  return guardRootFields(schema);
}
