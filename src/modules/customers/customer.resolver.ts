import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { ObjectLiteral } from 'typeorm';
import { auditCustomer, auditCustomerPage } from '../audit';
import { authorizeBlock } from '../../platform/security/policies';
import { GatewayContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs } from '../../platform/pagination';
import { requestedFieldNames } from '../../platform/selection';
import { known } from './bases';
import { Email, Phone, PostalAddress } from './contacts/contact.entities';
import { CustomerFilter } from './customer-filter';
import { CustomerKind } from './customer-kinds';
import { customerPage, findCustomer } from './customers.service';
import { EnumProductServiceType } from './enums';

type Row = ObjectLiteral & { id: number };

/** 1.0.3's "no procurator" entries (natural / legal persons): 2.x has an empty list instead. */
const PLACEHOLDER_PROCURATOR_TYPES: ReadonlySet<string> = new Set(['NAO_APLICA', 'NAO_POSSUI']);

/**
 * The resolvers natural and legal persons share, built once per kind: the
 * customer by document and the page of customers (root fields), its three
 * blocks (each behind its own permission), contacts and financial relations.
 * Every list is loaded level by level through the request's loaders, reading
 * only the columns the selection asks for.
 */
export function customerResolvers<C extends Row>(kind: CustomerKind<C>) {
  const { identification, qualification, financialRelation } = kind.blocks;
  const CustomerConnection = ConnectionType(kind.customer, `${kind.name === 'personal' ? 'Personal' : 'Business'}Customer`);
  const block = (path: string) => `GET /customers/v1/${kind.name}/${path} (null with an error when the consent lacks its permission)`;

  @Resolver(() => kind.customer)
  class CustomerResolver {
    @Query(() => kind.customer, { name: `${kind.name}Customer`, nullable: true, description: kind.describe.one })
    async customer(@Arg(kind.document) document: string, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
      const customer = await findCustomer(context, kind, document, info);
      if (customer) auditCustomer(context, info, customer[kind.document]);
      return customer;
    }
    @Query(() => CustomerConnection, { name: `${kind.name}Customers`, description: kind.describe.many })
    async customers(
      @Args() page: PageArgs,
      @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
      @Ctx() context: GatewayContext,
      @Info() info: GraphQLResolveInfo,
    ) {
      const connection = await customerPage(context, kind, page, filter, info);
      auditCustomerPage(
        context,
        info,
        connection.edges.map((edge) => edge.node[kind.document]),
      );
      return connection;
    }

    @FieldResolver(() => [identification], { nullable: true, description: block('identifications') })
    identifications(@Root() customer: C, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
      authorizeBlock(context, kind.policies.identifications, customer, 'identifications');
      return context.loaders.childrenOf<Row>(identification, 'customerId', requestedFieldNames(info)).load(customer.id);
    }

    @FieldResolver(() => [qualification], { nullable: true, description: block('qualifications') })
    qualifications(@Root() customer: C, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
      authorizeBlock(context, kind.policies.additionalInfo, customer, 'qualifications');
      return context.loaders.childrenOf<Row>(qualification, 'customerId', requestedFieldNames(info)).load(customer.id);
    }

    @FieldResolver(() => [financialRelation], { nullable: true, description: block('financial-relations') })
    financialRelations(@Root() customer: C, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
      authorizeBlock(context, kind.policies.additionalInfo, customer, 'financialRelations');
      return context.loaders.childrenOf<Row>(financialRelation, 'customerId', requestedFieldNames(info)).load(customer.id);
    }
  }

  @Resolver(() => kind.contacts.type)
  class ContactsResolver {
    @FieldResolver(() => [kind.contacts.postalAddress])
    postalAddresses(@Root() contacts: { ownerId: number }, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      return loaders.childrenOf(PostalAddress, kind.contacts.ownerColumn, requestedFieldNames(info)).load(contacts.ownerId);
    }

    @FieldResolver(() => [Phone])
    phones(@Root() contacts: { ownerId: number }, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      return loaders.childrenOf(Phone, kind.contacts.ownerColumn, requestedFieldNames(info)).load(contacts.ownerId);
    }

    @FieldResolver(() => [Phone], {
      description:
        'Customers API 2.x phones: those with a Brazilian area code, which 2.3.0 requires (a foreign number, stored with areaCode NA, has no 2.x representation).',
    })
    async phonesWithAreaCode(@Root() contacts: { ownerId: number }, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      const phones = await loaders.childrenOf(Phone, kind.contacts.ownerColumn, [...requestedFieldNames(info), 'areaCodeOrNull']).load(contacts.ownerId);
      return phones.filter((phone) => phone.areaCodeOrNull !== null);
    }

    @FieldResolver(() => [Email])
    emails(@Root() contacts: { ownerId: number }, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      return loaders.childrenOf(Email, kind.contacts.ownerColumn, requestedFieldNames(info)).load(contacts.ownerId);
    }
  }

  const { productService, procurator, account } = kind.financialRelation;

  @Resolver(() => financialRelation)
  class FinancialRelationResolver {
    @FieldResolver(() => [EnumProductServiceType], { description: 'Products and services with an active contract (1 to 12).' })
    async productsServicesType(@Root() relation: Row, @Ctx() { loaders }: GatewayContext) {
      const rows = await loaders.childrenOf<Row>(productService, 'financialRelationId', ['type']).load(relation.id);
      return rows.map((row) => row.type as EnumProductServiceType);
    }

    @FieldResolver(() => [procurator], {
      deprecationReason: 'Customers API 1.0.3 shape (one NAO_APLICA/NAO_POSSUI entry with NA fields when there is none): use appointedProcurators.',
    })
    procurators(@Root() relation: Row, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      return loaders.childrenOf<Row>(procurator, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
    }

    @FieldResolver(() => [account], { deprecationReason: 'Customers API 1.0.3 shape (SEM_TIPO_CONTA/NA placeholder entries): use heldAccounts.' })
    accounts(@Root() relation: Row, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      return loaders.childrenOf<Row>(account, 'financialRelationId', requestedFieldNames(info)).load(relation.id);
    }

    @FieldResolver(() => [procurator], {
      description: 'The procurators and legal representatives actually appointed (Customers API 2.x): empty when there is none.',
    })
    async appointedProcurators(@Root() relation: Row, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      const rows = await loaders
        .childrenOf<Row>(procurator, 'financialRelationId', [...requestedFieldNames(info), 'type', 'civilNameOrNull'])
        .load(relation.id);
      return rows.filter((row) => !PLACEHOLDER_PROCURATOR_TYPES.has(row.type as string) && row.civilNameOrNull !== null);
    }

    @FieldResolver(() => [account], {
      description: 'The accounts actually held (Customers API 2.x): no placeholder entries (no type or subtype, no number); empty when there is none.',
    })
    async heldAccounts(@Root() relation: Row, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
      const rows = await loaders
        .childrenOf<Row>(account, 'financialRelationId', [...requestedFieldNames(info), 'type', 'subtype', 'number', 'compeCode'])
        .load(relation.id);
      return rows.filter(
        (row) =>
          row.type !== 'SEM_TIPO_CONTA' &&
          row.subtype !== 'SEM_SUB_TIPO_CONTA' &&
          known(row.number as string) !== null &&
          known(row.compeCode as string) !== null,
      );
    }
  }

  return [CustomerResolver, ContactsResolver, FinancialRelationResolver] as const;
}
