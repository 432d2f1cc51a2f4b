import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { SeverityCounts } from '../severity';

export const runCompletedType = 'ff.run.completed';
export const runCompletedVersion = 'v1';
export const runCompletedSubject = (runId: string): string => `ff.run.${runId}.completed`;

export const RunCompletedData = z.object({
  runId: AggregateId,
  findingCount: z.number().int().nonnegative(),
  countsBySeverity: SeverityCounts,
  /** S3 key of the SARIF report. */
  reportKey: z.string(),
  completedAt: z.iso.datetime({ offset: true }),
});
export type RunCompletedData = z.infer<typeof RunCompletedData>;

export const RunCompletedV1 = eventSchema(runCompletedType, runCompletedVersion, RunCompletedData);
export type RunCompletedV1 = z.infer<typeof RunCompletedV1>;
