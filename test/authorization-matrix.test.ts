/**
 * The authorization matrix: every root field of the GraphQL schema and every
 * REST route × every kind of caller (with the owner's resources reached by
 * another partner, another data receiver, another customer) × every transport
 * that serves it (HTTP, WebSocket, REST), against one gateway and one set of
 * fixtures owned by partner A and customer R.
 *
 * The expected outcomes come from `expected()` below, a rule written from the
 * issue's model (who is which caller, whose resource what is), NOT from the
 * table under test (src/platform/security/policies.ts OPERATIONS): the test never reads
 * the table's caller lists. An operation or route the test has no case for,
 * or the table no declaration for, fails it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { Client } from 'graphql-ws';
import { withAuthorizationTable } from '../src/platform/security/authorization-docs';
import { accessOf, guardRootFields, OPERATIONS } from '../src/platform/security/policies';
import { ALL_PERMISSIONS, analystClaims, TokenClaims, viewerFromClaims } from '../src/platform/security/viewer';
import { seedCustomers } from '../src/modules/demo/generator';
import { DocumentAnalysis } from '../src/modules/onboarding/documents/document-analysis.entity';
import { DocumentAnalysisStage, DocumentAnalysisStatus, DocumentSide, DocumentType } from '../src/modules/onboarding/documents/document.enums';
import { CustomerEvent, CustomerRegistration } from '../src/modules/onboarding/registration.entities';
import { restRouteKey } from '../src/modules/open-banking-rest/routes';
import { DOCUMENT_IMAGE_OPERATION } from '../src/modules/onboarding/documents/document-image.route';
import { REST_OPERATIONS, REST_OPERATIONS_V2 } from '../src/modules/open-banking-rest/operations';
import { buildGatewaySchema } from '../src/schema';
import { loadConfig } from '../src/platform/config';
import { givenConsent, consentClaims } from './support/consents';
import { uploadDocument } from './support/documents';
import { noisePng } from './support/images';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { rest } from './support/rest';
import { eventually } from './support/process';
import { subscribe as wsSubscribe, wsClient } from './support/ws';
import { appendEvent, publishEvents, registrationOwner } from '../src/modules/onboarding/customer-events';
import { CustomerEventName, RegistrationStatus } from '../src/modules/onboarding/onboarding.enums';

jest.setTimeout(600_000);

// ---------------------------------------------------------------------------------------------
// Callers. Every token carries every scope and permission it could (so a refusal is the model's,
// not a missing scope); only the partner tokens leave out consents:manage (that scope makes the
// bank's consent service).
// ---------------------------------------------------------------------------------------------
const SCOPES = 'openid customers customer.read customer.write customer.update webhook.read webhook.write';
const CALLERS = [
  'anonymous',
  'customerOwn',
  'customerOther',
  'receiverOwn',
  'receiverOther',
  'partnerOwner',
  'partnerOther',
  'consentService',
  'analyst',
  'compliance',
] as const;
type Caller = (typeof CALLERS)[number];

/** The rule's view of a caller: its kind and whether it is the owner (or a bound customer) of the fixtures. */
const KIND: Record<Caller, string> = {
  anonymous: 'anonymous',
  customerOwn: 'customer',
  customerOther: 'customer',
  receiverOwn: 'receiver',
  receiverOther: 'receiver',
  partnerOwner: 'partner',
  partnerOther: 'partner',
  consentService: 'consentService',
  analyst: 'staff',
  compliance: 'staff',
};
const OTHERS: ReadonlySet<Caller> = new Set(['customerOther', 'receiverOther', 'partnerOther']);

// ---------------------------------------------------------------------------------------------
// The rule, written from the issue (not from the table):
// - no token: UNAUTHENTICATED (WebSocket: the connection is refused);
// - customer data of the read model (Open Banking): the customer's own token or a receiver's consent
//   token, bound to that customer, and analysts; anyone else FORBIDDEN; lists of customers: analysts;
// - onboarding (documents, registrations, their streams, update/cancel, the review request):
//   partners, the customer's own token, analysts (compliance staff, and a receiver's consent token for its
//   customer, read); a partner reaches only what it made (another partner's: the answer for an unknown one);
//   a customer-bound token only its own CPF;
// - the review queue and the audit log: analysts; consents: the bank's consent service and analysts;
//   the customer's own views (myConsents, myDataAccesses): customer and receiver tokens, only their own;
// - webhooks: partners, each its own (another's: WEBHOOK_NOT_FOUND, lists without it); analysts read and
//   manage them but never create one nor obtain a secret (rotateWebhookSecret) nor send to a partner's
//   endpoint (sendTestWebhookEvent); the event catalog (webhookEventTypes): partners and analysts;
// - REST: a customer or receiver token reads the customer it is bound to, never another.
// ---------------------------------------------------------------------------------------------
type Expectation = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'ALLOWED';

