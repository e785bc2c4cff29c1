import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../../../platform/graphql/context';
import { requestedFieldNames } from '../../../platform/selection';
import { PersonalContacts } from '../contacts/contact.entities';
import { personalKind } from '../customer-kinds';
import { customerResolvers } from '../customer.resolver';
import {
  Filiation,
  Nationality,
  NationalityOtherDocument,
  passportOf,
  PaychecksBankLink,
  PersonalDocument,
  PersonalFinancialRelation,
  PersonalIdentification,
  PersonalOtherDocument,
  PersonalPassport,
  PortabilityReceived,
} from './personal.entities';

/** A list 2.x declares optional with at least one item: null rather than empty. */
const orNull = <T>(items: T[]): T[] | null => (items.length > 0 ? items : null);

/** What only natural persons have: documents, nationalities and filiation under an identification. */

@Resolver(() => PersonalIdentification)
export class PersonalIdentificationResolver {
  @FieldResolver(() => [PersonalOtherDocument], {
    deprecationReason: 'Customers API 1.0.3 shape (a SEM_OUTROS_DOCUMENTOS entry when there is none): use otherDocumentsOrNull.',
  })
  otherDocuments(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PersonalOtherDocument, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Nationality], { deprecationReason: 'Customers API 1.0.3 shape (an empty list when there is none): use nationalityOrNull.' })
  nationality(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Nationality, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Filiation], { deprecationReason: 'Customers API 1.0.3 shape (a SEM_FILIACAO entry named NA when unknown): use filiationOrNull.' })
  filiation(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Filiation, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [PersonalOtherDocument], {
    nullable: true,
    description: 'Customers API 2.x otherDocuments: the documents informed; null when none (no SEM_OUTROS_DOCUMENTOS entry).',
  })
  async otherDocumentsOrNull(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const documents = await loaders.childrenOf(PersonalOtherDocument, 'identificationId', [...requestedFieldNames(info), 'type']).load(identification.id);
    return orNull(documents.filter((document) => document.type !== 'SEM_OUTROS_DOCUMENTOS'));
  }

  @FieldResolver(() => [Nationality], { nullable: true, description: 'Customers API 2.x nationality: the other nationalities; null when none.' })
  async nationalityOrNull(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return orNull(await loaders.childrenOf(Nationality, 'identificationId', requestedFieldNames(info)).load(identification.id));
  }

  @FieldResolver(() => [Filiation], {
    nullable: true,
    description: 'Customers API 2.x filiation: the known parents; null when none (no SEM_FILIACAO entry, no NA name).',
  })
  async filiationOrNull(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const parents = await loaders.childrenOf(Filiation, 'identificationId', [...requestedFieldNames(info), 'type', 'civilNameOrNull']).load(identification.id);
    return orNull(parents.filter((parent) => parent.type !== 'SEM_FILIACAO' && parent.civilNameOrNull !== null));
  }

  @FieldResolver(() => PersonalContacts)
  contacts(@Root() identification: PersonalIdentification) {
    return new PersonalContacts(identification.id);
  }
}

@Resolver(() => PersonalDocument)
export class PersonalDocumentResolver {
  @FieldResolver(() => PersonalPassport, { nullable: true, description: 'Customers API 2.x passport; null when the customer has none (1.0.3: NA fields).' })
  passport(@Root() document: PersonalDocument): PersonalPassport | null {
    return passportOf(document);
  }
}

/** Customers API 2.x additions to a natural person's financial relation (optional lists with at least one item: null when none). */
@Resolver(() => PersonalFinancialRelation)
export class PersonalFinancialRelationResolver {
  @FieldResolver(() => [PaychecksBankLink], { nullable: true, description: 'Salary accounts held here for an employer (Customers API 2.x); null when none.' })
  async paychecksBankLink(@Root() relation: PersonalFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return orNull(await loaders.childrenOf(PaychecksBankLink, 'financialRelationId', requestedFieldNames(info)).load(relation.id));
  }

  @FieldResolver(() => [PortabilityReceived], {
    nullable: true,
    description: 'Salary portabilities this institution received (Customers API 2.x); null when none.',
  })
  async portabilitiesReceived(@Root() relation: PersonalFinancialRelation, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return orNull(await loaders.childrenOf(PortabilityReceived, 'financialRelationId', requestedFieldNames(info)).load(relation.id));
  }
}

@Resolver(() => Nationality)
export class NationalityResolver {
  @FieldResolver(() => [NationalityOtherDocument])
  documents(@Root() nationality: Nationality, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(NationalityOtherDocument, 'nationalityId', requestedFieldNames(info)).load(nationality.id);
  }
}

export const personalResolvers = [
  ...customerResolvers(personalKind),
  PersonalIdentificationResolver,
  PersonalDocumentResolver,
  PersonalFinancialRelationResolver,
  NationalityResolver,
] as const;
