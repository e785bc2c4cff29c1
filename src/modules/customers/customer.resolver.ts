import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { ObjectLiteral } from 'typeorm';
import { auditCustomer, auditCustomerPage } from '../audit';
import { GatewayContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs } from '../../platform/pagination';
import { CustomerFilter } from './customer-filter';
import { businessKind, CustomerKind, personalKind } from './customer-kinds';
import { customerPage, findCustomer } from './customers.service';

/**
 * The root fields natural and legal persons share, built once per kind: the
 * customer by document and the page of customers. They return the finished
 * response tree (compiled-read.ts): every field below them is a plain
 * property, with no resolver of its own.
 */
export function customerResolver<C extends ObjectLiteral & { id: number }>(kind: CustomerKind<C>) {
  const CustomerConnection = ConnectionType(kind.customer, `${kind.name === 'personal' ? 'Personal' : 'Business'}Customer`);

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
        connection.edges.map((edge) => edge.node[kind.document] as string),
      );
      return connection;
    }
  }
  return CustomerResolver;
}

export const customerResolvers = [customerResolver(businessKind), customerResolver(personalKind)] as const;
