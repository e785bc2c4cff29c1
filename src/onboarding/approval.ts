import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Config } from '../config';
import { Email, Phone, PostalAddress } from '../customers/contacts/contact.entities';
import {
  Filiation, PersonalAccount, PersonalCustomer, PersonalFinancialRelation, PersonalIdentification, PersonalOtherDocument,
  PersonalProcurator, PersonalProductService, PersonalQualification,
} from '../customers/personal/personal.entities';
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

/** Payment-account number derived from the registration id, with a modulus-10 check digit. */
function accountNumber(registrationId: number): { number: string; checkDigit: string } {
  const number = String(registrationId).padStart(8, '0');
  const sum = [...number].reverse().reduce((total, digit, i) => {
    const doubled = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return { number, checkDigit: String((10 - (sum % 10)) % 10) };
}

/**
 * An approved registration becomes an Open Banking customer: identification,
 * qualification and a financial relation with a new prepaid payment account,
 * written in the worker's transaction together with the approval event.
 * Data the registration does not carry gets the spec's "not informed" values.
 * Texts longer than the read model's columns are shortened on whole characters.
 */
export async function openCustomerAccount(
  manager: EntityManager,
  registration: CustomerRegistration,
  institution: Config['institution'],
  now: Date,
): Promise<PersonalCustomer> {
  now = new Date(Math.floor(now.getTime() / 1000) * 1000);
  // Only ever a new customer: never the partner's name, contacts and a new account grafted onto an existing one.
  // (The caller reproves such a registration first; the unique CPF index stops one inserted concurrently.)
  if (await isExistingCustomer(manager, registration.documentNumber)) throw new CustomerAlreadyExistsError(registration.documentNumber);
  const customer = await manager.save(manager.create(PersonalCustomer, { cpfNumber: registration.documentNumber }));

  const identification = await manager.save(
    manager.create(PersonalIdentification, {
      customerId: customer.id,
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
    }),
  );
  await manager.insert(PersonalOtherDocument, {
    identificationId: identification.id,
    type: 'SEM_OUTROS_DOCUMENTOS',
    typeAdditionalInfo: NOT_APPLICABLE,
    number: NOT_APPLICABLE,
    checkDigit: NOT_APPLICABLE,
    additionalInfo: null,
    expirationDate: NOT_APPLICABLE,
  });
  await manager.insert(Filiation, {
    identificationId: identification.id,
    type: 'MAE',
    civilName: fit(registration.motherName, 70),
    socialName: null,
  });
  const { address } = registration;
  await manager.insert(PostalAddress, {
    personalIdentificationId: identification.id,
    isMain: true,
    address: fit(`${address.addressLine}, ${address.buildingNumber}`, 150),
    additionalInfo: address.complement ? fit(address.complement, 30) : null,
    districtName: fit(address.neighborhood, 50),
    townName: fit(address.city, 50),
    ibgeTownCode: null,
    countrySubDivision: address.state as PostalAddress['countrySubDivision'],
    postCode: address.zipCode,
    country: 'Brasil',
    countryCode: 'BRA',
    coordinates: { latitude: null, longitude: null },
  });
  const { countryCode, number } = registration.phone;
  const brazilian = countryCode === '55';
  await manager.insert(Phone, {
    personalIdentificationId: identification.id,
    isMain: true,
    type: 'MOVEL',
    additionalInfo: null,
    countryCallingCode: countryCode.padStart(2, '0'),
    areaCode: brazilian ? number.slice(0, 2) : NOT_APPLICABLE,
    number: fit(brazilian ? number.slice(2) : number, 11),
    phoneExtension: NOT_APPLICABLE,
  });
  await manager.insert(Email, { personalIdentificationId: identification.id, isMain: true, email: registration.email });

  await manager.insert(PersonalQualification, {
    customerId: customer.id,
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
  });

  const relation = await manager.save(
    manager.create(PersonalFinancialRelation, {
      customerId: customer.id,
      updateDateTime: now,
      startDate: now,
      productsServicesTypeAdditionalInfo: null,
    }),
  );
  await manager.insert(PersonalProductService, { financialRelationId: relation.id, type: 'CONTA_PAGAMENTO_PRE_PAGA' });
  await manager.insert(PersonalProcurator, {
    financialRelationId: relation.id,
    type: 'NAO_APLICA',
    cpfNumber: NOT_APPLICABLE,
    civilName: NOT_APPLICABLE,
    socialName: NOT_APPLICABLE,
  });
  await manager.insert(PersonalAccount, {
    financialRelationId: relation.id,
    compeCode: institution.compeCode,
    branchCode: institution.branchCode,
    ...accountNumber(registration.id),
    type: 'CONTA_PAGAMENTO_PRE_PAGA',
    subtype: 'INDIVIDUAL',
  });
  return customer;
}
