/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddressInput = {
  /** Street, avenue… (max 256). */
  addressLine: string;
  /** Up to 10 characters; S/N when there is no number. */
  buildingNumber: string;
  /** City (max 256); avoid accents and special characters. */
  city: string;
  /** e.g. Apto 123, Casa B (max 256). */
  complement?: string | null | undefined;
  /** Country, ISO 3166: BR. */
  country: string;
  /** Neighbourhood or district (max 256). */
  neighborhood: string;
  /** UF, ISO 3166-2:BR, e.g. SP. */
  state: string;
  /** CEP, 8 digits. */
  zipCode: string;
};

export type AssertedIncomeInput = {
  /** ISO-4217 currency; BRL by default. */
  currency?: string | null | undefined;
  /** From 0.00 to 99999999999999.99, at most two decimals (a string keeps every digit). */
  value: string | number;
};

/** HOLDER_REQUEST: the account holder asked for it; COMMERCIAL_DISAGREEMENT: the institution ends the relationship. */
export type CancelReason =
  | 'COMMERCIAL_DISAGREEMENT'
  | 'HOLDER_REQUEST';

export type ConsentFilter = {
  cnpj?: string | null | undefined;
  cpf?: string | null | undefined;
  /** Data receiver (token subject). */
  receiver?: string | null | undefined;
  status?: ConsentStatus | null | undefined;
};

/** Consents API v2: USER (the customer), ASPSP (this bank, the data holder), TPP (the data receiver). */
export type ConsentRejectedBy =
  | 'ASPSP'
  | 'TPP'
  | 'USER';

/** Consents API v2 rejection reason code. */
export type ConsentRejectionReason =
  | 'CONSENT_EXPIRED'
  | 'CONSENT_MAX_DATE_REACHED'
  | 'CONSENT_TECHNICAL_ISSUE'
  | 'CUSTOMER_MANUALLY_REJECTED'
  | 'CUSTOMER_MANUALLY_REVOKED'
  | 'INTERNAL_SECURITY_REASON';

/** Consents API v2 status. */
export type ConsentStatus =
  | 'AUTHORISED'
  | 'AWAITING_AUTHORISATION'
  | 'REJECTED';

export type CreateConsentInput = {
  /** The company (exactly one of cpf and cnpj). */
  cnpj?: string | null | undefined;
  /** The natural person (exactly one of cpf and cnpj). */
  cpf?: string | null | undefined;
  /** In the future, at most 12 months ahead. */
  expirationDateTime: string;
  /** Customers API permissions: CUSTOMERS_PERSONAL_* for a cpf, CUSTOMERS_BUSINESS_* for a cnpj, RESOURCES_READ. */
  permissions: Array<string>;
  /** The data receiver: the `sub` of the tokens that will carry this consent. */
  receiver: string;
};

/** Onboarding events (Bankly webhooks): CUSTOMER_* of context `Customer`, ACCOUNT_* of context `Account`, DOCUMENT_* of context `Document`. */
export type CustomerEventName =
  | 'ACCOUNT_WAS_CREATED'
  | 'CUSTOMER_IN_ANALYSIS'
  | 'CUSTOMER_IN_MANUAL_REVIEW'
  | 'CUSTOMER_WAS_APPROVED'
  | 'CUSTOMER_WAS_CANCELED'
  | 'CUSTOMER_WAS_RECEIVED'
  | 'CUSTOMER_WAS_REPROVED'
  | 'CUSTOMER_WAS_UPDATED'
  | 'DOCUMENT_WAS_PROCESSED'
  | 'DOCUMENT_WAS_RECEIVED';

export type CustomerFilter = {
  /** Part of the civil/social name (personal) or company/trade name (business). */
  name?: string | null | undefined;
  /** A product or service the customer holds. */
  productServiceType?: EnumProductServiceType | null | undefined;
  /** UF of any of the customer's postal addresses. */
  state?: EnumCountrySubDivision | null | undefined;
  /** Identification updated at or after this instant. */
  updatedFrom?: string | null | undefined;
  /** Identification updated at or before this instant. */
  updatedTo?: string | null | undefined;
};

