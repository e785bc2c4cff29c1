import { loadConfig } from '../src/platform/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { runEntryPoint } from '../src/platform/entry-point';

/** npm run migrate: applies pending migrations to DATABASE_URL. */
async function main() {
  // The same refusals as the gateway's (production's unsafe settings, all at once) before the database is touched.
  const dataSource = await openDataSource(loadConfig('migrations').database);
  const applied = await migrate(dataSource);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await dataSource.destroy();
}

runEntryPoint(main);
