import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, testDocumentsConfig, tokenFor } from './support/gateway';
import { uploadDocument, UploadOptions } from './support/documents';
import { noiseJpeg, noisePng } from './support/images';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { subscribe, wsClient } from './support/ws';

jest.setTimeout(120_000);

const FOLLOW_DOCUMENT = /* GraphQL */ `
  subscription FollowDocumentAnalysis($documentNumber: String!, $token: String!) {
    documentAnalysis(documentNumber: $documentNumber, token: $token) { token status reasons }
  }
`;
const EVALUATION = /* GraphQL */ `
  subscription Evaluation($documentNumber: String!, $afterSequence: Int) {
    customerEvaluation(documentNumber: $documentNumber, afterSequence: $afterSequence) { sequence name context status data }
  }
`;
const HISTORY = /* GraphQL */ `
  query History($documentNumber: String!) {
    customerRegistration(documentNumber: $documentNumber) { status events { sequence name context } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($documentNumber: String!, $input: UpdateCustomerInput!) { updateCustomer(documentNumber: $documentNumber, input: $input) { status email } }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($documentNumber: String!, $reason: CancelReason!) { cancelCustomer(documentNumber: $documentNumber, reason: $reason) { status } }
`;
const ACCOUNT = /* GraphQL */ `
  query Account($c: String!) {
    personalCustomer(cpfNumber: $c) {
      identifications { contacts { emails { email } } }
      financialRelations { productsServicesType accounts { number checkDigit type } }
    }
  }
`;

/**
 * The whole onboarding journey as a mobile app makes it, with the document
 * prerequisite on (as in production): selfie, ID front and ID back through
 * multipart uploads, each followed live over graphql-ws; the registration with
 * their tokens; the evaluation followed live, the connection dropped and
 * resumed with afterSequence; the account event; then the update and the cancellation.
 */
