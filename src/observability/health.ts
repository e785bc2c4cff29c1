import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RequestHandler, Router } from 'express';
import { DataSource } from 'typeorm';
import { EventBus } from '../shared/pubsub';
import { GatewayMetrics } from './metrics';

/**
 * /healthz: the process is alive. /readyz: the database answers and is fully
 * migrated, and Redis answers when configured; 503 otherwise, so a load
 * balancer stops routing here. /metrics: Prometheus text format, on the main
 * port unless `options.metrics` is false (METRICS_PORT: see startMetricsServer).
 */
export function operationalRoutes(dataSource: DataSource, bus: EventBus, metrics: GatewayMetrics, isShuttingDown: () => boolean, options: { metrics?: boolean } = {}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    const check = async (name: string, probe: () => Promise<string | undefined>) => {
      try {
        checks[name] = { ok: true, detail: await probe() };
      } catch (error) {
        checks[name] = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    };
    await check('database', async () => {
      await dataSource.query('SELECT 1');
      return dataSource.options.type;
    });
    await check('migrations', async () => {
      if (await dataSource.showMigrations()) throw new Error('pending migrations');
      return 'applied';
    });
    if (bus.redis) {
      await check('redis', async () => {
        await bus.redis!.publish.ping();
        return 'pong';
      });
    }
    checks.accepting = isShuttingDown() ? { ok: false, detail: 'shutting down' } : { ok: true };
    const ready = Object.values(checks).every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
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
export async function startMetricsServer(metrics: GatewayMetrics, port: number): Promise<{ server: Server; port: number; close(): Promise<void> }> {
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