/** Declared income band (deprecated by Bankly since 2023-11-27). */
export type DeclaredIncome =
  | 'FROM_FIVE_THOUSAND_TO_TEN_THOUSAND'
  | 'FROM_ONE_THOUSAND_TO_TWO_THOUSAND'
  | 'FROM_TEN_THOUSAND_TO_TWENTY_THOUSAND'
  | 'FROM_THREE_THOUSAND_TO_FIVE_THOUSAND'
  | 'FROM_TWO_THOUSAND_TO_THREE_THOUSAND'
  | 'LESS_THAN_ONE_THOUSAND'
  | 'OVER_TWENTY_THOUSAND';

/** Where a document analysis stands (the provider's statuses; the rules deciding them are this gateway's own, deterministic ones: see the README). */
export type DocumentAnalysisStatus =
  /** Accepted: the token may be used in registerCustomer. */
  | 'ANALYSIS_COMPLETED'
  /** Received; the analysis has not finished yet. */
  | 'ANALYZING'
  /** The document's data was refused (reason DATA_MISMATCH; sandbox CPFs). */
  | 'DATA_RECUSED'
  /** Provider status kept for compatibility; our rules never produce it. */
  | 'FORBIDDEN_WORD'
  /** The photo was refused (reasons IMAGE_TOO_SMALL: under 320×320 px; FLAT_IMAGE: one flat colour). */
  | 'PHOTO_RECUSED'
  /** The stored image could not be decoded or read (after several attempts). */
  | 'UNEXPECTED_ERROR';

/** Side of an ID document; a SELFIE is always FRONT. */
export type DocumentSide =
  | 'BACK'
  | 'FRONT';

/** SELFIE (a photo of the customer's face), RG (identity card) or CNH (driving licence). */
export type DocumentType =
  | 'CNH'
  | 'RG'
  | 'SELFIE';

/** Tokens returned by the document analysis of the selfie and both sides of the ID card. */
export type DocumentationInput = {
  idCardBack: string;
  idCardFront: string;
  selfie: string;
};

/** Subtipo de conta (pessoa natural). */
export type EnumAccountSubType =
  | 'CONJUNTA_SIMPLES'
  | 'CONJUNTA_SOLIDARIA'
  | 'INDIVIDUAL'
  | 'SEM_SUB_TIPO_CONTA';

/** Tipo de conta. */
export type EnumAccountType =
  | 'CONTA_DEPOSITO_A_VISTA'
  | 'CONTA_PAGAMENTO_PRE_PAGA'
  | 'CONTA_POUPANCA'
  | 'SEM_TIPO_CONTA';

/** Unidade da Federação (ISO 3166-2:BR), ou NA. */
export type EnumCountrySubDivision =
  | 'AC'
  | 'AL'
  | 'AM'
  | 'AP'
  | 'BA'
  | 'CE'
  | 'DF'
  | 'ES'
  | 'GO'
  | 'MA'
  | 'MG'
  | 'MS'
  | 'MT'
  | 'NA'
  | 'PA'
  | 'PB'
  | 'PE'
  | 'PI'
  | 'PR'
  | 'RJ'
  | 'RN'
  | 'RO'
  | 'RR'
  | 'RS'
  | 'SC'
  | 'SE'
  | 'SP'
  | 'TO';

/** Tipo de telefone. */
export type EnumCustomerPhoneType =
  | 'FIXO'
  | 'MOVEL'
  | 'OUTRO';

/** Tipo de filiação. */
export type EnumFiliationType =
  | 'MAE'
  | 'PAI'
  | 'SEM_FILIACAO';

/** Frequência da renda informada. */
export type EnumInformedIncomeFrequency =
  | 'ANUAL'
  | 'BIMESTRAL'
  | 'DIARIA'
  | 'MENSAL'
  | 'OUTROS'
  | 'QUINZENAL'
  | 'SEMANAL'
  | 'SEMESTRAL'
  | 'SEM_FREQUENCIA_RENDA_INFORMADA'
  | 'TRIMESTRAL';

