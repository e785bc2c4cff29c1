import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook as Verifier } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { DatabaseConfig, loadConfig } from '../src/platform/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { partnerClaims } from '../src/platform/security/viewer';
import { SANDBOX_REPROVED_CPFS } from '../src/modules/onboarding/registration.rules';
import { backoffMs } from '../src/modules/webhooks/delivery.worker';
import { signatureHeaders } from '../src/modules/webhooks/sender';
import { CustomerEventName } from '../src/modules/onboarding/onboarding.enums';
import { classifyAddress } from '../src/modules/webhooks/address-rule';
import { EVENT_TYPES, exampleEnvelope } from '../src/modules/webhooks/event-catalog';
import { isForbiddenAddress } from '../src/modules/webhooks/webhook-url';
import { loadWebhookSecretKeys, SecretBox, secretBoxFor } from '../src/platform/security/secret-box';
import { newSecret, reencryptWebhookSecrets } from '../src/modules/webhooks/webhook.service';
import { Webhook, WebhookAttempt, WebhookDelivery } from '../src/modules/webhooks/webhook.entities';
import { dropDatabase, migratedDatabase, testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually, startProcess } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { Receiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

const ALL_EVENTS = ['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'CUSTOMER_WAS_REPROVED'];

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateWebhookInput!) {
    createWebhook(input: $input) { id url eventNames context status secret createdAt }
  }
`;
const CREATE_MULTI = /* GraphQL */ `
  mutation CreateMulti($input: CreateWebhookInput!) {
    createWebhook(input: $input) { id context contexts secret }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($filter: WebhookDeliveryFilter, $first: Int) {
    webhookDeliveries(first: $first, filter: $filter) {
      totalCount
      edges { node { id webhookId idempotencyKey eventName entityId sequence status attemptCount nextAttemptAt attempts { at httpStatus errorClass durationMs succeeded } } }
    }
  }
`;

describe(`partner webhooks on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  const receiver = new Receiver();
  let partnerA: string;
  let partnerB: string;
  let registrar: string;

  beforeAll(async () => {
    await receiver.start();
    gw = await startTestGateway('webhooks', {
      evaluationDelayMs: 200,
      // A minute (the longest WORKER_POLL_MS): every evaluation step, delivery and retry of this file happens on time, as the worker
      // loops poll when work is announced (WORK_ENQUEUED) and at the due time of the next job a poll saw (polling.ts).
      workerPollMs: 60_000,
      webhooks: {
        allowedHosts: ['127.0.0.1'],
        timeoutMs: 5_000,
        maxAttempts: 3,
        backoffBaseMs: 100,
        backoffMaxMs: 400,
        secretGraceMs: 60_000,
        disableAfterMs: 5 * 86_400_000,
      },
    });
    partnerA = `Bearer ${await tokenFor({ sub: 'partner-a', scope: 'customer.read customer.write webhook.read webhook.write' })}`;
    partnerB = `Bearer ${await tokenFor({ sub: 'partner-b', scope: 'customer.read customer.write webhook.read webhook.write' })}`;
    registrar = `Bearer ${await tokenFor(partnerClaims('registrar'))}`;
  });

  afterAll(async () => {
    await gw?.stop();
    await receiver.stop();
  });

  async function createWebhook(path: string, authorization = partnerA, eventNames = ALL_EVENTS) {
    const { body } = await gw.query(CREATE, { input: { url: `${receiver.base}${path}`, eventNames, context: 'Customer' } }, { authorization });
    expect(body.errors).toBeUndefined();
    return body.data.createWebhook as { id: number; secret: string };
  }

  async function register(cpf: string, authorization = partnerA) {
    const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization });
    expect(body.errors).toBeUndefined();
  }

  async function deliveries(filter: Record<string, unknown>, authorization = partnerA) {
    const { body } = await gw.query(DELIVERIES, { filter, first: 100 }, { authorization });
    expect(body.errors).toBeUndefined();
    return body.data.webhookDeliveries.edges.map((e: any) => e.node) as any[];
  }

  const count = async (table: string) => Number((await gw.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('delivers every event of an approval and of a reprovation in order, signed, once each, to the registering partner only', async () => {
    const webhook = await createWebhook('/ok');
    const webhookB = await createWebhook('/b', partnerB);
    expect(webhook.secret).toMatch(/^whsec_/);
    const approved = uniqueCpf();
    const reproved = [...SANDBOX_REPROVED_CPFS][0];
    const ofB = uniqueCpf();
    await register(approved);
    await register(reproved);
    await register(ofB, partnerB);
    await register(uniqueCpf(), registrar); // a third partner without webhooks: nothing queued for A or B

    const done = await eventually(async () => {
      const rows = await deliveries({ webhookId: webhook.id });
      return rows.length === 6 && rows.every((d) => d.status === 'SUCCEEDED') && rows;
    }, 60_000);
    expect(done.every((d) => d.attemptCount === 1 && d.attempts.length === 1 && d.attempts[0].httpStatus === 200)).toBe(true);
    expect(done.map((d) => d.nextAttemptAt)).toEqual(Array(6).fill(null)); // final: nothing is due

    const received = receiver.at('/ok');
    expect(received).toHaveLength(6); // final states: nothing more is sent
    const verifier = new Verifier(webhook.secret);
    const stranger = new Verifier(newSecret());
    const envelopes = received.map(({ headers, body }) => {
      const envelope = verifier.verify(body, headers as Record<string, string>) as any;
      expect(() => stranger.verify(body, headers as Record<string, string>)).toThrow();
      expect(headers['webhook-id']).toBe(envelope.idempotencyKey);
      expect(Object.keys(envelope)).toEqual([
        'entityId',
        'companyKey',
        'context',
        'name',
        'idempotencyKey',
        'correlationId',
        'timestamp',
        'version',
        'metadata',
        'data',
      ]);
      return envelope;
    });
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(6);
    const namesOf = (cpf: string) => envelopes.filter((e) => e.entityId === cpf).map((e) => e.name);
    expect(namesOf(approved)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED']);
    expect(namesOf(reproved)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_REPROVED']);
    expect(envelopes.find((e) => e.name === 'CUSTOMER_WAS_REPROVED').data).toEqual({}); // reasons stay with analysts
    expect(envelopes.every((e) => e.companyKey === 'partner-a')).toBe(true);

    // B's webhook gets B's registration, and only it.
    await eventually(async () => {
      const rows = await deliveries({ webhookId: webhookB.id }, partnerB);
      return rows.length === 3 && rows.every((d) => d.status === 'SUCCEEDED');
    }, 60_000);
    expect(
      receiver
        .at('/b')
        .map((r) => JSON.parse(r.body))
        .map((e) => [e.entityId, e.name]),
    ).toEqual([
      [ofB, 'CUSTOMER_WAS_RECEIVED'],
      [ofB, 'CUSTOMER_IN_ANALYSIS'],
      [ofB, 'CUSTOMER_WAS_APPROVED'],
    ]);
    expect(await count('webhook_deliveries')).toBe(9);

    // Another partner cannot have A's events redelivered to its webhook.
    const foreign = (
      await gw.query(
        `mutation R($key: String!, $id: Int!) { redeliverWebhookEvent(idempotencyKey: $key, webhookId: $id) { status } }`,
        { key: envelopes[0].idempotencyKey, id: webhookB.id },
        { authorization: partnerB },
      )
    ).body;
    expect(foreign.errors![0].extensions.code).toBe('EVENT_NOT_FOUND');

    await gw.query(`mutation { deleteWebhook(id: ${webhook.id}) }`, {}, { authorization: partnerA });
    await gw.query(`mutation { deleteWebhook(id: ${webhookB.id}) }`, {}, { authorization: partnerB });
  });

  it('retries with the same webhook-id after two 500s, and ends FAILED when the receiver never succeeds', async () => {
    receiver.answers.set('/flaky', (n) => (n <= 2 ? 500 : 200));
    receiver.answers.set('/down', () => 503);
    const flaky = await createWebhook('/flaky', partnerA, ['CUSTOMER_WAS_RECEIVED']);
    const down = await createWebhook('/down', partnerA, ['CUSTOMER_WAS_RECEIVED']);
    const cpf = uniqueCpf();
    await register(cpf);

    const [delivered] = await eventually(async () => {
      const rows = await deliveries({ webhookId: flaky.id, status: 'SUCCEEDED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect(delivered.attempts.map((a: any) => [a.httpStatus, a.succeeded])).toEqual([
      [500, false],
      [500, false],
      [200, true],
    ]);
    const sent = receiver.at('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered.idempotencyKey]));
    for (const r of sent) new Verifier(flaky.secret).verify(r.body, r.headers as Record<string, string>);

    const [failed] = await eventually(async () => {
      const rows = await deliveries({ webhookId: down.id, status: 'FAILED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect([failed.attemptCount, failed.nextAttemptAt]).toEqual([3, null]);
    expect(failed.attempts.map((a: any) => a.httpStatus)).toEqual([503, 503, 503]);
    expect(receiver.at('/down')).toHaveLength(3);

    // Redelivery: the same event, the same webhook-id, a fresh attempt budget; the log keeps the earlier attempts.
    receiver.answers.set('/down', () => 204);
    const { body } = await gw.query(
      `mutation R($key: String!, $id: Int!) { redeliverWebhookEvent(idempotencyKey: $key, webhookId: $id) { status attemptCount idempotencyKey } }`,
      { key: failed.idempotencyKey, id: down.id },
      { authorization: partnerA },
    );
    expect(body.errors).toBeUndefined();
    // attemptCount counts every attempt, across redeliveries (the new round has its own budget).
    expect(body.data.redeliverWebhookEvent).toEqual({ status: 'PENDING', attemptCount: 3, idempotencyKey: failed.idempotencyKey });
    const [redelivered] = await eventually(async () => {
      const rows = await deliveries({ webhookId: down.id, status: 'SUCCEEDED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect(redelivered.attempts.map((a: any) => a.httpStatus)).toEqual([503, 503, 503, 204]);
    expect([redelivered.attemptCount, redelivered.nextAttemptAt]).toEqual([4, null]);
    expect(receiver.at('/down').map((r) => r.headers['webhook-id'])).toEqual(Array(4).fill(failed.idempotencyKey));
  });

  it('counts attempts in the metrics', async () => {
    const metric = async () => {
      const text = await (await fetch(gw.gateway.metricsUrl)).text();
      const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      return {
        succeeded: value('webhook_deliveries_total{outcome="succeeded"}'),
        retry: value('webhook_deliveries_total{outcome="retry"}'),
        failed: value('webhook_deliveries_total{outcome="failed"}'),
        queue: value('webhook_queue_depth'),
        latencyCount: value('webhook_delivery_latency_seconds_count'),
      };
    };
    // So far: 9 + 1 + 1 successes, 2 + 2 retries, 1 final failure, nothing pending.
    const expected = { succeeded: 11, retry: 4, failed: 1, queue: 0, latencyCount: 16 };
    await eventually(async () => JSON.stringify(await metric()) === JSON.stringify(expected), 30_000);
    expect(await metric()).toEqual(expected);
  });

  it('disables a webhook whose attempts keep failing for WEBHOOK_DISABLE_AFTER_MS, and tells its owner why', async () => {
    receiver.answers.set('/dead', () => 503);
    const dead = await createWebhook('/dead', partnerA, ['CUSTOMER_WAS_RECEIVED']);
    const saved = gw.config.webhooks.disableAfterMs;
    gw.config.webhooks.disableAfterMs = 1; // the first failure starts the clock, the second (later) one disables
    try {
      await register(uniqueCpf());
      const webhook = await eventually(async () => {
        const w = await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: dead.id });
        return w.status === 'DISABLED' && w;
      }, 60_000);
      expect(webhook.disabledReason).toMatch(/^every delivery attempt has failed since .* \(last: HTTP 503\)/);
    } finally {
      gw.config.webhooks.disableAfterMs = saved;
    }
    const listed = (await gw.query(`{ webhooks(first: 100) { edges { node { id status disabledReason failingSince } } } }`, {}, { authorization: partnerA }))
      .body;
    const node = listed.data.webhooks.edges.map((e: any) => e.node).find((n: any) => n.id === dead.id);
    expect(node.status).toBe('DISABLED');
    expect(node.disabledReason).toContain('HTTP 503');
    const [waiting] = await deliveries({ webhookId: dead.id });
    expect([waiting.status, waiting.attemptCount]).toEqual(['PENDING', 2]); // a disabled webhook's deliveries wait

    receiver.answers.set('/dead', () => 200);
    const enabled = (
      await gw.query(
        `mutation { updateWebhook(id: ${dead.id}, input: { status: ENABLED }) { status disabledReason failingSince } }`,
        {},
        { authorization: partnerA },
      )
    ).body;
    expect(enabled.data.updateWebhook).toEqual({ status: 'ENABLED', disabledReason: null, failingSince: null });
    await eventually(async () => (await deliveries({ webhookId: dead.id, status: 'SUCCEEDED' })).length === 1, 60_000);
    expect(receiver.at('/dead')).toHaveLength(3);
    await gw.query(`mutation { deleteWebhook(id: ${dead.id}) }`, {}, { authorization: partnerA });
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const before = await count('webhooks');
    const attempt = async (input: Record<string, unknown>) => {
      const { body } = await gw.query(CREATE, { input: { context: 'Customer', eventNames: ['CUSTOMER_WAS_APPROVED'], ...input } }, { authorization: partnerA });
      expect(body.data).toBeNull();
      return body.errors![0].extensions.code;
    };
    expect(await attempt({ url: 'not a url' })).toBe('INVALID_WEBHOOK_URL');
    expect(await attempt({ url: 'ftp://partner.example/hook' })).toBe('INVALID_WEBHOOK_URL');
    expect(await attempt({ url: 'http://partner.example/hook' })).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await attempt({ url: 'https://10.1.2.3/hook' })).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await attempt({ url: 'https://169.254.169.254/latest/meta-data' })).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await attempt({ url: 'https://[::1]/hook' })).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await attempt({ url: 'https://localhost/hook' })).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await attempt({ url: `${receiver.base}/x`, eventNames: ['CUSTOMER_WAS_EATEN'] })).toBe('UNKNOWN_EVENT_NAME');
    expect(await attempt({ url: `${receiver.base}/x`, context: 'Business' })).toBe('UNKNOWN_CONTEXT');
    const { body } = await gw.query(
      CREATE,
      { input: { url: `${receiver.base}/x`, eventNames: ['CUSTOMER_WAS_APPROVED'] } },
      {
        authorization: `Bearer ${await tokenFor({ sub: 'reader', scope: 'webhook.read' })}`,
      },
    );
    expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await count('webhooks')).toBe(before);
  });

  it('keeps each partner to its own webhooks (analysts see all)', async () => {
    const mine = await createWebhook('/mine', partnerA, ['CUSTOMER_WAS_APPROVED']);
    const before = await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: mine.id });
    const asB = async (query: string, variables: Record<string, unknown> = {}) => (await gw.query(query, variables, { authorization: partnerB })).body;

    expect((await asB(`mutation { updateWebhook(id: ${mine.id}, input: { url: "${receiver.base}/stolen" }) { id } }`)).errors![0].extensions.code).toBe(
      'WEBHOOK_NOT_FOUND',
    );
    expect((await asB(`mutation { deleteWebhook(id: ${mine.id}) }`)).errors![0].extensions.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await asB(`mutation { rotateWebhookSecret(id: ${mine.id}) { secret } }`)).errors![0].extensions.code).toBe('WEBHOOK_NOT_FOUND');
    const listB = await asB(`{ webhooks(first: 100) { edges { node { id } } } }`);
    expect(listB.data.webhooks.edges.map((e: any) => e.node.id)).not.toContain(mine.id);
    expect((await asB(DELIVERIES, { filter: { webhookId: mine.id } })).data.webhookDeliveries.totalCount).toBe(0);
    expect(await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: mine.id })).toEqual(before);

    const listA = (await gw.query(`{ webhooks(first: 100) { edges { node { id url secret } } } }`, {}, { authorization: partnerA })).body;
    expect(listA.data.webhooks.edges.map((e: any) => e.node)).toContainEqual({ id: mine.id, url: `${receiver.base}/mine`, secret: null });
    const analyst = `Bearer ${await tokenFor({ sub: 'analyst-w', scope: 'webhook.read', roles: ['analyst'] } as any)}`;
    const all = (await gw.query(`{ webhooks(first: 100) { edges { node { id } } } }`, {}, { authorization: analyst })).body;
    expect(all.data.webhooks.edges.map((e: any) => e.node.id)).toContain(mine.id);

    // The owner may change, rotate and delete it.
    const updated = (
      await gw.query(
        `mutation { updateWebhook(id: ${mine.id}, input: { eventNames: ["CUSTOMER_WAS_REPROVED"], status: DISABLED }) { eventNames status secret } }`,
        {},
        { authorization: partnerA },
      )
    ).body;
    expect(updated.data.updateWebhook).toEqual({ eventNames: ['CUSTOMER_WAS_REPROVED'], status: 'DISABLED', secret: null });
    const rotated = (await gw.query(`mutation { rotateWebhookSecret(id: ${mine.id}) { secret previousSecretExpiresAt } }`, {}, { authorization: partnerA }))
      .body;
    expect(rotated.data.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.data.rotateWebhookSecret.secret).not.toBe(mine.secret);
    expect(rotated.data.rotateWebhookSecret.previousSecretExpiresAt).not.toBeNull();
    expect((await gw.query(`mutation { deleteWebhook(id: ${mine.id}) }`, {}, { authorization: partnerA })).body.data.deleteWebhook).toBe(true);
    expect(await gw.dataSource.getRepository(Webhook).findOneBy({ id: mine.id })).toBeNull();
  });

  it('keeps signing secrets sealed at rest (AES-256-GCM, v1 prefix), rotation included', async () => {
    const hook = await createWebhook('/sealed', partnerA, ['CUSTOMER_WAS_APPROVED']);
    const row = async () => (await gw.dataSource.query('SELECT secret, previousSecret FROM webhooks WHERE id = ?', [hook.id]))[0];
    const stored = await row();
    const body = hook.secret.slice('whsec_'.length);
    expect(stored.secret).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(stored.secret).not.toContain(body);
    expect(secretBoxFor(gw.config).open(stored.secret)).toBe(hook.secret);
    const rotated = (await gw.query(`mutation { rotateWebhookSecret(id: ${hook.id}) { secret } }`, {}, { authorization: partnerA })).body.data
      .rotateWebhookSecret.secret;
    const after = await row();
    expect(after.previousSecret).toBe(stored.secret);
    expect(after.secret).toMatch(/^v1:/);
    expect(after.secret).not.toContain(rotated.slice('whsec_'.length));
    await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
  });

  it('subscribes one webhook, with one secret, to events of several contexts', async () => {
    const created = (
      await gw.query(
        CREATE_MULTI,
        {
          input: { url: `${receiver.base}/multi`, eventNames: ['CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED', 'DOCUMENT_WAS_PROCESSED'] },
        },
        { authorization: partnerA },
      )
    ).body;
    expect(created.errors).toBeUndefined();
    const hook = created.data.createWebhook;
    expect([hook.context, hook.contexts]).toEqual([null, ['Customer', 'Account', 'Document']]);
    const cpf = uniqueCpf();
    await register(cpf);
    const envelopes = await eventually(async () => {
      const got = receiver.at('/multi').map(({ headers, body }) => new Verifier(hook.secret).verify(body, headers as Record<string, string>) as any);
      return got.length >= 2 && got;
    }, 60_000);
    expect(envelopes.map((e: any) => [e.entityId, e.context, e.name])).toEqual([
      [cpf, 'Customer', 'CUSTOMER_WAS_APPROVED'],
      [cpf, 'Account', 'ACCOUNT_WAS_CREATED'],
    ]);
    // What is sent matches the catalog partners read.
    const types = (await gw.query(`{ webhookEventTypes { name context dataFields { name } example } }`, {}, { authorization: partnerA })).body.data
      .webhookEventTypes;
    for (const envelope of envelopes) {
      const type = types.find((t: any) => t.name === envelope.name);
      expect([envelope.name, Object.keys(envelope.data)]).toEqual([envelope.name, type.dataFields.map((f: any) => f.name)]);
      expect(Object.keys(envelope)).toEqual(Object.keys(type.example));
    }

    // The one-context argument still restricts: EVENT_NOT_IN_CONTEXT, nothing written.
    const before = await count('webhooks');
    const restricted = (
      await gw.query(
        CREATE_MULTI,
        {
          input: { url: `${receiver.base}/multi`, context: 'Customer', eventNames: ['CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED'] },
        },
        { authorization: partnerA },
      )
    ).body;
    expect(restricted.errors![0].extensions.code).toBe('EVENT_NOT_IN_CONTEXT');
    const changed = (await gw.query(`mutation { updateWebhook(id: ${hook.id}, input: { context: "Account" }) { id } }`, {}, { authorization: partnerA })).body;
    expect(changed.errors![0].extensions.code).toBe('EVENT_NOT_IN_CONTEXT');
    expect(await count('webhooks')).toBe(before);
    // Narrowed to one context, the webhook says which.
    const narrowed = (
      await gw.query(
        `mutation { updateWebhook(id: ${hook.id}, input: { eventNames: ["ACCOUNT_WAS_CREATED"], context: "Account" }) { context contexts } }`,
        {},
        { authorization: partnerA },
      )
    ).body;
    expect(narrowed.data.updateWebhook).toEqual({ context: 'Account', contexts: ['Account'] });
    await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
  });

  it('lists every event type with its context, data fields and an example envelope', async () => {
    const { body } = await gw.query(
      `{ webhookEventTypes { name context description subscribable dataFields { name type description } example } }`,
      {},
      { authorization: partnerA },
    );
    expect(body.errors).toBeUndefined();
    const types = body.data.webhookEventTypes as any[];
    expect(types.map((t) => t.name)).toEqual([...Object.values(CustomerEventName), 'WEBHOOK_TEST']);
    for (const type of types) {
      expect([type.name, type.example.name, type.example.context]).toEqual([type.name, type.name, type.context]);
      expect([type.name, Object.keys(type.example.data)]).toEqual([type.name, type.dataFields.map((f: any) => f.name)]);
      expect(type.subscribable).toBe(type.name !== 'WEBHOOK_TEST');
    }
    expect(types.find((t) => t.name === 'ACCOUNT_WAS_CREATED').context).toBe('Account');
    expect(types.find((t) => t.name === 'DOCUMENT_WAS_PROCESSED').context).toBe('Document');
    expect(types.find((t) => t.name === 'CUSTOMER_WAS_REPROVED').example.data).toEqual({}); // reasons are not sent
    const refused = (
      await gw.query(`{ webhookEventTypes { name } }`, {}, { authorization: `Bearer ${await tokenFor({ sub: 'nobody', scope: 'customer.read' })}` })
    ).body;
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('sendTestWebhookEvent delivers one signed WEBHOOK_TEST event and answers its outcome; another partner gets WEBHOOK_NOT_FOUND', async () => {
    const hook = await createWebhook('/test-event', partnerA, ['CUSTOMER_WAS_CANCELED']);
    const SEND = `mutation($id: Int!) { sendTestWebhookEvent(id: $id) { idempotencyKey at httpStatus errorClass durationMs succeeded } }`;
    const { body } = await gw.query(SEND, { id: hook.id }, { authorization: partnerA });
    expect(body.errors).toBeUndefined();
    const result = body.data.sendTestWebhookEvent;
    expect(result).toMatchObject({ httpStatus: 200, errorClass: null, succeeded: true });
    const [sent] = receiver.at('/test-event');
    expect(receiver.at('/test-event')).toHaveLength(1);
    expect(sent.headers['webhook-id']).toBe(result.idempotencyKey);
    const envelope = new Verifier(hook.secret).verify(sent.body, sent.headers as Record<string, string>) as any;
    expect(envelope).toMatchObject({
      entityId: null,
      companyKey: 'partner-a',
      context: 'Webhook',
      name: 'WEBHOOK_TEST',
      idempotencyKey: result.idempotencyKey,
      data: { webhookId: hook.id },
    });
    const types = (await gw.query(`{ webhookEventTypes { name example } }`, {}, { authorization: partnerA })).body.data.webhookEventTypes;
    expect(Object.keys(envelope)).toEqual(Object.keys(types.find((t: any) => t.name === 'WEBHOOK_TEST').example));

    receiver.answers.set('/test-event', () => 500);
    const failing = (await gw.query(SEND, { id: hook.id }, { authorization: partnerA })).body.data.sendTestWebhookEvent;
    expect(failing).toMatchObject({ httpStatus: 500, succeeded: false });
    expect(receiver.at('/test-event')).toHaveLength(2); // no retry
    expect(await deliveries({ webhookId: hook.id })).toEqual([]); // not in the outbox

    const foreign = (await gw.query(SEND, { id: hook.id }, { authorization: partnerB })).body;
    expect(foreign.errors![0].extensions.code).toBe('WEBHOOK_NOT_FOUND');
    expect(receiver.at('/test-event')).toHaveLength(2);
    await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
  });

  it('refuses IPv6 spellings of loopback and special-purpose space on create and update (WEBHOOK_URL_NOT_ALLOWED); accepts public addresses', async () => {
    const before = await count('webhooks');
    const refusedUrls = [
      'https://[::127.0.0.1]/hook',
      'https://[64:ff9b:1::7f00:1]/hook',
      'https://[2002:7f00:1::]/hook',
      'https://[::ffff:0:7f00:1]/hook',
      'https://[100::1]/hook',
      'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook',
      'https://[64:ff9b::a9fe:a9fe]/hook',
      'https://[fd00:ec2::254]/hook',
      'https://[fe80::1]/hook',
      'https://[2001:db8::1]/hook',
      'https://192.0.0.170/hook',
      'https://198.18.0.1/hook',
      'https://240.0.0.1/hook',
      'https://0xa.1/hook',
      'https://167772161/hook',
      'https://[::ffff:127.0.0.1]/hook',
    ];
    for (const url of refusedUrls) {
      const { body } = await gw.query(CREATE, { input: { url, eventNames: ['CUSTOMER_WAS_APPROVED'] } }, { authorization: partnerA });
      expect([url, body.errors?.[0]?.extensions?.code]).toEqual([url, 'WEBHOOK_URL_NOT_ALLOWED']);
      expect(body.errors![0].extensions.fields[0]).toMatchObject({ field: 'input.url', code: 'WEBHOOK_URL_NOT_ALLOWED' });
    }
    const hook = await createWebhook('/kept', partnerA, ['CUSTOMER_WAS_APPROVED']);
    for (const url of ['https://[::127.0.0.1]/x', 'https://[2002:a00:1::]/x']) {
      const { body } = await gw.query(
        `mutation($id: Int!, $url: String!) { updateWebhook(id: $id, input: { url: $url }) { url } }`,
        { id: hook.id, url },
        { authorization: partnerA },
      );
      expect([url, body.errors?.[0]?.extensions?.code]).toEqual([url, 'WEBHOOK_URL_NOT_ALLOWED']);
    }
    expect((await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: hook.id })).url).toBe(`${receiver.base}/kept`);
    await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
    expect(await count('webhooks')).toBe(before);

    // Public addresses pass (IP literals: no lookup, and no connection at creation). A subject that registers
    // nothing owns them and they are deleted at once: nothing is ever sent to them.
    const outsider = `Bearer ${await tokenFor({ sub: 'partner-public', scope: 'webhook.read webhook.write' })}`;
    for (const url of ['https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]/hook', 'https://[2606:4700:4700::1111]:8443/hook']) {
      const { body } = await gw.query(CREATE, { input: { url, eventNames: ['CUSTOMER_WAS_APPROVED'] } }, { authorization: outsider });
      expect([url, body.errors]).toEqual([url, undefined]);
      await gw.query(`mutation { deleteWebhook(id: ${body.data.createWebhook.id}) }`, {}, { authorization: outsider });
    }
  });

  it('checks the connected address at delivery: a loopback host no longer allowed is refused before any connection (URL_NOT_ALLOWED)', async () => {
    const saved = gw.config.webhooks.allowedHosts;
    const port = new URL(receiver.base).port;
    gw.config.webhooks.allowedHosts = ['127.0.0.1', 'localhost'];
    let literal: { id: number };
    let named: { id: number };
    try {
      const create = async (url: string) =>
        (await gw.query(CREATE, { input: { url, eventNames: ['CUSTOMER_WAS_RECEIVED'] } }, { authorization: partnerA })).body.data.createWebhook;
      literal = await create(`https://127.0.0.1:${port}/refused-literal`);
      named = await create(`https://localhost:${port}/refused-named`);
      gw.config.webhooks.allowedHosts = ['some-other-host.test'];
      await register(uniqueCpf());
      for (const hook of [literal, named]) {
        const [failed] = await eventually(async () => {
          const rows = await deliveries({ webhookId: hook.id, status: 'FAILED' });
          return rows.length === 1 && rows;
        }, 60_000);
        expect(failed.attempts.map((a: any) => [a.httpStatus, a.errorClass])).toEqual(Array(3).fill([null, 'URL_NOT_ALLOWED']));
      }
    } finally {
      gw.config.webhooks.allowedHosts = saved;
    }
    expect(receiver.at('/refused-literal')).toHaveLength(0);
    expect(receiver.at('/refused-named')).toHaveLength(0);
    for (const hook of [literal!, named!]) await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
  });

  it('a secret sealed under an unknown key: attempts fail SECRET_UNAVAILABLE and nothing is sent', async () => {
    const hook = await createWebhook('/lost-key', partnerA, ['CUSTOMER_WAS_RECEIVED']);
    const foreignBox = new SecretBox({ current: randomBytes(32), old: [], source: 'WEBHOOK_SECRET_KEY' });
    await gw.dataSource.getRepository(Webhook).update({ id: hook.id }, { secret: foreignBox.seal(hook.secret) });
    const test = (await gw.query(`mutation { sendTestWebhookEvent(id: ${hook.id}) { httpStatus errorClass succeeded } }`, {}, { authorization: partnerA }))
      .body;
    expect(test.data.sendTestWebhookEvent).toEqual({ httpStatus: null, errorClass: 'SECRET_UNAVAILABLE', succeeded: false });
    await register(uniqueCpf());
    const [failed] = await eventually(async () => {
      const rows = await deliveries({ webhookId: hook.id, status: 'FAILED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect(failed.attempts.map((a: any) => a.errorClass)).toEqual(Array(3).fill('SECRET_UNAVAILABLE'));
    expect(receiver.at('/lost-key')).toHaveLength(0);
    // Start-up leaves it as it is (no crash); rotating is how the partner recovers.
    expect(await reencryptWebhookSecrets(gw.dataSource, secretBoxFor(gw.config))).toBe(0);
    const rotated = (await gw.query(`mutation { rotateWebhookSecret(id: ${hook.id}) { secret } }`, {}, { authorization: partnerA })).body.data
      .rotateWebhookSecret.secret;
    expect((await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: hook.id })).previousSecret).toBeNull();
    const retest = (await gw.query(`mutation { sendTestWebhookEvent(id: ${hook.id}) { succeeded } }`, {}, { authorization: partnerA })).body;
    expect(retest.data.sendTestWebhookEvent.succeeded).toBe(true);
    const [sent] = receiver.at('/lost-key');
    expect(new Verifier(rotated).verify(sent.body, sent.headers as Record<string, string>)).toMatchObject({ name: 'WEBHOOK_TEST' });
    await gw.query(`mutation { deleteWebhook(id: ${hook.id}) }`, {}, { authorization: partnerA });
  });

  it('leaves nothing behind in the outbox for deleted webhooks', async () => {
    const deleted = await gw.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhookId)')
      .getCount();
    expect(deleted).toBe(0);
    const orphans = await gw.dataSource
      .getRepository(WebhookAttempt)
      .createQueryBuilder('a')
      .where('NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.deliveryId)')
      .getCount();
    expect(orphans).toBe(0);
  });
});

describe('webhook signing and address rules', () => {
  it('signs with both secrets during a rotation: either verifies, a third does not', () => {
    const [older, newer, other] = [newSecret(), newSecret(), newSecret()];
    const body = JSON.stringify({ name: 'CUSTOMER_WAS_APPROVED' });
    const headers = signatureHeaders([newer, older], 'key-1', body);
    expect(headers['webhook-id']).toBe('key-1');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Verifier(newer).verify(body, headers)).toEqual({ name: 'CUSTOMER_WAS_APPROVED' });
    expect(new Verifier(older).verify(body, headers)).toEqual({ name: 'CUSTOMER_WAS_APPROVED' });
    expect(() => new Verifier(other).verify(body, headers)).toThrow();
    expect(() => new Verifier(newer).verify(`${body} `, headers)).toThrow();
  });

  it('refuses loopback, private, link-local, metadata and mapped addresses; accepts public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ]) {
      expect([address, isForbiddenAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['8.8.8.8', '200.160.2.3', '2001:4860:4860::8888']) expect([address, isForbiddenAddress(address)]).toEqual([address, false]);
  });

  /** The rule of src/modules/webhooks/address-rule.ts, address by address: [address, allowed, a part of the reason]. */
  const RULE: [string, boolean, string][] = [
    // The IPv6 spellings of loopback and discard space.
    ['::127.0.0.1', false, 'IPv4-compatible ::/96 embeds 127.0.0.1'],
    ['[::127.0.0.1]', false, 'embeds 127.0.0.1'],
    ['::7f00:1', false, 'embeds 127.0.0.1'],
    ['64:ff9b:1::7f00:1', false, 'local-use NAT64 64:ff9b:1::/48 embeds 127.0.0.1'],
    ['2002:7f00:1::', false, '6to4 2002::/16 embeds 127.0.0.1'],
    ['::ffff:0:7f00:1', false, 'SIIT IPv4-translated ::ffff:0:0:0/96 embeds 127.0.0.1'],
    ['100::1', false, '100::/64: discard-only'],
    // Embedded IPv4, extracted and checked again.
    ['::ffff:7f00:1', false, 'IPv4-mapped ::ffff:0:0/96 embeds 127.0.0.1'],
    ['::ffff:169.254.169.254', false, 'embeds 169.254.169.254'],
    ['64:ff9b::a9fe:a9fe', false, 'NAT64 64:ff9b::/96 embeds 169.254.169.254'],
    ['2002:c0a8:101::1', false, '6to4 2002::/16 embeds 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', false, 'Teredo 2001::/32 embeds 127.0.0.1'], // NOT 7f00:0001
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', false, 'Teredo 2001::/32 embeds 10.0.0.1'],
    // Embedding a public IPv4 does not make it public: the prefix is special-purpose.
    ['64:ff9b::808:808', false, '64:ff9b::/96: IPv4/IPv6 translation'],
    ['2002:808:808::1', false, '2002::/16: 6to4'],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', false, '2001::/32: Teredo'],
    ['::ffff:8.8.8.8', false, '::ffff:0:0/96: IPv4-mapped'],
    // IPv4 special-purpose blocks.
    ['0.1.2.3', false, '0.0.0.0/8'],
    ['10.255.255.255', false, '10.0.0.0/8'],
    ['100.127.255.254', false, '100.64.0.0/10'],
    ['127.255.0.1', false, '127.0.0.0/8'],
    ['169.254.169.254', false, '169.254.0.0/16'],
    ['172.31.255.255', false, '172.16.0.0/12'],
    ['192.0.0.9', false, '192.0.0.0/24'],
    ['192.0.0.170', false, '192.0.0.0/24'],
    ['192.0.2.1', false, '192.0.2.0/24'],
    ['192.31.196.1', false, '192.31.196.0/24'],
    ['192.52.193.1', false, '192.52.193.0/24'],
    ['192.88.99.1', false, '192.88.99.0/24'],
    ['192.168.0.1', false, '192.168.0.0/16'],
    ['192.175.48.1', false, '192.175.48.0/24'],
    ['198.18.0.1', false, '198.18.0.0/15'],
    ['198.19.255.255', false, '198.18.0.0/15'],
    ['198.51.100.7', false, '198.51.100.0/24'],
    ['203.0.113.9', false, '203.0.113.0/24'],
    ['224.0.0.1', false, '224.0.0.0/4'],
    ['240.0.0.1', false, '240.0.0.0/4'],
    ['255.255.255.255', false, 'limited broadcast'],
    // IPv6: outside 2000::/3, or a special-purpose block inside it.
    ['::', false, '::/128: unspecified'],
    ['::1', false, '::1/128: loopback'],
    ['::2', false, 'IPv4-compatible ::/96 embeds 0.0.0.2'],
    ['fc00::1', false, 'fc00::/7'],
    ['fd00:ec2::254', false, 'fc00::/7'],
    ['fe80::1', false, 'fe80::/10'],
    ['fe80::1%eth0', false, 'fe80::/10'],
    ['ff02::1', false, 'outside 2000::/3'],
    ['5f00::1', false, '5f00::/16'],
    ['4000::1', false, 'outside 2000::/3'],
    ['2001:db8::1', false, '2001:db8::/32'],
    ['2001:db8:ffff::1', false, '2001:db8::/32'],
    ['3fff::1', false, '3fff::/20'],
    ['2001:2::1', false, '2001:2::/48'],
    ['2001:10::1', false, '2001:10::/28'],
    ['2001:1ff::1', false, '2001::/23'],
    ['2620:4f:8000::1', false, '2620:4f:8000::/48'],
    ['not-an-address', false, 'not an IP address'],
    // Public: must pass.
    ['8.8.8.8', true, 'public'],
    ['1.1.1.1', true, 'public'],
    ['200.160.2.3', true, 'public'],
    ['100.63.255.255', true, 'public'],
    ['100.128.0.0', true, 'public'],
    ['172.32.0.1', true, 'public'],
    ['192.0.1.1', true, 'public'],
    ['198.20.0.1', true, 'public'],
    ['223.255.255.254', true, 'public'],
    ['2001:4860:4860::8888', true, 'public'],
    ['2606:4700:4700::1111', true, 'public'],
    ['2804:14c::1', true, 'public'],
    ['2001:200::1', true, 'public'],
    ['2620:4f:8001::1', true, 'public'],
    ['3ffe::1', true, 'public'],
  ];

  it.each(RULE)('address rule: %s allowed=%s (%s)', (address, allowed, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.reason).toContain(reason);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe(`webhook secrets at rest on ${testDatabaseKind}`, () => {
  const MIGRATION = 'WebhookSecretsEncrypted1796578216025';
  let dataSource: DataSource;
  let database: DatabaseConfig;

  beforeAll(async () => {
    ({ config: database } = await migratedDatabase('webhook-secrets'));
    dataSource = await openDataSource(database);
    await migrate(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(database);
  });

  const rows = async () =>
    (await dataSource.query('SELECT id, secret, previousSecret, context FROM webhooks ORDER BY id')) as {
      id: number;
      secret: string;
      previousSecret: string | null;
      context: string | null;
    }[];
  const insertWebhook = (secret: string, previousSecret: string | null, context: string | null = 'Customer') =>
    dataSource.query(
      "INSERT INTO webhooks (ownerSubject, url, eventNames, context, status, secret, previousSecret) VALUES ('partner-m', 'https://partner.example/hook', '[\"CUSTOMER_WAS_APPROVED\"]', ?, 'ENABLED', ?, ?)",
      [context, secret, previousSecret],
    );

  it('the migration seals the secrets stored in clear, and its down opens them again', async () => {
    const executed = async () => (await dataSource.query('SELECT name FROM migrations ORDER BY id')).map((m: { name: string }) => m.name) as string[];
    // Back to the schema before the migration (and before any later one).
    while ((await executed()).includes(MIGRATION)) await dataSource.undoLastMigration({ transaction: 'each' });
    const [current, previous] = [newSecret(), newSecret()];
    await insertWebhook(current, previous);
    await insertWebhook(newSecret(), null);
    expect(await migrate(dataSource)).toContain(MIGRATION);
    const sealed = await rows();
    const box = secretBoxFor({ env: 'test', webhooks: loadConfig().webhooks });
    expect(sealed.every((row) => SecretBox.isSealed(row.secret) && (row.previousSecret === null || SecretBox.isSealed(row.previousSecret)))).toBe(true);
    expect([box.open(sealed[0].secret), box.open(sealed[0].previousSecret!)]).toEqual([current, previous]);
    expect(sealed[1].previousSecret).toBeNull();

    // down: secrets in clear again (the columns shrink back), and up again.
    while ((await executed()).includes(MIGRATION)) await dataSource.undoLastMigration({ transaction: 'each' });
    expect((await rows())[0]).toMatchObject({ secret: current, previousSecret: previous });
    await migrate(dataSource);
    expect(box.open((await rows())[0].secret)).toBe(current);
  });

  it('start-up re-encryption: clear secrets and secrets under an old key end under the current key; a second run changes nothing', async () => {
    await dataSource.query('DELETE FROM webhooks');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const oldBox = new SecretBox({ current: oldKey, old: [], source: 'WEBHOOK_SECRET_KEY' });
    const [a, b, c] = [newSecret(), newSecret(), newSecret()];
    await insertWebhook(oldBox.seal(a), oldBox.seal(b));
    await insertWebhook(c, null, null);
    const box = new SecretBox({ current: newKey, old: [oldKey], source: 'WEBHOOK_SECRET_KEY' });
    expect(await reencryptWebhookSecrets(dataSource, box)).toBe(2);
    const after = await rows();
    expect(after.every((row) => box.isCurrent(row.secret) && (row.previousSecret === null || box.isCurrent(row.previousSecret)))).toBe(true);
    expect([box.open(after[0].secret), box.open(after[0].previousSecret!), box.open(after[1].secret)]).toEqual([a, b, c]);
    expect(await reencryptWebhookSecrets(dataSource, box)).toBe(0);
    // Without the old key, nothing opens a secret sealed under it: a clear error, never a wrong secret.
    expect(() => new SecretBox({ current: randomBytes(32), old: [], source: 'WEBHOOK_SECRET_KEY' }).open(after[0].secret)).toThrow(
      /neither WEBHOOK_SECRET_KEY nor in WEBHOOK_SECRET_OLD_KEYS/,
    );
  });
});

describe('webhook secret keys', () => {
  const key = randomBytes(32);

  it('reads WEBHOOK_SECRET_KEY as hex or base64, WEBHOOK_SECRET_KEY_FILE, WEBHOOK_SECRET_OLD_KEYS; refuses anything else', () => {
    expect(loadWebhookSecretKeys('production', { WEBHOOK_SECRET_KEY: key.toString('hex') })!.current).toEqual(key);
    expect(loadWebhookSecretKeys('production', { WEBHOOK_SECRET_KEY: key.toString('base64') })!.current).toEqual(key);
    expect(loadWebhookSecretKeys('production', { WEBHOOK_SECRET_KEY: key.toString('base64url') })!.current).toEqual(key);
    const file = join(mkdtempSync(join(tmpdir(), 'webhook-key-')), 'key');
    writeFileSync(file, `${key.toString('base64')}\n`);
    const fromFile = loadWebhookSecretKeys('production', {
      WEBHOOK_SECRET_KEY_FILE: file,
      WEBHOOK_SECRET_OLD_KEYS: ` ${'ab'.repeat(32)} ,${'cd'.repeat(32)}`,
    })!;
    expect([fromFile.current, fromFile.source, fromFile.old.map((k) => k.toString('hex'))]).toEqual([
      key,
      'WEBHOOK_SECRET_KEY_FILE',
      ['ab'.repeat(32), 'cd'.repeat(32)],
    ]);
    for (const bad of ['short', 'ab'.repeat(31), randomBytes(16).toString('base64'), randomBytes(33).toString('base64')]) {
      expect(() => loadWebhookSecretKeys('test', { WEBHOOK_SECRET_KEY: bad })).toThrow(/WEBHOOK_SECRET_KEY must be 32 bytes/);
    }
    expect(() => loadWebhookSecretKeys('test', { WEBHOOK_SECRET_KEY_FILE: join(tmpdir(), 'no-such-key-file') })).toThrow(/cannot be read/);
    expect(() => loadWebhookSecretKeys('test', { WEBHOOK_SECRET_KEY: key.toString('hex'), WEBHOOK_SECRET_KEY_FILE: file })).toThrow(/not both/);
  });

  it('derives a development key outside production only; production without a key has none (the configuration refuses it)', () => {
    expect(loadWebhookSecretKeys('development', {})!.source).toBe('development');
    expect(loadWebhookSecretKeys('test', {})!.current).toEqual(loadWebhookSecretKeys('development', {})!.current);
    expect(loadWebhookSecretKeys('production', {})).toBeUndefined();
    expect(() => secretBoxFor({ env: 'production', webhooks: { ...loadConfig().webhooks, secretKey: undefined } })).toThrow(/required in production/);
  });

  it('seals with a fresh IV each time, detects tampering, and reads secrets written before encryption', () => {
    const box = new SecretBox({ current: key, old: [], source: 'WEBHOOK_SECRET_KEY' });
    const secret = newSecret();
    const [one, two] = [box.seal(secret), box.seal(secret)];
    expect(one).not.toBe(two);
    expect([box.open(one), box.open(two)]).toEqual([secret, secret]);
    const parts = one.split(':');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), data.toString('base64url')].join(':'))).toThrow();
    expect(box.open(secret)).toBe(secret);
  });
});

