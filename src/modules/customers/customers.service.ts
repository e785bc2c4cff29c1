import { GraphQLResolveInfo } from 'graphql';
import { ObjectLiteral } from 'typeorm';
import { DirectRows } from '../../platform/data/direct-rows';
import { GatewayContext } from '../../platform/graphql/context';
import { Connection, paginate, PageArgs } from '../../platform/pagination';
import { applyCustomerFilter, CustomerFilter } from './customer-filter';
import { CustomerKind } from './customer-kinds';
import { connectionNodes, readAhead } from './read-ahead';

/**
 * The one way into the customers read model. Reads: a customer by its
 * document, and a filtered page of customers, then everything the selection
 * asks for below them in one more statement (read-ahead.ts), reading only the
 * columns asked for; the resolvers' loaders answer from those rows. The
 * one write path of a new customer is `recordCustomers` (customer-records.ts),
 * used by onboarding's approval and by the demo/seed generator.
 */
export async function findCustomer<C extends ObjectLiteral & { id: number }>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  document: string,
  info: GraphQLResolveInfo,
): Promise<C | null> {
  kind.assertDocument(document);
  const [customer] = await DirectRows.of(context.dataSource).where(kind.customer, kind.document, [document], [kind.document]);
  if (!customer) return null;
  await readAhead(context, kind, [customer], info.fieldNodes, info.fragments);
  return customer;
}

export async function customerPage<C extends ObjectLiteral & { id: number }>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  page: PageArgs,
  filter: CustomerFilter | null,
  info: GraphQLResolveInfo,
): Promise<Connection<C>> {
  const query = context.dataSource.getRepository(kind.customer).createQueryBuilder('customer');
  applyCustomerFilter(query, filter, kind.filter);
  const connection = await paginate(query, page, context.config.maxPageSize, info, [kind.document]);
  await readAhead(
    context,
    kind,
    connection.edges.map((edge) => edge.node),
    connectionNodes(info),
    info.fragments,
  );
  return connection;
}

export { recordCustomers } from './customer-records';
