import { z } from 'zod';
import { Finding } from '../finding';
import { SeverityCounts } from '../severity';

export const RunStatus = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

export const CreateRunRequest = z.object({
  target: z.string().min(1),
  workflow: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).default({}),
});
export type CreateRunRequest = z.infer<typeof CreateRunRequest>;

/** Body of POST /v1/runs/:id/cancel (optional). */
export const CancelRunRequest = z.object({ reason: z.string().max(500).optional() });
export type CancelRunRequest = z.infer<typeof CancelRunRequest>;

export const CreateRunResponse = z.object({ id: z.string(), status: RunStatus });
export type CreateRunResponse = z.infer<typeof CreateRunResponse>;

export const RunTimelineEntry = z.object({ status: RunStatus, at: z.string() });
export type RunTimelineEntry = z.infer<typeof RunTimelineEntry>;

export const RunResponse = z.object({
  id: z.string(),
  status: RunStatus,
  target: z.string().nullable(),
  workflow: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  requestedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  timeline: z.array(RunTimelineEntry),
  findingCounts: SeverityCounts,
  progress: z.object({ step: z.string(), message: z.string(), percent: z.number().optional() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  reportKey: z.string().nullable(),
});
export type RunResponse = z.infer<typeof RunResponse>;

export const FindingsResponse = z.object({
  run: z.string(),
  findings: z.array(Finding.extend({ id: z.string() })),
});
export type FindingsResponse = z.infer<typeof FindingsResponse>;
