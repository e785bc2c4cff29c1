import { Counter, Histogram } from 'prom-client';
import { registerOutboxHook } from '../../platform/events/outbox';
import type { GatewayModule } from '../../platform/module';
import { databaseGauge } from '../../platform/observability/metrics';
import { WebhookDeliveryWorker, webhookQueueDepth } from './delivery.worker';
import { enqueueDeliveries } from './outbox';
import { secretBoxFor } from '../../platform/security/secret-box';
import { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entities';
import { WebhookDeliveryResolver, WebhookResolver } from './webhook.resolver';
import { reencryptWebhookSecrets, WebhookService } from './webhook.service';
import { WEBHOOKS_ERRORS } from './webhooks.errors';

declare module '../../platform/graphql/context' {
  interface GatewayServices {
    webhooks: WebhookService;
  }
}

/** Partner webhooks: subscriptions to customer events, signed deliveries with retries, redelivery. */
export const webhooksModule: GatewayModule = {
  name: 'webhooks',
  entities: [Webhook, WebhookDelivery, WebhookAttempt],
  resolvers: [WebhookResolver, WebhookDeliveryResolver],
  errorCodes: WEBHOOKS_ERRORS,
  setup: ({ config, dataSource, pubSub, registry }) => {
    registerOutboxHook(enqueueDeliveries); // each customer event's deliveries commit with it
    const deliveries = new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook delivery attempts by this process, by outcome: succeeded, retry (failed, will be retried), failed (last attempt failed).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'webhook_delivery_latency_seconds',
      help: 'Duration of webhook delivery attempts (request to answer or error), by this process.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    databaseGauge(registry, dataSource, 'webhook_queue_depth', 'Webhook deliveries still PENDING (queued, in flight or waiting for a retry).', () =>
      webhookQueueDepth(dataSource),
    );
    return {
      // Secrets sealed under the current key before anything reads them (idempotent; see secret-box.ts).
      beforeStart: () => reencryptWebhookSecrets(dataSource, secretBoxFor(config)).then(() => undefined),
      services: { webhooks: new WebhookService(dataSource, config, pubSub) },
      workers: [
        new WebhookDeliveryWorker(dataSource, config, pubSub, (result, outcome) => {
          deliveries.inc({ outcome: outcome.toLowerCase() });
          latency.observe(result.durationMs / 1000);
        }),
      ],
    };
  },
};
