/**
 * `npm run bench [-- options]`: the gateway against a no-GraphQL baseline and
 * a raw hand-written server, per database and data-set size. See bench/README.md.
 *
 *   --db sqlite|mysql|both     databases (default both)
 *   --sizes 10000,100000       personal customers per data set (+ 10 % business)
 *   --duration 8               measured seconds per server and operation (after --warmup 2)
 *   --rounds 2                 gateway, baseline and raw alternate (G B R R B G) in rounds of duration/rounds seconds
 *   --connections 10           autocannon connections
 *   --sockets 1000             graphql-ws sockets for the fan-out
 *   --fanout-cpfs 5            CPFs the sockets are spread over
 *   --webhooks 100             webhooks (one partner, one local receiver) for the delivery measurement
 *   --webhook-customers 1      registrations whose decision event is delivered to every webhook
 *   --only customer,page,register,fanout,webhooks,images
 *   --baseline full|bare       bare: the baseline skips token verification and the audit insert
 *   --profile customer|page|register   an extra gateway run under node --cpu-prof, summarised
 *   --mysql-url mysql://root@127.0.0.1:3306   server for the bench_<size> databases (BENCH_MYSQL_URL)
 *   --out bench/RESULTS.md     report (the JSON goes next to it, .json)
 *   --fresh-data               seed afresh even when the kept data set's fingerprint matches (bench/lib/datasets.ts)
 *   --render bench/RESULTS.json   only re-render the Markdown report from a JSON one
 *   --merge bench/RESULTS.json    put this run's fanout/webhooks/images figures into an existing report (same db and size, else a new row) instead of replacing it
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { join, relative, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { analystClaims, mintToken } from '../src/platform/security/viewer';
import type { PreparedData } from './prepare';
import { runFanout } from './lib/fanout';
import { runWebhookBench } from './lib/webhooks';
import { IMAGE_TARGET_HEALTHZ_P99_MS, runImageBench } from './lib/images';
import { calibrateScrape, combineLoads, LoadResult, post, runLoad, sqlPerRequest, Target } from './lib/load';
import { customerBody, Dataset, identityRequests, pageBody, RegistrationFactory } from './lib/operations';
import { INSPECT_ARG, inspectorUrl, settledMemory } from './lib/settle';
import { clearAuditLog, datasetFingerprint, invalidate, storedFingerprint } from './lib/datasets';
import { Child, compileServers, freePort, installCleanup, ROOT, runChild, spawnChild } from './lib/processes';
import { compareProfiles, formatSummary, monotonicMicros, ProfileSummary, readProfile } from './lib/profile';
import {
  BenchReport,
  DatasetRun,
  FANOUT_HEADER,
  fanoutRows,
  IMAGE_HEADER,
  imageRows,
  LOAD_HEADER,
  WEBHOOK_HEADER,
  webhookRows,
  loadRows,
  markdown,
  MEMORY_HEADER,
  memoryRows,
  STAGE_HEADER,
  stageRows,
  textTable,
} from './lib/report';
import { machineInfo, memoryOf, mib } from './lib/system';

const USAGE = `usage: npm run bench -- [--db sqlite|mysql|both] [--sizes 10000,100000] [--duration 8] [--rounds 2] [--warmup 2] [--connections 10]
                       [--sockets 1000] [--fanout-cpfs 5] [--webhooks 100] [--webhook-customers 1]
                       [--only customer,page,register,fanout,webhooks,images] [--baseline full|bare]
                       [--profile customer|page|register] [--mysql-url mysql://root@127.0.0.1:3306] [--out bench/RESULTS.md] [--merge bench/RESULTS.json] [--fresh-data]`;
const OPERATIONS = ['customer', 'page', 'register', 'fanout', 'webhooks', 'images'] as const;
type Operation = (typeof OPERATIONS)[number];
const DATA_DIR = join(ROOT, 'bench', '.data');
const FANOUT_EVALUATION_DELAY_MS = 1000;
/** Issue 11's target: the decision event reaches 100 webhooks with p99 under this. */
const WEBHOOK_TARGET_P99_MS = 200;

interface Options {
  databases: ('sqlite' | 'mysql')[];
  sizes: number[];
  duration: number;
  warmup: number;
  connections: number;
  /** Alternating gateway/baseline/raw rounds per operation, each duration/rounds seconds. */
  rounds: number;
  sockets: number;
  fanoutCpfs: number;
  webhooks: number;
  webhookCustomers: number;
  only: Set<Operation>;
  baseline: 'full' | 'bare';
  profile?: 'customer' | 'page' | 'register';
  mysqlUrl: string;
  out: string;
  /** Merge the fanout/webhooks figures into this JSON report (and its Markdown) instead of writing a fresh one. */
  merge?: string;
  /** Seed afresh even when the kept data set matches (otherwise reused: bench/lib/datasets.ts). */
  freshData: boolean;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) fail(`--${name} must be a number between 1 and ${max}, got "${raw}"`);
  return value;
}

