import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { execute, FormattedExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { Viewer } from '../security/viewer';
import { Config } from '../config';
import { Limits } from '../security/limits';
import { logger } from '../observability/logger';
import { GatewayMetrics } from '../observability/metrics';
import { observabilityPlugin, stageTimingPlugin } from '../observability/observability.plugin';
import { allowListPlugin } from '../security/persisted/persisted-operations.plugin';
import type { ModuleRuntimes } from '../composition';
import { GatewayContext, RequestOrigin } from './context';
import { formatGatewayError, maskedError } from '../error-formatting';
import { GatewayError } from '../errors';
import { onEnd } from '../iterators';
import { pipelineExecutor, StreamingContext, SubscriptionHolder } from './executor';
import { PlatformError } from '../platform-errors';

/** One GraphQL operation as any transport receives it. */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** What came of an operation: refused before execution, one result, or a stream of results (subscriptions). */
export type OperationOutcome =
  | { kind: 'refused'; errors: GraphQLFormattedError[] }
  | { kind: 'result'; result: FormattedExecutionResult }
  | { kind: 'stream'; events: AsyncIterableIterator<FormattedExecutionResult> };

/**
 * Subscriptions need a transport that can stream them (graphql-ws); anywhere
 * else they are refused up front, before any resolver.
 */
const streamingTransportPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription' && !(contextValue as StreamingContext).subscription) {
          throw new GatewayError(
            PlatformError.SUBSCRIPTION_REQUIRES_WEBSOCKET,
            'Subscriptions are served over WebSocket (graphql-transport-ws) on this path, not over HTTP.',
            {
              http: { status: 400 },
            },
          );
        }
      },
    };
  },
};

/**
 * A failure of the pipeline itself (a plugin that threw): Apollo would answer a
 * bare "Internal server error" and lose the cause. Logged here with its cause
 * under a correlation id; the client gets that id and its interaction id.
 */
const unexpectedErrorPlugin: ApolloServerPlugin<GatewayContext> = {
  async unexpectedErrorProcessingRequest({ requestContext, error }) {
    const masked = maskedError(error);
    throw new GatewayError(PlatformError.INTERNAL_SERVER_ERROR, masked.message, {
      ...masked.extensions,
      interactionId: requestContext.contextValue.interactionId,
    });
  },
};

/** Apollo's own log lines (e.g. an unexpected failure of a plugin) go to the gateway's logger, with their cause. */
const apolloLogger = {
  debug: (message: string) => logger.debug(message),
  info: (message: string) => logger.info(message),
  warn: (message: string) => logger.warn(message),
  error: (message: string) => logger.error(message),
};

/**
 * The one operation pipeline of the gateway. Every transport — HTTP (Apollo's
 * Express integration), graphql-ws, and the Open Banking REST facade (src/modules/open-banking-rest) — hands its operations to
 * the same Apollo request pipeline: document cache and parser token cap,
 * graphql's and the limits' validation rules, introspection and cost checks,
 * the persisted-operations allow-list, the transport check, the executor
 * (graphql-jit) under the execution deadline, authorization in the resolvers,
 * the audit trail, error masking and the interaction id, logs and metrics.
 * Admission (authentication and the rate limit) is done by each transport
 * with the same functions, where it is cheapest: HTTP before reading a body,
 * WebSocket at connection_init and on every subscribe.
 */
