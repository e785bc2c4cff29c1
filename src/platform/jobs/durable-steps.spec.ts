import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DEADLOCK_RETRIES, lostDeadlock, runDurableStep } from './durable-steps';
import { JobColumns } from './job-columns';

@Entity('spec_jobs')
class SpecJob extends JobColumns {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  stage!: string;
}

/** What mysql2 rejects with when MariaDB picks the transaction as a deadlock victim (TypeORM wraps it, copying errno). */
const deadlock = () =>
  Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' });

describe('durable steps', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [SpecJob], synchronize: true }).initialize();
  });
  afterAll(() => dataSource.destroy());

  const newJob = () => dataSource.getRepository(SpecJob).save({ stage: 'EVALUATE', runAt: new Date(), version: 0, attempts: 0, lastError: null });
  const stored = (id: number) => dataSource.getRepository(SpecJob).findOneByOrFail({ id });
  const options = { label: 'spec job', retryDelayMs: 60_000, pauseStage: null };
  /** Runs a step of `job` that always throws `failure()`; resolves how many times it was tried once the step has failed. */
  const failingStep = async (job: SpecJob, failure: () => Error) => {
    let tries = 0;
    const step = runDurableStep(
      dataSource,
      SpecJob,
      job,
      async () => {
        tries += 1;
        throw failure();
      },
      options,
    );
    await expect(step).rejects.toThrow(failure().message);
    return tries;
  };

  it('recognises a lost deadlock by its errno, raw or wrapped by TypeORM, and nothing else', () => {
    expect(lostDeadlock(deadlock())).toBe(true);
    expect(lostDeadlock({ driverError: { errno: 1213 } })).toBe(true);
    expect(lostDeadlock(Object.assign(new Error('Duplicate entry'), { errno: 1062 }))).toBe(false);
    expect(lostDeadlock(null)).toBe(false);
  });

  it('runs a step that lost a deadlock again at once: one attempt counted, no error kept, no delay', async () => {
    const job = await newJob();
    let tries = 0;
    const result = await runDurableStep(
      dataSource,
      SpecJob,
      job,
      async (manager) => {
        tries += 1;
        await manager.update(SpecJob, { id: job.id }, { stage: 'DONE' });
        if (tries === 1) throw deadlock(); // rolled back: the stage change and the claim with it
        return 'decided';
      },
      options,
    );
    expect(result).toBe('decided');
    expect(tries).toBe(2);
    expect(await stored(job.id)).toMatchObject({ stage: 'DONE', attempts: 1, version: 1, lastError: null });
  });

  it(`counts a step that keeps losing deadlocks as a failed attempt after ${DEADLOCK_RETRIES} retries, with the error kept and the job delayed`, async () => {
    const job = await newJob();
    expect(await failingStep(job, deadlock)).toBe(DEADLOCK_RETRIES + 1);
    const after = await stored(job.id);
    expect(after).toMatchObject({ stage: 'EVALUATE', attempts: 1, version: 0 });
    expect(after.lastError).toMatch(/Deadlock found/);
    expect(after.runAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it('counts any other failure at once: rolled back, attempt counted, error kept', async () => {
    const job = await newJob();
    expect(await failingStep(job, () => new Error('scoring service unavailable'))).toBe(1);
    expect(await stored(job.id)).toMatchObject({ stage: 'EVALUATE', attempts: 1, lastError: 'Error: scoring service unavailable' });
  });
});
