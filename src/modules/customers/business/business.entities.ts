import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { DateTextColumn, EnumColumn, InstantColumn, TextColumn } from '../../../platform/data/columns';
import { DateTimeScalar } from '../../../platform/scalars';
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
  EnumInformedRevenueFrequency,
  EnumPartiesParticipationDocumentType,
  EnumPartiesPersonType,
  EnumPartiesType,
  EnumProcuratorsTypeBusiness,
} from '../enums';

/**
 * Legal-person customer data (Open Banking Customers v1.0.3, /business/*),
 * one entity per object with its own identity in the spec's ER model.
 */

@ObjectType('BusinessCustomer', { description: 'A legal person (pessoa jurídica), identified by CNPJ.' })
@Entity('business_customers')
export class BusinessCustomer extends CustomerRoot {
  @Field({ description: 'CNPJ without mask: 12 digits or uppercase letters (alphanumeric CNPJs, issued from July 2026), then 2 check digits.' })
  @Index({ unique: true })
  @TextColumn(14)
  cnpjNumber!: string;
}

@ObjectType('BusinessIdentification', {
  simpleResolvers: true,
  description: 'BusinessIdentificationData: one identification record of the company at one brand.',
})
@Entity('business_identifications')
export class BusinessIdentification extends customerRecordOf(() => BusinessCustomer, { indexUpdateDateTime: true }) {
  @Field({ description: 'Opaque, stable id of the company at the institution.' })
  @Index({ unique: true })
  @TextColumn(100)
  businessId!: string;

  @Field({ description: 'Brand of the data holder (max 80).' })
  @TextColumn(80)
  brandName!: string;

  @Field({ description: 'Corporate name, razão social (max 70).' })
  @Index()
  @TextColumn(70)
  companyName!: string;

  @Field({ description: 'Trade name (max 70).' })
  @TextColumn(70)
  tradeName!: string;

  @Field(() => DateTimeScalar)
  @InstantColumn()
  incorporationDate!: Date;

  @Field({ description: 'CNPJ of the company (12 digits or uppercase letters, then 2 check digits).' })
  @TextColumn(14)
  cnpjNumber!: string;

  @Field(() => [String], { description: 'CNPJs of the institutions holding the record.', deprecationReason: naShapeUse('companiesCnpj') })
  @Column({ type: 'simple-array' })
  companyCnpjNumber!: string[];

  static readonly readsFrom = { companiesCnpj: ['companyCnpjNumber'] };

  @Field(() => [String], {
    nullable: true,
    description: 'Customers API 2.x companiesCnpj: CNPJs of the institutions holding the record; null when none is known.',
  })
  get companiesCnpj(): string[] | null {
    const cnpjs = (this.companyCnpjNumber ?? []).filter((cnpj) => known(cnpj) !== null);
    return cnpjs.length > 0 ? cnpjs : null;
  }
}

@ObjectType('BusinessOtherDocument', { simpleResolvers: true })
@Entity('business_other_documents')
export class BusinessOtherDocument extends childOf(() => BusinessIdentification, 'identificationId', 'identification') {
  @Field(() => String, { nullable: true, description: 'Document type, free text (max 20).' })
  @TextColumn(20, { nullable: true })
  type!: string | null;

  @Field({ description: 'Document number (max 20).' })
  @TextColumn(20)
  number!: string;

  @Field({ description: 'ISO-3166 alpha-3 or NA.' })
  @TextColumn(3)
  country!: string;

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('expirationDateOrNull') })
  get expirationDate(): string {
    return this.expirationDateOrNull ?? NOT_AVAILABLE;
  }

  static readonly readsFrom = { expirationDate: ['expirationDateOrNull'] };

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when the document does not expire (1.0.3: NA).' })
  @DateTextColumn({ nullable: true, name: 'expirationDate' })
  expirationDateOrNull!: string | null;
}

@ObjectType('PartiesParticipation', { simpleResolvers: true, description: 'A partner (SOCIO) or administrator of the company.' })
@Entity('business_parties')
export class BusinessParty extends childOf(() => BusinessIdentification, 'identificationId', 'identification') {
  @Field(() => EnumPartiesPersonType)
  @EnumColumn(EnumPartiesPersonType)
  personType!: EnumPartiesPersonType;

  @Field(() => EnumPartiesType)
  @EnumColumn(EnumPartiesType)
  type!: EnumPartiesType;

