import { Column } from 'typeorm';
import { TextColumn } from '../data/columns';

/**
 * The claim columns every durable job table carries (src/platform/jobs/durable-steps.ts),
 * declared once: a job entity extends this and adds its own `stage` enum, its
 * `@Index(['stage', 'runAt'])` and what the job is about.
 */
export abstract class JobColumns {
  /** Due time of the next step. */
  @Column({ type: 'datetime', precision: 3 })
  runAt!: Date;

  /** Optimistic lock: every step moves it on, so two workers can never both apply one step. */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @TextColumn(500, { nullable: true })
  lastError!: string | null;
}
