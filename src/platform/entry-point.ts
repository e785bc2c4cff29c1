import pino from 'pino';
import { ConfigError, StartupError } from './config';
import { createLogger, lifecycleLogger, logsAreJson } from './observability/logger';

/** How long past SHUTDOWN_TIMEOUT_MS a stop may still take (closing pools, the event bus) before the process gives up on it. */
const CLOSE_GRACE_MS = 5_000;

/**
 * What every process entry point (gateway, worker) does around its own work:
 * one readable log line for a start-up that cannot go on (configuration, a busy port), and a graceful stop on SIGTERM/SIGINT.
 */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((error) => {
    if (error instanceof ConfigError) reportConfigError(error);
    else if (error instanceof StartupError) lifecycleLogger.fatal(error.message);
    else lifecycleLogger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  });
}

/** `configuration error: <every problem>`: one JSON log line where logs are JSON (written synchronously: the process exits next), else one text line. */
function reportConfigError(error: ConfigError): void {
  const message = `configuration error: ${error.message}`;
  if (!logsAreJson) return void console.error(message);
  createLogger(pino.destination({ dest: 2, sync: true })).fatal({ problems: error.problems }, message);
}

/**
 * SIGTERM or SIGINT runs `stop` once (which bounds its own waiting by `timeoutMs`, SHUTDOWN_TIMEOUT_MS) and
 * exits 0. A stop that hangs past that (a pool that never closes) exits 1; so does a second signal (Ctrl-C twice).
 * This is the only signal handler: Apollo's own is turned off (src/platform/graphql/operation-pipeline.ts), since it
 * re-sends the signal as soon as Apollo has stopped and the process would end with 143 before the rest had closed.
 */
export function stopOnSignals(what: string, stop: () => Promise<void>, timeoutMs: number): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      lifecycleLogger.warn({ signal }, `${signal} again: exiting without waiting for the stop`);
      process.exit(1);
    }
    stopping = true;
    lifecycleLogger.info({ signal, shutdownTimeoutMs: timeoutMs }, `${signal}: ${what}`);
    const started = Date.now();
    setTimeout(() => {
      lifecycleLogger.error({ signal }, `the stop did not end within ${timeoutMs + CLOSE_GRACE_MS} ms: exiting`);
      process.exit(1);
    }, timeoutMs + CLOSE_GRACE_MS).unref();
    try {
      await stop();
    } catch (error) {
      // Closing connections to a dependency that is away is no failure of the stop we were asked for.
      lifecycleLogger.warn({ err: error }, 'while stopping');
    }
    lifecycleLogger.info({ durationMs: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