/** Frequência do faturamento informado. */
export type EnumInformedRevenueFrequency =
  | 'ANUAL'
  | 'BIMESTRAL'
  | 'DIARIA'
  | 'MENSAL'
  | 'OUTROS'
  | 'QUINZENAL'
  | 'SEMANAL'
  | 'SEMESTRAL'
  | 'SEM_FREQUENCIA_FATURAMENTO_INFORMADO'
  | 'TRIMESTRAL';

/** Estado civil (maritalStatusCode). */
export type EnumMaritalStatusCode =
  | 'CASADO'
  | 'DIVORCIADO'
  | 'OUTRO'
  | 'SEPARADO_JUDICIALMENTE'
  | 'SOLTEIRO'
  | 'UNIAO_ESTAVEL'
  | 'VIUVO';

/** Lista de códigos a que occupationDescription se refere. */
export type EnumOccupationMainCodeType =
  | 'CBO'
  | 'OUTRO'
  | 'RECEITA_FEDERAL';

/** Tipo de documento da parte. */
export type EnumPartiesParticipationDocumentType =
  | 'CNPJ'
  | 'CPF'
  | 'OUTRO_DOCUMENTO_VIAGEM'
  | 'PASSAPORTE';

/** Natureza da parte (pessoa natural ou jurídica). */
export type EnumPartiesPersonType =
  | 'PESSOA_JURIDICA'
  | 'PESSOA_NATURAL';

/** Tipo de parte. */
export type EnumPartiesType =
  | 'ADMINISTRADOR'
  | 'SOCIO';

/** Tipo de outro documento de identificação (pessoa natural). */
export type EnumPersonalOtherDocumentType =
  | 'CNH'
  | 'NIF'
  | 'OUTROS'
  | 'RG'
  | 'RNE'
  | 'SEM_OUTROS_DOCUMENTOS';

/** Tipo de representante (pessoa jurídica). */
export type EnumProcuratorsTypeBusiness =
  | 'NAO_POSSUI'
  | 'PROCURADOR'
  | 'REPRESENTANTE_LEGAL';

/** Tipo de representante (pessoa natural). */
export type EnumProcuratorsTypePersonal =
  | 'NAO_APLICA'
  | 'PROCURADOR'
  | 'REPRESENTANTE_LEGAL';

/** Produto ou serviço com contrato vigente. */
export type EnumProductServiceType =
  | 'CARTAO_CREDITO'
  | 'CONTA_DEPOSITO_A_VISTA'
  | 'CONTA_PAGAMENTO_PRE_PAGA'
  | 'CONTA_POUPANCA'
  | 'CONTA_SALARIO'
  | 'CREDENCIAMENTO'
  | 'INVESTIMENTO'
  | 'OPERACAO_CREDITO'
  | 'OPERACOES_CAMBIO'
  | 'OUTROS'
  | 'PREVIDENCIA'
  | 'SEGURO';

/** Sexo. */
export type EnumSex =
  | 'FEMININO'
  | 'MASCULINO'
  | 'NAO_DISPONIVEL'
  | 'OUTRO';

/** APPROVE: a proposal a second analyst confirms (confirmManualReview); KEEP_REPROVED: final at once. */
export type ManualReviewDecision =
  | 'APPROVE'
  | 'KEEP_REPROVED';

export type ManualReviewFilter = {
  /** Claimed by this analyst (token subject). */
  assignedTo?: string | null | undefined;
  /** true: OPEN and past dueAt; false: the others. */
  overdue?: boolean | null | undefined;
  status?: ManualReviewStatus | null | undefined;
};

/** OPEN: waiting for an analyst, a decision or (APPROVE) its confirmation; DECIDED: final. */
export type ManualReviewStatus =
  | 'DECIDED'
  | 'OPEN';

export type PepInput = {
  level: PepLevel;
};

/** Political exposure (Circular 3.978): NONE, SELF (is a PEP), RELATED (family, partner or close collaborator of a PEP). */
export type PepLevel =
  | 'NONE'
  | 'RELATED'
  | 'SELF';

/** Mobile phone able to receive SMS. */
export type PhoneInput = {
  /** Country calling code (DDI), digits only, e.g. 55. Blocked countries are refused. */
  countryCode: string;
  /** Number with area code (DDD), digits only, e.g. 11987654321. */
  number: string;
};

