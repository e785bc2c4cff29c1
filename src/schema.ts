import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { businessResolvers } from './customers/business/business.resolver';
import { personalResolvers } from './customers/personal/personal.resolver';
import { DocumentAnalysisResolver } from './onboarding/documents/document.resolver';
import { RegistrationResolver } from './onboarding/registration.resolver';
import { ManualReviewResolver } from './onboarding/reviews/manual-review.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { ConsentResolver } from './consents/consent.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from './webhooks/webhook.resolver';
import { guardRootFields } from './auth/policies';
import { createGatewayPubSub, GatewayPubSub } from './shared/pubsub';

/** The whole GraphQL schema, code first. `npm run schema:emit` writes it to schema/schema.graphql. */
export async function buildGatewaySchema(pubSub: GatewayPubSub = createGatewayPubSub()): Promise<GraphQLSchema> {
  // Every root field behind the one authorization table (src/auth/policies.ts), on every transport.
  const schema = await buildSchema({
    resolvers: [
      ...personalResolvers, ...businessResolvers, RegistrationResolver, DocumentAnalysisResolver,
      AuditResolver, WebhookResolver, WebhookDeliveryResolver, ConsentResolver, ManualReviewResolver,
    ],
    pubSub,
    validate: { forbidUnknownValues: false },
  });
  return guardRootFields(schema);
}
