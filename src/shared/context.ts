import { DataSource } from 'typeorm';
import { VerificationKeys } from '../auth/keys';
import { Viewer } from '../auth/viewer';
import { AuditTrail } from '../audit/audit-trail';
import { Config } from '../config';
import { RegistrationService } from '../onboarding/registration.service';
import { executionTimeout } from '../limits/limit-error';
import { Loaders } from './loaders';
import { GatewayPubSub } from './pubsub';

/** Long-lived services, built once per process. */
export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  pubSub: GatewayPubSub;
  registrations: RegistrationService;
  keys: VerificationKeys;
}

/** The transports an operation can arrive on; every one of them goes through src/pipeline. */
export type Transport = 'http' | 'websocket' | 'rest';

/** Where an operation comes from: set by the transport, read by the pipeline (rate limit, audit, logs). */
export interface RequestOrigin {
  transport: Transport;
  /** x-fapi-interaction-id of the request (generated when the client sent none). */
  interactionId: string;
  /** Client address (behind TRUST_PROXY, the forwarded one). */
  clientAddress: string;
}

/** What every resolver receives: the services plus per-operation loaders. */
export interface GatewayContext extends GatewayServices, RequestOrigin {
  loaders: Loaders;
  /** The authenticated caller; null without a token (then only public fields answer). */
  viewer: Viewer | null;
  /** Customer data touched by this operation, written to the audit log when it ends (per event for subscriptions). */
  audit: AuditTrail;
  /** Starts the execution deadline again (each event of a subscription is executed under its own). */
  restartDeadline(): void;
}

export function createServices(config: Config, dataSource: DataSource, pubSub: GatewayPubSub, keys: VerificationKeys): GatewayServices {
  return { config, dataSource, pubSub, keys, registrations: new RegistrationService(dataSource, pubSub, config) };
}

/**
 * One context per operation, whatever the transport. Past EXECUTION_TIMEOUT_MS no
 * loader sends SQL any more (EXECUTION_TIMEOUT): a check per batch, not per
 * field, keeps the hot path free.
 */
export function createContext(services: GatewayServices, viewer: Viewer | null, origin: RequestOrigin): GatewayContext {
  const timeoutMs = services.config.limits.executionTimeoutMs;
  let deadline = performance.now() + timeoutMs;
  const beforeBatch = () => {
    if (performance.now() > deadline) throw executionTimeout(timeoutMs);
  };
  return {
    ...services,
    ...origin,
    viewer,
    loaders: new Loaders(services.dataSource, beforeBatch),
    audit: new AuditTrail(),
    restartDeadline: () => void (deadline = performance.now() + timeoutMs),
  };
}
