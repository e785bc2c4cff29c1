import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Config } from '../../platform/config';
import { onboardingAccountNumber } from '../customers';
import {
  PersonalCustomerRecord,
  PersonalFinancialRelationRecord,
  PersonalIdentificationRecord,
  readPersonalBlocks,
  recordCustomers,
  replacePersonalBlocks,
} from '../customers';
import { EnumCountrySubDivision } from '../customers';
import { PersonalCustomer, PersonalIdentification } from '../customers';
import { truncateText as fit } from '../../platform/text';
import { CustomerRegistration } from './registration.entities';

/**
 * A registration's customer in the Open Banking read model, through the read
 * model's one write path (src/modules/customers/customer-records.ts): opened at the
 * approval, its identification and qualification rebuilt by an update, its
 * account closed by a cancellation, renewed by the approval of a
 * re-registration. One mapping from a registration to each block serves all
 * of them.
 */

/** The approval step found the CPF already in the read model: it must not graft the registration onto that customer. */
export class CustomerAlreadyExistsError extends Error {
  constructor(readonly documentNumber: string) {
    super('a personal customer with this CPF already exists in the read model; the registration is not merged into it');
  }
}

/**
 * The read-model customer (personal_customers.id) of the CPF, if any: loaded
 * data, an earlier approval of this registration, or of no registration.
 */
export async function readModelCustomerId(manager: EntityManager, cpfNumber: string): Promise<number | null> {
  const customer = await manager.findOne(PersonalCustomer, { where: { cpfNumber }, select: { id: true } });
  return customer?.id ?? null;
}

/**
 * Whether the CPF is a read-model customer that this registration did not
 * open (demo data, migrations, another source): onboarding never grafts a
 * registration onto it. The customer a canceled registration opened is its
 * own: a re-registration renews it.
 */
export async function isForeignCustomer(manager: EntityManager, registration: CustomerRegistration): Promise<boolean> {
  const customerId = await readModelCustomerId(manager, registration.documentNumber);
  return customerId !== null && customerId !== registration.customerId;
}

/** Whole seconds, as the read model's date-times carry. */
const wholeSeconds = (now: Date) => new Date(Math.floor(now.getTime() / 1000) * 1000);

/**
 * The identification block of a registration: names, birth date, CPF, mother
 * as filiation, address, mobile and e-mail. `personalId` is kept when the
 * block is renewed (the spec's immutable id of the customer).
 */
export function personalIdentificationRecord(
  registration: CustomerRegistration,
  institution: Config['institution'],
  now: Date,
  personalId: string = randomUUID(),
): PersonalIdentificationRecord {
  const { address } = registration;
  const { countryCode, number } = registration.phone;
  const brazilian = countryCode === '55';
  return {
    updateDateTime: wholeSeconds(now),
    personalId,
    brandName: institution.brandName,
    civilName: fit(registration.registerName, 70),
    socialNameOrNull: registration.socialName ? fit(registration.socialName, 70) : null,
    birthDate: registration.birthDate,
    // The registration does not ask for marital status or sex.
    maritalStatusCode: 'OUTRO',
    maritalStatusAdditionalInfo: 'Não informado no cadastro',
    sex: 'NAO_DISPONIVEL',
    companyCnpj: [institution.cnpj],
    documents: {
      cpfNumber: registration.documentNumber,
      passportNumberOrNull: null,
      passportCountryOrNull: null,
      passportExpirationDateOrNull: null,
      passportIssueDate: null,
    },
    hasBrazilianNationality: true,
    otherDocuments: [
      {
        type: 'SEM_OUTROS_DOCUMENTOS',
        typeAdditionalInfoOrNull: null,
        numberOrNull: null,
        checkDigitOrNull: null,
        additionalInfo: null,
        expirationDateOrNull: null,
      },
    ],
    nationalities: [],
    filiations: [{ type: 'MAE', civilNameOrNull: fit(registration.motherName, 70), socialName: null }],
    postalAddresses: [
      {
        isMain: true,
        address: fit(`${address.addressLine}, ${address.buildingNumber}`, 150),
        additionalInfo: address.complement ? fit(address.complement, 30) : null,
        districtName: fit(address.neighborhood, 50),
        townName: fit(address.city, 50),
        ibgeTownCode: null,
        countrySubDivision: address.state as EnumCountrySubDivision,
        postCode: address.zipCode,
        country: 'Brasil',
        countryCode: 'BRA',
        coordinates: { latitude: null, longitude: null },
      },
    ],
    phones: [
      {
        isMain: true,
        type: 'MOVEL',
        additionalInfo: null,
        countryCallingCodeOrNull: countryCode.padStart(2, '0'),
        areaCodeOrNull: brazilian ? number.slice(0, 2) : null,
        number: fit(brazilian ? number.slice(2) : number, 11),
        phoneExtensionOrNull: null,
      },
    ],
    emails: [{ isMain: true, email: registration.email }],
  };
}

