import { DataSource } from 'typeorm';
import { DirectRows } from '../../platform/data/direct-rows';
import { AuditCustomer } from './audit-customer.entity';
import { AuditRequest } from './audit-request.entity';

/**
 * Collects, during one request, which customer data was returned (or
 * registered), and writes it when the operation ends (after each event, for a
 * subscription), committed together with the rows of concurrent requests
 * (AuditWriter below): at most one statement per request, whatever the page size. What gets recorded, and how, is in
 * ./returned.ts and in the block checks of ../auth/policies.ts.
 */
export class AuditTrail {
  private readonly touched = new Map<string, { action: string; resources: Set<string> }>();

  /** One customer datum returned (or, with REGISTER, written): one row per action and customer, resources merged. */
  record(customerDocument: string, resource: string, action = 'READ'): void {
    this.entry(customerDocument, action).add(resource);
  }

  /** Several resources of one customer at once (a page records each of its customers this way). */
  recordAll(customerDocument: string, resources: Iterable<string>, action = 'READ'): void {
    const entry = this.entry(customerDocument, action);
    for (const resource of resources) entry.add(resource);
  }

  /** Customers recorded so far (tests and diagnostics). */
  get size(): number {
    return this.touched.size;
  }

  private entry(customerDocument: string, action: string): Set<string> {
    const key = `${action}:${customerDocument}`;
    let entry = this.touched.get(key);
    if (!entry) {
      entry = { action, resources: new Set<string>() };
      this.touched.set(key, entry);
    }
    return entry.resources;
  }

  async flush(dataSource: DataSource, who: { subject: string; interactionId: string; operationName: string | null }): Promise<void> {
    if (this.touched.size === 0) return;
    const at = new Date();
    // One AuditRequest per action and set of resources (a page's customers usually share one), its customers listed under it.
    const groups = new Map<string, AuditRecord>();
    for (const [key, { action, resources }] of this.touched) {
      const sorted = [...resources].sort();
      const groupKey = `${action}\n${sorted.join(',')}`;
      let group = groups.get(groupKey);
      if (!group) {
        group = {
          request: {
            at,
            subject: who.subject.slice(0, 200),
            action,
            resources: sorted,
            interactionId: who.interactionId,
            operationName: who.operationName?.slice(0, 100) ?? null,
          },
          customers: [],
        };
        groups.set(groupKey, group);
      }
      group.customers.push(key.slice(action.length + 1));
    }
    this.touched.clear();
    await AuditWriter.of(dataSource).write([...groups.values()]);
  }
}

/** One AuditRequest row and the customers (AuditCustomer rows) recorded under it. */
interface AuditRecord {
  request: Omit<AuditRequest, 'id'>;
  customers: string[];
}

/** Rows per INSERT: at 6 parameters a row, well under SQLite's (32,766) and MySQL's (65,535) caps. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Group commit of the audit log, one writer per database. A request's flush
 * resolves only once its records are committed (the answer waits for it), but
 * the records of concurrent requests go out together: flushes arriving while a
 * write is in flight wait for it and then go out together in the next one; on
 * SQLite (synchronous writes) a flush waits for the end of the event-loop turn
 * and goes out with whatever else arrived in that turn. A group is one
 * transaction (one commit): a multi-row INSERT of the AuditRequest rows, then
 * one of their customers. If a group fails, each request's records are retried
 * alone, so one request's bad row fails only that request (its answer is
 * masked, fail closed).
 */
export class AuditWriter {
  private static readonly writers = new WeakMap<DataSource, AuditWriter>();

  static of(dataSource: DataSource): AuditWriter {
    let writer = AuditWriter.writers.get(dataSource);
    if (!writer) {
      writer = new AuditWriter(dataSource);
      AuditWriter.writers.set(dataSource, writer);
    }
    return writer;
  }

  private queue: { records: AuditRecord[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private busy = false;

  private readonly store: AuditStore;

  private constructor(private readonly dataSource: DataSource) {
    this.store = dataSource.options.type === 'better-sqlite3' ? new SqliteAuditStore(dataSource) : new MysqlAuditStore(dataSource);
  }

  /** Resolves once `records` are committed. */
  write(records: AuditRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        // MariaDB: write at once; what arrives meanwhile goes out together in the next transaction. SQLite writes
        // synchronously, so nothing could join a write in progress: wait for the end of this event-loop turn instead.
        if (this.store.synchronous) setImmediate(() => void this.drain());
        else void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // As many waiting requests as fit in one statement per table; a request is never split across groups.
      let rows = 0;
      let taken = 0;
      const size = (records: AuditRecord[]) => records.reduce((sum, record) => sum + record.customers.length, 0);
      while (taken < this.queue.length && (taken === 0 || rows + size(this.queue[taken].records) <= MAX_ROWS_PER_STATEMENT))
        rows += size(this.queue[taken++].records);
      const group = this.queue.splice(0, taken);
      try {
        await this.store.insert(group.flatMap((request) => request.records));
        for (const request of group) request.resolve();
      } catch (error) {
        if (group.length === 1) group[0].reject(error);
        else {
          for (const request of group) await this.store.insert(request.records).then(request.resolve, request.reject);
        }
      }
    }
    this.busy = false;
  }
}

/** The statements of one group's transaction: the requests (their first generated id known once run), then their customers. */
abstract class AuditStore {
  abstract readonly synchronous: boolean;

