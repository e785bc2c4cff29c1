import type { GatewayModule } from '../../platform/module';
import { AuditTrail } from './audit-trail';
import { AuditEntry } from './audit.entity';
import { AuditResolver } from './audit.resolver';
import { flushAuditTrail, requestTrailPlugin } from './request-trail.plugin';

declare module '../../platform/graphql/context' {
  interface GatewayContext {
    /** Customer data touched by this operation, written to the audit log when it ends (per event for subscriptions). */
    audit: AuditTrail;
  }
}

/** Who read or changed which customer's data: recorded before the answer leaves, on every transport. */
export const auditModule: GatewayModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditResolver],
  setup: () => ({
    plugins: [requestTrailPlugin],
    context: () => ({ audit: new AuditTrail() }),
    afterEvent: flushAuditTrail,
  }),
};
