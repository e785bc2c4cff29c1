import { DataSource } from 'typeorm';
import { Config } from '../config';
import { Loaders } from './loaders';

/** What every resolver receives: per-request loaders over the shared data source. */
export interface GatewayContext {
  config: Config;
  dataSource: DataSource;
  loaders: Loaders;
}

export function createContext(config: Config, dataSource: DataSource): GatewayContext {
  return { config, dataSource, loaders: new Loaders(dataSource) };
}
