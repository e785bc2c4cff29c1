/**
 * Abuse limits, read from the environment with safe defaults. Every limit is
 * checked before any resolver (so before any SQL) runs; see src/platform/security/limits/index.ts.
 */
export interface LimitsConfig {
  /** MAX_QUERY_DEPTH: nesting of fields, fragments flattened (graphql-armor's max-depth rule); `__schema` is not measured. */
  maxDepth: number;
  /** MAX_QUERY_COST: estimated cost, see operationCost in document-analysis.ts. */
  maxCost: number;
  /** MAX_ALIASES: aliased fields in each operation, fragments expanded (graphql-armor's max-aliases rule). */
  maxAliases: number;
  /** MAX_ROOT_FIELDS: distinct root fields (response keys) of the executed operation. */
  maxRootFields: number;
  /** MAX_OPERATIONS_PER_DOCUMENT: operation definitions in one document (HTTP batching is off). */
  maxOperations: number;
  /** MAX_DOCUMENT_BYTES: size of the GraphQL document (the `query` text) in UTF-8 bytes. */
  maxDocumentBytes: number;
  /**
   * MAX_QUERY_TOKENS: lexical tokens the parser reads before giving up. Bounds parse time and nesting,
   * and graphql's own validation, whose overlapping-fields rule is quadratic in repeated fields
   * (1 000 tokens: tens of ms at worst; the largest example operation has 150, introspection 163).
   */
  maxTokens: number;
  /** MAX_REQUEST_BYTES: the whole HTTP body, variables included. */
  maxRequestBytes: number;
  /** RATE_LIMIT_POINTS requests per RATE_LIMIT_WINDOW_SECONDS per client (token subject, else address). */
  rateLimit: { points: number; windowSeconds: number; keyPrefix: string };
  /** EXECUTION_TIMEOUT_MS: no field starts resolving after this much execution time. */
  executionTimeoutMs: number;
  /** MAX_SUBSCRIPTIONS_PER_CONNECTION: operations open at once on one WebSocket. */
  maxSubscriptionsPerConnection: number;
  /** MAX_SUBSCRIPTIONS_PER_SUBJECT: subscriptions open at once for one token subject, all its sockets together (per instance). */
  maxSubscriptionsPerSubject: number;
  /** MAX_CONNECTIONS_PER_ADDRESS: WebSockets open at once from one client address (per instance). */
  maxConnectionsPerAddress: number;
  /** INTROSPECTION_FOR_ALL: introspection and "Did you mean" suggestions for every caller, not only analysts. */
  introspectionForAll: boolean;
}

/** The env parsing helpers of src/platform/config.ts, passed in so this file does not import it back. */
export interface EnvReaders {
  integer(name: string, fallback: number, min: number, max: number): number;
  boolean(name: string, fallback: boolean): boolean;
}

export const LIMIT_DEFAULTS = {
  maxDepth: 12,
  maxCost: 50_000,
  maxAliases: 15,
  maxRootFields: 10,
  maxOperations: 5,
  maxDocumentBytes: 16 * 1024,
  maxTokens: 1_000,
  maxRequestBytes: 100 * 1024,
  ratePoints: 600,
  rateWindowSeconds: 60,
  executionTimeoutMs: 10_000,
  maxSubscriptionsPerConnection: 20,
  maxSubscriptionsPerSubject: 100,
  maxConnectionsPerAddress: 50,
} as const;

export function loadLimitsConfig(env: 'development' | 'production' | 'test', read: EnvReaders): LimitsConfig {
  const d = LIMIT_DEFAULTS;
  const maxDocumentBytes = read.integer('MAX_DOCUMENT_BYTES', d.maxDocumentBytes, 256, 1024 * 1024);
  return {
    maxDepth: read.integer('MAX_QUERY_DEPTH', d.maxDepth, 2, 100),
    maxCost: read.integer('MAX_QUERY_COST', d.maxCost, 1, 10_000_000),
    maxAliases: read.integer('MAX_ALIASES', d.maxAliases, 0, 1_000),
    maxRootFields: read.integer('MAX_ROOT_FIELDS', d.maxRootFields, 1, 1_000),
    maxOperations: read.integer('MAX_OPERATIONS_PER_DOCUMENT', d.maxOperations, 1, 100),
    maxDocumentBytes,
    maxTokens: read.integer('MAX_QUERY_TOKENS', d.maxTokens, 100, 100_000),
    // The body must at least hold the document (plus its JSON escaping).
    maxRequestBytes: read.integer('MAX_REQUEST_BYTES', Math.max(d.maxRequestBytes, 2 * maxDocumentBytes), maxDocumentBytes, 16 * 1024 * 1024),
    rateLimit: {
      points: read.integer('RATE_LIMIT_POINTS', d.ratePoints, 1, 1_000_000),
      windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', d.rateWindowSeconds, 1, 86_400),
      keyPrefix: process.env.RATE_LIMIT_KEY_PREFIX || 'gateway:rate',
    },
    executionTimeoutMs: read.integer('EXECUTION_TIMEOUT_MS', d.executionTimeoutMs, 1, 600_000),
    maxSubscriptionsPerConnection: read.integer('MAX_SUBSCRIPTIONS_PER_CONNECTION', d.maxSubscriptionsPerConnection, 1, 10_000),
    maxSubscriptionsPerSubject: read.integer('MAX_SUBSCRIPTIONS_PER_SUBJECT', d.maxSubscriptionsPerSubject, 1, 1_000_000),
    maxConnectionsPerAddress: read.integer('MAX_CONNECTIONS_PER_ADDRESS', d.maxConnectionsPerAddress, 1, 1_000_000),
    introspectionForAll: read.boolean('INTROSPECTION_FOR_ALL', env === 'development'),
  };
}
