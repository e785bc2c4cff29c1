import { GraphQLResolveInfo } from 'graphql';
import { Arg, Int, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { auditObject, AuditAction } from '../audit';
import { canSeeReprovationReasons, reachOf } from '../../platform/security/policies';
import { Viewer } from '../../platform/security/viewer';
import { GatewayContext } from '../../platform/graphql/context';
import { isValidCpf } from '../../platform/documents';
import { InputError, clientCodeOf } from '../../platform/errors';
import { assertCpf } from '../customers';
import { CustomerEventMessage } from '../../platform/events/pubsub';
import { CancelReason } from './onboarding.enums';
import { RegisterCustomerInput, UpdateCustomerInput } from './registration.inputs';
import { CustomerEvent, CustomerRegistration } from './registration.entities';
import { followCustomerEvents } from './evaluation.stream';
import { OnboardingError } from './onboarding.errors';

const assertDocumentNumber = (documentNumber: string) => assertCpf(documentNumber, 'documentNumber');

function afterSequenceArg(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InputError([{ field: 'afterSequence', code: OnboardingError.INVALID_PARAMETER, message: 'a sequence number, 0 or more' }]);
  }
  return value;
}

/** Event data may carry reprovation reasons: hidden from callers who may not see them. */
function withVisibleData<T extends { data: Record<string, unknown> }>(event: T, viewer: Viewer | null): T {
  if (!('reasons' in event.data) || canSeeReprovationReasons(viewer)) return event;
  const { reasons: _hidden, ...data } = event.data;
  return { ...event, data };
}

/** Registration fields a caller gets as null (not returned, so not audited). */
const hiddenFrom = (context: GatewayContext): ReadonlySet<string> => (canSeeReprovationReasons(context.viewer) ? new Set() : new Set(['reasons']));

@Resolver(() => CustomerRegistration)
export class RegistrationResolver {
  @Mutation(() => CustomerRegistration, {
    description:
      'Registers a natural person (Bankly PUT /customers/{documentNumber}). Answers at once with status PENDING_APPROVAL; ' +
      'the automatic evaluation follows (subscribe to customerEvaluation). A canceled customer may register again: by the same partner, ' +
      "the canceled registration is replaced; by another, a new registration is made (its own id and events) and the canceled one stays the earlier partner's.",
  })
  async registerCustomer(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('input', () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.audited(context, info, documentNumber, 'REGISTER', () => context.registrations.register(documentNumber, input, context.viewer));
  }
  @Mutation(() => CustomerRegistration, {
    description:
      "Updates an APPROVED customer (Bankly PATCH /customers/{documentNumber}): the registration and the customer's " +
      'Open Banking identification and qualification, in one step; emits CUSTOMER_WAS_UPDATED with the names of the fields changed.',
  })
  async updateCustomer(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.audited(context, info, documentNumber, 'UPDATE', () => context.registrations.update(documentNumber, input, reachOf(context.viewer)));
  }
  @Mutation(() => CustomerRegistration, {
    description:
      'Cancels an APPROVED customer (Bankly PATCH /customers/{documentNumber}/cancel): status CANCELED, its account closed, ' +
      'its e-mail and phone released; emits CUSTOMER_WAS_CANCELED. The CPF may register again afterwards.',
  })
  async cancelCustomer(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('reason', () => CancelReason) reason: CancelReason,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertDocumentNumber(documentNumber);
    return this.audited(context, info, documentNumber, 'CANCEL', () => context.registrations.cancel(documentNumber, reason, reachOf(context.viewer)));
  }

  /** A write on a registration is audited as `action`, and so is its refusal for a valid CPF (its code can tell the CPF's state). */
  private async audited(
    context: GatewayContext,
    info: GraphQLResolveInfo,
    documentNumber: string,
    action: AuditAction,
    write: () => Promise<CustomerRegistration>,
  ) {
    try {
      const registration = await write();
      auditObject(context, info, documentNumber, 'registration', action, hiddenFrom(context));
      return registration;
    } catch (error) {
      if (isValidCpf(documentNumber)) {
        context.audit.record(documentNumber, `rejected:${clientCodeOf(error)}`, action);
      }
      throw error;
    }
  }
  @Query(() => CustomerRegistration, {
    nullable: true,
    description: "The CPF's latest registration the caller may see (a partner: one it made) and its evaluation; null when there is none.",
  })
  async customerRegistration(@Arg('documentNumber') documentNumber: string, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    assertDocumentNumber(documentNumber);
    const registration = await context.registrations.find(documentNumber, reachOf(context.viewer));
    if (registration) auditObject(context, info, documentNumber, 'registration', 'READ', hiddenFrom(context));
    return registration;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Reprovation reasons (REPROVED only); null for callers without the analyst or compliance role.',
  })
  reasons(@Root() registration: CustomerRegistration, @Ctx() { viewer }: GatewayContext) {
    return canSeeReprovationReasons(viewer) ? registration.reasons : null;
  }

  @FieldResolver(() => [CustomerEvent], { description: 'Full event history, oldest first.' })
  async events(@Root() registration: CustomerRegistration, @Ctx() { loaders, viewer }: GatewayContext) {
    const events = await loaders.childrenOf(CustomerEvent, 'registrationId').load(registration.id);
    return events.map((event) => withVisibleData(event, viewer));
  }

  @Subscription(() => CustomerEvent, {
    description:
      'The evaluation of a registration, live: first the current state (latest event), then every later event in order; ' +
      'with afterSequence, every event numbered higher instead (a reconnecting client passes the last sequence it saw and ' +
      'misses nothing, sees nothing twice). Completes once the evaluation is over (reprovation, or the account of an approval).',
    subscribe: async ({ args, context }) => {
      const gateway = context as GatewayContext;
      // Authorized on every subscribe (guardRootFields), not only at connection time; each event sent is audited below.
      assertDocumentNumber(args.documentNumber);
      return followCustomerEvents(gateway, args.documentNumber, afterSequenceArg(args.afterSequence));
    },
  })
  customerEvaluation(
    @Arg('documentNumber') documentNumber: string,
    @Arg('afterSequence', () => Int, { nullable: true, description: 'Resume after this sequence number (the last one received); 0 replays the whole history.' })
    _afterSequence: number | null,
    @Root() event: CustomerEventMessage,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): CustomerEventMessage {
    // Each event sent is audited; the operation pipeline flushes the trail after each event.
    auditObject(context, info, documentNumber, 'event');
    return withVisibleData(event, context.viewer);
  }
}
