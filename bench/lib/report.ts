import { FanoutResult } from './fanout';
import { LoadResult } from './load';
import { WebhookBenchResult } from './webhooks';
import type { SettledMemory } from './settle';
import type { ImageBenchResult } from './images';
import { MachineInfo, mib } from './system';

/** Everything one `npm run bench` measured (also written as JSON). */
export interface BenchReport {
  /** Commit under test (and whether src/ had uncommitted changes). */
  source?: string;
  machine: MachineInfo;
  databaseVersions: Record<string, string>;
  settings: {
    databases: string[];
    sizes: number[];
    durationSeconds: number;
    rounds?: number;
    warmupSeconds: number;
    connections: number;
    sockets: number;
    fanoutCpfs: number;
    webhooks?: number;
    webhookCustomers?: number;
    baseline: 'full' | 'bare';
    gatewayEnv: Record<string, string>;
  };
  runs: DatasetRun[];
  totalSeconds?: number;
  loadAverageAtEnd?: number[];
  notes: string[];
}

export interface DatasetRun {
  database: 'sqlite' | 'mysql';
  size: number;
  business: number;
  rows: number;
  seedSeconds: number;
  migrateSeconds: number;
  /** Byte-identical JSON to the gateway's for the same requests: `customer`/`page` the baseline, `raw customer`/`raw page` the raw server. */
  sameJson: Record<string, boolean | string>;
  loads: LoadResult[];
  fanout?: FanoutResult | { error: string };
  /** Webhook delivery, one entry per scenario (subscribed to every event, then to the decision only). */
  webhooks?: (WebhookBenchResult | { subscribed: 'all' | 'decision'; error: string })[];
  gatewayStartupRssBytes?: number;
  /** After the page runs, forced full GCs (bench/lib/settle.ts): heap used and RSS of the gateway and of raw+. */
  settledMemory?: Partial<Record<'gateway' | 'raw+', SettledMemory>>;
  profile?: string;
  /** The largest accepted PNG and JPEG analysed in the gateway process (issue 18). */
  images?: ImageBenchResult[] | { error: string };
}

export const IMAGE_HEADER = [
  'db',
  'image',
  'file bytes',
  'outcome',
  'upload→analysed ms',
  '/healthz p50',
  'p99',
  'max ms',
  'polls',
  'loop delay p99/max ms',
  'RSS before MiB',
  'peak',
  'growth MiB',
  'target',
];

export function imageRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const run of report.runs) {
    const db = run.database === 'mysql' ? 'MariaDB' : 'SQLite';
    if (!run.images) continue;
    if ('error' in run.images) {
      rows.push([db, `failed: ${run.images.error}`, '', '', '', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const r of run.images) {
      rows.push([
        db,
        `${r.kind} ${r.width}×${r.height}`,
        int(r.fileBytes),
        r.status,
        int(r.totalMs),
        fmt(r.healthz.p50, 1),
        fmt(r.healthz.p99, 1),
        fmt(r.healthz.max, 1),
        int(r.healthzSamples),
        r.eventLoopDelayMs ? `${fmt(r.eventLoopDelayMs.p99, 1)} / ${fmt(r.eventLoopDelayMs.max, 1)}` : '–',
        int(r.rssBeforeBytes / 1048576),
        int(r.peakRssBytes / 1048576),
        int(r.rssGrowthBytes / 1048576),
        r.targetMet ? 'met' : 'NOT met',
      ]);
    }
  }
  return rows;
}

export const OPERATION_LABELS: Record<string, string> = {
  customer: '(a) one customer, all nested',
  page: '(b) page of 100',
  register: '(c) registerCustomer',
};

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');

/** Gateway req/s ÷ `other`'s req/s for the same operation (measured back to back). */
function ratioOf(run: DatasetRun, operation: string, other: 'baseline' | 'raw' | 'raw+'): number {
  const gateway = run.loads.find((l) => l.operation === operation && l.target === 'gateway');
  const reference = run.loads.find((l) => l.operation === operation && l.target === other);
  return gateway && reference ? gateway.requestsPerSecond / reference.requestsPerSecond : NaN;
}

function failures(load: LoadResult): number {
  const f = load.failures;
  return f.non2xx + f.errors + f.timeouts + f.graphqlErrors;
}

export function loadRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const run of report.runs) {
    for (const load of run.loads) {
      const ratio = load.target === 'gateway' ? ratioOf(run, load.operation, 'baseline') : NaN;
      const rawRatio =
        load.target === 'gateway' ? ratioOf(run, load.operation, 'raw') : load.target === 'baseline' ? baselineOverRaw(run, load.operation) : NaN;
      const plusRatio = load.target === 'gateway' ? ratioOf(run, load.operation, 'raw+') : NaN;
      const plus = run.loads.find((l) => l.operation === load.operation && l.target === 'raw+');
      const rssRatio = load.target === 'gateway' && plus ? load.rssAfterBytes / plus.rssAfterBytes : NaN;
      rows.push([
        run.database === 'mysql' ? 'MariaDB' : 'SQLite',
        int(run.size),
        OPERATION_LABELS[load.operation] ?? load.operation,
        load.target,
        int(load.requestsPerSecond),
        load.rounds ? load.rounds.map((r) => int(r.requestsPerSecond)).join(' / ') : '',
        fmt(load.latencyMs.p50),
        fmt(load.latencyMs.p99),
        load.sqlPerRequest !== undefined ? fmt(load.sqlPerRequest, 1) : '–',
        fmt(load.sqlPerRequestUnderLoad, 2),
        int(mib(load.peakRssBytes)),
        `${int(mib(load.rssAfterBytes))}${Number.isFinite(rssRatio) ? ` (${fmt(rssRatio, 1)}× raw+)` : ''}`,
        Number.isFinite(ratio) ? `${fmt(ratio * 100)} %` : '',
        Number.isFinite(rawRatio) ? `${load.target === 'baseline' ? '(baseline) ' : ''}${fmt(rawRatio * 100)} %` : '',
        Number.isFinite(plusRatio) ? `${fmt(plusRatio * 100)} %` : '',
        String(failures(load)),
      ]);
    }
  }
  return rows;
}

