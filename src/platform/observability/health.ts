import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RequestHandler, Router } from 'express';
import { DataSource } from 'typeorm';
import { listen } from '../listen';
import { EventBus } from '../events/pubsub';
import { logger } from './logger';
import { GatewayMetrics } from './metrics';

/** A probe that has not answered by then counts as failed (a black-holed database must not hang the load balancer). */
const PROBE_TIMEOUT_MS = 2_000;

/** What /readyz says about a failed check: which dependency, never its address or its driver's message. */
const FAILURE_DETAIL = {
  database: 'unreachable',
  migrations: 'pending migrations',
  redis: 'unreachable',
  accepting: 'shutting down',
} as const;
type CheckName = keyof typeof FAILURE_DETAIL;

function withTimeout<T>(probe: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([probe, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * /healthz: the process is alive. /readyz: the database answers and is fully
 * migrated, Redis answers when configured, and the instance is not shutting
 * down; 503 otherwise, so a load balancer stops routing here. The body names
 * the failed checks (`failed: ["redis"]`); the reasons go to the log, once
 * per change. /metrics: Prometheus text format, on the main port unless
 * `options.metrics` is false (METRICS_PORT: see startMetricsServer).
 */
export function operationalRoutes(
  dataSource: DataSource,
  bus: EventBus,
  metrics: GatewayMetrics,
  isShuttingDown: () => boolean,
  options: { metrics?: boolean } = {},
): Router {
  const router = Router();
  const lastState = new Map<CheckName, boolean>();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Partial<Record<CheckName, { ok: boolean; detail?: string }>> = {};
    const check = async (name: Exclude<CheckName, 'accepting'>, probe: () => Promise<string | undefined>) => {
      try {
        checks[name] = { ok: true, detail: await withTimeout(probe(), PROBE_TIMEOUT_MS) };
        if (lastState.get(name) === false) logger.info({ check: name }, 'readiness: check passes again');
      } catch (error) {
        checks[name] = { ok: false, detail: FAILURE_DETAIL[name] };
        if (lastState.get(name) !== false) logger.warn({ check: name, err: error }, 'readiness: check failed');
      }
      lastState.set(name, checks[name]!.ok);
    };
    await check('database', async () => {
      await dataSource.query('SELECT 1');
      return undefined;
    });
    // Whether migrations are pending is unknown while the database is away.
    if (checks.database?.ok) {
      await check('migrations', async () => {
        if (await dataSource.showMigrations()) throw new Error('pending migrations');
        return 'applied';
      });
    }
    if (bus.redis) {
      const { publish, subscribe } = bus.redis;
      await check('redis', async () => {
        // Both connections must be up: one carries our events out, the other brings everyone's in.
        if (publish.status !== 'ready' || subscribe.status !== 'ready') throw new Error(`publish ${publish.status}, subscribe ${subscribe.status}`);
        await publish.ping();
        return undefined;
      });
    }
    checks.accepting = isShuttingDown() ? { ok: false, detail: FAILURE_DETAIL.accepting } : { ok: true };
    const failed = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name]!.ok);
    res.status(failed.length ? 503 : 200).json({ status: failed.length ? 'not ready' : 'ready', failed, checks });
  });
  if (options.metrics !== false) router.get('/metrics', metricsHandler(metrics));
  return router;
}

function metricsHandler(metrics: GatewayMetrics): RequestHandler {
  return async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}

/**
 * METRICS_PORT: /metrics alone on its own port (then not on the main one), for
 * networks that keep the scrape port private. A bare HTTP server: GET /metrics,
 * 404 for anything else. Resolves with the server and the port it listens on.
 */
export async function startMetricsServer(
  metrics: GatewayMetrics,
  port: number,
  host: string,
): Promise<{ server: Server; port: number; address: AddressInfo; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: GET /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n'),
    );
  });
  await listen(server, port, host, 'METRICS_PORT');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
