import { CustomerEventName, contextOf } from '../onboarding';
import { CustomerEvent } from '../onboarding';
import { envelopeOf } from './delivery.worker';
import { Webhook } from './webhook.entities';

/**
 * The events a webhook can receive, as `webhookEventTypes` lists them: name,
 * context, what its `data` carries (after envelopeOf: reprovation reasons stay
 * with analysts) and a complete example envelope. A test in
 * test/webhooks.test.ts checks every delivered event against this table.
 */
export interface EventDataField {
  name: string;
  type: string;
  description: string;
}

export interface EventType {
  name: string;
  context: string;
  description: string;
  dataFields: EventDataField[];
  /** An example `data` (the envelope is built around it by `exampleEnvelope`). */
  exampleData: Record<string, unknown>;
  /** The registration status the example's `metadata.status` shows. */
  exampleStatus: string | null;
}

/** The test event of sendTestWebhookEvent: not a customer event, never subscribed to, sent on request only. */
export const WEBHOOK_TEST = 'WEBHOOK_TEST';
export const WEBHOOK_TEST_CONTEXT = 'Webhook';

const documentFields = (processed: boolean): EventDataField[] => [
  { name: 'token', type: 'String', description: "The document-analysis token (32 hex) registerCustomer's documentation refers to." },
  { name: 'documentType', type: 'DocumentType', description: 'SELFIE, RG or CNH.' },
  { name: 'documentSide', type: 'DocumentSide', description: 'FRONT or BACK (FRONT for a selfie).' },
  { name: 'status', type: 'DocumentAnalysisStatus', description: processed ? 'The analysis outcome (ANALYSIS_COMPLETED or a refusal).' : 'ANALYZING.' },
  ...(processed
    ? [{ name: 'reasons', type: '[String]', description: 'Why the document was refused (IMAGE_TOO_SMALL, FLAT_IMAGE…); null when completed.' }]
    : []),
];
const documentExample = (processed: boolean) => ({
  token: '5f0c7a3e9b1d4c2a8e6f0b7d3a9c1e5f',
  documentType: 'RG',
  documentSide: 'FRONT',
  status: processed ? 'ANALYSIS_COMPLETED' : 'ANALYZING',
  ...(processed ? { reasons: null } : {}),
});

const CATALOG: Record<CustomerEventName, Omit<EventType, 'name' | 'context'>> = {
  CUSTOMER_WAS_RECEIVED: {
    description: 'registerCustomer accepted a registration; its evaluation starts.',
    dataFields: [],
    exampleData: {},
    exampleStatus: 'PENDING_APPROVAL',
  },
  CUSTOMER_IN_ANALYSIS: { description: 'The evaluation has started.', dataFields: [], exampleData: {}, exampleStatus: 'PENDING_APPROVAL' },
  CUSTOMER_IN_MANUAL_REVIEW: {
    description: 'Ours: a manual review of the reprovation was asked for (status IN_MANUAL_REVIEW).',
    dataFields: [{ name: 'dueAt', type: 'DateTime', description: "When the analysts' decision is due." }],
    exampleData: { dueAt: '2026-12-04T18:00:00Z' },
    exampleStatus: 'IN_MANUAL_REVIEW',
  },
  CUSTOMER_WAS_APPROVED: {
    description: 'The registration is approved; ACCOUNT_WAS_CREATED follows.',
    dataFields: [],
    exampleData: {},
    exampleStatus: 'APPROVED',
  },
  CUSTOMER_WAS_REPROVED: {
    description: 'The registration is reproved (the reasons stay with analysts: not sent).',
    dataFields: [],
    exampleData: {},
    exampleStatus: 'REPROVED',
  },
  CUSTOMER_WAS_UPDATED: {
    description: 'updateCustomer changed an approved customer.',
    dataFields: [{ name: 'changedFields', type: '[String]', description: 'The input fields whose value changed.' }],
    exampleData: { changedFields: ['email', 'phone'] },
    exampleStatus: 'APPROVED',
  },
  CUSTOMER_WAS_CANCELED: {
    description: 'cancelCustomer canceled the customer.',
    dataFields: [{ name: 'reason', type: 'CancelReason', description: 'HOLDER_REQUEST or COMMERCIAL_DISAGREEMENT.' }],
    exampleData: { reason: 'HOLDER_REQUEST' },
    exampleStatus: 'CANCELED',
  },
  ACCOUNT_WAS_CREATED: {
    description: "The approval opened the customer's prepaid account.",
    dataFields: [
      { name: 'compeCode', type: 'String', description: "The institution's COMPE code (3 digits)." },
      { name: 'branchCode', type: 'String', description: 'Branch (4 digits).' },
      { name: 'number', type: 'String', description: 'Account number.' },
      { name: 'checkDigit', type: 'String', description: 'Check digit of the account number.' },
      { name: 'type', type: 'String', description: 'Account type (Open Banking), e.g. CONTA_PAGAMENTO_PRE_PAGA.' },
    ],
    exampleData: { compeCode: '332', branchCode: '0001', number: '1234567', checkDigit: '8', type: 'CONTA_PAGAMENTO_PRE_PAGA' },
    exampleStatus: 'APPROVED',
  },
  DOCUMENT_WAS_RECEIVED: {
    description: 'submitDocument stored an image; its analysis starts.',
    dataFields: documentFields(false),
    exampleData: documentExample(false),
    exampleStatus: null,
  },
  DOCUMENT_WAS_PROCESSED: {
    description: "The document's analysis ended.",
    dataFields: documentFields(true),
    exampleData: documentExample(true),
    exampleStatus: null,
  },
};

