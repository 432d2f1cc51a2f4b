import { z } from 'zod';
import { DatabaseEnv, MetricsEnv, NatsEnv, StreamEnv, WebhookSecretsEnv } from '@fuzzforge/platform';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const hour = 3_600_000;

/** Configuration of the webhooks service, parsed once in main.ts. */
export const WebhooksEnv = z.object({
  ...NatsEnv.shape,
  ...DatabaseEnv.shape,
  ...StreamEnv.shape,
  // FF_METRICS_PORT / _HOST / _PORT_FILE: where /metrics is served (services/platform/src/env.ts).
  ...MetricsEnv.shape,
  // FF_WEBHOOK_SECRET_KEYS: opens the stored signing secrets (services/platform/src/env.ts).
  ...WebhookSecretsEnv.shape,
  /**
   * CIDRs (comma-separated) deliveries may reach although they are private, loopback or link-local,
   * e.g. `10.20.0.0/16` for an internal SIEM. Empty: only public addresses. Cloud metadata addresses
   * need an exact /32 (/128) entry.
   */
  FF_WEBHOOK_ALLOWED_NETWORKS: z.string().default(''),
  /** DNS + TCP (+ TLS) of one connection; an endpoint slower than this is down. */
  FF_WEBHOOK_CONNECT_TIMEOUT_MS: ms(5_000),
  /** The whole attempt, answer included: receivers should acknowledge first and work afterwards. */
  FF_WEBHOOK_TIMEOUT_MS: ms(15_000),
  /** What is read of a receiver's answer (and the start of it kept in the delivery log). */
  FF_WEBHOOK_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024),
  /** Redirects followed per attempt, each one checked like the first URL. */
  FF_WEBHOOK_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(3),
  /** Requests in flight at once, over all subscriptions. */
  FF_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /** Attempts of one delivery before it is dead-lettered (1 = no retry). */
  FF_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Delay before the first retry; each next one is FF_WEBHOOK_RETRY_FACTOR times longer. */
  FF_WEBHOOK_RETRY_BASE_MS: ms(5_000),
  FF_WEBHOOK_RETRY_FACTOR: z.coerce.number().min(1).default(5),
  /** Longest delay between two attempts. */
  FF_WEBHOOK_RETRY_MAX_MS: ms(10 * hour),
  /** Each delay is spread by ± this fraction, so receivers coming back are not hit all at once. */
  FF_WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(0.5).default(0.2),
  /** A subscription is disabled after this many failed attempts in a row… */
  FF_WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(20),
  /** …once it has been failing for at least this long (a short outage never disables it). */
  FF_WEBHOOK_DISABLE_AFTER_MS: ms(24 * hour),
  /** How often the delivery log is checked for due deliveries another process (or the API) made due. */
  FF_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  /** Attempts at fanning an event out before it is parked in FF_DLQ (outages do not count). */
  FF_WEBHOOK_FANOUT_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
});
export type WebhooksEnv = z.infer<typeof WebhooksEnv>;
