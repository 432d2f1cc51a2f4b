import { z } from 'zod';
import { ProjectName } from './fuzzing';
import { CacheMode, ToolResources } from './workflowCatalog';

/**
 * One part of a composite run (security-assessment runs one child workflow per vertical). `runId`
 * stays the composite run's id: the part publishes its findings under it, reports no lifecycle event
 * of its own (the parent does), scopes its progress event ids with `scope` and stores its SARIF as
 * `results/<runId>/<scope>.sarif`, so parts never collide with each other or with the merged report.
 */
export const RunPart = z.object({
  /** Names the part (the vertical) in event ids and report keys. */
  scope: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .refine((s) => s !== 'report', 'report.sarif is the merged report'),
});
export type RunPart = z.infer<typeof RunPart>;

/** The single argument of every FuzzForge workflow: small, with the target travelling as an S3 key. */
export const RunWorkflowInput = z.object({
  runId: z.string(),
  targetId: z.string(),
  targetSha256: z.string().regex(/^[0-9a-f]{64}$/),
  workflow: z.string(),
  cacheMode: CacheMode,
  parameters: z.record(z.string(), z.unknown()),
  /** Absent in runs started before limits existed: the defaults apply. */
  resources: ToolResources.optional(),
  /** Set when this workflow runs as one part of a composite run (see RunPart). */
  child: RunPart.optional(),
  /** The run's project (crash deduplication and corpora are per project); `default` when absent. */
  project: ProjectName.optional(),
  /**
   * The catalog's timeout: past it the workflow cancels its work and fails the run with code `timeout`
   * (Temporal's execution timeout, a little longer, only backs it up). Absent in older runs.
   */
  timeoutSeconds: z.number().int().positive().optional(),
});
export type RunWorkflowInput = z.infer<typeof RunWorkflowInput>;