/** The qualification block of a registration: occupation and informed income (as of `now`). */
export function personalQualificationRecord(
  registration: CustomerRegistration,
  institution: Config['institution'],
  now: Date,
): PersonalCustomerRecord['qualifications'][number] {
  now = wholeSeconds(now);
  return {
    updateDateTime: now,
    companyCnpj: institution.cnpj,
    occupationCode: 'OUTRO',
    occupationDescription: registration.occupation,
    informedIncome: {
      frequency: 'MENSAL',
      amount: registration.assertedIncome.value,
      currency: registration.assertedIncome.currency,
      date: now.toISOString().slice(0, 10),
    },
    // Patrimony is not asked at registration: zero, in the reference year of the approval.
    informedPatrimony: { amount: '0.00', currency: 'BRL', year: (registration.decidedAt ?? now).getUTCFullYear() },
    // Nor the employer (Customers API 2.x: omitted).
    employerCnpjCpf: null,
    employerName: null,
  };
}

/** The prepaid payment account a registration's approval opens: its `accountGeneration`-th (src/modules/customers/account-number.ts). */
export function prepaidAccountRecord(
  registration: CustomerRegistration,
  institution: Config['institution'],
): PersonalFinancialRelationRecord['accounts'][number] {
  return {
    compeCode: institution.compeCode,
    branchCodeOrNull: institution.branchCode,
    ...onboardingAccountNumber(registration.id, registration.accountGeneration),
    type: 'CONTA_PAGAMENTO_PRE_PAGA',
    subtype: 'INDIVIDUAL',
  };
}

/**
 * The read-model record of an approved registration: identification,
 * contacts, qualification and a financial relation with a new prepaid
 * payment account (prepaidAccountRecord). Data the registration does not
 * carry gets the spec's "not informed" values. Texts longer than the read
 * model's columns are shortened on whole characters.
 */
export function approvedCustomerRecord(registration: CustomerRegistration, institution: Config['institution'], now: Date): PersonalCustomerRecord {
  now = wholeSeconds(now);
  return {
    cpfNumber: registration.documentNumber,
    identifications: [personalIdentificationRecord(registration, institution, now)],
    qualifications: [personalQualificationRecord(registration, institution, now)],
    financialRelations: [
      {
        updateDateTime: now,
        startDate: now,
        productsServicesTypeAdditionalInfo: null,
        productsServices: [{ type: 'CONTA_PAGAMENTO_PRE_PAGA' }],
        procurators: [{ type: 'NAO_APLICA', cpfNumberOrNull: null, civilNameOrNull: null, socialNameOrNull: null }],
        accounts: [prepaidAccountRecord(registration, institution)],
      },
    ],
  };
}

/** The account an approval opens: the data of its ACCOUNT_WAS_CREATED event. */
export interface OpenedAccount {
  compeCode: string;
  branchCode: string;
  number: string;
  checkDigit: string;
  type: string;
}

/**
 * An approved registration becomes an Open Banking customer (see
 * approvedCustomerRecord), written through the read model's one write path
 * in the worker's transaction together with the approval event. A
 * re-registration after a cancellation renews the customer its first approval
 * opened: identification and qualification replaced (the personalId kept), the
 * new account added to the financial relation next to the closed ones, and the
 * prepaid product active again. The caller moves `registration.accountGeneration`
 * on first; returns the customer's id and the account opened.
 */