/** Every event name, customer events first (enum order), then WEBHOOK_TEST. */
export const EVENT_TYPES: readonly EventType[] = [
  ...Object.values(CustomerEventName).map((name) => ({ name, context: contextOf(name), ...CATALOG[name] })),
  {
    name: WEBHOOK_TEST,
    context: WEBHOOK_TEST_CONTEXT,
    description: 'Sent by sendTestWebhookEvent only, signed like any event; entityId and metadata.sequence are null. Not subscribable.',
    dataFields: [
      { name: 'webhookId', type: 'Int', description: 'The webhook tested.' },
      { name: 'message', type: 'String', description: 'A fixed text.' },
    ],
    exampleData: { webhookId: 1, message: 'test event from sendTestWebhookEvent' },
    exampleStatus: null,
  },
];

/** The envelope of a WEBHOOK_TEST event (sendTestWebhookEvent): the customer events' shape, without a customer. */
export function testEnvelope(webhook: Pick<Webhook, 'id' | 'ownerSubject'>, idempotencyKey: string, correlationId: string, at: Date): Record<string, unknown> {
  return {
    entityId: null,
    companyKey: webhook.ownerSubject,
    context: WEBHOOK_TEST_CONTEXT,
    name: WEBHOOK_TEST,
    idempotencyKey,
    correlationId,
    timestamp: at.toISOString(),
    version: 1,
    metadata: { sequence: null, status: null },
    data: { webhookId: webhook.id, message: 'test event from sendTestWebhookEvent' },
  };
}

const EXAMPLE_KEY = '1b0c5f2e-7d3a-4e8b-9c61-2f4a8d7e3b90';
const EXAMPLE_CORRELATION = '9e4f7a21-3c5d-4b8e-a6f0-1d2c3b4a5e6f';
const EXAMPLE_AT = new Date('2026-12-02T04:00:00.000Z');

/** A complete example envelope of `type`, built by the code that builds the real ones. */
export function exampleEnvelope(type: EventType): Record<string, unknown> {
  const webhook = { id: 1, ownerSubject: 'partner-example' };
  if (type.name === WEBHOOK_TEST) return testEnvelope(webhook, EXAMPLE_KEY, EXAMPLE_CORRELATION, EXAMPLE_AT);
  const event = {
    entityId: '12345678909',
    context: type.context,
    name: type.name,
    idempotencyKey: EXAMPLE_KEY,
    correlationId: EXAMPLE_CORRELATION,
    timestamp: EXAMPLE_AT,
    version: 1,
    sequence: 3,
    status: type.exampleStatus,
    data: type.exampleData,
  } as unknown as CustomerEvent;
  return envelopeOf(event, webhook as Webhook);
}
