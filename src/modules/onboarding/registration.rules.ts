import blockedCallingCodes from './data/blocked-country-calling-codes.json';
import occupations from './data/occupations.json';
import sandboxReproved from './data/sandbox-reproved-cpfs.json';
import { AREA_CODES, EnumCountrySubDivision } from '../customers';
import { isValidCpf } from '../../platform/documents';
import { Violations } from '../../platform/errors';
import { checkText, textLength, textViolation } from '../../platform/text';
import { AddressInput, AssertedIncomeInput, PhoneInput, RegisterCustomerInput, UpdateCustomerInput } from './registration.inputs';
import { OnboardingError } from './onboarding.errors';

/**
 * The format rules of Bankly's registration, each reported with its field
 * path and a stable code, all at once. Rules that need the database
 * (uniqueness, pending registration) live in the service.
 */
export const BLOCKED_COUNTRY_CALLING_CODES: ReadonlySet<string> = new Set(blockedCallingCodes.codes.map((c) => c.code));
export const OCCUPATION_CODES: ReadonlySet<string> = new Set(occupations.codes);
export const SANDBOX_REPROVED_CPFS: ReadonlySet<string> = new Set(sandboxReproved.cpfs);
/**
 * Our own sandbox (not the provider's): every document analysis of these CPFs
 * ends DATA_RECUSED (reason DATA_MISMATCH), so partners and tests can see that refusal.
 */
export const SANDBOX_DATA_RECUSED_CPFS: ReadonlySet<string> = new Set(['39621857473', '74821593637']);

export const MINIMUM_AGE = 18;
export const MAX_ASSERTED_INCOME = '99999999999999.99';
const UFS = new Set(Object.values(EnumCountrySubDivision).filter((uf) => uf !== 'NA'));
const DDDS = new Set<string>(AREA_CODES.filter((code) => code !== 'NA'));
// Pragmatic RFC 5322 subset: local@domain.tld, no spaces, one @.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const ANALYSIS_TOKEN = /^[0-9a-fA-F]{32}$/;

/** Normalised values the service stores, once the input is valid. */
export interface NormalisedRegistration {
  email: string;
  phoneKey: string;
  assertedIncomeValue: string;
  currency: string;
}

/**
 * Every string field: present, acceptable text (the shared rule: no control,
 * separator or bidi characters, not zero-width only) and, when given, at most
 * `maxLength` characters (code points, as the database columns count them).
 */
function required(v: Violations, field: string, value: string | null | undefined, maxLength?: number): value is string {
  if (value === null || value === undefined || value === '') {
    v.add(field, OnboardingError.REQUIRED, 'is required');
    return false;
  }
  // Before the blank check: a value of only line breaks or zero-width characters is refused as such, not as blank.
  if (!checkText(v, field, value)) return false;
  if (value.trim() === '') {
    v.add(field, OnboardingError.REQUIRED, 'is required');
    return false;
  }
  if (maxLength !== undefined && textLength(value) > maxLength) {
    v.add(field, OnboardingError.TOO_LONG, `must have at most ${maxLength} characters`);
    return false;
  }
  return true;
}

/** Age in whole years on `today` (UTC calendar dates). */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Compares two non-negative decimal strings without floats. */
function decimalGreaterThan(a: string, b: string): boolean {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const aw = ai.replace(/^0+(?=\d)/, '');
  const bw = bi.replace(/^0+(?=\d)/, '');
  if (aw.length !== bw.length) return aw.length > bw.length;
  if (aw !== bw) return aw > bw;
  const width = Math.max(af.length, bf.length);
  return af.padEnd(width, '0') > bf.padEnd(width, '0');
}

/** Optional social name: blank (spaces) means absent (stored as null); otherwise the text rule and its length. */
function validateSocialName(v: Violations, field: string, socialName: string | null | undefined): void {
  if (socialName && (socialName.trim() !== '' || textViolation(socialName))) required(v, field, socialName, 256);
}

