import { EvaluationWorker } from '../src/modules/onboarding/evaluation.worker';
import { SANDBOX_REPROVED_CPFS } from '../src/modules/onboarding/registration.rules';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway } from './support/gateway';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

jest.setTimeout(120_000);

const RESUME = /* GraphQL */ `
  subscription Resume($documentNumber: String!, $afterSequence: Int) {
    customerEvaluation(documentNumber: $documentNumber, afterSequence: $afterSequence) { sequence name context status }
  }
`;

const APPROVAL = ['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_APPROVED', 'ACCOUNT_WAS_CREATED'];

/**
 * customerEvaluation(afterSequence): a mobile app that lost its connection
 * passes the last sequence it saw and gets the rest, once each and in order,
 * whatever point of the evaluation it reconnects at.
 */
describe(`resuming the evaluation stream on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  let worker: EvaluationWorker;

  beforeAll(async () => {
    // The test moves the evaluation step by step; the worker publishes on the gateway's own bus, as the in-process one does.
    gw = await startTestGateway('evaluation-resume', { inProcessWorker: false, evaluationDelayMs: 0 });
    worker = new EvaluationWorker(gw.dataSource, gw.gateway.services.pubSub, gw.config);
  });
  afterAll(() => gw.stop());

  const step = () => worker.runDueSteps(new Date(Date.now() + 60_000));

  // Events present after registering, then after each worker step (the decision writes two).
  const existingAfterSteps = [1, 2, 4];

  for (const [steps, existing] of existingAfterSteps.entries()) {
    for (let after = 0; after <= existing; after += 1) {
      it(`after ${steps} step(s), afterSequence ${after} sends events ${after + 1}..4 once, in order, then completes`, async () => {
        const cpf = uniqueCpf();
        expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
        for (let i = 0; i < steps; i += 1) await step();
        const client = wsClient(gw.url, { authorization: gw.analyst });
        try {
          const sub = subscribe(client, RESUME, { documentNumber: cpf, afterSequence: after }, (d) => d.customerEvaluation);
          await gw.subscribed(cpf);
          for (let i = steps; i < existingAfterSteps.length - 1; i += 1) await step();
          await sub.completed;
          expect(sub.errors).toEqual([]);
          expect(sub.received.map((e) => e.sequence)).toEqual([1, 2, 3, 4].filter((s) => s > after));
          expect(sub.received.map((e) => e.name)).toEqual(APPROVAL.slice(after));
        } finally {
          await client.dispose();
        }
      });
    }
  }

  it('a client that drops the connection after every event and resumes from the last sequence sees the whole evaluation once', async () => {
    const cpf = uniqueCpf();
    const seen: { sequence: number; name: string }[] = [];
    let stepsRun = 0;
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
    for (let connection = 1; connection <= 10; connection += 1) {
      const client = wsClient(gw.url, { authorization: gw.analyst });
      const last = seen.at(-1)?.sequence ?? 0;
      const sub = subscribe(client, RESUME, { documentNumber: cpf, afterSequence: last }, (d) => d.customerEvaluation);
      await gw.subscribed(cpf, connection);
      // The evaluation moves on while the client is connected…
      if (stepsRun < 2) {
        await step();
        stepsRun += 1;
      }
      const done = await Promise.race([sub.completed.then(() => true), sub.waitFor(1).then(() => false)]);
      seen.push(...sub.received);
      // …and the client drops the connection after its first event.
      await client.dispose();
      if (done && seen.at(-1)?.name === 'ACCOUNT_WAS_CREATED') break;
    }
    expect(seen.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(seen.map((e) => e.name)).toEqual(APPROVAL);
  });

  it('completes at once with nothing when the client already has the end of a reprovation', async () => {
    const cpf = [...SANDBOX_REPROVED_CPFS][0];
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() })).body.errors).toBeUndefined();
    await step();
    await step();
    const client = wsClient(gw.url, { authorization: gw.analyst });
    try {
      const whole = subscribe(client, RESUME, { documentNumber: cpf, afterSequence: 0 }, (d) => d.customerEvaluation);
      await whole.completed;
      expect(whole.received.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS', 'CUSTOMER_WAS_REPROVED']);
      const caughtUp = subscribe(client, RESUME, { documentNumber: cpf, afterSequence: 3 }, (d) => d.customerEvaluation);
      await caughtUp.completed;
      expect(caughtUp.received).toEqual([]);
      expect(caughtUp.errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a negative afterSequence with INVALID_PARAMETER', async () => {
    const client = wsClient(gw.url, { authorization: gw.analyst });
    try {
      const sub = subscribe(client, RESUME, { documentNumber: uniqueCpf(), afterSequence: -1 }, (d) => d.customerEvaluation);
      await sub.completed;
      expect(sub.received).toEqual([]);
      expect((sub.errors as { extensions?: { code?: string } }[][]).flat().map((e) => e.extensions?.code)).toEqual(['INVALID_PARAMETER']);
    } finally {
      await client.dispose();
    }
  });
});
