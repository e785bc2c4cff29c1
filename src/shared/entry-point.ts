import { ConfigError } from '../config';

/**
 * What every process entry point (gateway, worker) does around its own work:
 * a readable line for a configuration error, and a graceful stop on SIGTERM/SIGINT.
 */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
    process.exit(1);
  });
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