function parseOptions(): Options {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        db: { type: 'string' },
        sizes: { type: 'string' },
        duration: { type: 'string' },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        sockets: { type: 'string' },
        'fanout-cpfs': { type: 'string' },
        webhooks: { type: 'string' },
        'webhook-customers': { type: 'string' },
        only: { type: 'string' },
        baseline: { type: 'string' },
        profile: { type: 'string' },
        'mysql-url': { type: 'string' },
        out: { type: 'string' },
        'fresh-data': { type: 'boolean' },
        render: { type: 'string' },
        merge: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (v.render) {
    // Re-render the Markdown report from a JSON one (after editing the report's layout).
    const report = JSON.parse(readFileSync(v.render, 'utf8')) as BenchReport;
    const out = resolve(v.out ?? v.render.replace(/\.json$/i, '.md'));
    writeFileSync(out, markdown(report));
    console.log(`wrote ${relative(process.cwd(), out)}`);
    process.exit(0);
  }
  const db = v.db ?? 'both';
  if (!['sqlite', 'mysql', 'mariadb', 'both'].includes(db)) fail(`--db must be sqlite, mysql or both, got "${db}"`);
  const sizes = (v.sizes ?? '10000,100000').split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((s) => !Number.isInteger(s) || s < 200 || s > 2_000_000)) fail(`--sizes must be integers between 200 and 2000000, got "${v.sizes}"`);
  const only = new Set((v.only ?? OPERATIONS.join(',')).split(',').map((s) => s.trim()) as Operation[]);
  for (const op of only) if (!OPERATIONS.includes(op)) fail(`unknown operation "${op}" in --only`);
  if (v.baseline && !['full', 'bare'].includes(v.baseline)) fail('--baseline must be full or bare');
  if (v.profile && !['customer', 'page', 'register'].includes(v.profile)) fail('--profile must be customer, page or register');
  return {
    databases: db === 'both' ? ['sqlite', 'mysql'] : db === 'sqlite' ? ['sqlite'] : ['mysql'],
    sizes,
    duration: positive('duration', v.duration, 8, 600),
    warmup: v.warmup === '0' ? 0 : positive('warmup', v.warmup, 2, 120),
    connections: positive('connections', v.connections, 10, 1000),
    rounds: Math.round(positive('rounds', v.rounds, 2, 20)),
    sockets: positive('sockets', v.sockets, 1000, 10_000),
    fanoutCpfs: positive('fanout-cpfs', v['fanout-cpfs'], 5, 100),
    webhooks: Math.round(positive('webhooks', v.webhooks, 100, 1000)),
    webhookCustomers: Math.round(positive('webhook-customers', v['webhook-customers'], 1, 20)),
    only,
    baseline: (v.baseline as 'full' | 'bare') ?? 'full',
    profile: v.profile as Options['profile'],
    mysqlUrl: (v['mysql-url'] ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '').replace(/^mariadb:/, 'mysql:'),
    out: resolve(v.out ?? join(ROOT, 'bench', 'RESULTS.md')),
    freshData: Boolean(v['fresh-data']),
    merge: v.merge ? resolve(v.merge) : undefined,
  };
}

/**
 * One benchmark at a time: a lock file in bench/.data (this work tree) and, on
 * MariaDB/MySQL, a named lock held for the whole run (any work tree using the
 * same server), since runs share the bench_<size> databases and the cores.
 */
function lockWorkTree(): void {
  const file = join(DATA_DIR, 'run.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.on('exit', () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file);
        } catch {
          // already gone
        }
      });
      return;
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder !== process.pid;
      } catch {
        alive = false;
      }
      if (alive) {
        console.error(
          `another npm run bench (pid ${holder}) is running in this work tree; wait for it (or remove ${relative(process.cwd(), file)} if it is stale)`,
        );
        process.exit(2);
      }
      rmSync(file, { force: true }); // stale: its runner died
    }
  }
}

let serverLock: Awaited<ReturnType<typeof createConnection>> | null = null;
async function lockMysql(url: string): Promise<void> {
  serverLock = await createConnection({ uri: `${url}/`, connectTimeout: 5000 });
  const [rows] = await serverLock.query("SELECT GET_LOCK('customers_gateway_bench', 0) AS locked");
  if (Number((rows as { locked: unknown }[])[0].locked) !== 1) {
    console.error(`another benchmark is using the bench_* databases on ${url} (named lock customers_gateway_bench); wait for it to finish`);
    process.exit(2);
  }
  serverLock.on('error', () => undefined);
}

async function checkMysql(url: string): Promise<string> {
  try {
    const connection = await createConnection({ uri: `${url}/`, connectTimeout: 5000 });
    try {
      const [rows] = await connection.query('SELECT VERSION() AS version');
      return (rows as { version: string }[])[0].version;
    } finally {
      await connection.end();
    }
  } catch (error) {
    console.error(
      `MariaDB/MySQL is not reachable at ${url} (${(error as Error).message}).\n` +
        'Start it (Debian: /usr/sbin/mariadbd --user=mysql &), point --mysql-url / BENCH_MYSQL_URL at a server where the user may CREATE and DROP\n' +
        'databases named bench_<size>, or run on SQLite only: npm run bench -- --db sqlite',
    );
    process.exit(2);
  }
}

function databaseUrl(options: Options, database: 'sqlite' | 'mysql', size: number): string {
  return database === 'sqlite' ? `sqlite:${join(DATA_DIR, `bench-${size}.sqlite`)}` : `${options.mysqlUrl}/bench_${size}`;
}

const COMMON_ENV = {
  // Every server runs the compiled build (bench/lib/processes.ts) in production mode, as deployed.
  NODE_ENV: 'production',
  // Production requires a webhook secret key (secrets encrypted at rest): one per run.
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  DEMO_DATA: 'false',
  PUBLIC_BASE_URL: 'https://gateway.bench.invalid',
  REDIS_URL: '',
  // Limits generous enough never to refuse the benchmark's traffic.
  RATE_LIMIT_POINTS: '1000000',
  RATE_LIMIT_WINDOW_SECONDS: '1',
  MAX_QUERY_COST: '10000000',
  EXECUTION_TIMEOUT_MS: '60000',
  // The fan-out's 1,000 sockets come from one address with one token.
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_SUBSCRIPTIONS_PER_SUBJECT: '100000',
  DOCUMENT_STORAGE_DIR: join(DATA_DIR, 'bench-documents'),
};

