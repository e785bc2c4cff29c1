import { codesOf } from '../../platform/error-codes';

/**
 * Every `extensions.code` onboarding produces (registration rules, documents, manual review), Bankly's where it
 * has one, with when a partner gets it: the README's tables "Errors a partner can get" and "Analysts: manual
 * review" are rendered from these (`npm run docs:errors`).
 */
export const REGISTRATION_ERRORS = {
  CUSTOMER_AWAIT_EVALUATION: 'a registration for this CPF is still being evaluated (Bankly 409), or its manual review is open',
  CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED: 'the CPF was already approved or reproved (a canceled one may register again)',
  CUSTOMER_NOT_FOUND: '`updateCustomer` / `cancelCustomer`: no registration for this CPF (ours: Bankly answers 404)',
  CUSTOMER_NOT_APPROVED: '`updateCustomer` / `cancelCustomer`: the customer is not `APPROVED` (pending, reproved; or canceled, for an update) — ours',
  CUSTOMER_ALREADY_CANCELED: '`cancelCustomer` of a `CANCELED` customer (ours)',
  NOTHING_TO_UPDATE: '`updateCustomer` without any field (field `input`; ours)',
  CUSTOMER_ALREADY_EXISTS:
    'the CPF is already a customer of the read model (loaded data, an earlier approval); nothing is written (Bankly 409 family). A customer that appears between registration and decision gets the registration `REPROVED` with reason `CUSTOMER_ALREADY_EXISTS`: onboarding never merges into an existing customer',
  EMAIL_ALREADY_IN_USE: 'the e-mail is used by another customer (registrations and the read model) (Bankly 422)',
  PHONE_ALREADY_IN_USE: 'the phone is used by another customer (registrations and the read model) (Bankly 422)',
  INVALID_OCCUPATION: 'not `OCP` + 4 digits from [the occupation table](src/modules/onboarding/data/occupations.json)',
  INVALID_CPF: '`documentNumber` is not 11 digits with valid check digits',
  INVALID_PARAMETER:
    'several field errors at once (each in `extensions.fields` with its own code); `customerEvaluation(afterSequence)` that is not an integer of 0 or more',
  REQUIRED: 'an empty required field',
  TOO_LONG: 'over 256 characters (address line, neighbourhood, city) or 10 (building number; `S/N` when none), counted in Unicode characters',
  INVALID_FORMAT: 'a bad CEP or country calling code',
  INVALID_CHARACTERS:
    'control characters (NUL, line breaks…), line/paragraph separators (U+2028/9), bidirectional controls (overrides, embeddings, isolates, marks), unpaired surrogates, or only zero-width/invisible characters — the one text rule of every free-text input, filters included',
  INVALID_DATE: '`birthDate` is not a real `YYYY-MM-DD`',
  UNDERAGE: 'the customer is under 18',
  COUNTRY_CODE_BLOCKED: 'a calling code from [the 28 blocked countries](src/modules/onboarding/data/blocked-country-calling-codes.json)',
  INVALID_MOBILE_NUMBER: 'for `55`: a valid DDD and 9 digits starting with 9 (SMS-capable); other countries: 6–14 digits',
  INVALID_EMAIL: 'not an e-mail address',
  INVALID_STATE: 'not a UF (ISO 3166-2:BR)',
  INVALID_COUNTRY: 'not `BR`',
  INVALID_AMOUNT: '`assertedIncome` is not an amount',
  TOO_MANY_DECIMALS: '`assertedIncome` with more than two decimals',
  OUT_OF_RANGE: '`assertedIncome` outside 0.00 – 99999999999999.99',
  INVALID_CURRENCY: 'the currency is not ISO-4217 (default `BRL`)',
  INVALID_DOCUMENT_TOKEN: 'a `documentation` token is not a 32-hex document-analysis token',
  DOCUMENT_NOT_FOUND: "a `documentation` token is not this CPF's analysis (see *Document analysis*)",
  DOCUMENT_MISMATCH: 'a `documentation` token is not of the expected type/side',
  DOCUMENT_NOT_APPROVED: 'a `documentation` token is not `ANALYSIS_COMPLETED`',
  INVALID_IMAGE: '`submitDocument`: not a PNG or JPEG image (see *Document analysis*)',
  INVALID_IMAGE_DIMENSIONS: '`submitDocument`: the image is too small or too large in pixels',
  IMAGE_TOO_LARGE: '`submitDocument`: the file is over the size limit',
  SELFIE_REQUIRED_FIRST: '`submitDocument`: a document before the selfie',
  INVALID_DOCUMENT_SIDE: '`submitDocument`: a side the document type does not have',
  UPLOAD_REQUIRED: '`submitDocument` without its file',
  TOO_MANY_FILES: '`submitDocument` with more than one file',
  UNAUTHENTICATED: 'no or bad token',
  FORBIDDEN: 'missing scope (`customer.write`, `customer.read`, `customer.update`)',
} as const;

/** The manual review of a reprovation (README › Analysts: manual review of reprovations). */
export const MANUAL_REVIEW_ERRORS = {
  CUSTOMER_NOT_FOUND: '`requestManualReview`: no registration for this CPF',
  CUSTOMER_NOT_REPROVED: '`requestManualReview` of a registration that is not `REPROVED`',
  MANUAL_REVIEW_ALREADY_REQUESTED: 'a review of this reprovation was already asked for (open, or decided)',
  MANUAL_REVIEW_NOT_FOUND: 'claim/decide/confirm: no review for this CPF',
  MANUAL_REVIEW_ALREADY_CLAIMED: 'another analyst (or you) already claimed it',
  MANUAL_REVIEW_NOT_CLAIMED_BY_YOU: '`decideManualReview` by someone other than the claimant (or before any claim)',
  MANUAL_REVIEW_ALREADY_DECIDED: 'the review is final, or already has an APPROVE waiting for its confirmation',
  MANUAL_REVIEW_NOT_PROPOSED: '`confirmManualReview` without an APPROVE proposal',
  FOUR_EYES_REQUIRED: '`confirmManualReview` by the claimant',
  CUSTOMER_ALREADY_EXISTS: '`confirmManualReview`: the CPF became a read-model customer meanwhile; nothing is written',
  REQUIRED: '`reason` / `justification`: blank (field error)',
  INVALID_CHARACTERS: '`reason` / `justification`: the free-text rule (field error)',
  TOO_LONG: '`reason` / `justification`: over 1000 characters (field error)',
} as const;

export const ONBOARDING_ERRORS = { onboarding: REGISTRATION_ERRORS, 'manual-review': MANUAL_REVIEW_ERRORS };

/** The typed codes: `OnboardingError.CUSTOMER_NOT_FOUND`. */
export const OnboardingError = codesOf(REGISTRATION_ERRORS, MANUAL_REVIEW_ERRORS);
export type OnboardingErrorCode = keyof typeof OnboardingError;
