import type { GatewayModule } from '../../platform/module';
import { REST_OPERATIONS, REST_OPERATIONS_V2 } from './operations';
import { OPEN_BANKING_PREFIX, OPEN_BANKING_V2, openBankingRoutes } from './routes';

/** The Open Banking Brasil Customers API's own REST endpoints: fixed GraphQL operations through the one pipeline. */
export const openBankingRestModule: GatewayModule = {
  name: 'open-banking-rest',
  operationNames: [...REST_OPERATIONS, ...REST_OPERATIONS_V2].map((operation) => operation.operationName),
  errorCodes: {
    'open-banking-rest': {
      ALPHANUMERIC_CNPJ: "Customers API v1: the consent's company has an alphanumeric CNPJ, which 1.0.3 cannot carry (read it through v2)",
      NOT_ACCEPTABLE: 'an `Accept` header that excludes `application/json` (406)',
      INVALID_HEADER:
        'a header outside its rule: `authorization` over 2048 characters, `x-fapi-auth-date` not an RFC 7231 date, `x-fapi-customer-ip-address` or `x-customer-user-agent` not 1 to 100 characters (400)',
    },
  },
  setup: () => ({
    // Its own ResponseError bodies: mounted before the GraphQL-shaped error envelope.
    routes: ({ pipeline, keys, publicBaseUrl }) => [
      { path: OPEN_BANKING_PREFIX, router: openBankingRoutes(pipeline, keys, publicBaseUrl), beforeErrorEnvelope: true },
      { path: OPEN_BANKING_V2.prefix, router: openBankingRoutes(pipeline, keys, publicBaseUrl, OPEN_BANKING_V2), beforeErrorEnvelope: true },
    ],
  }),
};
