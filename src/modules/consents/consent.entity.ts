import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EnumColumn, IdentityColumn, InstantColumn, TextColumn } from '../../platform/data/columns';
import { DateTimeScalar } from '../../platform/scalars';

/** Open Banking Consents API v2 `status` (the data-sharing consent's lifecycle). */
export enum ConsentStatus {
  AWAITING_AUTHORISATION = 'AWAITING_AUTHORISATION',
  AUTHORISED = 'AUTHORISED',
  REJECTED = 'REJECTED',
}

/** Consents API v2 `rejection.reason.code` (EnumReasonCode). */
export enum ConsentRejectionReason {
  CONSENT_EXPIRED = 'CONSENT_EXPIRED',
  CUSTOMER_MANUALLY_REJECTED = 'CUSTOMER_MANUALLY_REJECTED',
  CUSTOMER_MANUALLY_REVOKED = 'CUSTOMER_MANUALLY_REVOKED',
  CONSENT_MAX_DATE_REACHED = 'CONSENT_MAX_DATE_REACHED',
  CONSENT_TECHNICAL_ISSUE = 'CONSENT_TECHNICAL_ISSUE',
  INTERNAL_SECURITY_REASON = 'INTERNAL_SECURITY_REASON',
}

/** Consents API v2 `rejection.rejectedBy` (EnumRejectedBy): the customer, the data holder (this bank) or the data receiver. */
export enum ConsentRejectedBy {
  USER = 'USER',
  ASPSP = 'ASPSP',
  TPP = 'TPP',
}

/** Which kind of customer a consent is bound to. */
export enum ConsentDocumentKind {
  CPF = 'CPF',
  CNPJ = 'CNPJ',
}

registerEnumType(ConsentStatus, { name: 'ConsentStatus', description: 'Consents API v2 status.' });
registerEnumType(ConsentRejectionReason, { name: 'ConsentRejectionReason', description: 'Consents API v2 rejection reason code.' });
registerEnumType(ConsentRejectedBy, {
  name: 'ConsentRejectedBy',
  description: 'Consents API v2: USER (the customer), ASPSP (this bank, the data holder), TPP (the data receiver).',
});

/** The Customers API permissions a consent may grant (the same names tokens carry). */
export const CONSENT_PERMISSIONS = [
  'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ',
  'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
  'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ',
  'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
  'RESOURCES_READ',
] as const;

/**
 * A data-sharing consent: one customer (CPF or CNPJ), the permissions it
 * grants, the data receiver allowed to use it (token subject), its status and
 * dates. Only the status (and its rejection) changes after creation.
 */
@ObjectType('Consent')
@Entity('consents')
@Index(['documentNumber', 'id'])
@Index(['receiver', 'id'])
export class Consent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field({ description: '`urn:<namespace>:<UUID>` (Consents API pattern, at most 256 characters).' })
  @Index({ unique: true })
  @TextColumn(256)
  consentId!: string;

  @TextColumn(14)
  documentNumber!: string;

  @EnumColumn(ConsentDocumentKind)
  documentKind!: ConsentDocumentKind;

  @Field(() => String, { nullable: true, description: 'The natural person the consent is bound to.' })
  get cpf(): string | null {
    return this.documentKind === ConsentDocumentKind.CPF ? this.documentNumber : null;
  }

  @Field(() => String, { nullable: true, description: 'The company the consent is bound to.' })
  get cnpj(): string | null {
    return this.documentKind === ConsentDocumentKind.CNPJ ? this.documentNumber : null;
  }

  @Field(() => [String], { description: 'Customers API permissions granted.' })
  @Column({ type: 'simple-json' })
  permissions!: string[];

  @Field(() => ConsentStatus)
  @EnumColumn(ConsentStatus)
  status!: ConsentStatus;

  @Field(() => ConsentRejectionReason, { nullable: true, description: 'Why it was rejected or revoked (REJECTED only).' })
  @EnumColumn(ConsentRejectionReason, { nullable: true })
  rejectionReason!: ConsentRejectionReason | null;

  @Field(() => ConsentRejectedBy, { nullable: true })
  @EnumColumn(ConsentRejectedBy, { nullable: true })
  rejectedBy!: ConsentRejectedBy | null;

  @Field({ description: 'The data receiver that may use the consent: the `sub` of its tokens.' })
  @IdentityColumn()
  receiver!: string;

  @Field(() => DateTimeScalar)
  @InstantColumn()
  creationDateTime!: Date;

  @Field(() => DateTimeScalar)
  @InstantColumn()
  statusUpdateDateTime!: Date;

  @Field(() => DateTimeScalar, { description: 'After it, the consent no longer admits any read.' })
  @InstantColumn()
  expirationDateTime!: Date;
}
