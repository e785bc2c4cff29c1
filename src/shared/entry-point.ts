import pino from 'pino';
import { ConfigError } from '../config';
import { createLogger, logsAreJson } from '../observability/logger';

/**
 * What every process entry point (gateway, worker) does around its own work:
 * one readable line for a configuration error (listing every problem), and a
 * graceful stop on SIGTERM/SIGINT.
 */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((error) => {
    if (error instanceof ConfigError) reportConfigError(error);
    else console.error(error);
    process.exit(1);
  });
}

/** `configuration error: <every problem>`: one JSON log line where logs are JSON (written synchronously: the process exits next), else one text line. */
function reportConfigError(error: ConfigError): void {
  const message = `configuration error: ${error.message}`;
  if (!logsAreJson) return void console.error(message);
  createLogger(pino.destination({ dest: 2, sync: true })).fatal({ problems: error.problems }, message);
}

export function stopOnSignals(what: string, stop: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    console.log(`${signal}: ${what}`);
    try {
      await stop();
    } catch (error) {
      // Closing connections to a dependency that is away is no failure of the stop we were asked for.
      console.error('while stopping:', error);
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
