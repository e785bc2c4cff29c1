import type { GatewayModule } from '../../platform/module';

/**
 * The deterministic demo and seed data (generator, reference data). It adds no
 * schema, table or worker: `npm start` loads it into an empty embedded database
 * and `npm run seed` uses the generator (both through this module's index).
 */
export const demoModule: GatewayModule = { name: 'demo' };