export const LOAD_HEADER = [
  'db',
  'customers',
  'operation',
  'server',
  'req/s',
  'rounds',
  'p50 ms',
  'p99 ms',
  'SQL/req',
  'SQL/req (load)',
  'peak RSS MiB',
  'RSS after MiB',
  'gw/baseline',
  'gw/raw',
  'gw/raw+',
  'failed',
];

/** The gateway's time per request by stage (STAGE_TIMINGS), one row per data set and operation. */
export const STAGE_NAMES = ['admission', 'parse', 'validate', 'cost', 'execution', 'sql', 'audit', 'serialization', 'logging', 'metrics'];
export const STAGE_HEADER = ['db', 'customers', 'operation', 'latency ms', 'CPU ms', ...STAGE_NAMES.map((s) => `${s} ms`)];

export function stageRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const run of report.runs) {
    for (const load of run.loads) {
      if (load.target !== 'gateway' || !load.stagesMs) continue;
      rows.push([
        run.database === 'mysql' ? 'MariaDB' : 'SQLite',
        int(run.size),
        OPERATION_LABELS[load.operation] ?? load.operation,
        fmt(load.latencyMs.mean, 2),
        fmt(load.stagesMs.cpu ?? NaN, 2),
        ...STAGE_NAMES.map((stage) => fmt(load.stagesMs![stage] ?? NaN, 2)),
      ]);
    }
  }
  return rows;
}

function baselineOverRaw(run: DatasetRun, operation: string): number {
  const baseline = run.loads.find((l) => l.operation === operation && l.target === 'baseline');
  const raw = run.loads.find((l) => l.operation === operation && l.target === 'raw');
  return baseline && raw ? baseline.requestsPerSecond / raw.requestsPerSecond : NaN;
}

export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i >= 4 ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
}

export function fanoutRows(report: BenchReport): string[][] {
  return report.runs
    .filter((r) => r.fanout)
    .map((run) => {
      const label = [run.database === 'mysql' ? 'MariaDB' : 'SQLite', int(run.size)];
      const f = run.fanout!;
      if ('error' in f) return [...label, `failed: ${f.error.slice(0, 80)}`, '', '', '', '', '', '', ''];
      return [
        ...label,
        `${f.completed}/${f.sockets}`,
        fmt(f.subscribeSeconds, 1),
        `${fmt(f.receivedLatencyMs.p50)} / ${fmt(f.receivedLatencyMs.p99)}`,
        `${fmt(f.finalSpreadMs.p50)} / ${fmt(f.finalSpreadMs.p99)}`,
        `${fmt(f.endToEndFinalMs.p50)} / ${fmt(f.endToEndFinalMs.p99)}`,
        fmt(f.idleStatementsPerSecond),
        int(mib(f.peakRssBytes)),
      ];
    });
}

