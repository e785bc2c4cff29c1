import { basename } from 'node:path';
import { LimitsConfig, loadLimitsConfig } from './security/limits/limits.config';
import { loadWebhookSecretKeys, WebhookSecretKeyError, WebhookSecretKeys } from './security/secret-box';

/**
 * Configuration read once from environment variables, validated up front so a
 * bad deployment fails at start-up with a readable message, not at first request.
 */
export type DatabaseConfig =
  /**
   * path ':memory:' for an in-memory database. busyTimeoutMs (SQLITE_BUSY_TIMEOUT_MS, default 5000): how long a
   * statement waits for another connection's write lock before failing.
   */
  { kind: 'sqlite'; path: string; busyTimeoutMs?: number } | { kind: 'mysql'; url: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /**
   * HOST: the address the gateway (and METRICS_PORT's server, and the standalone worker's) listens on.
   * 127.0.0.1 by default outside production (nothing on the network reaches a developer's laptop); 0.0.0.0
   * in production (behind a load balancer or in a container every interface must answer).
   */
  host: string;
  /**
   * SHUTDOWN_TIMEOUT_MS: how long a stop (SIGTERM/SIGINT) waits for requests already received to be
   * answered and the step in progress to commit; connections still open then are cut.
   */
  shutdownTimeoutMs: number;
  /** METRICS_PORT: serve /metrics on this port only (not on `port`); unset keeps it on the main port. */
  metricsPort?: number;
  database: DatabaseConfig;
  /** Load the demo data set when the database is empty (embedded default only). */
  demoData: boolean;
  /** Maximum `first` on connections; the spec's own page-size cap is 1000. */
  maxPageSize: number;
  /**
   * Reads of at most this many customers fetch everything below them in one JSON-aggregated statement
   * (the compiled reads of the customers module); larger pages read level by level, which measured faster for them. 0: never.
   */
  readAheadMaxCustomers: number;
  /** Delay between a registration and its automatic decision. */
  evaluationDelayMs: number;
  /** Run the evaluation worker inside the gateway process. */
  inProcessWorker: boolean;
  /** The longest wait between two polls of a worker loop: they also poll when work is announced and when it falls due. */
  workerPollMs: number;
  /** How long a durable step that failed waits before it is tried again (its job's `runAt` moves on by this much). */
  workerRetryDelayMs: number;
  /** How often an open evaluation stream re-reads the database in case the event bus lost a message. */
  subscriptionResyncMs: number;
  redisUrl?: string;
  /**
   * Prepended (with `:`) to every Redis channel and key (events, rate limits), so
   * deployments sharing one Redis server never see each other's traffic (pub/sub
   * ignores the database number). Defaults to the database name.
   */
  redisPrefix: string;
  /** Express `trust proxy` (e.g. `1`, `loopback`, a CIDR list): client addresses come from X-Forwarded-For behind a load balancer. */
  trustProxy: string | number | boolean;
  /** Where token verification keys come from (see src/platform/security/keys.ts). */
  auth: { env: Record<string, string | undefined> };
  /** `apq` (automatic persisted queries, any operation) or `allowlist` (only the manifest's operations, analysts excepted). */
  persistedOperations: { mode: 'apq' | 'allowlist'; manifestFile: string };
  /** The institution this gateway serves: fills the read model of approved registrations. */
  institution: { brandName: string; cnpj: string; compeCode: string; branchCode: string };
  /** Abuse limits: depth, cost, aliases, sizes, rate, timeout, introspection (see src/platform/security/limits). */
  limits: LimitsConfig;
  /** Partner webhooks (src/modules/webhooks). */
  webhooks: WebhooksConfig;
  /** Open Banking consents (src/modules/consents). */
  consents: ConsentsConfig;
  /** Document analysis (src/modules/onboarding/documents). */
  documents: DocumentsConfig;
  /**
   * PUBLIC_BASE_URL: scheme and host the Open Banking REST responses' `links` are built from (src/modules/open-banking-rest), e.g.
   * `https://api.banco.com.br`. Required in production; elsewhere unset means `http://localhost:<listening port>`.
   */
  publicBaseUrl?: string;
}

