import { registerEnumType } from 'type-graphql';

/** Bankly's document analysis (`POST /document-analysis/{cpf}/deepface`, FACTS.md "Documents"). */
export enum DocumentType {
  SELFIE = 'SELFIE',
  RG = 'RG',
  CNH = 'CNH',
}
registerEnumType(DocumentType, { name: 'DocumentType', description: "SELFIE (a photo of the customer's face), RG (identity card) or CNH (driving licence)." });

export enum DocumentSide {
  FRONT = 'FRONT',
  BACK = 'BACK',
}
registerEnumType(DocumentSide, { name: 'DocumentSide', description: 'Side of an ID document; a SELFIE is always FRONT.' });

export enum DocumentAnalysisStatus {
  ANALYZING = 'ANALYZING',
  ANALYSIS_COMPLETED = 'ANALYSIS_COMPLETED',
  UNEXPECTED_ERROR = 'UNEXPECTED_ERROR',
  FORBIDDEN_WORD = 'FORBIDDEN_WORD',
  DATA_RECUSED = 'DATA_RECUSED',
  PHOTO_RECUSED = 'PHOTO_RECUSED',
}
registerEnumType(DocumentAnalysisStatus, {
  name: 'DocumentAnalysisStatus',
  description:
    "Where a document analysis stands (the provider's statuses; the rules deciding them are this gateway's own, deterministic ones: see the README).",
  valuesConfig: {
    ANALYZING: { description: 'Received; the analysis has not finished yet.' },
    ANALYSIS_COMPLETED: { description: 'Accepted: the token may be used in registerCustomer.' },
    UNEXPECTED_ERROR: { description: 'The stored image could not be decoded or read (after several attempts).' },
    FORBIDDEN_WORD: { description: 'Provider status kept for compatibility; our rules never produce it.' },
    DATA_RECUSED: { description: "The document's data was refused (reason DATA_MISMATCH; sandbox CPFs)." },
    PHOTO_RECUSED: { description: 'The photo was refused (reasons IMAGE_TOO_SMALL: under 320×320 px; FLAT_IMAGE: one flat colour).' },
  },
});

/** Final statuses: nothing changes after one of these. */
export const FINAL_DOCUMENT_STATUSES: ReadonlySet<DocumentAnalysisStatus> = new Set(
  Object.values(DocumentAnalysisStatus).filter((status) => status !== DocumentAnalysisStatus.ANALYZING),
);

/** Our own refusal reasons (the provider does not publish its list). */
export const DOCUMENT_REASONS = {
  IMAGE_TOO_SMALL: 'IMAGE_TOO_SMALL',
  FLAT_IMAGE: 'FLAT_IMAGE',
  DATA_MISMATCH: 'DATA_MISMATCH',
  UNDECODABLE_IMAGE: 'UNDECODABLE_IMAGE',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
} as const;

/** The durable analysis job's next step. */
export enum DocumentAnalysisStage {
  ANALYZE_DOCUMENT = 'ANALYZE_DOCUMENT',
  DONE = 'DONE',
}
