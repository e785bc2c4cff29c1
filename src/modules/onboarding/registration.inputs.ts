import { Field, InputType } from 'type-graphql';
import { DecimalInputScalar } from '../../platform/scalars';
import { DeclaredIncome, PepLevel } from './onboarding.enums';

/** registerCustomer's input, field for field the body of Bankly's PUT /customers/{documentNumber}. */

@InputType({ description: 'Mobile phone able to receive SMS.' })
export class PhoneInput {
  @Field({ description: 'Country calling code (DDI), digits only, e.g. 55. Blocked countries are refused.' })
  countryCode!: string;

  @Field({ description: 'Number with area code (DDD), digits only, e.g. 11987654321.' })
  number!: string;
}

@InputType()
export class AddressInput {
  @Field({ description: 'CEP, 8 digits.' })
  zipCode!: string;

  @Field({ description: 'Street, avenue… (max 256).' })
  addressLine!: string;

  @Field({ description: 'Up to 10 characters; S/N when there is no number.' })
  buildingNumber!: string;

  @Field(() => String, { nullable: true, description: 'e.g. Apto 123, Casa B (max 256).' })
  complement?: string | null;

  @Field({ description: 'Neighbourhood or district (max 256).' })
  neighborhood!: string;

  @Field({ description: 'City (max 256); avoid accents and special characters.' })
  city!: string;

  @Field({ description: 'UF, ISO 3166-2:BR, e.g. SP.' })
  state!: string;

  @Field({ description: 'Country, ISO 3166: BR.' })
  country!: string;
}

@InputType()
export class AssertedIncomeInput {
  @Field(() => DecimalInputScalar, { description: 'From 0.00 to 99999999999999.99, at most two decimals (a string keeps every digit).' })
  value!: string;

  @Field(() => String, { nullable: true, defaultValue: 'BRL', description: 'ISO-4217 currency; BRL by default.' })
  currency?: string | null;
}

@InputType()
export class PepInput {
  @Field(() => PepLevel)
  level!: PepLevel;
}

@InputType({ description: 'Tokens returned by the document analysis of the selfie and both sides of the ID card.' })
export class DocumentationInput {
  @Field()
  selfie!: string;

  @Field()
  idCardFront!: string;

  @Field()
  idCardBack!: string;
}

@InputType()
export class RegisterCustomerInput {
  @Field({ description: 'Full name as on the ID document, without abbreviations.' })
  registerName!: string;

  @Field(() => String, { nullable: true, description: 'Name the person wishes to be called by.' })
  socialName?: string | null;

  @Field({ description: 'YYYY-MM-DD; the customer must be at least 18.' })
  birthDate!: string;

  @Field(() => PhoneInput)
  phone!: PhoneInput;

  @Field(() => AddressInput)
  address!: AddressInput;

  @Field(() => DeclaredIncome, { nullable: true, deprecationReason: 'Obsolete since 2023-11-27: send assertedIncome.' })
  declaredIncome?: DeclaredIncome | null;

  @Field(() => AssertedIncomeInput)
  assertedIncome!: AssertedIncomeInput;

  @Field({ description: 'Occupation code, OCP followed by four digits (main source of income).' })
  occupation!: string;

  @Field(() => PepInput)
  pep!: PepInput;

  @Field({ description: "Mother's full name as on the ID document." })
  motherName!: string;

  @Field({ description: 'E-mail; one address cannot be used by two customers.' })
  email!: string;

  @Field(() => DocumentationInput)
  documentation!: DocumentationInput;
}

@InputType({
  description:
    'The fields updateCustomer may change (Bankly PATCH /customers/{documentNumber}); each is optional, at least one is required, each is checked as registerCustomer checks it.',
})
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true, description: 'New e-mail; must not be in use by another customer.' })
  email?: string | null;

  @Field(() => PhoneInput, { nullable: true, description: 'New mobile phone; must not be in use by another customer.' })
  phone?: PhoneInput | null;

  @Field(() => String, { nullable: true, description: 'New social name; blank removes it.' })
  socialName?: string | null;

  @Field(() => AddressInput, { nullable: true, description: 'New address (the whole address).' })
  address?: AddressInput | null;

  @Field(() => AssertedIncomeInput, { nullable: true })
  assertedIncome?: AssertedIncomeInput | null;

  @Field(() => String, { nullable: true, description: 'Occupation code, OCP followed by four digits.' })
  occupation?: string | null;

  @Field(() => PepInput, { nullable: true })
  pep?: PepInput | null;
}
