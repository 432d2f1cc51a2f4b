import { z } from 'zod';

export const TargetResponse = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  filename: z.string().nullable(),
  contentType: z.string(),
  uploadedAt: z.string(),
});
export type TargetResponse = z.infer<typeof TargetResponse>;
