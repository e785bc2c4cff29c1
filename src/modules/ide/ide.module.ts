import type { GatewayModule } from '../../platform/module';
import { ideRoutes } from './ide';

/** The analysts' in-browser GraphQL IDE, served by the gateway itself (no CDN). */
export const ideModule: GatewayModule = {
  name: 'ide',
  setup: () => ({ routes: () => [{ path: '/', router: ideRoutes() }] }),
};
