import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Router } from 'express';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { GatewayPubSub } from './events/pubsub';
import type { GatewayContext, GatewayServices } from './graphql/context';
import type { OperationPipeline } from './graphql/operation-pipeline';
import type { VerificationKeys } from './security/keys';
import type { OperationAccess } from './security/policies';
import type { Viewer } from './security/viewer';
import type { ErrorTables } from './error-codes';

/**
 * A bounded context of the gateway, declared once in its `*.module.ts` and
 * listed once in src/app.ts. Both entry points (the gateway and the standalone
 * worker), the schema, the entity list and the per-operation context are
 * derived from that list (src/platform/composition.ts): adding a domain
 * touches its folder and one line.
 */
export interface GatewayModule {
  name: string;
  /** TypeORM entities: the migrations create exactly the tables of every module's entities. */
  entities?: readonly Function[];
  /** type-graphql resolver classes: the module's part of the one schema. */
  resolvers?: readonly Function[];
  /**
   * The `extensions.code` values the module produces, each with one line on when (src/platform/error-codes.ts):
   * metrics label them as themselves, the README's error tables are rendered from them.
   */
  errorCodes?: ErrorTables;
  /**
   * Authorization of root fields or routes the one table (src/platform/security/policies.ts) does not hold:
   * for a module added beside the gateway's own (a bank's extension, a test fixture).
   */
  access?: Readonly<Record<string, OperationAccess>>;
  /** Operation names the module runs itself (e.g. the REST facade's fixed operations): metrics label them by name. */
  operationNames?: readonly string[];
  /** Builds the module's long-lived parts once per process; earlier modules' services are in `deps.services`. */
  setup?(deps: ModuleDeps): ModuleRuntime | void;
}

/** What a module's `setup` receives: the platform's services and the process's metrics registry. */
export interface ModuleDeps {
  config: Config;
  dataSource: DataSource;
  pubSub: GatewayPubSub;
  keys: VerificationKeys;
  /** The process's Prometheus registry: a module registers its own metric families here. */
  registry: Registry;
  /** The services built so far (platform's and earlier modules'). */
  services: GatewayServices;
}

/** A durable loop (src/platform/jobs): run in the gateway with IN_PROCESS_WORKER, or by `npm run worker`. */
export interface ModuleWorker {
  start(options?: { keepProcessAlive?: boolean }): void;
  stop(): Promise<void>;
}

/**
 * Admission hook run by every transport for every operation after
 * authentication (e.g. consents: the token's consent as the database has it
 * now), and around every subscription's event stream.
 */
export interface AdmissionHook {
  admit(viewer: Viewer | null): Promise<Viewer | null>;
  guard<T>(viewer: Viewer | null, source: AsyncIterator<T>): AsyncIterator<T>;
}

/** HTTP routes a module serves next to /graphql (REST facade, IDE), given the one pipeline. */
export interface RouteDeps {
  pipeline: OperationPipeline;
  keys: VerificationKeys;
  config: Config;
  dataSource: DataSource;
  /** PUBLIC_BASE_URL, or the listening address outside production. */
  publicBaseUrl(): string;
  /**
   * The handlers that admit a request to a route outside the pipeline as /graphql is admitted (interaction id,
   * token, rate limit, consent), then authorize it by its declaration `operation` in the authorization table
   * (src/platform/transports/http.ts `routeAdmission`): mount them before the route's handler, which finds the
   * admitted caller in `req.viewer`.
   */
  admission(operation: string): RequestHandler[];
}

export interface ModuleRuntime {
  /** Added to GatewayServices (and so to every operation's context). */
  services?: Partial<GatewayServices>;
  /** Durable workers; started by the entry point that runs them. */
  workers?: readonly ModuleWorker[];
  /** Plugins of the one operation pipeline (e.g. the audit trail flush). */
  plugins?: readonly ApolloServerPlugin<GatewayContext>[];
  /** Per-operation context parts (e.g. the audit trail). */
  context?(): Partial<GatewayContext>;
  /** At most one module provides admission (consents). */
  admission?: AdmissionHook;
  /** Run after a subscription event is executed, before it is sent (e.g. the audit of what it returned). */
  afterEvent?(context: GatewayContext, operationName: string | null): Promise<void>;
  /** Routes mounted before the GraphQL route, each under its path (REST answers its own error bodies). */
  routes?(deps: RouteDeps): readonly { path: string; router: Router; beforeErrorEnvelope?: boolean }[];
  /** Run once at start-up, by every entry point, before anything is served or worked (e.g. re-sealing secrets). */
  beforeStart?(): Promise<void>;
  /** Closed at shutdown, after the workers stopped. */
  close?(): Promise<void>;
}