export async function openCustomerAccount(
  manager: EntityManager,
  registration: CustomerRegistration,
  institution: Config['institution'],
  now: Date,
): Promise<{ customerId: number; account: OpenedAccount }> {
  const account = prepaidAccountRecord(registration, institution);
  const { compeCode, number, checkDigit, type } = account;
  const opened = { compeCode, branchCode: institution.branchCode, number, checkDigit, type };
  const customerId = await readModelCustomerId(manager, registration.documentNumber);
  if (customerId === null) {
    const [customer] = await recordCustomers(manager, [approvedCustomerRecord(registration, institution, now)]);
    return { customerId: customer.id, account: opened };
  }
  // Never the partner's name, contacts and a new account grafted onto a customer this registration did not open.
  // (The caller reproves such a registration first; the unique CPF index stops one inserted concurrently.)
  if (customerId !== registration.customerId) throw new CustomerAlreadyExistsError(registration.documentNumber);
  now = wholeSeconds(now);
  const { financialRelations } = await readPersonalBlocks(manager, customerId, ['financialRelations']);
  const [relation, ...others] = financialRelations;
  await replacePersonalBlocks(manager, customerId, {
    identifications: [personalIdentificationRecord(registration, institution, now, await currentPersonalId(manager, customerId))],
    qualifications: [personalQualificationRecord(registration, institution, now)],
    financialRelations: [
      {
        ...relation,
        updateDateTime: now,
        productsServicesTypeAdditionalInfo: null,
        productsServices: [{ type: 'CONTA_PAGAMENTO_PRE_PAGA' }],
        accounts: [...relation.accounts, account],
      },
      ...others,
    ],
  });
  return { customerId, account: opened };
}

/** What updateCustomer changed, by read-model block. */
export interface ChangedBlocks {
  identification: boolean;
  qualification: boolean;
}

/**
 * An approved customer's update reaches its read-model customer: each block
 * whose source fields changed is rebuilt from the updated registration by the
 * same mapping as the approval (identification keeps its personalId), its
 * updateDateTime moving to now.
 */
export async function updateCustomerRecord(
  manager: EntityManager,
  registration: CustomerRegistration,
  changed: ChangedBlocks,
  institution: Config['institution'],
  now: Date,
): Promise<void> {
  if (!changed.identification && !changed.qualification) return;
  const customerId = await ownCustomerId(manager, registration);
  await replacePersonalBlocks(manager, customerId, {
    identifications: changed.identification
      ? [personalIdentificationRecord(registration, institution, now, await currentPersonalId(manager, customerId))]
      : undefined,
    qualifications: changed.qualification ? [personalQualificationRecord(registration, institution, now)] : undefined,
  });
}

/** productsServicesTypeAdditionalInfo of a closed account (the spec's maximum: 100 characters). */
export const closedAccountInfo = (closedOn: Date) => `Conta de pagamento pré-paga encerrada em ${closedOn.toISOString().slice(0, 10)}; sem produto vigente`;

/**
 * A canceled customer's account ends without disappearing: the spec wants at
 * least one account and one product "com contrato vigente" in the financial
 * relation, so the accounts stay and the products become OUTROS, saying when
 * the prepaid account was closed (the ER model has no closing date).
 */
export async function closeCustomerAccount(manager: EntityManager, registration: CustomerRegistration, now: Date): Promise<void> {
  now = wholeSeconds(now);
  const customerId = await ownCustomerId(manager, registration);
  const { financialRelations } = await readPersonalBlocks(manager, customerId, ['financialRelations']);
  await replacePersonalBlocks(manager, customerId, {
    financialRelations: financialRelations.map((relation) => ({
      ...relation,
      updateDateTime: now,
      productsServices: [{ type: 'OUTROS' }],
      productsServicesTypeAdditionalInfo: fit(closedAccountInfo(now), 100),
    })),
  });
}

/** The customer's personalId, kept when its identification is rebuilt (the spec: unique and immutable). */
async function currentPersonalId(manager: EntityManager, customerId: number): Promise<string | undefined> {
  const identification = await manager.findOne(PersonalIdentification, { where: { customerId }, select: { personalId: true }, order: { id: 'ASC' } });
  return identification?.personalId;
}

/** The read-model customer an approved registration opened (it must be there: approval and read model commit together). */
async function ownCustomerId(manager: EntityManager, registration: CustomerRegistration): Promise<number> {
  const customerId = await readModelCustomerId(manager, registration.documentNumber);
  if (customerId === null || (registration.customerId !== null && customerId !== registration.customerId)) {
    throw new Error(`registration ${registration.id}: its read-model customer is missing or not its own`);
  }
  return customerId;
}
