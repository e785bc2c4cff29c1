import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The gateway's resource indicator at the test provider: the `aud` of the tokens it issues for the gateway. */
export const GATEWAY_AUDIENCE = 'https://gateway.test/customers';
/** A second resource server of the same provider: its tokens must not open the gateway. */
export const OTHER_AUDIENCE = 'https://other.test/api';

export interface OidcClient {
  client_id: string;
  /** The scopes the provider lets this client ask for. */
  scope: string;
}

export interface TestOpenIdProvider {
  issuer: string;
  jwksUri: string;
  /** A client-credentials access token (a JWT) of `clientId` with the scopes it asks for, for `resource` (the gateway by default). */
  token(clientId: string, scope: string, resource?: string): Promise<string>;
  /** The provider's raw answer to a token request (errors included). */
  tokenResponse(clientId: string, scope: string, resource?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A new signing key at the provider (the old one stays published): resolves with its `kid`. */
  rotateKeys(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts test/support/oidc-provider.mjs (oidc-provider 9, ESM only, hence its own
 * process) on a loopback port, with these clients (client-credentials grant,
 * client_secret_basic, a secret each made up here).
 */
export async function startOpenIdProvider(clients: OidcClient[]): Promise<TestOpenIdProvider> {
  const secrets = new Map(clients.map((client) => [client.client_id, randomBytes(24).toString('base64url')]));
  const config = {
    audience: GATEWAY_AUDIENCE,
    otherAudience: OTHER_AUDIENCE,
    clients: clients.map((client) => ({ ...client, client_secret: secrets.get(client.client_id) })),
  };
  const child: ChildProcess = fork(join(__dirname, 'oidc-provider.mjs'), [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, OIDC_CONFIG: JSON.stringify(config), NODE_OPTIONS: '' },
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ issuer: string; jwksUri: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start:\n${output}`)), 30_000);
    let line = '';
    child.stdout!.on('data', (chunk) => {
      line += chunk;
      if (!line.includes('\n')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.split('\n')[0]));
    });
    void exited.then(() => reject(new Error(`the OpenID provider exited:\n${output}`)));
  });

  async function tokenResponse(clientId: string, scope: string, resource = GATEWAY_AUDIENCE) {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secrets.get(clientId) ?? 'unknown')}`).toString('base64');
    const response = await fetch(`${ready.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  return {
    ...ready,
    tokenResponse,
    async token(clientId, scope, resource) {
      const { status, body } = await tokenResponse(clientId, scope, resource);
      if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`token request of ${clientId} refused: ${status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    rotateKeys() {
      return new Promise<string>((resolve) => {
        child.once('message', (message: { type: string; kid: string }) => resolve(message.kid));
        child.send({ type: 'rotate' });
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}

/** The decoded header and payload of a JWT (no verification: for assertions on what the provider issued). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}
