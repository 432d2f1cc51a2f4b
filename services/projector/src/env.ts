import { z } from 'zod';
import { DatabaseEnv, NatsEnv } from '@fuzzforge/platform';

/** Configuration of the projector process, parsed once in main.ts. */
export const ProjectorEnv = z.object({
  ...NatsEnv.shape,
  ...DatabaseEnv.shape,
  /** Attempts before a failing event is parked in FF_DLQ (outages do not count). */
  FF_PROJECTOR_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
});
export type ProjectorEnv = z.infer<typeof ProjectorEnv>;
