import { parseDatabaseUrl } from '../config';

/**
 * The SQL dialect, known when entity decorators are evaluated: a few column
 * types must differ (SQLite has no exact DECIMAL, so amounts are stored as text there).
 */
export const dialect = parseDatabaseUrl(process.env.DATABASE_URL || 'sqlite:./data/gateway.sqlite').kind;
