import type { ApolloServerPlugin } from '@apollo/server';
import { executionTimeout } from './security/limits/limit-error';
import { Loaders } from './loaders';
import { codesOfTables, ErrorCatalog, ErrorTables } from './error-codes';
import { PLATFORM_ERROR_TABLES } from './platform-errors';
import { declareOperations } from './security/policies';
import type { GatewayContext, GatewayServices, RequestOrigin } from './graphql/context';
import type { AdmissionHook, GatewayModule, ModuleDeps, ModuleRuntime, ModuleWorker, RouteDeps } from './module';
import type { Viewer } from './security/viewer';

/** Without a module offering admission, a token's claims are all there is. */
const NO_ADMISSION: AdmissionHook = { admit: async (viewer) => viewer, guard: (_viewer, source) => source };

/** What the module list declares statically: read by the schema, the entity list and the metrics. */
export function declarations(modules: readonly GatewayModule[]) {
  for (const module of modules) if (module.access) declareOperations(module.access);
  return {
    entities: modules.flatMap((module) => module.entities ?? []),
    resolvers: modules.flatMap((module) => module.resolvers ?? []),
    operationNames: modules.flatMap((module) => module.operationNames ?? []),
    errorCodes: modules.flatMap((module) => codesOfTables(module.errorCodes ?? {})),
  };
}

/** The platform's and every module's error tables by name (the README's `<!-- error-table:NAME -->`); a name declared twice is an error. */
export function errorTablesOf(modules: readonly GatewayModule[]): ErrorTables {
  const tables: Record<string, ErrorCatalog> = { ...PLATFORM_ERROR_TABLES };
  for (const module of modules) {
    for (const [name, catalog] of Object.entries(module.errorCodes ?? {})) {
      if (tables[name]) throw new Error(`error table "${name}" is declared twice (module ${module.name})`);
      tables[name] = catalog;
    }
  }
  return tables;
}

/** The modules' runtime parts, built once per process in list order, as every entry point uses them. */
export class ModuleRuntimes {
  readonly services: GatewayServices;
  readonly workers: ModuleWorker[] = [];
  readonly plugins: ApolloServerPlugin<GatewayContext>[] = [];
  readonly admission: AdmissionHook;
  private readonly contextParts: (() => Partial<GatewayContext>)[] = [];
  private readonly afterEventHooks: NonNullable<ModuleRuntime['afterEvent']>[] = [];
  private readonly routeFactories: NonNullable<ModuleRuntime['routes']>[] = [];
  private readonly closers: (() => Promise<void>)[] = [];
  private readonly starters: (() => Promise<void>)[] = [];

  constructor(modules: readonly GatewayModule[], deps: Omit<ModuleDeps, 'services'>) {
    const { config, dataSource, pubSub, keys } = deps;
    this.services = { config, dataSource, pubSub, keys } as GatewayServices;
    let admission: AdmissionHook | undefined;
    for (const module of modules) {
      const runtime = module.setup?.({ ...deps, services: this.services });
      if (!runtime) continue;
      Object.assign(this.services, runtime.services);
      this.workers.push(...(runtime.workers ?? []));
      this.plugins.push(...(runtime.plugins ?? []));
      if (runtime.context) this.contextParts.push(runtime.context);
      if (runtime.afterEvent) this.afterEventHooks.push(runtime.afterEvent);
      if (runtime.routes) this.routeFactories.push(runtime.routes);
      if (runtime.close) this.closers.push(runtime.close);
      if (runtime.beforeStart) this.starters.push(runtime.beforeStart);
      if (runtime.admission) {
        if (admission) throw new Error(`module ${module.name}: admission is already provided by another module`);
        admission = runtime.admission;
      }
    }
    this.admission = admission ?? NO_ADMISSION;
  }

  /**
   * One context per operation, whatever the transport. Past EXECUTION_TIMEOUT_MS no
   * loader sends SQL any more (EXECUTION_TIMEOUT): a check per batch, not per
   * field, keeps the hot path free.
   */
  createContext(viewer: Viewer | null, origin: RequestOrigin): GatewayContext {
    const timeoutMs = this.services.config.limits.executionTimeoutMs;
    let deadline = performance.now() + timeoutMs;
    const beforeBatch = () => {
      if (performance.now() > deadline) throw executionTimeout(timeoutMs);
    };
    const context = {
      ...this.services,
      ...origin,
      viewer,
      loaders: new Loaders(this.services.dataSource, beforeBatch),
      restartDeadline: () => void (deadline = performance.now() + timeoutMs),
      checkDeadline: beforeBatch,
    } as GatewayContext;
    for (const part of this.contextParts) Object.assign(context, part());
    return context;
  }

  async afterEvent(context: GatewayContext, operationName: string | null): Promise<void> {
    for (const hook of this.afterEventHooks) await hook(context, operationName);
  }

  routes(deps: RouteDeps) {
    return this.routeFactories.flatMap((factory) => factory(deps));
  }

  /** The modules' start-up steps, in list order. */
  async beforeStart(): Promise<void> {
    for (const start of this.starters) await start();
  }

  startWorkers(options?: { keepProcessAlive?: boolean }): void {
    for (const worker of this.workers) worker.start(options);
  }

  /** Stops polling; resolves once each worker's step in progress has committed. */
  async stopWorkers(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /** Workers first (each finishes the step in progress), then what the modules opened. */
  async stop(): Promise<void> {
    await this.stopWorkers();
    for (const close of this.closers) await close();
  }
}
