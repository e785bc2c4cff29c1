import { DataSource } from 'typeorm';
import { DirectRows } from '../database/direct-rows';
import { AuditEntry } from './audit.entity';

/**
 * Collects, during one request, which customer data was returned (or
 * registered), and writes it in one batched insert when the operation ends
 * (after each event, for a subscription): auditing costs one statement per
 * request, whatever the page size. What gets recorded, and how, is in
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
    // One statement up to a full page of 1000 customers (7 parameters a row stays under SQLite's and MySQL's caps).
    for (let i = 0; i < rows.length; i += 1000) {
      await DirectRows.of(dataSource).insert(AuditEntry, rows.slice(i, i + 1000));
    }
  }
}