export type RegisterCustomerInput = {
  address: AddressInput;
  assertedIncome: AssertedIncomeInput;
  /** YYYY-MM-DD; the customer must be at least 18. */
  birthDate: string;
  /** @deprecated Obsolete since 2023-11-27: send assertedIncome. */
  declaredIncome?: DeclaredIncome | null | undefined;
  documentation: DocumentationInput;
  /** E-mail; one address cannot be used by two customers. */
  email: string;
  /** Mother's full name as on the ID document. */
  motherName: string;
  /** Occupation code, OCP followed by four digits (main source of income). */
  occupation: string;
  pep: PepInput;
  phone: PhoneInput;
  /** Full name as on the ID document, without abbreviations. */
  registerName: string;
  /** Name the person wishes to be called by. */
  socialName?: string | null | undefined;
};

/** Status of a customer registration (Bankly). IN_MANUAL_REVIEW is ours: a reprovation under the analysts' manual review (requestManualReview). */
export type RegistrationStatus =
  | 'APPROVED'
  | 'BLACKLISTED'
  | 'CANCELED'
  /** Ours, not Bankly's: a reprovation under manual review; registerCustomer answers CUSTOMER_AWAIT_EVALUATION meanwhile. */
  | 'IN_MANUAL_REVIEW'
  | 'PENDING_APPROVAL'
  | 'REPROVED';

/** The fields updateCustomer may change (Bankly PATCH /customers/{documentNumber}); each is optional, at least one is required, each is checked as registerCustomer checks it. */
export type UpdateCustomerInput = {
  /** New address (the whole address). */
  address?: AddressInput | null | undefined;
  assertedIncome?: AssertedIncomeInput | null | undefined;
  /** New e-mail; must not be in use by another customer. */
  email?: string | null | undefined;
  /** Occupation code, OCP followed by four digits. */
  occupation?: string | null | undefined;
  pep?: PepInput | null | undefined;
  /** New mobile phone; must not be in use by another customer. */
  phone?: PhoneInput | null | undefined;
  /** New social name; blank removes it. */
  socialName?: string | null | undefined;
};

export type AuthoriseConsentMutationVariables = Exact<{
  consentId: string;
}>;


export type AuthoriseConsentMutation = { authoriseConsent: { consentId: string, status: ConsentStatus, statusUpdateDateTime: string } };

export type BusinessCustomerQueryVariables = Exact<{
  cnpjNumber: string;
}>;


export type BusinessCustomerQuery = { businessCustomer: { cnpjNumber: string, identifications: Array<{ updateDateTime: string, businessId: string, brandName: string, companyName: string, tradeName: string, incorporationDate: string, cnpjNumber: string, companyCnpjNumber: Array<string>, otherDocuments: Array<{ type: string | null, number: string, country: string, expirationDate: string }> | null, parties: Array<{ personType: EnumPartiesPersonType, type: EnumPartiesType, civilName: string, socialName: string, companyName: string, tradeName: string | null, startDate: string, shareholding: string, documentType: EnumPartiesParticipationDocumentType, documentNumber: string, documentAdditionalInfo: string | null, documentCountry: string, documentExpirationDate: string, documentIssueDate: string | null }>, contacts: { postalAddresses: Array<{ isMain: boolean, address: string, additionalInfo: string | null, districtName: string, townName: string, ibgeTownCode: string | null, countrySubDivision: EnumCountrySubDivision, postCode: string, country: string, countryCode: string | null, geographicCoordinates: { latitude: string | null, longitude: string | null } | null }>, phones: Array<{ isMain: boolean, type: EnumCustomerPhoneType, additionalInfo: string | null, countryCallingCode: string, areaCode: string, number: string, phoneExtension: string }>, emails: Array<{ isMain: boolean, email: string }> } }> | null, qualifications: Array<{ updateDateTime: string, economicActivities: Array<{ code: number, isMain: boolean }>, informedRevenue: { frequency: EnumInformedRevenueFrequency, frequencyAdditionalInfo: string | null, amount: number, currency: string, year: number | null }, informedPatrimony: { amount: number, currency: string, date: string } }> | null, financialRelations: Array<{ updateDateTime: string, startDate: string, productsServicesType: Array<EnumProductServiceType>, procurators: Array<{ type: EnumProcuratorsTypeBusiness, cnpjCpfNumber: string, civilName: string, socialName: string }>, accounts: Array<{ compeCode: string, branchCode: string, number: string, checkDigit: string, type: EnumAccountType }> }> | null } | null };