/**
 * The gateways that register customers ((c) register, (d) fan-out, (e) webhooks) do it with made-up document tokens,
 * which only ACCEPT_UNVERIFIED_DOCUMENTS takes, and production refuses that setting: those run in development mode
 * (the same compiled build; no other setting differs, every one production would change for speed is set above).
 * (a), (b) and (f) images run in production.
 */
const REGISTRATION_ENV = { NODE_ENV: 'development', ACCEPT_UNVERIFIED_DOCUMENTS: 'true' };

function gatewayEnv(url: string, secret: string, port: number, fanout: boolean, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...COMMON_ENV,
    ...extra,
    DATABASE_URL: url,
    JWT_SECRET: secret,
    PORT: String(port),
    // Per-stage time sums on /metrics (src/platform/observability/stages.ts), read around each gateway run.
    STAGE_TIMINGS: 'true',
    // Throughput runs: no worker in the process (its polling would add statements); fan-out: the worker at production's
    // poll (it starts work when it is enqueued and when it falls due, not at the next poll).
    IN_PROCESS_WORKER: fanout ? 'true' : 'false',
    EVALUATION_DELAY_MS: fanout ? String(FANOUT_EVALUATION_DELAY_MS) : '3600000',
    WORKER_POLL_MS: fanout ? '1000' : '60000',
  };
}

async function startGateway(
  url: string,
  secret: string,
  fanout: boolean,
  nodeArgs: string[] = [],
  extraEnv: Record<string, string> = {},
  name?: string,
): Promise<{ child: Child; target: Target }> {
  const port = await freePort();
  const child = await spawnChild(name ?? (fanout ? 'gateway (fan-out)' : 'gateway'), 'src/main.ts', {
    env: gatewayEnv(url, secret, port, fanout, extraEnv),
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    timeoutMs: 120_000,
    nodeArgs,
  });
  const target: Target = {
    kind: 'gateway',
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    pid: child.pid,
    scrapeStatements: 0,
  };
  target.scrapeStatements = await calibrateScrape(target.metricsUrl);
  return { child, target };
}

async function startBaseline(url: string, secret: string, bare: boolean, nodeArgs: string[] = []): Promise<{ child: Child; target: Target }> {
  const port = await freePort();
  const child = await spawnChild('baseline', 'bench/baseline.ts', {
    nodeArgs,
    env: { ...COMMON_ENV, DATABASE_URL: url, JWT_SECRET: secret, PORT: String(port), BASELINE_BARE: bare ? 'true' : 'false' },
    readyPattern: /baseline ready at/,
    timeoutMs: 120_000,
  });
  const target: Target = {
    kind: 'baseline',
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    pid: child.pid,
    scrapeStatements: 0,
  };
  target.scrapeStatements = await calibrateScrape(target.metricsUrl);
  return { child, target };
}

/** RAW, or with `plus` RAW+ (the same, plus the HS256 token check and one committed audit row per request). */
async function startRaw(url: string, secret: string, plus = false, nodeArgs: string[] = []): Promise<{ child: Child; target: Target }> {
  const port = await freePort();
  const child = await spawnChild(plus ? 'raw+' : 'raw', 'bench/raw.ts', {
    nodeArgs,
    env: { ...COMMON_ENV, DATABASE_URL: url, PORT: String(port), ...(plus ? { RAW_PLUS: 'true', JWT_SECRET: secret } : {}) },
    readyPattern: plus ? /raw\+ ready at/ : /raw ready at/,
    timeoutMs: 60_000,
  });
  const target: Target = {
    kind: plus ? 'raw+' : 'raw',
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    pid: child.pid,
    scrapeStatements: 0,
  };
  target.scrapeStatements = await calibrateScrape(target.metricsUrl);
  return { child, target };
}

/** The first differing path of two JSON values, for a readable mismatch message. */
function firstDifference(a: unknown, b: unknown, other: string, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], other, `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: gateway ${JSON.stringify(a)?.slice(0, 120)} vs ${other} ${JSON.stringify(b)?.slice(0, 120)}`;
}

/** The same requests to the gateway and another server: byte-identical JSON (and status), else the first difference. */
async function compareAnswers(gateway: Target, other: Target, token: string, requests: string[]): Promise<true | string> {
  for (const request of requests) {
    const [g, o] = await Promise.all([post(gateway.url, request, token), post(other.url, request, token)]);
    if (g.status !== 200 || g.text.includes('"errors":[')) return `NO (the gateway failed: ${g.status} ${g.text.slice(0, 200)})`;
    // Apollo ends its JSON with a newline; the other servers do not.
    if (g.status === o.status && g.text.trimEnd() === o.text.trimEnd()) continue;
    let difference: string | null;
    try {
      difference = firstDifference(JSON.parse(g.text), JSON.parse(o.text), other.kind);
    } catch {
      difference = `${other.kind} answered ${o.status} ${o.text.slice(0, 200)}`;
    }
    return `NO (${difference ?? `same data, different key order or bytes; request ${request.slice(0, 200)}`})`;
  }
  return true;
}

/** Raw answered different JSON from the gateway: its figures would not be a ratio of the same work, so the bench fails. */
class JsonMismatch extends Error {}

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/**
 * The code under test: the commit, plus whether src/ (or migrations,
 * package.json) has uncommitted changes. `key` identifies the code itself
 * (tree hashes and a digest of uncommitted changes), so commits that touch
 * only tests or docs during a run do not count as a change.
 */
