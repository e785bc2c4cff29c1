import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GatewayContext } from '../shared/context';
import { InputError } from '../shared/errors';
import { isValidCpf } from '../shared/documents';
import { CustomerEventMessage } from '../shared/pubsub';
import { RegisterCustomerInput } from './registration.inputs';
import { CustomerEvent, CustomerRegistration } from './registration.entities';
import { followCustomerEvents } from './evaluation.stream';

function assertDocumentNumber(documentNumber: string): void {
  if (!isValidCpf(documentNumber)) {
    throw new InputError([{ field: 'documentNumber', code: 'INVALID_CPF', message: 'must be a CPF: 11 digits, no mask, valid check digits' }]);
  }
}

@Resolver(() => CustomerRegistration)
export class RegistrationResolver {
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

  @Query(() => CustomerRegistration, { nullable: true, description: 'A registration and its evaluation; null when the CPF was never registered.' })
  customerRegistration(@Arg('documentNumber') documentNumber: string, @Ctx() { registrations }: GatewayContext) {
    assertDocumentNumber(documentNumber);
    return registrations.find(documentNumber);
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Reprovation reasons (REPROVED only).' })
  reasons(@Root() registration: CustomerRegistration) {
    return registration.reasons;
  }

  @FieldResolver(() => [CustomerEvent], { description: 'Full event history, oldest first.' })
  events(@Root() registration: CustomerRegistration, @Ctx() { loaders }: GatewayContext) {
    return loaders.childrenOf(CustomerEvent, 'registrationId').load(registration.id);
  }

  @Subscription(() => CustomerEvent, {
    description: 'The evaluation of a registration, live: first the current state (latest event), then every later event in order.',
    subscribe: ({ args, context }) => {
      assertDocumentNumber(args.documentNumber);
      return followCustomerEvents(context as GatewayContext, args.documentNumber);
    },
  })
  customerEvaluation(@Arg('documentNumber') _documentNumber: string, @Root() event: CustomerEventMessage): CustomerEventMessage {
    return event;
  }
}
