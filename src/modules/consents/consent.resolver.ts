import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, Info, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { AuditEntry } from '../audit';
import { CONSENT_ID, Viewer } from '../../platform/security/viewer';
import { GatewayContext } from '../../platform/graphql/context';
import { InputError } from '../../platform/errors';
import { ConnectionType, PageArgs, paginate } from '../../platform/pagination';
import { DateTimeScalar } from '../../platform/scalars';
import { assertTexts } from '../../platform/text';
import { Consent, ConsentDocumentKind, ConsentRejectedBy, ConsentRejectionReason, ConsentStatus } from './consent.entity';
import { ConsentError } from './consents.errors';

@InputType()
export class CreateConsentInput {
  @Field(() => String, { nullable: true, description: 'The natural person (exactly one of cpf and cnpj).' })
  cpf?: string | null;

  @Field(() => String, { nullable: true, description: 'The company (exactly one of cpf and cnpj).' })
  cnpj?: string | null;

  @Field(() => [String], { description: 'Customers API permissions: CUSTOMERS_PERSONAL_* for a cpf, CUSTOMERS_BUSINESS_* for a cnpj, RESOURCES_READ.' })
  permissions!: string[];

  @Field(() => DateTimeScalar, { description: 'In the future, at most 12 months ahead.' })
  expirationDateTime!: Date;

  @Field({ description: 'The data receiver: the `sub` of the tokens that will carry this consent.' })
  receiver!: string;
}

@InputType()
export class ConsentFilter {
  @Field(() => ConsentStatus, { nullable: true })
  status?: ConsentStatus | null;

  @Field(() => String, { nullable: true })
  cpf?: string | null;

  @Field(() => String, { nullable: true })
  cnpj?: string | null;

  @Field(() => String, { nullable: true, description: 'Data receiver (token subject).' })
  receiver?: string | null;
}

/** One access to the customer's data, as the customer sees it (from the audit log). */
@ObjectType('DataAccess')
export class DataAccess {
  @Field(() => DateTimeScalar)
  at!: Date;

  @Field({ description: 'READ, or a change made for the customer: REGISTER, UPDATE, CANCEL.' })
  action!: string;

  @Field({ description: 'Who read: the token subject (the data receiver of a consent, or bank staff).' })
  receiver!: string;

  @Field(() => [String], { description: 'What was read: identifications, qualifications, financialRelations, cpfNumber, …' })
  blocks!: string[];

  @Field({ description: 'x-fapi-interaction-id of the request.' })
  interactionId!: string;

  @Field(() => String, { nullable: true })
  operationName!: string | null;
}

@ObjectType()
class ConsentConnection extends ConnectionType(Consent, 'Consent') {}

@ObjectType()
class DataAccessConnection extends ConnectionType(DataAccess, 'DataAccess') {}

function assertConsentId(consentId: string): void {
  if (!CONSENT_ID.test(consentId)) {
    throw new InputError([{ field: 'consentId', code: ConsentError.INVALID_FORMAT, message: 'must be urn:<namespace>:<id>, at most 256 characters' }]);
  }
}

/** Every consent change goes to the audit log (action CONSENT) under the consent's customer. */
function auditChange(context: GatewayContext, consent: Consent, change: string): void {
  context.audit.recordAll(consent.documentNumber, [`consent.${change}`, consent.consentId], 'CONSENT');
}

/** The documents a customer-bound viewer is: its CPF and/or CNPJ. */
function ownDocuments(viewer: Viewer): { kind: ConsentDocumentKind; document: string }[] {
  const bound = viewer.boundCustomer ?? {};
  return [
    ...(bound.cpf ? [{ kind: ConsentDocumentKind.CPF, document: bound.cpf }] : []),
    ...(bound.cnpj ? [{ kind: ConsentDocumentKind.CNPJ, document: bound.cnpj }] : []),
  ];
}

@Resolver(() => Consent)
export class ConsentResolver {
  @Mutation(() => Consent, { description: 'Records a consent request (AWAITING_AUTHORISATION) for a data receiver.' })
  async createConsent(@Arg('input', () => CreateConsentInput) input: CreateConsentInput, @Ctx() context: GatewayContext) {
    const consent = await context.consents.create(input);
    auditChange(context, consent, 'created');
    return consent;
  }
  @Mutation(() => Consent, { description: 'The customer confirmed: AWAITING_AUTHORISATION → AUTHORISED (else CONSENT_INVALID_STATUS).' })
  async authoriseConsent(@Arg('consentId') consentId: string, @Ctx() context: GatewayContext) {
    assertConsentId(consentId);
    const consent = await context.consents.authorise(consentId);
    auditChange(context, consent, 'authorised');
    return consent;
  }
  @Mutation(() => Consent, {
    description:
      'REJECTED with the reason, at once on every instance: the next operation (or subscription event) of its tokens is FORBIDDEN. ' +
      'A consent already REJECTED answers CONSENT_INVALID_STATUS.',
  })
  async revokeConsent(
    @Arg('consentId') consentId: string,
    @Arg('reason', () => ConsentRejectionReason) reason: ConsentRejectionReason,
    @Arg('rejectedBy', () => ConsentRejectedBy, { defaultValue: ConsentRejectedBy.USER }) rejectedBy: ConsentRejectedBy,
    @Ctx() context: GatewayContext,
  ) {
    assertConsentId(consentId);
    const consent = await context.consents.revoke(consentId, reason, rejectedBy);
    auditChange(context, consent, `rejected:${reason}`);
    return consent;
  }
  @Query(() => ConsentConnection, { description: 'Consents, oldest first.' })
  consents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ConsentFilter, { nullable: true }) filter: ConsentFilter | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertTexts({ 'filter.cpf': filter?.cpf, 'filter.cnpj': filter?.cnpj, 'filter.receiver': filter?.receiver });
    return paginate(context.consents.query(filter ?? {}), page, context.config.maxPageSize, info);
  }
  @Query(() => ConsentConnection, {
    description:
      "The consents of the calling customer (its CPF or CNPJ), oldest first: all of them for a customer token; for a data receiver's " +
      'consent token, only those granted to that receiver.',
  })
  myConsents(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const query = context.consents.query({});
    const own = ownDocuments(context.viewer!);
    query.andWhere(
      `(${own.map((_, i) => `(consent.documentKind = :kind${i} AND consent.documentNumber = :document${i})`).join(' OR ')})`,
      Object.fromEntries(
        own.flatMap(({ kind, document }, i) => [
          [`kind${i}`, kind],
          [`document${i}`, document],
        ]),
      ),
    );
    if (context.viewer!.consentId) query.andWhere('consent.receiver = :receiver', { receiver: context.viewer!.subject });
    return paginate(query, page, context.config.maxPageSize, info);
  }
  @Query(() => DataAccessConnection, {
    description:
      "Who read (or changed) the calling customer's data, which blocks, when, under which interaction id (from the audit log); oldest first. " +
      "A data receiver's consent token sees only its own accesses.",
  })
  async myDataAccesses(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const documents = ownDocuments(context.viewer!).map(({ document }) => document);
    const query = context.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('entry')
      .where('entry.customerDocument IN (:...documents)', { documents })
      .andWhere('entry.action <> :consent', { consent: 'CONSENT' }); // consent changes: myConsents
    if (context.viewer!.consentId) query.andWhere('entry.subject = :subject', { subject: context.viewer!.subject });
    const connection = await paginate(query, page, context.config.maxPageSize, info);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          at: node.at,
          action: node.action,
          receiver: node.subject,
          blocks: node.resources,
          interactionId: node.interactionId,
          operationName: node.operationName,
        },
      })),
    };
  }
}
