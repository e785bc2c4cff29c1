import type { Fetcher, FetcherParams } from '@graphiql/toolkit';
import type { DocumentNode, ExecutionResult, OperationDefinitionNode, TypeNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { GraphiQL, graphqlWs } from './globals';

/**
 * How the page's operations reach the gateway: queries and mutations over
 * HTTP (multipart when they upload a file), subscriptions over graphql-ws,
 * each with the active identity's token unless the tab's Headers editor sets
 * its own Authorization.
 */

type Headers = Record<string, string>;

/**
 * A result as it arrives over the wire. GraphiQL's types call it graphql's
 * ExecutionResult (errors as GraphQLError); on the wire errors are their JSON
 * form, which is all GraphiQL reads of them.
 */
const wire = (json: unknown) => json as ExecutionResult;

function headerValue(headers: Headers, name: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/**
 * The operation to run and the params naming it. Right after a tab switch GraphiQL can still hand over the previous
 * tab's operation name (and document AST) with the new tab's text: the text decides, and a name it does not define
 * gives way to its only operation's (the one on screen) instead of an "Unknown operation named …" error.
 */
function currentOperation(params: FetcherParams): { params: FetcherParams; operation: OperationDefinitionNode | null } {
  let document: DocumentNode;
  try {
    document = GraphiQL.GraphQL.parse(params.query);
  } catch {
    return { params, operation: null };
  }
  const named = GraphiQL.GraphQL.getOperationAST(document, params.operationName || undefined);
  if (named || !params.operationName) return { params, operation: named ?? null };
  const only = GraphiQL.GraphQL.getOperationAST(document);
  return only ? { params: { ...params, operationName: only.name?.value ?? null }, operation: only } : { params, operation: null };
}

/** Names of the operation's variables of type Upload (e.g. submitDocument's image). */
function uploadVariables(operation: OperationDefinitionNode | null): string[] {
  return (operation?.variableDefinitions ?? [])
    .filter((definition) => {
      let type: TypeNode = definition.type;
      while (type.kind !== 'NamedType') type = type.type;
      return type.name.value === 'Upload';
    })
    .map((definition) => definition.variable.name.value);
}

function socketError(error: unknown): Error {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number' && 'reason' in error) {
    const hint =
      error.code === 4403
        ? ' (the token is missing or not valid: choose an identity or set one in the Headers editor)'
        : error.code === 4401
          ? ' (the token expired)'
          : '';
    return new Error(`The subscription socket closed: ${error.code}${error.reason ? ` ${String(error.reason)}` : ''}${hint}`);
  }
  if (Array.isArray(error)) return new Error(error.map((e: { message?: string }) => e.message).join('\n'));
  return error instanceof Error ? error : new Error(String(error));
}

/** One graphql-ws client per Authorization value; connection_init carries { authorization }. */
class Sockets {
  private current: { authorization: string | undefined; client: Client } | null = null;

  constructor(private readonly url: string) {}

  client(authorization: string | undefined): Client {
    if (this.current && this.current.authorization === authorization) return this.current.client;
    this.current?.client.dispose();
    const client = graphqlWs.createClient({
      url: this.url,
      connectionParams: authorization ? { authorization } : {},
      lazy: true,
      retryAttempts: 0,
    });
    this.current = { authorization, client };
    return client;
  }

  forget(client: Client): void {
    if (this.current?.client === client) {
      this.current = null;
      void client.dispose();
    }
  }

  /** A subscription as the async iterator GraphiQL consumes; GraphiQL's Stop calls return(). */
  subscribe(params: FetcherParams, authorization: string | undefined): AsyncIterableIterator<ExecutionResult> {
    const client = this.client(authorization);
    const queue: ExecutionResult[] = [];
    const waiting: { resolve(r: IteratorResult<ExecutionResult>): void; reject(e: Error): void }[] = [];
    let finished = false;
    let failure: Error | null = null;
    const settle = () => {
      while (waiting.length && (queue.length || finished)) {
        const w = waiting.shift()!;
        if (queue.length) w.resolve({ value: queue.shift()!, done: false });
        else if (failure) {
          w.reject(failure);
          failure = null;
        } else w.resolve({ value: undefined, done: true });
      }
    };
    const dispose = client.subscribe(
      { query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined },
      {
        next: (value) => {
          queue.push(wire(value));
          settle();
        },
        error: (error) => {
          failure = socketError(error);
          finished = true;
          this.forget(client);
          settle();
        },
        complete: () => {
          finished = true;
          settle();
        },
      },
    );
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next() {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (finished && failure) {
          const f = failure;
          failure = null;
          return Promise.reject(f);
        }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => void waiting.push({ resolve, reject }));
      },
      return() {
        if (!finished) {
          finished = true;
          dispose();
        }
        queue.length = 0;
        settle();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

export interface Transport {
  /** The fetcher for one token (a new fetcher makes GraphiQL introspect again, with that token). */
  fetcher(token: string): Fetcher;
  /** The file chosen in the bar, sent for the operation's Upload variables. */
  chooseFile(file: File | null): void;
}

export function createTransport(endpoint: URL): Transport {
  const socketUrl = new URL(endpoint.href);
  socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  const sockets = new Sockets(socketUrl.href);
  const http = GraphiQL.createFetcher({ url: endpoint.href, enableIncrementalDelivery: false });
  let chosenFile: File | null = null;

  /**
   * The GraphQL multipart request (what Apollo's upload clients send): the
   * chosen file stands for every Upload variable. The preflight header is what
   * the gateway's CSRF prevention asks of multipart requests.
   */
  async function upload(params: FetcherParams, names: string[], headers: Headers): Promise<ExecutionResult> {
    if (!chosenFile) {
      return wire({ errors: [{ message: 'This operation uploads a file: choose one with "File for Upload" in the bar above, then run it again.' }] });
    }
    const variables: Record<string, unknown> = { ...params.variables };
    for (const name of names) variables[name] = null;
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: params.query, variables, operationName: params.operationName || undefined }));
    form.append('map', JSON.stringify({ 0: names.map((name) => `variables.${name}`) }));
    form.append('0', chosenFile, chosenFile.name);
    const response = await fetch(endpoint.href, { method: 'POST', headers: { ...headers, 'Apollo-Require-Preflight': 'true' }, body: form });
    return wire(await response.json());
  }

  return {
    chooseFile(file) {
      chosenFile = file;
    },
    fetcher(token) {
      return (requested, opts) => {
        const headers: Headers = { ...(opts?.headers as Headers | undefined) };
        if (token && headerValue(headers, 'authorization') === undefined) headers.Authorization = `Bearer ${token}`;
        const { params, operation } = currentOperation(requested);
        if (operation?.operation === 'subscription') return sockets.subscribe(params, headerValue(headers, 'authorization'));
        const uploads = uploadVariables(operation);
        if (uploads.length) return upload(params, uploads, headers);
        return http(params, { ...opts, documentAST: undefined, headers });
      };
    },
  };
}
