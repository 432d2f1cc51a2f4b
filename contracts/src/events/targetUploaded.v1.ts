import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { ProjectName } from '../fuzzing';

export const targetUploadedType = 'ff.target.uploaded';
export const targetUploadedVersion = 'v1';
export const targetUploadedSubject = (targetId: string): string => `ff.targets.uploaded.${targetId}`;

export const TargetUploadedData = z.object({
  targetId: AggregateId,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  filename: z.string().max(255).optional(),
  contentType: z.string(),
  storageKey: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
  /** The project the upload was made to; absent (events before projects) means `default`. */
  project: ProjectName.optional(),
});
export type TargetUploadedData = z.infer<typeof TargetUploadedData>;

export const TargetUploadedV1 = eventSchema(targetUploadedType, targetUploadedVersion, TargetUploadedData);
export type TargetUploadedV1 = z.infer<typeof TargetUploadedV1>;
