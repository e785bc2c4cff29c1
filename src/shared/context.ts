import { DataSource } from 'typeorm';
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
}

/** What every resolver receives: the services plus per-request loaders. */
export interface GatewayContext extends GatewayServices {
  loaders: Loaders;
}

export function createServices(config: Config, dataSource: DataSource, pubSub: GatewayPubSub): GatewayServices {
  return { config, dataSource, pubSub, registrations: new RegistrationService(dataSource, pubSub, config) };
}

export function createContext(services: GatewayServices): GatewayContext {
  return { ...services, loaders: new Loaders(services.dataSource) };
}
