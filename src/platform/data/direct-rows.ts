import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { BoundedMap } from '../bounded-map';
import { stageEnd, stageStart } from '../observability/stages';

/** The slice of better-sqlite3's and mysql2's APIs the reader uses. */
interface SqliteStatement {
  raw(toggle: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface MysqlPool {
  execute(options: { sql: string; rowsAsArray: boolean }, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

/**
 * One level of a tree read: rows of `entity` whose `foreignKey` points at the
 * parent level's primary key, holding `properties`, with their own children.
 */
export interface TreeLevel {
  entity: EntityTarget<ObjectLiteral>;
  foreignKey: string;
  properties: readonly string[];
  children: TreeLevel[];
}

/** What a tree read returns: per level, the rows of each parent (every parent listed, also those without rows). */
export type TreeRows = Map<TreeLevel, Map<unknown, ObjectLiteral[]>>;

/** One read shape of one entity: its columns, and how a row of values becomes a plain object. */
interface ReadPlan {
  entityName: string;
  columnList: string;
  table: string;
  where: string;
  orderBy: string;
  columns: ColumnMetadata[];
  /** The entity's prototype, so its getters (computed fields) work on the objects read; null for plain objects. */
  prototype: object | null;
  /** Per column: the property path on the object (`documents.cpfNumber` for an embedded one). */
  paths: string[][];
  /** Per column: the prototype of each embedded object on its path (their getters work too, e.g. 1.0.3's NA renderings); null for plain objects. */
  embeddedPrototypes: (object | null)[][];
  sqlByCount: Map<number, string>;
}

const MAX_CACHED_STATEMENTS = 500;

/** `properties` meaning every column of the entity. */
export const ALL_COLUMNS: readonly string[] = ['*'];

/**
 * Direct SQL for the hot paths — the GraphQL read path and the audit trail's
 * insert. Reads: a SELECT of only the columns a
 * selection needs (plus keys), run on the driver itself — a prepared statement
 * reused per SQL text (better-sqlite3 `prepare` once; mysql2 `execute`, which
 * caches statements per connection) — and rows mapped into plain objects
 * through the entities' metadata (column names, embedded objects, value
 * transformers and the driver's own type conversion), with no query builder
 * and no entity hydration. TypeORM entities stay the one description of tables
 * and columns; every statement is still counted and logged like TypeORM's own.
 * Writes: one multi-row INSERT per call, values converted by the driver as
 * TypeORM would (transformers, dates, simple arrays).
 */
export class DirectRows {
  private static readonly readers = new WeakMap<DataSource, DirectRows>();

  static of(dataSource: DataSource): DirectRows {
    let reader = DirectRows.readers.get(dataSource);
    if (!reader) {
      reader = new DirectRows(dataSource);
      DirectRows.readers.set(dataSource, reader);
    }
    return reader;
  }

  private readonly plans = new Map<string, ReadPlan>();
  private readonly statements = new BoundedMap<string, SqliteStatement>(MAX_CACHED_STATEMENTS);
  private readonly sqlite: boolean;

  private constructor(private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Rows of `entity` whose `column` is one of `values`, ordered by primary key,
   * holding the primary key, `column` and the columns behind `properties`
   * (a property naming an embedded object brings all its columns; names that
   * are not columns, e.g. relations resolved elsewhere, are ignored). `plain`:
   * plain objects (no entity prototype), for callers that compute derived
   * fields themselves (the compiled customer reads).
   */
  async where<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    column: string,
    values: readonly unknown[],
    properties: readonly string[],
    plain = false,
  ): Promise<T[]> {
    if (values.length === 0) return [];
    const plan = this.plan(entity, column, properties, plain);
    let sql = plan.sqlByCount.get(values.length);
    if (!sql) {
      const placeholders = values.length === 1 ? '= ?' : `IN (${new Array(values.length).fill('?').join(', ')})`;
      sql = `SELECT ${plan.columnList} FROM ${plan.table} WHERE ${plan.where} ${placeholders} ORDER BY ${plan.orderBy}`;
      plan.sqlByCount.set(values.length, sql);
    }
    const rows = await this.run(sql, values as unknown[]);
    return rows.map((row) => this.toObject<T>(plan, row));
  }

  /** Inserts `objects` (every column given, generated keys excepted) in one statement, inside no transaction of its own. */
  async insert<T extends ObjectLiteral>(entity: EntityTarget<T>, objects: readonly Partial<T>[]): Promise<void> {
    if (objects.length === 0) return;
    const metadata = this.dataSource.getMetadata(entity);
    const driver = this.dataSource.driver;
    const columns = metadata.columns.filter((c) => !c.isGenerated);
    const row = `(${new Array(columns.length).fill('?').join(', ')})`;
    const sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${new Array(objects.length).fill(row).join(', ')}`;
    const values: unknown[] = [];
    for (const object of objects) {
      for (const column of columns) values.push(driver.preparePersistentValue(column.getEntityValue(object) ?? null, column) ?? null);
    }
    this.dataSource.logger.logQuery(sql, values);
    if (this.sqlite) {
      this.statement(sql, false).run(...values);
      return;
    }
    await this.execute(sql, values, false);
  }

  /**
   * Every level under the `root` rows of `ids`, in ONE statement: each level is
   * a correlated sub-query aggregated into JSON (MariaDB JSON_ARRAYAGG, SQLite
   * json_group_array), nested inside its parent's, ordered by primary key —
   * the way PostGraphile and Hasura compile a query — then mapped like `where`
   * into plain objects.
   */
  async tree(root: EntityTarget<ObjectLiteral>, ids: readonly unknown[], levels: readonly TreeLevel[]): Promise<TreeRows> {
    const rows: TreeRows = new Map();
    if (ids.length === 0 || levels.length === 0) return rows;
    const metadata = this.dataSource.getMetadata(root);
    const escape = (name: string) => this.dataSource.driver.escape(name);
    let aliases = 0;
    const expression = (level: TreeLevel, parent: string, nested: boolean): string => {
      const plan = this.plan(level.entity, level.foreignKey, level.properties, true);
      const alias = `t${aliases++}`;
      const primary = escape(plan.columns[0].databaseName);
      const values = [
        ...plan.columns.map((column) => this.jsonValue(`${alias}.${escape(column.databaseName)}`, column)),
        ...level.children.map((child) => expression(child, `${alias}.${primary}`, true)),
      ].join(', ');
      const link = `${alias}.${plan.where} = ${parent}`;
      if (this.sqlite) {
        const list = `(SELECT json_group_array(json_array(${values})) FROM (SELECT * FROM ${plan.table} ${alias} WHERE ${link} ORDER BY ${alias}.${primary}) ${alias})`;
        return nested ? `json(${list})` : list;
      }
      const list = `COALESCE((SELECT JSON_ARRAYAGG(JSON_ARRAY(${values}) ORDER BY ${alias}.${primary}) FROM ${plan.table} ${alias} WHERE ${link}), '[]')`;
      return nested ? `JSON_EXTRACT(${list}, '$')` : list;
    };
    const rootPrimary = escape(metadata.primaryColumns[0].databaseName);
    const sql =
      `SELECT r.${rootPrimary}, ${levels.map((level) => expression(level, `r.${rootPrimary}`, false)).join(', ')} FROM ${escape(metadata.tableName)} r` +
      ` WHERE r.${rootPrimary} IN (${new Array(ids.length).fill('?').join(', ')})`;
    const collect = (level: TreeLevel, parentId: unknown, json: unknown[][]) => {
      const plan = this.plan(level.entity, level.foreignKey, level.properties, true);
      const objects = json.map((values) => {
        const object = this.toObject<ObjectLiteral>(plan, values);
        level.children.forEach((child, index) => collect(child, object.id, values[plan.columns.length + index] as unknown[][]));
        return object;
      });
      let byParent = rows.get(level);
      if (!byParent) rows.set(level, (byParent = new Map()));
      byParent.set(parentId, objects);
    };
    for (const row of await this.run(sql, ids as unknown[])) {
      levels.forEach((level, index) => {
        const value = row[index + 1];
        collect(level, row[0], (typeof value === 'string' ? JSON.parse(value) : value) as unknown[][]);
      });
    }
    return rows;
  }

  /** A column as a JSON value the driver's own conversion reads back: exact decimals as text, instants in ISO 8601 UTC. */
  private jsonValue(expression: string, column: ColumnMetadata): string {
    if (this.sqlite) return expression;
    if (column.type === 'decimal') return `CAST(${expression} AS CHAR)`;
    if (column.type === 'datetime' || column.type === Date) return `DATE_FORMAT(${expression}, '%Y-%m-%dT%H:%i:%s.%fZ')`;
    return expression;
  }

  private plan(entity: EntityTarget<ObjectLiteral>, column: string, properties: readonly string[], plain: boolean): ReadPlan {
    const metadata = this.dataSource.getMetadata(entity);
    const key = `${metadata.name}|${column}|${properties.join(',')}|${plain}`;
    let plan = this.plans.get(key);
    if (plan) return plan;
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const [primary] = metadata.primaryColumns;
    const filter = metadata.findColumnWithPropertyPath(column);
    if (!filter) throw new Error(`${metadata.name} has no column ${column}`);
    const wanted = new Set(properties);
    // A property computed by a getter names the stored properties it reads in a static `readsFrom`.
    const derived = (metadata.target as { readsFrom?: Record<string, readonly string[]> }).readsFrom ?? {};
    for (const name of properties) for (const source of derived[name] ?? []) wanted.add(source);
    const selected = wanted.has('*')
      ? metadata.columns
      : metadata.columns.filter((c) => wanted.has(c.propertyPath) || wanted.has(c.propertyPath.split('.')[0]));
    const columns = [primary, filter, ...selected];
    const unique = [...new Set(columns)];
    plan = {
      entityName: metadata.name,
      table: escape(metadata.tableName),
      columnList: unique.map((c) => escape(c.databaseName)).join(', '),
      where: escape(filter.databaseName),
      orderBy: escape(primary.databaseName),
      columns: unique,
      prototype: !plain && typeof metadata.target === 'function' ? metadata.target.prototype : null,
      paths: unique.map((c) => c.propertyPath.split('.')),
      embeddedPrototypes: unique.map((c) =>
        (c.embeddedMetadata?.embeddedMetadataTree ?? []).map((embedded) => (!plain && typeof embedded.type === 'function' ? embedded.type.prototype : null)),
      ),
      sqlByCount: new Map(),
    };
    this.plans.set(key, plan);
    return plan;
  }

  private toObject<T>(plan: ReadPlan, row: unknown[]): T {
    const driver = this.dataSource.driver;
    const target = (plan.prototype ? Object.create(plan.prototype) : {}) as Record<string, unknown>;
    for (let i = 0; i < plan.columns.length; i++) {
      const value = driver.prepareHydratedValue(row[i], plan.columns[i]);
      const path = plan.paths[i];
      const prototypes = plan.embeddedPrototypes[i];
      let parent = target;
      for (let depth = 0; depth < path.length - 1; depth++)
        parent = (parent[path[depth]] ??= Object.create(prototypes[depth] ?? Object.prototype)) as Record<string, unknown>;
      parent[path[path.length - 1]] = value;
    }
    return target as T;
  }

  private async run(sql: string, values: unknown[]): Promise<unknown[][]> {
    this.dataSource.logger.logQuery(sql, values);
    const start = stageStart();
    const rows = this.sqlite ? this.statement(sql, true).all(...values) : ((await this.execute(sql, values, true)) as unknown[][]);
    stageEnd('sql', start);
    return rows;
  }

  private execute(sql: string, values: unknown[], rowsAsArray: boolean): Promise<unknown> {
    const pool = (this.dataSource.driver as unknown as { pool: MysqlPool }).pool;
    return new Promise((resolve, reject) => pool.execute({ sql, rowsAsArray }, values, (error, rows) => (error ? reject(error) : resolve(rows))));
  }

  private statement(sql: string, returnsRows: boolean): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const database = (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
      statement = returnsRows ? database.prepare(sql).raw(true) : database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
