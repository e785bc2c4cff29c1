import { DataSource } from 'typeorm';
import { MODULES } from './app';
import { declarations } from './platform/composition';
import { DatabaseConfig } from './platform/config';
import { DataSourceSettings, openDatabase } from './platform/data/data-source';
import type { GatewayModule } from './platform/module';

/** Every TypeORM entity of the gateway (the modules'); the migrations create exactly these tables. */
export const entities = declarations(MODULES).entities;

/** Creates and initialises the gateway's data source for `config`: the modules' entities on that database. */
export function openDataSource(config: DatabaseConfig, options: DataSourceSettings = {}, modules: readonly GatewayModule[] = MODULES): Promise<DataSource> {
  return openDatabase(config, modules === MODULES ? entities : declarations(modules).entities, options);
}
