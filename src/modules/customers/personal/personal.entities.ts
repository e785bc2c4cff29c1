import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { DateTextColumn, EnumColumn, TextColumn } from '../../../platform/data/columns';
import {
  accountOf,
  AmountField,
  childOf,
  CurrencyField,
  CustomerRoot,
  customerRecordOf,
  financialRelationOf,
  InformedPatrimony,
  known,
  MonetaryAmount,
  naShapeUse,
  NOT_AVAILABLE,
  procuratorOf,
  productServiceOf,
} from '../bases';
import {
  EnumAccountSubType,
  EnumFiliationType,
  EnumInformedIncomeFrequency,
  EnumMaritalStatusCode,
  EnumOccupationMainCodeType,
  EnumPersonalOtherDocumentType,
  EnumProcuratorsTypePersonal,
  EnumSex,
} from '../enums';

/**
 * Natural-person customer data (Open Banking Customers v1.0.3, /personal/*),
 * one entity per object with its own identity in the spec's ER model.
 * Each class is both the TypeORM entity and the GraphQL type it is served as.
 */

@ObjectType('PersonalCustomer', { description: 'A natural person (pessoa natural), identified by CPF.' })
@Entity('personal_customers')
export class PersonalCustomer extends CustomerRoot {
  @Field({ description: 'CPF, 11 digits without mask.' })
  @Index({ unique: true })
  @TextColumn(11)
  cpfNumber!: string;
}

@ObjectType('PersonalDocument', { simpleResolvers: true })
export class PersonalDocument {
  @Field({ description: 'CPF, 11 digits or NA.' })
  @TextColumn(11)
  cpfNumber!: string;

  // A customer without a passport stores NULL in its number, country and expiration date; the 1.0.3 fields render NA.
  @TextColumn(20, { nullable: true, name: 'passportNumber' })
  passportNumberOrNull!: string | null;

  @TextColumn(3, { nullable: true, name: 'passportCountry' })
  passportCountryOrNull!: string | null;

  @DateTextColumn({ nullable: true, name: 'passportExpirationDate' })
  passportExpirationDateOrNull!: string | null;

  static readonly readsFrom = {
    passportNumber: ['passportNumberOrNull'],
    passportCountry: ['passportCountryOrNull'],
    passportExpirationDate: ['passportExpirationDateOrNull'],
  };

  @Field({ description: 'Passport number (max 20); NA for residents.', deprecationReason: naShapeUse('passport { number }') })
  get passportNumber(): string {
    return this.passportNumberOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'Passport country, ISO-3166 alpha-3, or NA.', deprecationReason: naShapeUse('passport { country }') })
  get passportCountry(): string {
    return this.passportCountryOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('passport { expirationDate }') })
  get passportExpirationDate(): string {
    return this.passportExpirationDateOrNull ?? NOT_AVAILABLE;
  }

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('passport { issueDate }') })
  @DateTextColumn({ nullable: true })
  passportIssueDate!: string | null;
}

@ObjectType('PersonalPassport', { simpleResolvers: true, description: 'Customers API 2.x PersonalPassport: the passport of a customer who has one.' })
export class PersonalPassport {
  @Field({ description: 'Passport number (max 20).' })
  number!: string;

