import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alphanumeric CNPJs (Receita Federal, from July 2026) are uppercase only and
 * compare byte-exact on both databases. SQLite compares text with BINARY
 * already; MariaDB's database collation (utf8mb4_unicode_ci) ignores case, so
 * the columns that hold or look up a CNPJ get utf8mb4_bin: "12abc34501de35"
 * never finds, nor collides with, "12ABC34501DE35" (the unique index of
 * business_customers included). Lengths stay: a CNPJ is 14 characters either way.
 * TypeORM does not compare collations, so the entities need no change.
 */
const COLUMNS: readonly [table: string, column: string, length: number][] = [
  ['business_customers', 'cnpjNumber', 14],
  ['business_identifications', 'cnpjNumber', 14],
  ['business_procurators', 'cnpjCpfNumber', 14],
  ['business_parties', 'documentNumber', 20],
  ['personal_qualifications', 'companyCnpj', 14],
  ['consents', 'documentNumber', 14],
  ['audit_log', 'customerDocument', 14],
];

export class CnpjByteExact1796578066034 implements MigrationInterface {
  name = 'CnpjByteExact1796578066034';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    for (const [table, column, length] of COLUMNS) {
      await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    for (const [table, column, length] of [...COLUMNS].reverse()) {
      // Back to the table's own collation (the database's, as the columns had before).
      const [{ collation }] = await queryRunner.query(
        'SELECT TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [table],
      );
      if (!/^\w+$/.test(collation)) throw new Error(`unexpected collation of ${table}: ${collation}`);
      await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(${length}) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`);
    }
  }
}
