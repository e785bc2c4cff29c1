import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { Config } from '../config';
import { Email, Phone } from '../customers/contacts/contact.entities';
import { PersonalCustomer } from '../customers/personal/personal.entities';
import { BusinessRuleError, Violations } from '../shared/errors';
import { GatewayPubSub } from '../shared/pubsub';
import { appendEvent, publishEvents, registrationOwner } from './customer-events';
import { CustomerEventName, EvaluationStage, RegistrationStatus } from './onboarding.enums';
import { assertRegistrationDocuments } from './documents/registration-documents';
import { RegisterCustomerInput } from './registration.inputs';
import { NormalisedRegistration, validateRegistration } from './registration.rules';
import { CustomerRegistration, EvaluationJob } from './registration.entities';

/**
 * Registration use cases, free of GraphQL: validate everything, then write the
 * registration, its evaluation job and its CUSTOMER_WAS_RECEIVED event in one
 * transaction, and publish the event once committed.
 */
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly config: Config,
  ) {}

  find(documentNumber: string): Promise<CustomerRegistration | null> {
    return this.dataSource.getRepository(CustomerRegistration).findOneBy({ documentNumber });
  }

  /** `registeredBy`: the caller's token subject; the registration's events reach only that subject's webhooks. */
  async register(documentNumber: string, input: RegisterCustomerInput, registeredBy: string | null = null): Promise<CustomerRegistration> {
    const { violations, normalised } = validateRegistration(documentNumber, input);
    violations.throwIfAny();
    await assertRegistrationDocuments(this.dataSource, this.config, documentNumber, input.documentation);
    await this.assertCanRegister(documentNumber);
    await this.assertNotACustomer(documentNumber);
    await this.assertContactsFree(documentNumber, normalised, input);

    const now = new Date();
    try {
      const { registration, event } = await this.dataSource.transaction(async (manager) => {
        const registration = await manager.save(
          manager.create(CustomerRegistration, {
            documentNumber,
            status: RegistrationStatus.PENDING_APPROVAL,
            registerName: input.registerName.trim(),
            socialName: input.socialName?.trim() || null,
            birthDate: input.birthDate,
            phone: { countryCode: input.phone.countryCode, number: input.phone.number },
            address: { ...input.address, complement: input.address.complement || null },
            declaredIncome: input.declaredIncome ?? null,
            assertedIncome: { value: normalised.assertedIncomeValue, currency: normalised.currency },
            occupation: input.occupation,
            pep: { level: input.pep.level },
            motherName: input.motherName.trim(),
            email: normalised.email,
            phoneKey: normalised.phoneKey,
            documentation: { ...input.documentation },
            correlationId: randomUUID(),
            registeredBy,
            reasons: null,
            decidedAt: null,
          }),
        );
        await manager.insert(EvaluationJob, {
          registrationId: registration.id,
          stage: EvaluationStage.START_ANALYSIS,
          runAt: new Date(now.getTime() + Math.floor(this.config.evaluationDelayMs / 2)),
          version: 0,
          attempts: 0,
          lastError: null,
        });
        const event = await appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_WAS_RECEIVED, {}, now);
        return { registration, event };
      });
      publishEvents(this.pubSub, [event]);
      return registration;
    } catch (error) {
      // A concurrent request won a unique index: report it as the rule it broke.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) {
        await this.assertCanRegister(documentNumber);
        await this.assertContactsFree(documentNumber, normalised, input);
      }
      throw error;
    }
  }

  private async assertCanRegister(documentNumber: string): Promise<void> {
    const existing = await this.find(documentNumber);
    if (!existing) return;
    if (existing.status === RegistrationStatus.PENDING_APPROVAL) {
      throw new BusinessRuleError('CUSTOMER_AWAIT_EVALUATION', 'Customer await evaluation.');
    }
    throw new BusinessRuleError(
      'CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED',
      `The registration is ${existing.status} and cannot be replaced by a new one.`,
    );
  }

  /**
   * Onboarding opens new customers only: a CPF already in the read model (loaded
   * data, an earlier approval) is refused, so its approval never grafts a
   * partner's name, contacts and a new account onto an existing person.
   */
  private async assertNotACustomer(documentNumber: string): Promise<void> {
    if (await this.dataSource.getRepository(PersonalCustomer).existsBy({ cpfNumber: documentNumber })) {
      throw new BusinessRuleError('CUSTOMER_ALREADY_EXISTS', 'This CPF is already a customer; it cannot be registered again.');
    }
  }

  /** E-mail and phone must not belong to another customer: registrations or the read model. */
  private async assertContactsFree(documentNumber: string, normalised: NormalisedRegistration, input: RegisterCustomerInput): Promise<void> {
    const registrations = this.dataSource.getRepository(CustomerRegistration);
    const violations = new Violations();
    const emailTaken =
      (await registrations.createQueryBuilder('r').where('r.email = :email AND r.documentNumber <> :documentNumber', { email: normalised.email, documentNumber }).getCount()) > 0 ||
      (await this.dataSource.getRepository(Email).createQueryBuilder('e')
        .innerJoin('personal_identifications', 'i', 'i.id = e.personalIdentificationId')
        .innerJoin('personal_customers', 'c', 'c.id = i.customerId')
        // Plain equality so the e-mail index serves it: read-model e-mails are stored in lower case.
        .where('e.email = :email AND c.cpfNumber <> :documentNumber', { email: normalised.email, documentNumber })
        .getCount()) > 0;
    if (emailTaken) violations.add('input.email', 'EMAIL_ALREADY_IN_USE', 'Email already in use to another customer.');

    const { countryCode, number } = input.phone;
    const brazilian = countryCode === '55';
    const phoneTaken =
      (await registrations.createQueryBuilder('r').where('r.phoneKey = :phoneKey AND r.documentNumber <> :documentNumber', { phoneKey: normalised.phoneKey, documentNumber }).getCount()) > 0 ||
      (await this.dataSource.getRepository(Phone).createQueryBuilder('p')
        .innerJoin('personal_identifications', 'i', 'i.id = p.personalIdentificationId')
        .innerJoin('personal_customers', 'c', 'c.id = i.customerId')
        .where('p.countryCallingCode = :countryCode AND p.areaCode = :areaCode AND p.number = :number AND c.cpfNumber <> :documentNumber', {
          countryCode: countryCode.padStart(2, '0'),
          areaCode: brazilian ? number.slice(0, 2) : 'NA',
          number: brazilian ? number.slice(2) : number,
          documentNumber,
        })
        .getCount()) > 0;
    if (phoneTaken) violations.add('input.phone.number', 'PHONE_ALREADY_IN_USE', 'Phone already in use to another customer.');
    violations.throwIfAny();
  }
}

