import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a connection accepted but still silent at the stop may take to send its first request (Go's http.Server waits 5 s). */
const FIRST_REQUEST_GRACE_MS = 1_000;

interface Connection {
  /** Requests answered or in progress on this connection. */
  requests: number;
  /** Responses not finished yet. */
  inFlight: Set<ServerResponse>;
}

/**
 * Graceful stop of an HTTP server, the way a load balancer expects it: no new
 * connections; every request already received is answered, whether its body was
 * read or is still arriving (an upload trickling in), with `Connection: close`;
 * idle keep-alive connections are closed, busy ones right after their response.
 * A connection accepted just before the stop gets a moment to send its first
 * request (its client has no reason to expect a refusal); Node's own
 * parser-aware idleness then spares one whose request has begun. Bounded by
 * `timeoutMs`: connections still open then are cut.
 */
export class HttpDrain {
  private readonly connections = new Map<Socket, Connection>();
  private draining = false;
  private accepted = 0;

  constructor(private readonly server: Server) {
    // Every socket, upgraded ones (WebSocket) included: Node's closeAllConnections() knows HTTP ones only.
    server.on('connection', (socket: Socket) => {
      this.accepted += 1;
      this.connections.set(socket, { requests: 0, inFlight: new Set() });
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const connection = this.connections.get(req.socket);
      if (!connection) return;
      connection.requests += 1;
      connection.inFlight.add(res);
      if (this.draining) res.setHeader('connection', 'close');
      const done = () => {
        connection.inFlight.delete(res);
        if (this.draining && connection.inFlight.size === 0) req.socket.end();
      };
      res.once('finish', done);
      res.once('close', done);
    });
  }

  /** Resolves once every connection has closed; `cut` counts those still open at `timeoutMs`. */
  async stop(timeoutMs: number): Promise<{ cut: number }> {
    // Connections and bytes that reached this host while the event loop was busy (a long synchronous SQLite read)
    // are accepted and read in poll phases; connections queued at the listening socket are its clients' requests
    // already sent (the kernel completed their handshake). Measured here: with the loop busy, they are accepted one
    // per loop turn. So turns pass until one accepts nothing: closing the listener earlier would reset them.
    const deadline = Date.now() + timeoutMs;
    for (let before = -1; before !== this.accepted && Date.now() < deadline;) {
      before = this.accepted;
      await nextTurn();
      await nextTurn(); // the second runs after a poll phase that followed the first
    }
    this.draining = true;
    const timers: NodeJS.Timeout[] = [];
    let cut = 0;
    await new Promise<void>((resolve) => {
      // net.Server's close: stops listening and calls back once every connection has closed. (http.Server's
      // would also destroy at once every connection without a request in progress, fresh ones included.)
      NetServer.prototype.close.call(this.server, () => resolve());
      let fresh = false;
      for (const [socket, connection] of this.connections) {
        for (const res of connection.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        if (connection.inFlight.size) continue;
        if (connection.requests > 0)
          socket.end(); // idle keep-alive
        else fresh = true;
      }
      if (fresh) timers.push(setTimeout(() => this.server.closeIdleConnections(), Math.min(FIRST_REQUEST_GRACE_MS, timeoutMs)));
      timers.push(
        setTimeout(() => {
          cut = this.connections.size;
          this.server.closeAllConnections();
          for (const socket of this.connections.keys()) socket.destroy();
        }, timeoutMs),
      );
    });
    timers.forEach(clearTimeout);
    return { cut };
  }
}
