/**
 * A real OpenID provider (oidc-provider 9) for the tests, in its own process:
 * oidc-provider is ESM only, which jest's CommonJS sandbox cannot import.
 * Started by test/support/oidc.ts; listens on 127.0.0.1 (an ephemeral port),
 * prints one JSON line `{"issuer": …}` once ready, and answers IPC messages:
 * `{ type: 'rotate' }` → a new signing key, published first in the JWKS with the old
 * one kept (as providers rotate), replies `{ type: 'rotated', kid }`.
 *
 * Configuration (env OIDC_CONFIG, JSON): `audience` (the gateway's resource
 * indicator), `otherAudience` (a second resource server, for refusal tests),
 * `clients` ([{ client_id, client_secret, scope }]). Every client uses the
 * client-credentials grant; access tokens are JWTs (RFC 9068) for the resource
 * server: `sub` and `client_id` are the client's id, `scope` the scopes asked for
 * (within the client's), and a scope `consent:<consentId>` (the Open Banking
 * Brasil dynamic scope) becomes the `consentId` claim.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_CONFIG ?? '{}');
const RESOURCE_SCOPES = 'customers customer.read customer.write customer.update webhook.read webhook.write consents:manage';
const CONSENT_SCOPE = /^consent:(urn:.+)$/;

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `k-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

function requestedScopes(ctx) {
  const scope = ctx.oidc.params?.scope;
  return typeof scope === 'string' ? scope.split(' ') : [];
}

function createProvider(issuer, keys) {
  const provider = new Provider(issuer, {
    clients: config.clients.map((client) => ({
      ...client,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys },
    scopes: ['openid', ...RESOURCE_SCOPES.split(' ')],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== config.audience && resource !== config.otherAudience) throw new Provider.errors.InvalidTarget();
          return { scope: RESOURCE_SCOPES, audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // The consent a data receiver's token is bound to: its `consent:<id>` scope, as Open Banking Brasil asks for it.
    extraTokenClaims: (ctx) => {
      const consent = requestedScopes(ctx).map((scope) => CONSENT_SCOPE.exec(scope)?.[1]).find(Boolean);
      return consent ? { consentId: consent } : undefined;
    },
  });
  provider.on('server_error', (ctx, error) => console.error('oidc-provider server_error', error));
  return provider;
}

let keys = [signingKey()];
let handler;
const server = createServer((req, res) => handler(req, res));
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  handler = createProvider(issuer, keys).callback();
  process.on('message', (message) => {
    if (message?.type !== 'rotate') return;
    // The new key signs from now on (first of its algorithm); the old one stays published for the tokens already out.
    keys = [signingKey(), ...keys];
    handler = createProvider(issuer, keys).callback();
    process.send({ type: 'rotated', kid: keys[0].kid });
  });
  process.on('disconnect', () => process.exit(0));
  console.log(JSON.stringify({ issuer, jwksUri: `${issuer}/jwks`, tokenEndpoint: `${issuer}/token` }));
});
