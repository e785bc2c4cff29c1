import { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { GatewayContext } from '../graphql/context';
import { ForbiddenError, ROLE_ANALYST, ROLE_COMPLIANCE, UnauthenticatedError, Viewer } from './viewer';

/**
 * What a token must carry for an operation (scopes, consent permissions, roles,
 * its bound customer): the building blocks of the one declaration of who may
 * use which operation and whose resource it touches (OPERATIONS, below).
 */
export interface Policy {
  /** Every one of these OAuth scopes. */
  scopes?: string[];
  /** Every one of these Open Banking consent permissions. */
  permissions?: string[];
  /** At least one of these roles. */
  roles?: string[];
  /**
   * Customer data: analysts may read any customer; any other token only the
   * customer its consent is bound to (CPF or CNPJ), read from the root object
   * or the field arguments.
   */
  consentFor?: 'cpf' | 'cnpj';
  /** Onboarding: a consent-bound token may only act on its own CPF (`documentNumber`). */
  ownDocumentNumber?: boolean;
  /** At least one of these scopes or roles (e.g. the bank's consent service by scope, analysts by role). */
  anyOf?: { scopes?: string[]; roles?: string[] };
  /** Only a token bound to a customer (by its consent or its `cpf`/`cnpj` claim): the customer's own views. */
  boundCustomer?: boolean;
}

/** The scope of the bank's consent service: create, authorise, revoke and list consents. */
export const SCOPE_CONSENTS_MANAGE = 'consents:manage';

const CUSTOMERS = 'customers';
/** Said when a token without `customers` reaches customer data, e.g. a partner's onboarding token (docs/partners.md, "Tokens"). */
const CUSTOMER_DATA_TOKENS =
  " Customer data is read with a token bound to the customer (its consent: scope customers) or an analyst's token;" +
  " a partner's token (customer.*) follows a registration with customerRegistration and customerEvaluation.";
export const Policies = {
  personalCustomer: { scopes: [CUSTOMERS], consentFor: 'cpf' },
  businessCustomer: { scopes: [CUSTOMERS], consentFor: 'cnpj' },
  customerLists: { scopes: [CUSTOMERS], roles: [ROLE_ANALYST] },
  personalIdentifications: { scopes: [CUSTOMERS], permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'], consentFor: 'cpf' },
  personalAdditionalInfo: { scopes: [CUSTOMERS], permissions: ['CUSTOMERS_PERSONAL_ADITTIONALINFO_READ'], consentFor: 'cpf' },
  businessIdentifications: { scopes: [CUSTOMERS], permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'], consentFor: 'cnpj' },
  businessAdditionalInfo: { scopes: [CUSTOMERS], permissions: ['CUSTOMERS_BUSINESS_ADITTIONALINFO_READ'], consentFor: 'cnpj' },
  registerCustomer: { scopes: ['customer.write'], ownDocumentNumber: true },
  readRegistration: { scopes: ['customer.read'], ownDocumentNumber: true },
  /** updateCustomer and cancelCustomer (Bankly's scope for PATCH /customers/{documentNumber} and its /cancel). */
  updateCustomer: { scopes: ['customer.update'], ownDocumentNumber: true },
  /** Document analysis (src/modules/onboarding/documents): like registrations, a CPF-bound token only for its own CPF. */
  submitDocument: { scopes: ['customer.write'], ownDocumentNumber: true },
  readDocumentAnalysis: { scopes: ['customer.read'], ownDocumentNumber: true },
  auditLog: { roles: [ROLE_ANALYST] },
  /** Manual review (src/modules/onboarding/reviews): asked for like a registration, a CPF-bound token only for its own CPF… */
  requestManualReview: { scopes: ['customer.write'], ownDocumentNumber: true },
  /** …and worked by analysts: the queue, claim, decide, confirm (the analyst is the token subject). */
  manualReviews: { roles: [ROLE_ANALYST] },
  /** GET /documents/{token}/image (src/modules/onboarding/documents/document-image.route.ts): a submitted image, to analysts only, audited; partners never read images back. */
  documentImage: { roles: [ROLE_ANALYST] },
  manageManualReviews: { roles: [ROLE_ANALYST] },
  /** Partner webhooks: each partner reaches its own (token subject), analysts all (src/modules/webhooks). */
  writeWebhooks: { scopes: ['webhook.write'] },
  readWebhooks: { scopes: ['webhook.read'] },
  /** Consents (src/modules/consents): the bank's consent service or an analyst. */
  manageConsents: { anyOf: { scopes: [SCOPE_CONSENTS_MANAGE], roles: [ROLE_ANALYST] } },
  /** The transparency views (myConsents, myDataAccesses): the customer's own, by its bound document. */
  ownCustomerViews: { boundCustomer: true },
} satisfies Record<string, Policy>;

export function isAnalyst(viewer: Viewer | null): boolean {
  return Boolean(viewer?.roles.has(ROLE_ANALYST));
}

/** Reprovation reasons are for analysts and compliance staff only (Bankly's DETAILED level). */
export function canSeeReprovationReasons(viewer: Viewer | null): boolean {
  return Boolean(viewer && (viewer.roles.has(ROLE_ANALYST) || viewer.roles.has(ROLE_COMPLIANCE)));
}

function stringFrom(source: unknown, key: string): string | undefined {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless `viewer` satisfies `policy` for this root/args. */
export function enforce(policy: Policy, viewer: Viewer | null, root: unknown, args: Record<string, unknown>): void {
  if (!viewer) throw new UnauthenticatedError();
  if (viewer.expiresAt * 1000 <= Date.now()) throw new UnauthenticatedError('The token has expired.');
  for (const scope of policy.scopes ?? []) {
    if (!viewer.scopes.has(scope)) throw new ForbiddenError(`The token lacks the scope "${scope}".${policy.consentFor ? CUSTOMER_DATA_TOKENS : ''}`);
  }
  for (const permission of policy.permissions ?? []) {
    if (!viewer.permissions.has(permission)) throw new ForbiddenError(`The consent lacks the permission ${permission}.`);
  }
  if (policy.roles && !policy.roles.some((role) => viewer.roles.has(role))) {
    throw new ForbiddenError(`Only for: ${policy.roles.join(', ')}.`);
  }
  if (
    policy.anyOf &&
    !(policy.anyOf.scopes ?? []).some((scope) => viewer.scopes.has(scope)) &&
    !(policy.anyOf.roles ?? []).some((role) => viewer.roles.has(role))
  ) {
    throw new ForbiddenError(
      `Needs one of: ${[...(policy.anyOf.scopes ?? []).map((s) => `scope ${s}`), ...(policy.anyOf.roles ?? []).map((r) => `role ${r}`)].join(', ')}.`,
    );
  }
  if (policy.boundCustomer && !viewer.boundCustomer) throw new ForbiddenError('Only for a token bound to a customer (a consent or a customer token).');
  if (policy.consentFor && !isAnalyst(viewer)) {
    const key = policy.consentFor === 'cpf' ? 'cpfNumber' : 'cnpjNumber';
    const document = stringFrom(args, key) ?? stringFrom(root, key);
    const bound = viewer.boundCustomer?.[policy.consentFor];
    if (!bound || bound !== document) throw new ForbiddenError('The consent does not cover this customer.');
  }
  if (policy.ownDocumentNumber && viewer.boundCustomer) {
    const document = stringFrom(args, 'documentNumber') ?? stringFrom(root, 'documentNumber');
    if (viewer.boundCustomer.cpf !== document) throw new ForbiddenError('The token may only act on its own customer.');
  }
}

/** `enforce` as a question: whether `viewer` satisfies `policy` for this root. */
export function permits(policy: Policy, viewer: Viewer | null, root: unknown): boolean {
  try {
    enforce(policy, viewer, root, {});
    return true;
  } catch {
    return false;
  }
}

/**
 * The same check as a root field's policy, plus the audit of the block (a
 * refused block records nothing), run synchronously once per customer and
 * block (identifications, qualifications, financial relations) by the
 * customers' compiled reads, before the block's SQL.
 */
export function authorizeBlock(context: GatewayContext, policy: Policy, customer: object, block: string): void {
  enforce(policy, context.viewer, customer, {});
  const document = stringFrom(customer, policy.consentFor === 'cnpj' ? 'cnpjNumber' : 'cpfNumber');
  if (document) context.audit.record(document, block);
}

/**
 * Who is calling, by the token's shape (first match): no token; a token with
 * the analyst or compliance role (bank staff); a data receiver's token (its
 * `consentId`); the customer's own token (a `cpf`/`cnpj` claim, no consent); the bank's
 * consent service (scope consents:manage); any other token is a partner (a client).
 */
export const CALLER_KINDS = ['anonymous', 'customer', 'receiver', 'partner', 'consentService', 'analyst', 'compliance'] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

export function callerKind(viewer: Viewer | null): CallerKind {
  if (!viewer) return 'anonymous';
  if (viewer.roles.has(ROLE_ANALYST)) return 'analyst';
  if (viewer.roles.has(ROLE_COMPLIANCE)) return 'compliance';
  if (viewer.consentId) return 'receiver';
  if (viewer.boundCustomer) return 'customer';
  if (viewer.scopes.has(SCOPE_CONSENTS_MANAGE)) return 'consentService';
  return 'partner';
}

/**
 * Whose resource an operation touches, and what anyone else gets (the answer
 * for an unknown one: no data, no row changed).
 */
export const RESOURCES = {
  customerData: { owner: 'the customer its consent (or own token) is bound to; staff', otherwise: 'FORBIDDEN (whether or not the customer exists)' },
  registration: {
    owner: "the partner that registered it (registeredBy); the customer's own token; staff",
    otherwise: 'CUSTOMER_NOT_FOUND (a query: null; customerEvaluation: silent, as for a CPF never registered)',
  },
  document: {
    owner: "the partner that submitted it (submittedBy); the customer's own token; staff",
    otherwise: 'DOCUMENT_NOT_FOUND (a query: null; a stream: completes empty)',
  },
  webhook: { owner: 'the partner that created it (token subject), with its deliveries; analysts read all', otherwise: 'WEBHOOK_NOT_FOUND (lists: left out)' },
  consent: { owner: 'its customer and its receiver; the consent service', otherwise: 'left out of the lists' },
  reviewQueue: { owner: 'the bank (analysts)', otherwise: '— (a CPF without a review: MANUAL_REVIEW_NOT_FOUND)' },
  auditLog: { owner: 'the bank (analysts)', otherwise: '—' },
  public: { owner: 'no one (no customer data)', otherwise: '—' },
} as const;
export type ResourceKind = keyof typeof RESOURCES;

export interface OperationAccess {
  /** The caller kinds that may use it; any other gets FORBIDDEN (anonymous: UNAUTHENTICATED). */
  callers: readonly CallerKind[];
  /** Whose resource it touches (RESOURCES). */
  resource: ResourceKind;
  /** What the token must carry besides its kind. */
  policy: Policy;
  /** A REST route: the GraphQL operation it runs, whose declaration applies too (its policy, the customer's blocks). */
  runs?: string;
}

const STAFF = ['analyst', 'compliance'] as const;
const ONBOARDING_WRITERS = ['customer', 'partner', 'analyst'] as const;
/** A receiver's consent token reads its customer's onboarding too (read-only): its consent's revocation ends those streams. */
const ONBOARDING_READERS = ['customer', 'receiver', 'partner', ...STAFF] as const;
const CUSTOMER_DATA = ['customer', 'receiver', 'analyst'] as const;
const REST_CALLERS = ['customer', 'receiver'] as const;

/**
 * THE authorization table: every root field of the GraphQL schema (query,
 * mutation, subscription, by `Type.field`) and every HTTP route that returns
 * customer data (`GET <path>`), with its caller kinds, its resource and its
 * policy. Enforced by `guardRootFields` (every GraphQL transport: HTTP,
 * WebSocket, and REST, which runs GraphQL operations) and by the REST router
 * for its routes; the owner checks are the services' (reachOf). The schema
 * refuses to build with a root field missing here, and test/authorization-matrix.test.ts
 * checks every entry against a rule of its own. docs/security.md's authorization table is generated from it (npm run docs:authz).
 */
export const OPERATIONS = {
  'Query.personalCustomer': { callers: CUSTOMER_DATA, resource: 'customerData', policy: Policies.personalCustomer },
  'Query.businessCustomer': { callers: CUSTOMER_DATA, resource: 'customerData', policy: Policies.businessCustomer },
  'Query.personalCustomers': { callers: ['analyst'], resource: 'customerData', policy: Policies.customerLists },
  'Query.businessCustomers': { callers: ['analyst'], resource: 'customerData', policy: Policies.customerLists },
  'Query.customerRegistration': { callers: ONBOARDING_READERS, resource: 'registration', policy: Policies.readRegistration },
  'Query.documentAnalysis': { callers: ONBOARDING_READERS, resource: 'document', policy: Policies.readDocumentAnalysis },
  'Query.manualReviews': { callers: ['analyst'], resource: 'reviewQueue', policy: Policies.manualReviews },
  'Query.auditLog': { callers: ['analyst'], resource: 'auditLog', policy: Policies.auditLog },
  'Query.consents': { callers: ['consentService', 'analyst'], resource: 'consent', policy: Policies.manageConsents },
  'Query.myConsents': { callers: ['customer', 'receiver'], resource: 'consent', policy: Policies.ownCustomerViews },
  'Query.myDataAccesses': { callers: ['customer', 'receiver'], resource: 'consent', policy: Policies.ownCustomerViews },
  'Query.webhooks': { callers: ['partner', 'analyst'], resource: 'webhook', policy: Policies.readWebhooks },
  'Query.webhookDeliveries': { callers: ['partner', 'analyst'], resource: 'webhook', policy: Policies.readWebhooks },
  /** The event catalog: no partner's data, but for webhook readers. */
  'Query.webhookEventTypes': { callers: ['partner', 'analyst'], resource: 'public', policy: Policies.readWebhooks },
  'Mutation.submitDocument': { callers: ONBOARDING_WRITERS, resource: 'document', policy: Policies.submitDocument },
  'Mutation.registerCustomer': { callers: ONBOARDING_WRITERS, resource: 'registration', policy: Policies.registerCustomer },
  'Mutation.updateCustomer': { callers: ONBOARDING_WRITERS, resource: 'registration', policy: Policies.updateCustomer },
  'Mutation.cancelCustomer': { callers: ONBOARDING_WRITERS, resource: 'registration', policy: Policies.updateCustomer },
  'Mutation.requestManualReview': { callers: ONBOARDING_WRITERS, resource: 'registration', policy: Policies.requestManualReview },
  'Mutation.claimManualReview': { callers: ['analyst'], resource: 'reviewQueue', policy: Policies.manageManualReviews },
  'Mutation.decideManualReview': { callers: ['analyst'], resource: 'reviewQueue', policy: Policies.manageManualReviews },
  'Mutation.confirmManualReview': { callers: ['analyst'], resource: 'reviewQueue', policy: Policies.manageManualReviews },
  'Mutation.createConsent': { callers: ['consentService', 'analyst'], resource: 'consent', policy: Policies.manageConsents },
  'Mutation.authoriseConsent': { callers: ['consentService', 'analyst'], resource: 'consent', policy: Policies.manageConsents },
  'Mutation.revokeConsent': { callers: ['consentService', 'analyst'], resource: 'consent', policy: Policies.manageConsents },
  'Mutation.createWebhook': { callers: ['partner'], resource: 'webhook', policy: Policies.writeWebhooks },
  'Mutation.updateWebhook': { callers: ['partner', 'analyst'], resource: 'webhook', policy: Policies.writeWebhooks },
  'Mutation.deleteWebhook': { callers: ['partner', 'analyst'], resource: 'webhook', policy: Policies.writeWebhooks },
  /** The answer carries the new secret: the owning partner only, never staff. */
  'Mutation.rotateWebhookSecret': { callers: ['partner'], resource: 'webhook', policy: Policies.writeWebhooks },
  /** Sends to the partner's endpoint: the owning partner only. */
  'Mutation.sendTestWebhookEvent': { callers: ['partner'], resource: 'webhook', policy: Policies.writeWebhooks },
  'Mutation.redeliverWebhookEvent': { callers: ['partner', 'analyst'], resource: 'webhook', policy: Policies.writeWebhooks },
  'Subscription.documentAnalysis': { callers: ONBOARDING_READERS, resource: 'document', policy: Policies.readDocumentAnalysis },
  'Subscription.customerEvaluation': { callers: ONBOARDING_READERS, resource: 'registration', policy: Policies.readRegistration },
  'GET /open-banking/customers/v1/personal/identifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { identifications }',
  },
  'GET /open-banking/customers/v1/personal/qualifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { qualifications }',
  },
  'GET /open-banking/customers/v1/personal/financial-relations': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { financialRelations }',
  },
  'GET /open-banking/customers/v1/business/identifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { identifications }',
  },
  'GET /open-banking/customers/v1/business/qualifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { qualifications }',
  },
  'GET /open-banking/customers/v1/business/financial-relations': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { financialRelations }',
  },
  /** A submitted document's image, for the analyst reviewing it (audited); partners never read images back. */
  'GET /documents/{token}/image': { callers: ['analyst'], resource: 'document', policy: Policies.documentImage },
  /** The published OpenAPI file: no customer data. */
  'GET /open-banking/customers/v1/openapi.yaml': { callers: CALLER_KINDS, resource: 'public', policy: {} },
  /** Customers API 2.3.0 (src/modules/open-banking-rest, REST_OPERATIONS_V2). */
  'GET /open-banking/customers/v2/personal/qualifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { qualifications }',
  },
  'GET /open-banking/customers/v2/personal/identifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { identifications }',
  },
  'GET /open-banking/customers/v2/personal/financial-relations': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.personalCustomer { financialRelations }',
  },
  'GET /open-banking/customers/v2/business/identifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { identifications }',
  },
  'GET /open-banking/customers/v2/business/qualifications': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { qualifications }',
  },
  'GET /open-banking/customers/v2/business/financial-relations': {
    callers: REST_CALLERS,
    resource: 'customerData',
    policy: {},
    runs: 'Query.businessCustomer { financialRelations }',
  },
  'GET /open-banking/customers/v2/openapi.yaml': { callers: CALLER_KINDS, resource: 'public', policy: {} },
} satisfies Record<string, OperationAccess>;
export type OperationKey = keyof typeof OPERATIONS;

