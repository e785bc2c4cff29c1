import { DataSource } from 'typeorm';
import { VerificationKeys } from '../security/keys';
import { Viewer } from '../security/viewer';
import { Config } from '../config';
import { Loaders } from '../loaders';
import { GatewayPubSub } from '../events/pubsub';

/*
 * The shape of the services and of the per-operation context, as the plumbing
 * knows them. The domain's parts (the registration service, the audit trail)
 * are added to these interfaces, and the context is built, by the
 * composition root: src/context.ts.
 */

/** Long-lived services, built once per process (src/context.ts adds the domain's). */
export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  pubSub: GatewayPubSub;
  keys: VerificationKeys;
}

/** The transports an operation can arrive on; every one of them goes through src/platform/graphql. */
export type Transport = 'http' | 'websocket' | 'rest';

/** Where an operation comes from: set by the transport, read by the pipeline (rate limit, audit, logs). */
export interface RequestOrigin {
  transport: Transport;
  /** x-fapi-interaction-id of the request (generated when the client sent none). */
  interactionId: string;
  /** Client address (behind TRUST_PROXY, the forwarded one). */
  clientAddress: string;
  /** STAGE_TIMINGS only: when the response was ready to be serialized (src/platform/observability/stages.ts). */
  timing?: { ready: number };
}

/** What every resolver receives: the services plus per-operation loaders (src/context.ts adds the domain's parts). */
export interface GatewayContext extends GatewayServices, RequestOrigin {
  loaders: Loaders;
  /** The authenticated caller; null without a token (then only public fields answer). */
  viewer: Viewer | null;
  /** Starts the execution deadline again (each event of a subscription is executed under its own). */
  restartDeadline(): void;
  /** Throws EXECUTION_TIMEOUT past the execution deadline: called before each SQL statement of a read (loaders, compiled reads). */
  checkDeadline(): void;
  /**
   * The operation being executed, set by the executor (src/platform/graphql/executor.ts): `key` names the
   * document (its hash) and operation, so what is compiled for it can be cached.
   */
  operation?: { key: string; name: string | null };
}
