import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdentityColumn, TextColumn } from '../../platform/data/columns';

/**
 * One request's audit record (the narrow design, issue 22): who, when, under
 * which interaction id and operation, which action and which resources — once
 * per request and group of customers that got the same resources (a page of
 * 100 is one row here). The customers are in AuditCustomer.
 */
@Entity('audit_requests')
@Index(['subject', 'at'])
export class AuditRequest {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @IdentityColumn()
  subject!: string;

  @TextColumn(20)
  action!: string;

  @Column({ type: 'simple-array' })
  resources!: string[];

  @TextColumn(100)
  interactionId!: string;

  @TextColumn(100, { nullable: true })
  operationName!: string | null;
}