/** A mobile phone (`field` is the phone object's path); returns its uniqueness key. */
function validatePhone(v: Violations, field: string, phone: PhoneInput): string {
  const { countryCode, number } = phone;
  if (required(v, `${field}.countryCode`, countryCode)) {
    // No leading zero: "007" or "055" would otherwise slip past the blocked list and the Brazilian mobile rule.
    if (!/^[1-9]\d{0,2}$/.test(countryCode)) v.add(`${field}.countryCode`, OnboardingError.INVALID_FORMAT, 'must be 1 to 3 digits, without + or leading zeros');
    else if (BLOCKED_COUNTRY_CALLING_CODES.has(countryCode)) {
      v.add(`${field}.countryCode`, OnboardingError.COUNTRY_CODE_BLOCKED, 'onboarding is not available for this country calling code');
    }
  }
  if (required(v, `${field}.number`, number)) {
    if (countryCode === '55') {
      if (!/^\d{2}9\d{8}$/.test(number) || !DDDS.has(number.slice(0, 2))) {
        v.add(`${field}.number`, OnboardingError.INVALID_MOBILE_NUMBER, 'must be a Brazilian mobile number: valid DDD + 9 digits starting with 9');
      }
    } else if (!/^\d{6,14}$/.test(number)) {
      v.add(`${field}.number`, OnboardingError.INVALID_MOBILE_NUMBER, 'must be 6 to 14 digits with area code');
    }
  }
  return phoneKey(phone);
}

/** The uniqueness key of a phone (PHONE_ALREADY_IN_USE): country code and number. */
function phoneKey(phone: PhoneInput): string {
  return `${phone.countryCode}:${phone.number}`;
}

/** An e-mail address; returns it normalised (trimmed, lower case), as stored and compared. */
function validateEmail(v: Violations, field: string, input: string | null | undefined): string {
  const email = (input ?? '').trim().toLowerCase();
  if (required(v, field, input, 320) && !EMAIL.test(email)) v.add(field, OnboardingError.INVALID_EMAIL, 'is not a valid e-mail address');
  return email;
}

function validateAddress(v: Violations, field: string, address: AddressInput): void {
  if (required(v, `${field}.zipCode`, address.zipCode) && !/^\d{8}$/.test(address.zipCode)) {
    v.add(`${field}.zipCode`, OnboardingError.INVALID_FORMAT, 'must be a CEP of 8 digits, no mask');
  }
  required(v, `${field}.addressLine`, address.addressLine, 256);
  if (required(v, `${field}.buildingNumber`, address.buildingNumber, 10) && /^s\/n$/i.test(address.buildingNumber) && address.buildingNumber !== 'S/N') {
    v.add(`${field}.buildingNumber`, OnboardingError.INVALID_FORMAT, 'write S/N when there is no number');
  }
  if (address.complement) required(v, `${field}.complement`, address.complement, 256);
  required(v, `${field}.neighborhood`, address.neighborhood, 256);
  required(v, `${field}.city`, address.city, 256);
  if (required(v, `${field}.state`, address.state) && !UFS.has(address.state as never)) {
    v.add(`${field}.state`, OnboardingError.INVALID_STATE, 'must be a Brazilian UF (ISO 3166-2:BR), e.g. SP');
  }
  if (required(v, `${field}.country`, address.country) && address.country !== 'BR') {
    v.add(`${field}.country`, OnboardingError.INVALID_COUNTRY, 'must be BR');
  }
}

