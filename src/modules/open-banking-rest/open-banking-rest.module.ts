import type { GatewayModule } from '../../platform/module';
import { OPEN_BANKING_REST_ERROR_TABLES } from './open-banking-rest.errors';
import { REST_OPERATIONS, REST_OPERATIONS_V2 } from './operations';
import { OPEN_BANKING_PREFIX, OPEN_BANKING_V2, openBankingRoutes } from './routes';

/** The Open Banking Brasil Customers API's own REST endpoints: fixed GraphQL operations through the one pipeline. */
export const openBankingRestModule: GatewayModule = {
  name: 'open-banking-rest',
  operationNames: [...REST_OPERATIONS, ...REST_OPERATIONS_V2].map((operation) => operation.operationName),
  errorCodes: OPEN_BANKING_REST_ERROR_TABLES,
  setup: () => ({
    // Its own ResponseError bodies: mounted before the GraphQL-shaped error envelope.
    routes: ({ pipeline, keys, publicBaseUrl }) => [
      { path: OPEN_BANKING_PREFIX, router: openBankingRoutes(pipeline, keys, publicBaseUrl), beforeErrorEnvelope: true },
      { path: OPEN_BANKING_V2.prefix, router: openBankingRoutes(pipeline, keys, publicBaseUrl, OPEN_BANKING_V2), beforeErrorEnvelope: true },
    ],
  }),
};
