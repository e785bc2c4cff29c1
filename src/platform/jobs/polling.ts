import { logger } from '../observability/logger';

/** Longest wait between two polls while the database keeps failing. */
export const MAX_POLL_BACKOFF_MS = 5_000;

export interface PollingOptions {
  /** Names the loop in its log lines, e.g. `evaluation worker`. */
  name: string;
  pollMs: number;
  /** One poll: the work due now, resolving to how much it did (more may be waiting: poll again at once). A rejection counts as a failed poll. */
  poll: () => Promise<number>;
  /** The timer holds the process open (a standalone worker has nothing else to); inside the gateway it must not. */
  keepProcessAlive?: boolean;
}

/**
 * The poll loop of the durable workers (evaluations, webhook deliveries): one
 * poll at a time, the next one at once while polls find work; a failing poll (database away) is logged once per outage,
 * retried with exponential back-off up to MAX_POLL_BACKOFF_MS, its recovery
 * logged; it never ends the loop. `stop()` waits for the poll in progress.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;

  constructor(private readonly options: PollingOptions) {}

  start(): void {
    const { name, pollMs, poll, keepProcessAlive = false } = this.options;
    this.stopped = false;
    let busy = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = poll()
        .then((done) => {
          if (this.failures > 0) logger.info({ failedPolls: this.failures }, `${name}: recovered, polling again`);
          this.failures = 0;
          busy = done > 0;
        })
        .catch((error) => {
          this.failures += 1;
          if (this.failures === 1) logger.error({ err: error }, `${name} poll failed; retrying with back-off`);
          else logger.debug({ err: error, failedPolls: this.failures }, `${name} poll failed again`);
        })
        .finally(() => {
          this.running = null;
          if (this.stopped) return;
          const delay = busy && this.failures === 0 ? 0 : Math.min(pollMs * 2 ** Math.min(this.failures, 16), Math.max(MAX_POLL_BACKOFF_MS, pollMs));
          this.timer = setTimeout(tick, delay);
          if (!keepProcessAlive) this.timer.unref();
        });
    };
    tick();
  }

  /** Whether stop() was called: a poll in progress should finish its current item and take no more. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Stops polling and waits for the poll in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
