import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDataSource } from './database/data-source';
import { migrate } from './database/migrate';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { startGateway } from './server';

/** `npm start`: configuration, database (migrated, demo data on an empty embedded one), gateway. */
async function main() {
  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  const applied = await migrate(dataSource);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  if (config.demoData) {
    const demo = await loadDemoDataIfEmpty(dataSource);
    if (demo.created) console.log(`demo data loaded: ${demo.personal} personal and ${demo.business} business customers`);
    console.log(`try: { personalCustomer(cpfNumber: "${demo.firstCpf}") { identifications { civilName } } }`);
  }
  const gateway = await startGateway(config, dataSource);
  console.log(`gateway ready at ${gateway.url} (database: ${config.database.kind})`);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await gateway.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
