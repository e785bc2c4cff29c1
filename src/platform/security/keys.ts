import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, JWTVerifyGetKey, KeyLike } from 'jose';
import { ConfigError } from '../config';

/**
 * Token verification keys: JWT_JWKS_URL (the bank's OpenID provider's JWKS,
 * fetched and cached), JWT_SECRET (HMAC, HS256), JWT_PUBLIC_KEY_FILE (PEM,
 * RS256/ES256 per JWT_ALGORITHM) or JWT_JWKS_FILE (a local JWKS). Outside
 * production, with none of them, a development secret is created under ./data
 * so `npm start` works at once and can print ready-to-use tokens. JWT_ISSUER and
 * JWT_AUDIENCE, when set, are checked whatever the key source.
 */
export interface VerificationKeys {
  key: KeyLike | Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  /** Only for the development secret and HMAC setups: lets the gateway mint tokens. */
  signingSecret?: Uint8Array;
  source: string;
  /** JWT_ISSUER: the `iss` every token must carry. */
  issuer?: string;
  /** JWT_AUDIENCE: a value the token's `aud` must contain (the gateway's resource indicator). */
  audience?: string;
}

/** What an OpenID provider signs access tokens with; never HMAC (the JWKS is public). */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const JWKS_COOLDOWN_MS = 30_000;

export const DEV_SECRET_FILE = './data/dev-jwt-secret';
const HMAC_MIN_LENGTH = 32;

export async function loadVerificationKeys(env: NodeJS.ProcessEnv, production: boolean): Promise<VerificationKeys> {
  const checks = { issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined };
  return { ...(await keySource(env, production)), ...checks };
}

async function keySource(env: NodeJS.ProcessEnv, production: boolean): Promise<VerificationKeys> {
  if (env.JWT_JWKS_URL) {
    const others = ['JWT_SECRET', 'JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_FILE'].filter((name) => env[name]);
    if (others.length) throw new ConfigError(`JWT_JWKS_URL cannot be combined with ${others.join(', ')}: set one key source`);
    const url = jwksUrl(env.JWT_JWKS_URL, production);
    const cooldownDuration = env.JWT_JWKS_COOLDOWN_MS ? Number(env.JWT_JWKS_COOLDOWN_MS) : JWKS_COOLDOWN_MS;
    if (!Number.isInteger(cooldownDuration) || cooldownDuration < 0 || cooldownDuration > 3_600_000) {
      throw new ConfigError(`JWT_JWKS_COOLDOWN_MS must be an integer between 0 and 3600000, got "${env.JWT_JWKS_COOLDOWN_MS}"`);
    }
    // Fetched on first use and cached; a token whose `kid` is not in the cache makes jose fetch
    // the set again (at most once per cooldown), so a key rotation at the provider needs no restart.
    const key = createRemoteJWKSet(url, { cooldownDuration, timeoutDuration: 5_000 });
    return { key, algorithms: ASYMMETRIC_ALGORITHMS, source: url.href };
  }
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < HMAC_MIN_LENGTH) throw new ConfigError(`JWT_SECRET must have at least ${HMAC_MIN_LENGTH} characters`);
    const secret = new TextEncoder().encode(env.JWT_SECRET);
    return { key: secret, algorithms: ['HS256'], signingSecret: secret, source: 'JWT_SECRET' };
  }
  if (env.JWT_PUBLIC_KEY_FILE) {
    const algorithm = env.JWT_ALGORITHM || 'RS256';
    if (!/^(RS|PS|ES)(256|384|512)$/.test(algorithm)) throw new ConfigError(`JWT_ALGORITHM ${algorithm} is not an asymmetric algorithm`);
    const pem = readFileSync(env.JWT_PUBLIC_KEY_FILE, 'utf8');
    return { key: await importSPKI(pem, algorithm), algorithms: [algorithm], source: env.JWT_PUBLIC_KEY_FILE };
  }
  if (env.JWT_JWKS_FILE) {
    const jwks = JSON.parse(readFileSync(env.JWT_JWKS_FILE, 'utf8'));
    const algorithms = [...new Set<string>(jwks.keys.map((k: { alg?: string }) => k.alg).filter(Boolean))];
    if (!algorithms.length) throw new ConfigError('JWT_JWKS_FILE keys must declare their "alg"');
    return { key: createLocalJWKSet(jwks), algorithms, source: env.JWT_JWKS_FILE };
  }
  if (production) throw new ConfigError('set JWT_SECRET, JWT_PUBLIC_KEY_FILE or JWT_JWKS_FILE in production');
  const file = env.DEV_JWT_SECRET_FILE || DEV_SECRET_FILE;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  const secret = new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  return { key: secret, algorithms: ['HS256'], signingSecret: secret, source: `development secret ${file}` };
}

function jwksUrl(raw: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`JWT_JWKS_URL must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    throw new ConfigError(`JWT_JWKS_URL must be an https URL${production ? ' in production' : ''}, got "${raw}"`);
  }
  return url;
}
