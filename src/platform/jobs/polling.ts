import { GatewayPubSub } from '../events/pubsub';
import { logger } from '../observability/logger';

/** Longest wait between two polls while the database keeps failing. */
export const MAX_POLL_BACKOFF_MS = 5_000;

/** What one poll did, and when the earliest job it saw not yet due falls due (null: none seen). */
export interface PollOutcome {
  done: number;
  nextDueAt: Date | null;
}

export interface PollingOptions {
  /** Names the loop in its log lines, e.g. `evaluation worker`. */
  name: string;
  /** The longest wait between two polls: how late work enqueued by a process that cannot wake this one may start. */
  pollMs: number;
  /**
   * One poll: the work due now, and the jobs falling due within `pollMs` (see `lookahead`), resolving to how much it
   * did (more may be waiting: poll again at once) and when the next job falls due. A rejection counts as a failed poll.
   */
  poll: () => Promise<PollOutcome>;
  /** The timer holds the process open (a standalone worker has nothing else to); inside the gateway it must not. */
  keepProcessAlive?: boolean;
  /** The bus whose WORK_ENQUEUED signal (announceWork) makes the loop poll at once: in this process, or on every instance with Redis. */
  bus?: GatewayPubSub;
}

/** The buses with a WORK_ENQUEUED signal already queued for this turn of the event loop. */
const announcing = new WeakSet<GatewayPubSub>();

/**
 * Tells every worker loop listening on `bus` that work may have been enqueued (after the commit that enqueued it): an
 * evaluation, a document analysis, webhook deliveries. With Redis the signal reaches the workers of every instance.
 */
export function announceWork(bus: GatewayPubSub): void {
  // One signal per bus and turn of the event loop, however many commits announce work in it: a loop needs one poll.
  if (announcing.has(bus)) return;
  announcing.add(bus);
  queueMicrotask(() => {
    announcing.delete(bus);
    bus.publish('WORK_ENQUEUED');
  });
}

/**
 * The poll loop of the durable workers (evaluations, document analyses, webhook deliveries): one poll at a time; the
 * next one at once while polls find work, at the due time of the next job a poll saw, at once when work is announced
 * on the bus, and otherwise after `pollMs` (work enqueued where no signal reaches this loop). A failing poll (database
 * away) is logged once per outage, retried with exponential back-off up to MAX_POLL_BACKOFF_MS, its recovery logged; it
 * never ends the loop. `stop()` waits for the poll in progress.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;
  /** Work was announced during the poll in progress: poll again as soon as it ends. */
  private wokenWhileRunning = false;
  private signals: AsyncIterator<unknown> | null = null;

  constructor(private readonly options: PollingOptions) {}

  start(): void {
    this.stopped = false;
    this.tick();
    const { bus } = this.options;
    if (bus) void this.listen(bus.subscribe('WORK_ENQUEUED')[Symbol.asyncIterator]());
  }

  /** Polls now (or right after the poll in progress): work was enqueued. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    if (this.failures > 0) return; // the database is away: the back-off decides
    this.tick();
  }

  /** Whether stop() was called: a poll in progress should finish its current item and take no more. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Stops polling and waits for the poll in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.signals?.return?.();
    await this.running;
  }

  private async listen(signals: AsyncIterator<unknown>): Promise<void> {
    this.signals = signals;
    try {
      while (!this.stopped && !(await signals.next()).done) this.wake();
    } catch (error) {
      logger.warn({ err: error }, `${this.options.name}: work signals stopped; polling every ${this.options.pollMs} ms`);
    }
  }

  private tick(): void {
    const { name, pollMs, poll, keepProcessAlive = false } = this.options;
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wokenWhileRunning = false;
    let outcome: PollOutcome = { done: 0, nextDueAt: null };
    this.running = poll()
      .then((result) => {
        if (this.failures > 0) logger.info({ failedPolls: this.failures }, `${name}: recovered, polling again`);
        this.failures = 0;
        outcome = result;
      })
      .catch((error) => {
        this.failures += 1;
        if (this.failures === 1) logger.error({ err: error }, `${name} poll failed; retrying with back-off`);
        else logger.debug({ err: error, failedPolls: this.failures }, `${name} poll failed again`);
      })
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        const now = Date.now();
        let at: number;
        if (this.failures > 0) at = now + Math.min(pollMs * 2 ** Math.min(this.failures, 16), Math.max(MAX_POLL_BACKOFF_MS, pollMs));
        else if (outcome.done > 0 || this.wokenWhileRunning) at = now;
        else at = Math.min(now + pollMs, outcome.nextDueAt?.getTime() ?? Infinity);
        this.schedule(at, keepProcessAlive);
      });
  }

  /** The next poll at `at` (Date.now() time), not before: that job would not be due yet, and its poll would be wasted. */
  private schedule(at: number, keepProcessAlive: boolean): void {
    // Node counts a timer from the event loop's cached time, so it may fire a little before `at`: then wait the rest.
    const arm = () => {
      this.timer = setTimeout(() => (Date.now() < at ? arm() : this.tick()), Math.max(0, at - Date.now()));
      if (!keepProcessAlive) this.timer.unref();
    };
    arm();
  }
}

/** How far ahead a poll looks for jobs falling due, so that the loop wakes at their due time: one poll interval. */
export function lookahead(now: Date, pollMs: number): Date {
  return new Date(now.getTime() + pollMs);
}
