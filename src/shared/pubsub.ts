import { createPubSub } from '@graphql-yoga/subscription';

/**
 * The event bus behind subscriptions. In one process it is in memory; with
 * REDIS_URL it is backed by Redis so every instance sees every event.
 * Payloads must survive JSON (dates become strings).
 */
export interface CustomerEventMessage {
  registrationId: number;
  sequence: number;
  name: string;
  context: string;
  entityId: string;
  idempotencyKey: string;
  correlationId: string;
  timestamp: string | Date;
  version: number;
  status: string;
  data: Record<string, unknown>;
}

export type GatewayPubSub = ReturnType<typeof createGatewayPubSub>;

export function createGatewayPubSub() {
  return createPubSub<{ CUSTOMER_EVENT: [documentNumber: string, event: CustomerEventMessage] }>();
}