export interface ConsentsConfig {
  /** CONSENT_URN_NAMESPACE: consent ids are `urn:<namespace>:<UUID>`. */
  urnNamespace: string;
  /**
   * CONSENTLESS_PERMISSIONS: whether a customer token without `consentId` keeps its `permissions` claim
   * (development and tests); never in production, where only a consent grants Open Banking permissions.
   */
  consentlessPermissions: boolean;
}

export interface DocumentsConfig {
  /** DOCUMENT_MAX_BYTES: largest image accepted; an upload is cut off (IMAGE_TOO_LARGE) as soon as it passes this. */
  maxBytes: number;
  /**
   * DOCUMENT_MAX_DECODED_BYTES: largest decoded size (width × height × channels × bytes a channel, read from the header)
   * of an image accepted; a larger one is refused at upload (INVALID_IMAGE_DIMENSIONS) before anything decodes it.
   */
  maxDecodedBytes: number;
  /** DOCUMENT_ANALYSIS_DELAY_MS: delay between a submission and its analysis. */
  analysisDelayMs: number;
  /**
   * ACCEPT_UNVERIFIED_DOCUMENTS: registerCustomer takes any well-formed token without
   * looking for its analysis. Development only by default; never on in production unless set.
   */
  acceptUnverified: boolean;
  /** DOCUMENT_STORAGE_DIR, or S3 when DOCUMENT_STORAGE_S3_BUCKET is set (DOCUMENT_STORAGE_S3_ENDPOINT, DOCUMENT_STORAGE_S3_REGION). */
  storage: { dir: string; s3?: { bucket: string; endpoint?: string; region: string } };
}

export interface WebhooksConfig {
  /** WEBHOOK_ALLOWED_HOSTS: hosts reachable over plain http and exempt from the private-address refusal (development, tests). */
  allowedHosts: string[];
  /** WEBHOOK_TIMEOUT_MS: an attempt without a 2xx answer within this time fails. */
  timeoutMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: the first try plus retries; then the delivery is FAILED. */
  maxAttempts: number;
  /** WEBHOOK_BACKOFF_BASE_MS: retry n waits about base × 2^(n-1), with jitter, at most WEBHOOK_BACKOFF_MAX_MS. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** WEBHOOK_SECRET_GRACE_MS: after rotateWebhookSecret, deliveries are also signed with the old secret this long. */
  secretGraceMs: number;
  /** WEBHOOK_DISABLE_AFTER_MS: a webhook whose attempts have all failed for this long is disabled (0: never). */
  disableAfterMs: number;
  /**
   * WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE (32 bytes, hex or base64), plus WEBHOOK_SECRET_OLD_KEYS: the
   * AES-256-GCM keys sealing signing secrets at rest (src/modules/webhooks/secret-box.ts). Outside production, unset
   * means a derived development key (`source: 'development'`); in production, unset is `undefined`: refuse it.
   * Optional in the type so that hand-built test configs get the development key.
   */
  secretKey?: WebhookSecretKeys;
}

/** A configuration the process must not start with: every problem found, listed at once. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join('; '));
    this.problems = list;
  }
}

/**
 * While loadConfig runs, problems are collected (the helpers answer their
 * fallback) so one start-up lists them all; outside it, the helpers throw.
 */
let collecting: string[] | null = null;

function problem<T>(message: string, fallback: T): T {
  if (!collecting) throw new ConfigError(message);
  collecting.push(message);
  return fallback;
}

/** `compute`'s value, or `fallback` with its ConfigError collected. */
function attempt<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof ConfigError) || !collecting) throw error;
    collecting.push(...error.problems);
    return fallback;
  }
}

/** A start-up that cannot go on for a reason outside the configuration (a busy port): one log line, exit 1. */
export class StartupError extends Error {}

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    return problem(`${name} must be an integer between ${min} and ${max}, got "${raw}"`, fallback);
  }
  return value;
}

function boolean(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return problem(`${name} must be true or false, got "${raw}"`, fallback);
}

function text(name: string, fallback: string, pattern: RegExp): string {
  const value = process.env[name] || fallback;
  if (!pattern.test(value)) return problem(`${name} must match ${pattern}, got "${value}"`, fallback);
  return value;
}

