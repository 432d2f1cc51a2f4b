import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const runCancelRequestedType = 'ff.run.cancel-requested';
export const runCancelRequestedVersion = 'v1';
export const runCancelRequestedSubject = (runId: string): string => `ff.runs.cancel-requested.${runId}`;

export const RunCancelRequestedData = z.object({
  runId: AggregateId,
  reason: z.string().max(500),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type RunCancelRequestedData = z.infer<typeof RunCancelRequestedData>;

export const RunCancelRequestedV1 = eventSchema(
  runCancelRequestedType,
  runCancelRequestedVersion,
  RunCancelRequestedData,
);
export type RunCancelRequestedV1 = z.infer<typeof RunCancelRequestedV1>;