  @Field({ description: 'Civil name, for natural persons (max 70), NA otherwise.', deprecationReason: naShapeUse('civilNameOrNull') })
  get civilName(): string {
    return this.civilNameOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'Social name (max 70), NA when none.', deprecationReason: naShapeUse('socialNameOrNull') })
  get socialName(): string {
    return this.socialNameOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: 'Corporate name, for legal persons (max 70), NA otherwise.', deprecationReason: naShapeUse('companyNameOrNull') })
  get companyName(): string {
    return this.companyNameOrNull ?? NOT_AVAILABLE;
  }

  @Field(() => String, { nullable: true, description: 'Trade name (max 70).' })
  @TextColumn(70, { nullable: true })
  tradeName!: string | null;

  @Field(() => DateTimeScalar)
  @InstantColumn()
  startDate!: Date;

  @Field({
    description: 'Share of the capital as a fraction with two decimals, e.g. 0.51, or NA (maxLength 4, as in the YAML).',
    deprecationReason: 'Customers API 1.0.3 shape (two decimals, NA when not a partner): use shareholdingFraction.',
  })
  get shareholding(): string {
    return this.shareholdingOrNull ?? NOT_AVAILABLE;
  }

  /** The share as stored (two decimals); NULL when not a partner. */
  @TextColumn(4, { nullable: true, name: 'shareholding' })
  shareholdingOrNull!: string | null;

  @Field(() => EnumPartiesParticipationDocumentType)
  @EnumColumn(EnumPartiesParticipationDocumentType)
  documentType!: EnumPartiesParticipationDocumentType;

  @Field({ description: 'Document number (max 20).' })
  @TextColumn(20)
  documentNumber!: string;

  @Field(() => String, { nullable: true, description: 'Extra document information (max 100).' })
  @TextColumn(100, { nullable: true })
  documentAdditionalInfo!: string | null;

  @Field({ description: 'ISO-3166 alpha-3.' })
  @TextColumn(3)
  documentCountry!: string;

  @Field({ description: 'YYYY-MM-DD or NA.', deprecationReason: naShapeUse('documentExpirationDateOrNull') })
  get documentExpirationDate(): string {
    return this.documentExpirationDateOrNull ?? NOT_AVAILABLE;
  }

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @DateTextColumn({ nullable: true })
  documentIssueDate!: string | null;

  static readonly readsFrom = {
    civilName: ['civilNameOrNull'],
    socialName: ['socialNameOrNull'],
    companyName: ['companyNameOrNull'],
    shareholding: ['shareholdingOrNull'],
    shareholdingFraction: ['shareholdingOrNull'],
    documentExpirationDate: ['documentExpirationDateOrNull'],
  };

  @Field(() => String, { nullable: true, description: 'Civil name, for natural persons (max 70); null otherwise (1.0.3: NA).' })
  @TextColumn(70, { nullable: true, name: 'civilName' })
  civilNameOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'Social name (max 70); null when none (1.0.3: NA).' })
  @TextColumn(70, { nullable: true, name: 'socialName' })
  socialNameOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'Corporate name, for legal persons (max 70); null otherwise (1.0.3: NA).' })
  @TextColumn(70, { nullable: true, name: 'companyName' })
  companyNameOrNull!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Customers API 2.x shareholding: the same fraction with six decimals (^[01]\\.\\d{6}$, e.g. 0.510000); null when not a partner (1.0.3: NA).',
  })
  get shareholdingFraction(): string | null {
    const match = /^([01])\.(\d{1,6})$/.exec(this.shareholdingOrNull ?? '');
    return match ? `${match[1]}.${match[2].padEnd(6, '0')}` : null;
  }

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when the document does not expire (1.0.3: NA).' })
  @DateTextColumn({ nullable: true, name: 'documentExpirationDate' })
  documentExpirationDateOrNull!: string | null;
}

@ObjectType('BusinessInformedRevenue', { simpleResolvers: true })
export class BusinessInformedRevenue {
  @Field(() => EnumInformedRevenueFrequency)
  @EnumColumn(EnumInformedRevenueFrequency)
  frequency!: EnumInformedRevenueFrequency;

  @Field(() => String, { nullable: true, description: 'Required when frequency is OUTROS (max 100).' })
  @TextColumn(100, { nullable: true })
  frequencyAdditionalInfo!: string | null;

  @AmountField()
  amount!: string;

  @CurrencyField()
  currency!: string;

  @Field(() => Int, { nullable: true, description: 'Reference year.' })
  @Column({ type: 'integer', nullable: true })
  year!: number | null;
}

@ObjectType('BusinessInformedPatrimony', { simpleResolvers: true })
export class BusinessInformedPatrimony extends InformedPatrimony {
  @Field({ description: 'Reference date, YYYY-MM-DD or NA.' })
  @DateTextColumn()
  date!: string;
}

@ObjectType('BusinessRevenue', {
  simpleResolvers: true,
  description: 'Customers API 2.x InformedRevenue: the amount as a MonetaryAmount, no frequency when none was informed.',
})
export class BusinessRevenue {
  @Field(() => EnumInformedRevenueFrequency, {
    nullable: true,
    description: 'Null when no frequency was informed (1.0.3: SEM_FREQUENCIA_FATURAMENTO_INFORMADO).',
  })
  frequency!: EnumInformedRevenueFrequency | null;

