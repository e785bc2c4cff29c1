import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadVerificationKeys } from '../src/platform/security/keys';
import { PARTNER_SCOPES } from '../src/platform/security/viewer';
import { ConfigError, loadConfig } from '../src/platform/config';
import { givenConsent } from './support/consents';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TEST_JWT_SECRET, TestGateway } from './support/gateway';
import { decodeJwt, GATEWAY_AUDIENCE, OTHER_AUDIENCE, startOpenIdProvider, TestOpenIdProvider } from './support/oidc';
import { compiledEntry, eventually, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { givenRestCustomers, rest } from './support/rest';
import { Receiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

const CREATE_WEBHOOK = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }';
const WEBHOOKS = '{ webhooks { totalCount edges { node { id url } } } }';
const CUSTOMER = 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }';
const bearer = (token: string) => `Bearer ${token}`;

describe(`tokens from the bank's OpenID provider (JWT_JWKS_URL) on ${testDatabaseKind}`, () => {
  let op: TestOpenIdProvider;
  let gw: TestGateway;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    op = await startOpenIdProvider([
      { client_id: 'partner-a', scope: PARTNER_SCOPES },
      { client_id: 'partner-b', scope: PARTNER_SCOPES },
      { client_id: 'receiver-1', scope: 'customers' },
    ]);
    const base = loadConfig();
    gw = await startTestGateway('oidc', {
      // Cooldown 0: the refetch on an unknown kid happens at once (30 s in production), so the rotation test needs no wait.
      auth: { env: { JWT_JWKS_URL: op.jwksUri, JWT_ISSUER: op.issuer, JWT_AUDIENCE: GATEWAY_AUDIENCE, JWT_JWKS_COOLDOWN_MS: '0' } },
      webhooks: { ...base.webhooks, allowedHosts: ['127.0.0.1'] },
      evaluationDelayMs: 60_000,
    });
  });

  afterAll(async () => {
    await gw?.stop();
    await op?.stop();
    await receiver.stop();
  });

  it('gives a partner a client-credentials token with the scopes it asks for; its client id (sub) owns its webhooks', async () => {
    const token = await op.token('partner-a', PARTNER_SCOPES);
    expect(decodeJwt(token)).toMatchObject({
      header: { typ: 'at+jwt', alg: 'RS256' },
      payload: { sub: 'partner-a', client_id: 'partner-a', scope: PARTNER_SCOPES, iss: op.issuer, aud: GATEWAY_AUDIENCE },
    });
    const created = await gw.query(
      CREATE_WEBHOOK,
      { input: { url: 'http://127.0.0.1:9/partner-a', eventNames: ['CUSTOMER_WAS_APPROVED'], context: 'Customer' } },
      { authorization: bearer(token) },
    );
    expect(created.body.errors).toBeUndefined();
    const own = await gw.query(WEBHOOKS, {}, { authorization: bearer(token) });
    expect(own.body.data.webhooks.edges.map((e: any) => e.node.url)).toEqual(['http://127.0.0.1:9/partner-a']);
    const other = await gw.query(WEBHOOKS, {}, { authorization: bearer(await op.token('partner-b', 'webhook.read')) });
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data.webhooks.totalCount).toBe(0);
  });

  it("sends the events of a registration made with a partner's provider token to that partner's webhook only", async () => {
    const [a, b] = [await op.token('partner-a', PARTNER_SCOPES), await op.token('partner-b', PARTNER_SCOPES)];
    for (const [token, path] of [
      [a, '/a-events'],
      [b, '/b-events'],
    ]) {
      const created = await gw.query(
        CREATE_WEBHOOK,
        { input: { url: `${receiver.base}${path}`, eventNames: ['CUSTOMER_WAS_RECEIVED'], context: 'Customer' } },
        { authorization: bearer(token) },
      );
      expect(created.body.errors).toBeUndefined();
    }
    const cpf = uniqueCpf();
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: bearer(a) })).body.errors).toBeUndefined();
    const events = await eventually(async () => {
      const sent = receiver.at('/a-events').map((r) => JSON.parse(r.body) as { name: string; entityId: string });
      return sent.some((e) => e.entityId === cpf) && sent;
    });
    expect(events.map((e) => [e.name, e.entityId])).toEqual([['CUSTOMER_WAS_RECEIVED', cpf]]);
    expect(receiver.at('/b-events')).toEqual([]);
  });

  it("tells a partner reading customer data (journey step 6) which token reads it: FORBIDDEN naming the customer's or an analyst's token", async () => {
    const token = await op.token('partner-a', PARTNER_SCOPES);
    const res = await gw.query(CUSTOMER, { c: '47742663023' }, { authorization: bearer(token) });
    expect([res.status, res.body.errors![0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    expect(res.body.errors![0].message).toBe(
      'Not for this kind of caller (partner): customer, receiver, analyst only. Customer data is read with a token bound to the customer (its consent: scope customers)' +
        " or an analyst's token; a partner's token (customer.*) follows a registration with customerRegistration and customerEvaluation.",
    );
  });

  it('grants only the scopes asked for: a token asked with customer.read cannot create a webhook (FORBIDDEN)', async () => {
    const token = await op.token('partner-a', 'customer.read');
    expect(decodeJwt(token).payload.scope).toBe('customer.read');
    const res = await gw.query(
      CREATE_WEBHOOK,
      { input: { url: 'http://127.0.0.1:9/x', eventNames: ['CUSTOMER_WAS_APPROVED'], context: 'Customer' } },
      { authorization: bearer(token) },
    );
    expect([res.status, res.body.errors![0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    expect(res.body.errors![0].message).toContain('The token lacks the scope "webhook.write"');
    // …and the provider refuses a scope outside the client's registration.
    const refused = await op.tokenResponse('partner-a', 'customers');
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_scope']);
  });

  it("binds a data receiver's token to its consent (consentId claim) and reads that customer over REST and GraphQL", async () => {
    const customers = await givenRestCustomers(gw, 1);
    const consent = await givenConsent(gw, { cpf: customers.cpf, receiver: 'receiver-1' });
    const token = await op.token('receiver-1', `customers consent:${consent.consentId}`);
    expect(decodeJwt(token).payload).toMatchObject({ sub: 'receiver-1', consentId: consent.consentId, scope: 'customers' });
    const identifications = await rest(gw, '/personal/identifications', { headers: { authorization: bearer(token) } });
    expect([identifications.status, identifications.body.errors]).toEqual([200, undefined]);
    expect(identifications.body.data).toHaveLength(1);
    const read = await gw.query(CUSTOMER, { c: customers.cpf }, { authorization: bearer(token) });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.personalCustomer.cpfNumber).toBe(customers.cpf);
    // A consent granted to another receiver does not bind this client's token.
    const others = await givenConsent(gw, { cpf: customers.cpf, receiver: 'receiver-2' });
    const foreign = await rest(gw, '/personal/identifications', {
      headers: { authorization: bearer(await op.token('receiver-1', `customers consent:${others.consentId}`)) },
    });
    expect([foreign.status, foreign.body.errors[0].code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it("refuses the provider's token for another audience and a token signed with a key the provider never published (UNAUTHENTICATED)", async () => {
    const elsewhere = await op.token('partner-a', 'webhook.read', OTHER_AUDIENCE);
    const res = await gw.query(WEBHOOKS, {}, { authorization: bearer(elsewhere) });
    expect(res.status).toBe(401);
    expect(res.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors![0].message).toContain('"aud"');
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ scope: 'webhook.read' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
      .setSubject('partner-a')
      .setIssuer(op.issuer)
      .setAudience(GATEWAY_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    const forgedRes = await gw.query(WEBHOOKS, {}, { authorization: bearer(forged) });
    expect([forgedRes.status, forgedRes.body.errors![0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('follows a key rotation at the provider without a restart: the new kid is fetched, the old key still verifies', async () => {
    const before = await op.token('partner-b', 'webhook.read');
    expect((await gw.query(WEBHOOKS, {}, { authorization: bearer(before) })).body.errors).toBeUndefined();
    const kid = await op.rotateKeys();
    const after = await op.token('partner-b', 'webhook.read');
    expect(decodeJwt(after).header.kid).toBe(kid);
    expect(decodeJwt(before).header.kid).not.toBe(kid);
    const res = await gw.query(WEBHOOKS, {}, { authorization: bearer(after) });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect((await gw.query(WEBHOOKS, {}, { authorization: bearer(before) })).body.errors).toBeUndefined();
  });
});

describe('JWT_JWKS_URL configuration', () => {
  const NAMES = [
    'NODE_ENV',
    'PUBLIC_BASE_URL',
    'JWT_JWKS_URL',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'JWT_SECRET',
    'DATABASE_URL',
    'WEBHOOK_SECRET_KEY',
    'ACCEPT_UNVERIFIED_DOCUMENTS',
    'INTROSPECTION_FOR_ALL',
  ];

  function withEnv(env: Record<string, string>, run: () => void) {
    const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
    try {
      for (const name of NAMES) delete process.env[name];
      Object.assign(process.env, env);
      run();
    } finally {
      for (const name of NAMES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  }

  it('is a configuration error in production without JWT_ISSUER and JWT_AUDIENCE', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://api.banco.com.br',
      JWT_JWKS_URL: 'https://login.banco.com.br/jwks',
      DATABASE_URL: 'sqlite:/var/lib/gateway/gateway.sqlite',
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    withEnv(production, () => expect(() => loadConfig()).toThrow(/JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE/));
    withEnv({ ...production, JWT_ISSUER: 'https://login.banco.com.br' }, () => expect(() => loadConfig()).toThrow(ConfigError));
    withEnv({ ...production, JWT_ISSUER: 'https://login.banco.com.br', JWT_AUDIENCE: 'https://api.banco.com.br' }, () => {
      expect(loadConfig().auth.env).toMatchObject({ JWT_JWKS_URL: 'https://login.banco.com.br/jwks', JWT_AUDIENCE: 'https://api.banco.com.br' });
    });
    // Development: issuer and audience are optional (checked when set).
    withEnv({ NODE_ENV: 'development', JWT_JWKS_URL: 'http://127.0.0.1:9/jwks' }, () => expect(loadConfig().auth.env.JWT_ISSUER).toBeUndefined());
  });

  it('wants https in production and one key source', async () => {
    await expect(loadVerificationKeys({ JWT_JWKS_URL: 'http://login.banco.com.br/jwks' }, true)).rejects.toThrow(/https URL in production/);
    await expect(loadVerificationKeys({ JWT_JWKS_URL: 'https://login.banco.com.br/jwks', JWT_SECRET: TEST_JWT_SECRET }, true)).rejects.toThrow(
      /cannot be combined with JWT_SECRET/,
    );
    const keys = await loadVerificationKeys(
      { JWT_JWKS_URL: 'https://login.banco.com.br/jwks', JWT_ISSUER: 'https://login.banco.com.br', JWT_AUDIENCE: 'aud' },
      true,
    );
    expect(keys).toMatchObject({ issuer: 'https://login.banco.com.br', audience: 'aud', source: 'https://login.banco.com.br/jwks' });
    expect(keys.algorithms).not.toContain('HS256');
  });

  it('checks JWT_ISSUER and JWT_AUDIENCE with the other key sources too', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const dir = mkdtempSync(join(tmpdir(), 'gateway-oidc-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' }] }));
    const gw = await startTestGateway('oidc-file', { auth: { env: { JWT_JWKS_FILE: file, JWT_ISSUER: 'https://login.banco.com.br', JWT_AUDIENCE: 'gw' } } });
    try {
      const sign = (iss: string, aud: string) =>
        new SignJWT({ scope: 'webhook.read' })
          .setProtectedHeader({ alg: 'ES256', kid: 'k' })
          .setSubject('p')
          .setIssuer(iss)
          .setAudience(aud)
          .setExpirationTime('5m')
          .sign(privateKey);
      expect((await gw.query(WEBHOOKS, {}, { authorization: bearer(await sign('https://login.banco.com.br', 'gw')) })).body.errors).toBeUndefined();
      const wrongIssuer = await gw.query(WEBHOOKS, {}, { authorization: bearer(await sign('https://evil.example', 'gw')) });
      expect([wrongIssuer.status, wrongIssuer.body.errors![0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(wrongIssuer.body.errors![0].message).toContain('"iss"');
    } finally {
      await gw.stop();
    }
  });
});

// Processes of their own on a file database of their own: the same on either test database, so run once.
(testDatabaseKind === 'sqlite' ? describe : describe.skip)('development tokens (run with the SQLite pass only)', () => {
  const root = join(__dirname, '..');
  const mint = (...args: string[]) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      execFile(
        process.execPath,
        [compiledEntry('scripts/token.ts'), ...args],
        {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET },
        },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(decodeJwt(out.trim()).payload)),
      );
    });

  it('npm run token -- partner carries the webhook scopes; --scope and --roles set any scopes and roles', async () => {
    expect(await mint('partner', '--sub', 'acme')).toMatchObject({ sub: 'acme', scope: PARTNER_SCOPES });
    expect(PARTNER_SCOPES.split(' ')).toEqual(expect.arrayContaining(['webhook.read', 'webhook.write']));
    const custom = await mint('analyst', '--scope', 'customers webhook.read', '--roles', 'analyst,compliance');
    expect(custom).toMatchObject({ scope: 'customers webhook.read', roles: ['analyst', 'compliance'] });
  });

  it('npm start prints a partner token with the webhook scopes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-devtokens-'));
    const gateway = await startProcess(
      'src/main.ts',
      {
        NODE_ENV: 'development',
        JWT_SECRET: TEST_JWT_SECRET,
        DATABASE_URL: `sqlite:${join(dir, 'gateway.sqlite')}`,
        DEMO_DATA: 'false',
        IN_PROCESS_WORKER: 'false',
      },
      /"partner \([^)]*\)":"Bearer \S+"/,
    );
    try {
      // Not on a terminal: the tokens come as one JSON log line.
      const [, scope, token] = /"partner \(([^)]*)\)":"Bearer ([^"]+)"/.exec(gateway.output())!;
      expect(scope).toBe(PARTNER_SCOPES);
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token) },
        body: JSON.stringify({ query: WEBHOOKS }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });
});
