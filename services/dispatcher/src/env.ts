import { z } from 'zod';

/** Configuration of the dispatcher process, parsed once in main.ts. */
export const DispatcherEnv = z.object({
  /** NATS servers (comma-separated) carrying run requests. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Temporal frontend that receives workflow starts. */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** Attempts before a request that cannot be started is parked in FF_DLQ. */
  FF_DISPATCHER_MAX_DELIVER: z.coerce.number().int().min(1).default(10),
});
export type DispatcherEnv = z.infer<typeof DispatcherEnv>;
