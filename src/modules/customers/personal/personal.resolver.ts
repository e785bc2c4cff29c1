import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../../../platform/graphql/context';
import { requestedFieldNames } from '../../../platform/selection';
import { PersonalContacts } from '../contacts/contact.entities';
import { personalKind } from '../customer-kinds';
import { customerResolvers } from '../customer.resolver';
import { Filiation, Nationality, NationalityOtherDocument, PersonalIdentification, PersonalOtherDocument } from './personal.entities';

/** What only natural persons have: documents, nationalities and filiation under an identification. */

@Resolver(() => PersonalIdentification)
export class PersonalIdentificationResolver {
  @FieldResolver(() => [PersonalOtherDocument])
  otherDocuments(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(PersonalOtherDocument, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Nationality])
  nationality(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Nationality, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => [Filiation])
  filiation(@Root() identification: PersonalIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(Filiation, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => PersonalContacts)
  contacts(@Root() identification: PersonalIdentification) {
    return new PersonalContacts(identification.id);
  }
}

@Resolver(() => Nationality)
export class NationalityResolver {
  @FieldResolver(() => [NationalityOtherDocument])
  documents(@Root() nationality: Nationality, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(NationalityOtherDocument, 'nationalityId', requestedFieldNames(info)).load(nationality.id);
  }
}

export const personalResolvers = [...customerResolvers(personalKind), PersonalIdentificationResolver, NationalityResolver] as const;
