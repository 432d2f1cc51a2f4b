import { z } from 'zod';
import { DatabaseEnv, MetricsEnv, NatsEnv, StreamEnv } from '@fuzzforge/platform';

/** Configuration of the projector process, parsed once in main.ts. */
export const ProjectorEnv = z.object({
  ...NatsEnv.shape,
  ...DatabaseEnv.shape,
  ...StreamEnv.shape,
  // FF_METRICS_PORT / _HOST / _PORT_FILE: where /metrics is served (services/platform/src/env.ts).
  ...MetricsEnv.shape,
  /** Attempts before a failing event is parked in FF_DLQ (outages do not count). */
  FF_PROJECTOR_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
  /** Events applied per transaction at most; batches only form when events queue up. */
  FF_PROJECTOR_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ProjectorEnv = z.infer<typeof ProjectorEnv>;
