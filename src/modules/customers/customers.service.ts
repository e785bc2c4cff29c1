import { GraphQLResolveInfo } from 'graphql';
import { ObjectLiteral } from 'typeorm';
import { DirectRows } from '../../platform/data/direct-rows';
import { GatewayContext } from '../../platform/graphql/context';
import { Connection, paginate, PageArgs } from '../../platform/pagination';
import { connectionNodes } from './compiled-read';
import { applyCustomerFilter, CustomerFilter } from './customer-filter';
import { CustomerKind } from './customer-kinds';

/**
 * The one way into the customers read model. Reads: a customer by its
 * document, and a filtered page of customers, then everything the selection
 * asks for below them through the operation's compiled read (compiled-read.ts),
 * reading only the columns asked for; what they return is the finished
 * response tree, plain objects. The one write path of a new customer is
 * `recordCustomers` (customer-records.ts), used by onboarding's approval and
 * by the demo/seed generator.
 */
export async function findCustomer(context: GatewayContext, kind: CustomerKind, document: string, info: GraphQLResolveInfo): Promise<ObjectLiteral | null> {
  kind.assertDocument(document);
  const compiled = context.customerReads.compiled(context, kind, info, () => [...info.fieldNodes]);
  context.checkDeadline();
  const [customer] = await DirectRows.of(context.dataSource).where<ObjectLiteral>(kind.customer, kind.document, [document], compiled.columns, true);
  if (!customer) return null;
  await context.customerReads.execute(context, kind, compiled, [customer]);
  return customer;
}

export async function customerPage<C extends ObjectLiteral & { id: number }>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  page: PageArgs,
  filter: CustomerFilter | null,
  info: GraphQLResolveInfo,
): Promise<Connection<C>> {
  const compiled = context.customerReads.compiled(context, kind, info, () => connectionNodes(info));
  const query = context.dataSource.getRepository(kind.customer).createQueryBuilder('customer');
  applyCustomerFilter(query, filter, kind.filter);
  const connection = await paginate(query, page, context.config.maxPageSize, info, compiled.columns as (keyof C & string)[]);
  await context.customerReads.execute(
    context,
    kind,
    compiled,
    connection.edges.map((edge) => edge.node),
  );
  return connection;
}

export { recordCustomers } from './customer-records';