  @Field(() => String, { nullable: true, description: 'Required when frequency is OUTROS (max 100).' })
  frequencyAdditionalInfo!: string | null;

  @Field(() => MonetaryAmount)
  amount!: MonetaryAmount;

  @Field(() => Int, { nullable: true, description: 'Reference year.' })
  year!: number | null;
}

@ObjectType('BusinessPatrimony', {
  simpleResolvers: true,
  description: 'Customers API 2.x BusinessInformedPatrimony: the amount as a MonetaryAmount, a real date.',
})
export class BusinessPatrimony {
  @Field(() => MonetaryAmount)
  amount!: MonetaryAmount;

  @Field({ description: 'Reference date, YYYY-MM-DD.' })
  date!: string;
}

@ObjectType('BusinessQualification', { simpleResolvers: true, description: 'BusinessQualificationData: economic activities, revenue and patrimony.' })
@Entity('business_qualifications')
export class BusinessQualification extends customerRecordOf(() => BusinessCustomer) {
  @Field(() => BusinessInformedRevenue, { deprecationReason: 'Customers API 1.0.3 shape (amount as a number): use revenue.' })
  @Column(() => BusinessInformedRevenue, { prefix: 'revenue' })
  informedRevenue!: BusinessInformedRevenue;

  @Field(() => BusinessInformedPatrimony, { deprecationReason: 'Customers API 1.0.3 shape (amount as a number, NA dates): use patrimony.' })
  @Column(() => BusinessInformedPatrimony, { prefix: 'patrimony' })
  informedPatrimony!: BusinessInformedPatrimony;

  /** What the computed fields read (see DirectRows: lean reads load only what a selection needs). */
  static readonly readsFrom = { revenue: ['informedRevenue'], patrimony: ['informedPatrimony'] };

  @Field(() => BusinessRevenue, { description: 'The informed revenue as Customers API 2.x has it.' })
  get revenue(): BusinessRevenue {
    const revenue = this.informedRevenue;
    return {
      frequency: revenue.frequency === EnumInformedRevenueFrequency.SEM_FREQUENCIA_FATURAMENTO_INFORMADO ? null : revenue.frequency,
      frequencyAdditionalInfo: revenue.frequencyAdditionalInfo,
      amount: { amount: revenue.amount, currency: revenue.currency },
      year: revenue.year,
    };
  }

  @Field(() => BusinessPatrimony, {
    nullable: true,
    description: 'The informed patrimony as Customers API 2.x has it; null without a reference date (2.x has no NA).',
  })
  get patrimony(): BusinessPatrimony | null {
    const patrimony = this.informedPatrimony;
    if (!patrimony || !/^\d{4}-\d{2}-\d{2}$/.test(patrimony.date)) return null;
    return { amount: { amount: patrimony.amount, currency: patrimony.currency }, date: patrimony.date };
  }
}

@ObjectType('EconomicActivity', { simpleResolvers: true })
@Entity('economic_activities')
export class EconomicActivity extends childOf(() => BusinessQualification, 'qualificationId', 'qualification') {
  @Field(() => Int, { description: 'CNAE code, 7 digits.', deprecationReason: 'Customers API 1.0.3 shape (a number: leading zeros lost): use cnaeCode.' })
  @Column({ type: 'integer' })
  code!: number;

  /** What the computed fields read (see DirectRows). */
  static readonly readsFrom = { cnaeCode: ['code'] };

  @Field({ description: 'CNAE code as Customers API 2.x has it: 7 characters, leading zeros kept (^\\d{7}$).' })
  get cnaeCode(): string {
    return String(this.code).padStart(7, '0');
  }

  @Field({ description: 'Whether this is the main activity (exactly one is).' })
  @Column({ type: 'boolean' })
  isMain!: boolean;
}

@ObjectType('BusinessFinancialRelation', { simpleResolvers: true, description: 'BusinessFinancialRelationData: relationship with the institution.' })
@Entity('business_financial_relations')
export class BusinessFinancialRelation extends financialRelationOf(() => BusinessCustomer) {}

@Entity('business_products_services')
export class BusinessProductService extends productServiceOf(() => BusinessFinancialRelation) {}

@ObjectType('BusinessProcurator', { simpleResolvers: true })
@Entity('business_procurators')
export class BusinessProcurator extends procuratorOf(
  () => BusinessFinancialRelation,
  EnumProcuratorsTypeBusiness,
  { property: 'cnpjCpfNumber', length: 14, description: 'CPF (11) or CNPJ (14) digits, or NA.' },
  'Civil or corporate name (max 70).',
) {}

@ObjectType('BusinessAccount', { simpleResolvers: true })
@Entity('business_accounts')
export class BusinessAccount extends accountOf(() => BusinessFinancialRelation) {}
