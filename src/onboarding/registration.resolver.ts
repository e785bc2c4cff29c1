import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { authorize, canSeeReprovationReasons, Policies } from '../auth/policies';
import { Viewer } from '../auth/viewer';
import { GatewayContext } from '../shared/context';
import { assertCpf } from '../customers/tax-id';
import { CustomerEventMessage } from '../shared/pubsub';
import { RegisterCustomerInput } from './registration.inputs';
import { CustomerEvent, CustomerRegistration } from './registration.entities';
import { followCustomerEvents } from './evaluation.stream';

const assertDocumentNumber = (documentNumber: string) => assertCpf(documentNumber, 'documentNumber');

/** Event data may carry reprovation reasons: hidden from callers who may not see them. */
function withVisibleData<T extends { data: Record<string, unknown> }>(event: T, viewer: Viewer | null): T {
  if (!('reasons' in event.data) || canSeeReprovationReasons(viewer)) return event;
  const { reasons: _hidden, ...data } = event.data;
  return { ...event, data };
}

@Resolver(() => CustomerRegistration)
export class RegistrationResolver {
  @Authorized(Policies.registerCustomer)
  @Mutation(() => CustomerRegistration, {
    description: 'Registers a natural person (Bankly PUT /customers/{documentNumber}). Answers at once with status PENDING_APPROVAL; '
      + 'the automatic evaluation follows (subscribe to customerEvaluation).',
  })
  registerCustomer(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('input', () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Ctx() { registrations }: GatewayContext,
  ) {
    return registrations.register(documentNumber, input);
  }

  @Authorized(Policies.readRegistration)
  @Query(() => CustomerRegistration, { nullable: true, description: 'A registration and its evaluation; null when the CPF was never registered.' })
  customerRegistration(@Arg('documentNumber') documentNumber: string, @Ctx() { registrations }: GatewayContext) {
    assertDocumentNumber(documentNumber);
    return registrations.find(documentNumber);
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
    description: 'The evaluation of a registration, live: first the current state (latest event), then every later event in order.',
    subscribe: async ({ args, context }) => {
      const gateway = context as GatewayContext;
      // Checked (and audited, by the pipeline) on every subscribe, not only at connection time.
      authorize(gateway, Policies.readRegistration, null, args, 'customerEvaluation');
      assertDocumentNumber(args.documentNumber);
      return followCustomerEvents(gateway, args.documentNumber);
    },
  })
  customerEvaluation(
    @Arg('documentNumber') _documentNumber: string,
    @Root() event: CustomerEventMessage,
    @Ctx() { viewer }: GatewayContext,
  ): CustomerEventMessage {
    return withVisibleData(event, viewer);
  }
}
