import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity columns (token subjects) compare byte for byte on MariaDB too:
 * utf8mb4_bin instead of the database's case- and accent-insensitive default,
 * which took "Ana", "ana" and "ana\u200b" for one analyst (four eyes,
 * ownership, audit filters). SQLite compares them with BINARY already: nothing to do there.
 * Written by hand: TypeORM's schema diff does not compare collations (src/platform/data/columns.ts IdentityColumn).
 */
const IDENTITY_COLUMNS: [table: string, column: string, nullable: boolean][] = [
  ['audit_log', 'subject', false],
  ['consents', 'receiver', false],
  ['webhooks', 'ownerSubject', false],
  ['manual_reviews', 'requestedBy', true],
  ['manual_reviews', 'claimedBy', true],
  ['manual_reviews', 'confirmedBy', true],
  ['document_analyses', 'submittedBy', true],
  ['customer_registrations', 'registeredBy', true],
  ['customer_events', 'registeredBy', true],
];

export class IdentityCollation1796578157165 implements MigrationInterface {
  name = 'IdentityCollation1796578157165';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    for (const [table, column, nullable] of IDENTITY_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    // Back to the table's default collation.
    for (const [table, column, nullable] of [...IDENTITY_COLUMNS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(200) ${nullable ? 'NULL' : 'NOT NULL'}`);
    }
  }
}
