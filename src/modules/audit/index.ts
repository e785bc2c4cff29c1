// The audit module's public surface: what other modules may use.
export { auditModule } from './audit.module';
export { AuditEntry } from './audit.entity';
export { auditCustomer, auditCustomerPage, auditObject } from './returned';
export type { AuditAction } from './returned';
export { AuditTrail } from './audit-trail';
