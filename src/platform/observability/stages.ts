import { performance } from 'node:perf_hooks';

/**
 * Where the time of a request goes, stage by stage, for `npm run bench`
 * (STAGE_TIMINGS=true; off by default, then every call here is one boolean
 * test). Process-wide sums of wall-clock milliseconds per stage, exposed on
 * /metrics as `gateway_stage_milliseconds_total{stage}`: the bench runs one
 * operation at a time, reads the sums before and after a run and divides by
 * the requests. Concurrent requests overlap, and so do a request's concurrent
 * SQL statements: the figures are time spent per request in each stage, not
 * CPU time.
 */
export const STAGES = ['admission', 'parse', 'validate', 'cost', 'execution', 'sql', 'audit', 'serialization', 'logging', 'metrics'] as const;
export type Stage = (typeof STAGES)[number];

export const stageTimings = {
  enabled: process.env.STAGE_TIMINGS === 'true',
  totals: Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>,
};

/** A start mark (0 when timings are off). */
export function stageStart(): number {
  return stageTimings.enabled ? performance.now() : 0;
}

/** Adds the time since `start` (from stageStart) to `stage`. */
export function stageEnd(stage: Stage, start: number): void {
  if (stageTimings.enabled) stageTimings.totals[stage] += performance.now() - start;
}
