import { DataSource } from 'typeorm';
import { VerificationKeys } from '../auth/keys';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { RegistrationService } from '../onboarding/registration.service';
import { Loaders } from './loaders';
import { GatewayPubSub } from './pubsub';

/** Long-lived services, built once per process. */
export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  pubSub: GatewayPubSub;
  registrations: RegistrationService;
  keys: VerificationKeys;
}

/** What every resolver receives: the services plus per-request loaders. */
export interface GatewayContext extends GatewayServices {
  loaders: Loaders;
  /** The authenticated caller; null without a token (then only public fields answer). */
  viewer: Viewer | null;
}

export function createServices(config: Config, dataSource: DataSource, pubSub: GatewayPubSub, keys: VerificationKeys): GatewayServices {
  return { config, dataSource, pubSub, keys, registrations: new RegistrationService(dataSource, pubSub, config) };
}

export function createContext(services: GatewayServices, viewer: Viewer | null): GatewayContext {
  return { ...services, viewer, loaders: new Loaders(services.dataSource) };
}
