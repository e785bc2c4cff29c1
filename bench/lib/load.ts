import autocannon from 'autocannon';
import { RssSampler } from './system';

/** One server under test: its GraphQL URL, its /metrics, its process. */
export interface Target {
  kind: 'gateway' | 'baseline' | 'raw' | 'raw+';
  url: string;
  metricsUrl: string;
  pid: number;
  /** Statements a /metrics scrape itself adds (the gateway's queue-depth gauge runs a COUNT). */
  scrapeStatements: number;
}

export async function statementsOf(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = /^db_statements_total\s+([0-9.e+]+)$/m.exec(text);
  if (!match) throw new Error(`no db_statements_total on ${metricsUrl}`);
  return Number(match[1]);
}

export async function metricValue(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

/** How many statements one scrape of /metrics adds, measured with nothing else running. */
export async function calibrateScrape(metricsUrl: string): Promise<number> {
  const a = await statementsOf(metricsUrl);
  await statementsOf(metricsUrl); // the second scrape: (c - a) spans two
  const c = await statementsOf(metricsUrl);
  return Math.max(0, Math.round((c - a) / 2));
}

export interface PostResult {
  status: number;
  text: string;
}

export async function post(url: string, body: string, token: string): Promise<PostResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { status: response.status, text: await response.text() };
}

/**
 * SQL statements per request, exactly: `count` requests one after another,
 * nothing else running, statements counted by the server.
 */
export async function sqlPerRequest(target: Target, token: string, body: () => string, count = 20): Promise<number> {
  const before = await statementsOf(target.metricsUrl);
  for (let i = 0; i < count; i++) {
    const result = await post(target.url, body(), token);
    if (result.status !== 200 || result.text.includes('"errors"'))
      throw new Error(`${target.kind}: request failed (${result.status}): ${result.text.slice(0, 500)}`);
  }
  const after = await statementsOf(target.metricsUrl);
  return (after - before - target.scrapeStatements) / count;
}

export interface LoadResult {
  target: 'gateway' | 'baseline' | 'raw' | 'raw+';
  operation: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** Non-2xx responses, connection errors/timeouts, and 200 responses carrying GraphQL errors. */
  failures: { non2xx: number; errors: number; timeouts: number; graphqlErrors: number };
  firstFailure?: string;
  bytesPerResponse: number;
  /** db_statements_total delta over the run (until the server settles) divided by the requests sent. */
  sqlPerRequestUnderLoad: number;
  /** Sequential calibration (exact). */
  sqlPerRequest?: number;
  /** Raw counts behind sqlPerRequestUnderLoad. */
  statements: number;
  sent: number;
  /** When several alternating rounds were combined: each round's figures. */
  rounds?: { requestsPerSecond: number; p50: number; p99: number }[];
  peakRssBytes: number;
  rssAfterBytes: number;
  /** Gateway with STAGE_TIMINGS: milliseconds per request spent in each stage (src/platform/observability/stages.ts). */
  stagesMs?: Record<string, number>;
}

/** The gateway's per-stage sums (gateway_stage_milliseconds_total), empty when it does not expose them. */
export async function stageTotals(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const totals: Record<string, number> = {};
  for (const match of text.matchAll(/^gateway_stage_milliseconds_total\{stage="([a-z]+)"\}\s+([0-9.e+-]+)$/gm)) totals[match[1]] = Number(match[2]);
  // The process's CPU time (user + system), the figure the wall-clock stages of concurrent requests are read against.
  const cpu = /^process_cpu_seconds_total\s+([0-9.e+-]+)$/m.exec(text);
  if (Object.keys(totals).length && cpu) totals.cpu = Number(cpu[1]) * 1000;
  return totals;
}

export interface LoadOptions {
  operation: string;
  target: Target;
  token: string;
  body: () => string;
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
}

function cannon(options: LoadOptions, durationSeconds: number, onFailure?: (status: number, body: string) => void) {
  return autocannon({
    url: options.target.url,
    connections: options.connections,
    duration: durationSeconds,
    method: 'POST',
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, body: options.body() }),
        onResponse: onFailure
          ? (status, body) => {
              if (status !== 200 || body.includes('"errors":[')) onFailure(status, body);
            }
          : undefined,
      },
    ],
  });
}

/**
 * Waits until the server stops issuing statements (requests still in flight
 * have finished); returns the last reading and how many scrapes it took.
 */
async function settle(target: Target, maxMs = 15_000): Promise<{ statements: number; scrapes: number }> {
  let statements = await statementsOf(target.metricsUrl);
  let scrapes = 1;
  for (let waited = 0; waited < maxMs; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await statementsOf(target.metricsUrl);
    scrapes += 1;
    const settled = now - statements <= target.scrapeStatements;
    statements = now;
    if (settled) break;
  }
  return { statements, scrapes };
}

