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

/** What every resolver receives: the services plus per-request loaders. */
export interface GatewayContext extends GatewayServices {
  loaders: Loaders;
  /** The authenticated caller; null without a token (then only public fields answer). */
  viewer: Viewer | null;
  /** x-fapi-interaction-id of the request (generated when the client sent none). */
  interactionId: string;
  /** Customer data touched by this request, written to the audit log when it ends. */
  audit: AuditTrail;
}

export function createServices(config: Config, dataSource: DataSource, pubSub: GatewayPubSub, keys: VerificationKeys): GatewayServices {
  return { config, dataSource, pubSub, keys, registrations: new RegistrationService(dataSource, pubSub, config) };
}

/**
 * `timeoutMs` bounds an HTTP operation: past it, no loader sends SQL any more
 * (EXECUTION_TIMEOUT). A check per batch, not per field, keeps the hot path free.
 */
export function createContext(services: GatewayServices, viewer: Viewer | null, interactionId: string, timeoutMs?: number): GatewayContext {
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  const beforeBatch = () => {
    if (performance.now() > deadline) throw executionTimeout(timeoutMs!);
  };
  return { ...services, viewer, interactionId, loaders: new Loaders(services.dataSource, beforeBatch), audit: new AuditTrail() };
}
