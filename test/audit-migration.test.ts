import { AuditNarrow1796588680557 } from '../migrations/1796588680557-AuditNarrow';
import { openDataSource } from '../src/data-source';
import { AuditEntry } from '../src/modules/audit';
import { migrate } from '../src/platform/data/migrate';
import { dropDatabase, freshDatabase, testDatabaseKind } from './support/database';

/** The narrow audit design (issue 22): existing wide audit_log rows move into audit_requests + audit_customers and back. */
describe(`AuditNarrow migration on ${testDatabaseKind}`, () => {
  it('moves every audit_log row (same id, same values) into the narrow tables, and its down migration moves them back', async () => {
    const { config } = await freshDatabase('migrations_audit');
    const dataSource = await openDataSource(config);
    try {
      await migrate(dataSource);
      const runner = dataSource.createQueryRunner();
      const migration = new AuditNarrow1796588680557();
      await migration.down(runner);
      const q = (name: string) => dataSource.driver.escape(name);
      const columns = ['at', 'subject', 'action', 'customerDocument', 'resources', 'interactionId', 'operationName'];
      const insert = `INSERT INTO ${q('audit_log')} (${columns.map(q).join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`;
      await dataSource.query(insert, ['2026-12-01 10:00:00.123', 'analyst-1', 'READ', '11144477735', 'cpfNumber,identifications', 'i-1', 'Page']);
      await dataSource.query(insert, ['2026-12-01 10:00:01.000', 'partner-2', 'REGISTER', '12ABC34501DE35', 'registration.status', 'i-2', null]);
      const wide = async () => (await dataSource.query(`SELECT * FROM ${q('audit_log')} ORDER BY ${q('id')}`)).map((row: object) => ({ ...row }));
      const before = await wide();
      expect(before).toHaveLength(2);

      await migration.up(runner);
      // Read as the gateway reads it: the view, hydrated like before the change.
      const entries = await dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
      expect(
        entries.map(({ id, subject, action, customerDocument, resources, interactionId, operationName }) => ({
          id,
          subject,
          action,
          customerDocument,
          resources,
          interactionId,
          operationName,
        })),
      ).toEqual([
        {
          id: before[0].id,
          subject: 'analyst-1',
          action: 'READ',
          customerDocument: '11144477735',
          resources: ['cpfNumber', 'identifications'],
          interactionId: 'i-1',
          operationName: 'Page',
        },
        {
          id: before[1].id,
          subject: 'partner-2',
          action: 'REGISTER',
          customerDocument: '12ABC34501DE35',
          resources: ['registration.status'],
          interactionId: 'i-2',
          operationName: null,
        },
      ]);
      expect(entries[0].at.toISOString()).toBe('2026-12-01T10:00:00.123Z');
      const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${q('audit_requests')}`);
      expect(Number(n)).toBe(2);

      await migration.down(runner);
      expect(await wide()).toEqual(before);
      await migration.up(runner);
      await runner.release();
    } finally {
      await dataSource.destroy();
      await dropDatabase(config);
    }
  });
});
