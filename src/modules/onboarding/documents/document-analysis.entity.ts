import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, EnumColumn, IdentityColumn, TextColumn, UpdatedAtColumn } from '../../../platform/data/columns';
import { JobColumns } from '../../../platform/jobs/job-columns';
import { DateTimeScalar } from '../../../platform/scalars';
import { DocumentAnalysisStage, DocumentAnalysisStatus, DocumentSide, DocumentType } from './document.enums';

/**
 * One submitted document image and its analysis, with the durable job columns
 * of the analysis (stage, runAt, version, attempts, lastError: see
 * src/platform/jobs/durable-steps.ts). The image itself lives in the document
 * storage under `storageKey`, never in a column.
 */
@ObjectType('DocumentAnalysis', { description: "A document image submitted for analysis (Bankly's document analysis) and its outcome." })
@Entity('document_analyses')
@Index(['stage', 'runAt'])
export class DocumentAnalysis extends JobColumns {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field({ description: "The analysis token (32 hexadecimal characters), used in registerCustomer's documentation." })
  @Index({ unique: true })
  @TextColumn(32)
  token!: string;

  @Index()
  @TextColumn(11)
  documentNumber!: string;

  @Field(() => DocumentType)
  @EnumColumn(DocumentType)
  documentType!: DocumentType;

  @Field(() => DocumentSide)
  @EnumColumn(DocumentSide)
  documentSide!: DocumentSide;

  @Field(() => DocumentAnalysisStatus)
  @EnumColumn(DocumentAnalysisStatus)
  status!: DocumentAnalysisStatus;

  @Field(() => [String], {
    nullable: true,
    description:
      'Why the document was refused (our own codes: IMAGE_TOO_SMALL, FLAT_IMAGE, DATA_MISMATCH, UNDECODABLE_IMAGE, STORAGE_UNAVAILABLE); null otherwise.',
  })
  @Column({ type: 'simple-json', nullable: true })
  reasons!: string[] | null;

  @TextColumn(200)
  storageKey!: string;

  /** The type read from the content (image/png or image/jpeg), whatever the upload declared. */
  @TextColumn(20)
  contentType!: string;

  @Column({ type: 'integer' })
  byteSize!: number;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  /** Token subject of the submitter: its events go to that partner's webhooks only. */
  @IdentityColumn({ nullable: true })
  submittedBy!: string | null;

  /** Shared by the events of this analysis. */
  @TextColumn(36)
  correlationId!: string;

  @EnumColumn(DocumentAnalysisStage)
  stage!: DocumentAnalysisStage;

  @Field(() => DateTimeScalar)
  @CreatedAtColumn()
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @UpdatedAtColumn()
  updatedAt!: Date;
}
