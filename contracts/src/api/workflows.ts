import { z } from 'zod';
import { WorkflowCatalogEntry } from '../workflowCatalog';

/** GET /v1/workflows: every workflow the platform can run. */
export const WorkflowListResponse = z.object({ workflows: z.array(WorkflowCatalogEntry) });
export type WorkflowListResponse = z.infer<typeof WorkflowListResponse>;
