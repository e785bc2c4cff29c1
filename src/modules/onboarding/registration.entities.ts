import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation } from 'typeorm';
import {
  AmountColumn,
  CreatedAtColumn,
  DateTextColumn,
  EnumColumn,
  IdentityColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../../platform/data/columns';
import { JobColumns } from '../../platform/jobs/job-columns';
import { AmountScalar, DateTimeScalar } from '../../platform/scalars';
import { GraphQLJSONObject } from 'graphql-scalars';
import { CancelReason, CustomerEventName, DeclaredIncome, EvaluationStage, PepLevel, RegistrationStatus } from './onboarding.enums';

/**
 * A natural-person registration as submitted through `registerCustomer`
 * (Bankly's PUT /customers/{documentNumber}), its durable evaluation job and its
 * event history. One registration per CPF: the unique index settles races; a
 * canceled one is replaced in place when the CPF registers again.
 */

@ObjectType('RegistrationPhone')
export class RegistrationPhone {
  @Field({ description: 'Country calling code (DDI), digits only.' })
  @TextColumn(3)
  countryCode!: string;

  @Field({ description: 'Mobile number with area code (DDD), digits only.' })
  @TextColumn(15)
  number!: string;
}

@ObjectType('RegistrationAddress')
export class RegistrationAddress {
  @Field({ description: 'CEP, 8 digits.' })
  @TextColumn(8)
  zipCode!: string;

  @Field()
  @TextColumn(256)
  addressLine!: string;

  @Field({ description: 'Up to 10 characters, or S/N.' })
  @TextColumn(10)
  buildingNumber!: string;

  @Field(() => String, { nullable: true })
  @TextColumn(256, { nullable: true })
  complement!: string | null;

  @Field()
  @TextColumn(256)
  neighborhood!: string;

  @Field()
  @TextColumn(256)
  city!: string;

  @Field({ description: 'UF, ISO 3166-2:BR, e.g. SP.' })
  @TextColumn(2)
  state!: string;

  @Field({ description: 'BR.' })
  @TextColumn(2)
  country!: string;
}

@ObjectType('AssertedIncome')
export class AssertedIncome {
  @Field(() => AmountScalar, { description: 'Income in the currency below, exact to the cent.' })
  @AmountColumn({ precision: 16, scale: 2 })
  value!: string;

  @Field({ description: 'ISO-4217 code; BRL by default.' })
  @TextColumn(3)
  currency!: string;
}

@ObjectType('Pep')
export class Pep {
  @Field(() => PepLevel)
  @EnumColumn(PepLevel)
  level!: PepLevel;
}

/** Document-analysis tokens (never exposed again: they are the provider's references). */
export class RegistrationDocumentation {
  @TextColumn(64)
  selfie!: string;

  @TextColumn(64)
  idCardFront!: string;

  @TextColumn(64)
  idCardBack!: string;
}

@ObjectType('CustomerRegistration', { description: 'A customer registration and its automatic evaluation.' })
@Entity('customer_registrations')
export class CustomerRegistration {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field({ description: 'CPF, 11 digits.' })
  @Index()
  @TextColumn(11)
  documentNumber!: string;

  /**
   * The CPF while the registration is not CANCELED, null once it is: unique, so
   * a CPF has at most one live registration, and a canceled one stays (read-only,
   * its partner's) beside a newer registration of another partner.
   */
  @Index({ unique: true })
  @TextColumn(11, { nullable: true })
  activeDocumentNumber!: string | null;

  @Field(() => RegistrationStatus)
  @EnumColumn(RegistrationStatus)
  status!: RegistrationStatus;

  @Field()
  @TextColumn(256)
  registerName!: string;

  @Field(() => String, { nullable: true })
  @TextColumn(256, { nullable: true })
  socialName!: string | null;

  @Field({ description: 'YYYY-MM-DD.' })
  @DateTextColumn()
  birthDate!: string;

  @Field(() => RegistrationPhone)
  @Column(() => RegistrationPhone, { prefix: 'phone' })
  phone!: RegistrationPhone;

  @Field(() => RegistrationAddress)
  @Column(() => RegistrationAddress, { prefix: 'address' })
  address!: RegistrationAddress;

  @Field(() => DeclaredIncome, { nullable: true, deprecationReason: 'Replaced by assertedIncome (Bankly, 2023-11-27).' })
  @EnumColumn(DeclaredIncome, { nullable: true })
  declaredIncome!: DeclaredIncome | null;

  @Field(() => AssertedIncome)
  @Column(() => AssertedIncome, { prefix: 'assertedIncome' })
  assertedIncome!: AssertedIncome;

  @Field({ description: 'Occupation code, OCP followed by four digits.' })
  @TextColumn(7)
  occupation!: string;

  @Field(() => Pep)
  @Column(() => Pep, { prefix: 'pep' })
  pep!: Pep;

  @Field()
  @TextColumn(256)
  motherName!: string;

  @Field()
  @TextColumn(320)
  email!: string;

  /**
   * The e-mail while it is taken (EMAIL_ALREADY_IN_USE): unique, null once the
   * customer is canceled, which releases the address for another customer.
   */
  @Index({ unique: true })
  @TextColumn(320, { nullable: true })
  emailKey!: string | null;

  /** Country code + number while taken, unique: one phone per customer (PHONE_ALREADY_IN_USE); null once canceled. */
  @Index({ unique: true })
  @TextColumn(20, { nullable: true })
  phoneKey!: string | null;

  @Column(() => RegistrationDocumentation, { prefix: 'documentation' })
  documentation!: RegistrationDocumentation;

  /** Shared by every event of this registration. */
  @TextColumn(36)
  correlationId!: string;

  /** Token subject of the partner that registered it: its events go to that partner's webhooks only. Null before webhooks existed. */
  @IdentityColumn({ nullable: true })
  registeredBy!: string | null;

  /** Reprovation reasons; exposed through a guarded field resolver. */
  @Column({ type: 'simple-json', nullable: true })
  reasons!: string[] | null;

  @Field(() => DateTimeScalar)
  @CreatedAtColumn()
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @UpdatedAtColumn()
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the decision (approval or reprovation) was taken.' })
  @InstantColumn({ nullable: true })
  decidedAt!: Date | null;

  @Field(() => CancelReason, { nullable: true, description: 'Why the customer was canceled (CANCELED only).' })
  @EnumColumn(CancelReason, { nullable: true })
  cancelReason!: CancelReason | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer was canceled (CANCELED only).' })
  @InstantColumn({ nullable: true })
  canceledAt!: Date | null;

  /**
   * The read-model customer this registration's approval opened (personal_customers.id):
   * only that customer is renewed when the CPF registers again after a cancellation.
   */
  @Column({ type: 'integer', nullable: true })
  customerId!: number | null;

  /** Accounts opened for this registration so far: each approval opens the next (src/modules/customers/account-number.ts). */
  @Column({ type: 'integer', default: 0 })
  accountGeneration!: number;

  @Field({ description: "Derived from pep.level (Bankly's read model)." })
  get isPoliticallyExposedPerson(): boolean {
    return this.pep?.level !== PepLevel.NONE;
  }
}

@Entity('evaluation_jobs')
@Index(['stage', 'runAt'])
export class EvaluationJob extends JobColumns {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'integer' })
  registrationId!: number;

  @ManyToOne(() => CustomerRegistration, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  registration?: Relation<CustomerRegistration>;

  @EnumColumn(EvaluationStage)
  stage!: EvaluationStage;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * One CPF's onboarding history, across contexts (its documents, its
 * registration, its account): events are numbered 1, 2, … per CPF, so a client
 * resuming a stream (`afterSequence`) and webhook deliveries have one order.
 * This row hands out the numbers: appending an event moves `lastSequence` on
 * with an UPDATE that takes the row lock, so concurrent appends for one CPF
 * queue instead of colliding.
 */