/**
 * TRUST_PROXY as Express takes it: unset or `false` (trust no proxy), `true`
 * (trust every hop), a hop count, or a comma-separated list of addresses,
 * CIDR ranges and the names loopback, linklocal, uniquelocal. Checked here,
 * so a typo is a configuration error, not a TypeError from deep inside Express.
 */
export function parseTrustProxy(raw: string | undefined): string | number | boolean {
  if (!raw || /^false$/i.test(raw)) return false;
  if (/^true$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);

  const proxyAddr: { compile(list: string[]): unknown } = require('proxy-addr');
  const list = raw.split(',').map((entry) => entry.trim());
  try {
    if (list.some((entry) => entry === '')) throw new Error('an empty entry');
    proxyAddr.compile(list);
  } catch (error) {
    throw new ConfigError(
      `TRUST_PROXY must be false, true, a hop count or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal, got "${raw}" (${(error as Error).message})`,
    );
  }
  return raw;
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function parseDatabaseUrl(raw: string): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/gateway.sqlite or sqlite::memory:');
    return { kind: 'sqlite', path };
  }
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.pathname || url.pathname === '/') throw new Error('no database name');
    } catch (error) {
      throw new ConfigError(`DATABASE_URL is not a valid mysql:// URL (${(error as Error).message})`);
    }
    return { kind: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or mysql://, got "${raw}"`);
}

/**
 * The default REDIS_PREFIX: the MySQL database name, or the SQLite file name
 * without its extension (`memory-<pid>` for an in-memory database, which no
 * other process can share anyway). Gateways and workers of one deployment use
 * the same DATABASE_URL, hence the same prefix.
 */
export function defaultRedisPrefix(database: DatabaseConfig): string {
  const raw =
    database.kind === 'mysql'
      ? decodeURIComponent(new URL(database.url).pathname.slice(1))
      : database.path === ':memory:'
        ? `memory-${process.pid}`
        : basename(database.path).replace(/\.[^.]*$/, '');
  return raw.replace(/[^A-Za-z0-9_.-]/g, '_') || 'gateway';
}

/** Which process reads the configuration: only the gateway verifies tokens (workers and the migration runner do not). */
export type ProcessRole = 'gateway' | 'worker' | 'migrations';

/**
 * The configuration from the environment, or one ConfigError listing every
 * problem: invalid values anywhere, and in production every unsafe setting
 * (see productionProblems). Read before anything touches the database.
 */
export function loadConfig(role: ProcessRole = 'gateway'): Config {
  const outer = collecting;
  collecting = [];
  try {
    const config = readConfig();
    if (config.env === 'production') collecting.push(...productionProblems(process.env, role));
    if (collecting.length) throw new ConfigError(collecting);
    return config;
  } finally {
    collecting = outer;
  }
}

/**
 * What production refuses to start with, whatever else is right: settings
 * meant for development (documents taken unanalysed, introspection for
 * everyone, plain-http links, the embedded database picked by default) and
 * missing keys (token verification, webhook secrets at rest).
 */
export function productionProblems(env: NodeJS.ProcessEnv, role: ProcessRole): string[] {
  const problems: string[] = [];
  const on = (name: string) => /^(1|true|yes|on)$/i.test(env[name] ?? '');
  if (on('ACCEPT_UNVERIFIED_DOCUMENTS'))
    problems.push('ACCEPT_UNVERIFIED_DOCUMENTS=true is refused in production: registrations must rest on analysed documents');
  if (on('INTROSPECTION_FOR_ALL')) problems.push('INTROSPECTION_FOR_ALL=true is refused in production: introspection and suggestions are for analysts only');
  if (env.PUBLIC_BASE_URL && /^http:/i.test(env.PUBLIC_BASE_URL)) problems.push(`PUBLIC_BASE_URL must be https in production, got "${env.PUBLIC_BASE_URL}"`);
  if (!env.DATABASE_URL)
    problems.push('DATABASE_URL is required in production (mysql://… or, named explicitly, sqlite:<file>): the embedded default file is for development');
  if (role === 'gateway' && !env.JWT_SECRET && !env.JWT_PUBLIC_KEY_FILE && !env.JWT_JWKS_FILE && !env.JWT_JWKS_URL) {
    problems.push(
      'a token verification key is required in production: set JWT_JWKS_URL (the OpenID provider), JWT_SECRET, JWT_PUBLIC_KEY_FILE or JWT_JWKS_FILE',
    );
  }
  if (!env.WEBHOOK_SECRET_KEY && !env.WEBHOOK_SECRET_KEY_FILE) {
    problems.push('a webhook secret key is required in production (webhook secrets are encrypted at rest): set WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE');
  }
  return problems;
}

