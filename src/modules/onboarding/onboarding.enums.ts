import { registerEnumType } from 'type-graphql';

/** Bankly's vocabulary for customer onboarding (seed and FACTS.md). */
export enum RegistrationStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  REPROVED = 'REPROVED',
  CANCELED = 'CANCELED',
  BLACKLISTED = 'BLACKLISTED',
  /** Ours, not Bankly's: a reproved registration whose manual review was asked for (src/modules/onboarding/reviews). */
  IN_MANUAL_REVIEW = 'IN_MANUAL_REVIEW',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: "Status of a customer registration (Bankly). IN_MANUAL_REVIEW is ours: a reprovation under the analysts' manual review (requestManualReview).",
  valuesConfig: {
    IN_MANUAL_REVIEW: { description: "Ours, not Bankly's: a reprovation under manual review; registerCustomer answers CUSTOMER_AWAIT_EVALUATION meanwhile." },
  },
});

export enum CustomerEventName {
  CUSTOMER_WAS_RECEIVED = 'CUSTOMER_WAS_RECEIVED',
  CUSTOMER_IN_ANALYSIS = 'CUSTOMER_IN_ANALYSIS',
  /** Ours: a manual review of the reprovation was asked for (status IN_MANUAL_REVIEW). */
  CUSTOMER_IN_MANUAL_REVIEW = 'CUSTOMER_IN_MANUAL_REVIEW',
  CUSTOMER_WAS_APPROVED = 'CUSTOMER_WAS_APPROVED',
  CUSTOMER_WAS_REPROVED = 'CUSTOMER_WAS_REPROVED',
  CUSTOMER_WAS_UPDATED = 'CUSTOMER_WAS_UPDATED',
  CUSTOMER_WAS_CANCELED = 'CUSTOMER_WAS_CANCELED',
  ACCOUNT_WAS_CREATED = 'ACCOUNT_WAS_CREATED',
  DOCUMENT_WAS_RECEIVED = 'DOCUMENT_WAS_RECEIVED',
  DOCUMENT_WAS_PROCESSED = 'DOCUMENT_WAS_PROCESSED',
}
registerEnumType(CustomerEventName, {
  name: 'CustomerEventName',
  description: 'Onboarding events (Bankly webhooks): CUSTOMER_* of context `Customer`, ACCOUNT_* of context `Account`, DOCUMENT_* of context `Document`.',
});

/** Bankly's `context` of each event: the entity the event is about. */
export const EVENT_CONTEXTS = ['Customer', 'Account', 'Document'] as const;
export type EventContext = (typeof EVENT_CONTEXTS)[number];

export function contextOf(name: CustomerEventName): EventContext {
  if (name.startsWith('DOCUMENT_')) return 'Document';
  if (name.startsWith('ACCOUNT_')) return 'Account';
  return 'Customer';
}

export enum PepLevel {
  NONE = 'NONE',
  SELF = 'SELF',
  RELATED = 'RELATED',
}
registerEnumType(PepLevel, {
  name: 'PepLevel',
  description: 'Political exposure (Circular 3.978): NONE, SELF (is a PEP), RELATED (family, partner or close collaborator of a PEP).',
});

export enum DeclaredIncome {
  LESS_THAN_ONE_THOUSAND = 'LESS_THAN_ONE_THOUSAND',
  FROM_ONE_THOUSAND_TO_TWO_THOUSAND = 'FROM_ONE_THOUSAND_TO_TWO_THOUSAND',
  FROM_TWO_THOUSAND_TO_THREE_THOUSAND = 'FROM_TWO_THOUSAND_TO_THREE_THOUSAND',
  FROM_THREE_THOUSAND_TO_FIVE_THOUSAND = 'FROM_THREE_THOUSAND_TO_FIVE_THOUSAND',
  FROM_FIVE_THOUSAND_TO_TEN_THOUSAND = 'FROM_FIVE_THOUSAND_TO_TEN_THOUSAND',
  FROM_TEN_THOUSAND_TO_TWENTY_THOUSAND = 'FROM_TEN_THOUSAND_TO_TWENTY_THOUSAND',
  OVER_TWENTY_THOUSAND = 'OVER_TWENTY_THOUSAND',
}
registerEnumType(DeclaredIncome, { name: 'DeclaredIncome', description: 'Declared income band (deprecated by Bankly since 2023-11-27).' });

/** Where an evaluation job stands: the next step the worker will take. */
export enum EvaluationStage {
  START_ANALYSIS = 'START_ANALYSIS',
  DECIDE = 'DECIDE',
  DONE = 'DONE',
}

/** Why a customer is canceled (Bankly PATCH /customers/{documentNumber}/cancel). */
export enum CancelReason {
  HOLDER_REQUEST = 'HOLDER_REQUEST',
  COMMERCIAL_DISAGREEMENT = 'COMMERCIAL_DISAGREEMENT',
}
registerEnumType(CancelReason, {
  name: 'CancelReason',
  description: 'HOLDER_REQUEST: the account holder asked for it; COMMERCIAL_DISAGREEMENT: the institution ends the relationship.',
});
