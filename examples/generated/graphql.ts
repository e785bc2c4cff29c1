/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Monetary amount, stored as an exact decimal and sent as a JSON number (the spec's `format: double`, up to 15 integer and 4 decimal digits). */
  Amount: { input: number; output: number; }
  /** UTC date-time as the Open Banking spec writes it: `YYYY-MM-DDThh:mm:ssZ` (RFC 3339, no fraction). */
  DateTime: { input: string; output: string; }
  /** Exact decimal number, given as a JSON number or, to keep more than 15 significant digits, as a string. */
  Decimal: { input: string | number; output: string | number; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

export type AddressInput = {
  /** Street, avenue… (max 256). */
  addressLine: Scalars['String']['input'];
  /** Up to 10 characters; S/N when there is no number. */
  buildingNumber: Scalars['String']['input'];
  /** City (max 256); avoid accents and special characters. */
  city: Scalars['String']['input'];
  /** e.g. Apto 123, Casa B (max 256). */
  complement?: InputMaybe<Scalars['String']['input']>;
  /** Country, ISO 3166: BR. */
  country: Scalars['String']['input'];
  /** Neighbourhood or district (max 256). */
  neighborhood: Scalars['String']['input'];
  /** UF, ISO 3166-2:BR, e.g. SP. */
  state: Scalars['String']['input'];
  /** CEP, 8 digits. */
  zipCode: Scalars['String']['input'];
};

export type AssertedIncome = {
  __typename?: 'AssertedIncome';
  /** ISO-4217 code; BRL by default. */
  currency: Scalars['String']['output'];
  /** Income in the currency below, exact to the cent. */
  value: Scalars['Amount']['output'];
};

export type AssertedIncomeInput = {
  /** ISO-4217 currency; BRL by default. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** From 0.00 to 99999999999999.99, at most two decimals (a string keeps every digit). */
  value: Scalars['Decimal']['input'];
};

export type BusinessAccount = {
  __typename?: 'BusinessAccount';
  /** Branch, 4 digits or NA. */
  branchCode: Scalars['String']['output'];
  /** Account check digit. */
  checkDigit: Scalars['String']['output'];
  /** COMPE bank code, 3 digits or NA. */
  compeCode: Scalars['String']['output'];
  /** Account number, 8-20 digits or NA. */
  number: Scalars['String']['output'];
  type: EnumAccountType;
};

export type BusinessContacts = {
  __typename?: 'BusinessContacts';
  emails: Array<CustomerEmail>;
  phones: Array<CustomerPhone>;
  postalAddresses: Array<BusinessPostalAddress>;
};

/** A legal person (pessoa jurídica), identified by CNPJ. */
export type BusinessCustomer = {
  __typename?: 'BusinessCustomer';
  /** CNPJ, 14 digits without mask. */
  cnpjNumber: Scalars['String']['output'];
  /** GET /customers/v1/business/financial-relations (null with an error when the consent lacks its permission) */
  financialRelations?: Maybe<Array<BusinessFinancialRelation>>;
  /** GET /customers/v1/business/identifications (null with an error when the consent lacks its permission) */
  identifications?: Maybe<Array<BusinessIdentification>>;
  /** GET /customers/v1/business/qualifications (null with an error when the consent lacks its permission) */
  qualifications?: Maybe<Array<BusinessQualification>>;
};

export type BusinessCustomerConnection = {
  __typename?: 'BusinessCustomerConnection';
  edges: Array<BusinessCustomerEdge>;
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type BusinessCustomerEdge = {
  __typename?: 'BusinessCustomerEdge';
  cursor: Scalars['String']['output'];
  node: BusinessCustomer;
};

/** BusinessFinancialRelationData: relationship with the institution. */
export type BusinessFinancialRelation = {
  __typename?: 'BusinessFinancialRelation';
  accounts: Array<BusinessAccount>;
  procurators: Array<BusinessProcurator>;
  /** Products and services with an active contract (1 to 12). */
  productsServicesType: Array<EnumProductServiceType>;
  /** Start of the relationship. */
  startDate: Scalars['DateTime']['output'];
  updateDateTime: Scalars['DateTime']['output'];
};

/** BusinessIdentificationData: one identification record of the company at one brand. */
export type BusinessIdentification = {
  __typename?: 'BusinessIdentification';
  /** Brand of the data holder (max 80). */
  brandName: Scalars['String']['output'];
  /** Opaque, stable id of the company at the institution. */
  businessId: Scalars['String']['output'];
  /** CNPJ of the company, 14 digits. */
  cnpjNumber: Scalars['String']['output'];
  /** CNPJs of the institutions holding the record. */
  companyCnpjNumber: Array<Scalars['String']['output']>;
  /** Corporate name, razão social (max 70). */
  companyName: Scalars['String']['output'];
  contacts: BusinessContacts;
  incorporationDate: Scalars['DateTime']['output'];
  /** For companies abroad without CNPJ; null when none. */
  otherDocuments?: Maybe<Array<BusinessOtherDocument>>;
  parties: Array<PartiesParticipation>;
  /** Trade name (max 70). */
  tradeName: Scalars['String']['output'];
  updateDateTime: Scalars['DateTime']['output'];
};

export type BusinessInformedPatrimony = {
  __typename?: 'BusinessInformedPatrimony';
  amount: Scalars['Amount']['output'];
  /** ISO-4217 currency, e.g. BRL. */
  currency: Scalars['String']['output'];
  /** Reference date, YYYY-MM-DD or NA. */
  date: Scalars['String']['output'];
};

export type BusinessInformedRevenue = {
  __typename?: 'BusinessInformedRevenue';
  amount: Scalars['Amount']['output'];
  /** ISO-4217 currency, e.g. BRL. */
  currency: Scalars['String']['output'];
  frequency: EnumInformedRevenueFrequency;
  /** Required when frequency is OUTROS (max 100). */
  frequencyAdditionalInfo?: Maybe<Scalars['String']['output']>;
  /** Reference year. */
  year?: Maybe<Scalars['Int']['output']>;
};

export type BusinessOtherDocument = {
  __typename?: 'BusinessOtherDocument';
  /** ISO-3166 alpha-3 or NA. */
  country: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  expirationDate: Scalars['String']['output'];
  /** Document number (max 20). */
  number: Scalars['String']['output'];
  /** Document type, free text (max 20). */
  type?: Maybe<Scalars['String']['output']>;
};

export type BusinessPostalAddress = {
  __typename?: 'BusinessPostalAddress';
  /** Additional information (max 30). */
  additionalInfo?: Maybe<Scalars['String']['output']>;
  /** Street, number and complement (max 150). */
  address: Scalars['String']['output'];
  /** Country name (max 80), e.g. Brasil. */
  country: Scalars['String']['output'];
  /** ISO-3166 alpha-3 country code, e.g. BRA. */
  countryCode?: Maybe<Scalars['String']['output']>;
  countrySubDivision: EnumCountrySubDivision;
  /** District / neighbourhood (max 50). */
  districtName: Scalars['String']['output'];
  geographicCoordinates?: Maybe<GeographicCoordinates>;
  /** IBGE municipality code, 7 digits. */
  ibgeTownCode?: Maybe<Scalars['String']['output']>;
  /** Whether this is the main address. */
  isMain: Scalars['Boolean']['output'];
  /** CEP, 8 digits without mask, or NA. */
  postCode: Scalars['String']['output'];
  /** Town or municipality (max 50). */
  townName: Scalars['String']['output'];
};

export type BusinessProcurator = {
  __typename?: 'BusinessProcurator';
  /** Civil or corporate name (max 70). */
  civilName: Scalars['String']['output'];
  /** CPF (11) or CNPJ (14) digits, or NA. */
  cnpjCpfNumber: Scalars['String']['output'];
  /** Social name (max 70). */
  socialName: Scalars['String']['output'];
  type: EnumProcuratorsTypeBusiness;
};

/** BusinessQualificationData: economic activities, revenue and patrimony. */
export type BusinessQualification = {
  __typename?: 'BusinessQualification';
  economicActivities: Array<EconomicActivity>;
  informedPatrimony: BusinessInformedPatrimony;
  informedRevenue: BusinessInformedRevenue;
  updateDateTime: Scalars['DateTime']['output'];
};

export type CustomerEmail = {
  __typename?: 'CustomerEmail';
  /** E-mail address (max 320). */
  email: Scalars['String']['output'];
  isMain: Scalars['Boolean']['output'];
};

/** A customer event in the provider's envelope (name, context, entityId, idempotencyKey, …). */
export type CustomerEvent = {
  __typename?: 'CustomerEvent';
  /** Always `Customer`. */
  context: Scalars['String']['output'];
  /** Correlates the events of one registration. */
  correlationId: Scalars['String']['output'];
  /** Event-specific data (e.g. reprovation reasons for authorised callers). */
  data: Scalars['JSONObject']['output'];
  /** The customer's document number (CPF). */
  entityId: Scalars['String']['output'];
  /** UUID for de-duplication by consumers. */
  idempotencyKey: Scalars['String']['output'];
  name: CustomerEventName;
  /** Position in the registration's history, from 1. */
  sequence: Scalars['Int']['output'];
  /** Status of the registration after this event. */
  status: RegistrationStatus;
  timestamp: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

/** Customer events, context `Customer` (Bankly webhooks). */
export type CustomerEventName =
  | 'CUSTOMER_IN_ANALYSIS'
  | 'CUSTOMER_WAS_APPROVED'
  | 'CUSTOMER_WAS_RECEIVED'
  | 'CUSTOMER_WAS_REPROVED';

export type CustomerFilter = {
  /** Part of the civil/social name (personal) or company/trade name (business). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A product or service the customer holds. */
  productServiceType?: InputMaybe<EnumProductServiceType>;
  /** UF of any of the customer's postal addresses. */
  state?: InputMaybe<EnumCountrySubDivision>;
  /** Identification updated at or after this instant. */
  updatedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Identification updated at or before this instant. */
  updatedTo?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CustomerPhone = {
  __typename?: 'CustomerPhone';
  /** Required when type is OUTRO (max 70). */
  additionalInfo?: Maybe<Scalars['String']['output']>;
  /** Brazilian area code (DDD) from EnumAreaCode, or NA. */
  areaCode: Scalars['String']['output'];
  /** Country calling code (DDI), 2-4 digits or NA. */
  countryCallingCode: Scalars['String']['output'];
  isMain: Scalars['Boolean']['output'];
  /** 8-11 digits, or NA. */
  number: Scalars['String']['output'];
  /** Extension, 1-5 digits or NA. */
  phoneExtension: Scalars['String']['output'];
  type: EnumCustomerPhoneType;
};

/** A customer registration and its automatic evaluation. */
export type CustomerRegistration = {
  __typename?: 'CustomerRegistration';
  address: RegistrationAddress;
  assertedIncome: AssertedIncome;
  /** YYYY-MM-DD. */
  birthDate: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** When the decision (approval or reprovation) was taken. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** @deprecated Replaced by assertedIncome (Bankly, 2023-11-27). */
  declaredIncome?: Maybe<DeclaredIncome>;
  /** CPF, 11 digits. */
  documentNumber: Scalars['String']['output'];
  email: Scalars['String']['output'];
  /** Full event history, oldest first. */
  events: Array<CustomerEvent>;
  /** Derived from pep.level (Bankly's read model). */
  isPoliticallyExposedPerson: Scalars['Boolean']['output'];
  motherName: Scalars['String']['output'];
  /** Occupation code, OCP followed by four digits. */
  occupation: Scalars['String']['output'];
  pep: Pep;
  phone: RegistrationPhone;
  /** Reprovation reasons (REPROVED only); null for callers without the analyst or compliance role. */
  reasons?: Maybe<Array<Scalars['String']['output']>>;
  registerName: Scalars['String']['output'];
  socialName?: Maybe<Scalars['String']['output']>;
  status: RegistrationStatus;
  updatedAt: Scalars['DateTime']['output'];
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

/** Tokens returned by the document analysis of the selfie and both sides of the ID card. */
export type DocumentationInput = {
  idCardBack: Scalars['String']['input'];
  idCardFront: Scalars['String']['input'];
  selfie: Scalars['String']['input'];
};

export type EconomicActivity = {
  __typename?: 'EconomicActivity';
  /** CNAE code, 7 digits. */
  code: Scalars['Int']['output'];
  /** Whether this is the main activity (exactly one is). */
  isMain: Scalars['Boolean']['output'];
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

export type GeographicCoordinates = {
  __typename?: 'GeographicCoordinates';
  /** Latitude, pattern `^-?\d{1,2}\.\d{1,9}$`. */
  latitude?: Maybe<Scalars['String']['output']>;
  /** Longitude, pattern `^-?\d{1,3}\.\d{1,8}$`. */
  longitude?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Registers a natural person (Bankly PUT /customers/{documentNumber}). Answers at once with status PENDING_APPROVAL; the automatic evaluation follows (subscribe to customerEvaluation). */
  registerCustomer: CustomerRegistration;
};


export type MutationRegisterCustomerArgs = {
  documentNumber: Scalars['String']['input'];
  input: RegisterCustomerInput;
};

export type Nationality = {
  __typename?: 'Nationality';
  documents: Array<NationalityOtherDocument>;
  /** ISO-3166 alpha-3 code(s) of the other nationalities (max 40). */
  otherNationalitiesInfo: Scalars['String']['output'];
};

export type NationalityOtherDocument = {
  __typename?: 'NationalityOtherDocument';
  /** Issuing country (max 80). */
  country?: Maybe<Scalars['String']['output']>;
  /** YYYY-MM-DD or NA. */
  expirationDate: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  issueDate: Scalars['String']['output'];
  /** Document number (max 40). */
  number: Scalars['String']['output'];
  /** Document type (max 10). */
  type: Scalars['String']['output'];
  /** Free text for other document types (max 70). */
  typeAdditionalInfo?: Maybe<Scalars['String']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A partner (SOCIO) or administrator of the company. */
export type PartiesParticipation = {
  __typename?: 'PartiesParticipation';
  /** Civil name, for natural persons (max 70). */
  civilName: Scalars['String']['output'];
  /** Corporate name, for legal persons (max 70). */
  companyName: Scalars['String']['output'];
  /** Extra document information (max 100). */
  documentAdditionalInfo?: Maybe<Scalars['String']['output']>;
  /** ISO-3166 alpha-3. */
  documentCountry: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  documentExpirationDate: Scalars['String']['output'];
  /** YYYY-MM-DD. */
  documentIssueDate?: Maybe<Scalars['String']['output']>;
  /** Document number (max 20). */
  documentNumber: Scalars['String']['output'];
  documentType: EnumPartiesParticipationDocumentType;
  personType: EnumPartiesPersonType;
  /** Share of the capital as a fraction with two decimals, e.g. 0.51, or NA. */
  shareholding: Scalars['String']['output'];
  /** Social name (max 70). */
  socialName: Scalars['String']['output'];
  startDate: Scalars['DateTime']['output'];
  /** Trade name (max 70). */
  tradeName?: Maybe<Scalars['String']['output']>;
  type: EnumPartiesType;
};

export type Pep = {
  __typename?: 'Pep';
  level: PepLevel;
};

export type PepInput = {
  level: PepLevel;
};

/** Political exposure (Circular 3.978): NONE, SELF (is a PEP), RELATED (family, partner or close collaborator of a PEP). */
export type PepLevel =
  | 'NONE'
  | 'RELATED'
  | 'SELF';

export type PersonalAccount = {
  __typename?: 'PersonalAccount';
  /** Branch, 4 digits or NA. */
  branchCode: Scalars['String']['output'];
  /** Account check digit. */
  checkDigit: Scalars['String']['output'];
  /** COMPE bank code, 3 digits or NA. */
  compeCode: Scalars['String']['output'];
  /** Account number, 8-20 digits or NA. */
  number: Scalars['String']['output'];
  subtype: EnumAccountSubType;
  type: EnumAccountType;
};

export type PersonalContacts = {
  __typename?: 'PersonalContacts';
  emails: Array<CustomerEmail>;
  phones: Array<CustomerPhone>;
  postalAddresses: Array<PersonalPostalAddress>;
};

/** A natural person (pessoa natural), identified by CPF. */
export type PersonalCustomer = {
  __typename?: 'PersonalCustomer';
  /** CPF, 11 digits without mask. */
  cpfNumber: Scalars['String']['output'];
  /** GET /customers/v1/personal/financial-relations (null with an error when the consent lacks its permission) */
  financialRelations?: Maybe<Array<PersonalFinancialRelation>>;
  /** GET /customers/v1/personal/identifications (null with an error when the consent lacks its permission) */
  identifications?: Maybe<Array<PersonalIdentification>>;
  /** GET /customers/v1/personal/qualifications (null with an error when the consent lacks its permission) */
  qualifications?: Maybe<Array<PersonalQualification>>;
};

export type PersonalCustomerConnection = {
  __typename?: 'PersonalCustomerConnection';
  edges: Array<PersonalCustomerEdge>;
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type PersonalCustomerEdge = {
  __typename?: 'PersonalCustomerEdge';
  cursor: Scalars['String']['output'];
  node: PersonalCustomer;
};

export type PersonalDocument = {
  __typename?: 'PersonalDocument';
  /** CPF, 11 digits or NA. */
  cpfNumber: Scalars['String']['output'];
  /** Passport country, ISO-3166 alpha-3, or NA. */
  passportCountry: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  passportExpirationDate: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  passportIssueDate?: Maybe<Scalars['String']['output']>;
  /** Passport number (max 20); NA for residents. */
  passportNumber: Scalars['String']['output'];
};

export type PersonalFiliation = {
  __typename?: 'PersonalFiliation';
  /** Civil name (max 70), NA when unknown. */
  civilName: Scalars['String']['output'];
  /** Social name (max 70). */
  socialName?: Maybe<Scalars['String']['output']>;
  type: EnumFiliationType;
};

/** PersonalFinancialRelationData: relationship with the institution. */
export type PersonalFinancialRelation = {
  __typename?: 'PersonalFinancialRelation';
  accounts: Array<PersonalAccount>;
  procurators: Array<PersonalProcurator>;
  /** Products and services with an active contract (1 to 12). */
  productsServicesType: Array<EnumProductServiceType>;
  /** Required when productsServicesType has OUTROS (max 100). */
  productsServicesTypeAdditionalInfo?: Maybe<Scalars['String']['output']>;
  /** Start of the relationship. */
  startDate: Scalars['DateTime']['output'];
  updateDateTime: Scalars['DateTime']['output'];
};

/** PersonalIdentificationData: one identification record of the customer at one brand. */
export type PersonalIdentification = {
  __typename?: 'PersonalIdentification';
  /** YYYY-MM-DD. */
  birthDate: Scalars['String']['output'];
  /** Brand of the data holder (max 80). */
  brandName: Scalars['String']['output'];
  /** Full civil name (max 70). */
  civilName: Scalars['String']['output'];
  /** CNPJs of the institutions holding the record. */
  companyCnpj: Array<Scalars['String']['output']>;
  contacts: PersonalContacts;
  documents: PersonalDocument;
  filiation: Array<PersonalFiliation>;
  hasBrazilianNationality: Scalars['Boolean']['output'];
  /** Required when maritalStatusCode is OUTRO (max 50). */
  maritalStatusAdditionalInfo?: Maybe<Scalars['String']['output']>;
  maritalStatusCode: EnumMaritalStatusCode;
  nationality: Array<Nationality>;
  otherDocuments: Array<PersonalOtherDocument>;
  /** Opaque, stable id of the customer at the institution. */
  personalId: Scalars['String']['output'];
  sex: EnumSex;
  /** Social name (max 70), NA when none. */
  socialName: Scalars['String']['output'];
  updateDateTime: Scalars['DateTime']['output'];
};

export type PersonalInformedIncome = {
  __typename?: 'PersonalInformedIncome';
  amount: Scalars['Amount']['output'];
  /** ISO-4217 currency, e.g. BRL. */
  currency: Scalars['String']['output'];
  /** Reference date, YYYY-MM-DD or NA. */
  date: Scalars['String']['output'];
  frequency: EnumInformedIncomeFrequency;
};

export type PersonalInformedPatrimony = {
  __typename?: 'PersonalInformedPatrimony';
  amount: Scalars['Amount']['output'];
  /** ISO-4217 currency, e.g. BRL. */
  currency: Scalars['String']['output'];
  /** Reference year. */
  year: Scalars['Int']['output'];
};

export type PersonalOtherDocument = {
  __typename?: 'PersonalOtherDocument';
  /** Issuer and UF, e.g. SSP/SP (max 50). */
  additionalInfo?: Maybe<Scalars['String']['output']>;
  /** Check digit (max 2). */
  checkDigit: Scalars['String']['output'];
  /** YYYY-MM-DD or NA. */
  expirationDate: Scalars['String']['output'];
  /** Document number (max 11). */
  number: Scalars['String']['output'];
  type: EnumPersonalOtherDocumentType;
  /** Free text when type is OUTROS (max 70). */
  typeAdditionalInfo: Scalars['String']['output'];
};

export type PersonalPostalAddress = {
  __typename?: 'PersonalPostalAddress';
  /** Additional information (max 30). */
  additionalInfo?: Maybe<Scalars['String']['output']>;
  /** Street, number and complement (max 150). */
  address: Scalars['String']['output'];
  /** Country name (max 80), e.g. Brasil. */
  country: Scalars['String']['output'];
  /** ISO-3166 alpha-3 country code, e.g. BRA. */
  countryCode?: Maybe<Scalars['String']['output']>;
  countrySubDivision: EnumCountrySubDivision;
  /** District / neighbourhood (max 50). */
  districtName: Scalars['String']['output'];
  geographicCoordinates?: Maybe<GeographicCoordinates>;
  /** IBGE municipality code, 7 digits. */
  ibgeTownCode?: Maybe<Scalars['String']['output']>;
  /** Whether this is the main address. */
  isMain: Scalars['Boolean']['output'];
  /** CEP, 8 digits without mask, or NA. */
  postCode: Scalars['String']['output'];
  /** Town or municipality (max 50). */
  townName: Scalars['String']['output'];
};

export type PersonalProcurator = {
  __typename?: 'PersonalProcurator';
  /** Civil name (max 70). */
  civilName: Scalars['String']['output'];
  /** CPF, 11 digits or NA. */
  cpfNumber: Scalars['String']['output'];
  /** Social name (max 70). */
  socialName: Scalars['String']['output'];
  type: EnumProcuratorsTypePersonal;
};

/** PersonalQualificationData: occupation, income and patrimony. */
export type PersonalQualification = {
  __typename?: 'PersonalQualification';
  /** CNPJ of the institution holding the record. */
  companyCnpj: Scalars['String']['output'];
  informedIncome: PersonalInformedIncome;
  informedPatrimony: PersonalInformedPatrimony;
  occupationCode: EnumOccupationMainCodeType;
  /** Occupation code, or description when occupationCode is OUTRO (max 100). */
  occupationDescription: Scalars['String']['output'];
  updateDateTime: Scalars['DateTime']['output'];
};

/** Mobile phone able to receive SMS. */
export type PhoneInput = {
  /** Country calling code (DDI), digits only, e.g. 55. Blocked countries are refused. */
  countryCode: Scalars['String']['input'];
  /** Number with area code (DDD), digits only, e.g. 11987654321. */
  number: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** A legal person by CNPJ (14 digits, no mask); null when unknown. */
  businessCustomer?: Maybe<BusinessCustomer>;
  /** Legal persons, ordered by registration, cursor-paginated and filtered. */
  businessCustomers: BusinessCustomerConnection;
  /** A registration and its evaluation; null when the CPF was never registered. */
  customerRegistration?: Maybe<CustomerRegistration>;
  /** A natural person by CPF (11 digits, no mask); null when unknown. */
  personalCustomer?: Maybe<PersonalCustomer>;
  /** Natural persons, ordered by registration, cursor-paginated and filtered. */
  personalCustomers: PersonalCustomerConnection;
};


export type QueryBusinessCustomerArgs = {
  cnpjNumber: Scalars['String']['input'];
};


export type QueryBusinessCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryCustomerRegistrationArgs = {
  documentNumber: Scalars['String']['input'];
};


export type QueryPersonalCustomerArgs = {
  cpfNumber: Scalars['String']['input'];
};


export type QueryPersonalCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: Scalars['Int']['input'];
};

export type RegisterCustomerInput = {
  address: AddressInput;
  assertedIncome: AssertedIncomeInput;
  /** YYYY-MM-DD; the customer must be at least 18. */
  birthDate: Scalars['String']['input'];
  /** @deprecated Obsolete since 2023-11-27: send assertedIncome. */
  declaredIncome?: InputMaybe<DeclaredIncome>;
  documentation: DocumentationInput;
  /** E-mail; one address cannot be used by two customers. */
  email: Scalars['String']['input'];
  /** Mother's full name as on the ID document. */
  motherName: Scalars['String']['input'];
  /** Occupation code, OCP followed by four digits (main source of income). */
  occupation: Scalars['String']['input'];
  pep: PepInput;
  phone: PhoneInput;
  /** Full name as on the ID document, without abbreviations. */
  registerName: Scalars['String']['input'];
  /** Name the person wishes to be called by. */
  socialName?: InputMaybe<Scalars['String']['input']>;
};

export type RegistrationAddress = {
  __typename?: 'RegistrationAddress';
  addressLine: Scalars['String']['output'];
  /** Up to 10 characters, or S/N. */
  buildingNumber: Scalars['String']['output'];
  city: Scalars['String']['output'];
  complement?: Maybe<Scalars['String']['output']>;
  /** BR. */
  country: Scalars['String']['output'];
  neighborhood: Scalars['String']['output'];
  /** UF, ISO 3166-2:BR, e.g. SP. */
  state: Scalars['String']['output'];
  /** CEP, 8 digits. */
  zipCode: Scalars['String']['output'];
};

export type RegistrationPhone = {
  __typename?: 'RegistrationPhone';
  /** Country calling code (DDI), digits only. */
  countryCode: Scalars['String']['output'];
  /** Mobile number with area code (DDD), digits only. */
  number: Scalars['String']['output'];
};

/** Status of a customer registration (Bankly). */
export type RegistrationStatus =
  | 'APPROVED'
  | 'BLACKLISTED'
  | 'CANCELED'
  | 'PENDING_APPROVAL'
  | 'REPROVED';

export type Subscription = {
  __typename?: 'Subscription';
  /** The evaluation of a registration, live: first the current state (latest event), then every later event in order. */
  customerEvaluation: CustomerEvent;
};


export type SubscriptionCustomerEvaluationArgs = {
  documentNumber: Scalars['String']['input'];
};

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

/** Customer events, context `Customer` (Bankly webhooks). */
export type CustomerEventName =
  | 'CUSTOMER_IN_ANALYSIS'
  | 'CUSTOMER_WAS_APPROVED'
  | 'CUSTOMER_WAS_RECEIVED'
  | 'CUSTOMER_WAS_REPROVED';

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

/** Status of a customer registration (Bankly). */
export type RegistrationStatus =
  | 'APPROVED'
  | 'BLACKLISTED'
  | 'CANCELED'
  | 'PENDING_APPROVAL'
  | 'REPROVED';

export type BusinessCustomerQueryVariables = Exact<{
  cnpjNumber: string;
}>;


export type BusinessCustomerQuery = { businessCustomer: { cnpjNumber: string, identifications: Array<{ updateDateTime: string, businessId: string, brandName: string, companyName: string, tradeName: string, incorporationDate: string, cnpjNumber: string, companyCnpjNumber: Array<string>, otherDocuments: Array<{ type: string | null, number: string, country: string, expirationDate: string }> | null, parties: Array<{ personType: EnumPartiesPersonType, type: EnumPartiesType, civilName: string, socialName: string, companyName: string, tradeName: string | null, startDate: string, shareholding: string, documentType: EnumPartiesParticipationDocumentType, documentNumber: string, documentAdditionalInfo: string | null, documentCountry: string, documentExpirationDate: string, documentIssueDate: string | null }>, contacts: { postalAddresses: Array<{ isMain: boolean, address: string, additionalInfo: string | null, districtName: string, townName: string, ibgeTownCode: string | null, countrySubDivision: EnumCountrySubDivision, postCode: string, country: string, countryCode: string | null, geographicCoordinates: { latitude: string | null, longitude: string | null } | null }>, phones: Array<{ isMain: boolean, type: EnumCustomerPhoneType, additionalInfo: string | null, countryCallingCode: string, areaCode: string, number: string, phoneExtension: string }>, emails: Array<{ isMain: boolean, email: string }> } }> | null, qualifications: Array<{ updateDateTime: string, economicActivities: Array<{ code: number, isMain: boolean }>, informedRevenue: { frequency: EnumInformedRevenueFrequency, frequencyAdditionalInfo: string | null, amount: number, currency: string, year: number | null }, informedPatrimony: { amount: number, currency: string, date: string } }> | null, financialRelations: Array<{ updateDateTime: string, startDate: string, productsServicesType: Array<EnumProductServiceType>, procurators: Array<{ type: EnumProcuratorsTypeBusiness, cnpjCpfNumber: string, civilName: string, socialName: string }>, accounts: Array<{ compeCode: string, branchCode: string, number: string, checkDigit: string, type: EnumAccountType }> }> | null } | null };

export type CustomerEvaluationSubscriptionVariables = Exact<{
  documentNumber: string;
}>;


export type CustomerEvaluationSubscription = { customerEvaluation: { sequence: number, name: CustomerEventName, context: string, entityId: string, idempotencyKey: string, correlationId: string, timestamp: string, version: number, status: RegistrationStatus, data: Record<string, unknown> } };

export type CustomerRegistrationQueryVariables = Exact<{
  documentNumber: string;
}>;


export type CustomerRegistrationQuery = { customerRegistration: { documentNumber: string, status: RegistrationStatus, createdAt: string, updatedAt: string, decidedAt: string | null, reasons: Array<string> | null, events: Array<{ sequence: number, name: CustomerEventName, timestamp: string, status: RegistrationStatus, data: Record<string, unknown> }> } | null };

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


export const BusinessCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusinessCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cnpjNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"businessCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cnpjNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cnpjNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"businessId"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"tradeName"}},{"kind":"Field","name":{"kind":"Name","value":"incorporationDate"}},{"kind":"Field","name":{"kind":"Name","value":"cnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpjNumber"}},{"kind":"Field","name":{"kind":"Name","value":"otherDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personType"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"tradeName"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"shareholding"}},{"kind":"Field","name":{"kind":"Name","value":"documentType"}},{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"documentAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"documentCountry"}},{"kind":"Field","name":{"kind":"Name","value":"documentExpirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"documentIssueDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"districtName"}},{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"ibgeTownCode"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}},{"kind":"Field","name":{"kind":"Name","value":"postCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"geographicCoordinates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"countryCallingCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"phoneExtension"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"economicActivities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"isMain"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedPatrimony"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"procurators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cnpjCpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BusinessCustomerQuery, BusinessCustomerQueryVariables>;
export const CustomerEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CustomerEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<CustomerEvaluationSubscription, CustomerEvaluationSubscriptionVariables>;
export const CustomerRegistrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerRegistration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerRegistration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerRegistrationQuery, CustomerRegistrationQueryVariables>;
export const PersonalCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cpfNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cpfNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cpfNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"personalId"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatusAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpj"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passportNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passportCountry"}},{"kind":"Field","name":{"kind":"Name","value":"passportExpirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"passportIssueDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"otherDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasBrazilianNationality"}},{"kind":"Field","name":{"kind":"Name","value":"nationality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"otherNationalitiesInfo"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"expirationDate"}},{"kind":"Field","name":{"kind":"Name","value":"issueDate"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"typeAdditionalInfo"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filiation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"districtName"}},{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"ibgeTownCode"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}},{"kind":"Field","name":{"kind":"Name","value":"postCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"geographicCoordinates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"additionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"countryCallingCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"phoneExtension"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isMain"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"companyCnpj"}},{"kind":"Field","name":{"kind":"Name","value":"occupationCode"}},{"kind":"Field","name":{"kind":"Name","value":"occupationDescription"}},{"kind":"Field","name":{"kind":"Name","value":"informedIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"Field","name":{"kind":"Name","value":"informedPatrimony"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"productsServicesTypeAdditionalInfo"}},{"kind":"Field","name":{"kind":"Name","value":"procurators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subtype"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalCustomerQuery, PersonalCustomerQueryVariables>;
export const PersonalCustomersPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalCustomersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpfNumber"}},{"kind":"Field","name":{"kind":"Name","value":"identifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"civilName"}},{"kind":"Field","name":{"kind":"Name","value":"socialName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"townName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivision"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"informedIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"financialRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productsServicesType"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compeCode"}},{"kind":"Field","name":{"kind":"Name","value":"branchCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"checkDigit"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subtype"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalCustomersPageQuery, PersonalCustomersPageQueryVariables>;
export const RegisterCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<RegisterCustomerMutation, RegisterCustomerMutationVariables>;