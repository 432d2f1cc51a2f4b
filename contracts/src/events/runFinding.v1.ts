import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { Finding } from '../finding';

export const runFindingType = 'ff.run.finding';
export const runFindingVersion = 'v1';
export const runFindingSubject = (runId: string): string => `ff.run.${runId}.finding`;

export const RunFindingData = z.object({
  runId: AggregateId,
  finding: Finding,
  foundAt: z.iso.datetime({ offset: true }),
});
export type RunFindingData = z.infer<typeof RunFindingData>;

export const RunFindingV1 = eventSchema(runFindingType, runFindingVersion, RunFindingData);
export type RunFindingV1 = z.infer<typeof RunFindingV1>;