describe('examples/webhook-receiver.js', () => {
  it('verifies and handles an event of every context (every webhookEventTypes example), refuses a bad signature', async () => {
    const secret = newSecret();
    const receiver = await startProcess('examples/webhook-receiver.js', { WEBHOOK_SECRET: secret }, /webhook receiver listening/);
    try {
      const base = receiver.url.replace(/\/graphql$/, '');
      const post = (body: string, headers: Record<string, string>) =>
        fetch(`${base}/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      for (const [i, type] of EVENT_TYPES.entries()) {
        const body = JSON.stringify(exampleEnvelope(type));
        const response = await post(body, signatureHeaders([secret], `example-${i}`, body));
        expect([type.name, response.status]).toEqual([type.name, 204]);
      }
      const lines = await eventually(async () => {
        const handled = receiver
          .output()
          .split('\n')
          .filter((line) => / id=example-\d+: /.test(line));
        return handled.length === EVENT_TYPES.length && handled;
      }, 10_000);
      for (const [i, type] of EVENT_TYPES.entries()) {
        const line = lines.find((l) => l.includes(` id=example-${i}: `))!;
        expect(line).toContain(` ${type.context} ${type.name} `);
        expect([type.name, /ignored|undefined/.test(line)]).toEqual([type.name, false]);
      }
      const body = JSON.stringify(exampleEnvelope(EVENT_TYPES[0]));
      expect((await post(body, signatureHeaders([newSecret()], 'forged', body))).status).toBe(401);
    } finally {
      receiver.child.kill('SIGTERM');
      await receiver.exited;
    }
  });
});