/** Returns the income as stored: canonical value with two decimals, currency (BRL by default). */
function validateAssertedIncome(v: Violations, field: string, income: AssertedIncomeInput): { value: string; currency: string } {
  const value = income.value;
  let canonical = value;
  if (!/^\d+(\.\d+)?$/.test(value)) {
    v.add(`${field}.value`, OnboardingError.INVALID_AMOUNT, 'must be a non-negative decimal number');
  } else if ((value.split('.')[1] ?? '').length > 2) {
    v.add(`${field}.value`, OnboardingError.TOO_MANY_DECIMALS, 'must have at most two decimal places');
  } else if (decimalGreaterThan(value, MAX_ASSERTED_INCOME)) {
    v.add(`${field}.value`, OnboardingError.OUT_OF_RANGE, `must be between 0.00 and ${MAX_ASSERTED_INCOME}`);
  } else {
    const [whole, fraction = ''] = value.split('.');
    canonical = `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
  }
  const currency = income.currency ?? 'BRL';
  if (!/^[A-Z]{3}$/.test(currency)) v.add(`${field}.currency`, OnboardingError.INVALID_CURRENCY, 'must be an ISO-4217 code such as BRL');
  return { value: canonical, currency };
}

function validateOccupation(v: Violations, field: string, occupation: string): void {
  if (required(v, field, occupation)) {
    if (!/^OCP\d{4}$/.test(occupation) || !OCCUPATION_CODES.has(occupation)) {
      v.add(field, OnboardingError.INVALID_OCCUPATION, 'Occupation provided is invalid.');
    }
  }
}

function validateDocumentNumber(v: Violations, documentNumber: string): void {
  if (!isValidCpf(documentNumber)) v.add('documentNumber', OnboardingError.INVALID_CPF, 'must be a CPF: 11 digits, no mask, valid check digits');
}

export function validateRegistration(
  documentNumber: string,
  input: RegisterCustomerInput,
  today = new Date(),
): { violations: Violations; normalised: NormalisedRegistration } {
  const v = new Violations();

  validateDocumentNumber(v, documentNumber);

  required(v, 'input.registerName', input.registerName, 256);
  validateSocialName(v, 'input.socialName', input.socialName);
  required(v, 'input.motherName', input.motherName, 256);

  if (required(v, 'input.birthDate', input.birthDate)) {
    if (!isRealDate(input.birthDate)) v.add('input.birthDate', OnboardingError.INVALID_DATE, 'must be a real date as YYYY-MM-DD');
    else if (new Date(`${input.birthDate}T00:00:00Z`) > today) v.add('input.birthDate', OnboardingError.INVALID_DATE, 'cannot be in the future');
    else if (ageOn(input.birthDate, today) < MINIMUM_AGE)
      v.add('input.birthDate', OnboardingError.UNDERAGE, `the customer must be at least ${MINIMUM_AGE} years old`);
  }

  const key = validatePhone(v, 'input.phone', input.phone);
  const email = validateEmail(v, 'input.email', input.email);
  validateAddress(v, 'input.address', input.address);
  const income = validateAssertedIncome(v, 'input.assertedIncome', input.assertedIncome);
  validateOccupation(v, 'input.occupation', input.occupation);

  for (const side of ['selfie', 'idCardFront', 'idCardBack'] as const) {
    const token = input.documentation[side];
    if (required(v, `input.documentation.${side}`, token) && !ANALYSIS_TOKEN.test(token)) {
      v.add(`input.documentation.${side}`, OnboardingError.INVALID_DOCUMENT_TOKEN, 'must be a document-analysis token (32 hexadecimal characters)');
    }
  }

  return { violations: v, normalised: { email, phoneKey: key, assertedIncomeValue: income.value, currency: income.currency } };
}

/** What updateCustomer may change, in input order. */
const UPDATABLE_FIELDS = [
  'email',
  'phone',
  'socialName',
  'address',
  'assertedIncome',
  'occupation',
  'pep',
] as const satisfies readonly (keyof UpdateCustomerInput)[];

/** What an update changes, normalised as stored; absent fields stay as they are. */
export interface NormalisedUpdate {
  /** The input fields given, in input order (CUSTOMER_WAS_UPDATED's `changedFields`). */
  fields: (keyof UpdateCustomerInput)[];
  email?: string;
  phoneKey?: string;
  /** Null when a blank social name removes it. */
  socialName?: string | null;
  assertedIncome?: { value: string; currency: string };
}

/**
 * updateCustomer's rules: each given field is checked exactly as
 * registerCustomer checks it (same codes, same paths under `input.`), all at
 * once; at least one field must be given (NOTHING_TO_UPDATE). A null field is
 * absent; a blank socialName removes it.
 */
export function validateCustomerUpdate(documentNumber: string, input: UpdateCustomerInput): { violations: Violations; normalised: NormalisedUpdate } {
  const v = new Violations();
  validateDocumentNumber(v, documentNumber);
  const fields = UPDATABLE_FIELDS.filter((field) => input[field] !== undefined && input[field] !== null);
  const normalised: NormalisedUpdate = { fields };
  if (fields.length === 0) v.add('input', OnboardingError.NOTHING_TO_UPDATE, `give at least one of ${UPDATABLE_FIELDS.join(', ')}`);
  if (input.socialName !== undefined && input.socialName !== null) {
    validateSocialName(v, 'input.socialName', input.socialName);
    normalised.socialName = input.socialName.trim() || null;
  }
  if (input.phone) normalised.phoneKey = validatePhone(v, 'input.phone', input.phone);
  if (input.email !== undefined && input.email !== null) normalised.email = validateEmail(v, 'input.email', input.email);
  if (input.address) validateAddress(v, 'input.address', input.address);
  if (input.assertedIncome) normalised.assertedIncome = validateAssertedIncome(v, 'input.assertedIncome', input.assertedIncome);
  if (input.occupation !== undefined && input.occupation !== null) validateOccupation(v, 'input.occupation', input.occupation);
  return { violations: v, normalised };
}
