import { DataSource, In } from 'typeorm';
import { CustomerEventName } from '../onboarding.enums';
import { CustomerEvent } from '../registration.entities';
import { Config } from '../../../platform/config';
import { Violations } from '../../../platform/errors';
import { DocumentAnalysis } from './document-analysis.entity';
import { DocumentAnalysisStatus, DocumentSide, DocumentType } from './document.enums';
import { OnboardingError } from '../onboarding.errors';

type Slot = 'selfie' | 'idCardFront' | 'idCardBack';

/**
 * The document prerequisite of registerCustomer: `selfie` a SELFIE analysis,
 * `idCardFront` an RG or CNH FRONT, `idCardBack` a BACK of the same document
 * type as the front, all of this CPF and ANALYSIS_COMPLETED. Every failing
 * field is reported at once (DOCUMENT_NOT_FOUND — an unknown token and another
 * CPF's look the same —, DOCUMENT_MISMATCH, DOCUMENT_NOT_APPROVED).
 * Documents are their submitter's: for a partner (`submittedBy`) another
 * partner's analysis is DOCUMENT_NOT_FOUND too, and so, after a cancellation
 * (`afterSequence`: the CPF's history then), is one received before it.
 * With ACCEPT_UNVERIFIED_DOCUMENTS (development) any well-formed token passes.
 */
export async function assertRegistrationDocuments(
  dataSource: DataSource,
  config: Config,
  documentNumber: string,
  documentation: Record<Slot, string>,
  usable: { submittedBy?: string; afterSequence?: number } = {},
): Promise<void> {
  if (config.documents.acceptUnverified) return;
  const tokens = Object.values(documentation).map((token) => token.toLowerCase());
  let found = await dataSource.getRepository(DocumentAnalysis).findBy({ documentNumber, token: In(tokens) });
  if (usable.submittedBy !== undefined) found = found.filter((analysis) => analysis.submittedBy === usable.submittedBy);
  if (usable.afterSequence !== undefined && found.length) {
    const received = await dataSource.getRepository(CustomerEvent).findBy({
      correlationId: In(found.map((analysis) => analysis.correlationId)),
      name: CustomerEventName.DOCUMENT_WAS_RECEIVED,
    });
    const later = new Set(received.filter((event) => event.sequence > usable.afterSequence!).map((event) => event.correlationId));
    found = found.filter((analysis) => later.has(analysis.correlationId));
  }
  const byToken = new Map(found.map((analysis) => [analysis.token, analysis]));
  const analysisOf = (slot: Slot) => byToken.get(documentation[slot].toLowerCase());
  const front = analysisOf('idCardFront');

  const fits: Record<Slot, (analysis: DocumentAnalysis) => string | null> = {
    selfie: (a) => (a.documentType === DocumentType.SELFIE ? null : 'must be a SELFIE analysis'),
    idCardFront: (a) => (a.documentType !== DocumentType.SELFIE && a.documentSide === DocumentSide.FRONT ? null : 'must be the FRONT of an RG or CNH'),
    idCardBack: (a) =>
      a.documentType === DocumentType.SELFIE || a.documentSide !== DocumentSide.BACK
        ? 'must be the BACK of an RG or CNH'
        : front && front.documentType !== DocumentType.SELFIE && front.documentType !== a.documentType
          ? `must be the back of the same document type as the front (${front.documentType})`
          : null,
  };

  const violations = new Violations();
  for (const slot of ['selfie', 'idCardFront', 'idCardBack'] as const) {
    const field = `input.documentation.${slot}`;
    const analysis = analysisOf(slot);
    if (!analysis) {
      violations.add(field, OnboardingError.DOCUMENT_NOT_FOUND, 'no document analysis of this CPF that the caller may use has this token');
      continue;
    }
    const mismatch = fits[slot](analysis);
    if (mismatch) violations.add(field, OnboardingError.DOCUMENT_MISMATCH, mismatch);
    else if (analysis.status !== DocumentAnalysisStatus.ANALYSIS_COMPLETED) {
      violations.add(field, OnboardingError.DOCUMENT_NOT_APPROVED, `the analysis is ${analysis.status}, not ANALYSIS_COMPLETED`);
    }
  }
  violations.throwIfAny();
}
