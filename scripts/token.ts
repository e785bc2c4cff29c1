/**
 * npm run token -- <analyst|partner|personal CPF|business CNPJ> [--sub NAME] [--expires 12h] [--roles a,b]
 * Mints an HS256 token with JWT_SECRET, or the development secret under ./data.
 */
import { loadVerificationKeys } from '../src/auth/keys';
import { analystClaims, businessConsentClaims, mintToken, partnerClaims, personalConsentClaims, TokenClaims } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import { isValidCnpj, isValidCpf } from '../src/shared/documents';

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
  else if (kind === 'personal' && document && !isValidCpf(document)) throw new Error(`not a CPF (11 digits, valid check digits): ${document}; the gateway refuses such tokens`);
  else if (kind === 'business' && document && !isValidCnpj(document)) throw new Error(`not a CNPJ (14 digits, valid check digits): ${document}; the gateway refuses such tokens`);
  else if (kind === 'personal' && document) claims = personalConsentClaims(document, sub);
  else if (kind === 'business' && document) claims = businessConsentClaims(document, sub);
  else throw new Error('usage: npm run token -- analyst | partner | personal <CPF> | business <CNPJ> [--sub NAME] [--expires 12h] [--roles a,b]');
  const roles = option('roles');
  if (roles) claims.roles = roles.split(',');
  const config = loadConfig();
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  if (!keys.signingSecret) throw new Error(`cannot mint: verification keys come from ${keys.source} (asymmetric); use your identity provider`);
  console.log(await mintToken(keys.signingSecret, claims, option('expires') ?? '12h'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
