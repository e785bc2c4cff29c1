import { AuthChecker } from 'type-graphql';
import { GatewayContext } from '../shared/context';
import { ForbiddenError, ROLE_ANALYST, ROLE_COMPLIANCE, UnauthenticatedError, Viewer } from './viewer';

/**
 * Who may reach what, in one place. Resolvers declare a policy with
 * `@Authorized(policy)`; `authChecker` enforces it on every field it guards,
 * nested ones included, before the resolver runs.
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
  /** Document analysis (src/onboarding/documents): like registrations, a CPF-bound token only for its own CPF. */
  submitDocument: { scopes: ['customer.write'], ownDocumentNumber: true },
  readDocumentAnalysis: { scopes: ['customer.read'], ownDocumentNumber: true },
  auditLog: { roles: [ROLE_ANALYST] },
  /** Manual review (src/onboarding/reviews): asked for like a registration, a CPF-bound token only for its own CPF… */
  requestManualReview: { scopes: ['customer.write'], ownDocumentNumber: true },
  /** …and worked by analysts: the queue, claim, decide, confirm (the analyst is the token subject). */
  manualReviews: { roles: [ROLE_ANALYST] },
  /** GET /documents/{token}/image (src/onboarding/documents/document-image.route.ts): a submitted image, to analysts only, audited; partners never read images back. */
  documentImage: { roles: [ROLE_ANALYST] },
  manageManualReviews: { roles: [ROLE_ANALYST] },
  /** Partner webhooks: each partner reaches its own (token subject), analysts all (src/webhooks). */
  writeWebhooks: { scopes: ['webhook.write'] },
  readWebhooks: { scopes: ['webhook.read'] },
  /** Consents (src/consents): the bank's consent service or an analyst. */
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
    if (!viewer.scopes.has(scope)) throw new ForbiddenError(`The token lacks the scope "${scope}".`);
  }
  for (const permission of policy.permissions ?? []) {
    if (!viewer.permissions.has(permission)) throw new ForbiddenError(`The consent lacks the permission ${permission}.`);
  }
  if (policy.roles && !policy.roles.some((role) => viewer.roles.has(role))) {
    throw new ForbiddenError(`Only for: ${policy.roles.join(', ')}.`);
  }
  if (policy.anyOf && !(policy.anyOf.scopes ?? []).some((scope) => viewer.scopes.has(scope)) && !(policy.anyOf.roles ?? []).some((role) => viewer.roles.has(role))) {
    throw new ForbiddenError(`Needs one of: ${[...(policy.anyOf.scopes ?? []).map((s) => `scope ${s}`), ...(policy.anyOf.roles ?? []).map((r) => `role ${r}`)].join(', ')}.`);
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
 * `@Authorized(policy)` on root fields only checks: what a root field returns
 * is audited by its resolver (src/audit/returned.ts), after it knows which
 * customers it returned and which of their fields were selected.
 */
export const authChecker: AuthChecker<GatewayContext, Policy> = ({ root, args, context }, policies) => {
  for (const policy of policies) enforce(policy, context.viewer, root, args);
  return true;
};

/**
 * The same check as `@Authorized(policy)`, plus the audit of the block (a
 * refused block records nothing), run
 * synchronously inside the per-customer block resolvers (identifications,
 * qualifications, financial relations). They run once per customer of a page,
 * where type-graphql's async middleware chain was the gateway's largest cost
 * (bench/README.md).
 */
export function authorizeBlock(context: GatewayContext, policy: Policy, customer: object, block: string): void {
  enforce(policy, context.viewer, customer, {});
  const document = stringFrom(customer, policy.consentFor === 'cnpj' ? 'cnpjNumber' : 'cpfNumber');
  if (document) context.audit.record(document, block);
}