/** Warm-up (not measured), then one autocannon run with statement and memory accounting. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) {
    await cannon(options, options.warmupSeconds);
    await settle(options.target); // the warm-up's last requests finish before counting starts
  }
  let graphqlErrors = 0;
  let firstFailure: string | undefined;
  const before = await statementsOf(options.target.metricsUrl);
  const stagesBefore = await stageTotals(options.target.metricsUrl);
  const sampler = new RssSampler(options.target.pid);
  const result = await cannon(options, options.durationSeconds, (status, body) => {
    if (status === 200) graphqlErrors += 1;
    firstFailure ??= `${status} ${body.slice(0, 300)}`;
  });
  // Requests cut off at the end still run on the server: wait until its statement count settles.
  const { statements: after, scrapes } = await settle(options.target);
  const memory = sampler.stop();
  const answered = result.requests.total;
  const sent = (result.requests as { sent?: number }).sent ?? answered;
  const stagesAfter = await stageTotals(options.target.metricsUrl);
  const stagesMs = Object.keys(stagesAfter).length
    ? Object.fromEntries(Object.entries(stagesAfter).map(([stage, total]) => [stage, sent ? (total - (stagesBefore[stage] ?? 0)) / sent : NaN]))
    : undefined;
  return {
    target: options.target.kind,
    operation: options.operation,
    connections: options.connections,
    durationSeconds: result.duration,
    requests: answered,
    requestsPerSecond: answered / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
    failures: { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, graphqlErrors },
    firstFailure,
    bytesPerResponse: answered ? result.throughput.total / answered : 0,
    // Every request sent reached the server (including those the client cut off at the end).
    // Scrapes add statements after their own reading: the one before the run and all but the last one of settle().
    sqlPerRequestUnderLoad: sent ? (after - before - options.target.scrapeStatements * scrapes) / sent : NaN,
    statements: after - before - options.target.scrapeStatements * scrapes,
    sent,
    peakRssBytes: memory.peak,
    rssAfterBytes: memory.after,
    stagesMs,
  };
}

/**
 * Several runs of one target as one result: requests and time summed, latency
 * percentiles averaged weighted by requests (an approximation: autocannon
 * reports percentiles, not histograms), peaks maximised.
 */
export function combineLoads(runs: LoadResult[]): LoadResult {
  if (runs.length === 1) return runs[0];
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const weighted = (pick: (r: LoadResult) => number) => runs.reduce((sum, r) => sum + pick(r) * r.requests, 0) / Math.max(1, requests);
  const statements = runs.reduce((sum, r) => sum + r.statements, 0);
  const sent = runs.reduce((sum, r) => sum + r.sent, 0);
  const durationSeconds = runs.reduce((sum, r) => sum + r.durationSeconds, 0);
  return {
    ...runs[0],
    durationSeconds,
    requests,
    requestsPerSecond: requests / durationSeconds,
    latencyMs: {
      p50: Math.round(weighted((r) => r.latencyMs.p50) * 10) / 10,
      p90: Math.round(weighted((r) => r.latencyMs.p90) * 10) / 10,
      p99: Math.round(weighted((r) => r.latencyMs.p99) * 10) / 10,
      mean: Math.round(weighted((r) => r.latencyMs.mean) * 100) / 100,
      max: Math.max(...runs.map((r) => r.latencyMs.max)),
    },
    failures: {
      non2xx: runs.reduce((sum, r) => sum + r.failures.non2xx, 0),
      errors: runs.reduce((sum, r) => sum + r.failures.errors, 0),
      timeouts: runs.reduce((sum, r) => sum + r.failures.timeouts, 0),
      graphqlErrors: runs.reduce((sum, r) => sum + r.failures.graphqlErrors, 0),
    },
    firstFailure: runs.find((r) => r.firstFailure)?.firstFailure,
    bytesPerResponse: weighted((r) => r.bytesPerResponse),
    statements,
    sent,
    sqlPerRequestUnderLoad: sent ? statements / sent : NaN,
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    rssAfterBytes: runs[runs.length - 1].rssAfterBytes,
    stagesMs: runs[0].stagesMs
      ? Object.fromEntries(
          Object.keys(runs[0].stagesMs).map((stage) => [stage, runs.reduce((sum, r) => sum + (r.stagesMs?.[stage] ?? 0) * r.sent, 0) / Math.max(1, sent)]),
        )
      : undefined,
    rounds: runs.map((r) => ({ requestsPerSecond: Math.round(r.requestsPerSecond * 10) / 10, p50: r.latencyMs.p50, p99: r.latencyMs.p99 })),
  };
}
