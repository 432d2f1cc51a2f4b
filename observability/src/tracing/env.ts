import { z } from 'zod';

const flag = z
  .string()
  .default('false')
  .transform((value) => ['true', '1'].includes(value.trim().toLowerCase()));

/** Variables read by the tracing bootstrap (`register.ts`), parsed once when a process starts. */
export const TracingEnv = z.object({
  /** The benchmark's "tracing off" switch: no SDK, no loader hook, no overhead (OTel standard name). */
  OTEL_SDK_DISABLED: flag,
  /** Where spans go (collector base URL, `/v1/traces` is appended); unset = spans are made, never sent. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Overrides the service name for every process in an environment (OTel standard name). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Service name set by our supervisor per process; used when OTEL_SERVICE_NAME is not set. */
  FF_SERVICE_NAME: z.string().min(1).optional(),
  /** Release label for traces (e.g. a git sha in CI); defaults to the package.json version. */
  FF_SERVICE_VERSION: z.string().min(1).optional(),
});
export type TracingEnv = z.infer<typeof TracingEnv>;

/** Parses the tracing variables; an empty string counts as unset, like OTel's own SDK does. */
export function parseTracingEnv(env: NodeJS.ProcessEnv): TracingEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  return TracingEnv.parse(present);
}
