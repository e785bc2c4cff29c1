import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { Reach, reachOf } from '../../platform/security/policies';
import { Viewer } from '../../platform/security/viewer';
import { Config } from '../../platform/config';
import { Email, Phone } from '../customers';
import { BusinessRuleError, Violations } from '../../platform/errors';
import { GatewayPubSub } from '../../platform/events/pubsub';
import { closeCustomerAccount, readModelCustomerId, updateCustomerRecord } from './approval';
import { appendEvent, publishEvents, registrationOwner } from './customer-events';
import { CancelReason, CustomerEventName, EvaluationStage, RegistrationStatus } from './onboarding.enums';
import { assertRegistrationDocuments } from './documents/registration-documents';
import { PhoneInput, RegisterCustomerInput, UpdateCustomerInput } from './registration.inputs';
import { validateCustomerUpdate, validateRegistration } from './registration.rules';
import { CustomerEvent, CustomerRegistration, EvaluationJob } from './registration.entities';
import { OnboardingError } from './onboarding.errors';

/** The contacts a request wants: each checked against the other customers' (EMAIL_ALREADY_IN_USE, PHONE_ALREADY_IN_USE). */
interface WantedContacts {
  email?: string;
  phone?: PhoneInput;
  phoneKey?: string;
}

/**
 * Registration use cases, free of GraphQL: validate everything, then write the
 * registration, its evaluation job and its events in one transaction, and
 * publish the events once committed. An approved customer can be updated and
 * canceled; a canceled CPF can register again (by the same partner: the same
 * row, replaced; by another: a new registration). Each caller reaches only the
 * registrations it owns (reachOf): another partner's are as unknown as none.
 */
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly config: Config,
  ) {}

  /**
   * The CPF's latest registration within `reach` (default: anyone's): a
   * partner's own only, so another partner's is as unknown as none.
   */
  find(
    documentNumber: string,
    reach: Reach = { kind: 'all' },
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CustomerRegistration | null> {
    return reachableRegistration(manager, documentNumber, reach, lock);
  }

  /**
   * `viewer`'s token subject becomes `registeredBy`: the registration is that
   * partner's (its reads, changes, stream, review) and its events reach only
   * that subject's webhooks. A CANCELED registration of the CPF made by the same
   * subject is replaced in place (replaceCanceled); one made by another becomes
   * history, and a new registration is made. After a cancellation the documents
   * must be ones submitted after it (and, for a partner, by it).
   */
  async register(documentNumber: string, input: RegisterCustomerInput, viewer: Viewer | null = null): Promise<CustomerRegistration> {
    const registeredBy = viewer?.subject ?? null;
    const { violations, normalised } = validateRegistration(documentNumber, input);
    violations.throwIfAny();
    const latest = await this.find(documentNumber);
    const reach = viewer ? reachOf(viewer) : { kind: 'all' as const };
    await assertRegistrationDocuments(this.dataSource, this.config, documentNumber, input.documentation, {
      submittedBy: reach.kind === 'partner' ? reach.subject : undefined,
      afterSequence: latest?.status === RegistrationStatus.CANCELED ? await this.cancellationSequence(latest) : undefined,
    });
    const previous = await this.assertCanRegister(documentNumber);
    // Only the partner that made the canceled registration replaces it; anyone else starts a new one beside it.
    const canceled = previous && previous.registeredBy === registeredBy ? previous : null;
    await this.assertNotACustomer(documentNumber, previous);
    const contacts = { email: normalised.email, phone: input.phone, phoneKey: normalised.phoneKey };
    await this.assertContactsFree(documentNumber, contacts);

    const now = new Date();
    const values = {
      documentNumber,
      activeDocumentNumber: documentNumber,
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
      emailKey: normalised.email,
      phoneKey: normalised.phoneKey,
      documentation: { ...input.documentation },
      correlationId: randomUUID(),
      registeredBy,
      reasons: null,
      decidedAt: null,
      cancelReason: null,
      canceledAt: null,
    } satisfies Partial<CustomerRegistration>;
    const firstStepAt = new Date(now.getTime() + Math.floor(this.config.evaluationDelayMs / 2));
    try {
      const { registration, event } = await this.dataSource.transaction(async (manager) => {
        // A new registration after another partner's canceled one renews the customer that one opened (customerId).
        const registration = canceled
          ? await this.replaceCanceled(manager, canceled, values, now, firstStepAt)
          : await manager.save(manager.create(CustomerRegistration, { ...values, customerId: previous?.customerId ?? null }));
        if (!canceled) {
          await manager.insert(EvaluationJob, {
            registrationId: registration.id,
            stage: EvaluationStage.START_ANALYSIS,
            runAt: firstStepAt,
            version: 0,
            attempts: 0,
            lastError: null,
          });
        }
        const event = await appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_WAS_RECEIVED, {}, now);
        return { registration, event };
      });
      publishEvents(this.pubSub, [event]);
      return registration;
    } catch (error) {
      // A concurrent request won a unique index: report it as the rule it broke.
      if (isUniqueViolation(error)) {
        await this.assertCanRegister(documentNumber);
        await this.assertContactsFree(documentNumber, contacts);
      }
      throw error;
    }
  }

  /**
   * A canceled CPF registers again: the same row takes the new data, status
   * PENDING_APPROVAL and a new correlation id, its decision and cancellation
   * cleared (its customer link and account count stay: the approval renews
   * that customer with its next account), and its evaluation job starts over,
   * its version moved on so no step claimed before can apply. The event
   * history of the CPF continues.
   */
  private async replaceCanceled(
    manager: EntityManager,
    canceled: CustomerRegistration,
    values: Partial<CustomerRegistration>,
    now: Date,
    firstStepAt: Date,
  ): Promise<CustomerRegistration> {
    // Conditional: of two concurrent re-registrations, one replaces the row; the other finds it pending.
    const replaced = await manager.update(CustomerRegistration, { id: canceled.id, status: RegistrationStatus.CANCELED }, { ...values, createdAt: now });
    if (!replaced.affected) {
      throw new BusinessRuleError(OnboardingError.CUSTOMER_AWAIT_EVALUATION, 'Customer await evaluation.');
    }
    await manager
      .createQueryBuilder()
      .update(EvaluationJob)
      .set({ stage: EvaluationStage.START_ANALYSIS, runAt: firstStepAt, version: () => 'version + 1', attempts: 0, lastError: null })
      .where('registrationId = :id', { id: canceled.id })
      .execute();
    return manager.findOneByOrFail(CustomerRegistration, { id: canceled.id });
  }

  /**
   * Updates an APPROVED customer (Bankly PATCH /customers/{documentNumber}):
   * the registration, the read-model blocks the changed fields feed
   * (identification: social name, e-mail, phone, address; qualification:
   * occupation, income) and CUSTOMER_WAS_UPDATED (the names of the fields
   * whose value changed, never the values), in one transaction. Values equal
   * to the current ones change nothing: when none differs, nothing is written.
   */
  async update(documentNumber: string, input: UpdateCustomerInput, reach: Reach = { kind: 'all' }): Promise<CustomerRegistration> {
    const { violations, normalised } = validateCustomerUpdate(documentNumber, input);
    violations.throwIfAny();
    changeable(await this.find(documentNumber, reach), 'update');
    const contacts = { email: normalised.email, phone: input.phone ?? undefined, phoneKey: normalised.phoneKey };
    await this.assertContactsFree(documentNumber, contacts);

    const changes: Partial<CustomerRegistration> = {};
    if (normalised.email !== undefined) Object.assign(changes, { email: normalised.email, emailKey: normalised.email });
    if (input.phone) Object.assign(changes, { phone: { countryCode: input.phone.countryCode, number: input.phone.number }, phoneKey: normalised.phoneKey });
    if (normalised.socialName !== undefined) changes.socialName = normalised.socialName;
    if (input.address) changes.address = { ...input.address, complement: input.address.complement || null };
    if (normalised.assertedIncome) changes.assertedIncome = normalised.assertedIncome;
    if (input.occupation) changes.occupation = input.occupation;
    if (input.pep) changes.pep = { level: input.pep.level };

    const now = new Date();
    try {
      const { registration, event } = await this.dataSource.transaction(async (manager) => {
        const current = await this.lockForChange(manager, documentNumber, 'update', reach);
        // Compared under the row lock: a concurrent update cannot slip between the comparison and the write.
        const changedFields = normalised.fields.filter((field) => !sameValue(changes[field], current[field]));
        if (changedFields.length === 0) return { registration: current, event: null };
        await manager.update(CustomerRegistration, { id: current.id }, changes);
        const registration = await manager.findOneByOrFail(CustomerRegistration, { id: current.id });
        const changed = new Set<string>(changedFields);
        await updateCustomerRecord(
          manager,
          registration,
          {
            identification: ['email', 'phone', 'socialName', 'address'].some((field) => changed.has(field)),
            qualification: ['occupation', 'assertedIncome'].some((field) => changed.has(field)),
          },
          this.config.institution,
          now,
        );
        const event = await appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_WAS_UPDATED, { changedFields }, now);
        return { registration, event };
      });
      if (event) publishEvents(this.pubSub, [event]);
      return registration;
    } catch (error) {
      // Another customer took the e-mail or phone meanwhile (unique index): the same refusal as the check above.
      if (isUniqueViolation(error)) await this.assertContactsFree(documentNumber, contacts);
      throw error;
    }
  }

  /**
   * Cancels an APPROVED customer (Bankly PATCH /customers/{documentNumber}/cancel):
   * status CANCELED with the reason and time, its e-mail and phone released
   * (their unique keys cleared), its read-model account closed
   * (closeCustomerAccount) and CUSTOMER_WAS_CANCELED, in one transaction.
   */
  async cancel(documentNumber: string, reason: CancelReason, reach: Reach = { kind: 'all' }): Promise<CustomerRegistration> {
    const now = new Date();
    const { registration, event } = await this.dataSource.transaction(async (manager) => {
      const { id } = await this.lockForChange(manager, documentNumber, 'cancel', reach);
      await manager.update(
        CustomerRegistration,
        { id },
        {
          status: RegistrationStatus.CANCELED,
          cancelReason: reason,
          canceledAt: now,
          emailKey: null,
          phoneKey: null,
          activeDocumentNumber: null,
        },
      );
      const registration = await manager.findOneByOrFail(CustomerRegistration, { id });
      await closeCustomerAccount(manager, registration, now);
      const event = await appendEvent(manager, registrationOwner(registration), CustomerEventName.CUSTOMER_WAS_CANCELED, { reason }, now);
      return { registration, event };
    });
    publishEvents(this.pubSub, [event]);
    return registration;
  }

  /**
   * The CPF's registration, locked until the transaction ends, if it may be
   * updated or canceled (see changeable). MySQL/MariaDB: SELECT … FOR UPDATE,
   * so concurrent updates and cancellations of one customer run one after the
   * other; SQLite has one writer at a time.
   */
  private async lockForChange(manager: EntityManager, documentNumber: string, action: 'update' | 'cancel', reach: Reach): Promise<CustomerRegistration> {
    return changeable(await this.find(documentNumber, reach, manager, true), action);
  }

  /** Where the CPF's history stood when `canceled` was canceled: documents for a new registration come after it. */
  private async cancellationSequence(canceled: CustomerRegistration): Promise<number> {
    const { last } =
      (await this.dataSource
        .getRepository(CustomerEvent)
        .createQueryBuilder('e')
        .select('MAX(e.sequence)', 'last')
        .where('e.registrationId = :id AND e.name = :name', { id: canceled.id, name: CustomerEventName.CUSTOMER_WAS_CANCELED })
        .getRawOne()) ?? {};
    return Number(last ?? 0);
  }

  /** Returns the CPF's CANCELED registration, which a new registration replaces or follows; refuses any other existing one. */
  private async assertCanRegister(documentNumber: string): Promise<CustomerRegistration | null> {
    const existing = await this.find(documentNumber);
    if (!existing) return null;
    if (existing.status === RegistrationStatus.CANCELED) return existing;
    // An open manual review is an evaluation still under way: its result comes first (FACTS.md).
    if (existing.status === RegistrationStatus.PENDING_APPROVAL || existing.status === RegistrationStatus.IN_MANUAL_REVIEW) {
      throw new BusinessRuleError(OnboardingError.CUSTOMER_AWAIT_EVALUATION, 'Customer await evaluation.');
    }
    throw new BusinessRuleError(
      OnboardingError.CUSTOMER_REGISTRATION_CANNOT_BE_REPLACED,
      `The registration is ${existing.status} and cannot be replaced by a new one.`,
    );
  }

  /**
   * Onboarding opens new customers only: a CPF already in the read model (loaded
   * data, an earlier approval) is refused, so its approval never grafts a
   * partner's name, contacts and a new account onto an existing person. The
   * exception is the customer the CPF's own canceled registration opened: a
   * re-registration renews it.
   */
  private async assertNotACustomer(documentNumber: string, canceled: CustomerRegistration | null): Promise<void> {
    const customerId = await readModelCustomerId(this.dataSource.manager, documentNumber);
    if (customerId !== null && customerId !== canceled?.customerId) {
      throw new BusinessRuleError(OnboardingError.CUSTOMER_ALREADY_EXISTS, 'This CPF is already a customer; it cannot be registered again.');
    }
  }

  /**
   * E-mail and phone must not belong to another customer: registrations (their
   * keys, cleared when canceled) or the read model (except customers whose
   * registration was canceled: their contacts are released).
   */
  private async assertContactsFree(documentNumber: string, contacts: WantedContacts): Promise<void> {
    const registrations = this.dataSource.getRepository(CustomerRegistration);
    const violations = new Violations();
    const { email, phone, phoneKey } = contacts;
    if (email !== undefined) {
      const emailTaken =
        (await registrations
          .createQueryBuilder('r')
          .where('r.emailKey = :email AND r.documentNumber <> :documentNumber', { email, documentNumber })
          .getCount()) > 0 ||
        (await activeReadModelContact(this.dataSource.getRepository(Email).createQueryBuilder('e'), 'e')
          // Plain equality so the e-mail index serves it: read-model e-mails are stored in lower case.
          .andWhere('e.email = :email AND c.cpfNumber <> :documentNumber', { email, documentNumber })
          .getCount()) > 0;
      if (emailTaken) violations.add('input.email', OnboardingError.EMAIL_ALREADY_IN_USE, 'Email already in use to another customer.');
    }

    if (phone && phoneKey !== undefined) {
      const { countryCode, number } = phone;
      const brazilian = countryCode === '55';
      const phoneTaken =
        (await registrations
          .createQueryBuilder('r')
          .where('r.phoneKey = :phoneKey AND r.documentNumber <> :documentNumber', { phoneKey, documentNumber })
          .getCount()) > 0 ||
        (await activeReadModelContact(this.dataSource.getRepository(Phone).createQueryBuilder('p'), 'p')
          // A foreign number is stored without an area code (NULL), as the approval writes it.
          .andWhere(
            `p.countryCallingCodeOrNull = :countryCode AND ${brazilian ? 'p.areaCodeOrNull = :areaCode' : 'p.areaCodeOrNull IS NULL'} AND p.number = :number AND c.cpfNumber <> :documentNumber`,
            { countryCode: countryCode.padStart(2, '0'), areaCode: number.slice(0, 2), number: brazilian ? number.slice(2) : number, documentNumber },
          )
          .getCount()) > 0;
      if (phoneTaken) violations.add('input.phone.number', OnboardingError.PHONE_ALREADY_IN_USE, 'Phone already in use to another customer.');
    }
    violations.throwIfAny();
  }
}