type Family =
  | 'customerData'
  | 'customerList'
  | 'onboardingRead'
  | 'onboardingWrite'
  | 'onboardingCreate'
  | 'staffOnly'
  | 'consentAdmin'
  | 'ownViews'
  | 'webhookRead'
  | 'webhookWrite'
  | 'webhookCreate'
  | 'webhookSecret'
  | 'webhookCatalog'
  | 'rest'
  | 'public';

function expected(family: Family, caller: Caller): Expectation {
  const kind = KIND[caller];
  if (family === 'public') return 'ALLOWED';
  if (kind === 'anonymous') return 'UNAUTHENTICATED';
  switch (family) {
    case 'customerData':
      if (caller === 'customerOwn' || caller === 'receiverOwn' || caller === 'analyst') return 'ALLOWED';
      return 'FORBIDDEN';
    case 'rest':
      // No customer in the path: a bound token reads its own customer (the others': theirs, never R's).
      return kind === 'customer' || kind === 'receiver' ? 'ALLOWED' : 'FORBIDDEN';
    case 'customerList':
    case 'staffOnly':
      return caller === 'analyst' ? 'ALLOWED' : 'FORBIDDEN';
    case 'onboardingRead':
    case 'onboardingWrite':
    case 'onboardingCreate': {
      // Reads: compliance staff too, and a receiver's consent token for its own customer (acting for it, read-only).
      const reader = family === 'onboardingRead' && (caller === 'compliance' || caller === 'receiverOwn');
      if (reader || caller === 'analyst' || caller === 'customerOwn' || caller === 'partnerOwner') return 'ALLOWED';
      if (caller === 'partnerOther') return family === 'onboardingCreate' ? 'ALLOWED' : 'NOT_FOUND';
      return 'FORBIDDEN';
    }
    case 'consentAdmin':
      return caller === 'consentService' || caller === 'analyst' ? 'ALLOWED' : 'FORBIDDEN';
    case 'ownViews':
      return kind === 'customer' || kind === 'receiver' ? 'ALLOWED' : 'FORBIDDEN';
    case 'webhookRead':
    case 'webhookWrite':
      if (caller === 'partnerOwner' || caller === 'analyst') return 'ALLOWED';
      if (caller === 'partnerOther') return 'NOT_FOUND';
      return 'FORBIDDEN';
    case 'webhookCreate':
      return kind === 'partner' ? 'ALLOWED' : 'FORBIDDEN';
    case 'webhookCatalog':
      // The event catalog holds no partner's data: any partner and analysts.
      return kind === 'partner' || caller === 'analyst' ? 'ALLOWED' : 'FORBIDDEN';
    case 'webhookSecret':
      if (caller === 'partnerOwner') return 'ALLOWED';
      if (caller === 'partnerOther') return 'NOT_FOUND';
      return 'FORBIDDEN';
  }
  throw new Error(`no rule for ${family}`);
}

// ---------------------------------------------------------------------------------------------
// Fixtures: partner A's registration of CPF R (REPROVED, with its events and a webhook delivery),
// A's document analysis of R, A's webhook, consents of R (receiver-own) and of another CPF O
// (receiver-other), the read-model customer R.
// ---------------------------------------------------------------------------------------------
interface Fixtures {
  cpf: string;
  otherCpf: string;
  cnpj: string;
  documentToken: string;
  webhookId: number;
  webhookUrl: string;
  idempotencyKey: string;
  consentIdOwn: string;
  adminConsentId: string;
  registerName: string;
  /** What only the owner's answers may contain. */
  markers: string[];
}

let gw: TestGateway;
let fx: Fixtures;
const bearers = new Map<Caller, string>();
/** Bus listeners opened per CPF (the streams' subscriptions to the CPF's channel). */
const listeners = new Map<string, number>();
const sockets = new Map<Caller, Client>();

const viewer = (sub: string) => viewerFromClaims({ sub, exp: Math.floor(Date.now() / 1000) + 3600 });

async function newWebhook(owner: string, url = `http://127.0.0.1:9/${owner}/${randomBytes(4).toString('hex')}`): Promise<{ id: number; url: string }> {
  const webhook = await gw.gateway.services.webhooks.create(viewer(owner), { url, eventNames: ['CUSTOMER_WAS_RECEIVED'], context: 'Customer' });
  return { id: webhook.id, url };
}

