import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { analystClaims } from '../src/platform/security/viewer';
import { loadConfig } from '../src/platform/config';
import { startTestGateway } from './support/gateway';

/** Asymmetric keys from local files (PEM or JWKS), never fetched: and no algorithm confusion. */
const dir = mkdtempSync(join(tmpdir(), 'gateway-keys-'));
const QUERY = '{ personalCustomers(first: 1) { totalCount } }';

async function signed(privateKey: import('jose').KeyLike, alg: string, kid?: string) {
  return new SignJWT({ ...analystClaims() }).setProtectedHeader({ alg, kid }).setExpirationTime('5m').sign(privateKey);
}

it('verifies RS256 tokens against JWT_PUBLIC_KEY_FILE and refuses an HS256 token keyed with the public key', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const pem = await exportSPKI(publicKey);
  const file = join(dir, 'public.pem');
  writeFileSync(file, pem);
  const gw = await startTestGateway('auth-pem', {
    auth: { env: { ...loadConfig().auth.env, JWT_SECRET: undefined, JWT_PUBLIC_KEY_FILE: file, JWT_ALGORITHM: 'RS256' } },
  });
  try {
    const ok = await gw.query(QUERY, {}, { authorization: `Bearer ${await signed(privateKey, 'RS256')}` });
    expect(ok.body.data.personalCustomers.totalCount).toBe(0);
    const confused = await new SignJWT({ ...analystClaims() }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(pem));
    const refused = await gw.query(QUERY, {}, { authorization: `Bearer ${confused}` });
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  } finally {
    await gw.stop();
  }
});

it('verifies ES256 tokens against a local JWT_JWKS_FILE, by key id', async () => {
  const first = await generateKeyPair('ES256');
  const second = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(first.publicKey)), kid: 'k1', alg: 'ES256' }] };
  const file = join(dir, 'jwks.json');
  writeFileSync(file, JSON.stringify(jwks));
  const gw = await startTestGateway('auth-jwks', { auth: { env: { JWT_JWKS_FILE: file } } });
  try {
    const ok = await gw.query(QUERY, {}, { authorization: `Bearer ${await signed(first.privateKey, 'ES256', 'k1')}` });
    expect(ok.body.errors).toBeUndefined();
    const unknownKey = await gw.query(QUERY, {}, { authorization: `Bearer ${await signed(second.privateKey, 'ES256', 'k1')}` });
    expect(unknownKey.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  } finally {
    await gw.stop();
  }
});
