import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const runFailedType = 'ff.run.failed';
export const runFailedVersion = 'v1';
export const runFailedSubject = (runId: string): string => `ff.run.${runId}.failed`;

export const RunFailedData = z.object({
  runId: AggregateId,
  error: z.object({ code: z.string(), message: z.string() }),
  failedAt: z.iso.datetime({ offset: true }),
});
export type RunFailedData = z.infer<typeof RunFailedData>;

export const RunFailedV1 = eventSchema(runFailedType, runFailedVersion, RunFailedData);
export type RunFailedV1 = z.infer<typeof RunFailedV1>;