beforeAll(async () => {
  const config = loadConfig();
  gw = await startTestGateway('authorization-matrix', {
    inProcessWorker: false,
    subscriptionResyncMs: 200,
    webhooks: { ...config.webhooks, allowedHosts: ['127.0.0.1'] },
  });
  const pubSub = gw.gateway.services.pubSub;
  const original = pubSub.subscribe.bind(pubSub);
  pubSub.subscribe = ((...args: Parameters<typeof original>) => {
    listeners.set(String(args[1]), (listeners.get(String(args[1])) ?? 0) + 1);
    return original(...args);
  }) as typeof pubSub.subscribe;
  const seeded = await seedCustomers(gw.dataSource, { seed: 19, personal: 1, business: 1 });
  // R: registered by partner A below, and (renamed after the registration) the read model's customer of the Open Banking reads.
  const cpf = uniqueCpf();
  const otherCpf = uniqueCpf();
  const webhook = await newWebhook('partner-a', 'http://127.0.0.1:9/partner-a-hook');
  const registerName = 'Registrada Por Parceira A';
  const partnerA = `Bearer ${await tokenFor({ sub: 'partner-a', scope: SCOPES })}`;
  const registered = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ registerName }) }, { authorization: partnerA });
  expect(registered.body.errors).toBeUndefined();
  await gw.dataSource.query(
    `UPDATE personal_customers SET ${gw.dataSource.driver.escape('cpfNumber')} = ? WHERE ${gw.dataSource.driver.escape('cpfNumber')} = ?`,
    [cpf, seeded.firstCpf],
  );
  const registration = await gw.dataSource.getRepository(CustomerRegistration).findOneByOrFail({ documentNumber: cpf });
  await gw.dataSource
    .getRepository(CustomerRegistration)
    .update({ id: registration.id }, { status: RegistrationStatus.REPROVED, reasons: ['SANDBOX_DOCUMENT'] });
  const event = await gw.dataSource.getRepository(CustomerEvent).findOneByOrFail({ registrationId: registration.id });
  const documentToken = randomBytes(16).toString('hex');
  await gw.dataSource.getRepository(DocumentAnalysis).insert({
    token: documentToken,
    documentNumber: cpf,
    documentType: DocumentType.SELFIE,
    documentSide: DocumentSide.FRONT,
    status: DocumentAnalysisStatus.ANALYSIS_COMPLETED,
    reasons: null,
    storageKey: `${cpf}/${documentToken}.png`,
    contentType: 'image/png',
    byteSize: 1,
    width: 1,
    height: 1,
    submittedBy: 'partner-a',
    correlationId: randomUUID(),
    stage: DocumentAnalysisStage.DONE,
    runAt: new Date(),
    version: 0,
    attempts: 0,
    lastError: null,
  });
  await gw.gateway.services.documents.storage.put(`${cpf}/${documentToken}.png`, Buffer.from('image-of-partner-a'), 'image/png');
  const own = await givenConsent(gw, { cpf, receiver: 'receiver-own' });
  const other = await givenConsent(gw, { cpf: otherCpf, receiver: 'receiver-other' });
  const admin = await gw.gateway.services.consents.create({
    cpf: otherCpf,
    permissions: ['RESOURCES_READ'],
    receiver: 'receiver-admin',
    expirationDateTime: new Date(Date.now() + 86_400_000),
  });
  fx = {
    cpf,
    otherCpf,
    cnpj: seeded.firstCnpj!,
    documentToken,
    webhookId: webhook.id,
    webhookUrl: webhook.url,
    idempotencyKey: event.idempotencyKey,
    consentIdOwn: own.consentId,
    adminConsentId: admin.consentId,
    registerName,
    markers: [cpf, documentToken, 'partner-a', registerName, own.consentId, 'receiver-own'],
  };

  const claims: Record<Exclude<Caller, 'anonymous'>, TokenClaims> = {
    customerOwn: { sub: 'customer-own', scope: `${SCOPES} consents:manage`, permissions: ALL_PERMISSIONS, cpf },
    customerOther: { sub: 'customer-other', scope: `${SCOPES} consents:manage`, permissions: ALL_PERMISSIONS, cpf: otherCpf },
    receiverOwn: consentClaims(own, { scope: `${SCOPES} consents:manage` }),
    receiverOther: consentClaims(other, { scope: `${SCOPES} consents:manage` }),
    partnerOwner: { sub: 'partner-a', scope: SCOPES, permissions: ALL_PERMISSIONS },
    partnerOther: { sub: 'partner-b', scope: SCOPES, permissions: ALL_PERMISSIONS },
    consentService: { sub: 'consent-service', scope: `${SCOPES} consents:manage`, permissions: ALL_PERMISSIONS },
    analyst: { ...analystClaims('analyst-1'), scope: `${SCOPES} consents:manage` },
    compliance: { sub: 'compliance-1', scope: `${SCOPES} consents:manage`, permissions: ALL_PERMISSIONS, roles: ['compliance'] },
  };
  bearers.set('anonymous', '');
  for (const [caller, claim] of Object.entries(claims)) bearers.set(caller as Caller, `Bearer ${await tokenFor(claim)}`);
  for (const caller of CALLERS) {
    const authorization = bearers.get(caller)!;
    sockets.set(caller, wsClient(gw.url, authorization ? { authorization } : undefined));
  }
});