  @Field({ description: 'Issuing country, ISO-3166 alpha-3.' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  expirationDate!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  issueDate!: string | null;
}

/** The passport of `document`, or null when it has none (no number or country stored; 1.0.3: NA). */
export function passportOf(document: PersonalDocument): PersonalPassport | null {
  const { passportNumberOrNull: number, passportCountryOrNull: country } = document;
  if (number === null || country === null) return null;
  return { number, country, expirationDate: document.passportExpirationDateOrNull, issueDate: known(document.passportIssueDate) };
}

@ObjectType('PersonalIdentification', {
  simpleResolvers: true,
  description: 'PersonalIdentificationData: one identification record of the customer at one brand.',
})
@Entity('personal_identifications')
export class PersonalIdentification extends customerRecordOf(() => PersonalCustomer, { indexUpdateDateTime: true }) {
  @Field({ description: 'Opaque, stable id of the customer at the institution.' })
  @Index({ unique: true })
  @TextColumn(100)
  personalId!: string;

  @Field({ description: 'Brand of the data holder (max 80).' })
  @TextColumn(80)
  brandName!: string;

  @Field({ description: 'Full civil name (max 70).' })
  @Index()
  @TextColumn(70)
  civilName!: string;

  @Field({ description: 'Social name (max 70), NA when none.', deprecationReason: naShapeUse('socialNameOrNull') })
  get socialName(): string {
    return this.socialNameOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'YYYY-MM-DD.' })
  @DateTextColumn()
  birthDate!: string;

  @Field(() => EnumMaritalStatusCode)
  @EnumColumn(EnumMaritalStatusCode)
  maritalStatusCode!: EnumMaritalStatusCode;

  @Field(() => String, { nullable: true, description: 'Required when maritalStatusCode is OUTRO (max 50).' })
  @TextColumn(50, { nullable: true })
  maritalStatusAdditionalInfo!: string | null;

  @Field(() => EnumSex, { deprecationReason: 'Customers API 1.0.3 shape (NAO_DISPONIVEL when not informed): use sexOrNull.' })
  @EnumColumn(EnumSex)
  sex!: EnumSex;

  @Field(() => [String], { description: 'CNPJs of the institutions holding the record.', deprecationReason: naShapeUse('companiesCnpj') })
  @Column({ type: 'simple-array' })
  companyCnpj!: string[];

  @Field(() => PersonalDocument)
  @Column(() => PersonalDocument, { prefix: 'document' })
  documents!: PersonalDocument;

  @Field()
  @Column({ type: 'boolean' })
  hasBrazilianNationality!: boolean;

  static readonly readsFrom = { socialName: ['socialNameOrNull'], sexOrNull: ['sex'], companiesCnpj: ['companyCnpj'] };

  @Field(() => String, { nullable: true, description: 'Social name (max 70); null when none (1.0.3: NA).' })
  @TextColumn(70, { nullable: true, name: 'socialName' })
  socialNameOrNull!: string | null;

  @Field(() => EnumSex, { nullable: true, description: 'Null when not informed (1.0.3: NAO_DISPONIVEL); never NAO_DISPONIVEL.' })
  get sexOrNull(): EnumSex | null {
    return this.sex === EnumSex.NAO_DISPONIVEL ? null : this.sex;
  }

  @Field(() => [String], {
    nullable: true,
    description: 'Customers API 2.x companiesCnpj: CNPJs of the institutions holding the record; null when none is known.',
  })
  get companiesCnpj(): string[] | null {
    const cnpjs = (this.companyCnpj ?? []).filter((cnpj) => known(cnpj) !== null);
    return cnpjs.length > 0 ? cnpjs : null;
  }
}

@ObjectType('PersonalOtherDocument', { simpleResolvers: true })
@Entity('personal_other_documents')
export class PersonalOtherDocument extends childOf(() => PersonalIdentification, 'identificationId', 'identification') {
  @Field(() => EnumPersonalOtherDocumentType)
  @EnumColumn(EnumPersonalOtherDocumentType)
  type!: EnumPersonalOtherDocumentType;

  @Field({ description: 'Free text when type is OUTROS (max 70).', deprecationReason: naShapeUse('typeAdditionalInfoOrNull') })
  get typeAdditionalInfo(): string {
    return this.typeAdditionalInfoOrNull ?? NOT_AVAILABLE;
  }

  // NULL in 1.0.3's SEM_OUTROS_DOCUMENTOS placeholder entry (which 2.x leaves out), where the 1.0.3 fields render NA.
  @TextColumn(11, { nullable: true, name: 'number' })
  numberOrNull!: string | null;

  @TextColumn(2, { nullable: true, name: 'checkDigit' })
  checkDigitOrNull!: string | null;

  @Field({ description: 'Document number (max 11).' })
  get number(): string {
    return this.numberOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'Check digit (max 2).' })
  get checkDigit(): string {
    return this.checkDigitOrNull ?? NOT_AVAILABLE;
  }

