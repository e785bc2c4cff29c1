/**
 * Manual review of reprovations (issue 14), through HTTP, graphql-ws and real
 * webhook deliveries on a real database: request → claim → decide for both
 * decisions, four eyes on an approval, the claims race, the queue's order and
 * filters, the audit trail and the metrics.
 */
import { Webhook as Verifier } from 'standardwebhooks';
import { analystClaims } from '../src/platform/security/viewer';
import { manualReviewDueAt } from '../src/modules/onboarding/reviews/business-days';
import { ManualReview } from '../src/modules/onboarding/reviews/manual-review.entity';
import { SANDBOX_REPROVED_CPFS } from '../src/modules/onboarding/registration.rules';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { Receiver } from './support/webhook-receiver';
import { subscribe, wsClient } from './support/ws';

jest.setTimeout(120_000);

const REVIEW_FIELDS =
  'documentNumber status reason requestedBy requestedAt dueAt claimedBy claimedAt decision justification decidedAt confirmedBy closedAt reprovationReasons';
const REQUEST = `mutation Request($documentNumber: String!, $reason: String!) {
  requestManualReview(documentNumber: $documentNumber, reason: $reason) { ${REVIEW_FIELDS} } }`;
const CLAIM = `mutation Claim($documentNumber: String!) { claimManualReview(documentNumber: $documentNumber) { ${REVIEW_FIELDS} } }`;
const DECIDE = `mutation Decide($documentNumber: String!, $decision: ManualReviewDecision!, $justification: String!) {
  decideManualReview(documentNumber: $documentNumber, decision: $decision, justification: $justification) { ${REVIEW_FIELDS} } }`;
const CONFIRM = `mutation Confirm($documentNumber: String!) { confirmManualReview(documentNumber: $documentNumber) { ${REVIEW_FIELDS} } }`;
const QUEUE = `query Queue($filter: ManualReviewFilter, $first: Int!, $after: String) {
  manualReviews(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { documentNumber status dueAt claimedBy decision reprovationReasons
      registration { documentNumber status reasons } documentAnalyses { token status } events { sequence name status } } }
  } }`;
const STATUS = `query Status($documentNumber: String!) {
  customerRegistration(documentNumber: $documentNumber) { status reasons decidedAt events { sequence name context status data } } }`;
const CUSTOMER = `query Customer($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber financialRelations { accounts { number checkDigit type } } } }`;
const RESUME = `subscription Resume($documentNumber: String!, $afterSequence: Int) {
  customerEvaluation(documentNumber: $documentNumber, afterSequence: $afterSequence) { sequence name status } }`;
const CREATE_WEBHOOK = `mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { id secret } }`;
const AUDIT = `query Audit($f: AuditFilter) { auditLog(first: 1000, filter: $f) { edges { node { subject action resources } } } }`;

const codesOf = (body: { errors?: any[] }) => (body.errors ?? []).map((e) => e.extensions?.code);
const namesOf = (events: { name: string }[]) => events.map((e) => e.name);

