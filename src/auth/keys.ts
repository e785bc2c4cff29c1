import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, importSPKI, JWTVerifyGetKey, KeyLike } from 'jose';
import { ConfigError } from '../config';

/**
 * Token verification keys, from configuration only (no network fetches):
 * JWT_SECRET (HMAC, HS256), JWT_PUBLIC_KEY_FILE (PEM, RS256/ES256 per
 * JWT_ALGORITHM) or JWT_JWKS_FILE (a local JWKS). Outside production, with
 * none of them, a development secret is created under ./data so `npm start`
 * works at once and can print ready-to-use tokens.
 */
export interface VerificationKeys {
  key: KeyLike | Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  /** Only for the development secret and HMAC setups: lets the gateway mint tokens. */
  signingSecret?: Uint8Array;
  source: string;
}

export const DEV_SECRET_FILE = './data/dev-jwt-secret';
const HMAC_MIN_LENGTH = 32;

export async function loadVerificationKeys(env: NodeJS.ProcessEnv, production: boolean): Promise<VerificationKeys> {
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
