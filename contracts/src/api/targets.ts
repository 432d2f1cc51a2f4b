import { z } from 'zod';
import { ProjectName } from '../fuzzing';

export const TargetResponse = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  filename: z.string().nullable(),
  contentType: z.string(),
  uploadedAt: z.string(),
  /** The projects the target was uploaded to or run in: a key limited to projects sees it through them. */
  projects: z.array(ProjectName),
});
export type TargetResponse = z.infer<typeof TargetResponse>;

/** A page of targets, newest upload first; `next` is the cursor of the following page. */
export const TargetListResponse = z.object({ targets: z.array(TargetResponse), next: z.string().nullable() });
export type TargetListResponse = z.infer<typeof TargetListResponse>;
