/**
 * npm run token -- <analyst|partner|personal CPF|business CNPJ> [--sub NAME] [--scope "a b"] [--roles a,b] [--expires 12h]
 * Mints an HS256 token with JWT_SECRET, or the development secret under ./data.
 * `--scope` replaces the kind's scopes and `--roles` sets its roles, for any kind
 * (e.g. `partner --scope "customer.read webhook.read"`).
 * `personal` and `business` first create an AUTHORISED consent (all the
 * customer's permissions, 1 year, receiver = the token's subject) in the
 * configured database (DATABASE_URL, migrated if needed), and put its id in
 * the token's `consentId` claim. Development only: refused in production.
 */
import { loadVerificationKeys } from '../src/platform/security/keys';
import { analystClaims, businessConsentClaims, mintToken, partnerClaims, personalConsentClaims, TokenClaims } from '../src/platform/security/viewer';
import { Config, loadConfig } from '../src/platform/config';
import { ConsentService } from '../src/modules/consents/consent.service';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { isValidCnpj, isValidCpf } from '../src/platform/documents';
import { createGatewayPubSub } from '../src/platform/events/pubsub';

const YEAR_MS = 365 * 86_400_000;

/** An AUTHORISED consent for the claims' customer, its permissions and subject: its consentId. */
async function developmentConsent(config: Config, claims: TokenClaims): Promise<string> {
  if (config.env === 'production') throw new Error('npm run token creates consents for development only; in production the consent service creates them');
  const dataSource = await openDataSource(config.database);
  try {
    await migrate(dataSource);
    const consents = new ConsentService(dataSource, createGatewayPubSub(), config.consents); // nothing listens: it only creates and authorises
    const consent = await consents.create({
      cpf: claims.cpf,
      cnpj: claims.cnpj,
      permissions: claims.permissions ?? [],
      receiver: claims.sub,
      expirationDateTime: new Date(Date.now() + YEAR_MS),
    });
    await consents.authorise(consent.consentId);
    console.error(
      `consent ${consent.consentId} AUTHORISED for ${claims.cpf ?? claims.cnpj}, receiver ${claims.sub}, until ${consent.expirationDateTime.toISOString()}`,
    );
    return consent.consentId;
  } finally {
    await dataSource.destroy();
  }
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const [kind, document] = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const sub = option('sub');
  let claims: TokenClaims;
  if (kind === 'analyst') claims = analystClaims(sub);
  else if (kind === 'partner') claims = partnerClaims(sub);
  else if (kind === 'personal' && document && !isValidCpf(document))
    throw new Error(`not a CPF (11 digits, valid check digits): ${document}; the gateway refuses such tokens`);
  else if (kind === 'business' && document && !isValidCnpj(document))
    throw new Error(`not a CNPJ (14 digits, valid check digits): ${document}; the gateway refuses such tokens`);
  else if (kind === 'personal' && document) claims = personalConsentClaims(document, sub);
  else if (kind === 'business' && document) claims = businessConsentClaims(document, sub);
  else
    throw new Error('usage: npm run token -- analyst | partner | personal <CPF> | business <CNPJ> [--sub NAME] [--scope "a b"] [--roles a,b] [--expires 12h]');
  const scope = option('scope');
  if (scope !== undefined)
    claims.scope = scope
      .split(/[\s,]+/)
      .filter(Boolean)
      .join(' ');
  const roles = option('roles');
  if (roles !== undefined)
    claims.roles = roles
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean);
  const config = loadConfig();
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  if (!keys.signingSecret) throw new Error(`cannot mint: verification keys come from ${keys.source} (asymmetric); use your identity provider`);
  if (claims.cpf || claims.cnpj) claims.consentId = await developmentConsent(config, claims);
  console.log(await mintToken(keys.signingSecret, claims, option('expires') ?? '12h'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
