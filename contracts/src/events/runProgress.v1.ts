import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { FuzzStats } from '../fuzzing';

export const runProgressType = 'ff.run.progress';
export const runProgressVersion = 'v1';
export const runProgressSubject = (runId: string): string => `ff.run.${runId}.progress`;

export const RunProgressData = z.object({
  runId: AggregateId,
  /** Monotonic within a run; part of the event id so a retried activity republishes the same id. */
  seq: z.number().int().nonnegative(),
  step: z.string().min(1),
  message: z.string(),
  percent: z.number().min(0).max(100).optional(),
  at: z.iso.datetime({ offset: true }),
  /** Live counters of a fuzzing campaign. */
  fuzzing: FuzzStats.optional(),
});
export type RunProgressData = z.infer<typeof RunProgressData>;

export const RunProgressV1 = eventSchema(runProgressType, runProgressVersion, RunProgressData);
export type RunProgressV1 = z.infer<typeof RunProgressV1>;