afterAll(async () => {
  for (const client of sockets.values()) await client.dispose();
  await gw?.stop();
});

// ---------------------------------------------------------------------------------------------
// One case per root field and REST route: its family (for the rule), an operation and its variables,
// and what "the answer for an unknown one" looks like for it.
// ---------------------------------------------------------------------------------------------
interface Case {
  family: Family;
  /** The operation; the field's answer is `data[field]`. */
  document: string;
  variables: (caller: Caller) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /**
   * NOT_FOUND as this operation answers it: an error code, null, a list without the owner's items, a stream
   * that completes empty, or one that stays silent (as for a CPF never registered: subscribe, then register).
   */
  notFound?: string | 'null' | 'list' | 'empty-stream' | 'silent-stream';
  /** Served over multipart HTTP only (an upload). */
  upload?: boolean;
}

const PAGE = 'first: 10';
const CASES: Record<string, Case> = {
  'Query.personalCustomer': {
    family: 'customerData',
    document: 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }',
    variables: () => ({ c: fx.cpf }),
  },
  // A company is read by a token bound to its CNPJ (none here: the bound tokens are CPF-bound) or by analysts.
  'Query.businessCustomer': {
    family: 'customerList',
    document: 'query($c: String!) { businessCustomer(cnpjNumber: $c) { cnpjNumber } }',
    variables: () => ({ c: fx.cnpj }),
  },
  'Query.personalCustomers': { family: 'customerList', document: `{ personalCustomers(${PAGE}) { edges { node { cpfNumber } } } }`, variables: () => ({}) },
  'Query.businessCustomers': { family: 'customerList', document: `{ businessCustomers(${PAGE}) { edges { node { cnpjNumber } } } }`, variables: () => ({}) },
  'Query.documentAnalysis': {
    family: 'onboardingRead',
    notFound: 'null',
    document: 'query($d: String!, $t: String!) { documentAnalysis(documentNumber: $d, token: $t) { token status } }',
    variables: () => ({ d: fx.cpf, t: fx.documentToken }),
  },
  'Query.customerRegistration': {
    family: 'onboardingRead',
    notFound: 'null',
    document: 'query($d: String!) { customerRegistration(documentNumber: $d) { documentNumber registerName motherName email status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Query.manualReviews': { family: 'staffOnly', document: `{ manualReviews(${PAGE}) { edges { node { documentNumber } } } }`, variables: () => ({}) },
  'Query.auditLog': { family: 'staffOnly', document: `{ auditLog(${PAGE}) { edges { node { customerDocument } } } }`, variables: () => ({}) },
  'Query.consents': { family: 'consentAdmin', document: `{ consents(${PAGE}) { edges { node { consentId } } } }`, variables: () => ({}) },
  'Query.myConsents': {
    family: 'ownViews',
    notFound: 'list',
    document: `{ myConsents(${PAGE}) { edges { node { consentId receiver } } } }`,
    variables: () => ({}),
  },
  'Query.myDataAccesses': {
    family: 'ownViews',
    notFound: 'list',
    document: `{ myDataAccesses(${PAGE}) { edges { node { receiver blocks } } } }`,
    variables: () => ({}),
  },
  'Query.webhooks': { family: 'webhookRead', notFound: 'list', document: `{ webhooks(${PAGE}) { edges { node { id url } } } }`, variables: () => ({}) },
  'Query.webhookEventTypes': { family: 'webhookCatalog', document: '{ webhookEventTypes { name context } }', variables: () => ({}) },
  'Query.webhookDeliveries': {
    family: 'webhookRead',
    notFound: 'list',
    document: `{ webhookDeliveries(${PAGE}) { edges { node { entityId idempotencyKey } } } }`,
    variables: () => ({}),
  },
  'Mutation.submitDocument': { family: 'onboardingCreate', upload: true, document: '', variables: () => ({}) },
  'Mutation.registerCustomer': {
    family: 'onboardingCreate',
    document: 'mutation($d: String!, $i: RegisterCustomerInput!) { registerCustomer(documentNumber: $d, input: $i) { documentNumber registerName status } }',
    variables: () => ({ d: fx.cpf, i: validRegistration() }),
  },
  'Mutation.updateCustomer': {
    family: 'onboardingWrite',
    notFound: 'CUSTOMER_NOT_FOUND',
    document: 'mutation($d: String!, $i: UpdateCustomerInput!) { updateCustomer(documentNumber: $d, input: $i) { documentNumber registerName } }',
    variables: () => ({ d: fx.cpf, i: { occupation: 'OCP0002' } }),
  },
  'Mutation.cancelCustomer': {
    family: 'onboardingWrite',
    notFound: 'CUSTOMER_NOT_FOUND',
    document: 'mutation($d: String!) { cancelCustomer(documentNumber: $d, reason: HOLDER_REQUEST) { documentNumber status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Mutation.requestManualReview': {
    family: 'onboardingWrite',
    notFound: 'CUSTOMER_NOT_FOUND',
    document: 'mutation($d: String!) { requestManualReview(documentNumber: $d, reason: "please") { documentNumber status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Mutation.claimManualReview': {
    family: 'staffOnly',
    document: 'mutation($d: String!) { claimManualReview(documentNumber: $d) { status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Mutation.decideManualReview': {
    family: 'staffOnly',
    document: 'mutation($d: String!) { decideManualReview(documentNumber: $d, decision: KEEP_REPROVED, justification: "kept") { status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Mutation.confirmManualReview': {
    family: 'staffOnly',
    document: 'mutation($d: String!) { confirmManualReview(documentNumber: $d) { status } }',
    variables: () => ({ d: fx.cpf }),
  },
  'Mutation.createConsent': {
    family: 'consentAdmin',
    document: 'mutation($i: CreateConsentInput!) { createConsent(input: $i) { consentId } }',
    variables: () => ({
      i: { cpf: fx.otherCpf, permissions: ['RESOURCES_READ'], receiver: 'receiver-new', expirationDateTime: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  'Mutation.authoriseConsent': {
    family: 'consentAdmin',
    document: 'mutation($c: String!) { authoriseConsent(consentId: $c) { status } }',
    variables: () => ({ c: fx.adminConsentId }),
  },
  'Mutation.revokeConsent': {
    family: 'consentAdmin',
    document: 'mutation($c: String!) { revokeConsent(consentId: $c, reason: CUSTOMER_MANUALLY_REVOKED) { status } }',
    variables: () => ({ c: fx.adminConsentId }),
  },
  'Mutation.createWebhook': {
    family: 'webhookCreate',
    document: 'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }',
    variables: () => ({ i: { url: `http://127.0.0.1:9/new/${randomBytes(4).toString('hex')}`, eventNames: ['CUSTOMER_WAS_RECEIVED'] } }),
  },
  'Mutation.updateWebhook': {
    family: 'webhookWrite',
    notFound: 'WEBHOOK_NOT_FOUND',
    document: 'mutation($id: Int!) { updateWebhook(id: $id, input: { eventNames: ["CUSTOMER_WAS_RECEIVED"] }) { id url } }',
    variables: () => ({ id: fx.webhookId }),
  },
  'Mutation.deleteWebhook': {
    // A webhook of partner A of its own per cell: a deletion that is allowed must not take the shared one.
    family: 'webhookWrite',
    notFound: 'WEBHOOK_NOT_FOUND',
    document: 'mutation($id: Int!) { deleteWebhook(id: $id) }',
    variables: async () => ({ id: (await newWebhook('partner-a')).id }),
  },
  'Mutation.rotateWebhookSecret': {
    family: 'webhookSecret',
    notFound: 'WEBHOOK_NOT_FOUND',
    document: 'mutation($id: Int!) { rotateWebhookSecret(id: $id) { id url secret } }',
    variables: () => ({ id: fx.webhookId }),
  },
  'Mutation.sendTestWebhookEvent': {
    family: 'webhookSecret',
    notFound: 'WEBHOOK_NOT_FOUND',
    document: 'mutation($id: Int!) { sendTestWebhookEvent(id: $id) { idempotencyKey } }',
    variables: () => ({ id: fx.webhookId }),
  },
  'Mutation.redeliverWebhookEvent': {
    family: 'webhookWrite',
    notFound: 'WEBHOOK_NOT_FOUND',
    document: 'mutation($id: Int!, $k: String!) { redeliverWebhookEvent(webhookId: $id, idempotencyKey: $k) { entityId idempotencyKey } }',
    variables: () => ({ id: fx.webhookId, k: fx.idempotencyKey }),
  },
  'Subscription.documentAnalysis': {
    family: 'onboardingRead',
    notFound: 'empty-stream',
    document: 'subscription($d: String!, $t: String!) { documentAnalysis(documentNumber: $d, token: $t) { token status } }',
    variables: () => ({ d: fx.cpf, t: fx.documentToken }),
  },
  'Subscription.customerEvaluation': {
    family: 'onboardingRead',
    notFound: 'silent-stream',
    document: 'subscription($d: String!) { customerEvaluation(documentNumber: $d, afterSequence: 0) { entityId name } }',
    variables: () => ({ d: fx.cpf }),
  },
};
const REST_ROUTES = ['/openapi.yaml', ...REST_OPERATIONS.map((operation) => operation.path)];
/** Customers API 2.3.0's served paths, under their own prefix. */
const REST_V2_ROUTES = ['/openapi.yaml', ...REST_OPERATIONS_V2.map((operation) => operation.path)];
const V2_PREFIX = '/open-banking/customers/v2';

// ---------------------------------------------------------------------------------------------
// Transports.
// ---------------------------------------------------------------------------------------------
interface Answer {
  data: any;
  codes: string[];
  /** WebSocket: the connection was closed with this code. */
  closeCode?: number;
  /** Subscriptions: the payloads received. */
  events?: any[];
}

async function overHttp(caller: Caller, document: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await gw.query(document, variables, { authorization: bearers.get(caller)! });
  return { data: response.body.data, codes: (response.body.errors ?? []).map((e: any) => e.extensions?.code) };
}

/** Over graphql-ws: one operation; a subscription's first payload is enough to prove it is served (then it is closed). */
function overWebSocket(caller: Caller, document: string, variables: Record<string, unknown>, subscription: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const events: any[] = [];
    const codes: string[] = [];
    let data: any;
    let done = false;
    const finish = (closeCode?: number) => {
      if (done) return;
      done = true;
      dispose();
      resolve({ data, codes, closeCode, events });
    };
    const dispose = sockets.get(caller)!.subscribe<any>(
      { query: document, variables },
      {
        next: (value) => {
          for (const error of value.errors ?? []) codes.push((error as any).extensions?.code);
          if (value.data) {
            data = value.data;
            events.push(value.data);
            if (subscription) finish();
          }
        },
        error: (error: any) => {
          if (Array.isArray(error)) codes.push(...error.map((e: any) => e.extensions?.code));
          finish(typeof error?.code === 'number' ? error.code : undefined);
        },
        complete: () => finish(),
      },
    );
  });
}

/**
 * Every business table, as rows: what a refused operation must leave unchanged (the audit log records refusals on
 * purpose). One statement for all tables (each table's rows as one JSON array), not one per table: the matrix takes
 * two snapshots per refused mutation, about 270 per database.
 */
async function snapshot(): Promise<string> {
  const { dataSource } = gw;
  const arrayOf = dataSource.options.type === 'better-sqlite3' ? 'json_group_array' : 'JSON_ARRAYAGG';
  const tables = dataSource.entityMetadatas.filter((m) => m.tableName !== 'audit_log').sort((a, b) => a.tableName.localeCompare(b.tableName));
  const escape = (name: string) => dataSource.driver.escape(name);
  const parts = tables.map(
    (m, i) => `(SELECT ${arrayOf}(JSON_ARRAY(${m.columns.map((c) => escape(c.databaseName)).join(', ')})) FROM ${escape(m.tableName)}) AS t${i}`,
  );
  const [row] = await dataSource.query(`SELECT ${parts.join(', ')}`);
  // MariaDB cuts an aggregate at group_concat_max_len (1 MiB by default): a table that large would hide changes.
  const cut = tables.filter((m, i) => String(row[`t${i}`] ?? '').length >= 1_000_000).map((m) => m.tableName);
  if (cut.length > 0) throw new Error(`snapshot too large to compare: ${cut.join(', ')}`);
  return tables.map((m, i) => `${m.tableName}\n${row[`t${i}`] ?? '[]'}`).join('\n');
}

const fieldOf = (key: string) => key.split('.')[1];
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

function containsMarker(value: unknown): string | undefined {
  const text = JSON.stringify(value ?? null);
  return fx.markers.find((marker) => text.includes(marker));
}

/** Checks one answer against the rule; returns what is wrong, or null. */
function judge(key: string, kase: Case, caller: Caller, expectation: Expectation, answer: Answer, transport: string): string | null {
  const field = fieldOf(key);
  const value = answer.data?.[field];
  const subscription = key.startsWith('Subscription.');
  if (expectation === 'UNAUTHENTICATED') {
    // graphql-ws refuses a connection without a valid token: close 4403 (src/platform/transports/websocket.ts).
    if (transport === 'ws')
      return answer.closeCode === 4403 || answer.codes.includes('UNAUTHENTICATED') ? null : `expected a refused connection, got ${JSON.stringify(answer)}`;
    return answer.codes[0] === 'UNAUTHENTICATED' && (value === null || value === undefined) ? null : `expected UNAUTHENTICATED, got ${JSON.stringify(answer)}`;
  }
  if (expectation === 'FORBIDDEN') {
    return answer.codes[0] === 'FORBIDDEN' && (value === null || value === undefined) && !answer.events?.some((e) => e?.[field])
      ? null
      : `expected FORBIDDEN, got ${JSON.stringify(answer)}`;
  }
  if (answer.codes.some((code) => AUTH_CODES.includes(code))) return `expected to be allowed, got ${answer.codes.join(', ')}`;
  if (expectation === 'NOT_FOUND') {
    const leaked = containsMarker(answer.data) ?? containsMarker(answer.events);
    if (leaked) return `another caller got the owner's data (${leaked}): ${JSON.stringify(answer)}`;
    if (kase.notFound === 'null') return value === null && answer.codes.length === 0 ? null : `expected null, got ${JSON.stringify(answer)}`;
    if (kase.notFound === 'list') return Array.isArray(value?.edges) ? null : `expected a list, got ${JSON.stringify(answer)}`;
    if (kase.notFound === 'empty-stream' || kase.notFound === 'silent-stream')
      return (answer.events ?? []).length === 0 && answer.codes.length === 0 ? null : `expected an empty stream, got ${JSON.stringify(answer)}`;
    return answer.codes[0] === kase.notFound && (value === null || value === undefined) ? null : `expected ${kase.notFound}, got ${JSON.stringify(answer)}`;
  }
  // ALLOWED: never the answer for an unknown resource when the caller owns it; the owner's markers only for owners and staff.
  if (kase.notFound && !['null', 'list', 'empty-stream'].includes(kase.notFound) && answer.codes.includes(kase.notFound))
    return `the owner got ${kase.notFound}`;
  if ((kase.notFound === 'null' && value === null) || (subscription && (answer.events ?? []).length === 0))
    return `the owner got nothing: ${JSON.stringify(answer)}`;
  if (OTHERS.has(caller) && containsMarker(answer.data)) return `another caller got the owner's data: ${JSON.stringify(answer)}`;
  return null;
}

describe('the authorization matrix', () => {
  it('covers every root field of the schema and every REST route, and the table declares each of them', async () => {
    const schema = await buildGatewaySchema();
    const keys = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.keys(type!.getFields()).map((name) => `${type!.name}.${name}`),
    );
    const routes = [
      ...REST_ROUTES.map((path) => restRouteKey(path)),
      ...REST_V2_ROUTES.map((path) => restRouteKey(path, 'GET', V2_PREFIX)),
      DOCUMENT_IMAGE_OPERATION,
    ];
    expect(keys.filter((key) => !CASES[key])).toEqual([]);
    expect(Object.keys(CASES).filter((key) => !keys.includes(key))).toEqual([]);
    expect([...keys, ...routes].filter((key) => !accessOf(key))).toEqual([]);
    // Nothing declared that the gateway does not serve.
    expect(Object.keys(OPERATIONS).filter((key) => !keys.includes(key) && !routes.includes(key))).toEqual([]);
  });

  it('docs/security.md shows the table as declared (npm run docs:authz)', () => {
    const readme = readFileSync(join(__dirname, '..', 'docs', 'security.md'), 'utf8');
    expect(withAuthorizationTable(readme)).toBe(readme);
  });

  it('a root field without a declaration stops the schema from being built', () => {
    const query = new GraphQLObjectType({ name: 'Query', fields: { customerRegistration: { type: GraphQLString }, somethingNew: { type: GraphQLString } } });
    expect(() => guardRootFields(new GraphQLSchema({ query }))).toThrow(/No authorization declared .*Query\.somethingNew/);
    expect(() => guardRootFields(buildSchema('type Query { customerRegistration: String }'))).not.toThrow();
  });

  it('every GraphQL operation × every caller × HTTP and WebSocket answers as the rule says, and a refusal changes no row', async () => {
    const failures: string[] = [];
    // The snapshot holds the rows' values (the owner's marked data among them), not only their count.
    const initial = await snapshot();
    expect(fx.markers.filter((marker) => initial.includes(marker))).toEqual(fx.markers);
    for (const [key, kase] of Object.entries(CASES)) {
      if (kase.notFound === 'silent-stream') continue; // below
      const subscription = key.startsWith('Subscription.');
      const transports = kase.upload ? ['http-multipart'] : subscription ? ['ws'] : ['http', 'ws'];
      for (const transport of transports) {
        for (const caller of CALLERS) {
          const expectation = expected(kase.family, caller);
          const variables = await kase.variables(caller);
          const before = expectation === 'ALLOWED' || key.startsWith('Query.') ? null : await snapshot();
          let answer: Answer;
          if (transport === 'http-multipart') {
            const response = await uploadDocument(gw.url, bearers.get(caller)!, { documentNumber: fx.cpf, documentType: 'SELFIE', file: noisePng(64, 64, 7) });
            answer = { data: response.body.data, codes: (response.body.errors ?? []).map((e: any) => e.extensions?.code) };
          } else if (transport === 'http') answer = await overHttp(caller, kase.document, variables);
          else answer = await overWebSocket(caller, kase.document, variables, subscription);
          const wrong = judge(key, kase, caller, expectation, answer, transport);
          if (wrong) failures.push(`${key} ${transport} ${caller} (${expectation}): ${wrong}`);
          if (before !== null && (await snapshot()) !== before) failures.push(`${key} ${transport} ${caller} (${expectation}): rows changed`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("customerEvaluation of partner A's registration, followed by partner B: silent, even when A's registration has a new event", async () => {
    const kase = CASES['Subscription.customerEvaluation'];
    expect(expected(kase.family, 'partnerOther')).toBe('NOT_FOUND');
    // A registration of A still under evaluation (no worker runs here), so its stream stays open.
    const cpf = uniqueCpf();
    const registered = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: bearers.get('partnerOwner')! });
    expect(registered.body.errors).toBeUndefined();
    const listening = () => listeners.get(cpf) ?? 0;
    const events: any[] = [];
    const errors: unknown[] = [];
    const stop = sockets.get('partnerOther')!.subscribe<any>(
      { query: kase.document, variables: { d: cpf } },
      {
        next: (value) => void (value.data ? events.push(value.data) : errors.push(value.errors)),
        error: (error) => void errors.push(error),
        complete: () => undefined,
      },
    );
    await eventually(async () => listening() >= 1); // B's stream listens (and reads the history right after)
    // The owner follows it too and gets its history; then A's registration gets a new event, published on the bus both listen to.
    const owner = wsSubscribe(sockets.get('partnerOwner')!, kase.document, { d: cpf }, (d) => d.customerEvaluation);
    await owner.waitFor(1);
    const registration = (await gw.gateway.services.registrations.find(cpf))!;
    const event = await gw.dataSource.transaction((manager) =>
      appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_IN_ANALYSIS, {}, new Date()),
    );
    publishEvents(gw.gateway.services.pubSub, [event]);
    await owner.waitFor(2);
    await owner.close();
    // B re-reads its own registrations on every live event and on each resync (SUBSCRIPTION_RESYNC_MS here): two rounds of those.
    await new Promise((resolve) => setTimeout(resolve, 2 * gw.config.subscriptionResyncMs + 200));
    stop();
    expect([events, errors]).toEqual([[], []]);
    expect(owner.received.map((e) => e.name)).toEqual(['CUSTOMER_WAS_RECEIVED', 'CUSTOMER_IN_ANALYSIS']);
  });

  it('every REST route × every caller answers as the rule says: a bound token only ever reads its own customer', async () => {
    const failures: string[] = [];
    const routes = [...REST_ROUTES.map((path) => ({ path, v2: false })), ...REST_V2_ROUTES.map((path) => ({ path, v2: true }))];
    for (const { path, v2 } of routes) {
      const family: Family = path === '/openapi.yaml' ? 'public' : 'rest';
      for (const caller of CALLERS) {
        const authorization = bearers.get(caller)!;
        const headers: Record<string, string> = authorization ? { authorization } : {};
        const response = v2
          ? // 2.3.0 requires a UUID interaction id.
            await (async () => {
              const res = await fetch(`${gw.url.replace(/\/graphql$/, '')}${V2_PREFIX}${path}`, {
                headers: { ...headers, 'x-fapi-interaction-id': randomUUID() },
              });
              const text = await res.text();
              let body: any = text;
              try {
                body = JSON.parse(text);
              } catch {
                /* the YAML */
              }
              return { status: res.status, body };
            })()
          : await rest(gw, path, { headers });
        const expectation = expected(family, caller);
        const status = response.status;
        const ok =
          expectation === 'UNAUTHENTICATED'
            ? status === 401
            : expectation === 'FORBIDDEN'
              ? status === 403
              : family === 'public'
                ? status === 200
                : // Allowed: a CPF-bound token is no company's (403 on /business); R's tokens read R, the others their own
                  // customer (none at this institution: 404), never R.
                  path.startsWith('/business')
                  ? status === 403
                  : OTHERS.has(caller)
                    ? status === 404 && !containsMarker(response.body)
                    : status === 200;
        if (!ok) failures.push(`GET ${v2 ? V2_PREFIX : ''}${path} ${caller} (${expectation}): ${status} ${JSON.stringify(response.body).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the document image route × every caller: analysts only (staff review), partners never read images back', async () => {
    const failures: string[] = [];
    for (const caller of CALLERS) {
      const authorization = bearers.get(caller)!;
      const response = await fetch(`${gw.url.replace(/\/graphql$/, '')}/documents/${fx.documentToken}/image`, {
        headers: authorization ? { authorization } : {},
      });
      const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
      const expectation = expected('staffOnly', caller);
      const ok =
        expectation === 'UNAUTHENTICATED'
          ? response.status === 401
          : expectation === 'FORBIDDEN'
            ? response.status === 403 && !body.includes('image-of-partner-a')
            : response.status === 200 && body === 'image-of-partner-a';
      if (!ok) failures.push(`GET /documents/{token}/image ${caller} (${expectation}): ${response.status} ${body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});
