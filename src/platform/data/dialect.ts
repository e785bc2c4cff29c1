import { ConfigError, DatabaseConfig, parseDatabaseUrl } from '../config';

function dialectOf(raw: string): DatabaseConfig['kind'] {
  try {
    return parseDatabaseUrl(raw).kind;
  } catch (error) {
    // An invalid DATABASE_URL is reported by loadConfig with every other problem, not here at import time.
    if (error instanceof ConfigError) return 'sqlite';
    throw error;
  }
}

/**
 * The SQL dialect, known when entity decorators are evaluated: a few column
 * types must differ (SQLite has no exact DECIMAL, so amounts are stored as text there).
 */
export const dialect = dialectOf(process.env.DATABASE_URL || 'sqlite:./data/gateway.sqlite');
