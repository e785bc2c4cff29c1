import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client, createClient } from 'graphql-ws';
import { Webhook as Verifier } from 'standardwebhooks';
import WebSocket from 'ws';
import { percentiles, Percentiles } from './fanout';
import { metricValue, post, statementsOf } from './load';
import { CUSTOMER_EVALUATION, REGISTER_CUSTOMER, RegistrationFactory } from './operations';
import { RssSampler } from './system';

/**
 * Webhook delivery: `webhooks` webhooks of one partner (each its own path on
 * one local node:http receiver, subscribed to every customer event), then
 * `customers` registrations by that partner. The receiver answers 204 at once
 * and records each delivery's arrival (Date.now(), the gateway's clock: same
 * machine) with its headers and raw body; signatures are verified afterwards
 * with standardwebhooks against each webhook's secret.
 *
 * The decision event (CUSTOMER_WAS_APPROVED/REPROVED) is the burst measured:
 * one event fanned out to every webhook. Its latency is taken from
 *   - the envelope's `timestamp` (the evaluation worker's clock, read before its
 *     transaction commits: the conservative figure, used for the target), and
 *   - the event's arrival on a graphql-ws `customerEvaluation` subscription
 *     (published right after the commit: the closest observable commit moment).
 */
export interface WebhookBenchOptions {
  url: string;
  metricsUrl: string;
  pid: number;
  /** Partner token (scope webhook.write customer.write customer.read): creates the webhooks and registers. */
  partnerToken: string;
  /** Token allowed to subscribe to customerEvaluation (the commit-moment probe). */
  subscriberToken: string;
  webhooks: number;
  customers: number;
  /** `all`: every customer event (the decision queues behind RECEIVED and IN_ANALYSIS deliveries); `decision`: APPROVED/REPROVED only. */
  subscribed: 'all' | 'decision';
  scrapeStatements: number;
  evaluationDelayMs: number;
  /** p99 target for the decision event, ms. */
  targetP99Ms: number;
  timeoutMs?: number;
}

export interface WebhookBenchResult {
  subscribed: 'all' | 'decision';
  webhooks: number;
  customers: number;
  /** Every delivery of every subscribed event (webhooks × customers × 3, or × 1 for `decision`). */
  expected: number;
  received: number;
  /** Deliveries whose signature did not verify with their webhook's secret (must be 0). */
  signatureFailures: number;
  /** The same webhook-id twice on the same webhook (at-least-once resends; expected 0 here). */
  duplicates: number;
  decisionExpected: number;
  decisionReceived: number;
  /** Envelope timestamp of the decision → arrival at the receiver, per webhook. */
  fromTimestampMs: Percentiles;
  /** Decision published on the subscription (after commit) → arrival at the receiver, per webhook. */
  fromCommitMs: Percentiles;
  /** Envelope timestamp → publication on the subscription (the evaluation transaction), per customer. */
  timestampToCommitMs: Percentiles;
  /** Decision deliveries / (last arrival − first arrival of the decision burst). */
  burstDeliveriesPerSecond: number;
  /** Decision deliveries / (last arrival − earliest decision timestamp). */
  endToEndDeliveriesPerSecond: number;
  burstSeconds: number;
  /** SQL statements per decision delivery (gateway counter over the whole run, minus the worker's idle polls). */
  statementsPerDelivery: number;
  targetP99Ms: number;
  targetMet: boolean;
  evaluationDelayMs: number;
  peakRssBytes: number;
  setupSeconds: number;
  /** Per event name: deliveries, and their arrival after that event's envelope timestamp (ms). */
  /** Every decision delivery's ts→receiver latency, ms, in arrival order (the raw data; shows the worker's batches of 50). */
  decisionLatenciesMs: number[];
  perEvent: Record<string, { deliveries: number; p50Ms: number; p99Ms: number; firstMs: number; lastMs: number }>;
  firstError?: string;
}

