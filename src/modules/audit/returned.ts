import { FieldNode, GraphQLResolveInfo } from 'graphql';
import { GatewayContext } from '../../platform/graphql/context';
import { selectedFields } from '../../platform/selection';

/**
 * The recording side of the audit log: what a root field returned about which
 * customer. Resolvers that return customer data call these once per field (a
 * page of 100 customers: one selection walk, then 100 Map updates), never per
 * leaf field; the trail is written in one batched insert when the operation ends.
 *
 * Resources name what the response carried: the fields selected on the
 * customer object (`cpfNumber`, `cnpjNumber`, `__typename`; the blocks
 * `identifications`, `qualifications`, `financialRelations` record themselves
 * when their permission check passes), `cursor` for a page's edge or
 * `pageInfo` cursor, `registration.<field>` for a registration, `event.<field>`
 * for a subscription event.
 */

/** Customer blocks: each records itself after its own permission check, before it is read (a refused block records nothing). */
const CUSTOMER_BLOCKS = new Set(['identifications', 'qualifications', 'financialRelations']);

function customerFieldResources(fields: Map<string, FieldNode[]>): string[] {
  return [...fields.keys()].filter((name) => !CUSTOMER_BLOCKS.has(name));
}

/** `personalCustomer` / `businessCustomer`: the customer's own fields returned (the blocks record themselves). */
export function auditCustomer(context: GatewayContext, info: GraphQLResolveInfo, document: string): void {
  const resources = customerFieldResources(selectedFields(info));
  if (resources.length > 0) context.audit.recordAll(document, resources);
}

/**
 * `personalCustomers` / `businessCustomers`: every customer of the page that
 * the response carries something of — its fields under `edges.node`, its
 * `edges.cursor`, or the `pageInfo` start/end cursor naming it. A
 * `totalCount`-only or `pageInfo { hasNextPage }`-only selection carries no
 * customer datum and records nothing.
 */
export function auditCustomerPage(context: GatewayContext, info: GraphQLResolveInfo, documents: readonly string[]): void {
  if (documents.length === 0) return;
  const connection = selectedFields(info);
  const edges = connection.get('edges');
  const perCustomer: string[] = [];
  if (edges) {
    const edgeFields = selectedFields(info, edges);
    if (edgeFields.has('cursor')) perCustomer.push('cursor');
    const node = edgeFields.get('node');
    if (node) perCustomer.push(...customerFieldResources(selectedFields(info, node)).filter((name) => name !== 'cursor'));
  }
  if (perCustomer.length > 0) {
    for (const document of documents) context.audit.recordAll(document, perCustomer);
  }
  const pageInfo = connection.get('pageInfo');
  if (pageInfo) {
    const pageInfoFields = selectedFields(info, pageInfo);
    if (pageInfoFields.has('startCursor')) context.audit.record(documents[0], 'cursor');
    if (pageInfoFields.has('endCursor')) context.audit.record(documents[documents.length - 1], 'cursor');
  }
}

/** What a request did with a customer's data: read it, or register, update or cancel the customer (onboarding). */
export type AuditAction = 'READ' | 'REGISTER' | 'UPDATE' | 'CANCEL';

/** Any other object about one customer (a registration, an event): its selected fields, as `<prefix>.<field>`. */
export function auditObject(
  context: GatewayContext,
  info: GraphQLResolveInfo,
  document: string,
  prefix: string,
  action: AuditAction = 'READ',
  hidden: ReadonlySet<string> = new Set(),
): void {
  const resources = [...selectedFields(info).keys()].filter((name) => !hidden.has(name)).map((name) => `${prefix}.${name}`);
  context.audit.recordAll(document, resources, action);
}