function readConfig(): Config {
  let env = (process.env.NODE_ENV ?? 'development') as Config['env'];
  if (!['development', 'production', 'test'].includes(env)) {
    env = problem(`NODE_ENV must be development, production or test, got "${env}"`, 'development');
  }
  const parsed = attempt(() => parseDatabaseUrl(process.env.DATABASE_URL || 'sqlite:./data/gateway.sqlite'), {
    kind: 'sqlite',
    path: ':memory:',
  } as DatabaseConfig);
  const database: DatabaseConfig =
    parsed.kind === 'sqlite' ? { ...parsed, busyTimeoutMs: integer('SQLITE_BUSY_TIMEOUT_MS', SQLITE_BUSY_TIMEOUT_MS, 0, 600_000) } : parsed;
  if (process.env.METRICS_PORT && process.env.METRICS_PORT !== '0' && process.env.METRICS_PORT === (process.env.PORT || '4000')) {
    problem(`METRICS_PORT must differ from PORT (${process.env.METRICS_PORT}); leave it unset to serve /metrics on the main port`, undefined);
  }
  return {
    env,
    port: integer('PORT', 4000, 0, 65535),
    host: text('HOST', env === 'production' ? '0.0.0.0' : '127.0.0.1', /^(?:[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45})$/),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 25_000, 100, 600_000),
    metricsPort: process.env.METRICS_PORT ? integer('METRICS_PORT', 9464, 0, 65535) : undefined,
    database,
    demoData: boolean('DEMO_DATA', database.kind === 'sqlite' && env !== 'production'),
    maxPageSize: integer('MAX_PAGE_SIZE', 1000, 1, 1000),
    readAheadMaxCustomers: integer('READ_AHEAD_MAX_CUSTOMERS', 1, 0, 1000),
    evaluationDelayMs: integer('EVALUATION_DELAY_MS', env === 'production' ? 120_000 : 3_000, 0, 3_600_000),
    inProcessWorker: boolean('IN_PROCESS_WORKER', true),
    workerPollMs: integer('WORKER_POLL_MS', env === 'production' ? 1_000 : 200, 10, 60_000),
    workerRetryDelayMs: integer('WORKER_RETRY_DELAY_MS', env === 'production' ? 10_000 : 2_000, 0, 3_600_000),
    subscriptionResyncMs: integer('SUBSCRIPTION_RESYNC_MS', 30_000, 100, 3_600_000),
    redisUrl: process.env.REDIS_URL || undefined,
    redisPrefix: text('REDIS_PREFIX', defaultRedisPrefix(database), /^[A-Za-z0-9_.:-]{1,100}$/),
    trustProxy: attempt(() => parseTrustProxy(process.env.TRUST_PROXY), false),
    auth: attempt(() => loadAuthConfig(env), { env: {} }),
    persistedOperations: {
      mode: text('PERSISTED_OPERATIONS', 'apq', /^(apq|allowlist)$/) as 'apq' | 'allowlist',
      manifestFile: process.env.PERSISTED_OPERATIONS_MANIFEST || 'examples/generated/persisted-operations.json',
    },
    institution: {
      brandName: text('INSTITUTION_BRAND_NAME', 'Banco Gateway', /^.{1,80}$/),
      // Digits only: v1.0.3 carries the institution's CNPJ in every companyCnpj and its pattern is ^\d{14}$.
      cnpj: text('INSTITUTION_CNPJ', '11222333000181', /^\d{14}$/),
      compeCode: text('INSTITUTION_COMPE_CODE', '332', /^\d{3}$/),
      branchCode: text('INSTITUTION_BRANCH_CODE', '0001', /^\d{4}$/),
    },
    limits: loadLimitsConfig(env, { integer, boolean }),
    webhooks: {
      allowedHosts: (process.env.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000),
      maxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 4, 1, 20),
      backoffBaseMs: integer('WEBHOOK_BACKOFF_BASE_MS', 10_000, 10, 3_600_000),
      backoffMaxMs: integer('WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 10, 86_400_000),
      secretGraceMs: integer('WEBHOOK_SECRET_GRACE_MS', 86_400_000, 0, 30 * 86_400_000),
      disableAfterMs: integer('WEBHOOK_DISABLE_AFTER_MS', 5 * 86_400_000, 0, 365 * 86_400_000),
      secretKey: attempt(() => webhookSecretKeys(env), undefined),
    },
    consents: attempt(() => loadConsentsConfig(env), { urnNamespace: 'banco', consentlessPermissions: false }),
    publicBaseUrl: attempt(() => loadPublicBaseUrl(env), undefined),
    documents: {
      maxBytes: integer('DOCUMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      // 12 megapixels of 8-bit RGBA: a real ID photo or selfie fits.
      maxDecodedBytes: integer('DOCUMENT_MAX_DECODED_BYTES', 12_000_000 * 4, 1024 * 1024, 256 * 1024 * 1024),
      analysisDelayMs: integer('DOCUMENT_ANALYSIS_DELAY_MS', env === 'production' ? 10_000 : 500, 0, 3_600_000),
      acceptUnverified: boolean('ACCEPT_UNVERIFIED_DOCUMENTS', env === 'development'),
      storage: {
        dir: process.env.DOCUMENT_STORAGE_DIR || './data/documents',
        s3: process.env.DOCUMENT_STORAGE_S3_BUCKET
          ? {
              bucket: process.env.DOCUMENT_STORAGE_S3_BUCKET,
              endpoint: process.env.DOCUMENT_STORAGE_S3_ENDPOINT || undefined,
              region: process.env.DOCUMENT_STORAGE_S3_REGION || process.env.AWS_REGION || 'us-east-1',
            }
          : undefined,
      },
    },
  };
}

