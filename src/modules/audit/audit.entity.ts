import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdentityColumn, TextColumn } from '../../platform/data/columns';
import { DateTimeScalar } from '../../platform/scalars';

/** What one request returned (or registered) of one customer: who, which customer, which resources, when, under which interaction id. */
@ObjectType('AuditEntry')
@Entity('audit_log')
@Index(['customerDocument', 'at'])
@Index(['subject', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => DateTimeScalar)
  @Index()
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Field({ description: 'Token subject of the caller.' })
  @IdentityColumn()
  subject!: string;

  @Field({ description: 'READ, REGISTER, UPDATE, CANCEL, or CONSENT (a consent created, authorised or rejected: src/modules/consents).' })
  @TextColumn(20)
  action!: string;

  @Field({ description: 'CPF or CNPJ of the customer whose data was touched.' })
  @TextColumn(14)
  customerDocument!: string;

  @Field(() => [String], {
    description:
      'What the response carried of this customer: cpfNumber/cnpjNumber, __typename, cursor (page edges and pageInfo cursors), ' +
      'identifications, qualifications, financialRelations, registration.<field>, event.<field>; rejected:<CODE> for a refused registration; ' +
      'for CONSENT, consent.created / consent.authorised / consent.rejected:<REASON> and the consentId.',
  })
  @Column({ type: 'simple-array' })
  resources!: string[];

  @Field({ description: 'x-fapi-interaction-id of the request.' })
  @TextColumn(100)
  interactionId!: string;

  @Field(() => String, { nullable: true })
  @TextColumn(100, { nullable: true })
  operationName!: string | null;
}
