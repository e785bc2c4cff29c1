import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Info, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { auditCustomer, auditCustomerPage } from '../../audit/returned';
import { authorizeBlock, Policies } from '../../auth/policies';
import { GatewayContext } from '../../shared/context';
import { requestedFieldNames } from '../../shared/selection';
import { ConnectionType, paginate, PageArgs } from '../../shared/pagination';
import { BusinessContacts, BusinessPostalAddress, Email, Phone, PostalAddress } from '../contacts/contact.entities';
import { applyCustomerFilter, CustomerFilter } from '../customer-filter';
import { EnumProductServiceType } from '../enums';
import { assertCnpj } from '../tax-id';
import {
  BusinessAccount, BusinessCustomer, BusinessFinancialRelation, BusinessIdentification, BusinessOtherDocument, BusinessParty,
  BusinessProcurator, BusinessProductService, BusinessQualification, EconomicActivity,
} from './business.entities';

const BusinessCustomerConnection = ConnectionType(BusinessCustomer, 'BusinessCustomer');

@Resolver(() => BusinessCustomer)
export class BusinessCustomerResolver {
  @Authorized(Policies.businessCustomer)
  @Query(() => BusinessCustomer, { nullable: true, description: 'A legal person by CNPJ (14 digits, no mask); null when unknown.' })
  async businessCustomer(@Arg('cnpjNumber') cnpjNumber: string, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    assertCnpj(cnpjNumber);
    const customer = await context.dataSource.getRepository(BusinessCustomer).findOneBy({ cnpjNumber });
    if (customer) auditCustomer(context, info, customer.cnpjNumber);
    return customer;
  }

  @Authorized(Policies.customerLists)
  @Query(() => BusinessCustomerConnection, { description: 'Legal persons, ordered by registration, cursor-paginated and filtered.' })
  async businessCustomers(
    @Args() page: PageArgs,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const query = context.dataSource.getRepository(BusinessCustomer).createQueryBuilder('customer');
    applyCustomerFilter(query, filter, {
      identifications: 'business_identifications',
      nameColumns: ['companyName', 'tradeName'],
      contactColumn: 'businessIdentificationId',
      financialRelations: 'business_financial_relations',
      productsServices: 'business_products_services',
    });
    const connection = await paginate(query, page, context.config.maxPageSize, info);
    auditCustomerPage(context, info, connection.edges.map((edge) => edge.node.cnpjNumber));
    return connection;
  }

  @FieldResolver(() => [BusinessIdentification], { nullable: true, description: 'GET /customers/v1/business/identifications (null with an error when the consent lacks its permission)' })
  identifications(@Root() customer: BusinessCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.businessIdentifications, customer, 'identifications');
    return context.loaders.childrenOf(BusinessIdentification, 'customerId', requestedFieldNames(info)).load(customer.id);
  }

  @FieldResolver(() => [BusinessQualification], { nullable: true, description: 'GET /customers/v1/business/qualifications (null with an error when the consent lacks its permission)' })
  qualifications(@Root() customer: BusinessCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.businessAdditionalInfo, customer, 'qualifications');
    return context.loaders.childrenOf(BusinessQualification, 'customerId', requestedFieldNames(info)).load(customer.id);
  }

  @FieldResolver(() => [BusinessFinancialRelation], { nullable: true, description: 'GET /customers/v1/business/financial-relations (null with an error when the consent lacks its permission)' })
  financialRelations(@Root() customer: BusinessCustomer, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    authorizeBlock(context, Policies.businessAdditionalInfo, customer, 'financialRelations');
    return context.loaders.childrenOf(BusinessFinancialRelation, 'customerId', requestedFieldNames(info)).load(customer.id);
  }
}

@Resolver(() => BusinessIdentification)
export class BusinessIdentificationResolver {
  @FieldResolver(() => [BusinessOtherDocument], { nullable: true, description: 'For companies abroad without CNPJ; null when none.' })
  async otherDocuments(@Root() identification: BusinessIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const documents = await loaders.childrenOf(BusinessOtherDocument, 'identificationId', requestedFieldNames(info)).load(identification.id);
    // Optional with minItems 1 in the spec: absent rather than an empty list.
    return documents.length > 0 ? documents : null;
  }

  @FieldResolver(() => [BusinessParty])
  parties(@Root() identification: BusinessIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(BusinessParty, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => BusinessContacts)
  contacts(@Root() identification: BusinessIdentification) {
    return new BusinessContacts(identification.id);
  }
}

@Resolver(() => BusinessContacts)
export class BusinessContactsResolver {
  @FieldResolver(() => [BusinessPostalAddress])
  postalAddresses(@Root() contacts: BusinessContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PostalAddress, 'businessIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }

  @FieldResolver(() => [Phone])
  phones(@Root() contacts: BusinessContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Phone, 'businessIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }

  @FieldResolver(() => [Email])
  emails(@Root() contacts: BusinessContacts, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Email, 'businessIdentificationId', requestedFieldNames(info)).load(contacts.ownerId);
  }
}

@Resolver(() => BusinessQualification)
export class BusinessQualificationResolver {
  @FieldResolver(() => [EconomicActivity])
  economicActivities(@Root() qualification: BusinessQualification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(EconomicActivity, 'qualificationId', requestedFieldNames(info)).load(qualification.id);
  }
}

@Resolver(() => BusinessFinancialRelation)
export class BusinessFinancialRelationResolver {
  @FieldResolver(() => [EnumProductServiceType], { description: 'Products and services with an active contract (1 to 12).' })
  async productsServicesType(@Root() relation: BusinessFinancialRelation, @Ctx() { loaders }: GatewayContext) {
    const rows = await loaders.childrenOf(BusinessProductService, 'financialRelationId', ['type']).load(relation.id);
    return rows.map((row) => row.type);
  }

  @FieldResolver(() => [BusinessProcurator])
  procurators(@Root() relation: BusinessFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(BusinessProcurator, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
  }

  @FieldResolver(() => [BusinessAccount])
  accounts(@Root() relation: BusinessFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(BusinessAccount, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
  }
}

export const businessResolvers = [
  BusinessCustomerResolver, BusinessIdentificationResolver, BusinessContactsResolver, BusinessQualificationResolver,
  BusinessFinancialRelationResolver,
] as const;