describe(`manual review on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  const receiver = new Receiver();
  const secrets: Record<string, string> = {};
  /** The partner that registers the customers and asks for their reviews; its webhooks get their events. */
  let partner: string;
  /** gw.analyst is `test-analyst`; two more analysts for four eyes and the claims race. */
  let bruno: string;
  let carla: string;
  const [keptCpf, approvedCpf, raceCpf, queueCpf, overdueCpf, twiceCpf] = [...SANDBOX_REPROVED_CPFS];

  beforeAll(async () => {
    await receiver.start();
    gw = await startTestGateway('manual-review', {
      evaluationDelayMs: 100,
      webhooks: {
        allowedHosts: ['127.0.0.1'],
        timeoutMs: 5_000,
        maxAttempts: 3,
        backoffBaseMs: 100,
        backoffMaxMs: 400,
        secretGraceMs: 60_000,
        disableAfterMs: 0,
      },
    });
    partner = `Bearer ${await tokenFor({ sub: 'review-partner', scope: 'customer.read customer.write webhook.write' })}`;
    bruno = `Bearer ${await tokenFor(analystClaims('analyst-bruno'))}`;
    carla = `Bearer ${await tokenFor(analystClaims('analyst-carla'))}`;
    for (const [path, context, eventNames] of [
      ['/customer', 'Customer', ['CUSTOMER_WAS_REPROVED', 'CUSTOMER_IN_MANUAL_REVIEW', 'CUSTOMER_WAS_APPROVED']],
      ['/account', 'Account', ['ACCOUNT_WAS_CREATED']],
    ] as const) {
      const { body } = await gw.query(CREATE_WEBHOOK, { input: { url: `${receiver.base}${path}`, context, eventNames } }, { authorization: partner });
      expect(body.errors).toBeUndefined();
      secrets[path] = body.data.createWebhook.secret;
    }
  });

  afterAll(async () => {
    await gw?.stop();
    await receiver.stop();
  });

  async function status(cpf: string) {
    const { body } = await gw.query(STATUS, { documentNumber: cpf });
    expect(body.errors).toBeUndefined();
    return body.data.customerRegistration;
  }

  /** Registers a sandbox CPF as the partner and waits for its automatic reprovation. */
  async function reproved(cpf: string) {
    const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner });
    expect(body.errors).toBeUndefined();
    await eventually(async () => (await status(cpf)).status === 'REPROVED');
  }

  async function requested(cpf: string) {
    await reproved(cpf);
    const { body } = await gw.query(REQUEST, { documentNumber: cpf, reason: 'O cliente enviou documentos novos.' }, { authorization: partner });
    expect(body.errors).toBeUndefined();
    return body.data.requestManualReview;
  }

  /** The envelopes the receiver got at `path` for `cpf`, verified with that webhook's secret. */
  function delivered(path: string, cpf: string) {
    const verifier = new Verifier(secrets[path]);
    return receiver
      .at(path)
      .map(({ body, headers }) => verifier.verify(body, headers as Record<string, string>) as any)
      .filter((envelope) => envelope.entityId === cpf);
  }

  it("KEEP_REPROVED: request → claim → decide; CUSTOMER_WAS_REPROVED again with the review's reasons, and the CPF stays refused", async () => {
    await reproved(keptCpf);
    const { body: asked } = await gw.query(REQUEST, { documentNumber: keptCpf, reason: '  O documento foi reenviado.  ' }, { authorization: partner });
    expect(asked.errors).toBeUndefined();
    const review = asked.data.requestManualReview;
    expect(review).toMatchObject({
      documentNumber: keptCpf,
      status: 'OPEN',
      reason: 'O documento foi reenviado.',
      requestedBy: 'review-partner',
      claimedBy: null,
      decision: null,
      // Analysts' fields are null for the partner.
      reprovationReasons: null,
      justification: null,
    });
    // The due date through the API: 7 Brazilian business days after the request (src/modules/onboarding/reviews/business-days.ts).
    expect(Date.parse(review.dueAt)).toBe(manualReviewDueAt(new Date(review.requestedAt)).getTime());
    expect(Date.parse(review.dueAt) - Date.parse(review.requestedAt)).toBeGreaterThanOrEqual(9 * 86_400_000);
    expect((await status(keptCpf)).status).toBe('IN_MANUAL_REVIEW');

    // While the review is open: no new registration, no second request.
    const again = await gw.query(REGISTER, { documentNumber: keptCpf, input: validRegistration() }, { authorization: partner });
    expect(codesOf(again.body)).toEqual(['CUSTOMER_AWAIT_EVALUATION']);
    expect(codesOf((await gw.query(REQUEST, { documentNumber: keptCpf, reason: 'de novo' }, { authorization: partner })).body)).toEqual([
      'MANUAL_REVIEW_ALREADY_REQUESTED',
    ]);

    // The evaluation stream stays open during the review and completes with its decision.
    const client = wsClient(gw.url, { authorization: gw.analyst });
    try {
      const stream = subscribe(client, RESUME, { documentNumber: keptCpf }, (d) => d.customerEvaluation);
      await gw.subscribed(keptCpf);
      await stream.waitFor(1);

      const claimed = await gw.query(CLAIM, { documentNumber: keptCpf });
      expect(claimed.body.errors).toBeUndefined();
      expect(claimed.body.data.claimManualReview).toMatchObject({ claimedBy: 'test-analyst', reprovationReasons: ['SANDBOX_DOCUMENT'] });
      // Only the claimant decides; a justification is required and follows the free-text rule.
      expect(
        codesOf((await gw.query(DECIDE, { documentNumber: keptCpf, decision: 'KEEP_REPROVED', justification: 'não' }, { authorization: bruno })).body),
      ).toEqual(['MANUAL_REVIEW_NOT_CLAIMED_BY_YOU']);
      const blank = await gw.query(DECIDE, { documentNumber: keptCpf, decision: 'KEEP_REPROVED', justification: '   ' });
      expect(codesOf(blank.body)).toEqual(['REQUIRED']);
      expect(blank.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'justification', code: 'REQUIRED' })]);
      const control = await gw.query(DECIDE, { documentNumber: keptCpf, decision: 'KEEP_REPROVED', justification: 'a\u202eb' });
      expect(codesOf(control.body)).toEqual(['INVALID_CHARACTERS']);

      const decided = await gw.query(DECIDE, { documentNumber: keptCpf, decision: 'KEEP_REPROVED', justification: 'A selfie não confere com o documento.' });
      expect(decided.body.errors).toBeUndefined();
      expect(decided.body.data.decideManualReview).toMatchObject({
        status: 'DECIDED',
        decision: 'KEEP_REPROVED',
        justification: 'A selfie não confere com o documento.',
        confirmedBy: null,
      });
      expect(decided.body.data.decideManualReview.closedAt).not.toBeNull();

      await stream.completed;
      expect(stream.errors).toEqual([]);
      expect(stream.received.map((e) => [e.name, e.status])).toEqual([
        ['CUSTOMER_IN_MANUAL_REVIEW', 'IN_MANUAL_REVIEW'],
        ['CUSTOMER_WAS_REPROVED', 'REPROVED'],
      ]);
    } finally {
      await client.dispose();
    }

    const registration = await status(keptCpf);
    expect(registration.status).toBe('REPROVED');
    expect(registration.reasons).toEqual(['SANDBOX_DOCUMENT', 'MANUAL_REVIEW_KEPT']);
    expect(namesOf(registration.events)).toEqual([
      'CUSTOMER_WAS_RECEIVED',
      'CUSTOMER_IN_ANALYSIS',
      'CUSTOMER_WAS_REPROVED',
      'CUSTOMER_IN_MANUAL_REVIEW',
      'CUSTOMER_WAS_REPROVED',
    ]);
    expect(registration.events.at(-1).data).toEqual({ reasons: ['SANDBOX_DOCUMENT', 'MANUAL_REVIEW_KEPT'] });

    // Final: the CPF stays refused, and the reprovation cannot be reviewed twice.
    expect(codesOf((await gw.query(REGISTER, { documentNumber: keptCpf, input: validRegistration() }, { authorization: partner })).body)).toEqual([
      'CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED',
    ]);
    expect(codesOf((await gw.query(REQUEST, { documentNumber: keptCpf, reason: 'outra vez' }, { authorization: partner })).body)).toEqual([
      'MANUAL_REVIEW_ALREADY_REQUESTED',
    ]);
    expect(codesOf((await gw.query(CLAIM, { documentNumber: keptCpf }, { authorization: bruno })).body)).toEqual(['MANUAL_REVIEW_ALREADY_DECIDED']);
    expect(codesOf((await gw.query(CONFIRM, { documentNumber: keptCpf }, { authorization: bruno })).body)).toEqual(['MANUAL_REVIEW_ALREADY_DECIDED']);

    // The partner's webhook: both reprovations and the review between them, in order, reasons kept from partners.
    const envelopes = await eventually(async () => {
      const got = delivered('/customer', keptCpf);
      return got.length >= 3 && got;
    });
    expect(envelopes.map((e: any) => e.name)).toEqual(['CUSTOMER_WAS_REPROVED', 'CUSTOMER_IN_MANUAL_REVIEW', 'CUSTOMER_WAS_REPROVED']);
    expect(envelopes.map((e: any) => e.metadata.sequence)).toEqual([3, 4, 5]);
    expect(envelopes[1].data).toEqual({ dueAt: review.dueAt });
    expect(envelopes[2].data).toEqual({});

    // Every action audited under the customer, refusals with their codes.
    const expected = [
      'analyst-bruno manualReview.claimed:rejected:MANUAL_REVIEW_ALREADY_DECIDED',
      'analyst-bruno manualReview.confirmed:rejected:MANUAL_REVIEW_ALREADY_DECIDED',
      'analyst-bruno manualReview.decided:KEEP_REPROVED:rejected:MANUAL_REVIEW_NOT_CLAIMED_BY_YOU',
      'review-partner manualReview.requested',
      // During the review, and after its decision.
      'review-partner manualReview.requested:rejected:MANUAL_REVIEW_ALREADY_REQUESTED',
      'review-partner manualReview.requested:rejected:MANUAL_REVIEW_ALREADY_REQUESTED',
      'test-analyst manualReview.claimed',
      'test-analyst manualReview.decided:KEEP_REPROVED',
      'test-analyst manualReview.decided:KEEP_REPROVED:rejected:INVALID_CHARACTERS',
      'test-analyst manualReview.decided:KEEP_REPROVED:rejected:REQUIRED',
    ].sort();
    const audited = async () => {
      const { body } = await gw.query(AUDIT, { f: { customerDocument: keptCpf } });
      return body.data.auditLog.edges
        .map(({ node }: any) => node)
        .filter((row: any) => row.action === 'MANUAL_REVIEW')
        .flatMap((row: any) => row.resources.map((resource: string) => `${row.subject} ${resource}`))
        .sort();
    };
    await eventually(async () => JSON.stringify(await audited()) === JSON.stringify(expected), 10_000).catch(() => undefined);
    expect(await audited()).toEqual(expected);
  });

  it('APPROVE: a proposal until a second analyst confirms it (never the claimant); then the same approval path as an automatic one', async () => {
    await reproved(approvedCpf);
    expect(
      (await gw.query(REQUEST, { documentNumber: approvedCpf, reason: 'Documento novo enviado.' }, { authorization: partner })).body.errors,
    ).toBeUndefined();
    const client = wsClient(gw.url, { authorization: gw.analyst });
    try {
      // Resumed after the reprovation (sequence 3): the review reopened the evaluation, so the stream stays open to its end.
      const stream = subscribe(client, RESUME, { documentNumber: approvedCpf, afterSequence: 3 }, (d) => d.customerEvaluation);
      await gw.subscribed(approvedCpf);
      expect((await gw.query(CLAIM, { documentNumber: approvedCpf })).body.errors).toBeUndefined();
      expect(codesOf((await gw.query(CONFIRM, { documentNumber: approvedCpf }, { authorization: bruno })).body)).toEqual(['MANUAL_REVIEW_NOT_PROPOSED']);

      const proposed = await gw.query(DECIDE, { documentNumber: approvedCpf, decision: 'APPROVE', justification: 'Documento legível; dados conferem.' });
      expect(proposed.body.errors).toBeUndefined();
      expect(proposed.body.data.decideManualReview).toMatchObject({ status: 'OPEN', decision: 'APPROVE', confirmedBy: null, closedAt: null });
      // Nothing changes for the customer before the confirmation.
      expect((await status(approvedCpf)).status).toBe('IN_MANUAL_REVIEW');
      expect(codesOf((await gw.query(DECIDE, { documentNumber: approvedCpf, decision: 'KEEP_REPROVED', justification: 'mudei de ideia' })).body)).toEqual([
        'MANUAL_REVIEW_ALREADY_DECIDED',
      ]);

      // Four eyes: the claimant cannot confirm its own proposal.
      expect(codesOf((await gw.query(CONFIRM, { documentNumber: approvedCpf })).body)).toEqual(['FOUR_EYES_REQUIRED']);
      expect((await status(approvedCpf)).status).toBe('IN_MANUAL_REVIEW');

      const confirmed = await gw.query(CONFIRM, { documentNumber: approvedCpf }, { authorization: bruno });
      expect(confirmed.body.errors).toBeUndefined();
      expect(confirmed.body.data.confirmManualReview).toMatchObject({
        status: 'DECIDED',
        decision: 'APPROVE',
        claimedBy: 'test-analyst',
        confirmedBy: 'analyst-bruno',
      });
      expect(codesOf((await gw.query(CONFIRM, { documentNumber: approvedCpf }, { authorization: carla })).body)).toEqual(['MANUAL_REVIEW_ALREADY_DECIDED']);

      await stream.completed;
      expect(stream.errors).toEqual([]);
      expect(stream.received.map((e) => [e.sequence, e.name])).toEqual([
        [4, 'CUSTOMER_IN_MANUAL_REVIEW'],
        [5, 'CUSTOMER_WAS_APPROVED'],
        [6, 'ACCOUNT_WAS_CREATED'],
      ]);
    } finally {
      await client.dispose();
    }

    const registration = await status(approvedCpf);
    expect(registration).toMatchObject({ status: 'APPROVED', reasons: null });
    const account = registration.events.at(-1);
    expect(account).toMatchObject({ name: 'ACCOUNT_WAS_CREATED', context: 'Account' });
    // The read model has the customer and the account the event announced.
    const { body } = await gw.query(CUSTOMER, { c: approvedCpf });
    expect(body.errors).toBeUndefined();
    expect(body.data.personalCustomer.financialRelations[0].accounts).toEqual([
      { number: account.data.number, checkDigit: account.data.checkDigit, type: 'CONTA_PAGAMENTO_PRE_PAGA' },
    ]);

    // Partner webhooks: the same events, in the CPF's order.
    const customerEvents = await eventually(async () => {
      const got = delivered('/customer', approvedCpf);
      return got.length >= 3 && got;
    });
    expect(customerEvents.map((e: any) => [e.metadata.sequence, e.name])).toEqual([
      [3, 'CUSTOMER_WAS_REPROVED'],
      [4, 'CUSTOMER_IN_MANUAL_REVIEW'],
      [5, 'CUSTOMER_WAS_APPROVED'],
    ]);
    const accountEvents = await eventually(async () => {
      const got = delivered('/account', approvedCpf);
      return got.length >= 1 && got;
    });
    expect(accountEvents.map((e: any) => [e.metadata.sequence, e.name, e.data.number])).toEqual([[6, 'ACCOUNT_WAS_CREATED', account.data.number]]);
  });

  it('a claimed review is refused to a second analyst, and of two claims at once exactly one wins', async () => {
    await requested(raceCpf);
    const claims = await Promise.all([
      gw.query(CLAIM, { documentNumber: raceCpf }, { authorization: bruno }),
      gw.query(CLAIM, { documentNumber: raceCpf }, { authorization: carla }),
    ]);
    const winners = claims.filter(({ body }) => !body.errors);
    expect(winners).toHaveLength(1);
    expect(claims.flatMap(({ body }) => codesOf(body))).toEqual(['MANUAL_REVIEW_ALREADY_CLAIMED']);
    const claimant = winners[0].body.data.claimManualReview.claimedBy;
    expect(['analyst-bruno', 'analyst-carla']).toContain(claimant);
    // Later claims are refused too, the claimant's own included; the claim stays.
    expect(codesOf((await gw.query(CLAIM, { documentNumber: raceCpf })).body)).toEqual(['MANUAL_REVIEW_ALREADY_CLAIMED']);
    expect(codesOf((await gw.query(CLAIM, { documentNumber: raceCpf }, { authorization: claimant === 'analyst-bruno' ? bruno : carla })).body)).toEqual([
      'MANUAL_REVIEW_ALREADY_CLAIMED',
    ]);
    const { body } = await gw.query(QUEUE, { filter: { assignedTo: claimant }, first: 10 });
    expect(body.data.manualReviews.edges.map(({ node }: any) => node.documentNumber)).toEqual([raceCpf]);
  });

  it('refuses reviews outside the rules: unknown CPF, a registration not REPROVED, a blank reason, other tokens', async () => {
    expect(codesOf((await gw.query(REQUEST, { documentNumber: uniqueCpf(), reason: 'por favor' }, { authorization: partner })).body)).toEqual([
      'CUSTOMER_NOT_FOUND',
    ]);
    const pending = uniqueCpf();
    expect((await gw.query(REGISTER, { documentNumber: pending, input: validRegistration() }, { authorization: partner })).body.errors).toBeUndefined();
    expect(codesOf((await gw.query(REQUEST, { documentNumber: pending, reason: 'por favor' }, { authorization: partner })).body)).toEqual([
      'CUSTOMER_NOT_REPROVED',
    ]);
    await eventually(async () => (await status(pending)).status === 'APPROVED');
    expect(codesOf((await gw.query(REQUEST, { documentNumber: pending, reason: 'por favor' }, { authorization: partner })).body)).toEqual([
      'CUSTOMER_NOT_REPROVED',
    ]);
    expect(codesOf((await gw.query(CLAIM, { documentNumber: pending })).body)).toEqual(['MANUAL_REVIEW_NOT_FOUND']);

    const blank = await gw.query(REQUEST, { documentNumber: pending, reason: ' ' }, { authorization: partner });
    expect(blank.body.errors![0].extensions).toMatchObject({ code: 'REQUIRED', fields: [expect.objectContaining({ field: 'reason', code: 'REQUIRED' })] });
    expect(codesOf((await gw.query(REQUEST, { documentNumber: pending, reason: 'x'.repeat(1001) }, { authorization: partner })).body)).toEqual(['TOO_LONG']);
    expect(codesOf((await gw.query(REQUEST, { documentNumber: '123', reason: 'por favor' }, { authorization: partner })).body)).toEqual(['INVALID_CPF']);

    // A CPF-bound token only for its own CPF; partners are not analysts.
    const otherCustomer = `Bearer ${await tokenFor({ sub: 'app', scope: 'customer.write', cpf: uniqueCpf() })}`;
    expect(codesOf((await gw.query(REQUEST, { documentNumber: pending, reason: 'por favor' }, { authorization: otherCustomer })).body)).toEqual(['FORBIDDEN']);
    for (const operation of [CLAIM, CONFIRM])
      expect(codesOf((await gw.query(operation, { documentNumber: pending }, { authorization: partner })).body)).toEqual(['FORBIDDEN']);
    expect(codesOf((await gw.query(QUEUE, { first: 10 }, { authorization: partner })).body)).toEqual(['FORBIDDEN']);
  });

  it('the queue: oldest due first, with the registration, reasons, documents and history; filters by status, overdue and assignee; metrics', async () => {
    await requested(queueCpf);
    await requested(overdueCpf);
    // Seven business days cannot pass in a test: the due date moves into the past, as time would move it.
    await gw.dataSource.getRepository(ManualReview).update({ documentNumber: overdueCpf }, { dueAt: new Date(Date.now() - 60_000) });

    const page = async (filter: Record<string, unknown> | null, first = 100, after: string | null = null) => {
      const { body } = await gw.query(QUEUE, { filter, first, after });
      expect(body.errors).toBeUndefined();
      return body.data.manualReviews;
    };
    const cpfsOf = (connection: any) => connection.edges.map(({ node }: any) => node.documentNumber);

    const all = await page(null);
    expect(all.totalCount).toBe(5);
    expect(cpfsOf(all)).toEqual([keptCpf, approvedCpf, raceCpf, queueCpf, overdueCpf]);
    const dues = all.edges.map(({ node }: any) => Date.parse(node.dueAt));
    // Oldest due first (the overdue one aside, whose due date the test moved).
    expect(dues.slice(0, 4)).toEqual([...dues.slice(0, 4)].sort((a, b) => a - b));
    const queued = all.edges[3].node;
    expect(queued).toMatchObject({
      status: 'OPEN',
      claimedBy: null,
      reprovationReasons: ['SANDBOX_DOCUMENT'],
      registration: { documentNumber: queueCpf, status: 'IN_MANUAL_REVIEW', reasons: ['SANDBOX_DOCUMENT'] },
      documentAnalyses: [],
    });
    expect(namesOf(queued.events)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_REPROVED', 'CUSTOMER_IN_MANUAL_REVIEW']);

    // The queue's reads are audited like any read: each review's selected fields, under its customer.
    await eventually(async () => {
      const { body } = await gw.query(AUDIT, { f: { customerDocument: queueCpf } });
      return body.data.auditLog.edges.some(
        ({ node }: any) =>
          node.action === 'READ' &&
          node.subject === 'test-analyst' &&
          ['manualReview.documentNumber', 'manualReview.reprovationReasons', 'manualReview.registration', 'manualReview.events'].every((r) =>
            node.resources.includes(r),
          ),
      );
    }, 10_000);

    expect(cpfsOf(await page({ status: 'OPEN' }))).toEqual([raceCpf, queueCpf, overdueCpf]);
    expect(cpfsOf(await page({ status: 'DECIDED' }))).toEqual([keptCpf, approvedCpf]);
    expect(cpfsOf(await page({ overdue: true }))).toEqual([overdueCpf]);
    expect(cpfsOf(await page({ status: 'OPEN', overdue: false }))).toEqual([raceCpf, queueCpf]);
    expect(cpfsOf(await page({ assignedTo: 'test-analyst' }))).toEqual([keptCpf, approvedCpf]);
    expect(cpfsOf(await page({ assignedTo: 'nobody' }))).toEqual([]);
    // Pages with the project's cursors.
    const first = await page(null, 2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(cpfsOf(await page(null, 2, first.pageInfo.endCursor))).toEqual([raceCpf, queueCpf]);

    const metrics = await (await fetch(gw.gateway.metricsUrl)).text();
    expect(metrics).toMatch(/^manual_reviews_open 3$/m);
    expect(metrics).toMatch(/^manual_reviews_overdue 1$/m);
    expect(metrics).toMatch(/^manual_review_duration_seconds_count\{decision="KEEP_REPROVED"\} 1$/m);
    expect(metrics).toMatch(/^manual_review_duration_seconds_count\{decision="APPROVE"\} 1$/m);
  });
  it('two requests at once open one review; two confirmations at once approve once (one account, one event each)', async () => {
    await reproved(twiceCpf);
    const asks = await Promise.all(
      [1, 2].map(() => gw.query(REQUEST, { documentNumber: twiceCpf, reason: 'Pedido enviado duas vezes.' }, { authorization: partner })),
    );
    expect(asks.map(({ body }) => codesOf(body)[0] ?? 'OK').sort()).toEqual(['MANUAL_REVIEW_ALREADY_REQUESTED', 'OK']);
    expect(codesOf((await gw.query(CLAIM, { documentNumber: twiceCpf }, { authorization: bruno })).body)).toEqual([]);
    expect(
      codesOf(
        (await gw.query(DECIDE, { documentNumber: twiceCpf, decision: 'APPROVE', justification: 'Documentos conferidos.' }, { authorization: bruno })).body,
      ),
    ).toEqual([]);
    const dora = `Bearer ${await tokenFor(analystClaims('analyst-dora'))}`;
    const confirmations = await Promise.all([carla, dora].map((analyst) => gw.query(CONFIRM, { documentNumber: twiceCpf }, { authorization: analyst })));
    const outcomes = confirmations.map(({ body }) => codesOf(body)[0] ?? 'OK');
    expect(outcomes.filter((code) => code === 'OK')).toHaveLength(1);
    // The loser finds the review already closed by the winner (whichever of the two checks it reaches first).
    expect(outcomes.filter((code) => code !== 'OK').every((code) => ['MANUAL_REVIEW_ALREADY_DECIDED', 'MANUAL_REVIEW_NOT_PROPOSED'].includes(code))).toBe(true);
    expect(outcomes.filter((code) => code !== 'OK')).toHaveLength(1);
    const registration = await status(twiceCpf);
    expect(registration.status).toBe('APPROVED');
    const names = namesOf(registration.events);
    expect(names.filter((name: string) => name === 'CUSTOMER_WAS_APPROVED')).toHaveLength(1);
    expect(names.filter((name: string) => name === 'ACCOUNT_WAS_CREATED')).toHaveLength(1);
    expect(names.filter((name: string) => name === 'CUSTOMER_IN_MANUAL_REVIEW')).toHaveLength(1);
    const { body } = await gw.query(CUSTOMER, { c: twiceCpf });
    expect(body.data.personalCustomer.financialRelations[0].accounts).toHaveLength(1);
  });
});