  constructor(protected readonly dataSource: DataSource) {}

  /** Commits `records` in one transaction. */
  abstract insert(records: AuditRecord[]): Promise<void>;

  protected requestsInsert(records: AuditRecord[]): { sql: string; values: unknown[] } {
    return this.statement(
      AuditRequest,
      records.map((record) => record.request),
    );
  }

  /**
   * The customers of `records`, linked to the requests' ids: a multi-row INSERT gets consecutive ids from
   * `firstId` on (SQLite: one writer; MariaDB: innodb_autoinc_lock_mode 0 or 1, checked by MysqlAuditStore).
   */
  protected customersInserts(records: AuditRecord[], firstId: number): { sql: string; values: unknown[] }[] {
    const rows = records.flatMap((record, index) => record.customers.map((customerDocument) => ({ requestId: firstId + index, customerDocument })));
    const statements = [];
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) statements.push(this.statement(AuditCustomer, rows.slice(i, i + MAX_ROWS_PER_STATEMENT)));
    return statements;
  }

  private statement<T extends object>(entity: new () => T, objects: Partial<T>[]): { sql: string; values: unknown[] } {
    const statement = DirectRows.of(this.dataSource).insertStatement(entity, objects);
    this.dataSource.logger.logQuery(statement.sql, statement.values);
    return statement;
  }
}

interface SqliteStatement {
  run(...params: unknown[]): { lastInsertRowid: number | bigint; changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  transaction<T>(work: () => T): () => T;
}

/** SQLite: the whole group in one synchronous transaction (a savepoint inside an open one), prepared statements reused. */
class SqliteAuditStore extends AuditStore {
  readonly synchronous = true;
  private readonly prepared = new Map<string, SqliteStatement>();

  async insert(records: AuditRecord[]): Promise<void> {
    const database = (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    database.transaction(() => {
      const requests = this.requestsInsert(records);
      const { lastInsertRowid } = this.prepare(database, requests.sql).run(...requests.values);
      for (const customers of this.customersInserts(records, Number(lastInsertRowid) - records.length + 1))
        this.prepare(database, customers.sql).run(...customers.values);
    })();
  }

  private prepare(database: SqliteDatabase, sql: string): SqliteStatement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      // One statement per row count: bounded like DirectRows' cache.
      if (this.prepared.size >= 200) this.prepared.delete(this.prepared.keys().next().value!);
      this.prepared.set(sql, (statement = database.prepare(sql)));
    }
    return statement;
  }
}

interface MysqlConnection {
  query(sql: string, callback: (error: Error | null, result: unknown) => void): void;
  execute(sql: string, values: unknown[], callback: (error: Error | null, result: { insertId: number }) => void): void;
  release(): void;
}

/** MariaDB/MySQL: one pooled connection, START TRANSACTION … COMMIT (one commit, one log flush for the group). */
class MysqlAuditStore extends AuditStore {
  readonly synchronous = false;
  /** Whether a multi-row INSERT's ids are consecutive; otherwise each request row is inserted alone for its id. */
  private consecutiveIds: Promise<boolean> | undefined;

  async insert(records: AuditRecord[]): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { pool: { getConnection(callback: (error: Error | null, connection: MysqlConnection) => void): void } })
      .pool;
    const connection = await new Promise<MysqlConnection>((resolve, reject) => pool.getConnection((error, c) => (error ? reject(error) : resolve(c))));
    const query = <T>(sql: string) =>
      new Promise<T>((resolve, reject) => connection.query(sql, (error, result) => (error ? reject(error) : resolve(result as T))));
    const execute = ({ sql, values }: { sql: string; values: unknown[] }) =>
      new Promise<{ insertId: number }>((resolve, reject) => connection.execute(sql, values, (error, result) => (error ? reject(error) : resolve(result))));
    // Once per process, on this connection (not through TypeORM: no statement the SQL counters would attribute to a request).
    this.consecutiveIds ??= query<{ mode: number; step: number }[]>('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step').then(
      ([{ mode, step }]) => Number(mode) <= 1 && Number(step) === 1,
    );
    const consecutive = await this.consecutiveIds.catch((error) => {
      this.consecutiveIds = undefined;
      connection.release();
      throw error;
    });
    try {
      await query('START TRANSACTION');
      try {
        if (consecutive) {
          const { insertId } = await execute(this.requestsInsert(records));
          for (const customers of this.customersInserts(records, insertId)) await execute(customers);
        } else {
          for (const record of records) {
            const { insertId } = await execute(this.requestsInsert([record]));
            for (const customers of this.customersInserts([record], insertId)) await execute(customers);
          }
        }
        await query('COMMIT');
      } catch (error) {
        await query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      connection.release();
    }
  }
}
