// The customers module's public surface: what other modules may use.
export { customersModule } from './customers.module';
export { accountNumber, onboardingAccountNumber } from './account-number';
export { AREA_CODES, EnumCountrySubDivision } from './enums';
export * from './enums';
export { assertCnpj, assertCpf } from './tax-id';
export { Email, Phone, PostalAddress } from './contacts/contact.entities';
export * as personal from './personal/personal.entities';
export * as business from './business/business.entities';
export { PersonalCustomer, PersonalIdentification } from './personal/personal.entities';
export { BusinessCustomer } from './business/business.entities';
export * from './customer-records';