interface Arrival {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const CREATE_WEBHOOK = /* GraphQL */ `
  mutation BenchCreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { id secret }
  }
`;
const ALL_EVENTS = ['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'CUSTOMER_WAS_REPROVED'];
const DECISIONS = new Set(['CUSTOMER_WAS_APPROVED', 'CUSTOMER_WAS_REPROVED']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Receiver {
  readonly arrivals: Arrival[] = [];
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = Date.now();
        response.writeHead(204).end();
        this.arrivals.push({ at, path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function gql(url: string, token: string, operationName: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await post(url, JSON.stringify({ operationName, query, variables }), token);
  if (result.status !== 200 || result.text.includes('"errors":[')) throw new Error(`${operationName} failed: ${result.status} ${result.text.slice(0, 400)}`);
  return JSON.parse(result.text).data;
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function runWebhookBench(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const receiver = new Receiver();
  await receiver.start();
  const clients: Client[] = [];
  const sampler = new RssSampler(options.pid);
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const started = performance.now();
    const secrets = new Map<string, string>();
    // Sequentially: 100 small mutations, each a transaction (SQLite serialises writers anyway).
    for (let i = 0; i < options.webhooks; i++) {
      const path = `/hook/${i}`;
      const data = await gql(options.url, options.partnerToken, 'BenchCreateWebhook', CREATE_WEBHOOK, {
        input: { url: `${receiver.base}${path}`, eventNames: options.subscribed === 'all' ? ALL_EVENTS : [...DECISIONS], context: 'Customer' },
      });
      secrets.set(path, data.createWebhook.secret);
    }
    const setupSeconds = (performance.now() - started) / 1000;

    // The commit-moment probe: a subscription per customer, opened before registering.
    const registrations = new RegistrationFactory(`webhooks-${options.subscribed}`);
    const planned = Array.from({ length: options.customers }, () => registrations.next());
    const published = new Map<string, { at: number; timestamp: number }>();
    await Promise.all(
      planned.map(
        ({ documentNumber }) =>
          new Promise<void>((resolve, reject) => {
            const client = createClient({
              url: options.url.replace(/^http/, 'ws'),
              webSocketImpl: WebSocket,
              connectionParams: { authorization: `Bearer ${options.subscriberToken}` },
              retryAttempts: 0,
              lazy: true,
              on: { connected: () => resolve() },
            });
            clients.push(client);
            client.subscribe<{ customerEvaluation: { name: string; timestamp: string } }>(
              { query: CUSTOMER_EVALUATION, variables: { documentNumber } },
              {
                next: (value) => {
                  const at = Date.now();
                  const event = value.data?.customerEvaluation;
                  if (event && DECISIONS.has(event.name)) published.set(documentNumber, { at, timestamp: Date.parse(event.timestamp) });
                },
                error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error).slice(0, 300))),
                complete: () => undefined,
              },
            );
          }),
      ),
    );
    await sleep(1500); // each stream's first read of the (not yet existing) registration

    // The in-process workers' idle statement rate, to take out of the per-delivery figure.
    const idleFrom = await statementsOf(options.metricsUrl);
    const idleStarted = performance.now();
    await sleep(2000);
    const idleRate = ((await statementsOf(options.metricsUrl)) - idleFrom - options.scrapeStatements) / ((performance.now() - idleStarted) / 1000);

    const statementsFrom = await statementsOf(options.metricsUrl);
    const measureStarted = performance.now();
    await Promise.all(
      planned.map(({ documentNumber, input }) => gql(options.url, options.partnerToken, 'RegisterCustomer', REGISTER_CUSTOMER, { documentNumber, input })),
    );

    const expected = options.webhooks * options.customers * (options.subscribed === 'all' ? 3 : 1);
    const deadline = Date.now() + timeoutMs + options.evaluationDelayMs;
    while (receiver.arrivals.length < expected && Date.now() < deadline) await sleep(50);
    await sleep(300); // anything extra (a resend) would show as a duplicate
    const statements = (await statementsOf(options.metricsUrl)) - statementsFrom - options.scrapeStatements;
    const measuredSeconds = (performance.now() - measureStarted) / 1000;
    const queueDepth = await metricValue(options.metricsUrl, 'webhook_queue_depth').catch(() => NaN);

    // Verify every delivery against its webhook's secret; collect the decision burst.
    let signatureFailures = 0;
    let firstError: string | undefined;
    const seen = new Set<string>();
    let duplicates = 0;
    const decisions: { at: number; timestamp: number; entityId: string }[] = [];
    const byName = new Map<string, number[]>();
    for (const arrival of receiver.arrivals) {
      const secret = secrets.get(arrival.path);
      let envelope: { name: string; timestamp: string; entityId: string } | undefined;
      try {
        if (!secret) throw new Error(`delivery to an unknown path ${arrival.path}`);
        envelope = new Verifier(secret).verify(arrival.body, arrival.headers as Record<string, string>) as typeof envelope;
      } catch (error) {
        signatureFailures += 1;
        firstError ??= `signature: ${(error as Error).message}`;
        continue;
      }
      const key = `${arrival.path} ${String(arrival.headers['webhook-id'])}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
      if (envelope) byName.set(envelope.name, [...(byName.get(envelope.name) ?? []), arrival.at - Date.parse(envelope.timestamp)]);
      if (envelope && DECISIONS.has(envelope.name)) decisions.push({ at: arrival.at, timestamp: Date.parse(envelope.timestamp), entityId: envelope.entityId });
    }
    if (receiver.arrivals.length < expected)
      firstError ??= `${receiver.arrivals.length}/${expected} deliveries after ${Math.round(timeoutMs / 1000)} s (webhook_queue_depth ${queueDepth})`;

    const fromTimestamp = decisions.map((d) => d.at - d.timestamp);
    const fromCommit = decisions.filter((d) => published.has(d.entityId)).map((d) => d.at - published.get(d.entityId)!.at);
    const arrivalsAt = decisions.map((d) => d.at);
    const first = Math.min(...arrivalsAt);
    const last = Math.max(...arrivalsAt);
    const earliestTimestamp = Math.min(...decisions.map((d) => d.timestamp));
    const burstSeconds = (last - first) / 1000;
    const latency = percentiles(fromTimestamp);
    const decisionExpected = options.webhooks * options.customers;
    const deliveries = receiver.arrivals.length;
    const memory = sampler.stop();
    return {
      subscribed: options.subscribed,
      webhooks: options.webhooks,
      customers: options.customers,
      expected,
      received: deliveries,
      signatureFailures,
      duplicates,
      decisionExpected,
      decisionReceived: decisions.length,
      fromTimestampMs: latency,
      fromCommitMs: percentiles(fromCommit),
      timestampToCommitMs: percentiles([...published.values()].map((p) => p.at - p.timestamp)),
      burstDeliveriesPerSecond: burstSeconds > 0 ? Math.round(decisions.length / burstSeconds) : NaN,
      endToEndDeliveriesPerSecond: decisions.length ? Math.round(decisions.length / ((last - earliestTimestamp) / 1000)) : NaN,
      burstSeconds: round(burstSeconds * 1000) / 1000,
      statementsPerDelivery: deliveries ? round((statements - idleRate * measuredSeconds) / deliveries) : NaN,
      targetP99Ms: options.targetP99Ms,
      targetMet: decisions.length === decisionExpected && signatureFailures === 0 && latency.p99 < options.targetP99Ms,
      evaluationDelayMs: options.evaluationDelayMs,
      peakRssBytes: memory.peak,
      setupSeconds: round(setupSeconds),
      decisionLatenciesMs: [...decisions].sort((a, b) => a.at - b.at).map((d) => d.at - d.timestamp),
      perEvent: Object.fromEntries(
        [...byName].map(([name, values]) => {
          const p = percentiles(values);
          return [name, { deliveries: values.length, p50Ms: p.p50, p99Ms: p.p99, firstMs: Math.min(...values), lastMs: p.max }];
        }),
      ),
      firstError,
    };
  } finally {
    sampler.stop();
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await receiver.stop();
  }
}
