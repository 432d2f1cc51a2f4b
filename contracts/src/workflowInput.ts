import { z } from 'zod';
import { CacheMode, ToolResources } from './workflowCatalog';

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
});
export type RunWorkflowInput = z.infer<typeof RunWorkflowInput>;