export type CancelCustomerMutationVariables = Exact<{
  documentNumber: string;
  reason: CancelReason;
}>;


export type CancelCustomerMutation = { cancelCustomer: { documentNumber: string, status: RegistrationStatus, updatedAt: string } };

export type ClaimManualReviewMutationVariables = Exact<{
  documentNumber: string;
}>;


export type ClaimManualReviewMutation = { claimManualReview: { documentNumber: string, status: ManualReviewStatus, claimedBy: string | null, claimedAt: string | null, dueAt: string } };

export type ConfirmManualReviewMutationVariables = Exact<{
  documentNumber: string;
}>;


export type ConfirmManualReviewMutation = { confirmManualReview: { documentNumber: string, status: ManualReviewStatus, decision: ManualReviewDecision | null, confirmedBy: string | null, closedAt: string | null, registration: { status: RegistrationStatus, decidedAt: string | null } | null } };

export type ConsentsQueryVariables = Exact<{
  filter?: ConsentFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type ConsentsQuery = { consents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { consentId: string, status: ConsentStatus, cpf: string | null, cnpj: string | null, receiver: string, permissions: Array<string>, expirationDateTime: string, rejectionReason: ConsentRejectionReason | null } }> } };

export type CreateConsentMutationVariables = Exact<{
  input: CreateConsentInput;
}>;


export type CreateConsentMutation = { createConsent: { consentId: string, status: ConsentStatus, cpf: string | null, cnpj: string | null, permissions: Array<string>, receiver: string, creationDateTime: string, expirationDateTime: string } };

export type CustomerEvaluationSubscriptionVariables = Exact<{
  documentNumber: string;
}>;


export type CustomerEvaluationSubscription = { customerEvaluation: { sequence: number, name: CustomerEventName, context: string, entityId: string, idempotencyKey: string, correlationId: string, timestamp: string, version: number, status: RegistrationStatus | null, data: Record<string, unknown> } };

export type CustomerRegistrationQueryVariables = Exact<{
  documentNumber: string;
}>;


export type CustomerRegistrationQuery = { customerRegistration: { documentNumber: string, status: RegistrationStatus, createdAt: string, updatedAt: string, decidedAt: string | null, reasons: Array<string> | null, events: Array<{ sequence: number, name: CustomerEventName, timestamp: string, status: RegistrationStatus | null, data: Record<string, unknown> }> } | null };

export type DecideManualReviewMutationVariables = Exact<{
  documentNumber: string;
  decision: ManualReviewDecision;
  justification: string;
}>;


export type DecideManualReviewMutation = { decideManualReview: { documentNumber: string, status: ManualReviewStatus, decision: ManualReviewDecision | null, justification: string | null, decidedAt: string | null, closedAt: string | null } };

export type DocumentAnalysisQueryVariables = Exact<{
  documentNumber: string;
  token: string;
}>;


export type DocumentAnalysisQuery = { documentAnalysis: { token: string, status: DocumentAnalysisStatus, documentType: DocumentType, documentSide: DocumentSide, reasons: Array<string> | null, updatedAt: string } | null };

export type FollowDocumentAnalysisSubscriptionVariables = Exact<{
  documentNumber: string;
  token: string;
}>;


export type FollowDocumentAnalysisSubscription = { documentAnalysis: { token: string, status: DocumentAnalysisStatus, reasons: Array<string> | null } };