export const FANOUT_HEADER = [
  'db',
  'customers',
  'completed',
  'subscribe s',
  'RECEIVED p50/p99 ms',
  'final spread p50/p99 ms',
  'reg→final p50/p99 ms',
  'idle SQL/s',
  'peak RSS MiB',
];

export function webhookRows(report: BenchReport): string[][] {
  return report.runs.flatMap((run) =>
    (run.webhooks ?? []).map((w) => {
      const label = [run.database === 'mysql' ? 'MariaDB' : 'SQLite', int(run.size), w.subscribed === 'all' ? 'every event' : 'decision only'];
      if ('error' in w) return [...label, `failed: ${w.error.slice(0, 80)}`, '', '', '', '', '', '', '', ''];
      const t = w.fromTimestampMs;
      return [
        ...label,
        `${w.webhooks} × ${w.customers}`,
        `${w.received}/${w.expected}`,
        String(w.signatureFailures),
        `${fmt(t.p50)} / ${fmt(t.p99)} / ${fmt(t.max)}`,
        `${fmt(w.fromCommitMs.p50)} / ${fmt(w.fromCommitMs.p99)} / ${fmt(w.fromCommitMs.max)}`,
        `${int(w.burstDeliveriesPerSecond)} (${fmt(w.burstSeconds * 1000)} ms)`,
        fmt(w.statementsPerDelivery, 1),
        w.targetMet ? 'met' : 'NOT met',
      ];
    }),
  );
}

export const WEBHOOK_HEADER = [
  'db',
  'customers',
  'subscribed to',
  'webhooks × regs',
  'received',
  'bad sig',
  'ts→receiver p50/p99/max ms',
  'commit→receiver p50/p99/max ms',
  'burst deliveries/s',
  'SQL/delivery',
  'target p99 < 200 ms',
];

export const MEMORY_HEADER = [
  'db',
  'customers',
  'gateway RSS after MiB',
  'peak',
  'settled: gateway heap used MiB',
  'gateway RSS',
  'raw+ heap used',
  'raw+ RSS',
  'gateway/raw+ RSS',
  'gateway RSS growth from the smallest set',
];

/** Per data set: the gateway's RSS right after the page-of-100 run, then settled (forced GC) next to raw+'s. */
export function memoryRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const database of report.settings.databases) {
    const runs = report.runs.filter((r) => r.database === database && r.loads.some((l) => l.operation === 'page' && l.target === 'gateway'));
    // Settled RSS when measured (runs before this column existed: the RSS right after the run).
    const rss = (run: DatasetRun) =>
      run.settledMemory?.gateway?.rssBytes ?? run.loads.find((l) => l.operation === 'page' && l.target === 'gateway')!.rssAfterBytes;
    for (const run of runs) {
      const page = run.loads.find((l) => l.operation === 'page' && l.target === 'gateway')!;
      const settled = run.settledMemory ?? {};
      const mb = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '–' : int(mib(bytes)));
      const ratio = settled.gateway && settled['raw+'] ? `${fmt(settled.gateway.rssBytes / settled['raw+'].rssBytes, 1)}×` : '–';
      const growth = run === runs[0] ? '–' : `${fmt(((rss(run) - rss(runs[0])) / rss(runs[0])) * 100)} %`;
      rows.push([
        database === 'mysql' ? 'MariaDB' : 'SQLite',
        int(run.size),
        mb(page.rssAfterBytes),
        mb(page.peakRssBytes),
        mb(settled.gateway?.heapUsedBytes),
        mb(settled.gateway?.rssBytes),
        mb(settled['raw+']?.heapUsedBytes),
        mb(settled['raw+']?.rssBytes),
        ratio,
        growth,
      ]);
    }
  }
  return rows;
}

