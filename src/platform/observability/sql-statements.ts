import { Logger, QueryRunner } from 'typeorm';

/**
 * Counts the SQL statements this process sends (exposed as
 * `db_statements_total` on /metrics, read by the benchmark). Cheap: one
 * increment per statement; anything else goes to an optional delegate (tests).
 */
export const sqlStatements = { total: 0 };

export class CountingLogger implements Logger {
  constructor(private readonly delegate?: Partial<Logger>) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    sqlStatements.total += 1;
    this.delegate?.logQuery?.(query, parameters, queryRunner);
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.delegate?.logQueryError?.(error, query, parameters, queryRunner);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.delegate?.logQuerySlow?.(time, query, parameters, queryRunner);
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
