import { isValidCnpj, isValidCpf } from '../../platform/documents';
import { InputError } from '../../platform/errors';
import { CustomerError } from './customers.errors';

/** Root-field arguments: a malformed CPF/CNPJ is an error; an unknown valid one yields null. */
export function assertCpf(value: string, field = 'cpfNumber'): void {
  if (!isValidCpf(value)) {
    throw new InputError([{ field, code: CustomerError.INVALID_CPF, message: 'CPF must be 11 digits, without mask, with valid check digits' }]);
  }
}

export function assertCnpj(value: string, field = 'cnpjNumber'): void {
  if (!isValidCnpj(value)) {
    throw new InputError([
      {
        field,
        code: CustomerError.INVALID_CNPJ,
        message: "CNPJ must be 14 characters without mask: 12 digits or uppercase letters, then 2 check digits (Receita Federal's rule)",
      },
    ]);
  }
}
