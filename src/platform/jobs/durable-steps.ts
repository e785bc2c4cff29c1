import { DataSource, EntityManager, EntityTarget, LessThanOrEqual, Not, ObjectLiteral } from 'typeorm';
import { lifecycleLogger } from '../observability/logger';

/**
 * The job machinery of the durable workers (evaluations, document analyses).
 * A job row carries `stage` (its next step), `runAt`, `version`, `attempts`
 * and `lastError`. Each step is one transaction that first bumps the job's
 * version with a conditional UPDATE: on MySQL/MariaDB that takes the row lock,
 * so a second worker waits and then finds the version moved and skips; on
 * SQLite the database write lock serialises steps. A crash rolls the step back
 * and a later poll redoes it, so every step happens exactly once.
 */
export interface DurableJob extends ObjectLiteral {
  id: number;
  stage: string;
  runAt: Date;
  version: number;
  attempts: number;
}

/** Jobs not finished (`stage` other than `doneStage`) and due by `until`, the earliest due first. */
export function dueJobs<J extends DurableJob>(
  dataSource: DataSource,
  entity: EntityTarget<J>,
  doneStage: string,
  until: Date,
  batchSize: number,
): Promise<J[]> {
  return dataSource.getRepository(entity).find({
    where: { stage: Not(doneStage), runAt: LessThanOrEqual(until) } as never,
    order: { runAt: 'ASC' } as never,
    take: batchSize,
  });
}

/**
 * Test-only hook (NODE_ENV=test and TEST_PAUSE_IN_STEP=<stage>): the worker
 * stops for ever inside that step's transaction, after its writes and before
 * the commit, printing `paused inside <stage> transaction of <label>`, so a
 * test can kill it mid-transaction. Inert otherwise.
 */
export function testPauseStage(): string | null {
  const stage = process.env.TEST_PAUSE_IN_STEP;
  return process.env.NODE_ENV === 'test' && stage ? stage : null;
}

export interface StepOptions {
  /** Names the job in the pause hook's line, e.g. `registration 12`. */
  label: string;
  /** After a failed step the job waits this long, so the other jobs get their turn. */
  retryDelayMs: number;
  /** The stage at which the test hook pauses (testPauseStage()). */
  pauseStage: string | null;
}

/** How many times a step chosen as a deadlock victim is run again at once before it counts as a failed attempt. */
export const DEADLOCK_RETRIES = 3;

/**
 * MariaDB/MySQL chose this transaction as a deadlock victim (errno 1213, "try restarting transaction"): it was rolled
 * back whole, so running it again is safe. Concurrent workers approving customers take gap locks on the same unique
 * indexes; a lost deadlock is the database's scheduling, not the step's failure.
 */
export function lostDeadlock(error: unknown): boolean {
  const failure = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  return failure?.errno === 1213 || failure?.driverError?.errno === 1213;
}

/**
 * Claims `job`'s current step and applies it in one transaction. Returns
 * `apply`'s result, or null when another worker had already applied the step.
 * A step that loses a deadlock runs again at once (DEADLOCK_RETRIES times; its
 * rolled-back try counts nothing). Any other failing step is rolled back, its
 * error kept in `lastError`, its `attempts` counted and the job delayed; the
 * error is then rethrown.
 */
export async function runDurableStep<J extends DurableJob, R>(
  dataSource: DataSource,
  entity: EntityTarget<J>,
  job: J,
  apply: (manager: EntityManager) => Promise<R>,
  options: StepOptions,
): Promise<R | null> {
  // One try: the claim and `apply` in one transaction.
  const applyOnce = () =>
    dataSource.transaction(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(entity)
        .set({ version: () => 'version + 1', attempts: () => 'attempts + 1' } as never)
        .where('id = :id AND version = :version AND stage = :stage', { id: job.id, version: job.version, stage: job.stage })
        .execute();
      if (!claimed.affected) return null; // another worker applied this step
      const result = await apply(manager);
      if (options.pauseStage === job.stage) {
        lifecycleLogger.warn(`paused inside ${job.stage} transaction of ${options.label}`); // test hook (TEST_PAUSE_IN_STEP)
        await new Promise(() => setInterval(() => undefined, 60_000)); // until the test kills the process
      }
      return result;
    });
  for (let retry = 0; ; retry++) {
    try {
      return await applyOnce();
    } catch (error) {
      if (lostDeadlock(error) && retry < DEADLOCK_RETRIES) continue;
      // Best effort (the database may be the failure): the rolled-back try still counts as an attempt.
      await dataSource
        .getRepository(entity)
        .createQueryBuilder()
        .update()
        .set({ lastError: String(error).slice(0, 500), runAt: new Date(Date.now() + options.retryDelayMs), attempts: () => 'attempts + 1' } as never)
        .where('id = :id', { id: job.id })
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }
}
