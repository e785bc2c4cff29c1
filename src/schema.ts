import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { businessResolvers } from './customers/business/business.resolver';
import { personalResolvers } from './customers/personal/personal.resolver';

/** The whole GraphQL schema, code first. `npm run schema:emit` writes it to schema/schema.graphql. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...personalResolvers, ...businessResolvers],
    validate: { forbidUnknownValues: false },
  });
}
