import { auditModule } from './modules/audit';
import { consentsModule } from './modules/consents';
import { customersModule } from './modules/customers';
import { demoModule } from './modules/demo';
import { ideModule } from './modules/ide';
import { onboardingModule } from './modules/onboarding';
import { openBankingRestModule } from './modules/open-banking-rest';
import { webhooksModule } from './modules/webhooks';
import type { GatewayModule } from './platform/module';

/**
 * The gateway's bounded contexts, listed once. The gateway (src/server.ts), the
 * standalone worker (src/worker.ts), the schema (src/schema.ts) and the entity
 * list (src/data-source.ts) are all derived from this list: adding a domain
 * is its folder under src/modules/ and one line here.
 */
export const MODULES: readonly GatewayModule[] = [
  customersModule,
  onboardingModule,
  consentsModule,
  webhooksModule,
  auditModule,
  openBankingRestModule,
  ideModule,
  demoModule,
];
