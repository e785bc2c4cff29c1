import { DataSource } from 'typeorm';
import { BusinessCustomer } from '../customers';
import { PersonalCustomer } from '../customers';
import { businessCnpj, personalCpf, seedCustomers } from './generator';

/** The fixed demo set loaded into an empty embedded database. */
export const DEMO_SEED = 42;
export const DEMO_PERSONAL_CUSTOMERS = 50;
export const DEMO_BUSINESS_CUSTOMERS = 20;

/** First customers of the demo set (index 0 of the demo seed), e.g. for example queries. */
export const DEMO_FIRST_CPF = personalCpf(DEMO_SEED, 0);
export const DEMO_FIRST_CNPJ = businessCnpj(DEMO_SEED, 0);

export interface DemoDataResult {
  created: boolean;
  personal: number;
  business: number;
  /** A CPF and a CNPJ present in the database, for the example query printed at start-up (null when none). */
  firstCpf: string | null;
  firstCnpj: string | null;
}

/**
 * Seeds the demo set when there are no personal customers yet; otherwise
 * leaves the data alone and reports the first existing customers instead.
 */
export async function loadDemoDataIfEmpty(dataSource: DataSource): Promise<DemoDataResult> {
  const personalCount = await dataSource.getRepository(PersonalCustomer).count();
  if (personalCount === 0) {
    const businessCount = await dataSource.getRepository(BusinessCustomer).count();
    const seeded = await seedCustomers(dataSource, {
      seed: DEMO_SEED,
      personal: DEMO_PERSONAL_CUSTOMERS,
      business: businessCount === 0 ? DEMO_BUSINESS_CUSTOMERS : 0,
    });
    return {
      created: true,
      personal: seeded.personal,
      business: seeded.business,
      firstCpf: seeded.firstCpf,
      firstCnpj: seeded.firstCnpj ?? (await firstCnpj(dataSource)),
    };
  }
  return { created: false, personal: 0, business: 0, firstCpf: await firstCpf(dataSource), firstCnpj: await firstCnpj(dataSource) };
}

async function firstCpf(dataSource: DataSource): Promise<string | null> {
  const [customer] = await dataSource.getRepository(PersonalCustomer).find({ order: { id: 'ASC' }, take: 1 });
  return customer?.cpfNumber ?? null;
}

async function firstCnpj(dataSource: DataSource): Promise<string | null> {
  const [customer] = await dataSource.getRepository(BusinessCustomer).find({ order: { id: 'ASC' }, take: 1 });
  return customer?.cnpjNumber ?? null;
}
