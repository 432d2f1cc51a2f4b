import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const runStartedType = 'ff.run.started';
export const runStartedVersion = 'v1';
export const runStartedSubject = (runId: string): string => `ff.run.${runId}.started`;

export const RunStartedData = z.object({
  runId: AggregateId,
  workflow: z.string(),
  /** Identity of the Temporal worker that picked the run up. */
  worker: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
});
export type RunStartedData = z.infer<typeof RunStartedData>;

export const RunStartedV1 = eventSchema(runStartedType, runStartedVersion, RunStartedData);
export type RunStartedV1 = z.infer<typeof RunStartedV1>;
