/** Brazilian tax ids (CPF, CNPJ): check digits per Receita Federal's modulus-11 rules. */

function checkDigit(digits: number[], weights: number[]): number {
  const sum = digits.reduce((total, digit, i) => total + digit * weights[i], 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const CNPJ_FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * A CNPJ: 12 characters 0-9 or A-Z (uppercase only; Receita Federal issues
 * alphanumeric CNPJs to new companies from July 2026), then two check digits.
 * This is Customers API 2.3.0's `^[0-9A-Z]{12}[0-9]{2}$`; an all-digit CNPJ is
 * also 1.0.3's `^\d{14}$`.
 */
export const CNPJ_PATTERN = /^[0-9A-Z]{12}[0-9]{2}$/;
/** The all-digit CNPJs, the only ones Customers API 1.0.3 can carry. */
export const NUMERIC_CNPJ_PATTERN = /^\d{14}$/;

export function isValidCpf(value: string): boolean {
  if (!/^\d{11}$/.test(value) || /^(\d)\1{10}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const first = checkDigit(digits.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(digits.slice(0, 10), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return digits[9] === first && digits[10] === second;
}

/**
 * Receita Federal's rule for numeric and alphanumeric CNPJs alike: each
 * character counts as its code minus 48 (0-9 → 0-9, A → 17 … Z → 42), then the
 * modulus-11 check digits as before, so an all-digit CNPJ keeps its digits.
 */
function cnpjValues(base: string): number[] {
  return [...base].map((character) => character.charCodeAt(0) - 48);
}

export function isValidCnpj(value: string): boolean {
  if (!CNPJ_PATTERN.test(value) || /^(\d)\1{13}$/.test(value)) return false;
  const values = cnpjValues(value);
  const first = checkDigit(values.slice(0, 12), CNPJ_FIRST_WEIGHTS);
  const second = checkDigit(values.slice(0, 13), CNPJ_SECOND_WEIGHTS);
  return values[12] === first && values[13] === second;
}

/** True for a valid CNPJ with at least one letter (a CNPJ Customers API 1.0.3 cannot carry). */
export function isAlphanumericCnpj(value: string): boolean {
  return isValidCnpj(value) && !NUMERIC_CNPJ_PATTERN.test(value);
}

/** Completes 9 base digits into a valid CPF (used by the synthetic data generator). */
export function completeCpf(base: string): string {
  const digits = [...base].map(Number);
  digits.push(checkDigit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]));
  digits.push(checkDigit(digits, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
  return digits.join('');
}

/** Completes 12 base characters (8 root + 4 branch; digits or uppercase letters) into a valid CNPJ. */
export function completeCnpj(base: string): string {
  if (!/^[0-9A-Z]{12}$/.test(base)) throw new RangeError(`not a CNPJ base: ${base}`);
  const values = cnpjValues(base);
  const first = checkDigit(values, CNPJ_FIRST_WEIGHTS);
  const second = checkDigit([...values, first], CNPJ_SECOND_WEIGHTS);
  return `${base}${first}${second}`;
}
