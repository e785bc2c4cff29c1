import { GraphQLResolveInfo } from 'graphql';
import { ObjectLiteral } from 'typeorm';
import { DirectRows } from '../database/direct-rows';
import { GatewayContext } from '../shared/context';
import { Connection, paginate, PageArgs } from '../shared/pagination';
import { applyCustomerFilter, CustomerFilter } from './customer-filter';
import { CustomerKind } from './customer-kinds';

/**
 * The one way into the customers read model. Reads: a customer by its
 * document, and a filtered page of customers, both reading only the columns
 * asked for (blocks are read by the resolvers' loaders, level by level). The
 * one write path of a new customer is `recordCustomers` (customer-records.ts),
 * used by onboarding's approval and by the demo/seed generator.
 */
export async function findCustomer<C extends ObjectLiteral>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  document: string,
  properties: readonly string[],
): Promise<C | null> {
  kind.assertDocument(document);
  const [customer] = await DirectRows.of(context.dataSource).where(kind.customer, kind.document, [document], [kind.document, ...properties]);
  return customer ?? null;
}

export function customerPage<C extends ObjectLiteral & { id: number }>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  page: PageArgs,
  filter: CustomerFilter | null,
  info: GraphQLResolveInfo,
): Promise<Connection<C>> {
  const query = context.dataSource.getRepository(kind.customer).createQueryBuilder('customer');
  applyCustomerFilter(query, filter, kind.filter);
  return paginate(query, page, context.config.maxPageSize, info, [kind.document]);
}

export { recordCustomers } from './customer-records';
