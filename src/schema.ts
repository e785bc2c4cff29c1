import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { businessResolvers } from './modules/customers/business/business.resolver';
import { personalResolvers } from './modules/customers/personal/personal.resolver';
import { DocumentAnalysisResolver } from './modules/onboarding/documents/document.resolver';
import { RegistrationResolver } from './modules/onboarding/registration.resolver';
import { ManualReviewResolver } from './modules/onboarding/reviews/manual-review.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { ConsentResolver } from './modules/consents/consent.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from './modules/webhooks/webhook.resolver';
import { guardRootFields } from './platform/security/policies';
import { createGatewayPubSub, GatewayPubSub } from './platform/events/pubsub';

/** The whole GraphQL schema, code first. `npm run schema:emit` writes it to schema/schema.graphql. */
export async function buildGatewaySchema(pubSub: GatewayPubSub = createGatewayPubSub()): Promise<GraphQLSchema> {
  // Every root field behind the one authorization table (src/platform/security/policies.ts), on every transport.
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
