import { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Int, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { auditObject } from '../audit/returned';
import { canSeeReprovationReasons, enforce, Policies } from '../auth/policies';
import { Viewer } from '../auth/viewer';
import { GatewayContext } from '../shared/context';
import { isValidCpf } from '../shared/documents';
import { GatewayError, InputError } from '../shared/errors';
import { assertCpf } from '../customers/tax-id';
import { CustomerEventMessage } from '../shared/pubsub';
import { RegisterCustomerInput } from './registration.inputs';
import { CustomerEvent, CustomerRegistration } from './registration.entities';
import { followCustomerEvents } from './evaluation.stream';

const assertDocumentNumber = (documentNumber: string) => assertCpf(documentNumber, 'documentNumber');

function afterSequenceArg(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InputError([{ field: 'afterSequence', code: 'INVALID_PARAMETER', message: 'a sequence number, 0 or more' }]);
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
  @Authorized(Policies.registerCustomer)
  @Mutation(() => CustomerRegistration, {
    description: 'Registers a natural person (Bankly PUT /customers/{documentNumber}). Answers at once with status PENDING_APPROVAL; '
      + 'the automatic evaluation follows (subscribe to customerEvaluation).',
  })
  async registerCustomer(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('input', () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    try {
      const registration = await context.registrations.register(documentNumber, input, context.viewer?.subject ?? null);
      auditObject(context, info, documentNumber, 'registration', 'REGISTER', hiddenFrom(context));
      return registration;
    } catch (error) {
      // A refused registration of a valid CPF is audited too: its code can tell the CPF's state (CUSTOMER_AWAIT_EVALUATION, …).
      if (isValidCpf(documentNumber)) {
        context.audit.record(documentNumber, `rejected:${error instanceof GatewayError ? error.code : 'INTERNAL_SERVER_ERROR'}`, 'REGISTER');
      }
      throw error;
    }
  }

  @Authorized(Policies.readRegistration)
  @Query(() => CustomerRegistration, { nullable: true, description: 'A registration and its evaluation; null when the CPF was never registered.' })
  async customerRegistration(@Arg('documentNumber') documentNumber: string, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo) {
    assertDocumentNumber(documentNumber);
    const registration = await context.registrations.find(documentNumber);
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
    description: 'The evaluation of a registration, live: first the current state (latest event), then every later event in order; '
      + 'with afterSequence, every event numbered higher instead (a reconnecting client passes the last sequence it saw and '
      + 'misses nothing, sees nothing twice). Completes once the evaluation is over (reprovation, or the account of an approval).',
    subscribe: async ({ args, context }) => {
      const gateway = context as GatewayContext;
      // Checked on every subscribe, not only at connection time; each event sent is audited below.
      enforce(Policies.readRegistration, gateway.viewer, null, args);
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
