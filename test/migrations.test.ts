import { PhoneExtensionNull1796586365822 } from '../migrations/1796586365822-PhoneExtensionNull';
import { NOT_AVAILABLE_COLUMNS, NotAvailableNull1796588930465 } from '../migrations/1796588930465-NotAvailableNull';
import { openDataSource } from '../src/data-source';
import { generateBusinessCustomers, generatePersonalCustomers, IdSequence, insertGenerated } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
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

  it('NotAvailableNull: every NA column round-trips, NULL stored as NA by its down migration and back to NULL by its up (exactly NA only)', async () => {
    const { config } = await migratedDatabase('migrations_na_all'); // every migration applied, as the case above
    const dataSource = await openDataSource(config);
    try {
      await migrate(dataSource);
      const q = (name: string) => dataSource.driver.escape(name);
      const ids = new IdSequence();
      await insertGenerated(dataSource, generatePersonalCustomers(new Random(23), 40, 0, ids));
      await insertGenerated(dataSource, generateBusinessCustomers(new Random(23), 20, 0, ids));
      // Every column holds a NULL in its first row and, in its last, a value merely spelled like NA (which stays as it is).
      for (const [table, columns] of Object.entries(NOT_AVAILABLE_COLUMNS)) {
        const [{ first, last }] = await dataSource.query(`SELECT MIN(${q('id')}) AS ${q('first')}, MAX(${q('id')}) AS ${q('last')} FROM ${q(table)}`);
        for (const column of columns) {
          await dataSource.query(`UPDATE ${q(table)} SET ${q(column)} = NULL WHERE ${q('id')} = ?`, [first]);
          await dataSource.query(`UPDATE ${q(table)} SET ${q(column)} = 'na' WHERE ${q('id')} = ?`, [last]);
        }
      }
      const snapshot = async () => {
        const rows: Record<string, unknown[]> = {};
        for (const [table, columns] of Object.entries(NOT_AVAILABLE_COLUMNS)) {
          rows[table] = await dataSource.query(`SELECT ${['id', ...columns].map(q).join(', ')} FROM ${q(table)} ORDER BY ${q('id')}`);
        }
        return rows;
      };
      const stored = await snapshot();
      for (const [table, columns] of Object.entries(NOT_AVAILABLE_COLUMNS)) {
        const rows = stored[table] as Record<string, string | null>[];
        expect([table, rows.length > 1, columns.map((column) => [rows[0][column], rows[rows.length - 1][column]])]).toEqual([
          table,
          true,
          columns.map(() => [null, 'na']),
        ]);
      }
      const runner = dataSource.createQueryRunner();
      // As runMigrations does: SQLite's table rebuilds must not cascade the DROP of a parent table to its children.
      await runner.beforeMigration();
      const migration = new NotAvailableNull1796588930465();
      await migration.down(runner);
      const asNa = Object.fromEntries(
        Object.entries(stored).map(([table, rows]) => [
          table,
          (rows as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value ?? 'NA']))),
        ]),
      );
      expect(await snapshot()).toEqual(asNa);
      await migration.up(runner);
      expect(await snapshot()).toEqual(stored);
      await runner.afterMigration();
      await runner.release();
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });
});
