import 'reflect-metadata';
import { loadConfig } from './config';
import { openDataSource } from './data-source';
import { migrate } from './database/migrate';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { startGateway } from './server';
import { runEntryPoint, stopOnSignals } from './shared/entry-point';
import { loadVerificationKeys, VerificationKeys } from './auth/keys';
import { analystClaims, mintToken, personalConsentClaims } from './auth/viewer';

/** Outside production, with a signing secret at hand, print tokens a newcomer can paste at once. */
async function printDevelopmentTokens(keys: VerificationKeys, cpf: string | undefined) {
  if (!keys.signingSecret || process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test') return;
  console.log(`\nDevelopment tokens (signed with ${keys.source}; mint others with npm run token):`);
  console.log(`  analyst:  Bearer ${await mintToken(keys.signingSecret, analystClaims('dev-analyst'))}`);
  if (cpf) console.log(`  customer ${cpf}:  Bearer ${await mintToken(keys.signingSecret, personalConsentClaims(cpf))}`);
}

/** `npm start`: configuration, database (migrated, demo data on an empty embedded one), gateway. */
async function main() {
  // Configuration and keys first: a deployment that cannot start leaves the database untouched (nothing migrated).
  const config = loadConfig('gateway');
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const dataSource = await openDataSource(config.database);
  const applied = await migrate(dataSource);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  let demoCpf: string | undefined;
  if (config.demoData) {
    const demo = await loadDemoDataIfEmpty(dataSource);
    demoCpf = demo.firstCpf ?? undefined;
    if (demo.created) console.log(`demo data loaded: ${demo.personal} personal and ${demo.business} business customers`);
    console.log(`try: { personalCustomer(cpfNumber: "${demo.firstCpf}") { identifications { civilName } } }`);
  }
  const gateway = await startGateway(config, dataSource, keys);
  console.log(`gateway ready at ${gateway.url} (database: ${config.database.kind})`);
  await printDevelopmentTokens(gateway.services.keys, demoCpf);

  stopOnSignals('shutting down', async () => {
    await gateway.stop();
    await dataSource.destroy();
  });
}

runEntryPoint(main);
