import type { IncomingMessage, Server } from 'node:http';
import { ExecutionArgs, GraphQLError, GraphQLFormattedError, GraphQLSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { VerificationKeys } from '../security/keys';
import { authenticate, Viewer } from '../security/viewer';
import { LimitError, LimitsConfig } from '../security/limits';
import { connectionInteractionId } from '../interaction-id';
import { onEnd } from '../iterators';
import { OperationOutcome, OperationPipeline } from '../graphql/operation-pipeline';
import { PlatformError } from '../platform-errors';

type ConnectionState = {
  viewer?: Viewer;
  /** A stream of this connection ended UNAUTHENTICATED: close with 4401 once its `complete` is sent. */
  closeUnauthenticated?: boolean;
  expiry?: NodeJS.Timeout;
  interactionId?: string;
};

/** A formatted error in the shape graphql-ws sends (it wants GraphQLError instances from onSubscribe). */
class FormattedError extends GraphQLError {
  constructor(readonly formatted: GraphQLFormattedError) {
    super(formatted.message);
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

// graphql-ws looks at the operation type of the arguments onSubscribe returns; the pipeline has already run it.
const RAN_QUERY = parse('query { __typename }');
const RAN_SUBSCRIPTION = parse('subscription { __typename }');
const OUTCOME = Symbol('outcome');
type RanArgs = ExecutionArgs & { contextValue: { [OUTCOME]: OperationOutcome } };

function tooMany(what: string, limit: number): LimitError {
  return new LimitError(PlatformError.TOO_MANY_SUBSCRIPTIONS, `At most ${limit} ${what}.`, { limit });
}

/**
 * GraphQL over WebSocket (graphql-ws, protocol graphql-transport-ws) on the
 * HTTP server's /graphql path. The token is checked once in connection_init
 * (the socket closes with 4403 when refused, 4401 when it expires or its
 * consent stops admitting it, after the UNAUTHENTICATED error); every
 * operation then goes through the operation pipeline like an HTTP request.
 * Before any of that: frames over MAX_REQUEST_BYTES are refused by `ws` from
 * their header, before being buffered (close 1009), and each client address
 * holds at most MAX_CONNECTIONS_PER_ADDRESS sockets (429 on the upgrade).
 */
export function serveWebSocket(
  httpServer: Server,
  schema: GraphQLSchema,
  pipeline: OperationPipeline,
  keys: VerificationKeys,
  limits: LimitsConfig,
  clientAddressOf: (request: IncomingMessage) => string,
) {
  const connectionsByAddress = new Map<string, number>();
  const streamsBySubject = new Map<string, number>();
  const count = (map: Map<string, number>, key: string, delta: number) => {
    const value = (map.get(key) ?? 0) + delta;
    if (value > 0) map.set(key, value);
    else map.delete(key);
  };

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.maxRequestBytes,
    verifyClient: ({ req }, done) => {
      const address = clientAddressOf(req);
      if ((connectionsByAddress.get(address) ?? 0) >= limits.maxConnectionsPerAddress) return done(false, 429, 'Too Many Connections');
      done(true);
    },
  });
  wsServer.on('connection', (socket, request) => {
    const address = clientAddressOf(request);
    count(connectionsByAddress, address, 1);
    socket.once('close', () => count(connectionsByAddress, address, -1));
  });

  const server = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema,
      // The token travels in connection_init: { authorization: "Bearer …" }; a malformed one refuses the socket.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const viewer = await authenticate(typeof header === 'string' ? header : null, keys).catch(() => null);
        if (!viewer) return false; // graphql-ws closes with 4403 Forbidden
        ctx.extra.viewer = viewer;
        ctx.extra.interactionId = connectionInteractionId(ctx.extra.request);
        const ttl = viewer.expiresAt * 1000 - Date.now();
        ctx.extra.expiry = setTimeout(() => ctx.extra.socket.close(4401, 'Token expired'), Math.min(ttl, 2 ** 31 - 1)).unref();
        return true;
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),

      onSubscribe: async (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer!;
        const origin = originOf(ctx.extra);
        // ctx.subscriptions already holds this operation.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return pipeline
            .clientErrors([tooMany('operations open on one connection', limits.maxSubscriptionsPerConnection)], origin)
            .map((e) => new FormattedError(e));
        }
        if ((streamsBySubject.get(viewer.subject) ?? 0) >= limits.maxSubscriptionsPerSubject) {
          return pipeline
            .clientErrors([tooMany('subscriptions open for one token subject', limits.maxSubscriptionsPerSubject)], origin)
            .map((e) => new FormattedError(e));
        }
        const outcome = await pipeline.run(payload, pipeline.context(viewer, origin));
        if (outcome.kind === 'refused') return outcome.errors.map((e) => new FormattedError(e));
        if (outcome.kind === 'stream') {
          count(streamsBySubject, viewer.subject, 1);
          outcome.events = onEnd(outcome.events, () => count(streamsBySubject, viewer.subject, -1));
        }
        const args: RanArgs = { schema, document: outcome.kind === 'stream' ? RAN_SUBSCRIPTION : RAN_QUERY, contextValue: { [OUTCOME]: outcome } };
        return args;
      },
      execute: (args) => {
        const outcome = (args as RanArgs).contextValue[OUTCOME];
        return outcome.kind === 'result' ? (outcome.result as never) : { errors: [] };
      },
      subscribe: (args) => {
        const outcome = (args as RanArgs).contextValue[OUTCOME];
        return (outcome.kind === 'stream' ? outcome.events : { errors: [] }) as never;
      },
      // Results leave the pipeline formatted: send them as they are.
      onNext: (ctx, _id, _payload, _args, result) => {
        // A stream's last result (its consent stopped admitting it): the socket closes once the stream's `complete` is sent.
        if (unauthenticated((result as { errors?: readonly GraphQLFormattedError[] }).errors)) ctx.extra.closeUnauthenticated = true;
        return result as never;
      },
      onComplete: (ctx) => {
        if (ctx.extra.closeUnauthenticated) closeUnauthenticated(ctx.extra.socket);
      },
      onError: (ctx, _id, _payload, errors) => {
        const formatted = errors.map((error) => (error instanceof FormattedError ? error.formatted : pipeline.clientErrors([error], originOf(ctx.extra))[0]));
        if (unauthenticated(formatted)) closeUnauthenticated(ctx.extra.socket);
        return formatted;
      },
    },
    wsServer,
  );
  return { dispose: async () => void (await server.dispose()) };

  /**
   * The connection's token stopped being a credential (its consent was revoked,
   * rejected, expired or is unknown: UNAUTHENTICATED): the error is sent, then
   * the socket closes with 4401, as it does when the token itself expires.
   */
  function unauthenticated(errors: readonly GraphQLFormattedError[] | undefined): boolean {
    return Boolean(errors?.some((error) => error.extensions?.code === PlatformError.UNAUTHENTICATED));
  }
  function closeUnauthenticated(socket: WebSocket) {
    // After graphql-ws has queued the message it is about to send (ws keeps frames in order).
    setImmediate(() => socket.close(4401, 'Unauthenticated'));
  }

  function originOf(extra: ConnectionState & { request: IncomingMessage }) {
    return {
      transport: 'websocket' as const,
      interactionId: extra.interactionId ?? connectionInteractionId(extra.request),
      clientAddress: clientAddressOf(extra.request),
    };
  }
}
