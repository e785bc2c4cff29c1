import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeCpf } from '../../src/platform/documents';
import { encodeCursor } from '../../src/platform/pagination';
import { validRegistration } from '../../test/support/registration';

/**
 * The operations the benchmark sends: the example documents, verbatim, and
 * request bodies that vary per request (random CPF, random page cursor, fresh
 * registration), so no run is one cached row set.
 */
const OPERATIONS = join(__dirname, '..', '..', 'examples', 'operations');
const read = (name: string) => readFileSync(join(OPERATIONS, `${name}.graphql`), 'utf8');

export const PERSONAL_CUSTOMER = read('PersonalCustomer');
export const PERSONAL_CUSTOMERS_PAGE = read('PersonalCustomersPage');
export const REGISTER_CUSTOMER = read('RegisterCustomer');
export const CUSTOMER_EVALUATION = read('CustomerEvaluation');

export const PAGE_SIZE = 100;

export interface Dataset {
  cpfs: string[];
  minId: number;
  maxId: number;
}

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

export function customerBody(data: Dataset): string {
  return JSON.stringify({ operationName: 'PersonalCustomer', query: PERSONAL_CUSTOMER, variables: { cpfNumber: pick(data.cpfs) } });
}

/** A full page of 100 starting after a random customer (keyset cursor), or the first page now and then. */
export function pageBody(data: Dataset): string {
  const lastStart = Math.max(data.minId - 1, data.maxId - PAGE_SIZE);
  const afterId = data.minId - 1 + Math.floor(Math.random() * (lastStart - data.minId + 2));
  const after = afterId < data.minId ? null : encodeCursor(afterId);
  return JSON.stringify({ operationName: 'PersonalCustomersPage', query: PERSONAL_CUSTOMERS_PAGE, variables: { first: PAGE_SIZE, after } });
}

/**
 * Fresh registrations: CPF, e-mail and mobile number unique per request
 * (a counter from a random start), everything else the tests' valid input.
 */
export class RegistrationFactory {
  private counter = 0;
  private readonly start: number;

  constructor(
    private readonly tag: string,
    start = Math.floor(Math.random() * 400_000_000),
  ) {
    this.start = start;
  }

  next(): { documentNumber: string; input: Record<string, unknown> } {
    const n = this.start + this.counter++;
    // 9-digit CPF bases from 500000000 up: never a repeated-digit base.
    const documentNumber = completeCpf(String(500_000_000 + (n % 400_000_000)).padStart(9, '0'));
    const suffix = String(n % 100_000_000).padStart(8, '0');
    return {
      documentNumber,
      input: validRegistration({
        phone: { countryCode: '55', number: `619${suffix}` },
        email: `bench.${this.tag}.${n}@example.com.br`,
      }),
    };
  }

  body(): string {
    const { documentNumber, input } = this.next();
    return JSON.stringify({ operationName: 'RegisterCustomer', query: REGISTER_CUSTOMER, variables: { documentNumber, input } });
  }
}

/**
 * Requests for the JSON identity check (every server must answer them
 * byte-identically to the gateway): many random ones, so rare blocks
 * (nationalities, their documents, several identifications) come up, plus the
 * edge cases: an unknown (valid) CPF, the first page, the last, partial page
 * and an empty page after the last customer.
 */
export function identityRequests(operation: 'customer' | 'page', data: Dataset): string[] {
  if (operation === 'customer') {
    const known = new Set(data.cpfs);
    let base = 0;
    let unknown = completeCpf('000000001');
    while (known.has(unknown)) unknown = completeCpf(String(++base).padStart(9, '0'));
    const body = (cpfNumber: string) => JSON.stringify({ operationName: 'PersonalCustomer', query: PERSONAL_CUSTOMER, variables: { cpfNumber } });
    return [...Array.from({ length: 100 }, () => customerBody(data)), body(unknown)];
  }
  const body = (after: string | null) =>
    JSON.stringify({ operationName: 'PersonalCustomersPage', query: PERSONAL_CUSTOMERS_PAGE, variables: { first: PAGE_SIZE, after } });
  return [
    ...Array.from({ length: 20 }, () => pageBody(data)),
    body(null),
    body(encodeCursor(Math.max(data.minId, data.maxId - Math.floor(PAGE_SIZE / 2)))),
    body(encodeCursor(data.maxId)),
  ];
}