export const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

/** The declaration of `key`, or undefined: every caller of this function refuses an undeclared operation. */
export function accessOf(key: string): OperationAccess | undefined {
  if (Object.prototype.hasOwnProperty.call(OPERATIONS, key)) return (OPERATIONS as Record<string, OperationAccess>)[key];
  return declaredByModules.get(key);
}

/**
 * Declarations a module adds for operations of its own (GatewayModule.access: a module outside this
 * table, e.g. a fixture or a bank's extension). The gateway's own modules are declared above, in one table.
 */
const declaredByModules = new Map<string, OperationAccess>();
export function declareOperations(entries: Readonly<Record<string, OperationAccess>>): void {
  for (const [key, access] of Object.entries(entries)) {
    if (Object.prototype.hasOwnProperty.call(OPERATIONS, key)) throw new Error(`${key} is already declared in the authorization table`);
    declaredByModules.set(key, access);
  }
}

/**
 * The table's check for one operation: UNAUTHENTICATED without a valid token
 * (unless anonymous callers may use it), FORBIDDEN for a caller kind it does
 * not list or a policy the token fails. Runs before the resolver, so before
 * any SQL of the operation; owners are checked by the services (reachOf).
 */
export function authorizeOperation(key: string, viewer: Viewer | null, args: Record<string, unknown> = {}, root: unknown = null): void {
  const access = accessOf(key);
  if (!access) throw new ForbiddenError(`${key} has no authorization declaration.`);
  const kind = callerKind(viewer);
  if (kind === 'anonymous' && access.callers.includes('anonymous')) return;
  if (!viewer) throw new UnauthenticatedError();
  if (viewer.expiresAt * 1000 <= Date.now()) throw new UnauthenticatedError('The token has expired.');
  if (!access.callers.includes(kind)) {
    throw new ForbiddenError(
      `Not for this kind of caller (${kind}): ${access.callers.join(', ')} only.${access.resource === 'customerData' ? CUSTOMER_DATA_TOKENS : ''}`,
    );
  }
  enforce(access.policy, viewer, root, args);
}

