import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { metricValue, post, statementsOf } from './load';
import { CUSTOMER_EVALUATION, REGISTER_CUSTOMER, RegistrationFactory } from './operations';
import { RssSampler } from './system';

/**
 * Subscription fan-out: `sockets` graphql-ws connections, each subscribed to
 * customerEvaluation for one of `cpfs.length` CPFs, then those CPFs are
 * registered and every socket must receive CUSTOMER_WAS_RECEIVED,
 * CUSTOMER_IN_ANALYSIS and the final CUSTOMER_WAS_APPROVED/REPROVED, then completion.
 */
export interface FanoutOptions {
  url: string;
  metricsUrl: string;
  pid: number;
  token: string;
  sockets: number;
  cpfCount: number;
  scrapeStatements: number;
  /** EVALUATION_DELAY_MS of the gateway under test (reported). */
  evaluationDelayMs: number;
  timeoutMs?: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface FanoutResult {
  sockets: number;
  cpfs: number;
  /** Sockets that received the final event and then completion. */
  completed: number;
  withErrors: number;
  firstError?: string;
  /** From opening the first socket until the gateway counted every subscription active. */
  subscribeSeconds: number;
  /** SQL statements per second while the subscriptions wait idle (the streams' 2 s resync reads). */
  idleStatementsPerSecond: number;
  /** Statements from opening the first socket until all were subscribed, per socket. */
  setupStatementsPerSocket: number;
  /** Registration request sent → CUSTOMER_WAS_RECEIVED on each socket (published by the mutation itself). */
  receivedLatencyMs: Percentiles;
  /** Final event on each socket, measured from the first socket that got it for the same CPF (fan-out spread). */
  finalSpreadMs: Percentiles;
  /** Registration request sent → final event on each socket (includes EVALUATION_DELAY_MS and worker polling). */
  endToEndFinalMs: Percentiles;
  /** Registration requests sent → every socket completed. */
  allCompletedSeconds: number;
  evaluationDelayMs: number;
  peakRssBytes: number;
  rssAfterBytes: number;
}

interface SocketState {
  cpf: string;
  client: Client;
  received: Map<string, number>;
  finalAt?: number;
  done: boolean;
  error?: string;
}

const FINAL = new Set(['CUSTOMER_WAS_APPROVED', 'CUSTOMER_WAS_REPROVED']);

export function percentiles(values: number[]): Percentiles {
  if (!values.length) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]) };
}

/** A subscription's error as text: a GraphQL error list, an Error, or the socket's close event (code and reason). */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string } | null;
  if (typeof close?.code === 'number') return `socket closed ${close.code}${close.reason ? ` ${close.reason}` : ''}`;
  return JSON.stringify(error).slice(0, 300);
}

const round = (value: number) => Math.round(value * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(100);
  }
}

