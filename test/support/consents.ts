import { ALL_PERMISSIONS, TokenClaims } from '../../src/platform/security/viewer';
import { Consent, ConsentRejectedBy, ConsentRejectionReason, ConsentStatus } from '../../src/modules/consents/consent.entity';
import { TestGateway, tokenFor } from './gateway';

export const PERSONAL_PERMISSIONS = ALL_PERMISSIONS.filter((p) => !p.startsWith('CUSTOMERS_BUSINESS_'));
export const BUSINESS_PERMISSIONS = ALL_PERMISSIONS.filter((p) => !p.startsWith('CUSTOMERS_PERSONAL_'));

export interface ConsentSetUp {
  cpf?: string;
  cnpj?: string;
  /** The consent's permissions (default: all of the customer's kind). */
  permissions?: string[];
  /** AUTHORISED by default; REJECTED is a revocation (CUSTOMER_MANUALLY_REVOKED). */
  status?: ConsentStatus;
  /** Moved into the past after creation (the service refuses past dates). */
  expired?: boolean;
  receiver?: string;
}

/** A consent in the test gateway's store, in the given state, through the service the resolvers use. */
export async function givenConsent(gw: TestGateway, setUp: ConsentSetUp): Promise<Consent> {
  const consents = gw.gateway.services.consents;
  const permissions = setUp.permissions ?? (setUp.cpf ? PERSONAL_PERMISSIONS : BUSINESS_PERMISSIONS);
  const receiver = setUp.receiver ?? `receiver-${Math.random().toString(36).slice(2, 10)}`;
  let consent = await consents.create({ cpf: setUp.cpf, cnpj: setUp.cnpj, permissions, receiver, expirationDateTime: new Date(Date.now() + 86_400_000) });
  const status = setUp.status ?? ConsentStatus.AUTHORISED;
  if (status !== ConsentStatus.AWAITING_AUTHORISATION) consent = await consents.authorise(consent.consentId);
  if (status === ConsentStatus.REJECTED)
    consent = await consents.revoke(consent.consentId, ConsentRejectionReason.CUSTOMER_MANUALLY_REVOKED, ConsentRejectedBy.USER);
  if (setUp.expired) {
    await gw.dataSource.getRepository(Consent).update({ id: consent.id }, { expirationDateTime: new Date(Date.now() - 60_000) });
  }
  return consent;
}

/** The claims of a data receiver's token for `consent`: its subject, scopes, and the consent's permissions unless given. */
export function consentClaims(consent: Consent, overrides: Partial<TokenClaims> = {}): TokenClaims {
  return {
    sub: consent.receiver,
    scope: 'openid customers customer.read',
    permissions: consent.permissions,
    consentId: consent.consentId,
    ...overrides,
  };
}

export async function consentBearer(consent: Consent, overrides: Partial<TokenClaims> = {}): Promise<string> {
  return `Bearer ${await tokenFor(consentClaims(consent, overrides))}`;
}
