import { codesOf } from '../../platform/error-codes';

/** Every `extensions.code` the customer read model produces, with when (docs/data-receivers.md, `npm run docs:errors`). */
export const CUSTOMER_ERRORS = {
  CUSTOMER_NOT_FOUND: 'no customer with this CPF/CNPJ, or none the caller may read (the same answer: no probing)',
  INVALID_CPF: '`personalCustomer(cpfNumber)`: not 11 digits with valid check digits (an unknown valid one gives `null`)',
  INVALID_CNPJ: '`businessCustomer(cnpjNumber)`: not 14 characters (12 digits or uppercase letters, then 2 check digits) with valid check digits',
} as const;

export const CUSTOMERS_ERRORS = { customers: CUSTOMER_ERRORS };

/** The typed codes: `CustomerError.INVALID_CPF`. */
export const CustomerError = codesOf(CUSTOMER_ERRORS);
