import { Field, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DateTimeScalar } from '../../platform/scalars';
import { assertTexts } from '../../platform/text';
import { EnumCountrySubDivision, EnumProductServiceType } from './enums';

/** Filters shared by personalCustomers and businessCustomers; all given ones must match. */
@InputType()
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Part of the civil/social name (personal) or company/trade name (business).' })
  @MaxLength(70)
  name?: string | null;

  @Field(() => EnumCountrySubDivision, { nullable: true, description: "UF of any of the customer's postal addresses." })
  state?: EnumCountrySubDivision | null;

  @Field(() => EnumProductServiceType, { nullable: true, description: 'A product or service the customer holds.' })
  productServiceType?: EnumProductServiceType | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Identification updated at or after this instant.' })
  updatedFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Identification updated at or before this instant.' })
  updatedTo?: Date | null;
}

/** Table names a customer list needs to apply CustomerFilter (personal or business). */
export interface FilterTables {
  identifications: string;
  nameColumns: string[];
  contactColumn: 'personalIdentificationId' | 'businessIdentificationId';
  financialRelations: string;
  productsServices: string;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** Adds the filter as EXISTS sub-queries, so a customer appears once whatever matches. */
export function applyCustomerFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: CustomerFilter | undefined | null, t: FilterTables) {
  if (!filter) return query;
  // The shared free-text rule (INVALID_CHARACTERS): on SQLite a NUL in the pattern would match every name.
  assertTexts({ 'filter.name': filter.name });
  const c = query.alias;
  const identificationExists = (condition: string) => `EXISTS (SELECT 1 FROM ${t.identifications} fi WHERE fi.customerId = ${c}.id AND ${condition})`;
  if (filter.name) {
    query.andWhere(
      new Brackets((q) => {
        for (const column of t.nameColumns) q.orWhere(identificationExists(`LOWER(fi.${column}) LIKE :name ESCAPE '!'`));
      }),
      { name: `%${escapeLike(filter.name.toLowerCase())}%` },
    );
  }
  if (filter.updatedFrom) query.andWhere(identificationExists('fi.updateDateTime >= :updatedFrom'), { updatedFrom: filter.updatedFrom });
  if (filter.updatedTo) query.andWhere(identificationExists('fi.updateDateTime <= :updatedTo'), { updatedTo: filter.updatedTo });
  if (filter.state) {
    query.andWhere(identificationExists(`EXISTS (SELECT 1 FROM postal_addresses fa WHERE fa.${t.contactColumn} = fi.id AND fa.countrySubDivision = :state)`), {
      state: filter.state,
    });
  }
  if (filter.productServiceType) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM ${t.financialRelations} fr JOIN ${t.productsServices} fp ON fp.financialRelationId = fr.id
        WHERE fr.customerId = ${c}.id AND fp.type = :productServiceType)`,
      { productServiceType: filter.productServiceType },
    );
  }
  return query;
}
