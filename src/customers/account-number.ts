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
