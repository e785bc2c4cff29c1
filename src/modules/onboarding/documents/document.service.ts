import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, Not } from 'typeorm';
import { Reach, reaches } from '../../../platform/security/policies';
import { Config } from '../../../platform/config';
import { assertCpf } from '../../customers';
import { BusinessRuleError, GatewayError, InputError, Violations } from '../../../platform/errors';
import { GatewayPubSub } from '../../../platform/events/pubsub';
import { appendEvent, EventOwner, publishEvents } from '../customer-events';
import { CustomerEventName } from '../onboarding.enums';
import { DocumentAnalysis } from './document-analysis.entity';
import { DocumentAnalysisStage, DocumentAnalysisStatus, DocumentSide, DocumentType } from './document.enums';
import { checkImage } from './image-check';
import { DocumentStorage } from './storage';
import { isFileUpload, MaybeUpload } from '../../../platform/graphql/upload';
import { OnboardingError } from '../onboarding.errors';

export interface DocumentSubmission {
  documentNumber: string;
  documentType: DocumentType;
  documentSide: DocumentSide;
  image: MaybeUpload;
}

/** The owner of a document's events: the CPF's history, no registration, the submitter's webhooks. */
export function documentEventOwner(analysis: DocumentAnalysis): EventOwner {
  return {
    documentNumber: analysis.documentNumber,
    registrationId: null,
    correlationId: analysis.correlationId,
    registeredBy: analysis.submittedBy,
    status: null,
  };
}

/** The data of DOCUMENT_WAS_RECEIVED / DOCUMENT_WAS_PROCESSED (reasons only once processed). */
export function documentEventData(analysis: DocumentAnalysis, processed: boolean): Record<string, unknown> {
  const { token, documentType, documentSide, status, reasons } = analysis;
  return processed ? { token, documentType, documentSide, status, reasons } : { token, documentType, documentSide, status };
}

export function imageTooLarge(limit: number): GatewayError {
  return new GatewayError(OnboardingError.IMAGE_TOO_LARGE, `The image is larger than ${limit} bytes.`, {
    fields: [{ field: 'image', code: OnboardingError.IMAGE_TOO_LARGE, message: `must be at most ${limit} bytes` }],
    limit,
    http: { status: 413 },
  });
}

/**
 * Reads an upload up to `limit` bytes, counting as it streams: past the limit
 * it stops reading and refuses, so an oversized upload is never held whole.
 */
async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > limit) throw imageTooLarge(limit);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    stream.destroy();
    // The multipart parser's own cap (one byte past ours) may trip first: the same refusal.
    if (error instanceof GatewayError || /limit|truncat|too large/i.test(String((error as Error)?.message))) throw imageTooLarge(limit);
    throw error;
  }
  return Buffer.concat(chunks);
}

/**
 * Document analysis use cases, free of GraphQL: check the request, read and
 * check the image, store it, then write the analysis (its durable job
 * included) and its DOCUMENT_WAS_RECEIVED event in one transaction, published
 * once committed. A failed write removes the stored object again.
 */
export class DocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly config: Config,
    readonly storage: DocumentStorage,
  ) {}

  /** An analysis of this CPF within `reach` (a partner: one it submitted); null when unknown, another CPF's or another partner's. */
  async find(documentNumber: string, token: string, reach: Reach = { kind: 'all' }): Promise<DocumentAnalysis | null> {
    if (!/^[0-9a-f]{32}$/i.test(token)) return null;
    const analysis = await this.dataSource.getRepository(DocumentAnalysis).findOneBy({ documentNumber, token: token.toLowerCase() });
    return analysis && reaches(reach, documentNumber, analysis.submittedBy) ? analysis : null;
  }

  async submit(submission: DocumentSubmission, submittedBy: string | null): Promise<DocumentAnalysis> {
    const { documentNumber, documentType, documentSide, image } = submission;
    const violations = new Violations();
    try {
      assertCpf(documentNumber, 'documentNumber');
    } catch (error) {
      for (const v of (error as InputError).violations) violations.add(v.field, v.code, v.message);
    }
    if (documentType === DocumentType.SELFIE && documentSide !== DocumentSide.FRONT) {
      violations.add('documentSide', OnboardingError.INVALID_DOCUMENT_SIDE, 'a SELFIE has only a FRONT side');
    }
    violations.throwIfAny();
    if (!isFileUpload(image)) {
      throw new GatewayError(
        OnboardingError.UPLOAD_REQUIRED,
        'Send the image as a file of a multipart request (GraphQL multipart request spec); ' + 'a JSON or WebSocket operation cannot carry one.',
        { fields: [{ field: 'image', code: OnboardingError.UPLOAD_REQUIRED, message: 'must be a file upload' }] },
      );
    }
    if (documentType !== DocumentType.SELFIE) await this.assertSelfieApproved(documentNumber);

    const file = await image;
    const bytes = await readLimited(file.createReadStream(), this.config.documents.maxBytes);
    const checked = checkImage(bytes, this.config.documents.maxDecodedBytes);

    const token = randomBytes(16).toString('hex');
    const storageKey = `${documentNumber}/${token}.${checked.contentType === 'image/png' ? 'png' : 'jpg'}`;
    await this.storage.put(storageKey, bytes, checked.contentType);
    try {
      const now = new Date();
      const { analysis, event } = await this.dataSource.transaction(async (manager) => {
        const analysis = await manager.save(
          manager.create(DocumentAnalysis, {
            token,
            documentNumber,
            documentType,
            documentSide,
            status: DocumentAnalysisStatus.ANALYZING,
            reasons: null,
            storageKey,
            contentType: checked.contentType,
            byteSize: bytes.length,
            width: checked.width,
            height: checked.height,
            submittedBy,
            correlationId: randomUUID(),
            stage: DocumentAnalysisStage.ANALYZE_DOCUMENT,
            runAt: new Date(now.getTime() + this.config.documents.analysisDelayMs),
            version: 0,
            attempts: 0,
            lastError: null,
          }),
        );
        const event = await appendEvent(
          manager,
          documentEventOwner(analysis),
          CustomerEventName.DOCUMENT_WAS_RECEIVED,
          documentEventData(analysis, false),
          now,
        );
        return { analysis, event };
      });
      publishEvents(this.pubSub, [event]);
      return analysis;
    } catch (error) {
      // Nothing half-written: the object goes when its row could not be written.
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** ID photos come after the selfie: the CPF needs a SELFIE analysis that completed. */
  private async assertSelfieApproved(documentNumber: string): Promise<void> {
    const selfie = await this.dataSource.getRepository(DocumentAnalysis).existsBy({
      documentNumber,
      documentType: DocumentType.SELFIE,
      status: DocumentAnalysisStatus.ANALYSIS_COMPLETED,
    });
    if (!selfie) {
      throw new BusinessRuleError(
        OnboardingError.SELFIE_REQUIRED_FIRST,
        'Submit a selfie first: ID photos are accepted once a SELFIE analysis of this CPF is ANALYSIS_COMPLETED.',
      );
    }
  }
}

/** Analyses not finished yet: the document_analysis_queue_depth gauge. */
export function documentAnalysisQueueDepth(dataSource: DataSource): Promise<number> {
  return dataSource.getRepository(DocumentAnalysis).countBy({ stage: Not(DocumentAnalysisStage.DONE) });
}