/**
 * The CPF's latest registration within `reach`, locked until the transaction
 * ends when `lock` (MySQL/MariaDB: SELECT … FOR UPDATE; SQLite has one writer).
 */
export function reachableRegistration(manager: EntityManager, documentNumber: string, reach: Reach, lock = false): Promise<CustomerRegistration | null> {
  // A customer-bound token for another CPF never gets here (its policy refuses it first); belt and braces.
  if (reach.kind === 'customer' && reach.cpf !== documentNumber) return Promise.resolve(null);
  const query = manager.createQueryBuilder(CustomerRegistration, 'r').where('r.documentNumber = :documentNumber', { documentNumber });
  if (reach.kind === 'partner') query.andWhere('r.registeredBy = :owner', { owner: reach.subject });
  if (lock && manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
  return query.orderBy('r.id', 'DESC').getOne();
}

/** Read-model contacts of natural persons (alias `c`) still in use: a customer whose registration was canceled released them. */
function activeReadModelContact<T extends Email | Phone>(query: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  return query
    .innerJoin('personal_identifications', 'i', `i.id = ${alias}.personalIdentificationId`)
    .innerJoin('personal_customers', 'c', 'c.id = i.customerId')
    .where(
      (qb) =>
        `NOT EXISTS ${qb
          .subQuery()
          .select('1')
          .from(CustomerRegistration, 'released')
          .where('released.customerId = c.id AND released.status = :canceled')
          .getQuery()}`,
      { canceled: RegistrationStatus.CANCELED },
    );
}

/**
 * Only APPROVED customers are updated or canceled: CUSTOMER_NOT_FOUND without a
 * registration, CUSTOMER_ALREADY_CANCELED for a cancellation of a canceled one,
 * CUSTOMER_NOT_APPROVED otherwise.
 */
function changeable(registration: CustomerRegistration | null, action: 'update' | 'cancel'): CustomerRegistration {
  if (!registration) throw new BusinessRuleError(OnboardingError.CUSTOMER_NOT_FOUND, 'No customer is registered with this CPF.');
  if (action === 'cancel' && registration.status === RegistrationStatus.CANCELED) {
    throw new BusinessRuleError(OnboardingError.CUSTOMER_ALREADY_CANCELED, 'The customer is already canceled.');
  }
  if (registration.status !== RegistrationStatus.APPROVED) {
    throw new BusinessRuleError(
      OnboardingError.CUSTOMER_NOT_APPROVED,
      `The customer is ${registration.status}: only APPROVED customers can be updated or canceled.`,
    );
  }
  return registration;
}

/** Whether an update's value equals the stored one (objects: on the update's keys; absent and null alike). */
function sameValue(next: unknown, current: unknown): boolean {
  if (next && current && typeof next === 'object' && typeof current === 'object') {
    return Object.entries(next).every(([key, value]) => sameValue(value, (current as Record<string, unknown>)[key]));
  }
  return (next ?? null) === (current ?? null);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && /unique|duplicate/i.test(error.message);
}
