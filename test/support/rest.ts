import { BusinessCustomerRecord, IdSequence, PersonalCustomerRecord, recordCustomers } from '../../src/modules/customers/customer-records';
import { businessCustomerRecord, personalCustomerRecord } from '../../src/modules/demo/generator';
import { Random } from '../../src/modules/demo/random';
import { OPEN_BANKING_PREFIX } from '../../src/modules/open-banking-rest/routes';
import { TestGateway } from './gateway';

export interface RestResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A request to the Open Banking REST API of `gw` (GET unless `method`), as a data receiver sends it. */
export async function rest(gw: TestGateway | string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RestResponse> {
  const base = typeof gw === 'string' ? gw : gw.url.replace(/\/graphql$/, '');
  const response = await fetch(`${base}${OPEN_BANKING_PREFIX}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {} });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (openapi.yaml): the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** The customers the REST tests read: each with `identifications` identification records (one per brand). */
export interface RestCustomers {
  cpf: string;
  otherCpf: string;
  cnpj: string;
  otherCnpj: string;
}

/**
 * Writes two natural persons and two companies through the read model's write
 * path; the first of each kind holds `identifications` identification records
 * (those of generated customers, each at its own brand), the others one.
 */
export async function givenRestCustomers(gw: TestGateway, identifications: number, seed = 13): Promise<RestCustomers> {
  const rng = new Random(seed);
  const ids = new IdSequence();
  const personal = Array.from({ length: identifications + 1 }, (_, i) => personalCustomerRecord(rng, i, ids));
  const business = Array.from({ length: identifications + 1 }, (_, i) => businessCustomerRecord(rng, i, ids));
  const many = <R extends PersonalCustomerRecord | BusinessCustomerRecord>(records: R[]): R =>
    ({
      ...records[0],
      identifications: records.slice(0, identifications).map((record, i) => ({ ...record.identifications[0], brandName: `Marca ${i + 1}` })),
    }) as R;
  const records = [many(personal), personal[identifications], many(business), business[identifications]];
  await gw.dataSource.transaction((manager) => recordCustomers(manager, records));
  return {
    cpf: personal[0].cpfNumber,
    otherCpf: personal[identifications].cpfNumber,
    cnpj: business[0].cnpjNumber,
    otherCnpj: business[identifications].cnpjNumber,
  };
}
