import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TextColumn } from '../../platform/data/columns';

/**
 * One customer a request returned (or registered): its request's AuditRequest
 * row holds everything else. Two columns and two indexes (by customer, and the
 * request's customers), so a page of 100 adds 100 small rows, not 100 copies of
 * the request. No foreign key: its check would cost a lookup per row, and
 * audit rows are only ever inserted together with their request.
 */
@Entity('audit_customers')
export class AuditCustomer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @Column({ type: 'integer' })
  requestId!: number;

  @Index()
  @TextColumn(14)
  customerDocument!: string;
}
