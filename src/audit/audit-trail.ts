import { DataSource } from 'typeorm';
import { AuditEntry } from './audit.entity';

/**
 * Collects, during one request, which customer data was touched, and writes it
 * in one batched insert when the response is sent: auditing costs one
 * statement per request, whatever the page size.
 */
export class AuditTrail {
  private readonly touched = new Map<string, { action: string; resources: Set<string> }>();

  record(customerDocument: string, resource: string, action = 'READ'): void {
    const key = `${action}:${customerDocument}`;
    const entry = this.touched.get(key) ?? { action, resources: new Set<string>() };
    entry.resources.add(resource);
    this.touched.set(key, entry);
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
    for (let i = 0; i < rows.length; i += 500) {
      await dataSource.createQueryBuilder().insert().into(AuditEntry).values(rows.slice(i, i + 500)).execute();
    }
  }
}