  @Field(() => String, { nullable: true, description: 'Issuer and UF, e.g. SSP/SP (max 50).' })
  @TextColumn(50, { nullable: true })
  additionalInfo!: string | null;

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('expirationDateOrNull') })
  get expirationDate(): string {
    return this.expirationDateOrNull ?? NOT_AVAILABLE;
  }

  static readonly readsFrom = {
    typeAdditionalInfo: ['typeAdditionalInfoOrNull'],
    number: ['numberOrNull'],
    checkDigit: ['checkDigitOrNull'],
    expirationDate: ['expirationDateOrNull'],
  };

  @Field(() => String, { nullable: true, description: 'Free text when type is OUTROS (max 70); null otherwise (1.0.3: NA).' })
  @TextColumn(70, { nullable: true, name: 'typeAdditionalInfo' })
  typeAdditionalInfoOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when the document does not expire (1.0.3: NA).' })
  @DateTextColumn({ nullable: true, name: 'expirationDate' })
  expirationDateOrNull!: string | null;
}

@ObjectType('Nationality', { simpleResolvers: true })
@Entity('nationalities')
export class Nationality extends childOf(() => PersonalIdentification, 'identificationId', 'identification') {
  @Field({ description: 'ISO-3166 alpha-3 code(s) of the other nationalities (max 40).' })
  @TextColumn(40)
  otherNationalitiesInfo!: string;
}

@ObjectType('NationalityOtherDocument', { simpleResolvers: true })
@Entity('nationality_documents')
export class NationalityOtherDocument extends childOf(() => Nationality, 'nationalityId', 'nationality') {
  @Field({ description: 'Document type (max 10).' })
  @TextColumn(10)
  type!: string;

  @Field({ description: 'Document number (max 40).' })
  @TextColumn(40)
  number!: string;

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('expirationDateOrNull') })
  get expirationDate(): string {
    return this.expirationDateOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('issueDateOrNull') })
  get issueDate(): string {
    return this.issueDateOrNull ?? NOT_AVAILABLE;
  }

  static readonly readsFrom = { expirationDate: ['expirationDateOrNull'], issueDate: ['issueDateOrNull'] };

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when not known (1.0.3: NA).' })
  @DateTextColumn({ nullable: true, name: 'expirationDate' })
  expirationDateOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when not known (1.0.3: NA).' })
  @DateTextColumn({ nullable: true, name: 'issueDate' })
  issueDateOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'Issuing country (max 80).' })
  @TextColumn(80, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'Free text for other document types (max 70).' })
  @TextColumn(70, { nullable: true })
  typeAdditionalInfo!: string | null;
}

@ObjectType('PersonalFiliation', { simpleResolvers: true })
@Entity('filiations')
export class Filiation extends childOf(() => PersonalIdentification, 'identificationId', 'identification') {
  @Field(() => EnumFiliationType)
  @EnumColumn(EnumFiliationType)
  type!: EnumFiliationType;

  // NULL when unknown (1.0.3's SEM_FILIACAO placeholder entry, which 2.x leaves out); the 1.0.3 field renders NA.
  @TextColumn(70, { nullable: true, name: 'civilName' })
  civilNameOrNull!: string | null;

  static readonly readsFrom = { civilName: ['civilNameOrNull'] };

  @Field({ description: 'Civil name (max 70), NA when unknown.' })
  get civilName(): string {
    return this.civilNameOrNull ?? NOT_AVAILABLE;
  }

  @Field(() => String, { nullable: true, description: 'Social name (max 70).' })
  @TextColumn(70, { nullable: true })
  socialName!: string | null;
}

@ObjectType('PersonalInformedIncome', { simpleResolvers: true })
export class PersonalInformedIncome {
  @Field(() => EnumInformedIncomeFrequency)
  @EnumColumn(EnumInformedIncomeFrequency)
  frequency!: EnumInformedIncomeFrequency;

  @AmountField()
  amount!: string;

  @CurrencyField()
  currency!: string;