export type ManualReviewsQueryVariables = Exact<{
  filter?: ManualReviewFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type ManualReviewsQuery = { manualReviews: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { documentNumber: string, status: ManualReviewStatus, reason: string, requestedAt: string, dueAt: string, claimedBy: string | null, decision: ManualReviewDecision | null, confirmedBy: string | null, reprovationReasons: Array<string> | null, registration: { registerName: string, birthDate: string, status: RegistrationStatus, reasons: Array<string> | null, decidedAt: string | null } | null, documentAnalyses: Array<{ token: string, documentType: DocumentType, documentSide: DocumentSide, status: DocumentAnalysisStatus, reasons: Array<string> | null }> | null, events: Array<{ sequence: number, name: CustomerEventName, status: RegistrationStatus | null, timestamp: string }> | null } }> } };

export type MyDataAccessesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MyDataAccessesQuery = { myConsents: { edges: Array<{ node: { consentId: string, receiver: string, status: ConsentStatus, permissions: Array<string>, expirationDateTime: string } }> }, myDataAccesses: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { at: string, action: string, receiver: string, blocks: Array<string>, interactionId: string, operationName: string | null } }> } };

export type PersonalCustomerQueryVariables = Exact<{
  cpfNumber: string;
}>;


export type PersonalCustomerQuery = { personalCustomer: { cpfNumber: string, identifications: Array<{ updateDateTime: string, personalId: string, brandName: string, civilName: string, socialName: string, birthDate: string, maritalStatusCode: EnumMaritalStatusCode, maritalStatusAdditionalInfo: string | null, sex: EnumSex, companyCnpj: Array<string>, hasBrazilianNationality: boolean, documents: { cpfNumber: string, passportNumber: string, passportCountry: string, passportExpirationDate: string, passportIssueDate: string | null }, otherDocuments: Array<{ type: EnumPersonalOtherDocumentType, typeAdditionalInfo: string, number: string, checkDigit: string, additionalInfo: string | null, expirationDate: string }>, nationality: Array<{ otherNationalitiesInfo: string, documents: Array<{ type: string, number: string, expirationDate: string, issueDate: string, country: string | null, typeAdditionalInfo: string | null }> }>, filiation: Array<{ type: EnumFiliationType, civilName: string, socialName: string | null }>, contacts: { postalAddresses: Array<{ isMain: boolean, address: string, additionalInfo: string | null, districtName: string, townName: string, ibgeTownCode: string | null, countrySubDivision: EnumCountrySubDivision, postCode: string, country: string, countryCode: string | null, geographicCoordinates: { latitude: string | null, longitude: string | null } | null }>, phones: Array<{ isMain: boolean, type: EnumCustomerPhoneType, additionalInfo: string | null, countryCallingCode: string, areaCode: string, number: string, phoneExtension: string }>, emails: Array<{ isMain: boolean, email: string }> } }> | null, qualifications: Array<{ updateDateTime: string, companyCnpj: string, occupationCode: EnumOccupationMainCodeType, occupationDescription: string, informedIncome: { frequency: EnumInformedIncomeFrequency, amount: number, currency: string, date: string }, informedPatrimony: { amount: number, currency: string, year: number } }> | null, financialRelations: Array<{ updateDateTime: string, startDate: string, productsServicesType: Array<EnumProductServiceType>, productsServicesTypeAdditionalInfo: string | null, procurators: Array<{ type: EnumProcuratorsTypePersonal, cpfNumber: string, civilName: string, socialName: string }>, accounts: Array<{ compeCode: string, branchCode: string, number: string, checkDigit: string, type: EnumAccountType, subtype: EnumAccountSubType }> }> | null } | null };

export type PersonalCustomersPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: CustomerFilter | null | undefined;
}>;


export type PersonalCustomersPageQuery = { personalCustomers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { cpfNumber: string, identifications: Array<{ civilName: string, socialName: string, birthDate: string, contacts: { postalAddresses: Array<{ townName: string, countrySubDivision: EnumCountrySubDivision }> } }> | null, qualifications: Array<{ informedIncome: { amount: number, currency: string, frequency: EnumInformedIncomeFrequency } }> | null, financialRelations: Array<{ productsServicesType: Array<EnumProductServiceType>, accounts: Array<{ compeCode: string, branchCode: string, number: string, checkDigit: string, type: EnumAccountType, subtype: EnumAccountSubType }> }> | null } }> } };

export type RegisterCustomerMutationVariables = Exact<{
  documentNumber: string;
  input: RegisterCustomerInput;
}>;


