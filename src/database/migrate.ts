import { DataSource } from 'typeorm';

const LOCK_NAME = 'customers_gateway_migrations';

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
    const [{ locked }] = await runner.query('SELECT GET_LOCK(?, 120) AS locked', [LOCK_NAME]);
    if (Number(locked) !== 1) throw new Error('timed out waiting for the migration lock');
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
