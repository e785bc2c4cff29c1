import { Router } from 'express';
import { DataSource } from 'typeorm';
import { EventBus } from '../shared/pubsub';
import { GatewayMetrics } from './metrics';

/**
 * /healthz: the process is alive. /readyz: the database answers and is fully
 * migrated, and Redis answers when configured; 503 otherwise, so a load
 * balancer stops routing here. /metrics: Prometheus text format.
 */
export function operationalRoutes(dataSource: DataSource, bus: EventBus, metrics: GatewayMetrics, isShuttingDown: () => boolean): Router {
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
  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
