import { z } from 'zod';

/** Configuration of the projector process, parsed once in main.ts. */
export const ProjectorEnv = z.object({
  /** NATS servers (comma-separated) carrying the event streams. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Postgres holding the read models; migrations run against it at start. */
  DATABASE_URL: z.string().default('postgres://fuzzforge:fuzzforge@127.0.0.1:5433/fuzzforge'),
  /** Attempts before a failing event is parked in FF_DLQ. */
  FF_PROJECTOR_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
});
export type ProjectorEnv = z.infer<typeof ProjectorEnv>;
