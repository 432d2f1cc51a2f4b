import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { ProjectName } from '../fuzzing';

export const runRequestedType = 'ff.run.requested';
export const runRequestedVersion = 'v1';
export const runRequestedSubject = (runId: string): string => `ff.runs.requested.${runId}`;

export const RunRequestedData = z.object({
  runId: AggregateId,
  targetId: AggregateId,
  targetSha256: z.string().regex(/^[0-9a-f]{64}$/),
  workflow: z.string().min(1),
  /** Resolved from the catalog by the API, so the dispatcher needs no catalog lookup to route. */
  vertical: z.string().regex(/^[a-z0-9-]+$/),
  parameters: z.record(z.string(), z.unknown()),
  /** Absent in events from before projects existed: those runs belong to `default`. */
  project: ProjectName.optional(),
  /** The run this one repeats (POST /v1/runs/:id/retry): same target, workflow, parameters, project. */
  retryOf: AggregateId.optional(),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type RunRequestedData = z.infer<typeof RunRequestedData>;

export const RunRequestedV1 = eventSchema(runRequestedType, runRequestedVersion, RunRequestedData);
export type RunRequestedV1 = z.infer<typeof RunRequestedV1>;
