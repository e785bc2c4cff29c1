import { loadConfig } from '../src/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/database/migrate';

/** npm run migrate: applies pending migrations to DATABASE_URL. */
async function main() {
  const dataSource = await openDataSource(loadConfig().database);
  const applied = await migrate(dataSource);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
