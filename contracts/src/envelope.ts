import { z } from 'zod';

/**
 * CloudEvents 1.0 attributes plus our schema `version`. `id` doubles as the JetStream `Nats-Msg-Id`,
 * so publishing the same event twice stores it once.
 */
export const EnvelopeBase = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  type: z.string().min(1),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  version: z.string().regex(/^v\d+$/),
  /** W3C trace context of the producer, when it had one. */
  traceparent: z.string().optional(),
  data: z.unknown(),
});
export type EnvelopeBase = z.infer<typeof EnvelopeBase>;

/** Builds the schema of one event type: fixed `type` and `version`, typed `data`. */
export function eventSchema<T extends string, V extends string, D extends z.ZodType>(
  type: T,
  version: V,
  data: D,
) {
  return EnvelopeBase.extend({ type: z.literal(type), version: z.literal(version), data });
}

/** The identifier alphabet of run and target ids: safe as a NATS subject token and a URL segment. */
export const AggregateId = z.string().regex(/^[0-9A-Za-z_-]{1,80}$/, 'must be 1-80 of [0-9A-Za-z_-]');
