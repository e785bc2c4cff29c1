import type { GatewayModule } from '../../platform/module';
import { CompiledReads } from './compiled-read';
import { customerResolvers } from './customer.resolver';
import { CUSTOMER_TABLES } from './customer-tree';
import { CUSTOMERS_ERRORS } from './customers.errors';

declare module '../../platform/graphql/context' {
  interface GatewayServices {
    /** The reads of the customers read model compiled per operation (compiled-read.ts). */
    customerReads: CompiledReads;
  }
}

/** The read model of Open Banking Brasil's Customers API: natural and legal persons, their blocks and contacts. */
export const customersModule: GatewayModule = {
  name: 'customers',
  // Every table of the relation tree (customer-tree.ts).
  entities: CUSTOMER_TABLES.map(([, entity]) => entity),
  resolvers: [...customerResolvers],
  errorCodes: CUSTOMERS_ERRORS,
  setup: ({ registry }) => ({ services: { customerReads: new CompiledReads(registry) } }),
};
