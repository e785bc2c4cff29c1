import { DataSource, EntityManager, LessThan, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { Reach } from '../../../platform/security/policies';
import { Config } from '../../../platform/config';
import { BusinessRuleError, Violations } from '../../../platform/errors';
import { GatewayPubSub } from '../../../platform/events/pubsub';
import { formatSpecDateTime } from '../../../platform/scalars';
import { checkText, textLength } from '../../../platform/text';
import { isForeignCustomer } from '../approval';
import { appendEvent, publishEvents, registrationOwner } from '../customer-events';
import { recordDecision, REPROVATION_REASONS } from '../evaluation.worker';
import { CustomerEventName, RegistrationStatus } from '../onboarding.enums';
import { CustomerEvent, CustomerRegistration } from '../registration.entities';
import { reachableRegistration } from '../registration.service';
import { manualReviewDueAt } from './business-days';
import { ManualReview, ManualReviewDecision, ManualReviewStatus, REVIEW_TEXT_MAX } from './manual-review.entity';
import { OnboardingError, OnboardingErrorCode } from '../onboarding.errors';

export interface ManualReviewFilter {
  status?: ManualReviewStatus | null;
  /** OPEN and past its due date (true), or not (false). */
  overdue?: boolean | null;
  /** Claimed by this analyst (token subject). */
  assignedTo?: string | null;
}

/** Told when a review's outcome becomes final (metrics): its decision and how long it took since the request. */
export type ReviewClosedListener = (decision: ManualReviewDecision, secondsSinceRequest: number) => void;

/** A required free-text argument: present, not blank, the free-text rule, at most REVIEW_TEXT_MAX characters. */
function checkRequiredText(violations: Violations, field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') violations.add(field, OnboardingError.REQUIRED, 'must not be blank');
  else if (checkText(violations, field, value) && textLength(trimmed) > REVIEW_TEXT_MAX) {
    violations.add(field, OnboardingError.TOO_LONG, `at most ${REVIEW_TEXT_MAX} characters`);
  }
  return trimmed;
}

const refuse = (code: OnboardingErrorCode, message: string) => new BusinessRuleError(code, message);

/**
 * Manual review of reprovations (FACTS.md: "A reproved customer can ask the
 * provider's service desk for a manual review (up to seven business days) and
 * must wait for it before trying again"). Every state change is a conditional
 * UPDATE (`… WHERE claimedBy IS NULL`, `… AND status = 'OPEN'`) inside one
 * transaction with what goes with it, so two analysts never both claim,
 * decide or confirm one review and nothing is half-written; the loser gets the
 * code that describes what won.
 */
export class ManualReviewService {
  private readonly listeners: ReviewClosedListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly config: Config,
  ) {}

  onClosed(listener: ReviewClosedListener): void {
    this.listeners.push(listener);
  }

  /** The CPF's latest review (one per reprovation), if any. */
  latest(documentNumber: string, manager: EntityManager = this.dataSource.manager): Promise<ManualReview | null> {
    return manager.findOne(ManualReview, { where: { documentNumber }, order: { id: 'DESC' } });
  }

  /**
   * The analysts' queue, filtered. Oldest due first: the pagination helper
   * orders by id, which follows the request time, and the due date never
   * goes down as the request time goes up (the same number of business days
   * from a later instant), so id order is due-date order.
   */
  query(filter: ManualReviewFilter, now = new Date()): SelectQueryBuilder<ManualReview> {
    const query = this.dataSource.getRepository(ManualReview).createQueryBuilder('review');
    if (filter.status) query.andWhere('review.status = :status', { status: filter.status });
    if (filter.overdue === true) query.andWhere('review.status = :open AND review.dueAt < :now', { open: ManualReviewStatus.OPEN, now });
    if (filter.overdue === false) query.andWhere('NOT (review.status = :open AND review.dueAt < :now)', { open: ManualReviewStatus.OPEN, now });
    if (filter.assignedTo) query.andWhere('review.claimedBy = :assignedTo', { assignedTo: filter.assignedTo });
    return query;
  }

  /** OPEN reviews (the metrics' gauges): all of them, or with `overdueAt`, those past their due date then. */
  countOpen(overdueAt?: Date): Promise<number> {
    return this.dataSource.getRepository(ManualReview).countBy({ status: ManualReviewStatus.OPEN, ...(overdueAt ? { dueAt: LessThan(overdueAt) } : {}) });
  }

  /**
   * Asks for the manual review of a REPROVED registration, once per
   * reprovation: status IN_MANUAL_REVIEW, the review with its due date, and
   * CUSTOMER_IN_MANUAL_REVIEW, in one transaction. Only the registration's
   * owner asks (`reach`): another partner's is CUSTOMER_NOT_FOUND.
   */
  async request(documentNumber: string, reason: string, requestedBy: string | null, reach: Reach = { kind: 'all' }): Promise<ManualReview> {
    const violations = new Violations();
    const text = checkRequiredText(violations, 'reason', reason);
    violations.throwIfAny();
    const now = new Date();
    try {
      const { review, event } = await this.dataSource.transaction(async (manager) => {
        const registration = await reachableRegistration(manager, documentNumber, reach);
        if (!registration) throw refuse(OnboardingError.CUSTOMER_NOT_FOUND, 'No customer is registered with this CPF.');
        if (registration.status === RegistrationStatus.IN_MANUAL_REVIEW) throw alreadyRequested();
        if (registration.status !== RegistrationStatus.REPROVED) throw notReproved(registration.status);
        // Once per reprovation: a reprovation a review kept stays final.
        if (await manager.existsBy(ManualReview, { correlationId: registration.correlationId })) throw alreadyRequested();
        // Conditional: of two concurrent requests one moves the status; the other finds it moved.
        const moved = await manager.update(
          CustomerRegistration,
          { id: registration.id, status: RegistrationStatus.REPROVED },
          { status: RegistrationStatus.IN_MANUAL_REVIEW },
        );
        // (REPROVED only ever moves on by a request; a re-read here could see the transaction's stale snapshot on InnoDB.)
        if (!moved.affected) throw alreadyRequested();
        registration.status = RegistrationStatus.IN_MANUAL_REVIEW;
        const review = await manager.save(
          manager.create(ManualReview, {
            registrationId: registration.id,
            documentNumber,
            correlationId: registration.correlationId,
            status: ManualReviewStatus.OPEN,
            reason: text,
            reprovationReasons: registration.reasons ?? [],
            requestedBy,
            requestedAt: now,
            dueAt: manualReviewDueAt(now),
            claimedBy: null,
            claimedAt: null,
            decision: null,
            justification: null,
            decidedAt: null,
            confirmedBy: null,
            closedAt: null,
          }),
        );
        const event = await appendEvent(
          manager,
          registrationOwner(registration),
          CustomerEventName.CUSTOMER_IN_MANUAL_REVIEW,
          { dueAt: formatSpecDateTime(review.dueAt) },
          now,
        );
        return { review, event };
      });
      publishEvents(this.pubSub, [event]);
      return review;
    } catch (error) {
      // A concurrent request of the same reprovation won the unique correlation id.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw alreadyRequested();
      throw error;
    }
  }

  /** Assigns the CPF's open review to `analyst`; a review someone already claimed is refused (MANUAL_REVIEW_ALREADY_CLAIMED). */
  async claim(documentNumber: string, analyst: string): Promise<ManualReview> {
    const review = open(await this.latest(documentNumber));
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(ManualReview)
      .set({ claimedBy: analyst, claimedAt: new Date() })
      .where('id = :id AND status = :open AND claimedBy IS NULL', { id: review.id, open: ManualReviewStatus.OPEN })
      .execute();
    const current = await this.dataSource.manager.findOneByOrFail(ManualReview, { id: review.id });
    if (!claimed.affected) {
      open(current);
      throw refuse(
        OnboardingError.MANUAL_REVIEW_ALREADY_CLAIMED,
        `The review is already claimed by ${current.claimedBy === analyst ? 'you' : 'another analyst'}.`,
      );
    }
    return current;
  }

  /**
   * The claimant's decision. KEEP_REPROVED is final at once: the registration
   * is REPROVED again with the review's reasons (the original ones and
   * MANUAL_REVIEW_KEPT) through the one decision path, and
   * CUSTOMER_WAS_REPROVED says so. APPROVE is a proposal: nothing changes for
   * the customer until a second analyst confirms it.
   */
  async decide(documentNumber: string, decision: ManualReviewDecision, justification: string, analyst: string): Promise<ManualReview> {
    const violations = new Violations();
    const text = checkRequiredText(violations, 'justification', justification);
    violations.throwIfAny();
    const decidable = (review: ManualReview | null) => {
      const current = open(review);
      if (current.claimedBy !== analyst) throw refuse(OnboardingError.MANUAL_REVIEW_NOT_CLAIMED_BY_YOU, 'Only the analyst who claimed the review decides it.');
      if (current.decision) throw refuse(OnboardingError.MANUAL_REVIEW_ALREADY_DECIDED, 'The review already has a decision waiting for its confirmation.');
      return current;
    };
    const review = decidable(await this.latest(documentNumber));
    const now = new Date();
    const final = decision === ManualReviewDecision.KEEP_REPROVED;
    const { events } = await this.dataSource.transaction(async (manager) => {
      const decided = await manager
        .createQueryBuilder()
        .update(ManualReview)
        .set({ decision, justification: text, decidedAt: now, ...(final ? { status: ManualReviewStatus.DECIDED, closedAt: now } : {}) })
        .where('id = :id AND status = :open AND claimedBy = :analyst AND decision IS NULL', { id: review.id, open: ManualReviewStatus.OPEN, analyst })
        .execute();
      if (!decided.affected) {
        decidable(await manager.findOneBy(ManualReview, { id: review.id }));
        throw refuse(OnboardingError.MANUAL_REVIEW_ALREADY_DECIDED, 'The review is already decided.');
      }
      if (!final) return { events: [] as CustomerEvent[] };
      const registration = await manager.findOneByOrFail(CustomerRegistration, { id: review.registrationId });
      const reasons = [...review.reprovationReasons, REPROVATION_REASONS.MANUAL_REVIEW_KEPT];
      return { events: await recordDecision(manager, registration, reasons, this.config.institution, now) };
    });
    publishEvents(this.pubSub, events);
    if (final) this.closed(decision, review, now);
    return this.dataSource.manager.findOneByOrFail(ManualReview, { id: review.id });
  }

  /**
   * A second analyst (never the claimant: four eyes) confirms an APPROVE
   * proposal; only then does the registration go through the same approval
   * path as an automatic one (recordDecision: read model, account,
   * CUSTOMER_WAS_APPROVED, ACCOUNT_WAS_CREATED, webhooks), in one transaction
   * with the review's closing.
   */
  async confirm(documentNumber: string, analyst: string): Promise<ManualReview> {
    const confirmable = (review: ManualReview | null) => {
      const current = open(review);
      if (current.decision !== ManualReviewDecision.APPROVE)
        throw refuse(OnboardingError.MANUAL_REVIEW_NOT_PROPOSED, 'Nothing to confirm: the review has no APPROVE proposal.');
      if (current.claimedBy === analyst)
        throw refuse(OnboardingError.FOUR_EYES_REQUIRED, 'The approval must be confirmed by another analyst than the one who proposed it.');
      return current;
    };
    const review = confirmable(await this.latest(documentNumber));
    const now = new Date();
    const events = await this.dataSource.transaction(async (manager) => {
      const confirmed = await manager
        .createQueryBuilder()
        .update(ManualReview)
        .set({ status: ManualReviewStatus.DECIDED, confirmedBy: analyst, closedAt: now })
        .where('id = :id AND status = :open AND decision = :approve AND claimedBy <> :analyst', {
          id: review.id,
          open: ManualReviewStatus.OPEN,
          approve: ManualReviewDecision.APPROVE,
          analyst,
        })
        .execute();
      if (!confirmed.affected) {
        confirmable(await manager.findOneBy(ManualReview, { id: review.id }));
        throw refuse(OnboardingError.MANUAL_REVIEW_ALREADY_DECIDED, 'The review is already decided.');
      }
      const registration = await manager.findOneByOrFail(CustomerRegistration, { id: review.registrationId });
      // The same guard as the automatic decision: never graft the registration onto someone else's customer.
      if (await isForeignCustomer(manager, registration)) {
        throw refuse(OnboardingError.CUSTOMER_ALREADY_EXISTS, 'This CPF became a customer meanwhile; the registration cannot be approved.');
      }
      return recordDecision(manager, registration, [], this.config.institution, now);
    });
    publishEvents(this.pubSub, events);
    this.closed(ManualReviewDecision.APPROVE, review, now);
    return this.dataSource.manager.findOneByOrFail(ManualReview, { id: review.id });
  }

  private closed(decision: ManualReviewDecision, review: ManualReview, now: Date): void {
    const seconds = (now.getTime() - new Date(review.requestedAt).getTime()) / 1000;
    for (const listener of this.listeners) listener(decision, seconds);
  }
}

const notReproved = (status: RegistrationStatus) =>
  refuse(OnboardingError.CUSTOMER_NOT_REPROVED, `The registration is ${status}: only a REPROVED one can be reviewed.`);
const alreadyRequested = () => refuse(OnboardingError.MANUAL_REVIEW_ALREADY_REQUESTED, 'A manual review of this reprovation was already asked for.');

/** The review if it is still open: MANUAL_REVIEW_NOT_FOUND without one, MANUAL_REVIEW_ALREADY_DECIDED once final. */
function open(review: ManualReview | null): ManualReview {
  if (!review) throw refuse(OnboardingError.MANUAL_REVIEW_NOT_FOUND, 'No manual review was asked for this CPF.');
  if (review.status !== ManualReviewStatus.OPEN) throw refuse(OnboardingError.MANUAL_REVIEW_ALREADY_DECIDED, 'The review is already decided.');
  return review;
}
