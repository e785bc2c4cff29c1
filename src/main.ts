import 'reflect-metadata';
import { loadConfig } from './platform/config';
import { openDataSource } from './data-source';
import { migrate } from './platform/data/migrate';
import { loadDemoDataIfEmpty } from './modules/demo';
import { startGateway } from './server';
import { runEntryPoint, stopOnSignals } from './platform/entry-point';
import { loadVerificationKeys, VerificationKeys } from './platform/security/keys';
import { analystClaims, mintToken, partnerClaims, personalConsentClaims } from './platform/security/viewer';
import { lifecycleLogger as log, prettyLogs } from './platform/observability/logger';

/**
 * Outside production, with a signing secret at hand, tokens a newcomer can paste at once: as text on a developer's
 * terminal (next to the pretty log), as one JSON log line anywhere else (every line of the output is JSON there).
 */
async function printDevelopmentTokens(keys: VerificationKeys, cpf: string | undefined) {
  if (!keys.signingSecret || process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test') return;
  const tokens: Record<string, string> = { analyst: `Bearer ${await mintToken(keys.signingSecret, analystClaims('dev-analyst'))}` };
  const partner = partnerClaims('dev-partner');
  tokens[`partner (${partner.scope})`] = `Bearer ${await mintToken(keys.signingSecret, partner)}`;
  if (cpf) tokens[`customer ${cpf}`] = `Bearer ${await mintToken(keys.signingSecret, personalConsentClaims(cpf))}`;
  const heading = `Development tokens (signed with ${keys.source}; mint others with npm run token)`;
  if (!prettyLogs) return log.info({ tokens }, heading);
  console.log(`\n${heading}:`);
  for (const [who, token] of Object.entries(tokens)) console.log(`  ${who}:  ${token}`);
}

/** `npm start`: configuration, database (migrated, demo data on an empty embedded one), gateway. */
async function main() {
  // Configuration and keys first: a deployment that cannot start leaves the database untouched (nothing migrated).
  const config = loadConfig('gateway');
  log.info({ env: config.env, database: config.database.kind }, 'starting');
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const dataSource = await openDataSource(config.database);
  const applied = await migrate(dataSource);
  if (applied.length) log.info({ migrations: applied }, `migrations applied: ${applied.join(', ')}`);
  let demoCpf: string | undefined;
  if (config.demoData) {
    const demo = await loadDemoDataIfEmpty(dataSource);
    demoCpf = demo.firstCpf ?? undefined;
    if (demo.created)
      log.info({ personal: demo.personal, business: demo.business }, `demo data loaded: ${demo.personal} personal and ${demo.business} business customers`);
    // On a terminal, as text: the log masks every CPF, and this one (synthetic demo data) is meant to be copied.
    if (prettyLogs) console.log(`try: { personalCustomer(cpfNumber: "${demo.firstCpf}") { identifications { civilName } } }`);
    else log.info({ query: `{ personalCustomer(cpfNumber: "${demo.firstCpf}") { identifications { civilName } } }` }, 'try the demo data');
  }
  const gateway = await startGateway(config, dataSource, keys);
  // Handlers first: whoever reads "ready" may signal at once.
  stopOnSignals(
    'shutting down',
    async () => {
      await gateway.stop();
      await dataSource.destroy();
    },
    config.shutdownTimeoutMs,
  );
  log.info(
    { url: gateway.url, metricsUrl: gateway.metricsUrl, database: config.database.kind },
    `gateway ready at ${gateway.url} (database: ${config.database.kind})`,
  );
  await printDevelopmentTokens(gateway.services.keys, demoCpf);
}

runEntryPoint(main);
