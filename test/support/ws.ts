import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client over a real socket, collecting what one subscription receives. */
export interface Subscription<T> {
  received: T[];
  errors: unknown[];
  completed: Promise<void>;
  /** Resolves when at least `count` payloads have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown>, pick: (data: any) => T): Subscription<T> {
  const received: T[] = [];
  const errors: unknown[] = [];
  let waiters: (() => void)[] = [];
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  const notify = () => {
    const current = waiters;
    waiters = [];
    current.forEach((w) => w());
  };
  const dispose = client.subscribe<any>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(pick(value.data));
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
        complete();
      },
      complete: () => {
        notify();
        complete();
      },
    },
  );
  return {
    received,
    errors,
    completed,
    waitFor(count, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out with ${received.length}/${count} events: ${JSON.stringify(received)} ${JSON.stringify(errors)}`)),
          timeoutMs,
        );
        const check = () => {
          if (received.length >= count || errors.length > 0) {
            clearTimeout(timer);
            if (errors.length > 0 && received.length < count) reject(new Error(JSON.stringify(errors)));
            else resolve(received);
          } else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      dispose();
    },
  };
}
