import { ClassType } from 'type-graphql';
import { ObjectLiteral } from 'typeorm';
import { Policies, Policy } from '../../platform/security/policies';
import { BusinessCustomer } from './business/business.entities';
import { FilterTables } from './customer-filter';
import { BUSINESS_TREE, CustomerTree, PERSONAL_TREE } from './customer-tree';
import { PersonalCustomer } from './personal/personal.entities';
import { assertCnpj, assertCpf } from './tax-id';

/**
 * What differs between natural and legal persons on the read side: names,
 * entities, permissions, the document that identifies them. Everything they
 * share — lookup, pages, the three blocks, contacts, financial relations — is
 * written once (customer.resolver.ts, compiled-read.ts) and built from this.
 */
export interface CustomerKind<C extends ObjectLiteral = ObjectLiteral> {
  /** `personal` / `business`: field names (`personalCustomer`, `personalCustomers`) and descriptions. */
  name: 'personal' | 'business';
  customer: ClassType<C>;
  /** The document property and argument: `cpfNumber` / `cnpjNumber`. */
  document: 'cpfNumber' | 'cnpjNumber';
  assertDocument(value: string): void;
  describe: { one: string; many: string };
  /** The block policies (the root field's declaration is in OPERATIONS). */
  policies: { identifications: Policy; additionalInfo: Policy };
  /** Its lists, blocks and their permissions (customer-tree.ts). */
  tree: CustomerTree;
  filter: FilterTables;
}

export const personalKind: CustomerKind<PersonalCustomer> = {
  name: 'personal',
  customer: PersonalCustomer,
  document: 'cpfNumber',
  assertDocument: (value) => assertCpf(value),
  describe: {
    one: 'A natural person by CPF (11 digits, no mask); null when unknown.',
    many: 'Natural persons, ordered by registration, cursor-paginated and filtered.',
  },
  policies: { identifications: Policies.personalIdentifications, additionalInfo: Policies.personalAdditionalInfo },
  tree: PERSONAL_TREE,
  filter: {
    identifications: 'personal_identifications',
    nameColumns: ['civilName', 'socialName'],
    contactColumn: 'personalIdentificationId',
    financialRelations: 'personal_financial_relations',
    productsServices: 'personal_products_services',
  },
};

export const businessKind: CustomerKind<BusinessCustomer> = {
  name: 'business',
  customer: BusinessCustomer,
  document: 'cnpjNumber',
  assertDocument: (value) => assertCnpj(value),
  describe: {
    one: 'A legal person by CNPJ (14 characters, no mask, numeric or alphanumeric); null when unknown.',
    many: 'Legal persons, ordered by registration, cursor-paginated and filtered.',
  },
  policies: { identifications: Policies.businessIdentifications, additionalInfo: Policies.businessAdditionalInfo },
  tree: BUSINESS_TREE,
  filter: {
    identifications: 'business_identifications',
    nameColumns: ['companyName', 'tradeName'],
    contactColumn: 'businessIdentificationId',
    financialRelations: 'business_financial_relations',
    productsServices: 'business_products_services',
  },
};
