import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The slice of better-sqlite3's and mysql2's APIs the reader uses. */
interface SqliteStatement {
  raw(toggle: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[][];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface MysqlPool {
  execute(options: { sql: string; rowsAsArray: boolean }, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

/** One read shape of one entity: its columns, and how a row of values becomes a plain object. */
interface ReadPlan {
  entityName: string;
  columnList: string;
  table: string;
  where: string;
  orderBy: string;
  columns: ColumnMetadata[];
  /** Per column: the property path on the object (`documents.cpfNumber` for an embedded one). */
  paths: string[][];
  sqlByCount: Map<number, string>;
}

const MAX_CACHED_STATEMENTS = 500;

/** `properties` meaning every column of the entity. */
export const ALL_COLUMNS: readonly string[] = ['*'];

/**
 * Lean reads for the GraphQL read path: a SELECT of only the columns a
 * selection needs (plus keys), run on the driver itself — a prepared statement
 * reused per SQL text (better-sqlite3 `prepare` once; mysql2 `execute`, which
 * caches statements per connection) — and rows mapped into plain objects
 * through the entities' metadata (column names, embedded objects, value
 * transformers and the driver's own type conversion), with no query builder
 * and no entity hydration. TypeORM entities stay the one description of tables
 * and columns; every statement is still counted and logged like TypeORM's own.
 */
export class RowReader {
  private static readonly readers = new WeakMap<DataSource, RowReader>();

  static of(dataSource: DataSource): RowReader {
    let reader = RowReader.readers.get(dataSource);
    if (!reader) {
      reader = new RowReader(dataSource);
      RowReader.readers.set(dataSource, reader);
    }
    return reader;
  }

  private readonly plans = new Map<string, ReadPlan>();
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly sqlite: boolean;

  private constructor(private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Rows of `entity` whose `column` is one of `values`, ordered by primary key,
   * holding the primary key, `column` and the columns behind `properties`
   * (a property naming an embedded object brings all its columns; names that
   * are not columns, e.g. relations resolved elsewhere, are ignored).
   */
  async where<T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, values: readonly unknown[], properties: readonly string[]): Promise<T[]> {
    if (values.length === 0) return [];
    const plan = this.plan(entity, column, properties);
    let sql = plan.sqlByCount.get(values.length);
    if (!sql) {
      const placeholders = values.length === 1 ? '= ?' : `IN (${new Array(values.length).fill('?').join(', ')})`;
      sql = `SELECT ${plan.columnList} FROM ${plan.table} WHERE ${plan.where} ${placeholders} ORDER BY ${plan.orderBy}`;
      plan.sqlByCount.set(values.length, sql);
    }
    const rows = await this.run(sql, values as unknown[]);
    return rows.map((row) => this.toObject<T>(plan, row));
  }

  private plan(entity: EntityTarget<ObjectLiteral>, column: string, properties: readonly string[]): ReadPlan {
    const metadata = this.dataSource.getMetadata(entity);
    const key = `${metadata.name}|${column}|${properties.join(',')}`;
    let plan = this.plans.get(key);
    if (plan) return plan;
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const [primary] = metadata.primaryColumns;
    const filter = metadata.findColumnWithPropertyPath(column);
    if (!filter) throw new Error(`${metadata.name} has no column ${column}`);
    const wanted = new Set(properties);
    const selected = wanted.has('*') ? metadata.columns : metadata.columns.filter((c) => wanted.has(c.propertyPath) || wanted.has(c.propertyPath.split('.')[0]));
    const columns = [primary, filter, ...selected];
    const unique = [...new Set(columns)];
    plan = {
      entityName: metadata.name,
      table: escape(metadata.tableName),
      columnList: unique.map((c) => escape(c.databaseName)).join(', '),
      where: escape(filter.databaseName),
      orderBy: escape(primary.databaseName),
      columns: unique,
      paths: unique.map((c) => c.propertyPath.split('.')),
      sqlByCount: new Map(),
    };
    this.plans.set(key, plan);
    return plan;
  }

  private toObject<T>(plan: ReadPlan, row: unknown[]): T {
    const driver = this.dataSource.driver;
    const target: Record<string, unknown> = {};
    for (let i = 0; i < plan.columns.length; i++) {
      const value = driver.prepareHydratedValue(row[i], plan.columns[i]);
      const path = plan.paths[i];
      let parent = target;
      for (let depth = 0; depth < path.length - 1; depth++) parent = (parent[path[depth]] ??= {}) as Record<string, unknown>;
      parent[path[path.length - 1]] = value;
    }
    return target as T;
  }

  private async run(sql: string, values: unknown[]): Promise<unknown[][]> {
    this.dataSource.logger.logQuery(sql, values);
    if (this.sqlite) return this.statement(sql).all(...values);
    const pool = (this.dataSource.driver as unknown as { pool: MysqlPool }).pool;
    return new Promise((resolve, reject) =>
      pool.execute({ sql, rowsAsArray: true }, values, (error, rows) => (error ? reject(error) : resolve(rows as unknown[][]))),
    );
  }

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const database = (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
      statement = database.prepare(sql).raw(true);
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