  @Field({ description: 'Reference date, YYYY-MM-DD or NA.' })
  @DateTextColumn()
  date!: string;
}

@ObjectType('PersonalInformedPatrimony', { simpleResolvers: true })
export class PersonalInformedPatrimony extends InformedPatrimony {
  @Field(() => Int, { description: 'Reference year.' })
  @Column({ type: 'integer' })
  year!: number;
}

@ObjectType('PersonalIncome', { simpleResolvers: true, description: 'Customers API 2.x InformedIncome: the amount as a MonetaryAmount, a real date.' })
export class PersonalIncome {
  @Field(() => EnumInformedIncomeFrequency)
  frequency!: EnumInformedIncomeFrequency;

  @Field(() => MonetaryAmount)
  amount!: MonetaryAmount;

  @Field({ description: 'Reference date, YYYY-MM-DD.' })
  date!: string;
}

@ObjectType('PersonalPatrimony', { simpleResolvers: true, description: 'Customers API 2.x PersonalInformedPatrimony: the amount as a MonetaryAmount.' })
export class PersonalPatrimony {
  @Field(() => MonetaryAmount)
  amount!: MonetaryAmount;

  @Field(() => Int, { description: 'Reference year.' })
  year!: number;
}

const V1_INCOME = 'Customers API 1.0.3 shape (amount as a number, NA where nothing was informed): use income.';
const V1_PATRIMONY = 'Customers API 1.0.3 shape (amount as a number): use patrimony.';

@ObjectType('PersonalQualification', { simpleResolvers: true, description: 'PersonalQualificationData: occupation, income and patrimony.' })
@Entity('personal_qualifications')
export class PersonalQualification extends customerRecordOf(() => PersonalCustomer) {
  @Field({ description: 'CNPJ of the institution holding the record.' })
  @TextColumn(14)
  companyCnpj!: string;

  @Field(() => EnumOccupationMainCodeType)
  @EnumColumn(EnumOccupationMainCodeType)
  occupationCode!: EnumOccupationMainCodeType;

  @Field({ description: 'Occupation code, or description when occupationCode is OUTRO (max 100).' })
  @TextColumn(100)
  occupationDescription!: string;

  @Field(() => PersonalInformedIncome, { deprecationReason: V1_INCOME })
  @Column(() => PersonalInformedIncome, { prefix: 'income' })
  informedIncome!: PersonalInformedIncome;

  @Field(() => PersonalInformedPatrimony, { deprecationReason: V1_PATRIMONY })
  @Column(() => PersonalInformedPatrimony, { prefix: 'patrimony' })
  informedPatrimony!: PersonalInformedPatrimony;

  @Field(() => String, {
    nullable: true,
    description: 'Customers API 2.x: CPF or CNPJ of the employer (12 digits or uppercase letters, then 2 check digits); null when none is known.',
  })
  @TextColumn(14, { nullable: true })
  employerCnpjCpf!: string | null;

  @Field(() => String, { nullable: true, description: 'Customers API 2.x: civil or corporate name of the employer (max 80); null when none is known.' })
  @TextColumn(80, { nullable: true })
  employerName!: string | null;

  /** What the computed fields read (see DirectRows: lean reads load only what a selection needs). */
  static readonly readsFrom = { income: ['informedIncome'], patrimony: ['informedPatrimony'] };

  @Field(() => PersonalIncome, {
    nullable: true,
    description:
      'The informed income as Customers API 2.x has it; null when none was informed (frequency SEM_FREQUENCIA_RENDA_INFORMADA or no date: 2.x has no NA).',
  })
  get income(): PersonalIncome | null {
    const income = this.informedIncome;
    if (!income || income.frequency === EnumInformedIncomeFrequency.SEM_FREQUENCIA_RENDA_INFORMADA || !/^\d{4}-\d{2}-\d{2}$/.test(income.date)) return null;
    return { frequency: income.frequency, amount: { amount: income.amount, currency: income.currency }, date: income.date };
  }