export async function runFanout(options: FanoutOptions): Promise<FanoutResult> {
  const wsUrl = options.url.replace(/^http/, 'ws');
  const registrations = new RegistrationFactory('fanout');
  const planned = Array.from({ length: options.cpfCount }, () => registrations.next());
  const states: SocketState[] = [];
  const sampler = new RssSampler(options.pid);
  const statementsAtStart = await statementsOf(options.metricsUrl);
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 60_000;

  try {
    // Open in batches so the accept backlog and the handshake burst stay reasonable.
    const BATCH = 100;
    for (let offset = 0; offset < options.sockets; offset += BATCH) {
      const batch: Promise<void>[] = [];
      for (let i = offset; i < Math.min(options.sockets, offset + BATCH); i++) {
        const cpf = planned[i % planned.length].documentNumber;
        let connected!: () => void;
        const opened = new Promise<void>((resolve) => (connected = resolve));
        const client = createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${options.token}` },
          retryAttempts: 0,
          lazy: true,
          on: { connected: () => connected() },
        });
        const state: SocketState = { cpf, client, received: new Map(), done: false };
        states.push(state);
        client.subscribe<{ customerEvaluation: { name: string } }>(
          { query: CUSTOMER_EVALUATION, variables: { documentNumber: cpf } },
          {
            next: (value) => {
              const now = performance.now();
              if (value.errors?.length) state.error ??= JSON.stringify(value.errors).slice(0, 300);
              const name = value.data?.customerEvaluation?.name;
              if (!name) return;
              state.received.set(name, now);
              if (FINAL.has(name)) state.finalAt = now;
            },
            error: (error) => {
              state.error ??= describeError(error);
              state.done = true;
              connected();
            },
            complete: () => {
              state.done = true;
            },
          },
        );
        batch.push(Promise.race([opened, sleep(20_000)]).then(() => undefined));
      }
      await Promise.all(batch);
    }
    await waitFor(
      async () => (await metricValue(options.metricsUrl, 'graphql_active_subscriptions')) >= options.sockets || states.every((s) => s.done),
      timeoutMs,
      () => {
        const failed = states.filter((s) => s.error);
        return `all subscriptions to be active${failed.length ? ` (${failed.length} failed, the first: ${failed[0].error})` : ''}`;
      },
    );
    const subscribeSeconds = (performance.now() - started) / 1000;
    // Each stream reads the registration once before it listens idle; give those reads time to finish.
    await sleep(1000);
    const setupStatements = (await statementsOf(options.metricsUrl)) - statementsAtStart - options.scrapeStatements;

    // Idle: nothing happens but the streams' periodic re-reads.
    const idleFrom = await statementsOf(options.metricsUrl);
    const idleStarted = performance.now();
    await sleep(4000);
    const idleStatementsPerSecond =
      ((await statementsOf(options.metricsUrl)) - idleFrom - options.scrapeStatements) / ((performance.now() - idleStarted) / 1000);

    const sentAt = new Map<string, number>();
    const firstSent = performance.now();
    await Promise.all(
      planned.map(async ({ documentNumber, input }) => {
        sentAt.set(documentNumber, performance.now());
        const result = await post(
          options.url,
          JSON.stringify({ operationName: 'RegisterCustomer', query: REGISTER_CUSTOMER, variables: { documentNumber, input } }),
          options.token,
        );
        if (result.status !== 200 || result.text.includes('"errors":['))
          throw new Error(`registration of ${documentNumber} failed: ${result.text.slice(0, 500)}`);
      }),
    );
    await waitFor(() => states.every((s) => s.done), timeoutMs, 'every socket to complete').catch(() => undefined);
    const allCompletedSeconds = (Math.max(...states.map((s) => s.finalAt ?? NaN)) - firstSent) / 1000;

    const firstFinal = new Map<string, number>();
    for (const state of states) {
      if (state.finalAt === undefined) continue;
      firstFinal.set(state.cpf, Math.min(firstFinal.get(state.cpf) ?? Infinity, state.finalAt));
    }
    const completed = states.filter((s) => s.done && s.finalAt !== undefined && !s.error);
    const memory = sampler.stop();
    return {
      sockets: options.sockets,
      cpfs: options.cpfCount,
      completed: completed.length,
      withErrors: states.filter((s) => s.error).length,
      firstError: states.find((s) => s.error)?.error,
      subscribeSeconds,
      idleStatementsPerSecond,
      setupStatementsPerSocket: setupStatements / options.sockets,
      receivedLatencyMs: percentiles(
        states.flatMap((s) => {
          const at = s.received.get('CUSTOMER_WAS_RECEIVED');
          return at === undefined ? [] : [at - sentAt.get(s.cpf)!];
        }),
      ),
      finalSpreadMs: percentiles(completed.map((s) => s.finalAt! - firstFinal.get(s.cpf)!)),
      endToEndFinalMs: percentiles(completed.map((s) => s.finalAt! - sentAt.get(s.cpf)!)),
      allCompletedSeconds: round(allCompletedSeconds),
      evaluationDelayMs: options.evaluationDelayMs,
      peakRssBytes: memory.peak,
      rssAfterBytes: memory.after,
    };
  } finally {
    sampler.stop();
    await Promise.allSettled(states.map((s) => s.client.dispose()));
  }
}
