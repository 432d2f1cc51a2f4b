import { z } from 'zod';

/** GET /healthz: the process is up (it says nothing about its dependencies). */
export const HealthResponse = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** One dependency probe of /readyz. */
export const ReadinessCheckResult = z.object({ ok: z.boolean(), error: z.string().optional() });
export type ReadinessCheckResult = z.infer<typeof ReadinessCheckResult>;

/** GET /readyz when every dependency answered; a failing one makes it a 503 problem instead. */
export const ReadinessResponse = z.object({
  status: z.literal('ready'),
  /** By dependency name (nats, postgres, s3, temporal). */
  checks: z.record(z.string(), ReadinessCheckResult),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
