/**
 * The one account-number rule of the read model, for every writer (onboarding
 * approval, demo generator).
 *
 * Check digit (DV): modulus 11 with weights 2, 3, …, 9 applied from the
 * rightmost digit leftwards (repeating 2..9 after the eighth digit);
 * DV = 11 − (sum mod 11), and the results 10 and 11 become 0. (This is the
 * usual "módulo 11" account DV; banks that print "X" or "P" for a remainder
 * of 1 are folded into 0 here, so the DV is always one decimal digit, as the
 * read model's `checkDigit` column and the tests expect.)
 */
export function accountCheckDigit(number: string): string {
  if (!/^\d+$/.test(number)) throw new RangeError(`an account number has decimal digits only, got "${number}"`);
  let sum = 0;
  for (let i = number.length - 1, weight = 2; i >= 0; i--, weight = weight === 9 ? 2 : weight + 1) sum += Number(number[i]) * weight;
  const rest = 11 - (sum % 11);
  return rest >= 10 ? '0' : String(rest);
}

/** An account number with its check digit (see accountCheckDigit). */
export function accountNumber(number: string): { number: string; checkDigit: string } {
  return { number, checkDigit: accountCheckDigit(number) };
}

/** Registration ids the onboarding account numbers can encode (8 digits), and accounts per registration (2 digits). */
const MAX_REGISTRATION_ID = 99_999_999;
const MAX_GENERATION = 99;

/**
 * The number of the `generation`-th prepaid account opened for a registration
 * (1: its first approval; 2, 3…: approvals after re-registrations of a
 * canceled CPF). The first is the registration id on 8 digits, as it always
 * was; later ones put the generation on 2 digits before it (10 digits). Two
 * different (registration, generation) pairs never share a number: the
 * lengths differ between the first and the later ones, and within each form
 * the digits spell the pair. Out of range it throws rather than risk a duplicate.
 */
export function onboardingAccountNumber(registrationId: number, generation: number): { number: string; checkDigit: string } {
  if (!Number.isInteger(registrationId) || registrationId < 1 || registrationId > MAX_REGISTRATION_ID) {
    throw new RangeError(`registration id ${registrationId} does not fit an onboarding account number (1 to ${MAX_REGISTRATION_ID})`);
  }
  if (!Number.isInteger(generation) || generation < 1 || generation > MAX_GENERATION) {
    throw new RangeError(`account generation ${generation} out of range (1 to ${MAX_GENERATION})`);
  }
  const id = String(registrationId).padStart(8, '0');
  return accountNumber(generation === 1 ? id : `${String(generation).padStart(2, '0')}${id}`);
}
