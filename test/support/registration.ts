import { completeCpf } from '../../src/platform/documents';

/** A valid registerCustomer input (the seed's example, with a mobile number that passes the rules). */
export function validRegistration(overrides: Record<string, unknown> = {}) {
  return {
    registerName: 'Nísia Floresta',
    socialName: 'Nísia Floresta',
    birthDate: '1990-10-12',
    phone: { countryCode: '55', number: uniqueMobile() },
    address: {
      zipCode: '68060100',
      addressLine: 'Rua 6 de Março',
      buildingNumber: '2500',
      neighborhood: 'Alter do Chão',
      country: 'BR',
      state: 'PA',
      city: 'Santarem',
      complement: '',
    },
    assertedIncome: { currency: 'BRL', value: 500000 },
    occupation: 'OCP0082',
    pep: { level: 'NONE' },
    motherName: 'Dionísia Gonçalves Pinto',
    email: `nisia.${Math.random().toString(36).slice(2, 10)}@example.com.br`,
    documentation: {
      selfie: 'ce1849509a3f4625867ead5768d5b068',
      idCardFront: '9c1974193d96446e84833742aed1db62',
      idCardBack: '71bb6d35ee7644fe8ef2b8e81eb19f98',
    },
    ...overrides,
  };
}

let counter = 0;
export function uniqueMobile(): string {
  counter += 1;
  return `9399${String(process.pid % 10000).padStart(4, '0')}${String(counter).padStart(3, '0')}`;
}

/** A fresh valid CPF, different on every call. */
export function uniqueCpf(): string {
  const base = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return completeCpf(base);
}

export const REGISTER = /* GraphQL */ `
  mutation Register($documentNumber: String!, $input: RegisterCustomerInput!) {
    registerCustomer(documentNumber: $documentNumber, input: $input) { documentNumber status createdAt }
  }
`;

export const EVALUATION = /* GraphQL */ `
  subscription Evaluation($documentNumber: String!) {
    customerEvaluation(documentNumber: $documentNumber) {
      name context entityId idempotencyKey correlationId timestamp version status sequence data
    }
  }
`;
