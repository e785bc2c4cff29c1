import { PhoneExtensionNull1796586365822 } from '../migrations/1796586365822-PhoneExtensionNull';
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

  it('PhoneExtensionNull turns the stored literal NA into NULL, and its down migration writes NA back', async () => {
    const { config } = await freshDatabase('migrations_na');
    const dataSource = await openDataSource(config);
    try {
      await migrate(dataSource);
      const runner = dataSource.createQueryRunner();
      const migration = new PhoneExtensionNull1796586365822();
      await migration.down(runner);
      const q = (name: string) => dataSource.driver.escape(name);
      const insert = `INSERT INTO ${q('phones')} (${['isMain', 'type', 'countryCallingCode', 'areaCode', 'number', 'phoneExtension'].map(q).join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`;
      await dataSource.query(insert, [1, 'MOVEL', '55', '11', '912345678', 'NA']);
      await dataSource.query(insert, [0, 'FIXO', '55', '11', '23456789', '123']);
      const extensions = async () =>
        (await dataSource.query(`SELECT ${q('phoneExtension')} AS e FROM ${q('phones')} ORDER BY ${q('id')}`)).map((r: { e: string | null }) => r.e);
      await migration.up(runner);
      expect(await extensions()).toEqual([null, '123']);
      await migration.down(runner);
      expect(await extensions()).toEqual(['NA', '123']);
      await runner.release();
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });
});
