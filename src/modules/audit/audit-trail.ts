import { DataSource } from 'typeorm';
import { DirectRows } from '../../platform/data/direct-rows';
import { AuditEntry } from './audit.entity';

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
    const rows = [...this.touched].map(([key, { action, resources }]) => ({
      at,
      subject: who.subject.slice(0, 200),
      action,
      customerDocument: key.slice(action.length + 1),
      resources: [...resources].sort(),
      interactionId: who.interactionId,
      operationName: who.operationName?.slice(0, 100) ?? null,
    }));
    this.touched.clear();
    await AuditWriter.of(dataSource).write(rows);
  }
}

type AuditRow = Omit<AuditEntry, 'id'>;

/** Rows per INSERT: 7 parameters a row stays well under SQLite's (32,766) and MySQL's (65,535) caps. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Group commit of the audit log, one writer per database. A request's flush
 * resolves only once its rows are committed (the answer waits for it, as
 * before), but the rows of concurrent requests go out together: flushes
 * arriving while a write is in flight wait for it and then go out together in
 * the next one; on SQLite (synchronous writes) a flush waits for the end of the
 * event-loop turn and goes out with whatever else arrived in that turn.
 * Each INSERT autocommits (one commit for the whole group). If a group's INSERT
 * fails, each request's rows are retried alone, so one request's bad row fails
 * only that request (its answer is masked, fail closed).
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

  private queue: { rows: AuditRow[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private busy = false;

  private readonly synchronous: boolean;

  private constructor(private readonly dataSource: DataSource) {
    this.synchronous = dataSource.options.type === 'better-sqlite3';
  }

  /** Resolves once `rows` are committed. */
  write(rows: AuditRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        // MariaDB: write at once; what arrives meanwhile goes out together in the next statement. SQLite writes
        // synchronously, so nothing could join a write in progress: wait for the end of this event-loop turn instead.
        if (this.synchronous) setImmediate(() => void this.drain());
        else void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // As many waiting requests as fit in one statement (one commit); a request is never split across groups.
      let rows = 0;
      let taken = 0;
      while (taken < this.queue.length && (taken === 0 || rows + this.queue[taken].rows.length <= MAX_ROWS_PER_STATEMENT))
        rows += this.queue[taken++].rows.length;
      const group = this.queue.splice(0, taken);
      try {
        await this.insert(group.flatMap((request) => request.rows));
        for (const request of group) request.resolve();
      } catch (error) {
        if (group.length === 1) group[0].reject(error);
        else {
          for (const request of group) await this.insert(request.rows).then(request.resolve, request.reject);
        }
      }
    }
    this.busy = false;
  }

  private async insert(rows: AuditRow[]): Promise<void> {
    const writer = DirectRows.of(this.dataSource);
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) await writer.insert(AuditEntry, rows.slice(i, i + MAX_ROWS_PER_STATEMENT));
  }
}
