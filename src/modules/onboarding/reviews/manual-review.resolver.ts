import { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import { Arg, Args, Ctx, Field, FieldResolver, Info, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAnalyst, reachOf } from '../../../platform/security/policies';
import { assertCpf } from '../../customers';
import { GatewayContext } from '../../../platform/graphql/context';
import { isValidCpf } from '../../../platform/documents';
import { clientCodeOf } from '../../../platform/errors';
import { ConnectionType, PageArgs, paginate } from '../../../platform/pagination';
import { selectedFields } from '../../../platform/selection';
import { assertTexts } from '../../../platform/text';
import { DocumentAnalysis } from '../documents/document-analysis.entity';
import { CustomerEvent, CustomerRegistration } from '../registration.entities';
import { ManualReview, ManualReviewDecision, ManualReviewStatus } from './manual-review.entity';

@InputType()
export class ManualReviewFilter {
  @Field(() => ManualReviewStatus, { nullable: true })
  status?: ManualReviewStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true: OPEN and past dueAt; false: the others.' })
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Claimed by this analyst (token subject).' })
  assignedTo?: string | null;
}

@ObjectType()
class ManualReviewConnection extends ConnectionType(ManualReview, 'ManualReview') {}

/** Every review action is audited under the customer (action MANUAL_REVIEW), and so is its refusal, with its code. */
const AUDIT_ACTION = 'MANUAL_REVIEW';

async function audited(context: GatewayContext, documentNumber: string, step: string, write: () => Promise<ManualReview>): Promise<ManualReview> {
  assertCpf(documentNumber, 'documentNumber');
  try {
    const review = await write();
    context.audit.recordAll(documentNumber, [`manualReview.${step}`], AUDIT_ACTION);
    return review;
  } catch (error) {
    if (isValidCpf(documentNumber)) {
      context.audit.record(documentNumber, `manualReview.${step}:rejected:${clientCodeOf(error)}`, AUDIT_ACTION);
    }
    throw error;
  }
}

const analyst = (context: GatewayContext) => context.viewer!.subject;

@Resolver(() => ManualReview)
export class ManualReviewResolver {
  @Mutation(() => ManualReview, {
    description:
      'Asks for the manual review of a REPROVED registration (once per reprovation): status IN_MANUAL_REVIEW, ' +
      'due in 7 Brazilian business days; emits CUSTOMER_IN_MANUAL_REVIEW. Refusals: CUSTOMER_NOT_FOUND, CUSTOMER_NOT_REPROVED, ' +
      'MANUAL_REVIEW_ALREADY_REQUESTED; reason: REQUIRED, INVALID_CHARACTERS, TOO_LONG.',
  })
  requestManualReview(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('reason', { description: 'Why the review is asked for, up to 1000 characters.' }) reason: string,
    @Ctx() context: GatewayContext,
  ) {
    return audited(context, documentNumber, 'requested', () =>
      context.reviews.request(documentNumber, reason, context.viewer?.subject ?? null, reachOf(context.viewer)),
    );
  }
  @Query(() => ManualReviewConnection, { description: 'Analysts: the manual reviews, oldest due first.' })
  async manualReviews(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ManualReviewFilter, { nullable: true }) filter: ManualReviewFilter | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertTexts({ 'filter.assignedTo': filter?.assignedTo });
    const connection = await paginate(context.reviews.query(filter ?? {}), page, context.config.maxPageSize, info);
    // Each review the page carries is audited under its customer, with the review fields selected.
    const edges = selectedFields(info).get('edges');
    const node = edges && selectedFields(info, edges).get('node');
    const resources = node ? [...selectedFields(info, node).keys()].map((name) => `manualReview.${name}`) : [];
    if (resources.length) for (const { node: review } of connection.edges) context.audit.recordAll(review.documentNumber, resources);
    return connection;
  }
  @Mutation(() => ManualReview, {
    description:
      "Analysts: takes the CPF's open review (claimedBy = the caller). Two analysts cannot both claim it: " +
      'MANUAL_REVIEW_ALREADY_CLAIMED; also MANUAL_REVIEW_NOT_FOUND, MANUAL_REVIEW_ALREADY_DECIDED.',
  })
  claimManualReview(@Arg('documentNumber') documentNumber: string, @Ctx() context: GatewayContext) {
    return audited(context, documentNumber, 'claimed', () => context.reviews.claim(documentNumber, analyst(context)));
  }
  @Mutation(() => ManualReview, {
    description:
      'Analysts, the claimant only (MANUAL_REVIEW_NOT_CLAIMED_BY_YOU): KEEP_REPROVED is final at once (CUSTOMER_WAS_REPROVED ' +
      "again, with the review's reasons; the CPF stays refused); APPROVE is a proposal another analyst confirms (confirmManualReview).",
  })
  decideManualReview(
    @Arg('documentNumber') documentNumber: string,
    @Arg('decision', () => ManualReviewDecision) decision: ManualReviewDecision,
    @Arg('justification', { description: 'Why, up to 1000 characters (analysts only; never sent to partners).' }) justification: string,
    @Ctx() context: GatewayContext,
  ) {
    return audited(context, documentNumber, `decided:${decision}`, () => context.reviews.decide(documentNumber, decision, justification, analyst(context)));
  }
  @Mutation(() => ManualReview, {
    description:
      'Analysts, never the claimant (FOUR_EYES_REQUIRED): confirms an APPROVE proposal (else MANUAL_REVIEW_NOT_PROPOSED); the ' +
      'registration is then approved by the same path as an automatic approval (customer, account, CUSTOMER_WAS_APPROVED, ACCOUNT_WAS_CREATED).',
  })
  confirmManualReview(@Arg('documentNumber') documentNumber: string, @Ctx() context: GatewayContext) {
    return audited(context, documentNumber, 'confirmed', () => context.reviews.confirm(documentNumber, analyst(context)));
  }

  @FieldResolver(() => [String], { nullable: true, description: "The reprovation's reasons when the review was asked for; null for non-analysts." })
  reprovationReasons(@Root() review: ManualReview, @Ctx() { viewer }: GatewayContext) {
    return isAnalyst(viewer) ? review.reprovationReasons : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The analyst working on it (token subject); null until claimed, and for non-analysts (staff identities stay internal).',
  })
  claimedBy(@Root() review: ManualReview, @Ctx() { viewer }: GatewayContext) {
    return isAnalyst(viewer) ? review.claimedBy : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The second analyst who confirmed an APPROVE (never the claimant); null for non-analysts.' })
  confirmedBy(@Root() review: ManualReview, @Ctx() { viewer }: GatewayContext) {
    return isAnalyst(viewer) ? review.confirmedBy : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The claimant's justification; null for non-analysts." })
  justification(@Root() review: ManualReview, @Ctx() { viewer }: GatewayContext) {
    return isAnalyst(viewer) ? review.justification : null;
  }

  @FieldResolver(() => CustomerRegistration, {
    nullable: true,
    description: 'The reviewed registration (current status, reasons, events); null for non-analysts.',
  })
  registration(@Root() review: ManualReview, @Ctx() { loaders, dataSource, viewer }: GatewayContext) {
    if (!isAnalyst(viewer)) return null;
    return loaders
      .named<number, CustomerRegistration | null>('manualReview.registration', async (ids) => {
        const rows = await dataSource.getRepository(CustomerRegistration).findBy({ id: In([...ids]) });
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(review.registrationId);
  }

  @FieldResolver(() => [CustomerEvent], { nullable: true, description: "The registration's event history, oldest first; null for non-analysts." })
  events(@Root() review: ManualReview, @Ctx() { loaders, viewer }: GatewayContext) {
    if (!isAnalyst(viewer)) return null;
    return loaders.childrenOf(CustomerEvent, 'registrationId').load(review.registrationId);
  }

  @FieldResolver(() => [DocumentAnalysis], { nullable: true, description: "The CPF's document analyses, oldest first; null for non-analysts." })
  documentAnalyses(@Root() review: ManualReview, @Ctx() { loaders, dataSource, viewer }: GatewayContext) {
    if (!isAnalyst(viewer)) return null;
    return loaders
      .named<string, DocumentAnalysis[]>('manualReview.documentAnalyses', async (cpfs) => {
        const rows = await dataSource.getRepository(DocumentAnalysis).find({ where: { documentNumber: In([...cpfs]) }, order: { id: 'ASC' } });
        return cpfs.map((cpf) => rows.filter((row) => row.documentNumber === cpf));
      })
      .load(review.documentNumber);
  }
}
