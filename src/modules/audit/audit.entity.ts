import { Field, ObjectType } from 'type-graphql';
import { Column, DataSource, ViewColumn, ViewEntity } from 'typeorm';
import { DateTimeScalar } from '../../platform/scalars';
import { AuditCustomer } from './audit-customer.entity';
import { AuditRequest } from './audit-request.entity';

/**
 * What one request returned (or registered) of one customer: who, which customer, which resources, when, under which interaction id.
 * Stored narrow (AuditRequest once per request, AuditCustomer per customer); read through the `audit_log` view, one row per
 * customer and request as before, its id the customer row's (ascending in write order, so the cursor of auditLog).
 */
@ObjectType('AuditEntry')
@ViewEntity('audit_log', {
  expression: (dataSource: DataSource) =>
    dataSource
      .createQueryBuilder()
      .select('customer.id', 'id')
      .addSelect('request.at', 'at')
      .addSelect('request.subject', 'subject')
      .addSelect('request.action', 'action')
      .addSelect('customer.customerDocument', 'customerDocument')
      .addSelect('request.resources', 'resources')
      .addSelect('request.interactionId', 'interactionId')
      .addSelect('request.operationName', 'operationName')
      .from(AuditCustomer, 'customer')
      .innerJoin(AuditRequest, 'request', 'request.id = customer.requestId'),
})
export class AuditEntry {
  @ViewColumn()
  id!: number;

  @Field(() => DateTimeScalar)
  // Typed like AuditRequest.at, so both drivers hydrate it into a Date.
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Field({ description: 'Token subject of the caller.' })
  @ViewColumn()
  subject!: string;

  @Field({ description: 'READ, REGISTER, UPDATE, CANCEL, or CONSENT (a consent created, authorised or rejected: src/modules/consents).' })
  @ViewColumn()
  action!: string;

  @Field({ description: 'CPF or CNPJ of the customer whose data was touched.' })
  @ViewColumn()
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
  @ViewColumn()
  interactionId!: string;

  @Field(() => String, { nullable: true })
  @ViewColumn()
  operationName!: string | null;
}