@Entity('event_streams')
export class EventStream {
  @PrimaryColumn({ type: 'varchar', length: 11 })
  entityId!: string;

  @Column({ type: 'integer' })
  lastSequence!: number;
}

@ObjectType('CustomerEvent', {
  description: "An onboarding event in the provider's envelope (name, context, entityId, idempotencyKey, …): contexts Customer, Account and Document.",
})
@Entity('customer_events')
@Index(['entityId', 'sequence'], { unique: true })
export class CustomerEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Null for events before any registration (documents). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  registrationId!: number | null;

  @ManyToOne(() => CustomerRegistration, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  registration?: Relation<CustomerRegistration>;

  @Field(() => Int, { description: "Position in the CPF's onboarding history (all contexts), from 1." })
  @Column({ type: 'integer' })
  sequence!: number;

  @Field(() => CustomerEventName)
  @EnumColumn(CustomerEventName)
  name!: CustomerEventName;

  @Field({ description: '`Customer`, `Account` or `Document`.' })
  @TextColumn(20)
  context!: string;

  @Field({ description: "The customer's document number (CPF)." })
  @TextColumn(11)
  entityId!: string;

  @Field({ description: 'UUID for de-duplication by consumers.' })
  @Index({ unique: true })
  @TextColumn(36)
  idempotencyKey!: string;

  @Field({ description: 'Correlates the events of one registration (or of one document analysis).' })
  @TextColumn(36)
  correlationId!: string;

  /** Token subject of the partner whose request started this history: only its webhooks receive the event. */
  @IdentityColumn({ nullable: true })
  registeredBy!: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'datetime', precision: 3 })
  timestamp!: Date;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version!: number;

  @Field(() => RegistrationStatus, {
    nullable: true,
    description: 'Status of the registration after this event; null for document events before a registration.',
  })
  @EnumColumn(RegistrationStatus, { nullable: true })
  status!: RegistrationStatus | null;

  @Field(() => GraphQLJSONObject, { description: 'Event-specific data (e.g. reprovation reasons for authorised callers).' })
  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;
}
