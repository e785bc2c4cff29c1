import { DataSource } from 'typeorm';

/** MySQL's named locks are server-wide: the lock names the database, so deployments on other databases do not wait. */
const LOCK_PREFIX = 'gateway_migrations:';

/**
 * Applies pending migrations (each in its own transaction) and reports what ran.
 * On MySQL/MariaDB a named lock makes instances started together take turns,
 * so only the first one migrates.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'better-sqlite3') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ database }] = await runner.query('SELECT DATABASE() AS `database`');
    const lockName = `${LOCK_PREFIX}${database}`.slice(0, 64);
    const [{ locked }] = await runner.query('SELECT GET_LOCK(?, 120) AS locked', [lockName]);
    if (Number(locked) !== 1) throw new Error('timed out waiting for the migration lock');
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
  }
}
