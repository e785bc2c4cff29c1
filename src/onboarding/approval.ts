import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Config } from '../config';
import { accountNumber } from '../customers/account-number';
import { PersonalCustomerRecord, recordCustomers, RecordedCustomer } from '../customers/customer-records';
import { EnumCountrySubDivision } from '../customers/enums';
import { PersonalCustomer } from '../customers/personal/personal.entities';
import { truncateText as fit } from '../shared/text';
import { CustomerRegistration } from './registration.entities';

const NOT_APPLICABLE = 'NA';

/** The approval step found the CPF already in the read model: it must not graft the registration onto that customer. */
export class CustomerAlreadyExistsError extends Error {
  constructor(readonly documentNumber: string) {
    super('a personal customer with this CPF already exists in the read model; the registration is not merged into it');
  }
}

/** Whether the CPF is already a natural-person customer of the read model (demo data, migrations, an earlier approval…). */
export async function isExistingCustomer(manager: EntityManager, cpfNumber: string): Promise<boolean> {
  return manager.existsBy(PersonalCustomer, { cpfNumber });
}

/**
 * The read-model record of an approved registration: identification,
 * contacts, qualification and a financial relation with a new prepaid
 * payment account (number = the registration id on 8 digits, with the read
 * model's account check digit). Data the registration does not carry gets the
 * spec's "not informed" values. Texts longer than the read model's columns
 * are shortened on whole characters.
 */
export function approvedCustomerRecord(registration: CustomerRegistration, institution: Config['institution'], now: Date): PersonalCustomerRecord {
  now = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const { address } = registration;
  const { countryCode, number } = registration.phone;
  const brazilian = countryCode === '55';
  return {
    cpfNumber: registration.documentNumber,
    identifications: [{
      updateDateTime: now,
      personalId: randomUUID(),
      brandName: institution.brandName,
      civilName: fit(registration.registerName, 70),
      socialName: fit(registration.socialName || NOT_APPLICABLE, 70),
      birthDate: registration.birthDate,
      // The registration does not ask for marital status or sex.
      maritalStatusCode: 'OUTRO',
      maritalStatusAdditionalInfo: 'Não informado no cadastro',
      sex: 'NAO_DISPONIVEL',
      companyCnpj: [institution.cnpj],
      documents: {
        cpfNumber: registration.documentNumber,
        passportNumber: NOT_APPLICABLE,
        passportCountry: NOT_APPLICABLE,
        passportExpirationDate: NOT_APPLICABLE,
        passportIssueDate: null,
      },
      hasBrazilianNationality: true,
      otherDocuments: [{
        type: 'SEM_OUTROS_DOCUMENTOS',
        typeAdditionalInfo: NOT_APPLICABLE,
        number: NOT_APPLICABLE,
        checkDigit: NOT_APPLICABLE,
        additionalInfo: null,
        expirationDate: NOT_APPLICABLE,
      }],
      nationalities: [],
      filiations: [{ type: 'MAE', civilName: fit(registration.motherName, 70), socialName: null }],
      postalAddresses: [{
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
      }],
      phones: [{
        isMain: true,
        type: 'MOVEL',
        additionalInfo: null,
        countryCallingCode: countryCode.padStart(2, '0'),
        areaCode: brazilian ? number.slice(0, 2) : NOT_APPLICABLE,
        number: fit(brazilian ? number.slice(2) : number, 11),
        phoneExtension: NOT_APPLICABLE,
      }],
      emails: [{ isMain: true, email: registration.email }],
    }],
    qualifications: [{
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
      informedPatrimony: { amount: '0.00', currency: 'BRL', year: now.getUTCFullYear() },
    }],
    financialRelations: [{
      updateDateTime: now,
      startDate: now,
      productsServicesTypeAdditionalInfo: null,
      productsServices: [{ type: 'CONTA_PAGAMENTO_PRE_PAGA' }],
      procurators: [{ type: 'NAO_APLICA', cpfNumber: NOT_APPLICABLE, civilName: NOT_APPLICABLE, socialName: NOT_APPLICABLE }],
      accounts: [{
        compeCode: institution.compeCode,
        branchCode: institution.branchCode,
        ...accountNumber(String(registration.id).padStart(8, '0')),
        type: 'CONTA_PAGAMENTO_PRE_PAGA',
        subtype: 'INDIVIDUAL',
      }],
    }],
  };
}

/**
 * An approved registration becomes an Open Banking customer (see
 * approvedCustomerRecord), written through the read model's one write path
 * in the worker's transaction together with the approval event.
 */
export async function openCustomerAccount(
  manager: EntityManager,
  registration: CustomerRegistration,
  institution: Config['institution'],
  now: Date,
): Promise<{ customer: RecordedCustomer; account: OpenedAccount }> {
  // Only ever a new customer: never the partner's name, contacts and a new account grafted onto an existing one.
  // (The caller reproves such a registration first; the unique CPF index stops one inserted concurrently.)
  if (await isExistingCustomer(manager, registration.documentNumber)) throw new CustomerAlreadyExistsError(registration.documentNumber);
  const record = approvedCustomerRecord(registration, institution, now);
  const [customer] = await recordCustomers(manager, [record]);
  const { compeCode, branchCode, number, checkDigit, type } = record.financialRelations[0].accounts[0];
  return { customer, account: { compeCode, branchCode, number, checkDigit, type } };
}

/** The account an approval opens: the data of its ACCOUNT_WAS_CREATED event. */
export interface OpenedAccount {
  compeCode: string;
  branchCode: string;
  number: string;
  checkDigit: string;
  type: string;
}
