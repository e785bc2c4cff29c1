import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { dropDatabase, freshDatabase, testDatabaseKind } from './support/database';

describe(`migrations on ${testDatabaseKind}`, () => {
  it('create exactly the schema the entities describe, and roll back cleanly', async () => {
    const { config } = await freshDatabase('migrations');
    const dataSource = await openDataSource(config);
    try {
      const applied = await migrate(dataSource);
      expect(applied.length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.createQueryRunner().getTables(['personal_customers']);
      expect(tables.filter(Boolean)).toHaveLength(0);
      expect(await migrate(dataSource)).toEqual(applied);
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });
});
