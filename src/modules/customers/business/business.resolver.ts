import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../../../platform/graphql/context';
import { requestedFieldNames } from '../../../platform/selection';
import { BusinessContacts } from '../contacts/contact.entities';
import { businessKind } from '../customer-kinds';
import { customerResolvers } from '../customer.resolver';
import { BusinessIdentification, BusinessOtherDocument, BusinessParty, BusinessQualification, EconomicActivity } from './business.entities';

/** What only legal persons have: other documents and parties under an identification, economic activities. */

@Resolver(() => BusinessIdentification)
export class BusinessIdentificationResolver {
  @FieldResolver(() => [BusinessOtherDocument], { nullable: true, description: 'For companies abroad without CNPJ; null when none.' })
  async otherDocuments(@Root() identification: BusinessIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const documents = await loaders.childrenOf(BusinessOtherDocument, 'identificationId', requestedFieldNames(info)).load(identification.id);
    // Optional with minItems 1 in the spec: absent rather than an empty list.
    return documents.length > 0 ? documents : null;
  }

  @FieldResolver(() => [BusinessParty])
  parties(@Root() identification: BusinessIdentification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(BusinessParty, 'identificationId', requestedFieldNames(info)).load(identification.id);
  }

  @FieldResolver(() => BusinessContacts)
  contacts(@Root() identification: BusinessIdentification) {
    return new BusinessContacts(identification.id);
  }
}

@Resolver(() => BusinessQualification)
export class BusinessQualificationResolver {
  @FieldResolver(() => [EconomicActivity])
  economicActivities(@Root() qualification: BusinessQualification, @Ctx() { loaders }: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(EconomicActivity, 'qualificationId', requestedFieldNames(info)).load(qualification.id);
  }
}

export const businessResolvers = [...customerResolvers(businessKind), BusinessIdentificationResolver, BusinessQualificationResolver] as const;
