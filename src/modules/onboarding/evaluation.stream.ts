import { reachOf } from '../../platform/security/policies';
import { logger } from '../../platform/observability/logger';
import { GatewayContext } from '../../platform/graphql/context';
import { BusResync, CustomerEventMessage, isResync } from '../../platform/events/pubsub';
import { toMessage } from './customer-events';
import { CustomerEvent, CustomerRegistration } from './registration.entities';

/**
 * The event stream behind `customerEvaluation`: the registration's events
 * (contexts Customer and Account) of the CPF's history. It listens before it
 * reads, so nothing published between the read and the subscription is lost;
 * it drops what it has already sent and fills any gap from the database, so
 * each event reaches the client once and in order.
 *
 * `afterSequence` resumes a stream: only events numbered higher are sent, then
 * live ones. Without it the stream starts with the current state (the latest
 * event).
 *
 * A partner follows only the registrations it made: the events of the
 * others' (another partner's, before or after a cancellation) are never read,
 * and a live one only prompts a re-read of its own; with none of its own the
 * stream waits, exactly as for a CPF never registered (subscribe, then register).
 */
export function followCustomerEvents(
  context: GatewayContext,
  documentNumber: string,
  afterSequence: number | null = null,
): AsyncIterableIterator<CustomerEventMessage> {
  const live = context.pubSub.subscribe('CUSTOMER_EVENT', documentNumber)[Symbol.asyncIterator]();
  const pending = live.next(); // starts listening now, before the history is read
  const stream = streamEvents(context, documentNumber, afterSequence, live, pending);
  // An unsubscribing client must not wait for the next event: closing `live` ends the pending read.
  return {
    next: () => stream.next(),
    return: async (value?: unknown) => {
      await live.return?.();
      return stream.return(value as never);
    },
    throw: (error?: unknown) => stream.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * When an open stream re-reads the database in case the bus lost an event: soon
 * after subscribing (a Redis SUBSCRIBE completes asynchronously), then rarely
 * (reconnects), so thousands of idle subscribers cost little.
 */
const FIRST_RESYNC_MS = 1_000;

async function nextOrTimeout<T>(next: Promise<IteratorResult<T>>, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms).unref()));
  try {
    return await Promise.race([next, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The contexts of a registration's evaluation (document events have their own stream). */
const EVALUATION_CONTEXTS = ['Customer', 'Account'];

/** Statuses of an evaluation still under way: the automatic one, or the manual review that resumes a reprovation. */
const EVALUATING: ReadonlySet<string> = new Set(['PENDING_APPROVAL', 'IN_MANUAL_REVIEW']);

/**
 * The evaluation is over once the registration has left PENDING_APPROVAL (or
 * IN_MANUAL_REVIEW: a manual review resumes the evaluation, so its stream stays
 * open until the review's decision): after a reprovation, or after the account
 * an approval opens (ACCOUNT_WAS_CREATED follows CUSTOMER_WAS_APPROVED in the
 * same transaction). The stream completes there.
 */
export function endsEvaluation(event: Pick<CustomerEventMessage, 'name' | 'status'>): boolean {
  return event.status !== null && !EVALUATING.has(event.status) && event.name !== 'CUSTOMER_WAS_APPROVED';
}

async function* streamEvents(
  context: GatewayContext,
  documentNumber: string,
  afterSequence: number | null,
  live: AsyncIterator<CustomerEventMessage | BusResync>,
  pending: Promise<IteratorResult<CustomerEventMessage | BusResync>>,
): AsyncGenerator<CustomerEventMessage> {
  let next = pending;
  let lastSequence = afterSequence ?? 0;
  const reach = reachOf(context.viewer);
  const partner = reach.kind === 'partner' ? reach.subject : null;

  const eventsAfter = async (sequence: number): Promise<CustomerEventMessage[]> => {
    const query = context.dataSource
      .getRepository(CustomerEvent)
      .createQueryBuilder('event')
      .innerJoin(CustomerRegistration, 'registration', 'registration.id = event.registrationId')
      .where('registration.documentNumber = :documentNumber AND event.sequence > :sequence', { documentNumber, sequence })
      .andWhere('event.context IN (:...contexts)', { contexts: EVALUATION_CONTEXTS });
    if (partner !== null) query.andWhere('registration.registeredBy = :partner', { partner });
    const events = await query.orderBy('event.sequence', 'ASC').getMany();
    return events.map(toMessage);
  };

  // A re-read that fails (database away) yields nothing and is retried soon: events are delayed, never skipped.
  let rereadFailed = false;
  const reread = async (): Promise<CustomerEventMessage[]> => {
    try {
      const events = await eventsAfter(lastSequence);
      rereadFailed = false;
      return events;
    } catch (error) {
      if (!rereadFailed) logger.debug({ err: error }, 'evaluation stream: re-reading the event history failed; retrying');
      rereadFailed = true;
      return [];
    }
  };

  try {
    // Resuming: everything after the client's last event; otherwise the current state only.
    const history = await eventsAfter(lastSequence);
    // An approval recorded before accounts had their own event ends its history too.
    const endsHistory = (event: CustomerEventMessage, latest: CustomerEventMessage | undefined) =>
      endsEvaluation(event) || (event === latest && event.name === 'CUSTOMER_WAS_APPROVED');
    // Everything the client missed goes out, then the stream ends if the history so far ends the evaluation.
    for (const event of afterSequence === null ? history.slice(-1) : history) {
      lastSequence = event.sequence;
      yield event;
    }
    const latest =
      history.at(-1) ??
      (afterSequence === null
        ? undefined
        : // The client already has everything: done if what it has ends the evaluation.
          (await eventsAfter(0)).filter((event) => event.sequence <= afterSequence).at(-1));
    if (latest && endsHistory(latest, latest)) return;
    const interval = context.config.subscriptionResyncMs;
    let wait = Math.min(FIRST_RESYNC_MS, interval);
    for (;;) {
      const outcome = await nextOrTimeout(next, wait);
      if (outcome === 'timeout') wait = interval;
      // Safety net for a bus that dropped a message: re-read the history now and then,
      // and at once when the bus says it reconnected (events published meanwhile are in the database).
      // A partner's stream never trusts a live event: it may be of another partner's registration of the CPF.
      const resync = outcome === 'timeout' || (!outcome.done && (isResync(outcome.value) || partner !== null));
      const message = outcome === 'timeout' || outcome.done ? null : (outcome.value as CustomerEventMessage);
      const batch = resync ? await reread() : outcome.done ? null : [message!];
      if (!batch) return;
      if (outcome !== 'timeout') next = live.next();
      // Document events share the channel but not this stream; their numbers leave gaps that are no loss.
      if (!resync && !EVALUATION_CONTEXTS.includes(message!.context)) continue;
      const first = batch[0];
      const items = first && first.sequence > lastSequence + 1 ? await reread() : batch;
      if (rereadFailed) wait = Math.min(FIRST_RESYNC_MS, interval);
      for (const item of items) {
        if (item.sequence <= lastSequence) continue;
        lastSequence = item.sequence;
        yield item;
        if (endsEvaluation(item)) return;
      }
    }
  } finally {
    await live.return?.();
  }
}
