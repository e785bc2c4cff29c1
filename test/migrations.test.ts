import { PhoneExtensionNull1796586365822 } from '../migrations/1796586365822-PhoneExtensionNull';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { dropDatabase, migratedDatabase, testDatabaseKind } from './support/database';

describe(`migrations on ${testDatabaseKind}`, () => {
  it('create exactly the schema the entities describe, and roll back cleanly', async () => {
    // The run's template, copied: every migration applied to an empty database by `npm run migrate`
    // (test/support/global-setup.js), so the migrations are not run once more here before being rolled back.
    const { config } = await migratedDatabase('migrations');
    const dataSource = await openDataSource(config);
    const entitiesMatch = async () => expect((await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    try {
      expect(await migrate(dataSource)).toEqual([]);
      const migrationsTable = dataSource.driver.escape(dataSource.options.migrationsTableName ?? 'migrations');
      const applied = (await dataSource.query(`SELECT name FROM ${migrationsTable} ORDER BY id`)).map((row: { name: string }) => row.name);
      expect(applied.length).toBeGreaterThan(0);
      await entitiesMatch();
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.createQueryRunner().getTables(['personal_customers']);
      expect(tables.filter(Boolean)).toHaveLength(0);
      // From the empty database the rollbacks left: every migration again, in order, to the same schema.
      expect(await migrate(dataSource)).toEqual(applied);
      await entitiesMatch();
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });

  it('PhoneExtensionNull turns the stored literal NA into NULL, and its down migration writes NA back', async () => {
    // Every migration applied (a copy of the run's template: the first case already proves a fresh migration).
    const { config } = await migratedDatabase('migrations_na');
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