export function markdown(report: BenchReport): string {
  const m = report.machine;
  const s = report.settings;
  const out: string[] = [];
  out.push('# Gateway benchmark results', '');
  out.push(
    'Produced by `npm run bench` (bench/run.ts). GraphQL gateway (Apollo Server 5 + type-graphql) against a BASELINE: a plain Express 5 route serving the same',
  );
  out.push('JSON with the same SQL through the same TypeORM entities and batching (bench/baseline.ts), and against RAW: node:http plus the database driver,');
  out.push('hand-written SQL selecting only the needed columns, no ORM, no token check, no audit write (bench/raw.ts), the limit for the same JSON.');
  out.push('Re-run to refresh; see bench/README.md.', '');
  out.push('## Machine', '');
  out.push(`- date: ${m.date}${report.source ? `; code: ${report.source}` : ''}`);
  out.push(`- CPU: ${m.cpuModel}, nproc ${m.nproc}; RAM ${m.ramGiB} GiB; ${m.os}`);
  out.push(
    `- Node ${m.node}; databases: ${Object.entries(report.databaseVersions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
  );
  out.push(
    `- load average at start ${m.loadAverageAtStart.join(' / ')}${report.loadAverageAtEnd ? `, at end ${report.loadAverageAtEnd.join(' / ')}` : ''} (other work on the machine skews absolute figures; the ratios are measured back to back)`,
  );
  out.push(
    `- settings: ${s.durationSeconds} s measured per server and operation${s.rounds && s.rounds > 1 ? ` (gateway, baseline, raw and raw+ alternating, ${s.rounds} rounds of ${s.durationSeconds / s.rounds} s)` : ''} after ${s.warmupSeconds} s warm-up, ${s.connections} connections (autocannon, in the runner process on the same cores), ${s.sockets} sockets over ${s.fanoutCpfs} CPFs for fan-out, baseline ${s.baseline}`,
  );
  out.push(
    `- gateway: \`${Object.entries(s.gatewayEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}\``,
  );
  if (report.totalSeconds) out.push(`- whole run: ${fmt(report.totalSeconds / 60, 1)} min`);
  out.push('', '## Data sets', '');
  out.push(
    markdownTable(
      ['db', 'personal', 'business', 'rows', 'seed s', 'rows/s', 'same JSON as gateway'],
      report.runs.map((r) => [
        r.database === 'mysql' ? 'MariaDB' : 'SQLite',
        int(r.size),
        int(r.business),
        int(r.rows),
        fmt(r.seedSeconds, 1),
        int(r.rows / r.seedSeconds),
        Object.entries(r.sameJson)
          .map(([k, v]) => `${k}: ${v === true ? 'yes' : v}`)
          .join(', '),
      ]),
    ),
  );
  out.push('', '## HTTP operations', '');
  out.push(
    "SQL/req: exact, 20 sequential requests. SQL/req (load): `db_statements_total` delta over the load runs (until the server settles) / requests sent. rounds: req/s of each alternating round (gateway, baseline, raw and raw+ take turns, G B R R+ R+ R B G). p50/p99: request-weighted mean of the rounds' percentiles. gw/baseline: gateway req/s ÷ baseline req/s. gw/raw: gateway req/s ÷ raw req/s (on the baseline's row: baseline ÷ raw). gw/raw+: gateway req/s ÷ raw+ req/s, where raw+ is raw plus what the gateway must also do for the same guarantees: verify the HS256 token and commit one audit row per request (bench/raw.ts, RAW_PLUS). RSS after: resident memory after the server's last round (gateway: and its ratio to raw+'s). The gateway and the baseline write the audit log (counted in SQL/req); raw does not, raw+ writes one row per request.",
    '',
  );
  out.push(markdownTable(LOAD_HEADER, loadRows(report)));
  const stages = stageRows(report);
  if (stages.length) {
    out.push('', "## Where a gateway request's time goes", '');
    out.push(
      "Milliseconds per request in each stage, from the gateway's own sums (STAGE_TIMINGS=true, src/platform/observability/stages.ts) over the measured rounds, next to the mean latency autocannon saw and the gateway process's CPU time per request (user + system, `process_cpu_seconds_total`). Stages are wall-clock time, with 10 requests in flight: concurrent requests overlap, and a request's concurrent SQL statements are summed. admission: token, rate limit, consent, body parsing, document size. cost: introspection rule and query cost. execution: the compiled operation (graphql-jit), resolvers and loaders, SQL included. sql: the read path's direct statements (DirectRows; the page's keyset query and count through TypeORM are in execution only). audit: the audit write before the answer leaves. serialization: response ready → written to the socket. The synchronous stages (parse, validate, cost, logging, metrics, and sql on SQLite) are CPU time; the asynchronous ones (admission, execution, audit, serialization) also include waiting for the event loop while other requests run, which dominates on a saturated process. The rest of the latency is queueing and Apollo/Express glue.",
      '',
    );
    out.push(markdownTable(STAGE_HEADER, stages));
  }
  out.push('', '## Subscription fan-out (d)', '');
  out.push(
    "RECEIVED: registration request sent → CUSTOMER_WAS_RECEIVED on each socket (published by the mutation). final spread: final event on each socket − first socket to get it for the same CPF. reg→final includes the evaluation delay (EVALUATION_DELAY_MS, worker polling). idle SQL/s: statements per second while the subscriptions wait, before any registration (the in-process workers' idle polls, three loops every WORKER_POLL_MS=1000, plus the streams' resync reads).",
    '',
  );
  out.push(markdownTable(FANOUT_HEADER, fanoutRows(report)));
  const delays = report.runs.map((r) => (r.fanout && !('error' in r.fanout) ? r.fanout.evaluationDelayMs : undefined)).filter((d) => d !== undefined);
  if (delays.length)
    out.push(
      '',
      `Fan-out gateway: EVALUATION_DELAY_MS=${delays[0]}, WORKER_POLL_MS=1000 (production's; the workers wake on enqueued work and at due times), in-process worker.`,
    );
  if (report.runs.some((r) => r.webhooks?.length)) {
    out.push('', '## Webhook delivery (e)', '');
    out.push(
      "Two scenarios, each a fresh partner whose webhooks (each its own path on a local node:http receiver answering 204 at once) are subscribed to every customer event (*every event*: the decision's deliveries wait, per webhook, for that registration's RECEIVED and IN_ANALYSIS deliveries) or to APPROVED/REPROVED only (*decision only*: one event fanned out, nothing queued ahead); the partner registers the customers. Measured: the decision event (CUSTOMER_WAS_APPROVED), one delivery per webhook. ts→receiver: the envelope's `timestamp` (taken by the evaluation worker before its transaction commits) → arrival at the receiver. commit→receiver: the same event on a `customerEvaluation` subscription (published after the commit) → arrival. burst deliveries/s: decision deliveries ÷ (last arrival − first arrival). received: every delivery of every subscribed event (3 per registration and webhook for *every event*, 1 for *decision only*); bad sig: deliveries that did not verify with standardwebhooks under their webhook's secret. SQL/delivery: the gateway's statements from the registrations until the last delivery (registration, evaluation and the delivery worker; the workers' idle polls taken out) ÷ deliveries. Target (issue 11): p99 ts→receiver under 200 ms with 100 webhooks on one event. The runner's log also shows, per event name, the first/p50/last arrival after each event's timestamp.",
      '',
    );
    out.push(markdownTable(WEBHOOK_HEADER, webhookRows(report)));
    out.push(
      '',
      'Webhook gateway: EVALUATION_DELAY_MS=1000, WORKER_POLL_MS=1000 (as in production; the workers wake on enqueued work and at due times), in-process workers, WEBHOOK_ALLOWED_HOSTS=127.0.0.1, other WEBHOOK_* at their defaults.',
    );
  }
  if (report.runs.some((r) => r.images)) {
    out.push('', '## Image analysis (f)', '');
    out.push(
      "Issue 18: the largest PNG (8-bit RGBA) and JPEG (8-bit RGB) that DOCUMENT_MAX_DECODED_BYTES (default 48,000,000) accepts, uploaded as a selfie to a gateway with its in-process worker (the default single process, DOCUMENT_ANALYSIS_DELAY_MS=0) and analysed (sharp: libvips on the libuv pool, one pass to a 64×64 sample), after one small warm-up upload (measured without it, the first upload and analysis of a fresh process showed a 320–510 ms event-loop delay, the cost of first runs: the multipart path and the operations' first compilation, once per process). /healthz is polled back to back, 10 ms apart, from the upload until the analysis has finished. loop delay: the gateway's own event-loop delay over the same span (prom-client's `nodejs_eventloop_lag_*`, reset by a /metrics scrape just before): what the process blocked, apart from CPU contention on the machine, which the /healthz latencies include. RSS: the gateway's, sampled every 20 ms and its high-water mark, against the RSS just before the upload. Targets: /healthz p99 < 100 ms, RSS growth < 100 MiB.",
      '',
    );
    out.push(markdownTable(IMAGE_HEADER, imageRows(report)));
  }
  out.push('', '## Memory (gateway, page of 100)', '');
  out.push(
    "RSS after: the gateway right after its page-of-100 rounds (peak: its high-water mark during them). Settled: after the page runs, the runner forces two full garbage collections through each server's inspector (`--inspect=127.0.0.1:0`, bench/lib/settle.ts) and reads V8's heap in use and the RSS, for the gateway and for raw+ (the issue-22 target: gateway RSS ≤ 1.5× raw+'s, growing at most 10 % from 10,000 to 100,000 customers). Growth: settled RSS against the smallest data set of the same database.",
    '',
  );
  out.push(markdownTable(MEMORY_HEADER, memoryRows(report)));
  for (const run of report.runs) {
    if (run.profile) out.push('', `## CPU profile: ${run.database} ${int(run.size)}`, '', '```', run.profile, '```');
  }
  if (report.notes.length) out.push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
  out.push('');
  return out.join('\n');
}