export type RegisterCustomerMutation = { registerCustomer: { documentNumber: string, status: RegistrationStatus, createdAt: string } };

export type RequestManualReviewMutationVariables = Exact<{
  documentNumber: string;
  reason: string;
}>;


export type RequestManualReviewMutation = { requestManualReview: { documentNumber: string, status: ManualReviewStatus, requestedAt: string, dueAt: string } };

export type ResumeCustomerEvaluationSubscriptionVariables = Exact<{
  documentNumber: string;
  afterSequence: number;
}>;


export type ResumeCustomerEvaluationSubscription = { customerEvaluation: { sequence: number, name: CustomerEventName, context: string, status: RegistrationStatus | null, timestamp: string, idempotencyKey: string, data: Record<string, unknown> } };

export type RevokeConsentMutationVariables = Exact<{
  consentId: string;
  reason: ConsentRejectionReason;
}>;


export type RevokeConsentMutation = { revokeConsent: { consentId: string, status: ConsentStatus, rejectionReason: ConsentRejectionReason | null, rejectedBy: ConsentRejectedBy | null, statusUpdateDateTime: string } };

export type SubmitDocumentMutationVariables = Exact<{
  documentNumber: string;
  documentType: DocumentType;
  documentSide: DocumentSide;
  image: Blob;
}>;


export type SubmitDocumentMutation = { submitDocument: { token: string, status: DocumentAnalysisStatus, documentType: DocumentType, documentSide: DocumentSide, createdAt: string } };

export type UpdateCustomerMutationVariables = Exact<{
  documentNumber: string;
  input: UpdateCustomerInput;
}>;


export type UpdateCustomerMutation = { updateCustomer: { documentNumber: string, status: RegistrationStatus, email: string, updatedAt: string } };