  @Field(() => PersonalPatrimony, { description: 'The informed patrimony as Customers API 2.x has it.' })
  get patrimony(): PersonalPatrimony {
    const patrimony = this.informedPatrimony;
    return { amount: { amount: patrimony.amount, currency: patrimony.currency }, year: patrimony.year };
  }
}

@ObjectType('PersonalFinancialRelation', { simpleResolvers: true, description: 'PersonalFinancialRelationData: relationship with the institution.' })
@Entity('personal_financial_relations')
export class PersonalFinancialRelation extends financialRelationOf(() => PersonalCustomer) {
  @Field(() => String, { nullable: true, description: 'Required when productsServicesType has OUTROS (max 100).' })
  @TextColumn(100, { nullable: true })
  productsServicesTypeAdditionalInfo!: string | null;
}

/**
 * Customers API 2.x PaychecksBankLink: a salary account the customer holds at
 * this institution (the paycheck bank) for an employer. Not in 1.0.3.
 */
@ObjectType('PaychecksBankLink', { simpleResolvers: true, description: 'Customers API 2.x: a salary account held here for an employer.' })
@Entity('personal_paychecks_bank_links')
export class PaychecksBankLink extends childOf(() => PersonalFinancialRelation, 'financialRelationId', 'financialRelation') {
  @Field({ description: 'Employer: civil or corporate name (max 80).' })
  @TextColumn(80)
  employerName!: string;

  @Field({ description: 'Employer CPF (11 digits) or CNPJ (12 digits or uppercase letters, then 2 check digits).' })
  @TextColumn(14)
  employerCnpjCpf!: string;

  @Field({ description: 'CNPJ of the paycheck bank (this institution).' })
  @TextColumn(14)
  paycheckBankCnpj!: string;

  @Field({ description: 'ISPB of the paycheck bank, 8 characters.' })
  @TextColumn(8)
  paycheckBankIspb!: string;

  @Field({ description: 'Opening date of the salary account, YYYY-MM-DD.' })
  @DateTextColumn()
  accountOpeningDate!: string;
}

/**
 * Customers API 2.x PortabilitiesReceived: a salary portability this institution
 * received (the salary paid at another bank, the detainer, is ported here). Not in 1.0.3.
 */
@ObjectType('PortabilityReceived', { simpleResolvers: true, description: 'Customers API 2.x: a salary portability received by this institution.' })
@Entity('personal_portabilities_received')
export class PortabilityReceived extends childOf(() => PersonalFinancialRelation, 'financialRelationId', 'financialRelation') {
  @Field({ description: 'Employer: civil or corporate name (max 80).' })
  @TextColumn(80)
  employerName!: string;

  @Field({ description: 'Employer CPF (11 digits) or CNPJ (12 digits or uppercase letters, then 2 check digits).' })
  @TextColumn(14)
  employerCnpjCpf!: string;

  @Field({ description: 'CNPJ of the bank holding the salary account (the detainer).' })
  @TextColumn(14)
  paycheckBankDetainerCnpj!: string;

  @Field({ description: 'ISPB of the detainer bank, 8 characters.' })
  @TextColumn(8)
  paycheckBankDetainerIspb!: string;

  @Field({ description: 'Approval date of the portability, YYYY-MM-DD.' })
  @DateTextColumn()
  portabilityApprovalDate!: string;
}

@Entity('personal_products_services')
export class PersonalProductService extends productServiceOf(() => PersonalFinancialRelation) {}

@ObjectType('PersonalProcurator', { simpleResolvers: true })
@Entity('personal_procurators')
export class PersonalProcurator extends procuratorOf(
  () => PersonalFinancialRelation,
  EnumProcuratorsTypePersonal,
  { property: 'cpfNumber', length: 11, description: 'CPF, 11 digits or NA.' },
  'Civil name (max 70).',
) {}

@ObjectType('PersonalAccount', { simpleResolvers: true })
@Entity('personal_accounts')
export class PersonalAccount extends accountOf(() => PersonalFinancialRelation) {
  @Field(() => EnumAccountSubType)
  @EnumColumn(EnumAccountSubType)
  subtype!: EnumAccountSubType;
}