function sourceState(): { label: string; key: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const trees = git('rev-parse', 'HEAD:src', 'HEAD:migrations', 'HEAD:package.json').replace(/\s+/g, ',');
    const dirty = git('status', '--porcelain', '--', 'src', 'migrations', 'package.json');
    if (!dirty) return { label: commit, key: trees };
    const untracked = dirty
      .split('\n')
      .filter((l) => l.startsWith('??'))
      .map((l) => l.slice(3));
    const digest = createHash('sha256')
      .update(git('diff', 'HEAD', '--', 'src', 'migrations', 'package.json'))
      .update(untracked.join('\n'))
      .digest('hex')
      .slice(0, 8);
    return { label: `${commit} + uncommitted changes (${dirty.split('\n').length} paths, digest ${digest})`, key: `${trees}+${digest}` };
  } catch {
    return { label: 'unknown (not a git work tree)', key: 'unknown' };
  }
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function benchDataset(
  options: Options,
  database: 'sqlite' | 'mysql',
  size: number,
  token: string,
  secret: string,
  report: BenchReport,
): Promise<DatasetRun> {
  const url = databaseUrl(options, database, size);
  const business = Math.max(1, Math.round(size / 10));
  const handoff = join(DATA_DIR, `prepared-${database}-${size}.json`);
  const fingerprint = datasetFingerprint(database, size, business);
  const kept = existsSync(handoff) ? (JSON.parse(readFileSync(handoff, 'utf8')) as { fingerprint?: string }).fingerprint : undefined;
  const reuse = !options.freshData && kept === fingerprint && (await storedFingerprint(url)) === fingerprint;
  if (reuse) {
    await clearAuditLog(url);
    log(`${database} ${size.toLocaleString('en-US')}: reusing the data set seeded earlier (fingerprint ${fingerprint.slice(0, 12)}; audit log emptied)`);
  } else {
    log(`${database} ${size.toLocaleString('en-US')}: creating, migrating and seeding ${size} personal + ${business} business customers`);
    await runChild(`seed ${database} ${size}`, 'bench/prepare.ts', {
      env: { ...COMMON_ENV, DATABASE_URL: url },
      args: ['--personal', String(size), '--business', String(business), '--out', handoff, '--fingerprint', fingerprint],
      nodeArgs: ['--max-old-space-size=4096'],
      echo: true,
      timeoutMs: 30 * 60_000,
    });
  }
  const prepared = JSON.parse(readFileSync(handoff, 'utf8')) as PreparedData;
  report.databaseVersions[database] = prepared.serverVersion;
  if (reuse) report.notes.push(`${database} ${size.toLocaleString('en-US')}: data set reused from an earlier run (same fingerprint; audit log emptied first).`);
  log(
    `${database} ${size.toLocaleString('en-US')}: ${reuse ? 'kept data set was seeded' : 'seeded'} ${prepared.rows.toLocaleString('en-US')} rows in ${prepared.seedSeconds.toFixed(1)} s (${Math.round(prepared.rows / prepared.seedSeconds).toLocaleString('en-US')} rows/s)`,
  );
  const data: Dataset = { cpfs: prepared.cpfs, minId: prepared.minId, maxId: prepared.maxId };

  const run: DatasetRun = {
    database,
    size,
    business: prepared.business,
    rows: prepared.rows,
    seedSeconds: prepared.seedSeconds,
    migrateSeconds: prepared.migrateSeconds,
    sameJson: {},
    loads: [],
  };
  const report1 = (result: LoadResult) => {
    const f = result.failures;
    const failed = f.non2xx + f.errors + f.timeouts + f.graphqlErrors;
    const rounds = result.rounds ? ` (rounds: ${result.rounds.map((r) => Math.round(r.requestsPerSecond)).join(', ')})` : '';
    log(
      `  ${result.target.padEnd(8)} ${Math.round(result.requestsPerSecond)} req/s${rounds}, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, SQL/req ${result.sqlPerRequest ?? '–'} (load ${result.sqlPerRequestUnderLoad.toFixed(2)}), peak RSS ${mib(result.peakRssBytes)} MiB${failed ? `, ${failed} FAILED: ${result.firstFailure}` : ''}`,
    );
    run.loads.push(result);
  };
  const loadOptions = (operation: string, target: Target, body: () => string, durationSeconds: number, warmupSeconds: number) => ({
    operation,
    target,
    token,
    body,
    durationSeconds,
    connections: options.connections,
    warmupSeconds,
  });
  const wantHttp = ['customer', 'page'].some((op) => options.only.has(op as Operation));
  if (wantHttp) {
    // Gateway and raw+ with their inspector on loopback: their memory is read after the page runs, settled (bench/lib/settle.ts).
    const gateway = await startGateway(url, secret, false, [INSPECT_ARG]);
    const baseline = await startBaseline(url, secret, options.baseline === 'bare');
    const raw = await startRaw(url, secret).catch(async (error) => {
      await Promise.all([gateway.child.stop(), baseline.child.stop()]);
      throw error;
    });
    const rawPlus = await startRaw(url, secret, true, [INSPECT_ARG]).catch(async (error) => {
      await Promise.all([gateway.child.stop(), baseline.child.stop(), raw.child.stop()]);
      throw error;
    });
    try {
      run.gatewayStartupRssBytes = memoryOf(gateway.child.pid)?.rss;
      const operations: ['customer' | 'page', () => string][] = [
        ['customer', () => customerBody(data)],
        ['page', () => pageBody(data)],
      ];
      for (const [operation, body] of operations) {
        if (!options.only.has(operation)) continue;
        // Byte-identical JSON to the gateway's, for the same requests (random ones and the edge cases).
        const requests = identityRequests(operation, data);
        run.sameJson[operation] = await compareAnswers(gateway.target, baseline.target, token, requests);
        if (run.sameJson[operation] !== true) log(`  WARNING: ${operation}: the baseline's answers differ from the gateway's: ${run.sameJson[operation]}`);
        run.sameJson[`raw ${operation}`] = await compareAnswers(gateway.target, raw.target, token, requests);
        if (run.sameJson[`raw ${operation}`] !== true) {
          throw new JsonMismatch(
            `${operation}: the raw server's JSON differs from the gateway's, so gateway/raw would not compare the same work: ${run.sameJson[`raw ${operation}`]}`,
          );
        }
        const plusSame = await compareAnswers(gateway.target, rawPlus.target, token, requests);
        if (plusSame !== true) throw new JsonMismatch(`${operation}: the raw+ server's JSON differs from the gateway's: ${plusSame}`);
        log(
          `${database} ${size.toLocaleString('en-US')}: ${operation}: ${requests.length} requests, raw and raw+ byte-identical to the gateway, baseline ${run.sameJson[operation] === true ? 'byte-identical' : 'DIFFERENT'}`,
        );
        // The same 20 requests to every server (a customer's statement count depends on which blocks it has).
        const samples = Array.from({ length: 20 }, body);
        const exact = {
          gateway: await sqlPerRequest(gateway.target, token, cycle(samples)),
          baseline: await sqlPerRequest(baseline.target, token, cycle(samples)),
          raw: await sqlPerRequest(raw.target, token, cycle(samples)),
          'raw+': await sqlPerRequest(rawPlus.target, token, cycle(samples)),
        };
        // Alternating rounds, G B R R+ R+ R B G …, each server warmed up once: load from elsewhere on the machine hits all alike.
        log(
          `${database} ${size.toLocaleString('en-US')}: ${operation}, gateway, baseline, raw and raw+, ${options.rounds} alternating rounds of ${options.duration / options.rounds} s, ${options.connections} connections`,
        );
        const runs: Record<'gateway' | 'baseline' | 'raw' | 'raw+', LoadResult[]> = { gateway: [], baseline: [], raw: [], 'raw+': [] };
        const order = [gateway.target, baseline.target, raw.target, rawPlus.target];
        for (let round = 0; round < options.rounds; round++) {
          for (const target of round % 2 === 0 ? order : [...order].reverse()) {
            const first = runs[target.kind].length === 0;
            runs[target.kind].push(await runLoad(loadOptions(operation, target, body, options.duration / options.rounds, first ? options.warmup : 0)));
          }
        }
        for (const kind of ['gateway', 'baseline', 'raw', 'raw+'] as const) report1({ ...combineLoads(runs[kind]), sqlPerRequest: exact[kind] });
        const rate = (kind: 'gateway' | 'baseline' | 'raw' | 'raw+') =>
          run.loads.find((l) => l.operation === operation && l.target === kind)!.requestsPerSecond;
        log(
          `  gateway/baseline ${Math.round((rate('gateway') / rate('baseline')) * 100)} %, gateway/raw ${Math.round((rate('gateway') / rate('raw')) * 100)} %, gateway/raw+ ${Math.round((rate('gateway') / rate('raw+')) * 100)} %`,
        );
        const stages = run.loads.find((l) => l.operation === operation && l.target === 'gateway')!.stagesMs;
        if (stages)
          log(
            `  gateway stages, ms per request: ${Object.entries(stages)
              .map(([stage, ms]) => `${stage} ${ms.toFixed(2)}`)
              .join(', ')}`,
          );
      }
      if (options.only.has('page')) {
        // After the page runs (the last operation here): forced full GCs, then heap used and RSS.
        run.settledMemory = {};
        for (const [kind, server] of [
          ['gateway', gateway],
          ['raw+', rawPlus],
        ] as const) {
          const inspector = inspectorUrl(server.child.output());
          if (inspector) run.settledMemory[kind] = await settledMemory(inspector, server.child.pid);
        }
        const m = run.settledMemory;
        log(
          `  settled after the page runs (forced GC): gateway heap used ${mib(m.gateway?.heapUsedBytes ?? NaN)} MiB, RSS ${mib(m.gateway?.rssBytes ?? NaN)} MiB; raw+ heap used ${mib(m['raw+']?.heapUsedBytes ?? NaN)} MiB, RSS ${mib(m['raw+']?.rssBytes ?? NaN)} MiB`,
        );
      }
    } finally {
      await Promise.all([gateway.child.stop(), baseline.child.stop(), raw.child.stop(), rawPlus.child.stop()]);
    }
  }
  if (options.only.has('register')) {
    await invalidate(url); // adds customers: the next run seeds afresh
    const gateway = await startGateway(url, secret, false, [], REGISTRATION_ENV, 'gateway (registrations)');
    try {
      const registrations = new RegistrationFactory(`load${size}`);
      const body = () => registrations.body();
      const exact = await sqlPerRequest(gateway.target, token, body, 10);
      log(`${database} ${size.toLocaleString('en-US')}: register on the gateway (${options.duration} s, ${options.connections} connections, development mode)`);
      report1({ ...(await runLoad(loadOptions('register', gateway.target, body, options.duration, options.warmup))), sqlPerRequest: exact });
    } finally {
      await gateway.child.stop();
    }
  }

  if (options.only.has('fanout')) {
    await invalidate(url);
    log(`${database} ${size.toLocaleString('en-US')}: subscription fan-out, ${options.sockets} sockets over ${options.fanoutCpfs} CPFs`);
    const gateway = await startGateway(url, secret, true, [], REGISTRATION_ENV);
    try {
      const result = await runFanout({
        url: gateway.target.url,
        metricsUrl: gateway.target.metricsUrl,
        pid: gateway.child.pid,
        token,
        sockets: options.sockets,
        cpfCount: options.fanoutCpfs,
        scrapeStatements: gateway.target.scrapeStatements,
        evaluationDelayMs: FANOUT_EVALUATION_DELAY_MS,
      });
      run.fanout = result;
      log(
        `  ${result.completed}/${result.sockets} completed; subscribed in ${result.subscribeSeconds.toFixed(1)} s; RECEIVED p50/p99 ${result.receivedLatencyMs.p50}/${result.receivedLatencyMs.p99} ms; final spread p50/p99 ${result.finalSpreadMs.p50}/${result.finalSpreadMs.p99} ms; idle ${Math.round(result.idleStatementsPerSecond)} SQL/s; peak RSS ${mib(result.peakRssBytes)} MiB`,
      );
      if (result.firstError) log(`  first socket error: ${result.firstError}`);
    } catch (error) {
      run.fanout = { error: (error as Error).message };
      log(`  fan-out failed: ${(error as Error).message}`);
    } finally {
      await gateway.child.stop();
    }
  }

  if (options.only.has('webhooks')) {
    await invalidate(url);
    log(`${database} ${size.toLocaleString('en-US')}: webhook delivery, ${options.webhooks} webhooks, ${options.webhookCustomers} registration(s)`);
    // The fan-out gateway (in-process workers, EVALUATION_DELAY_MS=1000, WORKER_POLL_MS=1000), plain http to the local receiver allowed.
    const gateway = await startGateway(url, secret, true, [], { ...REGISTRATION_ENV, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }, 'gateway (webhooks)');
    run.webhooks = [];
    try {
      // Each scenario: a fresh partner, so its registrations reach only its own webhooks.
      for (const subscribed of ['all', 'decision'] as const) {
        try {
          const partnerToken = await mintToken(
            new TextEncoder().encode(secret),
            { sub: `bench-partner-${subscribed}-${randomBytes(4).toString('hex')}`, scope: 'webhook.write customer.write customer.read' },
            '1h',
          );
          const result = await runWebhookBench({
            url: gateway.target.url,
            metricsUrl: gateway.target.metricsUrl,
            pid: gateway.child.pid,
            partnerToken,
            subscriberToken: token,
            webhooks: options.webhooks,
            customers: options.webhookCustomers,
            subscribed,
            scrapeStatements: gateway.target.scrapeStatements,
            evaluationDelayMs: FANOUT_EVALUATION_DELAY_MS,
            targetP99Ms: WEBHOOK_TARGET_P99_MS,
          });
          run.webhooks.push(result);
          const t = result.fromTimestampMs;
          log(
            `  subscribed to ${subscribed === 'all' ? 'every event' : 'the decision only'}: ${result.received}/${result.expected} deliveries, ${result.signatureFailures} bad signatures, ${result.duplicates} duplicates; decision ${result.decisionReceived}/${result.decisionExpected}: ` +
              `timestamp→receiver p50/p99/max ${t.p50}/${t.p99}/${t.max} ms, commit→receiver p50/p99 ${result.fromCommitMs.p50}/${result.fromCommitMs.p99} ms, ` +
              `${result.burstDeliveriesPerSecond} deliveries/s over the burst; target p99 < ${result.targetP99Ms} ms ${result.targetMet ? 'MET' : 'NOT MET'}`,
          );
          log(
            `    per event, arrival after its timestamp: ${Object.entries(result.perEvent)
              .map(([name, e]) => `${name} ${e.deliveries}× first ${e.firstMs} p50 ${e.p50Ms} last ${e.lastMs} ms`)
              .join('; ')}`,
          );
          const l = result.decisionLatenciesMs;
          if (l.length > 50) log(`    decision deliveries 1, 50, 51, last arrived ${l[0]}, ${l[49]}, ${l[50]}, ${l[l.length - 1]} ms after the timestamp`);
          if (result.firstError) log(`    first error: ${result.firstError}`);
        } catch (error) {
          run.webhooks.push({ subscribed, error: (error as Error).message });
          log(`  webhook delivery (${subscribed}) failed: ${(error as Error).message}`);
        }
      }
    } finally {
      await gateway.child.stop();
    }
  }

  if (options.only.has('images')) {
    await invalidate(url); // adds document analyses
    log(
      `${database} ${size.toLocaleString('en-US')}: the largest images DOCUMENT_MAX_DECODED_BYTES accepts, analysed in the gateway process while /healthz is polled`,
    );
    const gateway = await startGateway(url, secret, true, [], { DOCUMENT_ANALYSIS_DELAY_MS: '0' }, 'gateway (images)');
    try {
      const partner = await mintToken(
        new TextEncoder().encode(secret),
        { sub: `bench-images-${randomBytes(4).toString('hex')}`, scope: 'customer.write customer.read' },
        '1h',
      );
      const registrations = new RegistrationFactory(`images${size}`);
      run.images = await runImageBench({
        url: gateway.target.url,
        metricsUrl: gateway.target.metricsUrl,
        pid: gateway.child.pid,
        token: `Bearer ${partner}`,
        maxDecodedBytes: 12_000_000 * 4,
        cpf: () => registrations.next().documentNumber,
      });
      for (const r of run.images) {
        log(
          `  ${r.kind} ${r.width}×${r.height} (${r.fileBytes} bytes) ${r.status} in ${r.totalMs} ms: /healthz p50/p99/max ${r.healthz.p50}/${r.healthz.p99}/${r.healthz.max} ms over ${r.healthzSamples} polls (gateway event-loop delay p99/max ${r.eventLoopDelayMs.p99}/${r.eventLoopDelayMs.max} ms); ` +
            `RSS ${mib(r.rssBeforeBytes)} → peak ${mib(r.peakRssBytes)} MiB (+${mib(r.rssGrowthBytes)}); target ${r.targetMet ? 'MET' : 'NOT MET'}`,
        );
      }
    } catch (error) {
      run.images = { error: (error as Error).message };
      log(`  image bench failed: ${(error as Error).message}`);
    } finally {
      await gateway.child.stop();
    }
  }

  if (options.profile) run.profile = await profileRun(options, database, size, url, secret, token, data);
  return run;
}

