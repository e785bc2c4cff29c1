import { DataSource } from 'typeorm';

/** Applies pending migrations (each in its own transaction) and reports what ran. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
