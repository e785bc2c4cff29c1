import type { GatewayModule } from '../../platform/module';
import * as business from './business/business.entities';
import { businessResolvers } from './business/business.resolver';
import { Email, Phone, PostalAddress } from './contacts/contact.entities';
import { CUSTOMERS_ERRORS } from './customers.errors';
import * as personal from './personal/personal.entities';
import { personalResolvers } from './personal/personal.resolver';

/** The read model of Open Banking Brasil's Customers API: natural and legal persons, their blocks and contacts. */
export const customersModule: GatewayModule = {
  name: 'customers',
  entities: [
    personal.PersonalCustomer,
    personal.PersonalIdentification,
    personal.PersonalOtherDocument,
    personal.Nationality,
    personal.NationalityOtherDocument,
    personal.Filiation,
    personal.PersonalQualification,
    personal.PersonalFinancialRelation,
    personal.PersonalProductService,
    personal.PersonalProcurator,
    personal.PersonalAccount,
    personal.PaychecksBankLink,
    personal.PortabilityReceived,
    business.BusinessCustomer,
    business.BusinessIdentification,
    business.BusinessOtherDocument,
    business.BusinessParty,
    business.BusinessQualification,
    business.EconomicActivity,
    business.BusinessFinancialRelation,
    business.BusinessProductService,
    business.BusinessProcurator,
    business.BusinessAccount,
    PostalAddress,
    Phone,
    Email,
  ],
  resolvers: [...personalResolvers, ...businessResolvers],
  errorCodes: CUSTOMERS_ERRORS,
};
