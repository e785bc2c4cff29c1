import { reachOf } from '../../../platform/security/policies';
import { logger } from '../../../platform/observability/logger';
import { GatewayContext } from '../../../platform/graphql/context';
import { onEnd } from '../../../platform/iterators';
import { BusResync, CustomerEventMessage, isResync } from '../../../platform/events/pubsub';
import { DocumentAnalysis } from './document-analysis.entity';
import { FINAL_DOCUMENT_STATUSES } from './document.enums';

/** How soon an open stream first re-reads the row in case the bus lost an event (a Redis SUBSCRIBE completes asynchronously); then SUBSCRIPTION_RESYNC_MS. */
const FIRST_RESYNC_MS = 1_000;

const concerns = (message: CustomerEventMessage | BusResync, token: string) =>
  isResync(message) || (message.context === 'Document' && message.data?.token === token);

/**
 * The stream behind the `documentAnalysis` subscription: it listens on the
 * CPF's CUSTOMER_EVENT channel before it reads the analysis, so no change
 * published between the two is lost; then on each Document event of this
 * token (and now and then, in case the bus lost one) it re-reads the row and
 * sends it when it changed. It completes after a final status.
 */
export function followDocumentAnalysis(context: GatewayContext, documentNumber: string, token: string): AsyncIterableIterator<DocumentAnalysis> {
  const live = context.pubSub.subscribe('CUSTOMER_EVENT', documentNumber)[Symbol.asyncIterator]();
  const pending = live.next(); // starts listening now, before the row is read
  return onEnd(streamAnalysis(context, documentNumber, token, live, pending), async () => void (await live.return?.()));
}

async function* streamAnalysis(
  context: GatewayContext,
  documentNumber: string,
  token: string,
  live: AsyncIterator<CustomerEventMessage | BusResync>,
  pending: Promise<IteratorResult<CustomerEventMessage | BusResync>>,
): AsyncGenerator<DocumentAnalysis> {
  const reach = reachOf(context.viewer);
  const read = () => context.documents.find(documentNumber, token, reach);
  const first = await read();
  if (!first) return;
  yield first;
  if (FINAL_DOCUMENT_STATUSES.has(first.status)) return;
  let last = `${first.status}`;
  let next = pending;
  let wait = Math.min(FIRST_RESYNC_MS, context.config.subscriptionResyncMs);
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), wait).unref()));
    const outcome = await Promise.race([next, timeout]).finally(() => clearTimeout(timer));
    if (outcome === 'timeout') wait = context.config.subscriptionResyncMs;
    else if (outcome.done) return;
    else next = live.next();
    if (outcome !== 'timeout' && !concerns(outcome.value, token)) continue;
    let current: DocumentAnalysis | null;
    try {
      current = await read();
    } catch (error) {
      // Database away: try again soon; changes are delayed, never skipped.
      logger.debug({ err: error }, 'document analysis stream: re-reading failed; retrying');
      wait = FIRST_RESYNC_MS;
      continue;
    }
    if (!current || current.status === last) continue;
    last = current.status;
    yield current;
    if (FINAL_DOCUMENT_STATUSES.has(current.status)) return;
  }
}