export class OperationPipeline {
  readonly apollo: ApolloServer<GatewayContext>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly runtime: ModuleRuntimes,
    readonly limits: Limits,
    private readonly metrics: GatewayMetrics,
    transportPlugins: ApolloServerPlugin<GatewayContext>[] = [],
  ) {
    const config: Config = runtime.services.config;
    this.apollo = new ApolloServer<GatewayContext>({
      gateway: pipelineExecutor(schema),
      formatError: formatGatewayError,
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      logger: apolloLogger,
      parseOptions: limits.parseOptions,
      validationRules: limits.validationRules,
      introspection: true, // the limits plugin refuses it per caller: analysts only, outside development
      // Apollo's own SIGINT/SIGTERM handler (on unless NODE_ENV=test) re-sends the signal once Apollo has stopped:
      // the process would end with 143 before the gateway had answered its requests and closed its pools.
      // The entry points stop the gateway themselves (src/platform/entry-point.ts).
      stopOnTerminationSignals: false,
      plugins: [
        ...transportPlugins,
        ApolloServerPluginLandingPageDisabled(),
        // No cache hints here; its per-field hook would instrument every field of every response.
        ApolloServerPluginCacheControlDisabled(),
        unexpectedErrorPlugin,
        streamingTransportPlugin,
        limits.plugin, // before the plugins that read error codes in willSendResponse
        ...runtime.plugins, // the modules' (e.g. the audit trail), after the limits
        observabilityPlugin(metrics),
        ...(config.persistedOperations.mode === 'allowlist' ? [allowListPlugin(config.persistedOperations.manifestFile, limits.parseOptions)] : []),
        stageTimingPlugin,
      ],
    });
  }

  /**
   * Admission's consent check, the one every transport runs per operation (HTTP
   * after its rate limit, `run` for WebSocket and REST): the token's viewer bound
   * to its consent as the database has it now, or UNAUTHENTICATED / FORBIDDEN.
   */
  admit(viewer: Viewer | null): Promise<Viewer | null> {
    return this.runtime.admission.admit(viewer);
  }

  /** The per-operation context, the same for every transport. */
  context(viewer: Viewer | null, origin: RequestOrigin): GatewayContext {
    return this.runtime.createContext(viewer, origin);
  }

  /**
   * Runs one operation for a transport other than Apollo's HTTP integration:
   * admission (rate limit, document size), then the Apollo pipeline. Never
   * throws: every failure comes back formatted and masked. `variablesFor`
   * computes the variables from the admitted viewer (REST: the customer the
   * consent is bound to, known only after admission); what it throws refuses the operation.
   */
  async run(request: OperationRequest, context: GatewayContext, variablesFor?: (viewer: Viewer | null) => Record<string, unknown>): Promise<OperationOutcome> {
    const holder: SubscriptionHolder = {};
    let streaming: StreamingContext;
    try {
      await this.limits.admit(context.viewer, context.clientAddress);
      const tooLarge = this.limits.documentTooLarge(request.query);
      if (tooLarge) throw tooLarge;
      streaming = { ...context, viewer: await this.admit(context.viewer), subscription: holder };
      if (variablesFor) request = { ...request, variables: variablesFor(streaming.viewer) };
    } catch (error) {
      return { kind: 'refused', errors: this.clientErrors([error], context) };
    }
    let response;
    try {
      response = await this.apollo.executeOperation(
        {
          // graphql-ws requires a string: a persisted operation sent by hash alone comes with an empty one.
          query: typeof request.query === 'string' && request.query !== '' ? request.query : undefined,
          operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
          variables: isObject(request.variables) ? request.variables : undefined,
          extensions: isObject(request.extensions) ? request.extensions : undefined,
        },
        { contextValue: streaming },
      );
    } catch (error) {
      return { kind: 'refused', errors: this.clientErrors([error], context) };
    }
    if (response.body.kind !== 'single') return { kind: 'refused', errors: this.clientErrors([new Error('incremental delivery is not served')], context) };
    const result = response.body.singleResult;
    if (holder.source) {
      if (!result.errors?.length) return { kind: 'stream', events: this.events(holder, streaming) };
      await holder.source[Symbol.asyncIterator]().return?.(); // e.g. its start could not be audited
      return { kind: 'refused', errors: [...result.errors] };
    }
    if (result.data === undefined) return { kind: 'refused', errors: [...(result.errors ?? [])] };
    return { kind: 'result', result };
  }

  /**
   * Errors raised outside Apollo's request (admission, subscription events) as
   * clients get them: the same formatting and masking, with the interaction id.
   */
  clientErrors(errors: readonly unknown[], context: Pick<RequestOrigin, 'interactionId'>): GraphQLFormattedError[] {
    return errors.map((error) => {
      const formatted = error instanceof GraphQLError ? formatGatewayError(error.toJSON(), error) : maskedError(error);
      return { ...formatted, extensions: { ...formatted.extensions, interactionId: context.interactionId } };
    });
  }

  /**
   * A subscription's results: each event admitted again (its consent may have
   * been revoked; a revocation also ends the stream at once), executed under its own deadline, its errors formatted and
   * masked, its customer data audited before it is sent.
   * Closing the iterator (client unsubscribes, socket closes) closes the source.
   */
  private events(holder: SubscriptionHolder, context: StreamingContext): AsyncIterableIterator<FormattedExecutionResult> {
    // A revoked or expired consent ends the stream, on whichever instance holds it (src/modules/consents).
    const source = this.runtime.admission.guard(context.viewer, holder.source![Symbol.asyncIterator]());
    const { schema, metrics } = this;
    const format = (errors: readonly unknown[]) => this.clientErrors(errors, context);
    const runtime = this.runtime;
    metrics.activeSubscriptions.inc();
    const close = async () => {
      metrics.activeSubscriptions.dec();
      await source.return?.();
    };
    async function* results(): AsyncGenerator<FormattedExecutionResult> {
      try {
        for (;;) {
          const next = await source.next();
          if (next.done) return;
          context.restartDeadline();
          const result = await execute({
            schema,
            document: holder.document!,
            rootValue: next.value,
            contextValue: context,
            variableValues: holder.variables,
            operationName: holder.operationName,
          });
          await runtime.afterEvent(context, holder.operationName ?? null);
          yield result.errors ? { data: result.data, errors: format(result.errors) } : { data: result.data };
        }
      } catch (error) {
        yield { errors: format([error]) };
      }
    }
    return onEnd(results(), close);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
