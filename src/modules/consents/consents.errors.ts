import { codesOf } from '../../platform/error-codes';

/** Every `extensions.code` the consent operations produce, with when (README › Consents, `npm run docs:errors`). */
export const CONSENT_ERRORS = {
  REQUIRED: '`createConsent`: neither or both of `cpf`/`cnpj` (exactly one is needed), or no permission',
  INVALID_CPF: '`createConsent`: `cpf` is not 11 digits with valid check digits',
  INVALID_CNPJ: '`createConsent`: `cnpj` is not a valid CNPJ',
  INVALID_PERMISSION:
    "`createConsent`: not a known permission, or not one of the customer's kind (`CUSTOMERS_PERSONAL_*` for a CPF, `CUSTOMERS_BUSINESS_*` for a CNPJ, `RESOURCES_READ`)",
  OUT_OF_RANGE: '`createConsent`: expiry not in the future, or more than 12 months ahead',
  TOO_LONG: '`createConsent`: a receiver over 200 characters',
  INVALID_CHARACTERS: '`createConsent`: the free-text rule (see *Errors a partner can get*)',
  INVALID_FORMAT: 'a `consentId` argument that is not `urn:<namespace>:<id>`',
  CONSENT_NOT_FOUND: 'no such consent',
  CONSENT_INVALID_STATUS:
    'a transition the lifecycle does not have: authorising anything but an unexpired `AWAITING_AUTHORISATION` consent, revoking a `REJECTED` one (revocation is not silently repeated)',
} as const;

export const CONSENTS_ERRORS = { consents: CONSENT_ERRORS };

/** The typed codes: `ConsentError.CONSENT_NOT_FOUND`. */
export const ConsentError = codesOf(CONSENT_ERRORS);
