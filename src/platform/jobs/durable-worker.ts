import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import type { GatewayPubSub } from '../events/pubsub';
import { DurableJob, dueJobs, runDurableStep, testPauseStage } from './durable-steps';
import { lookahead, PollingLoop, PollOutcome } from './polling';

/** What a durable job table needs to be worked: its entity, its done stage and one step. */
export interface DurableJobKind<J extends DurableJob, R> {
  /** Names the loop in its log lines, e.g. `evaluation worker`. */
  name: string;
  entity: EntityTarget<J>;
  doneStage: string;
  batchSize: number;
  pollMs: number;
  /** Delay before a failed step is tried again. */
  retryDelayMs: number;
  /** Names the job in log lines and the test pause hook, e.g. `registration 12`. */
  label(job: J): string;
  /** The step, inside its transaction (after the claim): what it returns reaches `afterCommit`. */
  step(manager: EntityManager, job: J): Promise<R>;
  /** After the commit: publish events, count metrics. */
  afterCommit?(result: R, job: J): void;
}

/**
 * The one durable worker loop: polls the due jobs of one table and runs each
 * step exactly once across crashes and concurrent workers (durable-steps.ts).
 * A failing poll (database away) is logged once, retried with back-off and its
 * recovery logged (polling.ts); it never ends the worker.
 */
export class DurableWorker<J extends DurableJob, R> {
  private loop: PollingLoop | null = null;
  private readonly pauseStage = testPauseStage();

  constructor(
    protected readonly dataSource: DataSource,
    private readonly kind: DurableJobKind<J, R>,
    /** Its WORK_ENQUEUED signal (announceWork) makes the loop poll at once. */
    private readonly bus?: GatewayPubSub,
  ) {}

  /**
   * Polls until stop(). `keepProcessAlive`: the poll timer holds the process
   * open (the standalone worker has nothing else to); inside the gateway the
   * HTTP server does, and the timer must not keep a stopped gateway alive.
   */
  start({ keepProcessAlive = false } = {}): void {
    this.loop = new PollingLoop({ name: this.kind.name, pollMs: this.kind.pollMs, poll: () => this.poll(), keepProcessAlive, bus: this.bus });
    this.loop.start();
  }

  /** Stops polling and waits for the step in progress, if any, to commit. */
  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Runs every step due at `now`; returns how many this worker applied. */
  async runDueSteps(now = new Date(), batchSize = this.kind.batchSize): Promise<number> {
    return (await this.poll(now, batchSize)).done;
  }

  /** One poll of the loop: the steps due at `now`, and when the first job of the next poll interval falls due. */
  private async poll(now = new Date(), batchSize = this.kind.batchSize): Promise<PollOutcome> {
    const jobs = await dueJobs(this.dataSource, this.kind.entity, this.kind.doneStage, lookahead(now, this.kind.pollMs), batchSize);
    const due = jobs.filter((job) => job.runAt <= now);
    let applied = 0;
    for (const job of due) {
      if (this.loop?.stopping) break;
      const result = await runDurableStep(this.dataSource, this.kind.entity, job, (manager) => this.kind.step(manager, job), {
        label: this.kind.label(job),
        retryDelayMs: this.kind.retryDelayMs,
        pauseStage: this.pauseStage,
      });
      if (result === null) continue;
      this.kind.afterCommit?.(result, job);
      applied += 1;
    }
    return { done: applied, nextDueAt: jobs.find((job) => job.runAt > now)?.runAt ?? null };
  }
}
