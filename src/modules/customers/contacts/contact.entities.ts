import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EnumColumn, TextColumn } from '../../../platform/data/columns';
import { naShapeUse, NOT_AVAILABLE } from '../bases';
import { EnumCountrySubDivision, EnumCustomerPhoneType } from '../enums';

/**
 * Contacts (postal addresses, phones, e-mails) have the same shape for natural
 * and legal persons in the spec, so one table each serves both: a row belongs
 * to exactly one personal or one business identification.
 */
abstract class ContactOwner {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @Column({ type: 'integer', nullable: true })
  personalIdentificationId!: number | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  businessIdentificationId!: number | null;

  @ManyToOne('PersonalIdentification', { onDelete: 'CASCADE', onUpdate: 'CASCADE', nullable: true })
  personalIdentification?: unknown;

  @ManyToOne('BusinessIdentification', { onDelete: 'CASCADE', onUpdate: 'CASCADE', nullable: true })
  businessIdentification?: unknown;
}

@ObjectType('GeographicCoordinates', { simpleResolvers: true })
export class GeographicCoordinates {
  @Field(() => String, { nullable: true, description: 'Latitude, pattern `^-?\\d{1,2}\\.\\d{1,9}$`.' })
  @Column({ type: 'varchar', length: 13, nullable: true })
  latitude!: string | null;

  @Field(() => String, { nullable: true, description: 'Longitude, pattern `^-?\\d{1,3}\\.\\d{1,8}$`.' })
  @Column({ type: 'varchar', length: 13, nullable: true })
  longitude!: string | null;
}

@ObjectType('PostalAddress', { simpleResolvers: true, description: 'Shared shape of PersonalPostalAddress and BusinessPostalAddress (not exposed by itself).' })
@Entity('postal_addresses')
export class PostalAddress extends ContactOwner {
  @Field({ description: 'Whether this is the main address.' })
  @Column({ type: 'boolean' })
  isMain!: boolean;

  @Field({ description: 'Street, number and complement (max 150).' })
  @TextColumn(150)
  address!: string;

  @Field(() => String, { nullable: true, description: 'Additional information (max 30).' })
  @TextColumn(30, { nullable: true })
  additionalInfo!: string | null;

  @Field({ description: 'District / neighbourhood (max 50).' })
  @TextColumn(50)
  districtName!: string;

  @Field({ description: 'Town or municipality (max 50).' })
  @TextColumn(50)
  townName!: string;

  @Field(() => String, { nullable: true, description: 'IBGE municipality code, 7 digits.' })
  @TextColumn(7, { nullable: true })
  ibgeTownCode!: string | null;

  @Field(() => EnumCountrySubDivision)
  @EnumColumn(EnumCountrySubDivision)
  countrySubDivision!: EnumCountrySubDivision;

  @Field({ description: 'CEP, 8 digits without mask, or NA.' })
  @TextColumn(8)
  postCode!: string;

  @Field({ description: 'Country name (max 80), e.g. Brasil.' })
  @TextColumn(80)
  country!: string;

  @Field(() => String, { nullable: true, description: 'ISO-3166 alpha-3 country code, e.g. BRA.' })
  @TextColumn(3, { nullable: true })
  countryCode!: string | null;

  /** What the computed fields read (see DirectRows: lean reads load only what a selection needs). */
  static readonly readsFrom = { geographicCoordinates: ['coordinates'] };

  @Column(() => GeographicCoordinates, { prefix: 'geo' })
  coordinates!: GeographicCoordinates;

  @Field(() => GeographicCoordinates, { nullable: true })
  get geographicCoordinates(): GeographicCoordinates | null {
    const c = this.coordinates;
    return c && (c.latitude !== null || c.longitude !== null) ? c : null;
  }
}

@ObjectType('PersonalPostalAddress', { simpleResolvers: true })
export class PersonalPostalAddress extends PostalAddress {}

@ObjectType('BusinessPostalAddress', { simpleResolvers: true })
export class BusinessPostalAddress extends PostalAddress {}

@ObjectType('CustomerPhone', { simpleResolvers: true })
@Entity('phones')
export class Phone extends ContactOwner {
  @Field()
  @Column({ type: 'boolean' })
  isMain!: boolean;

  @Field(() => EnumCustomerPhoneType)
  @EnumColumn(EnumCustomerPhoneType)
  type!: EnumCustomerPhoneType;

  @Field(() => String, { nullable: true, description: 'Required when type is OUTRO (max 70).' })
  @TextColumn(70, { nullable: true })
  additionalInfo!: string | null;

  @Field({ description: 'Country calling code (DDI), 2-4 digits or NA.', deprecationReason: naShapeUse('countryCallingCodeOrNull') })
  get countryCallingCode(): string {
    return this.countryCallingCodeOrNull ?? NOT_AVAILABLE;
  }

  /** The Brazilian area code; NULL for a foreign number (which 2.x leaves out: its phones require one). */
  @TextColumn(2, { nullable: true, name: 'areaCode' })
  areaCodeOrNull!: string | null;

  @Field({ description: 'Brazilian area code (DDD) from EnumAreaCode, or NA.' })
  get areaCode(): string {
    return this.areaCodeOrNull ?? NOT_AVAILABLE;
  }

  @Field({ description: '8-11 digits, or NA.' })
  @Index()
  @TextColumn(11)
  number!: string;

  @Field({ description: 'Extension, 1-5 digits or NA.', deprecationReason: naShapeUse('phoneExtensionOrNull') })
  get phoneExtension(): string {
    return this.phoneExtensionOrNull ?? NOT_AVAILABLE;
  }

  static readonly readsFrom = {
    countryCallingCode: ['countryCallingCodeOrNull'],
    areaCode: ['areaCodeOrNull'],
    phoneExtension: ['phoneExtensionOrNull'],
  };

  @Field(() => String, { nullable: true, description: 'Country calling code (DDI), 1-4 digits; null when not known (1.0.3: NA).' })
  @TextColumn(4, { nullable: true, name: 'countryCallingCode' })
  countryCallingCodeOrNull!: string | null;

  @Field(() => String, { nullable: true, description: 'Extension, 1-5 digits; null when none (1.0.3: NA).' })
  @TextColumn(5, { nullable: true, name: 'phoneExtension' })
  phoneExtensionOrNull!: string | null;
}

@ObjectType('CustomerEmail', { simpleResolvers: true })
@Entity('emails')
export class Email extends ContactOwner {
  @Field()
  @Column({ type: 'boolean' })
  isMain!: boolean;

  @Field({ description: 'E-mail address (max 320).' })
  @Index()
  @TextColumn(320)
  email!: string;
}

/** Groups the three contact lists under `contacts`, as the spec nests them. */
@ObjectType('PersonalContacts', { simpleResolvers: true })
export class PersonalContacts {
  constructor(readonly ownerId: number) {}
}

@ObjectType('BusinessContacts', { simpleResolvers: true })
export class BusinessContacts {
  constructor(readonly ownerId: number) {}
}