export const AuthoriseConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AuthoriseConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authoriseConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"consentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusUpdateDateTime"}}]}}]}}]} as unknown as DocumentNode<AuthoriseConsentMutation, AuthoriseConsentMutationVariables>;
export const BusinessCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusinessCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cnpjNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"businessCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cnpjNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cnpjNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"businessId"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"tradeName"}},{"kind":"Field","name":{"kind":"Name","value":"incorporationDate"}},{"kind":"Field","name":{"kind":"Name","value":"cnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"otherDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personType"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"tradeName"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"shareholding"}},{"kind":"Field","name":{"kind":"Name","value":"documentType"}},{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"documentAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"documentCountry"}},{"kind":"Field","name":{"kind":"Name","value":"documentExpirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"documentIssueDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"districtName"}},{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"ibgeTownCode"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}},{"kind":"Field","name":{"kind":"Name","value":"postCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"geographicCoordinates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"countryCallingCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"phoneExtension"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"economicActivities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"isMain"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedPatrimony"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"procurators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cnpjCpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BusinessCustomerQuery, BusinessCustomerQueryVariables>;
export const CancelCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelReason"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<CancelCustomerMutation, CancelCustomerMutationVariables>;
export const ClaimManualReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimManualReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimManualReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"claimedBy"}},{"kind":"Field","name":{"kind":"Name","value":"claimedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]} as unknown as DocumentNode<ClaimManualReviewMutation, ClaimManualReviewMutationVariables>;
export const ConfirmManualReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmManualReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmManualReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedBy"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmManualReviewMutation, ConfirmManualReviewMutationVariables>;
export const ConsentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Consents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cpf"}},{"kind":"Field","name":{"kind":"Name","value":"cnpj"}},{"kind":"Field","name":{"kind":"Name","value":"receiver"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsentsQuery, ConsentsQueryVariables>;
export const CreateConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cpf"}},{"kind":"Field","name":{"kind":"Name","value":"cnpj"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"receiver"}},{"kind":"Field","name":{"kind":"Name","value":"creationDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDateTime"}}]}}]}}]} as unknown as DocumentNode<CreateConsentMutation, CreateConsentMutationVariables>;
export const CustomerEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CustomerEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<CustomerEvaluationSubscription, CustomerEvaluationSubscriptionVariables>;
export const CustomerRegistrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerRegistration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerRegistration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerRegistrationQuery, CustomerRegistrationQueryVariables>;
export const DecideManualReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecideManualReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"decision"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ManualReviewDecision"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"justification"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideManualReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"decision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"decision"}}},{"kind":"Argument","name":{"kind":"Name","value":"justification"},"value":{"kind":"Variable","name":{"kind":"Name","value":"justification"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"justification"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}}]} as unknown as DocumentNode<DecideManualReviewMutation, DecideManualReviewMutationVariables>;
export const DocumentAnalysisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DocumentAnalysis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentAnalysis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"documentType"}},{"kind":"Field","name":{"kind":"Name","value":"documentSide"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<DocumentAnalysisQuery, DocumentAnalysisQueryVariables>;
export const FollowDocumentAnalysisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FollowDocumentAnalysis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentAnalysis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<FollowDocumentAnalysisSubscription, FollowDocumentAnalysisSubscriptionVariables>;
export const ManualReviewsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManualReviews"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ManualReviewFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"manualReviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"claimedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reprovationReasons"}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"documentAnalyses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"documentType"}},{"kind":"Field","name":{"kind":"Name","value":"documentSide"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManualReviewsQuery, ManualReviewsQueryVariables>;
export const MyDataAccessesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDataAccesses"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myConsents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consentId"}},{"kind":"Field","name":{"kind":"Name","value":"receiver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDateTime"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myDataAccesses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"receiver"}},{"kind":"Field","name":{"kind":"Name","value":"blocks"}},{"kind":"Field","name":{"kind":"Name","value":"interactionId"}},{"kind":"Field","name":{"kind":"Name","value":"operationName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDataAccessesQuery, MyDataAccessesQueryVariables>;
export const PersonalCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cpfNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cpfNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cpfNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"personalId"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatusAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpj"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passportNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passportCountry"}},{"kind":"Field","name":{"kind":"Name","value":"passportExpirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"passportIssueDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"otherDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasBrazilianNationality"}},{"kind":"Field","name":{"kind":"Name","value":"nationality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"otherNationalitiesInfo"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"issueDate"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"typeAdditionalInfo"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filiation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"districtName"}},{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"ibgeTownCode"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}},{"kind":"Field","name":{"kind":"Name","value":"postCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"geographicCoordinates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"countryCallingCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"phoneExtension"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpj"}},{"kind":"Field","name":{"kind":"Name","value":"occupationCode"}},{"kind":"Field","name":{"kind":"Name","value":"occupationDescription"}},{"kind":"Field","name":{"kind":"Name","value":"informedIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedPatrimony"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesTypeAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"procurators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subtype"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalCustomerQuery, PersonalCustomerQueryVariables>;
export const PersonalCustomersPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalCustomersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"informedIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subtype"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalCustomersPageQuery, PersonalCustomersPageQueryVariables>;
export const RegisterCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<RegisterCustomerMutation, RegisterCustomerMutationVariables>;
export const RequestManualReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestManualReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestManualReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]} as unknown as DocumentNode<RequestManualReviewMutation, RequestManualReviewMutationVariables>;
export const ResumeCustomerEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ResumeCustomerEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSequence"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<ResumeCustomerEvaluationSubscription, ResumeCustomerEvaluationSubscriptionVariables>;
export const RevokeConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsentRejectionReason"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"consentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"rejectedBy"}},{"kind":"Field","name":{"kind":"Name","value":"statusUpdateDateTime"}}]}}]}}]} as unknown as DocumentNode<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const SubmitDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DocumentType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentSide"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DocumentSide"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"image"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"documentType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentType"}}},{"kind":"Argument","name":{"kind":"Name","value":"documentSide"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentSide"}}},{"kind":"Argument","name":{"kind":"Name","value":"image"},"value":{"kind":"Variable","name":{"kind":"Name","value":"image"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"documentType"}},{"kind":"Field","name":{"kind":"Name","value":"documentSide"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SubmitDocumentMutation, SubmitDocumentMutationVariables>;
export const UpdateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<UpdateCustomerMutation, UpdateCustomerMutationVariables>;