import { Webhook as Verifier } from 'standardwebhooks';
import { partnerClaims } from '../src/auth/viewer';
import { SANDBOX_REPROVED_CPFS } from '../src/onboarding/registration.rules';
import { backoffMs } from '../src/webhooks/delivery.worker';
import { signatureHeaders } from '../src/webhooks/sender';
import { isForbiddenAddress } from '../src/webhooks/webhook-url';
import { newSecret } from '../src/webhooks/webhook.service';
import { Webhook, WebhookAttempt, WebhookDelivery } from '../src/webhooks/webhook.entities';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { Receiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

const ALL_EVENTS = ['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'CUSTOMER_WAS_REPROVED'];

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateWebhookInput!) {
    createWebhook(input: $input) { id url eventNames context status secret createdAt }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($filter: WebhookDeliveryFilter, $first: Int) {
    webhookDeliveries(first: $first, filter: $filter) {
      totalCount
      edges { node { id webhookId idempotencyKey eventName entityId sequence status attemptCount attempts { at httpStatus errorClass durationMs succeeded } } }
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
      workerPollMs: 50,
      webhooks: { allowedHosts: ['127.0.0.1'], timeoutMs: 5_000, maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 400, secretGraceMs: 60_000, disableAfterMs: 5 * 86_400_000 },
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

    const received = receiver.at('/ok');
    expect(received).toHaveLength(6); // final states: nothing more is sent
    const verifier = new Verifier(webhook.secret);
    const stranger = new Verifier(newSecret());
    const envelopes = received.map(({ headers, body }) => {
      const envelope = verifier.verify(body, headers as Record<string, string>) as any;
      expect(() => stranger.verify(body, headers as Record<string, string>)).toThrow();
      expect(headers['webhook-id']).toBe(envelope.idempotencyKey);
      expect(Object.keys(envelope)).toEqual(['entityId', 'companyKey', 'context', 'name', 'idempotencyKey', 'correlationId', 'timestamp', 'version', 'metadata', 'data']);
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
    expect(receiver.at('/b').map((r) => JSON.parse(r.body)).map((e) => [e.entityId, e.name])).toEqual([
      [ofB, 'CUSTOMER_WAS_RECEIVED'], [ofB, 'CUSTOMER_IN_ANALYSIS'], [ofB, 'CUSTOMER_WAS_APPROVED'],
    ]);
    expect(await count('webhook_deliveries')).toBe(9);

    // Another partner cannot have A's events redelivered to its webhook.
    const foreign = (await gw.query(
      `mutation R($key: String!, $id: Int!) { redeliverWebhookEvent(idempotencyKey: $key, webhookId: $id) { status } }`,
      { key: envelopes[0].idempotencyKey, id: webhookB.id }, { authorization: partnerB },
    )).body;
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
    expect(delivered.attempts.map((a: any) => [a.httpStatus, a.succeeded])).toEqual([[500, false], [500, false], [200, true]]);
    const sent = receiver.at('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered.idempotencyKey]));
    for (const r of sent) new Verifier(flaky.secret).verify(r.body, r.headers as Record<string, string>);

    const [failed] = await eventually(async () => {
      const rows = await deliveries({ webhookId: down.id, status: 'FAILED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect(failed.attemptCount).toBe(3);
    expect(failed.attempts.map((a: any) => a.httpStatus)).toEqual([503, 503, 503]);
    expect(receiver.at('/down')).toHaveLength(3);

    // Redelivery: the same event, the same webhook-id, a fresh attempt budget; the log keeps the earlier attempts.
    receiver.answers.set('/down', () => 204);
    const { body } = await gw.query(
      `mutation R($key: String!, $id: Int!) { redeliverWebhookEvent(idempotencyKey: $key, webhookId: $id) { status attemptCount idempotencyKey } }`,
      { key: failed.idempotencyKey, id: down.id }, { authorization: partnerA },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.redeliverWebhookEvent).toEqual({ status: 'PENDING', attemptCount: 0, idempotencyKey: failed.idempotencyKey });
    const [redelivered] = await eventually(async () => {
      const rows = await deliveries({ webhookId: down.id, status: 'SUCCEEDED' });
      return rows.length === 1 && rows;
    }, 60_000);
    expect(redelivered.attempts.map((a: any) => a.httpStatus)).toEqual([503, 503, 503, 204]);
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
    const listed = (await gw.query(`{ webhooks(first: 100) { edges { node { id status disabledReason failingSince } } } }`, {}, { authorization: partnerA })).body;
    const node = listed.data.webhooks.edges.map((e: any) => e.node).find((n: any) => n.id === dead.id);
    expect(node.status).toBe('DISABLED');
    expect(node.disabledReason).toContain('HTTP 503');
    const [waiting] = await deliveries({ webhookId: dead.id });
    expect([waiting.status, waiting.attemptCount]).toEqual(['PENDING', 2]); // a disabled webhook's deliveries wait

    receiver.answers.set('/dead', () => 200);
    const enabled = (await gw.query(`mutation { updateWebhook(id: ${dead.id}, input: { status: ENABLED }) { status disabledReason failingSince } }`, {}, { authorization: partnerA })).body;
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
    const { body } = await gw.query(CREATE, { input: { url: `${receiver.base}/x`, eventNames: ['CUSTOMER_WAS_APPROVED'] } }, {
      authorization: `Bearer ${await tokenFor({ sub: 'reader', scope: 'webhook.read' })}`,
    });
    expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await count('webhooks')).toBe(before);
  });

  it('keeps each partner to its own webhooks (analysts see all)', async () => {
    const mine = await createWebhook('/mine', partnerA, ['CUSTOMER_WAS_APPROVED']);
    const before = await gw.dataSource.getRepository(Webhook).findOneByOrFail({ id: mine.id });
    const asB = async (query: string, variables: Record<string, unknown> = {}) => (await gw.query(query, variables, { authorization: partnerB })).body;

    expect((await asB(`mutation { updateWebhook(id: ${mine.id}, input: { url: "${receiver.base}/stolen" }) { id } }`)).errors![0].extensions.code).toBe('WEBHOOK_NOT_FOUND');
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
    const updated = (await gw.query(`mutation { updateWebhook(id: ${mine.id}, input: { eventNames: ["CUSTOMER_WAS_REPROVED"], status: DISABLED }) { eventNames status secret } }`, {}, { authorization: partnerA })).body;
    expect(updated.data.updateWebhook).toEqual({ eventNames: ['CUSTOMER_WAS_REPROVED'], status: 'DISABLED', secret: null });
    const rotated = (await gw.query(`mutation { rotateWebhookSecret(id: ${mine.id}) { secret previousSecretExpiresAt } }`, {}, { authorization: partnerA })).body;
    expect(rotated.data.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.data.rotateWebhookSecret.secret).not.toBe(mine.secret);
    expect(rotated.data.rotateWebhookSecret.previousSecretExpiresAt).not.toBeNull();
    expect((await gw.query(`mutation { deleteWebhook(id: ${mine.id}) }`, {}, { authorization: partnerA })).body.data.deleteWebhook).toBe(true);
    expect(await gw.dataSource.getRepository(Webhook).findOneBy({ id: mine.id })).toBeNull();
  });

  it('leaves nothing behind in the outbox for deleted webhooks', async () => {
    const deleted = await gw.dataSource.getRepository(WebhookDelivery).createQueryBuilder('d')
      .where('NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhookId)').getCount();
    expect(deleted).toBe(0);
    const orphans = await gw.dataSource.getRepository(WebhookAttempt).createQueryBuilder('a')
      .where('NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.deliveryId)').getCount();
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
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect([address, isForbiddenAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['8.8.8.8', '200.160.2.3', '2001:4860:4860::8888']) expect([address, isForbiddenAddress(address)]).toEqual([address, false]);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
