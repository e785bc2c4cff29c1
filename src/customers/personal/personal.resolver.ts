import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Info, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { auditCustomer, auditCustomerPage } from '../../audit/returned';
import { authorizeBlock, Policies } from '../../auth/policies';
import { GatewayContext } from '../../shared/context';
import { requestedFieldNames } from '../../shared/selection';
import { ConnectionType, paginate, PageArgs } from '../../shared/pagination';
import { Email, Phone, PersonalContacts, PersonalPostalAddress, PostalAddress } from '../contacts/contact.entities';
import { applyCustomerFilter, CustomerFilter } from '../customer-filter';
import { EnumProductServiceType } from '../enums';
import { assertCpf } from '../tax-id';
import {
  Filiation, Nationality, NationalityOtherDocument, PersonalAccount, PersonalCustomer, PersonalFinancialRelation,
  PersonalIdentification, PersonalOtherDocument, PersonalProcurator, PersonalProductService, PersonalQualification,
} from './personal.entities';

const PersonalCustomerConnection = ConnectionType(PersonalCustomer, 'PersonalCustomer');

@Resolver(() => PersonalCustomer)
export class PersonalCustomerResolver {
  @Authorized(Policies.personalCustomer)
  @Query(() => PersonalCustomer, { nullable: true, description: 'A natural person by CPF (11 digits, no mask); null when unknown.' })
  async personalCustomer(@Arg('cpfNumber') cpfNumber: string, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    assertCpf(cpfNumber);
    const customer = await context.dataSource.getRepository(PersonalCustomer).findOneBy({ cpfNumber });
    if (customer) auditCustomer(context, info, customer.cpfNumber);
    return customer;
  }

  @Authorized(Policies.customerLists)
  @Query(() => PersonalCustomerConnection, { description: 'Natural persons, ordered by registration, cursor-paginated and filtered.' })
  async personalCustomers(
    @Args() page: PageArgs,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const query = context.dataSource.getRepository(PersonalCustomer).createQueryBuilder('customer');
    applyCustomerFilter(query, filter, {
      identifications: 'personal_identifications',
      nameColumns: ['civilName', 'socialName'],
      contactColumn: 'personalIdentificationId',
      financialRelations: 'personal_financial_relations',
      productsServices: 'personal_products_services',
    });
    const connection = await paginate(query, page, context.config.maxPageSize, info);
    auditCustomerPage(context, info, connection.edges.map((edge) => edge.node.cpfNumber));
    return connection;
  }

  @FieldResolver(() => [PersonalIdentification], { nullable: true, description: 'GET /customers/v1/personal/identifications (null with an error when the consent lacks its permission)' })
  identifications(@Root() customer: PersonalCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.personalIdentifications, customer, 'identifications');
    return context.loaders.childrenOf(PersonalIdentification, 'customerId', requestedFieldNames(info)).load(customer.id);
  }

  @FieldResolver(() => [PersonalQualification], { nullable: true, description: 'GET /customers/v1/personal/qualifications (null with an error when the consent lacks its permission)' })
  qualifications(@Root() customer: PersonalCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.personalAdditionalInfo, customer, 'qualifications');
    return context.loaders.childrenOf(PersonalQualification, 'customerId', requestedFieldNames(info)).load(customer.id);
  }

  @FieldResolver(() => [PersonalFinancialRelation], { nullable: true, description: 'GET /customers/v1/personal/financial-relations (null with an error when the consent lacks its permission)' })
  financialRelations(@Root() customer: PersonalCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.personalAdditionalInfo, customer, 'financialRelations');
    return context.loaders.childrenOf(PersonalFinancialRelation, 'customerId', requestedFieldNames(info)).load(customer.id);
  }
}

@Resolver(() => PersonalIdentification)
export class PersonalIdentificationResolver {
  @FieldResolver(() => [PersonalOtherDocument])
  otherDocuments(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PersonalOtherDocument, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Nationality])
  nationality(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Nationality, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Filiation])
  filiation(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Filiation, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => PersonalContacts)
  contacts(@Root() identification: PersonalIdentification) {
    return new PersonalContacts(identification.id);
  }
}

@Resolver(() => Nationality)
export class NationalityResolver {
  @FieldResolver(() => [NationalityOtherDocument])
  documents(@Root() nationality: Nationality, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(NationalityOtherDocument, 'nationalityId', requestedFieldNames(info)).load(nationality.id);
  }
}

@Resolver(() => PersonalContacts)
export class PersonalContactsResolver {
  @FieldResolver(() => [PersonalPostalAddress])
  postalAddresses(@Root() contacts: PersonalContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PostalAddress, 'personalIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }

  @FieldResolver(() => [Phone])
  phones(@Root() contacts: PersonalContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Phone, 'personalIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }

  @FieldResolver(() => [Email])
  emails(@Root() contacts: PersonalContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Email, 'personalIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }
}

@Resolver(() => PersonalFinancialRelation)
export class PersonalFinancialRelationResolver {
  @FieldResolver(() => [EnumProductServiceType], { description: 'Products and services with an active contract (1 to 12).' })
  async productsServicesType(@Root() relation: PersonalFinancialRelation, @Ctx() { loaders }: GatewayContext) {
    const rows = await loaders.childrenOf(PersonalProductService, 'financialRelationId', ['type']).load(relation.id);
    return rows.map((row) => row.type);
  }

  @FieldResolver(() => [PersonalProcurator])
  procurators(@Root() relation: PersonalFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PersonalProcurator, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
  }

  @FieldResolver(() => [PersonalAccount])
  accounts(@Root() relation: PersonalFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PersonalAccount, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
  }
}

export const personalResolvers = [
  PersonalCustomerResolver, PersonalIdentificationResolver, NationalityResolver, PersonalContactsResolver, PersonalFinancialRelationResolver,
] as const;