/**
 * --profile: the gateway (and, for customer/page, the baseline) under node
 * --cpu-prof, one after the other, each warmed up first; only the samples of
 * the measured run count. Reports CPU per request side by side.
 */
async function profileRun(
  options: Options,
  database: 'sqlite' | 'mysql',
  size: number,
  url: string,
  secret: string,
  token: string,
  data: Dataset,
): Promise<string> {
  const operation = options.profile!;
  const label = `${database} ${size.toLocaleString('en-US')}`;
  const registrations = new RegistrationFactory(`profile${size}`);
  const body = operation === 'customer' ? () => customerBody(data) : operation === 'page' ? () => pageBody(data) : () => registrations.body();
  const kinds: ('gateway' | 'baseline')[] = operation === 'register' ? ['gateway'] : ['gateway', 'baseline'];
  const profiles: Partial<Record<'gateway' | 'baseline', { summary: ProfileSummary; requests: number; rate: number; file: string }>> = {};
  for (const kind of kinds) {
    const dir = join(DATA_DIR, 'profiles', `${database}-${size}-${operation}-${kind}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`${label}: CPU profile of the ${kind} under ${operation} (${options.duration} s)`);
    const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
    const server =
      kind === 'gateway' ? await startGateway(url, secret, false, nodeArgs) : await startBaseline(url, secret, options.baseline === 'bare', nodeArgs);
    let window: [number, number] = [0, 0];
    let result: LoadResult;
    try {
      await runLoad({
        operation,
        target: server.target,
        token,
        body,
        durationSeconds: Math.max(2, options.warmup),
        connections: options.connections,
        warmupSeconds: 0,
      });
      const from = monotonicMicros();
      result = await runLoad({
        operation,
        target: server.target,
        token,
        body,
        durationSeconds: options.duration,
        connections: options.connections,
        warmupSeconds: 0,
      });
      window = [from, monotonicMicros()];
    } finally {
      await server.child.stop(30_000);
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`the ${kind} wrote no .cpuprofile in ${dir}`);
    profiles[kind] = {
      summary: readProfile(join(dir, file), window),
      requests: result.requests,
      rate: result.requestsPerSecond,
      file: relative(ROOT, join(dir, file)),
    };
  }
  const g = profiles.gateway!;
  const b = profiles.baseline;
  const header =
    `under ${operation}, ${options.duration} s, ${options.connections} connections, each server alone and profiled: gateway ${Math.round(g.rate)} req/s` +
    (b ? `, baseline ${Math.round(b.rate)} req/s` : '') +
    `\n(${g.file}${b ? `, ${b.file}` : ''}; open in Chrome DevTools or speedscope)\n\n`;
  const text = header + (b ? compareProfiles(g.summary, g.requests, b.summary, b.requests, 25) : formatSummary(g.summary, 25));
  console.log(text);
  return text;
}

/**
 * --merge: the fan-out, webhook and image figures of this run go into an existing
 * report (the run of the same database and size, else a new run without HTTP
 * figures), with a note saying when and on which code they were measured; the
 * rest of that report is kept as it was.
 */
function mergeInto(file: string, fresh: BenchReport, options: Options): BenchReport {
  const target = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  const parts = (['fanout', 'webhooks', 'images'] as const).filter((part) => options.only.has(part));
  for (const run of fresh.runs) {
    const existing = target.runs.find((r) => r.database === run.database && r.size === run.size);
    if (!existing) {
      target.runs.push({ ...run, loads: [], sameJson: {} });
      if (!target.settings.databases.includes(run.database)) target.settings.databases.push(run.database);
      if (!target.settings.sizes.includes(run.size)) target.settings.sizes.push(run.size);
      continue;
    }
    if (parts.includes('fanout') && run.fanout) existing.fanout = run.fanout;
    if (parts.includes('webhooks') && run.webhooks) existing.webhooks = run.webhooks;
    if (parts.includes('images') && run.images) existing.images = run.images;
  }
  Object.assign(target.databaseVersions, fresh.databaseVersions);
  target.settings.webhooks = fresh.settings.webhooks;
  target.settings.webhookCustomers = fresh.settings.webhookCustomers;
  if (parts.includes('fanout')) {
    target.settings.sockets = fresh.settings.sockets;
    target.settings.fanoutCpfs = fresh.settings.fanoutCpfs;
  }
  const runs = fresh.runs.map((r) => `${r.database} ${r.size.toLocaleString('en-US')}`).join(', ');
  target.notes.push(
    `${parts.join(' and ')} (${runs}) measured separately and merged (--merge): ${fresh.machine.date}, code ${fresh.source}, load average ${fresh.machine.loadAverageAtStart.join(' / ')} at start, ${fresh.loadAverageAtEnd?.join(' / ')} at end.`,
  );
  return target;
}

async function main() {
  installCleanup();
  const options = parseOptions();
  const started = performance.now();
  mkdirSync(DATA_DIR, { recursive: true });
  const source = sourceState();
  const report: BenchReport = {
    source: source.label,
    machine: machineInfo(),
    databaseVersions: {},
    settings: {
      databases: options.databases,
      sizes: options.sizes,
      durationSeconds: options.duration,
      rounds: options.rounds,
      warmupSeconds: options.warmup,
      connections: options.connections,
      sockets: options.sockets,
      fanoutCpfs: options.fanoutCpfs,
      webhooks: options.webhooks,
      webhookCustomers: options.webhookCustomers,
      baseline: options.baseline,
      gatewayEnv: Object.fromEntries(
        Object.entries(gatewayEnv('<db>', '<random>', 0, false)).filter(([k]) => !['DATABASE_URL', 'JWT_SECRET', 'PORT'].includes(k)),
      ),
    },
    runs: [],
    notes: [],
  };
  lockWorkTree();
  const compileStarted = performance.now();
  const build = compileServers();
  log(`compiled build of src/, migrations/ and bench/ up to date in ${relative(ROOT, build)} (${Math.round(performance.now() - compileStarted)} ms)`);
  if (options.databases.includes('mysql')) {
    report.databaseVersions.mysql = await checkMysql(options.mysqlUrl);
    await lockMysql(options.mysqlUrl);
    log(`MariaDB/MySQL ${report.databaseVersions.mysql} at ${options.mysqlUrl}`);
  }
  const secret = randomBytes(48).toString('base64url');
  const token = await mintToken(new TextEncoder().encode(secret), analystClaims('bench'), '24h');
  log(`code: ${source.label}`);
  log(
    `machine: ${report.machine.cpuModel}, nproc ${report.machine.nproc}, ${report.machine.ramGiB} GiB, Node ${report.machine.node}, load ${report.machine.loadAverageAtStart.join(' ')}`,
  );

  const mismatches: string[] = [];
  for (const database of options.databases) {
    for (const size of options.sizes) {
      try {
        report.runs.push(await benchDataset(options, database, size, token, secret, report));
      } catch (error) {
        // One data set failing (e.g. the database went away) does not lose the others' figures.
        const message = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ');
        log(`${database} ${size}: FAILED: ${message}`);
        report.notes.push(`${database} ${size.toLocaleString('en-US')} failed: ${message}`);
        if (error instanceof JsonMismatch) mismatches.push(`${database} ${size}: ${message}`);
      }
    }
  }
  if (mismatches.length) {
    // Loud: no report is written with a ratio against different answers.
    console.error(
      `\n${'='.repeat(100)}\nJSON IDENTITY CHECK FAILED: the raw server did not answer byte-identically to the gateway\n${mismatches.join('\n')}\n${'='.repeat(100)}`,
    );
    process.exit(1);
  }
  if (report.runs.length === 0) {
    console.error('every data set failed; no report written');
    process.exit(1);
  }
  report.totalSeconds = (performance.now() - started) / 1000;
  const sourceAtEnd = sourceState();
  if (sourceAtEnd.key !== source.key)
    report.notes.push(
      `The code changed during the run (${source.label} at the start, ${sourceAtEnd.label} at the end): later data sets ran newer code; re-run for a consistent snapshot.`,
    );
  report.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const unequal = report.runs.flatMap((r) =>
    Object.entries(r.sameJson)
      .filter(([, v]) => v !== true)
      .map(([k, v]) => `${r.database} ${r.size} ${k}: ${v}`),
  );
  if (unequal.length) report.notes.push(`Answers differed from the gateway's: ${unequal.join('; ')}`);

  console.log(`\n${textTable(LOAD_HEADER, loadRows(report))}`);
  if (stageRows(report).length) console.log(`\ngateway time per request by stage (ms)\n${textTable(STAGE_HEADER, stageRows(report))}`);
  if (report.runs.some((r) => r.fanout)) console.log(`\nsubscription fan-out\n${textTable(FANOUT_HEADER, fanoutRows(report))}`);
  if (report.runs.some((r) => r.images))
    console.log(
      `\nimage analysis (largest accepted images; target /healthz p99 < ${IMAGE_TARGET_HEALTHZ_P99_MS} ms, RSS growth < 100 MiB)\n${textTable(IMAGE_HEADER, imageRows(report))}`,
    );
  if (report.runs.some((r) => r.webhooks?.length))
    console.log(
      `\nwebhook delivery (decision event to every webhook; target p99 < ${WEBHOOK_TARGET_P99_MS} ms)\n${textTable(WEBHOOK_HEADER, webhookRows(report))}`,
    );
  console.log(`\nmemory after the page-of-100 runs (settled: forced GC)\n${textTable(MEMORY_HEADER, memoryRows(report))}`);

  const written = options.merge ? mergeInto(options.merge, report, options) : report;
  const out = options.merge ? options.merge.replace(/\.json$/i, '') + '.md' : options.out;
  writeFileSync(out, markdown(written));
  const jsonFile = out.replace(/\.md$/i, '') + '.json';
  writeFileSync(jsonFile, `${JSON.stringify(written, null, 2)}\n`);
  console.log(`\nwrote ${relative(process.cwd(), out)} and ${relative(process.cwd(), jsonFile)} in ${(report.totalSeconds / 60).toFixed(1)} min`);
  await serverLock?.end().catch(() => undefined);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
