import { z } from 'zod';
import { MetricsEnv, NatsEnv, StreamEnv, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the dispatcher process, parsed once in main.ts. */
export const DispatcherEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...StreamEnv.shape,
  // FF_METRICS_PORT / _HOST / _PORT_FILE: where /metrics is served (services/platform/src/env.ts).
  ...MetricsEnv.shape,
  /** Attempts before a request that cannot be started is parked in FF_DLQ (outages do not count). */
  FF_DISPATCHER_MAX_DELIVER: z.coerce.number().int().min(1).default(10),
});
export type DispatcherEnv = z.infer<typeof DispatcherEnv>;
