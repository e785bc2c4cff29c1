import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { EnumColumn, IdentityColumn, InstantColumn, TextColumn } from '../../../platform/data/columns';
import { DateTimeScalar } from '../../../platform/scalars';
import { CustomerRegistration } from '../registration.entities';

/** OPEN until its outcome is final (a KEEP_REPROVED decision, or a confirmed APPROVE); DECIDED after. */
export enum ManualReviewStatus {
  OPEN = 'OPEN',
  DECIDED = 'DECIDED',
}
registerEnumType(ManualReviewStatus, {
  name: 'ManualReviewStatus',
  description: 'OPEN: waiting for an analyst, a decision or (APPROVE) its confirmation; DECIDED: final.',
});

export enum ManualReviewDecision {
  APPROVE = 'APPROVE',
  KEEP_REPROVED = 'KEEP_REPROVED',
}
registerEnumType(ManualReviewDecision, {
  name: 'ManualReviewDecision',
  description: 'APPROVE: a proposal a second analyst confirms (confirmManualReview); KEEP_REPROVED: final at once.',
});

/** Longest justification or request reason, in characters. */
export const REVIEW_TEXT_MAX = 1000;

/**
 * A manual review of a reprovation, asked for by the partner or the customer
 * (requestManualReview) and worked by the analysts: claimed by one, decided by
 * that one, and an approval confirmed by another (four eyes). One per
 * reprovation: the registration's correlation id (new at each registration
 * of the CPF) is unique here.
 */
@ObjectType('ManualReview', { description: "The manual review of a reprovation (ours): the analysts' queue." })
@Entity('manual_reviews')
@Index(['status', 'dueAt'])
export class ManualReview {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @Column({ type: 'integer' })
  registrationId!: number;

  @ManyToOne(() => CustomerRegistration, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  registration?: Relation<CustomerRegistration>;

  @Field({ description: 'CPF, 11 digits.' })
  @Index()
  @TextColumn(11)
  documentNumber!: string;

  /** The reproved registration's correlation id: one review per reprovation. */
  @Index({ unique: true })
  @TextColumn(36)
  correlationId!: string;

  @Field(() => ManualReviewStatus)
  @EnumColumn(ManualReviewStatus)
  status!: ManualReviewStatus;

  @Field({ description: "Why the review was asked for (the requester's words)." })
  @TextColumn(REVIEW_TEXT_MAX)
  reason!: string;

  /** The reprovation's reasons when the review was asked for; exposed to analysts by a field resolver. */
  @Column({ type: 'simple-json' })
  reprovationReasons!: string[];

  @Field(() => String, { nullable: true, description: 'Token subject of the requester.' })
  @IdentityColumn({ nullable: true })
  requestedBy!: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Field(() => DateTimeScalar, { description: 'requestedAt plus 7 Brazilian business days (America/Sao_Paulo; weekends and national holidays skipped).' })
  @Column({ type: 'datetime', precision: 3 })
  dueAt!: Date;

  /** The analyst working on it (token subject); exposed to analysts by a field resolver. */
  @IdentityColumn({ nullable: true })
  claimedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @InstantColumn({ nullable: true })
  claimedAt!: Date | null;

  @Field(() => ManualReviewDecision, { nullable: true, description: "The claimant's decision; an APPROVE waits for confirmedBy." })
  @EnumColumn(ManualReviewDecision, { nullable: true })
  decision!: ManualReviewDecision | null;

  /** The claimant's words; exposed to analysts by a field resolver. */
  @TextColumn(REVIEW_TEXT_MAX, { nullable: true })
  justification!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @InstantColumn({ nullable: true })
  decidedAt!: Date | null;

  /** The second analyst who confirmed an APPROVE (never the claimant); exposed to analysts by a field resolver. */
  @IdentityColumn({ nullable: true })
  confirmedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the outcome became final (status DECIDED).' })
  @InstantColumn({ nullable: true })
  closedAt!: Date | null;
}