function webhookSecretKeys(env: Config['env']): WebhookSecretKeys | undefined {
  try {
    return loadWebhookSecretKeys(env, process.env);
  } catch (error) {
    if (error instanceof WebhookSecretKeyError) throw new ConfigError(error.message);
    throw error;
  }
}

function loadAuthConfig(env: Config['env']): Config['auth'] {
  const names = [
    'JWT_JWKS_URL',
    'JWT_JWKS_COOLDOWN_MS',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'JWT_SECRET',
    'JWT_PUBLIC_KEY_FILE',
    'JWT_JWKS_FILE',
    'JWT_ALGORITHM',
    'DEV_JWT_SECRET_FILE',
  ];
  const auth = Object.fromEntries(names.map((name) => [name, process.env[name] || undefined]));
  // Any token the provider signs for any client would pass the signature check alone: pin who issued it and for whom.
  if (env === 'production' && auth.JWT_JWKS_URL && (!auth.JWT_ISSUER || !auth.JWT_AUDIENCE)) {
    throw new ConfigError(
      "JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE in production: the provider's issuer and the gateway's audience (resource indicator)",
    );
  }
  return { env: auth };
}

function loadConsentsConfig(env: Config['env']): ConsentsConfig {
  const consentlessPermissions = boolean('CONSENTLESS_PERMISSIONS', env !== 'production');
  if (consentlessPermissions && env === 'production')
    throw new ConfigError('CONSENTLESS_PERMISSIONS cannot be true in production: only a consent grants Open Banking permissions');
  return { urnNamespace: text('CONSENT_URN_NAMESPACE', 'banco', /^[a-zA-Z0-9][a-zA-Z0-9-]{0,31}$/), consentlessPermissions };
}

function loadPublicBaseUrl(env: Config['env']): string | undefined {
  const raw = process.env.PUBLIC_BASE_URL;
  if (!raw) {
    // Links must name the host data receivers call; behind a load balancer the gateway cannot guess it.
    if (env === 'production')
      throw new ConfigError('PUBLIC_BASE_URL is required in production (e.g. https://api.banco.com.br): the Open Banking REST links are built from it');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}
