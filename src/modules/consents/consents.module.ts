import type { GatewayModule } from '../../platform/module';
import { Consent } from './consent.entity';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { CONSENTS_ERRORS } from './consents.errors';

declare module '../../platform/graphql/context' {
  interface GatewayServices {
    /** The consent store and the consent check of admission (every transport, every operation). */
    consents: ConsentService;
  }
}

/** Open Banking consents: created and revoked by the bank's consent service, checked at admission on every transport. */
export const consentsModule: GatewayModule = {
  name: 'consents',
  entities: [Consent],
  resolvers: [ConsentResolver],
  errorCodes: CONSENTS_ERRORS,
  setup: ({ dataSource, pubSub, config }) => {
    const consents = new ConsentService(dataSource, pubSub, config.consents);
    return { services: { consents }, admission: consents };
  },
};
