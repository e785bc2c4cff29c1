import { Server } from 'node:http';
import { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Graceful stop of an HTTP server, the way a load balancer expects it: no new
 * connections; every request already received is answered, whether its body was
 * read or is still arriving (an upload trickling in); idle keep-alive
 * connections are closed, and busy ones right after their response (Node's own
 * `close()`: a connection counts as busy from a request's first byte, not only
 * once its headers are complete, which Apollo's drain plugin got wrong).
 * Bounded by `timeoutMs`: connections still open then are cut.
 */
export class HttpDrain {
  private readonly sockets = new Set<Socket>();

  constructor(private readonly server: Server) {
    // Every socket, upgraded ones (WebSocket) included: Node's closeAllConnections() knows HTTP ones only.
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** Resolves once every connection has closed; `cut` counts those still open at `timeoutMs`. */
  async stop(timeoutMs: number): Promise<{ cut: number }> {
    // Bytes that reached this process while the event loop was busy (a long synchronous SQLite read) are read in
    // this turn's poll phase: then their requests are in progress, and close() leaves their connections open.
    await nextTurn();
    let cut = 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        cut = this.sockets.size;
        this.server.closeAllConnections();
        for (const socket of this.sockets) socket.destroy();
      }, timeoutMs);
      if (!this.server.listening) {
        clearTimeout(timer);
        return resolve();
      }
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { cut };
  }
}