/**
 * Puts the table's check in front of every root field of `schema` (resolve for
 * queries and mutations, subscribe for subscriptions), whatever transport
 * runs it. A root field without a declaration stops the schema from being
 * built (the gateway, `npm run schema:emit`, the tests).
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  const undeclared: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (!accessOf(key)) {
        undeclared.push(key);
        continue;
      }
      const guard = <F extends GraphQLFieldResolver<unknown, GatewayContext> | undefined>(original: F): F =>
        original === undefined
          ? original
          : (((root, args, context, info) => {
              authorizeOperation(key, context.viewer, args, root);
              return original(root, args, context, info);
            }) as F);
      if (type.name === 'Subscription') field.subscribe = guard(field.subscribe);
      else field.resolve = guard(field.resolve);
    }
  }
  if (undeclared.length) throw new Error(`No authorization declared (src/platform/security/policies.ts OPERATIONS) for: ${undeclared.join(', ')}`);
  return schema;
}

/**
 * Whose onboarding resources (registrations, documents) a caller reaches:
 * staff all; a customer's own token (or a consent) those of its CPF; a partner
 * those it made (its token subject).
 */
export type Reach = { kind: 'all' } | { kind: 'customer'; cpf: string | null } | { kind: 'partner'; subject: string };

export function reachOf(viewer: Viewer | null): Reach {
  const kind = callerKind(viewer);
  if (kind === 'analyst' || kind === 'compliance') return { kind: 'all' };
  if (kind === 'customer' || kind === 'receiver') return { kind: 'customer', cpf: viewer!.boundCustomer?.cpf ?? null };
  // No token never gets this far (authorizeOperation); an empty subject owns nothing.
  return { kind: 'partner', subject: viewer?.subject ?? '' };
}

/** Whether a resource of `documentNumber` made by `owner` is within `reach`. */
export function reaches(reach: Reach, documentNumber: string, owner: string | null): boolean {
  if (reach.kind === 'all') return true;
  if (reach.kind === 'customer') return reach.cpf === documentNumber;
  return owner === reach.subject;
}