describe(`the onboarding journey of a mobile app on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  let app: string;

  beforeAll(async () => {
    gw = await startTestGateway('onboarding-journey', {
      evaluationDelayMs: 400,
      documents: testDocumentsConfig('onboarding-journey', { acceptUnverified: false, analysisDelayMs: 300 }),
    });
    app = `Bearer ${await tokenFor({ sub: 'mobile-app', scope: 'customer.read customer.write customer.update' })}`;
  });
  afterAll(() => gw.stop());

  it('selfie → ID front → ID back → registration → approval → account, then update and cancel, every event once and in order', async () => {
    const cpf = uniqueCpf();
    const client = wsClient(gw.url, { authorization: app });
    try {
      // 1. Documents, each followed live until its analysis ends.
      const submit = async (documentType: UploadOptions['documentType'], documentSide: 'FRONT' | 'BACK', file: Buffer, filename: string, mimetype: string) => {
        const { status, body } = await uploadDocument(gw.url, app, { documentNumber: cpf, documentType, documentSide, file, filename, mimetype });
        expect([status, body.errors]).toEqual([200, undefined]);
        const { token, status: initial } = body.data.submitDocument;
        expect(token).toMatch(/^[0-9a-f]{32}$/);
        expect(initial).toBe('ANALYZING');
        const follow = subscribe(client, FOLLOW_DOCUMENT, { documentNumber: cpf, token }, (d) => d.documentAnalysis);
        await follow.completed;
        expect(follow.errors).toEqual([]);
        expect(follow.received.at(-1)).toEqual({ token, status: 'ANALYSIS_COMPLETED', reasons: null });
        return token as string;
      };
      const selfie = await submit('SELFIE', 'FRONT', noisePng(400, 400, 31), 'selfie.png', 'image/png');
      const idCardFront = await submit('CNH', 'FRONT', noiseJpeg(400, 400, 32), 'cnh-front.jpg', 'image/jpeg');
      const idCardBack = await submit('CNH', 'BACK', noiseJpeg(400, 400, 33), 'cnh-back.jpg', 'image/jpeg');

      // 2. Subscribe first, then register: the app sees the evaluation from its first event.
      const live = subscribe(client, EVALUATION, { documentNumber: cpf, afterSequence: 0 }, (d) => d.customerEvaluation);
      await gw.subscribed(cpf, 4); // three document follows, then this one
      const registered = await gw.query(
        REGISTER,
        { documentNumber: cpf, input: validRegistration({ documentation: { selfie, idCardFront, idCardBack } }) },
        { authorization: app },
      );
      expect(registered.body.errors).toBeUndefined();
      expect(registered.body.data.registerCustomer.status).toBe('PENDING_APPROVAL');

      // 3. The connection drops after the first event; the app resumes from the last sequence it saw.
      const [received] = await live.waitFor(1);
      await live.close();
      const resumed = subscribe(client, EVALUATION, { documentNumber: cpf, afterSequence: received.sequence }, (d) => d.customerEvaluation);
      await resumed.completed;
      expect(resumed.errors).toEqual([]);
      const evaluation = [received, ...resumed.received];
      // The CPF's history numbers the six document events first (RECEIVED and PROCESSED of each), then the registration's.
      expect(evaluation.map((e) => [e.sequence, e.name, e.context])).toEqual([
        [7, 'CUSTOMER_WAS_RECEIVED', 'Customer'],
        [8, 'CUSTOMER_IN_ANALYSIS', 'Customer'],
        [9, 'CUSTOMER_WAS_APPROVED', 'Customer'],
        [10, 'ACCOUNT_WAS_CREATED', 'Account'],
      ]);
      const { data: opened } = evaluation[3];
      const { body: customer } = await gw.query(ACCOUNT, { c: cpf });
      const [account] = customer.data.personalCustomer.financialRelations[0].accounts;
      expect(opened).toMatchObject({ number: account.number, checkDigit: account.checkDigit, type: 'CONTA_PAGAMENTO_PRE_PAGA' });

      // 4. After approval: the e-mail changes, then the customer cancels.
      const email = `journey.${cpf}@example.com.br`;
      expect((await gw.query(UPDATE, { documentNumber: cpf, input: { email } }, { authorization: app })).body.data.updateCustomer).toEqual({
        status: 'APPROVED',
        email,
      });
      expect((await gw.query(ACCOUNT, { c: cpf })).body.data.personalCustomer.identifications[0].contacts.emails).toEqual([{ email }]);
      expect((await gw.query(CANCEL, { documentNumber: cpf, reason: 'HOLDER_REQUEST' }, { authorization: app })).body.data.cancelCustomer).toEqual({
        status: 'CANCELED',
      });
      expect((await gw.query(ACCOUNT, { c: cpf })).body.data.personalCustomer.financialRelations[0].productsServicesType).toEqual(['OUTROS']);

      // 5. A late reconnection gets what happened since, then completion (the cancellation ends the story).
      const late = subscribe(client, EVALUATION, { documentNumber: cpf, afterSequence: 10 }, (d) => d.customerEvaluation);
      await late.completed;
      expect(late.received.map((e) => [e.sequence, e.name, e.status])).toEqual([
        [11, 'CUSTOMER_WAS_UPDATED', 'APPROVED'],
        [12, 'CUSTOMER_WAS_CANCELED', 'CANCELED'],
      ]);
      const history = (await gw.query(HISTORY, { documentNumber: cpf })).body.data.customerRegistration;
      expect(history.status).toBe('CANCELED');
      expect(history.events.map((e: { sequence: number }) => e.sequence)).toEqual([7, 8, 9, 10, 11, 12]);
      const documents: { name: string; sequence: number }[] = await gw.dataSource.query(
        "SELECT name, sequence FROM customer_events WHERE entityId = ? AND context = 'Document' ORDER BY sequence",
        [cpf],
      );
      expect(documents.map((e) => [Number(e.sequence), e.name])).toEqual([
        [1, 'DOCUMENT_WAS_RECEIVED'],
        [2, 'DOCUMENT_WAS_PROCESSED'],
        [3, 'DOCUMENT_WAS_RECEIVED'],
        [4, 'DOCUMENT_WAS_PROCESSED'],
        [5, 'DOCUMENT_WAS_RECEIVED'],
        [6, 'DOCUMENT_WAS_PROCESSED'],
      ]);
    } finally {
      await client.dispose();
    }
  });
});
